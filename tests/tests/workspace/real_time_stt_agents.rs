//! Real-Time STT v7: Agora's official example requests round-trip through
//! the typed endpoints, and the keyword limit is refused before any I/O.

use agora_api::Endpoint;
use agora_api::endpoint::WireRequest;
use agora_api::real_time_stt::{ListSttAgents, SttKeywords};
use agora_tests::examples::placeholder_app_id;
use agora_tests::{basic_client, official_examples};

#[test]
fn every_official_real_time_stt_v7_request_round_trips_through_the_typed_endpoint() {
    let Some(records) = official_examples() else {
        return;
    };
    let app_id = placeholder_app_id();
    let client = basic_client("https://api.agora.io");
    let mut seen = 0;
    for record in &records {
        let url = record["url"].as_str().unwrap_or_default();
        let Some(rest) =
            url.strip_prefix("https://api.agora.io/api/speech-to-text/v1/projects/:appid")
        else {
            continue;
        };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        assert_eq!(
            path, "/agents",
            "{url}: only the list has an official example"
        );
        let full_path = format!("/api/speech-to-text/v1/projects/{app_id}{path}");
        let headers = agora_api::reqwest::header::HeaderMap::new();
        let wire = WireRequest::new("GET", &full_path, Some(query), &headers, b"");
        let list = ListSttAgents::decode(&wire).unwrap_or_else(|e| panic!("{url}: {e}"));
        let request = client.prepare(&list).expect("prepared");
        assert_eq!(request.url().path(), full_path);
        assert_eq!(
            request.url().query(),
            Some(query),
            "{url}: the query is reproduced"
        );
        seen += 1;
    }
    assert_eq!(seen, 1, "the official list example");
}

#[test]
fn more_than_500_keywords_are_refused() {
    let keywords = (0..501).map(|index| format!("k{index}"));
    let error = SttKeywords::new(keywords).expect_err("too many");
    assert_eq!(error.field(), "keywords");
    assert_eq!(error.rule(), "must list at most 500 keywords (got 501)");
    assert!(SttKeywords::new((0..500).map(|index| format!("k{index}"))).is_ok());
}
