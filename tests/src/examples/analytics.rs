//! Examples of `agora_api::analytics`, one per documented example request
//! in `specs/analytics.json`.

// The legacy endpoints are deprecated, and they are documented examples.
#![allow(deprecated)]

use agora_api::analytics::{
    CallId, CallProblemReport, CallTimeSeriesMetric, Dimension, DimensionValues, ExtraMetric,
    FreezeRateMetric, GetCallDetails, GetCallMetrics, GetCallSessions, GetCallStatistics,
    GetCallStatisticsByTime, GetFreezeRateBuckets, GetQualityAggregation, GetQualityByTime,
    GetRealtimeQuality, GetRealtimeQualityTop20, GetRealtimeUsage, GetRealtimeUsageTop20,
    GetUsageAggregation, GetUsageByTime, Granularity, ListCalls, ProblemType, ProductType,
    QualityAggregationQuery, QualityMetric, RealtimeUsageMetric, RegionFilter, ReportCallProblem,
    SessionIds, UidList, UsageAggregationQuery, UsageMetric,
};
use agora_api::{ChannelName, Uid};

use super::{Example, placeholder_app_id};

fn call_id(id: &str) -> CallId {
    CallId::new(id).expect("a valid call ID")
}

fn uid(value: u32) -> Uid {
    Uid::new(value).expect("a valid uid")
}

fn sdk_versions() -> DimensionValues {
    DimensionValues::new(["3.6.1.1", "4.1.1"]).expect("valid dimension values")
}

/// The documented examples, built through the builders.
pub fn examples() -> Vec<Example> {
    let mut all = call_inspector();
    all.extend(data_insights());
    all.extend(realtime());
    all.extend(legacy());
    all
}

fn call_inspector() -> Vec<Example> {
    // The three newer Call Inspector pages show no query; these are the
    // OpenAPI document's parameter examples.
    let (start, end, id) = (1550024508, 1550025508, "15c995xxxxxxxxxxxd39be9b");
    vec![
        Example::of(
            "documented",
            ListCalls::builder()
                .start_ts(1550024508)
                .end_ts(1550025508)
                .appid(placeholder_app_id())
                .page_no(1)
                .page_size(20)
                .build(),
        ),
        Example::of(
            "documented",
            GetCallSessions::builder()
                .start_ts(1548665345)
                .end_ts(1548670821)
                .appid(placeholder_app_id())
                .call_id(call_id("cxxxxxxxxxxxxxxxxxxxx"))
                .page_no(1)
                .page_size(20)
                .uids(UidList::new([uid(10001), uid(10002)]).expect("two uids"))
                .build(),
        ),
        Example::of(
            "documented",
            GetCallMetrics::builder()
                .start_ts(1548665345)
                .end_ts(1548670821)
                .appid(placeholder_app_id())
                .call_id(call_id("cxxxxxxxxxxxxxxxxxxxx"))
                .sids(
                    SessionIds::new([
                        "sxxxxxxxxxxxxxxxx1",
                        "sxxxxxxxxxxxxxxxx2",
                        "sxxxxxxxxxxxxxxxx3",
                    ])
                    .expect("three session IDs"),
                )
                .build(),
        ),
        Example::of(
            "documented",
            GetCallStatistics::builder()
                .start_ts(start)
                .end_ts(end)
                .appid(placeholder_app_id())
                .call_id(call_id(id))
                .metric(FreezeRateMetric::AudioFreezeRate)
                .dimension(Dimension::Sdk)
                .build(),
        ),
        Example::of(
            "documented",
            GetFreezeRateBuckets::builder()
                .start_ts(start)
                .end_ts(end)
                .appid(placeholder_app_id())
                .call_id(call_id(id))
                .metric(FreezeRateMetric::AudioFreezeRate)
                .build(),
        ),
        Example::of(
            "documented",
            GetCallStatisticsByTime::builder()
                .start_ts(start)
                .end_ts(end)
                .appid(placeholder_app_id())
                .call_id(call_id(id))
                .metric(CallTimeSeriesMetric::AudioFreezeRate)
                .build(),
        ),
    ]
}

fn data_insights() -> Vec<Example> {
    let (start, end) = (1625097600, 1625184000);
    let usage = |query: UsageAggregationQuery| {
        GetUsageAggregation::builder()
            .appid(placeholder_app_id())
            .query(query)
            .build()
    };
    let usage_base = UsageAggregationQuery::new(start, end, UsageMetric::UserCount);
    let quality = |query: QualityAggregationQuery| {
        GetQualityAggregation::builder()
            .appid(placeholder_app_id())
            .query(query)
            .build()
    };
    let quality_base = QualityAggregationQuery::new(
        start,
        end,
        QualityMetric::AudioFreezeRate,
        ProductType::Native,
    );
    vec![
        Example::of(
            "documented",
            GetUsageByTime::builder()
                .start_ts(1625097600)
                .end_ts(1625270400)
                .appid(placeholder_app_id())
                .metric(UsageMetric::UserCount)
                .aggregate_granularity(Granularity::Day)
                .build(),
        ),
        Example::of(
            "documented",
            GetQualityByTime::builder()
                .start_ts(start)
                .end_ts(end)
                .appid(placeholder_app_id())
                .metric(QualityMetric::NetworkDelay)
                .aggregate_granularity(Granularity::Hour)
                .product_type(ProductType::Native)
                .build(),
        ),
        Example::of(
            "top 20 countries",
            usage(UsageAggregationQuery {
                dimension: Some(Dimension::Country),
                ..usage_base.clone()
            }),
        ),
        Example::of(
            "two SDK versions",
            usage(UsageAggregationQuery {
                dimension: Some(Dimension::SdkVersion),
                dimension_values: Some(sdk_versions()),
                ..usage_base.clone()
            }),
        ),
        Example::of(
            "top 20 regions of China",
            usage(UsageAggregationQuery {
                dimension: Some(Dimension::Region),
                filters: Some(vec![RegionFilter::country("China")]),
                ..usage_base
            }),
        ),
        Example::of(
            "top 20 countries",
            quality(QualityAggregationQuery {
                dimension: Some(Dimension::Country),
                ..quality_base.clone()
            }),
        ),
        Example::of(
            "two SDK versions",
            quality(QualityAggregationQuery {
                dimension: Some(Dimension::SdkVersion),
                dimension_values: Some(sdk_versions()),
                ..quality_base.clone()
            }),
        ),
        Example::of(
            "top 20 regions of China",
            quality(QualityAggregationQuery {
                dimension: Some(Dimension::Region),
                filters: Some(vec![RegionFilter::country("China")]),
                ..quality_base
            }),
        ),
    ]
}

fn realtime() -> Vec<Example> {
    let (start, end) = (1631837410, 1631837470);
    let quality = || {
        GetRealtimeQuality::builder()
            .start_ts(start)
            .end_ts(end)
            .appid(placeholder_app_id())
            .product_type(ProductType::Native)
            .metric(QualityMetric::NetworkDelay)
    };
    vec![
        Example::of(
            "two SDK versions",
            GetRealtimeUsage::builder()
                .start_ts(start)
                .end_ts(end)
                .appid(placeholder_app_id())
                .product_type(ProductType::Native)
                .metric(RealtimeUsageMetric::UserCount)
                .dimension(Dimension::Sdk)
                .dimension_values(sdk_versions())
                .build(),
        ),
        Example::of("whole project", quality().build()),
        Example::of(
            "two users",
            quality()
                .cname(ChannelName::new("demoChannel").expect("a valid channel name"))
                .uids(UidList::new([uid(2303692334), uid(2963430861)]).expect("two uids"))
                .build(),
        ),
        Example::of(
            "two SDK versions",
            quality()
                .dimension(Dimension::Sdk)
                .dimension_values(sdk_versions())
                .build(),
        ),
        Example::of(
            "SDK versions",
            GetRealtimeUsageTop20::builder()
                .ts(1631837410)
                .appid(placeholder_app_id())
                .product_type(ProductType::Native)
                .metric(RealtimeUsageMetric::UserCount)
                .dimension(Dimension::Sdk)
                .build(),
        ),
        Example::of(
            "devices",
            GetRealtimeQualityTop20::builder()
                .ts(1671624000)
                .appid(placeholder_app_id())
                .product_type(ProductType::Native)
                .metric(QualityMetric::AudioFreezeRate)
                .dimension(Dimension::Device)
                .extra_metrics(ExtraMetric::UserCount)
                .build(),
        ),
    ]
}

fn legacy() -> Vec<Example> {
    vec![
        Example::of(
            "legacy documented",
            GetCallDetails::builder()
                .start_ts(1548665345)
                .end_ts(1548670821)
                .appid(placeholder_app_id())
                .call_id(call_id("cxxxxxxxxxxxxxxxxxxxx"))
                .build(),
        ),
        Example::of(
            "legacy documented",
            ReportCallProblem::builder()
                .appid(placeholder_app_id())
                .report(CallProblemReport {
                    comments: Some("bad network".into()),
                    action_uid: Some(uid(111)),
                    ..CallProblemReport::new(
                        ChannelName::new("android_video_engine_1561704454355")
                            .expect("a valid channel name"),
                        uid(111),
                        ProblemType::ClassSwitch,
                    )
                })
                .build(),
        ),
    ]
}
