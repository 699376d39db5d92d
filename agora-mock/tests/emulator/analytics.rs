//! Agora Analytics on the emulator, through agora-api: every query answers
//! well-formed, stable data (calls are the emulator's channels with users
//! in them), the Enterprise plan's data window and delay give code 300,
//! and what Agora refuses is refused.

#![allow(deprecated)]

use std::time::Duration;

use agora_api::analytics::{
    CallId, CallProblemReport, CallTimeSeriesMetric, Dimension, DimensionValues, ExtraMetric,
    FreezeRateMetric, GetCallDetails, GetCallMetrics, GetCallSessions, GetCallStatistics,
    GetCallStatisticsByTime, GetFreezeRateBuckets, GetQualityAggregation, GetQualityByTime,
    GetRealtimeQuality, GetRealtimeQualityTop20, GetRealtimeUsage, GetRealtimeUsageTop20,
    GetUsageAggregation, GetUsageByTime, Granularity, ListCalls, MetricId, ProblemType,
    ProductType, QualityAggregationQuery, QualityMetric, RealtimeQualityEntry, RealtimeUsageMetric,
    RegionFilter, ReportCallProblem, SessionIds, UidList, UsageAggregationQuery, UsageMetric,
};
use agora_api::channel::Platform;
use agora_api::{AppId, ChannelName, Client, Uid};
use agora_mock::{Join, ManualClock, MockServer};

const T0: u64 = 1_700_000_000;
const HOUR: u64 = 3_600;

/// A server whose channels "a" (two users and a Linux server user), "b"
/// and "c" were joined at T0; its clock is an hour later.
async fn server_with_calls() -> (MockServer, ManualClock) {
    let clock = ManualClock::at_unix(T0);
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    server
        .channel("a")
        .host(1)
        .and_then(|c| c.audience(2))
        .and_then(|c| c.join(Join::host(3).platform(Platform::Linux)))
        .expect("joined");
    server.channel("b").user(4).expect("joined");
    server.channel("c").user(5).expect("joined");
    clock.advance(Duration::from_secs(HOUR));
    (server, clock)
}

fn list(app_id: &AppId) -> ListCalls {
    ListCalls::builder()
        .appid(app_id.clone())
        .start_ts(T0 - 600)
        .end_ts(T0 + 1_800)
        .build()
}

async fn call_of(client: &Client, app_id: &AppId, cname: &str) -> CallId {
    let calls = client
        .send(&ListCalls {
            cname: Some(ChannelName::new(cname).expect("a name")),
            ..list(app_id)
        })
        .await
        .expect("calls");
    assert_eq!(calls.call_lists.len(), 1);
    CallId::new(calls.call_lists[0].call_id.as_str()).expect("a call ID")
}

#[tokio::test]
async fn the_call_list_holds_the_channels_and_pages_to_the_end() {
    let (server, _clock) = server_with_calls().await;
    let client = server.client();
    let app_id = server.app_id().clone();

    let mut pages = client.pages(ListCalls {
        page_size: Some(2),
        ..list(&app_id)
    });
    let mut calls = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.expect("a page");
        assert!(page.status.is_success());
        assert_eq!(page.total_size, Some(3));
        calls.extend(page.call_lists);
    }
    let names: Vec<Option<&str>> = calls.iter().map(|c| c.cname.as_deref()).collect();
    assert_eq!(names, [Some("a"), Some("b"), Some("c")]);
    assert_eq!(calls[0].created_ts, Some(T0 as i64));
    assert_eq!(calls[0].call_pcu, Some(3.0));

    let again = client.send(&list(&app_id)).await.expect("calls");
    assert_eq!(
        again.call_lists[0], calls[0],
        "the same question gets the same answer"
    );
}

#[tokio::test]
async fn a_calls_sessions_metrics_and_statistics_are_well_formed() {
    let (server, _clock) = server_with_calls().await;
    let client = server.client();
    let app_id = server.app_id().clone();
    let call = call_of(&client, &app_id, "a").await;
    let sessions = |exclude: Option<bool>| {
        let mut request = GetCallSessions::builder()
            .appid(app_id.clone())
            .call_id(call.clone())
            .start_ts(T0)
            .end_ts(T0 + 1_800)
            .build();
        request.exclude_server_user = exclude;
        request
    };

    let users = client.send(&sessions(None)).await.expect("sessions");
    let uids: Vec<Option<u64>> = users.call_info.iter().map(|s| s.uid).collect();
    assert_eq!(
        uids,
        [Some(1), Some(2)],
        "the Linux server user is left out by default"
    );
    let everyone = client.send(&sessions(Some(false))).await.expect("sessions");
    assert_eq!(everyone.call_info.len(), 3);
    let only_two = client
        .send(&GetCallSessions {
            uids: Some(UidList::new([Uid::new(2).expect("a uid")]).expect("a list")),
            ..sessions(None)
        })
        .await
        .expect("sessions");
    assert_eq!(only_two.call_info[0].uid, Some(2));

    let sids = SessionIds::new(users.call_info.iter().map(|s| s.sid.clone())).expect("sids");
    let metrics = client
        .send(
            &GetCallMetrics::builder()
                .appid(app_id.clone())
                .call_id(call.clone())
                .start_ts(T0)
                .end_ts(T0 + 600)
                .sids(sids)
                .build(),
        )
        .await
        .expect("metrics");
    assert_eq!(metrics.metrics.len(), 2);
    let series = &metrics.metrics[0].data[0];
    assert_eq!(series.mid, MetricId::AudioSendBitrate);
    assert_eq!(
        series.kvs.len(),
        10,
        "one sample a minute, on the minute, over ten minutes"
    );

    let statistics = client
        .send(
            &GetCallStatistics::builder()
                .appid(app_id.clone())
                .call_id(call.clone())
                .start_ts(T0)
                .end_ts(T0 + 600)
                .metric(FreezeRateMetric::AudioFreezeRate)
                .dimension(Dimension::Os)
                .build(),
        )
        .await
        .expect("statistics");
    let counted: u64 = statistics.data.iter().filter_map(|d| d.user_count).sum();
    assert_eq!(counted, 3);

    let buckets = client
        .send(
            &GetFreezeRateBuckets::builder()
                .appid(app_id.clone())
                .call_id(call.clone())
                .start_ts(T0)
                .end_ts(T0 + 600)
                .metric(FreezeRateMetric::VideoFreezeRate)
                .build(),
        )
        .await
        .expect("buckets");
    assert_eq!(buckets.data.len(), 4);
    assert_eq!(buckets.data.iter().map(|b| b.user_count).sum::<u64>(), 3);

    let over_time = client
        .send(
            &GetCallStatisticsByTime::builder()
                .appid(app_id.clone())
                .call_id(call.clone())
                .start_ts(T0)
                .end_ts(T0 + 300)
                .metric(CallTimeSeriesMetric::UserCount)
                .build(),
        )
        .await
        .expect("time series");
    assert_eq!(over_time.data.len(), 5, "on the minute within five minutes");
    assert!(over_time.data.iter().all(|point| point.value == Some(3.0)));

    let details = client
        .send(
            &GetCallDetails::builder()
                .appid(app_id)
                .call_id(call.clone())
                .start_ts(T0)
                .end_ts(T0 + 600)
                .build(),
        )
        .await
        .expect("details");
    assert_eq!(details.call_id.as_deref(), Some(call.as_str()));
    assert_eq!(details.call_info.len(), details.metrics.len());
}

#[tokio::test]
async fn insights_and_real_time_monitoring_answer_per_window_and_group() {
    let (server, _clock) = server_with_calls().await;
    let client = server.client();
    let app_id = server.app_id().clone();

    let daily = client
        .send(
            &GetUsageByTime::builder()
                .appid(app_id.clone())
                .start_ts(1_625_097_600)
                .end_ts(1_625_097_600 + 3 * 86_400)
                .metric(UsageMetric::UserCount)
                .aggregate_granularity(Granularity::Day)
                .build(),
        )
        .await
        .expect("usage");
    assert_eq!(daily.data.len(), 4, "each day from start to end");
    assert!(daily.data.iter().all(|p| p.number("userCount").is_some()));

    let hourly = client
        .send(
            &GetQualityByTime::builder()
                .appid(app_id.clone())
                .start_ts(1_625_097_600)
                .end_ts(1_625_097_600 + 2 * HOUR)
                .metric(QualityMetric::JoinSuccessRate)
                .aggregate_granularity(Granularity::Hour)
                .product_type(ProductType::Native)
                .build(),
        )
        .await
        .expect("quality");
    assert_eq!(hourly.data.len(), 3);
    assert!(hourly.data.iter().all(|p| {
        p.number("joinSuccessRate")
            .is_some_and(|r| (0.9..=1.0).contains(&r))
    }));

    let by_version = client
        .send(
            &GetUsageAggregation::builder()
                .appid(app_id.clone())
                .query(UsageAggregationQuery {
                    dimension: Some(Dimension::SdkVersion),
                    dimension_values: Some(
                        DimensionValues::new(["3.6.1.1", "4.1.1"]).expect("values"),
                    ),
                    ..UsageAggregationQuery::new(
                        1_625_097_600,
                        1_625_184_000,
                        UsageMetric::UserCount,
                    )
                })
                .build(),
        )
        .await
        .expect("aggregation");
    let versions: Vec<Option<&str>> = by_version
        .data
        .iter()
        .map(|p| p.text("sdkVersion"))
        .collect();
    assert_eq!(versions, [Some("3.6.1.1"), Some("4.1.1")]);

    let by_region = client
        .send(
            &GetQualityAggregation::builder()
                .appid(app_id.clone())
                .query(QualityAggregationQuery {
                    dimension: Some(Dimension::Region),
                    filters: Some(vec![RegionFilter::country("China")]),
                    ..QualityAggregationQuery::new(
                        1_625_097_600,
                        1_625_184_000,
                        QualityMetric::AudioFreezeRate,
                        ProductType::Native,
                    )
                })
                .build(),
        )
        .await
        .expect("aggregation");
    assert!(
        by_region
            .data
            .iter()
            .all(|p| p.ref_usage.is_some() && p.text("region").is_some())
    );

    let realtime = client
        .send(
            &GetRealtimeUsage::builder()
                .appid(app_id.clone())
                .start_ts(1_631_837_410)
                .end_ts(1_631_837_470)
                .product_type(ProductType::Native)
                .metric(RealtimeUsageMetric::UserCount)
                .dimension(Dimension::Sdk)
                .dimension_values(DimensionValues::new(["3.6.1.1", "4.1.1"]).expect("values"))
                .build(),
        )
        .await
        .expect("real-time usage");
    let windows: Vec<Option<i64>> = realtime.data.iter().map(|p| p.ts).collect();
    assert_eq!(
        windows,
        [
            1_631_837_400,
            1_631_837_400,
            1_631_837_420,
            1_631_837_420,
            1_631_837_440,
            1_631_837_440
        ]
        .map(Some),
        "20-second windows: the start's included, the end's not"
    );

    let per_user = client
        .send(
            &GetRealtimeQuality::builder()
                .appid(app_id.clone())
                .start_ts(1_631_837_410)
                .end_ts(1_631_837_470)
                .product_type(ProductType::Native)
                .metric(QualityMetric::NetworkDelay)
                .cname(ChannelName::new("a").expect("a name"))
                .uids(
                    UidList::new([Uid::new(1).expect("uid"), Uid::new(2).expect("uid")])
                        .expect("uids"),
                )
                .build(),
        )
        .await
        .expect("real-time quality");
    assert!(matches!(
        &per_user.data[0],
        RealtimeQualityEntry::User(series) if series.uid == 1 && series.values.len() == 3
    ));

    let top = client
        .send(
            &GetRealtimeQualityTop20::builder()
                .appid(app_id.clone())
                .ts(1_671_624_000)
                .product_type(ProductType::Native)
                .metric(QualityMetric::AudioFreezeRate)
                .dimension(Dimension::Device)
                .extra_metrics(ExtraMetric::UserCount)
                .build(),
        )
        .await
        .expect("top 20");
    assert!(
        top.data
            .iter()
            .all(|p| p.number("userCount").is_some() && p.window_end_ts == Some(1_671_624_020))
    );
    let usage_top = client
        .send(
            &GetRealtimeUsageTop20::builder()
                .appid(app_id.clone())
                .ts(1_671_624_000)
                .product_type(ProductType::WebRtc)
                .metric(RealtimeUsageMetric::UserCount)
                .dimension(Dimension::Country)
                .build(),
        )
        .await
        .expect("top 20");
    assert!(!usage_top.data.is_empty());

    let reported = client
        .send(
            &ReportCallProblem::builder()
                .appid(app_id)
                .report(CallProblemReport::new(
                    ChannelName::new("a").expect("a name"),
                    Uid::new(1).expect("a uid"),
                    ProblemType::Feedback,
                ))
                .build(),
        )
        .await
        .expect("reported");
    assert!(reported.is_success());
}

#[tokio::test]
async fn call_inspector_keeps_the_enterprise_plans_window_and_delay() {
    let (server, clock) = server_with_calls().await;
    let client = server.client();
    let app_id = server.app_id().clone();
    let now = T0 + HOUR;

    let old = client
        .send(&ListCalls {
            start_ts: now - 16 * 86_400,
            end_ts: now - 16 * 86_400 + 600,
            ..list(&app_id)
        })
        .await
        .expect("a 200 answer carrying code 300");
    assert_eq!(old.status.code, Some(300));
    assert_eq!(
        old.status.message.as_deref(),
        Some("query time range limit error")
    );
    assert!(!old.status.is_success());

    let too_fresh = client
        .send(&ListCalls {
            start_ts: now - 600,
            end_ts: now - 5,
            ..list(&app_id)
        })
        .await
        .expect("a 200 answer carrying code 300");
    assert_eq!(
        too_fresh.status.message.as_deref(),
        Some("query latency limit error")
    );

    clock.advance(Duration::from_secs(15));
    let settled = client
        .send(&ListCalls {
            start_ts: now - 600,
            end_ts: now - 5,
            ..list(&app_id)
        })
        .await
        .expect("calls");
    assert!(settled.status.is_success(), "20 s later the data is there");
}
