//! Every endpoint agora-api binds is served; no malformed request breaks
//! the server; and the `agora-mock` binary serves what its options say.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::support::{Raw, api_error};
use agora_api::channel::{ChannelUsers, ListChannelUsers};
use agora_api::console::ListProjects;
use agora_api::registry;
use agora_api::{AppId, ChannelName, Client, RetryPolicy};
use agora_mock::{DEFAULT_APP_ID, DEFAULT_CUSTOMER_ID, DEFAULT_CUSTOMER_SECRET, MockServer};

/// Every endpoint of the products the emulator serves.
fn of_served_products() -> Vec<&'static registry::EndpointInfo> {
    let products = agora_mock::served_products();
    registry::endpoints()
        .filter(|info| products.contains(&info.product()))
        .collect()
}

/// The endpoint's path with every placeholder filled with `value`.
fn filled(template: &str, value: &str) -> String {
    template
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') && segment.ends_with('}') {
                value
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn every_endpoint_of_every_served_product_reaches_its_handler() {
    let bound = of_served_products();
    let served = agora_mock::served_endpoints();
    assert_eq!(served.len(), bound.len());
    let bound_products: Vec<&str> = registry::endpoints()
        .filter(|info| info.module.starts_with("agora_api::"))
        .map(|info| info.product())
        .collect();
    for product in bound_products {
        assert!(
            agora_mock::served_products().contains(&product),
            "{product} is bound by agora-api and served"
        );
    }

    let server = MockServer::start().await;
    let raw = Raw::new(&server);
    for info in &bound {
        let path = filled(info.path, server.app_id().as_str());
        let answer = raw
            .authorized(info.auth, info.method, &path, Some(serde_json::json!({})))
            .await;
        assert_ne!(
            answer.body["message"], "no Route matched with those values",
            "{} {}",
            info.method, info.path
        );
        assert!(
            answer.status < 500,
            "{} {}: {}",
            info.method,
            path,
            answer.body
        );
        let entry = server.journal().pop().expect("journaled");
        assert_eq!(entry.endpoint_name(), Some(info.name), "{path}");
        assert!(entry.applied, "{path}: the handler ran");
    }
}

#[tokio::test]
async fn malformed_requests_get_4xx_and_never_break_the_server() {
    let server = MockServer::start().await;
    let raw = Raw::new(&server);
    let appid = server.app_id().as_str();
    let bodies = [
        "}{",
        "null",
        "[]",
        "\"text\"",
        "{\"uid\": 1e400}",
        "{\"cname\": {\"nested\": [1, 2, 3]}, \"clientRequest\": \"no\", \"filter\": 7}",
        "{\"appid\": 5, \"id\": -1, \"privileges\": [null], \"payload\": false}",
        "\u{feff}{}",
    ];
    let values = ["%ZZ", "%FF%FE", "x%00y", "%F0%9F%92%A9", "..", "a%2Fb"];
    for info in of_served_products() {
        for body in bodies {
            let path = filled(info.path, appid);
            let answer = raw
                .send(
                    info.method,
                    &path,
                    &[
                        ("authorization", raw.basic_header()),
                        ("content-type", "application/json"),
                    ],
                    Some(body),
                )
                .await;
            assert!(
                (400..500).contains(&answer.status) || (200..300).contains(&answer.status),
                "{} {path} {body}: {}",
                info.method,
                answer.status
            );
        }
        for value in values {
            let path = format!(
                "{}?appid={value}&start_ts={value}&{value}={value}",
                filled(info.path, value)
            );
            let answer = raw.basic(info.method, &path, None).await;
            assert!(
                (400..500).contains(&answer.status) || (200..300).contains(&answer.status),
                "{} {path}: {}",
                info.method,
                answer.status
            );
        }
    }
    // Extreme numbers: time series at the end of time.
    let max = u64::MAX;
    for path in [
        format!(
            "/beta/insight/usage/by_time?startTs={}&endTs={max}&appid={appid}&metric=userCount&aggregateGranularity=1h",
            max - 600
        ),
        format!(
            "/beta/realtime/usage/by_time_20sec?startTs={}&endTs={max}&appid={appid}&productType=Native&metric=userCount",
            max - 600
        ),
        format!(
            "/beta/realtime/usage/dimension/top20?ts={max}&appid={appid}&productType=Native&metric=userCount&dimension=sdk"
        ),
        format!(
            "/beta/analytics/call/statistics/time?start_ts={}&end_ts={max}&appid={appid}&call_id=x&metric=user_count",
            max - 600
        ),
        format!("/dev/v1/channel/{appid}?page_no=4294967295&page_size=500"),
        format!(
            "/rtm/v2/history/{appid}/userId/u/channelType/message/channel/c?start={max}&end={max}"
        ),
    ] {
        let answer = raw.basic("GET", &path, None).await;
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
    }

    let huge = "x".repeat(1024 * 1024 + 1);
    let too_big = raw
        .basic(
            "POST",
            "/dev/v1/project",
            Some(serde_json::json!({ "name": huge })),
        )
        .await;
    assert_eq!(too_big.status, 413);
    server
        .client()
        .send(&ListProjects::builder().build())
        .await
        .expect("the server still answers");
}

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_agora-mock"))
}

#[test]
fn the_binary_prints_its_options_with_their_defaults() {
    let help = binary().arg("--help").output().expect("the binary runs");
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for expected in [
        "--port PORT",
        "[default: 8080]",
        "--host ADDR",
        "[default: 127.0.0.1]",
        DEFAULT_CUSTOMER_ID,
        DEFAULT_CUSTOMER_SECRET,
        DEFAULT_APP_ID,
        "--app-certificate",
        "--fault SPEC",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }

    for bad in [
        &["--port", "eighty"][..],
        &["--fault", "POST /x teapot"],
        &["--app-id", "short"],
        &["--wat"],
        &["--port"],
    ] {
        let out = binary().args(bad).output().expect("the binary runs");
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(!out.stderr.is_empty());
    }
}

/// Stops the child process this test started when the test ends.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_binary_serves_with_its_credentials_faults_and_channels() {
    let mut child = Child(
        binary()
            .args([
                "--port",
                "0",
                "--customer-id",
                "cli-customer",
                "--customer-secret",
                "cli-secret",
                "--app-id",
                "abcdefabcdefabcdefabcdefabcdef12",
                "--seed",
                "7",
                "--channel",
                "demo=1,2",
                "--fault",
                "GET /dev/v1/projects 503 times=1",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts"),
    );
    let stdout = child.0.stdout.take().expect("its output");
    // Kept open to the end: the binary prints more after its first line.
    let mut banner = BufReader::new(stdout);
    let mut first = String::new();
    banner.read_line(&mut first).expect("a banner line");
    let url = first
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .expect("the banner names the URL")
        .to_owned();

    let client = Client::builder()
        .base_url(url)
        .basic_auth("cli-customer", "cli-secret")
        .retry(RetryPolicy::never())
        .build()
        .expect("a client");
    let faulted = client
        .send(&ListProjects::builder().build())
        .await
        .expect_err("the --fault fires first");
    assert_eq!(api_error(&faulted).status, 503);
    let projects = client
        .send(&ListProjects::builder().build())
        .await
        .expect("then projects");
    assert_eq!(
        projects.projects[0].vendor_key,
        "abcdefabcdefabcdefabcdefabcdef12"
    );
    let users = client
        .send(
            &ListChannelUsers::builder()
                .appid(AppId::new("abcdefabcdefabcdefabcdefabcdef12").expect("an App ID"))
                .channel_name(ChannelName::new("demo").expect("a name"))
                .build(),
        )
        .await
        .expect("users");
    let ChannelUsers::LiveBroadcasting(live) = users.data else {
        panic!("--channel makes a live channel of hosts");
    };
    assert_eq!(live.broadcasters, [1, 2]);
    drop(child);
    drop(banner);
}
