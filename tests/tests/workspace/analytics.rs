//! Agora Analytics (`agora_api::analytics`) against a loopback server:
//!
//! - every documented input rule fails before any I/O, naming the field and
//!   the rule, and the server sees nothing;
//! - the response shapes Agora documents in more than one way decode
//!   (numbers sent as strings, arrays sent as strings, wrapped and bare
//!   lists, per-user series), and so do values this crate does not know;
//! - `client.pages(..)` walks every page of the two paged lists and stops
//!   on the last one, however Agora signals it;
//! - every official example body round-trips through the typed bodies.

// The legacy endpoints are deprecated; they are bound and tested all the same.
#![allow(deprecated)]

use std::path::PathBuf;

use agora_api::analytics::{
    CallDetails, CallId, CallList, CallMetrics, CallProblemReport, CallSessions, CallStatistics,
    CallTimeSeries, Dimension, DimensionValues, ExtraMetric, FreezeBucket, FreezeRateBuckets,
    FreezeRateMetric, GetCallDetails, GetCallMetrics, GetCallSessions, GetCallStatistics,
    GetQualityAggregation, GetRealtimeQuality, GetRealtimeQualityTop20, GetRealtimeUsage,
    GetRealtimeUsageTop20, GetUsageAggregation, GetUsageByTime, Granularity, ListCalls, MetricData,
    MetricId, ProblemType, ProductType, QualityAggregationQuery, QualityMetric,
    RealtimeQualityData, RealtimeQualityEntry, RealtimeUsageMetric, RegionFilter,
    ReportCallProblem, SessionIds, Status, TopGroups, UidList, UsageAggregationQuery, UsageMetric,
    UserRole,
};
use agora_api::{AppId, ChannelName, Endpoint, Error, InvalidInput, Uid};
use agora_tests::{LocalServer, Recorded, Reply, basic_client};
use serde_json::{Value, json};

fn app_id() -> AppId {
    AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID")
}

fn call_id() -> CallId {
    CallId::new("15c995xxxxxxxxxxxd39be9b").expect("a valid call ID")
}

fn uid(value: u32) -> Uid {
    Uid::new(value).expect("a valid uid")
}

fn sdk_versions() -> DimensionValues {
    DimensionValues::new(["3.6.1.1", "4.1.1"]).expect("valid dimension values")
}

/// Sends `endpoint` to a server that would answer 200, and returns the
/// input error, after checking that nothing reached the server.
async fn rejected<E: Endpoint>(endpoint: E) -> InvalidInput {
    let server = LocalServer::replying(Reply::json(200, r#"{"code":200}"#)).await;
    let error = basic_client(&server.url())
        .send(&endpoint)
        .await
        .err()
        .unwrap_or_else(|| panic!("{} was accepted", E::NAME));
    assert!(
        server.requests().is_empty(),
        "{}: nothing may be sent",
        E::NAME
    );
    match error {
        Error::InvalidInput(invalid) => invalid,
        other => panic!("{}: expected an input error, got {other}", E::NAME),
    }
}

fn assert_rule(error: &InvalidInput, field: &str, rule_part: &str) {
    assert_eq!(error.field(), field, "{error}");
    assert!(
        error.rule().contains(rule_part),
        "{error} should say {rule_part:?}"
    );
}

fn list_calls(start: u64, end: u64) -> ListCalls {
    ListCalls::builder()
        .appid(app_id())
        .start_ts(start)
        .end_ts(end)
        .build()
}

// ---------------------------------------------------------------------------
// Input rules, before any I/O
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_time_frame_must_end_after_it_starts() {
    let error = rejected(list_calls(1550025508, 1550024508)).await;
    assert_eq!(
        error.to_string(),
        "invalid `end_ts`: must be after start_ts (got start_ts 1550025508, end_ts 1550024508)"
    );
    let same = rejected(list_calls(1550024508, 1550024508)).await;
    assert_rule(&same, "end_ts", "must be after start_ts");

    let insight = GetUsageByTime::builder()
        .start_ts(1625270400)
        .end_ts(1625097600)
        .appid(app_id())
        .metric(UsageMetric::UserCount)
        .aggregate_granularity(Granularity::Day)
        .build();
    assert_rule(&rejected(insight).await, "endTs", "must be after startTs");
}

#[tokio::test]
async fn each_time_frame_is_capped_at_the_largest_plans_limit() {
    const HOUR: u64 = 3600;
    let start = 1_600_000_000;

    // call/lists: 24 hours.
    assert!(
        list_calls(start, start + 24 * HOUR).validate().is_ok(),
        "24 hours exactly is allowed"
    );
    let error = rejected(list_calls(start, start + 24 * HOUR + 1)).await;
    assert_eq!(
        error.to_string(),
        "invalid `end_ts`: the time frame may span at most 24 hours, the Enterprise plan's \
         limit for call/lists (86400 s) (got 86401 s)"
    );

    // call/sessions and call/metrics: 6 hours.
    let sessions = GetCallSessions::builder()
        .start_ts(start)
        .end_ts(start + 6 * HOUR + 1)
        .appid(app_id())
        .call_id(call_id())
        .build();
    assert_rule(&rejected(sessions).await, "end_ts", "6 hours");
    let metrics = GetCallMetrics::builder()
        .start_ts(start)
        .end_ts(start + 7 * HOUR)
        .appid(app_id())
        .call_id(call_id())
        .sids(SessionIds::new(["s1"]).expect("a session ID"))
        .build();
    assert_rule(&rejected(metrics).await, "end_ts", "6 hours");

    // Data Insights: 7 days.
    let usage = GetUsageByTime::builder()
        .start_ts(start)
        .end_ts(start + 8 * 24 * HOUR)
        .appid(app_id())
        .metric(UsageMetric::UserCount)
        .aggregate_granularity(Granularity::Hour)
        .build();
    assert_rule(&rejected(usage).await, "endTs", "7 days");

    // Real-time Monitoring: 60 minutes.
    let realtime = GetRealtimeUsage::builder()
        .start_ts(start)
        .end_ts(start + HOUR + 20)
        .appid(app_id())
        .product_type(ProductType::Native)
        .metric(RealtimeUsageMetric::ChannelCount)
        .build();
    assert_rule(&rejected(realtime).await, "endTs", "60 minutes");

    // Legacy call/details: 3 hours.
    let details = GetCallDetails::builder()
        .start_ts(start)
        .end_ts(start + 3 * HOUR + 1)
        .appid(app_id())
        .call_id(call_id())
        .build();
    assert_rule(&rejected(details).await, "end_ts", "3 hours");
}

#[tokio::test]
async fn pages_are_numbered_from_1_and_hold_1_to_100_items() {
    let (start, end) = (1550024508, 1550025508);
    let zero = ListCalls {
        page_no: Some(0),
        ..list_calls(start, end)
    };
    assert_rule(&rejected(zero).await, "page_no", "must be 1 or more");
    let big = ListCalls {
        page_size: Some(101),
        ..list_calls(start, end)
    };
    assert_eq!(
        rejected(big).await.to_string(),
        "invalid `page_size`: must be from 1 to 100 (got 101)"
    );
    let empty = ListCalls {
        page_size: Some(0),
        ..list_calls(start, end)
    };
    assert_rule(&rejected(empty).await, "page_size", "from 1 to 100");

    // Sessions page only with both page_no and page_size.
    let sessions = GetCallSessions::builder()
        .start_ts(start)
        .end_ts(end)
        .appid(app_id())
        .call_id(call_id())
        .page_no(2)
        .build();
    assert_rule(
        &rejected(sessions).await,
        "page_size",
        "must be set with page_no",
    );
}

#[test]
fn lists_hold_the_documented_number_of_items() {
    let eleven: Vec<Uid> = (1..=11).map(uid).collect();
    let error = UidList::new(eleven).expect_err("11 uids are too many");
    assert_eq!(
        error.to_string(),
        "invalid `uids`: must list at most 10 items (got 11)"
    );
    assert_rule(
        &UidList::new(Vec::<Uid>::new()).expect_err("an empty list"),
        "uids",
        "at least one",
    );
    assert_rule(
        &"10001,0".parse::<UidList>().expect_err("0 is not a uid"),
        "uids",
        "0 is reserved",
    );

    let sids: Vec<String> = (1..=21).map(|n| format!("s{n}")).collect();
    assert_rule(
        &SessionIds::new(sids).expect_err("21 sids are too many"),
        "sids",
        "at most 20 items (got 21)",
    );
    assert_rule(
        &SessionIds::new(["a", ""]).expect_err("an empty sid"),
        "sids",
        "empty",
    );

    assert_rule(
        &DimensionValues::new(["4.1.1", "say \"hi\""]).expect_err("a quote"),
        "dimensionValues",
        "without double quotes",
    );
    assert_rule(
        &"\"3.6.1.1\",4.1.1"
            .parse::<DimensionValues>()
            .expect_err("a half-quoted list"),
        "dimensionValues",
        "double-quoted values separated by commas",
    );
    assert_eq!(
        "3.6.1.1, 4.1.1"
            .parse::<DimensionValues>()
            .expect("a plain comma list"),
        sdk_versions()
    );
    assert_rule(
        &CallId::new("").expect_err("an empty call ID"),
        "call_id",
        "must not be empty",
    );
}

#[test]
fn documented_values_parse_and_others_are_refused() {
    assert_eq!(
        "networkDelay".parse::<QualityMetric>().ok(),
        Some(QualityMetric::NetworkDelay)
    );
    assert_eq!("1h".parse::<Granularity>().ok(), Some(Granularity::Hour));
    let error = "latency"
        .parse::<QualityMetric>()
        .expect_err("not a documented metric");
    assert_eq!(
        error.to_string(),
        "invalid `metric`: must be one of joinSuccessRate, joinSuccessIn5sRate, \
         audioFreezeRate, videoFreezeRate, networkDelay (got \"latency\")"
    );
    assert_rule(
        &"Flutter"
            .parse::<ProductType>()
            .expect_err("not a product type"),
        "productType",
        "Native, WebRTC",
    );
    assert!(serde_json::from_value::<UsageMetric>(json!("peakCurrentUsers")).is_err());
    assert_eq!(
        serde_json::to_value(UsageMetric::PeakConcurrentUsers).ok(),
        Some(json!("peakConcurrentUsers"))
    );
}

#[tokio::test]
async fn each_endpoint_accepts_only_its_documented_dimensions() {
    let statistics = GetCallStatistics::builder()
        .start_ts(1550024508)
        .end_ts(1550025508)
        .appid(app_id())
        .call_id(call_id())
        .metric(FreezeRateMetric::VideoFreezeRate)
        .dimension(Dimension::SdkVersion)
        .build();
    assert_eq!(
        rejected(statistics).await.to_string(),
        "invalid `dimension`: call statistics accepts country, region, net, sdk, os, device \
         (got \"sdkVersion\")"
    );

    let top20 = GetRealtimeQualityTop20::builder()
        .ts(1671624000)
        .appid(app_id())
        .product_type(ProductType::WebRtc)
        .metric(QualityMetric::VideoFreezeRate)
        .dimension(Dimension::ChannelSize)
        .extra_metrics(ExtraMetric::UserCount)
        .build();
    assert_rule(
        &rejected(top20).await,
        "dimension",
        "real-time top 20 accepts",
    );

    let usage_channel_size = GetUsageAggregation::builder()
        .appid(app_id())
        .query(UsageAggregationQuery {
            dimension: Some(Dimension::ChannelSize),
            ..UsageAggregationQuery::new(1625097600, 1625184000, UsageMetric::UserCount)
        })
        .build();
    assert_rule(
        &rejected(usage_channel_size).await,
        "dimension",
        "usage aggregation accepts",
    );

    // Quality aggregation takes channelSize and the OpenAPI spellings.
    let client = basic_client("https://api.agora.io");
    for dimension in [Dimension::ChannelSize, Dimension::Network, Dimension::Net] {
        let request = GetQualityAggregation::builder()
            .appid(app_id())
            .query(QualityAggregationQuery {
                dimension: Some(dimension),
                ..QualityAggregationQuery::new(
                    1625097600,
                    1625184000,
                    QualityMetric::JoinSuccessRate,
                    ProductType::Native,
                )
            })
            .build();
        assert!(client.prepare(&request).is_ok(), "{dimension}");
    }
}

#[tokio::test]
async fn aggregation_rules_across_fields_are_enforced() {
    let base = UsageAggregationQuery::new(1625097600, 1625184000, UsageMetric::UserCount);
    let usage = |query: UsageAggregationQuery| {
        GetUsageAggregation::builder()
            .appid(app_id())
            .query(query)
            .build()
    };

    let peak = usage(UsageAggregationQuery {
        metric: UsageMetric::PeakConcurrentChannels,
        dimension: Some(Dimension::Country),
        ..base.clone()
    });
    assert_eq!(
        rejected(peak).await.to_string(),
        "invalid `dimension`: is not supported with metric peakConcurrentChannels \
         (Agora aggregates it per App ID only)"
    );

    let values_alone = usage(UsageAggregationQuery {
        dimension_values: Some(sdk_versions()),
        ..base.clone()
    });
    assert_rule(
        &rejected(values_alone).await,
        "dimensionValues",
        "needs a dimension",
    );

    let filter_by_country = usage(UsageAggregationQuery {
        dimension: Some(Dimension::Country),
        filters: Some(vec![RegionFilter::country("China")]),
        ..base.clone()
    });
    assert_rule(
        &rejected(filter_by_country).await,
        "filters",
        "only with dimension region",
    );

    let two_countries = usage(UsageAggregationQuery {
        dimension: Some(Dimension::Region),
        filters: Some(vec![
            RegionFilter::country("China"),
            RegionFilter::country("India"),
        ]),
        ..base.clone()
    });
    assert_rule(
        &rejected(two_countries).await,
        "filters",
        "exactly one country filter (got 2)",
    );

    let no_country = usage(UsageAggregationQuery {
        dimension: Some(Dimension::Region),
        filters: Some(vec![RegionFilter::country(" ")]),
        ..base.clone()
    });
    assert_rule(&rejected(no_country).await, "filters.value", "country");

    let backwards = usage(UsageAggregationQuery {
        end_ts: 1625097600,
        ..base
    });
    assert_rule(&rejected(backwards).await, "endTs", "after startTs");

    let channel_size_values = GetQualityAggregation::builder()
        .appid(app_id())
        .query(QualityAggregationQuery {
            dimension: Some(Dimension::ChannelSize),
            dimension_values: Some(DimensionValues::new(["2-5"]).expect("a value")),
            ..QualityAggregationQuery::new(
                1625097600,
                1625184000,
                QualityMetric::AudioFreezeRate,
                ProductType::Native,
            )
        })
        .build();
    assert_rule(
        &rejected(channel_size_values).await,
        "dimensionValues",
        "channelSize",
    );
}

#[tokio::test]
async fn realtime_rules_across_fields_are_enforced() {
    let (start, end) = (1631837410, 1631837470);
    let channel_count_by_sdk = GetRealtimeUsage::builder()
        .start_ts(start)
        .end_ts(end)
        .appid(app_id())
        .product_type(ProductType::Native)
        .metric(RealtimeUsageMetric::ChannelCount)
        .dimension(Dimension::Sdk)
        .build();
    assert_rule(
        &rejected(channel_count_by_sdk).await,
        "dimension",
        "only with metric userCount",
    );

    let users_without_channel = GetRealtimeQuality::builder()
        .start_ts(start)
        .end_ts(end)
        .appid(app_id())
        .product_type(ProductType::Native)
        .metric(QualityMetric::NetworkDelay)
        .uids(UidList::new([uid(2303692334)]).expect("a uid"))
        .build();
    assert_rule(
        &rejected(users_without_channel).await,
        "uids",
        "only with cname",
    );

    let values_without_dimension = GetRealtimeQuality::builder()
        .start_ts(start)
        .end_ts(end)
        .appid(app_id())
        .product_type(ProductType::Native)
        .metric(QualityMetric::NetworkDelay)
        .dimension_values(sdk_versions())
        .build();
    assert_rule(
        &rejected(values_without_dimension).await,
        "dimensionValues",
        "needs a dimension",
    );

    let channel_top20 = GetRealtimeUsageTop20::builder()
        .ts(start)
        .appid(app_id())
        .product_type(ProductType::Native)
        .metric(RealtimeUsageMetric::ChannelCount)
        .dimension(Dimension::Os)
        .build();
    assert_eq!(
        rejected(channel_top20).await.to_string(),
        "invalid `metric`: must be userCount for the top-20 scale query (got channelCount)"
    );
}

// ---------------------------------------------------------------------------
// Requests on the wire
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_realtime_query_sends_the_documented_quoted_dimension_values() {
    let server = LocalServer::replying(Reply::json(200, r#"{"code":200,"data":[]}"#)).await;
    let request = GetRealtimeUsage::builder()
        .start_ts(1631837410)
        .end_ts(1631837470)
        .appid(app_id())
        .product_type(ProductType::Native)
        .metric(RealtimeUsageMetric::UserCount)
        .dimension(Dimension::Sdk)
        .dimension_values(sdk_versions())
        .cname(ChannelName::new("demo channel").expect("a channel name"))
        .build();
    basic_client(&server.url())
        .send(&request)
        .await
        .expect("an empty answer decodes");
    let seen = server.single_request();
    assert_eq!(seen.method, "GET");
    assert_eq!(
        seen.target,
        "/beta/realtime/usage/by_time_20sec?startTs=1631837410&endTs=1631837470\
         &appid=0123456789abcdef0123456789abcdef&productType=Native&metric=userCount\
         &dimension=sdk&dimensionValues=%223.6.1.1%22,%224.1.1%22&cname=demo%20channel"
    );
    assert!(seen.body.is_empty(), "a GET has no body");
}

#[tokio::test]
async fn the_legacy_report_is_a_json_body_and_never_retried() {
    // Checked at compile time: a report is filed once; the aggregation
    // POSTs are reads and may be re-sent.
    const {
        assert!(!<ReportCallProblem as Endpoint>::IDEMPOTENT);
        assert!(<GetUsageAggregation as Endpoint>::IDEMPOTENT);
        assert!(<GetQualityAggregation as Endpoint>::IDEMPOTENT);
    }

    let server = LocalServer::replying(Reply::json(200, r#"{"code":200,"message":""}"#)).await;
    let report = ReportCallProblem::builder()
        .appid(app_id())
        .report(CallProblemReport {
            ts: Some(1561704454),
            ..CallProblemReport::new(
                ChannelName::new("class-1").expect("a channel name"),
                uid(111),
                ProblemType::Complaint,
            )
        })
        .build();
    let status: Status = basic_client(&server.url())
        .send(&report)
        .await
        .expect("the documented answer decodes");
    assert!(status.is_success());
    let seen = server.single_request();
    assert_eq!(
        seen.target,
        "/beta/analytics/feedback/report?appid=0123456789abcdef0123456789abcdef"
    );
    assert_eq!(
        seen.json(),
        json!({"cname": "class-1", "teacher_uid": 111, "ts": 1561704454, "type": 3})
    );
}

// ---------------------------------------------------------------------------
// Response variants
// ---------------------------------------------------------------------------

fn decode<T: serde::de::DeserializeOwned>(body: Value) -> T {
    serde_json::from_value(body).expect("the body decodes")
}

#[test]
fn sessions_decode_uids_sent_as_strings_and_roles_sent_as_text() {
    let sessions: CallSessions = decode(json!({
        "code": 0,
        "message": "string",
        "requestId": "15c99xxxxxxxxxxx9be9b",
        "total_size": 3,
        "call_info": [
            // The OpenAPI example: uid as a string, roles as an array.
            {"sid": "a", "uid": "1234567", "roles": ["SPEAKER", "SCREEN_SHARER"]},
            // The tables: roles as one string.
            {"sid": "b", "uid": 42, "roles": "Host, Cloud Recording"},
            // Unknown roles and a non-numeric uid do not break decoding.
            {"sid": "c", "uid": "alice", "roles": ["Conversational AI"], "speaker": null}
        ]
    }));
    assert!(sessions.status.is_success());
    assert_eq!(
        sessions.status.request_id.as_deref(),
        Some("15c99xxxxxxxxxxx9be9b")
    );
    let [a, b, c] = &sessions.call_info[..] else {
        panic!("three sessions: {sessions:?}");
    };
    assert_eq!(a.uid, Some(1234567));
    assert_eq!(a.roles, [UserRole::Speaker, UserRole::ScreenSharer]);
    assert_eq!(b.uid, Some(42));
    assert_eq!(b.roles, [UserRole::Host, UserRole::CloudRecording]);
    assert_eq!(c.uid, None);
    assert_eq!(c.roles, [UserRole::Other("Conversational AI".into())]);
    assert_eq!(c.speaker, None);
}

#[test]
fn metrics_decode_unknown_ids_and_missing_values() {
    let metrics: CallMetrics = decode(json!({
        "code": 200,
        "message": "",
        "metrics": [{
            "sid": "EDB224CCF4FB4F99815C24302BDF3301",
            "data": [
                {"mid": 20003, "kvs": [[1548670255, 215], [1548670257, 129.5]], "peer_uid": 0},
                {"mid": 29999, "kvs": [[1548670259, null]]}
            ]
        }]
    }));
    let series = &metrics.metrics[0].data;
    assert_eq!(series[0].mid, MetricId::AudioSendBitrate);
    assert_eq!(series[0].kvs[1].ts, 1548670257);
    assert_eq!(series[0].kvs[1].value, Some(129.5));
    assert_eq!(series[0].peer_uid, Some(0));
    assert_eq!(series[1].mid, MetricId::Other(29999));
    assert_eq!(series[1].kvs[0].value, None);
    assert_eq!(series[1].peer_uid, None);
}

#[test]
fn call_inspector_statistics_decode_and_unknown_buckets_are_kept() {
    let buckets: FreezeRateBuckets = decode(json!({
        "code": 200,
        "data": [
            {"bucket": "[0%,3%)", "user_count": 19},
            {"bucket": "[10%,100%)", "user_count": 2},
            {"bucket": "[3%,4%)", "user_count": 1}
        ]
    }));
    let kinds: Vec<_> = buckets.data.iter().map(|b| b.bucket.clone()).collect();
    assert_eq!(
        kinds,
        [
            FreezeBucket::Below3Percent,
            FreezeBucket::From10Percent,
            FreezeBucket::Other("[3%,4%)".into())
        ]
    );

    let statistics: CallStatistics = decode(json!({
        "code": 200,
        "data": [{"dimension_value": "3.7.1.247", "user_count": 6, "value": 0.007}]
    }));
    assert_eq!(statistics.data[0].user_count, Some(6));
    assert_eq!(statistics.data[0].value, Some(0.007));

    let series: CallTimeSeries =
        decode(json!({"code": 200, "data": [{"ts": 1692584160, "value": 0}]}));
    assert_eq!(series.data[0].value, Some(0.0));
}

#[test]
fn the_2021_call_list_and_details_decode() {
    // The legacy call list: no paging fields, code 200.
    let list: CallList = decode(json!({
        "code": 200,
        "message": "",
        "has_more": false,
        "call_lists": [{"call_id": "c1", "cname": "cname1", "created_ts": 1547448383,
                        "destroyed_ts": 1547448483, "finished": true}]
    }));
    assert!(list.status.is_success());
    assert_eq!(list.total_size, None);
    assert_eq!(list.call_lists[0].call_pcu, None);

    let details: CallDetails = decode(json!({
        "code": 200,
        "call_id": "00057b6093a5d3e8b1fc67aa",
        "call_info": [{"sid": "s", "uid": 630985881, "network": "Wi-Fi"}],
        "metrics": [{"sid": "s", "data": [{"mid": 20013, "kvs": []}]}]
    }));
    assert_eq!(details.call_info[0].network.as_deref(), Some("Wi-Fi"));
    assert_eq!(details.metrics[0].data[0].mid, MetricId::VideoQp);
}

#[test]
fn a_plan_limit_answer_is_not_a_success() {
    let limited: CallList = decode(json!({"code": 300, "message": "qps limit error"}));
    assert!(!limited.status.is_success());
    assert_eq!(limited.status.message.as_deref(), Some("qps limit error"));
    assert!(limited.call_lists.is_empty());

    let null_message: MetricData = decode(json!({"code": 200, "message": null, "data": []}));
    assert!(null_message.status.is_success());
    assert_eq!(null_message.status.message, None);
}

#[test]
fn data_points_keep_metrics_and_dimensions_by_name() {
    let data: MetricData = decode(json!({
        "code": 200,
        "message": "null",
        "data": [{"region": "Shanghai", "refUsage": 231234, "audioFreezeRate": 0.0017}]
    }));
    let point = &data.data[0];
    assert_eq!(point.ref_usage, Some(231234.0));
    assert_eq!(point.number(QualityMetric::AudioFreezeRate), Some(0.0017));
    assert_eq!(point.text(Dimension::Region), Some("Shanghai"));
    assert_eq!(point.ts, None);
    assert!(
        !point.values.contains_key("refUsage"),
        "named members are not repeated in values"
    );
}

#[test]
fn realtime_quality_decodes_points_and_per_user_series() {
    let data: RealtimeQualityData = decode(json!({
        "code": 200,
        "message": "success",
        "data": [
            {"networkDelay": 0.012, "ts": 1631837400},
            {"uid": 2303692334u64, "values": [{"ts": 1631837400, "networkDelay": 0.389}]},
            {"networkDelay": 0.411, "sdk": "4.1.1", "ts": 1631837400}
        ]
    }));
    match &data.data[..] {
        [
            RealtimeQualityEntry::Point(project),
            RealtimeQualityEntry::User(user),
            RealtimeQualityEntry::Point(by_sdk),
        ] => {
            assert_eq!(project.number("networkDelay"), Some(0.012));
            assert_eq!(user.uid, 2303692334);
            assert_eq!(
                user.values[0].number(QualityMetric::NetworkDelay),
                Some(0.389)
            );
            assert_eq!(by_sdk.text(Dimension::Sdk), Some("4.1.1"));
        }
        other => panic!("unexpected shapes: {other:?}"),
    }
}

#[test]
fn top20_groups_decode_wrapped_bare_or_missing() {
    let wrapped: TopGroups = decode(json!({
        "code": 200,
        "message": null,
        "data": {"list": [{"sdk": "3.6.1.1", "userCount": 236,
                           "windowStartTs": 1631837410, "windowEndTs": 1631837430}]}
    }));
    assert_eq!(wrapped.data[0].window_start_ts, Some(1631837410));
    assert_eq!(wrapped.data[0].window_end_ts, Some(1631837430));
    assert_eq!(wrapped.data[0].number("userCount"), Some(236.0));

    let bare: TopGroups = decode(json!({"code": 200, "data": [{"os": "iOS", "userCount": 1}]}));
    assert_eq!(bare.data[0].text(Dimension::Os), Some("iOS"));

    let missing: TopGroups = decode(json!({"code": 200, "data": null}));
    assert!(missing.data.is_empty());
}

// ---------------------------------------------------------------------------
// Paging
// ---------------------------------------------------------------------------

/// The value of query parameter `name` in a recorded request target.
fn query_param(seen: &Recorded, name: &str) -> Option<String> {
    let (_, query) = seen.target.split_once('?')?;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// A call list of `total` calls, paged as the request asks; `has_more` as
/// Agora documents it.
fn call_list_page(seen: &Recorded, total: u32) -> Reply {
    let page: u32 = query_param(seen, "page_no").map_or(1, |n| n.parse().expect("a page number"));
    let size: u32 = query_param(seen, "page_size").map_or(20, |n| n.parse().expect("a page size"));
    let first = (page - 1) * size;
    let calls: Vec<Value> = (first..total.min(first + size))
        .map(|n| json!({"call_id": format!("call-{n}"), "cname": "c"}))
        .collect();
    let body = json!({
        "code": 0,
        "total_size": total,
        "page_no": page,
        "page_size": size,
        "has_more": first + size < total,
        "call_lists": calls,
    });
    Reply::json(200, body.to_string())
}

#[tokio::test]
async fn pages_walk_every_call_and_stop_on_the_last_page() {
    let server = LocalServer::start(|seen| call_list_page(seen, 45)).await;
    let client = basic_client(&server.url());
    let first = ListCalls {
        page_size: Some(20),
        ..list_calls(1550024508, 1550025508)
    };

    let mut pages = client.pages(first);
    let mut calls = Vec::new();
    while let Some(page) = pages.next().await {
        calls.extend(
            page.expect("a page")
                .call_lists
                .into_iter()
                .map(|c| c.call_id),
        );
    }
    assert!(pages.next().await.is_none(), "the walk stays finished");

    assert_eq!(calls.len(), 45);
    assert_eq!(calls.first().map(String::as_str), Some("call-0"));
    assert_eq!(calls.last().map(String::as_str), Some("call-44"));
    let asked: Vec<_> = server
        .requests()
        .iter()
        .map(|seen| query_param(seen, "page_no"))
        .collect();
    assert_eq!(
        asked,
        [None, Some("2".into()), Some("3".into())],
        "the first page as asked (Agora's default page 1), then 2 and 3, and no fourth"
    );
    for seen in server.requests() {
        assert_eq!(query_param(&seen, "page_size").as_deref(), Some("20"));
        assert_eq!(
            query_param(&seen, "start_ts").as_deref(),
            Some("1550024508")
        );
    }
}

#[tokio::test]
async fn a_single_page_is_the_last_page() {
    let server = LocalServer::start(|seen| call_list_page(seen, 7)).await;
    let client = basic_client(&server.url());
    let mut pages = client.pages(list_calls(1550024508, 1550025508));
    let page = pages.next().await.expect("one page").expect("a page");
    assert_eq!(page.call_lists.len(), 7);
    assert!(pages.next().await.is_none());
    assert_eq!(server.requests().len(), 1);
    assert_eq!(query_param(&server.single_request(), "page_no"), None);
}

#[tokio::test]
async fn session_pages_follow_total_size_when_has_more_is_missing() {
    // The sessions example carries total_size but no has_more.
    let server = LocalServer::start(|seen| {
        let page: u32 = query_param(seen, "page_no").map_or(1, |n| n.parse().expect("a number"));
        let size: u32 = query_param(seen, "page_size").map_or(20, |n| n.parse().expect("a number"));
        let first = (page - 1) * size;
        let sessions: Vec<Value> = (first..5.min(first + size))
            .map(|n| json!({"sid": format!("s{n}"), "uid": n + 1}))
            .collect();
        Reply::json(
            200,
            json!({"code": 0, "total_size": 5, "page_no": page, "page_size": size,
                   "call_info": sessions})
            .to_string(),
        )
    })
    .await;
    let client = basic_client(&server.url());
    let first = GetCallSessions::builder()
        .start_ts(1548665345)
        .end_ts(1548670821)
        .appid(app_id())
        .call_id(call_id())
        .page_no(1)
        .page_size(2)
        .build();

    let mut pages = client.pages(first);
    let mut sids = Vec::new();
    while let Some(page) = pages.next().await {
        let page: CallSessions = page.expect("a page");
        sids.extend(page.call_info.into_iter().map(|s| s.sid));
    }
    assert_eq!(sids, ["s0", "s1", "s2", "s3", "s4"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 3, "pages 1, 2 and 3 of 2 sessions");
    for (index, seen) in requests.iter().enumerate() {
        assert_eq!(query_param(seen, "page_no"), Some((index + 1).to_string()));
        assert_eq!(
            query_param(seen, "page_size").as_deref(),
            Some("2"),
            "Agora pages sessions only with both parameters"
        );
    }
}

#[tokio::test]
async fn an_empty_page_ends_the_walk_even_if_agora_says_more() {
    let server = LocalServer::replying(Reply::json(
        200,
        r#"{"code":0,"has_more":true,"call_lists":[]}"#,
    ))
    .await;
    let client = basic_client(&server.url());
    let mut pages = client.pages(list_calls(1550024508, 1550025508));
    assert!(pages.next().await.expect("one page").is_ok());
    assert!(pages.next().await.is_none());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn an_error_ends_the_walk() {
    let server = LocalServer::replying(Reply::json(401, r#"{"message":"Unauthorized"}"#)).await;
    let client = basic_client(&server.url());
    let mut pages = client.pages(list_calls(1550024508, 1550025508));
    let error = pages.next().await.expect("one answer").expect_err("a 401");
    assert_eq!(error.api().map(|api| api.status), Some(401));
    assert!(pages.next().await.is_none());
}

// ---------------------------------------------------------------------------
// Official example bodies
// ---------------------------------------------------------------------------

/// Deserializes `body` into the typed body of the endpoint at `path`,
/// serializes it back, and rebuilds the endpoint through its builder;
/// both must give `body` again.
fn round_trip(path: &str, body: &Value) {
    let client = basic_client("https://api.sd-rtn.com");
    let prepared = match path {
        "/beta/insight/usage/aggregation" => {
            let query: UsageAggregationQuery =
                serde_json::from_value(body.clone()).expect("a usage aggregation body");
            assert_eq!(&serde_json::to_value(&query).expect("serializes"), body);
            let request = GetUsageAggregation::builder()
                .appid(app_id())
                .query(query)
                .build();
            client.prepare(&request)
        }
        "/beta/insight/quality/aggregation" => {
            let query: QualityAggregationQuery =
                serde_json::from_value(body.clone()).expect("a quality aggregation body");
            assert_eq!(&serde_json::to_value(&query).expect("serializes"), body);
            let request = GetQualityAggregation::builder()
                .appid(app_id())
                .query(query)
                .build();
            client.prepare(&request)
        }
        "/beta/analytics/feedback/report" => {
            let report: CallProblemReport =
                serde_json::from_value(body.clone()).expect("a feedback report body");
            assert_eq!(&serde_json::to_value(&report).expect("serializes"), body);
            let request = ReportCallProblem::builder()
                .appid(app_id())
                .report(report)
                .build();
            client.prepare(&request)
        }
        other => panic!("no typed body for {other}"),
    }
    .unwrap_or_else(|e| panic!("{path}: the official body breaks a rule: {e}"));
    let sent: Value = serde_json::from_slice(
        prepared
            .body()
            .and_then(|b| b.as_bytes())
            .expect("a JSON body"),
    )
    .expect("JSON");
    assert_eq!(&sent, body, "{path}: the prepared body");
}

fn path_of(url: &str) -> &str {
    let without_query = url.split('?').next().unwrap_or(url);
    match without_query.find("://") {
        Some(scheme) => {
            let rest = &without_query[scheme + 3..];
            rest.find('/').map_or("/", |slash| &rest[slash..])
        }
        None => without_query,
    }
}

#[test]
fn every_documented_body_in_specs_round_trips_through_the_typed_bodies() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs/analytics.json");
    let spec: Value = serde_json::from_str(
        &std::fs::read_to_string(&path).expect("specs/analytics.json is readable"),
    )
    .expect("valid JSON");
    let mut checked = 0;
    for entry in spec["endpoints"].as_array().expect("endpoints") {
        for example in entry["examples"].as_array().expect("examples") {
            let request = &example["request"];
            if request["body"].is_null() {
                continue;
            }
            round_trip(
                path_of(request["url"].as_str().expect("a URL")),
                &request["body"],
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 7, "6 aggregation bodies and the legacy report");
}

/// Agora's official example requests, from the shared reference folder
/// next to the repository (absent outside the project's workspace).
fn official_examples() -> Option<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    ["../shared", "../../shared"]
        .iter()
        .map(|shared| {
            root.join(shared)
                .join("reference/examples/official_examples.jsonl")
        })
        .find_map(|path| std::fs::read_to_string(path).ok())
}

#[test]
fn every_official_analytics_example_body_round_trips_through_the_typed_bodies() {
    let Some(text) = official_examples() else {
        eprintln!("official_examples.jsonl is not next to the repository; skipped");
        return;
    };
    let mut checked = 0;
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        let record: Value = serde_json::from_str(line).expect("a JSON line");
        let source = record["source"].as_str().unwrap_or_default();
        if !source.starts_with("agora-analytics/") {
            continue;
        }
        let url = record["url"].as_str().expect("a URL");
        round_trip(path_of(url), &record["body"]);
        checked += 1;
    }
    assert_eq!(checked, 6, "Agora publishes six Analytics example bodies");
}
