//! Conversational AI: every official example body (the OpenAPI document's
//! samples and the join and filler-word example pages) survives a typed
//! round trip; `join` mints its `agora token=` for the agent's channel
//! and uid; the other calls, which name no channel, take a fixed token
//! and refuse a minter before any I/O; acting calls are not idempotent;
//! secrets of the join body stay out of `Debug`.

use agora_api::conversational_ai::{
    AgentId, AgentInterrupt, AgentSpeak, AgentThink, QueryAgentStatus, StartAgent, UpdateAgent,
};
use agora_api::endpoint::WireRequest;
use agora_api::reqwest::header::HeaderMap;
use agora_api::token::{self, AppCertificate, ParsedToken, RtcTokenMinter, Service};
use agora_api::{Client, Endpoint, Error, Secret, TokenSource};
use agora_tests::examples::placeholder_app_id;
use agora_tests::{LocalServer, Reply, basic_client, official_examples};
use serde_json::Value;

const APP: &str = "0123456789abcdef0123456789abcdef";
const AGENT: &str = "1NT29X10YHxxxxxWJOXLYHNYB";
const CERTIFICATE: &str = "5CFd2fd1755d40ecb72977518be15d3b";

/// Decodes `body` sent to `path` as `E`, has the client prepare it again
/// and returns the body it would send.
fn round_trip<E: Endpoint>(path: &str, body: &Value, label: &str) -> Value {
    let headers = HeaderMap::new();
    let bytes = body.to_string();
    let method = E::METHOD;
    let request = WireRequest::new(method.as_str(), path, None, &headers, bytes.as_bytes());
    let endpoint = E::decode(&request).unwrap_or_else(|e| panic!("{label}: does not decode: {e}"));
    let prepared = basic_client("https://api.agora.io")
        .prepare(&endpoint)
        .unwrap_or_else(|e| panic!("{label}: {e}"));
    prepared
        .body()
        .and_then(|body| body.as_bytes())
        .map_or(Value::Null, |bytes| {
            serde_json::from_slice(bytes).expect("a JSON body")
        })
}

/// The body of a record: the MCP sample is a string with a trailing comma
/// (not JSON, as `specs/` records); without it, it is the intended body.
fn body_of(record: &Value) -> Value {
    match &record["body"] {
        Value::String(text) => {
            let fixed = text.replace("],\n          }", "]\n          }");
            serde_json::from_str(&fixed).expect("the MCP sample, its trailing comma dropped")
        }
        body => body.clone(),
    }
}

#[test]
fn every_official_conversational_ai_body_round_trips_through_the_typed_request() {
    let Some(records) = official_examples() else {
        return;
    };
    let base = format!("/api/conversational-ai-agent/v2/projects/{APP}");
    let agent = format!("{base}/agents/{AGENT}");
    let mut operations = Vec::new();
    for (number, record) in records.iter().enumerate() {
        let source = record["source"].as_str().unwrap_or_default();
        if !source.contains("conversational-ai") || record["body"].is_null() {
            continue;
        }
        let url = record["url"].as_str().unwrap_or_default();
        let label = format!("official_examples.jsonl:{} ({source})", number + 1);
        let body = body_of(record);
        let (operation, sent) = if url.ends_with("/join") {
            (
                "join",
                round_trip::<StartAgent>(&format!("{base}/join"), &body, &label),
            )
        } else if url.ends_with("/update") {
            let path = format!("{agent}/update");
            ("update", round_trip::<UpdateAgent>(&path, &body, &label))
        } else if url.ends_with("/speak") {
            let path = format!("{agent}/speak");
            ("speak", round_trip::<AgentSpeak>(&path, &body, &label))
        } else if url.ends_with("/think") {
            let path = format!("{agent}/think");
            ("think", round_trip::<AgentThink>(&path, &body, &label))
        } else if url.ends_with("/interrupt") {
            let path = format!("{agent}/interrupt");
            (
                "interrupt",
                round_trip::<AgentInterrupt>(&path, &body, &label),
            )
        } else {
            panic!("{label}: {url} is not a Conversational AI operation with a body");
        };
        assert_eq!(sent, body, "{label}: the rebuilt request's body");
        operations.push(operation);
    }
    operations.sort_unstable();
    operations.dedup();
    assert_eq!(
        operations,
        ["interrupt", "join", "speak", "think", "update"],
        "a body of every operation that has one"
    );
}

fn minter() -> RtcTokenMinter {
    RtcTokenMinter::new(
        token::AppId::new(APP).expect("an App ID"),
        AppCertificate::new(CERTIFICATE).expect("a certificate"),
    )
    .lifetime_secs(3_600)
}

fn documented_join() -> StartAgent {
    let entry = agora_tests::spec_entry("conversational-ai", "StartAgent");
    let body = &entry["examples"][0]["request"]["body"];
    let bytes = body.to_string();
    let headers = HeaderMap::new();
    StartAgent::decode(&WireRequest::new(
        "POST",
        &format!("/api/conversational-ai-agent/v2/projects/{APP}/join"),
        None,
        &headers,
        bytes.as_bytes(),
    ))
    .expect("the documented join decodes")
}

#[tokio::test]
async fn join_sends_a_token_minted_for_the_agents_channel_and_uid() {
    let server = LocalServer::replying(Reply::json(
        200,
        r#"{"agent_id":"A1","create_ts":1737111452,"status":"STARTING"}"#,
    ))
    .await;
    let client = Client::builder()
        .rtc_token_source(minter())
        .base_url(server.url())
        .build()
        .expect("a client");
    let join = documented_join();
    let started = client.send(&join).await.expect("started");
    assert_eq!(started.agent_id, "A1");
    let request = server.single_request();
    let authorization = request.header("authorization").expect("an authorization");
    let token_text = authorization
        .strip_prefix("agora token=")
        .expect("agora token=");
    let Ok(ParsedToken::V007(parsed)) = token::parse(token_text) else {
        panic!("an AccessToken2");
    };
    parsed
        .verify(&AppCertificate::new(CERTIFICATE).expect("a certificate"))
        .expect("signed with the certificate");
    let Some(Service::Rtc(rtc)) = parsed.services().first() else {
        panic!("an RTC service");
    };
    assert_eq!(
        (rtc.channel_name(), rtc.uid()),
        (
            join.properties.channel.as_str(),
            join.properties.agent_rtc_uid.as_str()
        )
    );
}

fn agent_id() -> AgentId {
    AgentId::new(AGENT).expect("an agent ID")
}

#[tokio::test]
async fn calls_without_a_channel_take_a_fixed_token_and_refuse_a_minter_before_io() {
    let server =
        LocalServer::replying(Reply::json(200, r#"{"agent_id":"A1","status":"RUNNING"}"#)).await;
    let query = QueryAgentStatus::builder()
        .appid(placeholder_app_id())
        .agent_id(agent_id())
        .build();
    let minting = Client::builder()
        .rtc_token_source(minter())
        .base_url(server.url())
        .build()
        .expect("a client");
    let error = minting
        .send(&query)
        .await
        .expect_err("no channel to mint for");
    let Error::InvalidInput(refused) = &error else {
        panic!("refused before I/O: {error:?}");
    };
    assert_eq!(refused.field(), "rtc_token");
    assert!(server.requests().is_empty(), "nothing was sent");

    // The agent's own token, as its `join` was sent with it.
    let kept = minter()
        .token(&documented_join().token_context())
        .expect("minted")
        .expose()
        .to_owned();
    let fixed = Client::builder()
        .rtc_token_source(Secret::new(kept.clone()))
        .base_url(server.url())
        .build()
        .expect("a client");
    fixed.send(&query).await.expect("the agent's own token");
    assert_eq!(
        server.single_request().header("authorization"),
        Some(format!("agora token={kept}").as_str())
    );
}

#[test]
fn acting_calls_are_never_resent_and_reads_may_be() {
    let registered: Vec<_> = agora_api::registry::endpoints()
        .filter(|info| info.product() == "agora_api::conversational_ai")
        .collect();
    assert!(
        !registered.is_empty(),
        "the product's endpoints are registered"
    );
    for info in registered {
        assert_eq!(
            info.idempotent,
            info.method == "GET",
            "{}: only the reads may be re-sent",
            info.name
        );
    }
}

#[test]
fn the_join_bodys_secrets_never_print() {
    let mut join = documented_join();
    join.properties.token = Secret::new("007-agent-token");
    let printed = format!("{join:?}");
    assert!(!printed.contains("007-agent-token"), "{printed}");
    assert!(
        !printed.contains("<your_llm_key>"),
        "the LLM key: {printed}"
    );
}
