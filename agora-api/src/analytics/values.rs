//! The documented metric, dimension and product values the Agora Analytics
//! queries take, and the region filter.
//!
//! The value enums here are closed: they only ever go *to* Agora, so a
//! value Agora does not document cannot be sent by mistake. Where the same
//! names come back in a response (metric and dimension keys of a
//! [`DataPoint`](super::DataPoint)), the response keeps them as text.

use serde::{Deserialize, Serialize};

use crate::error::InvalidInput;
use crate::values::closed_enum;

closed_enum! {
    /// The SDK family a Data Insights or Real-time Monitoring query is
    /// about (`productType`).
    pub enum ProductType in "productType" {
        /// The Video SDK for Android, iOS, macOS and Windows.
        Native = "Native",
        /// The Video SDK for Web.
        WebRtc = "WebRTC",
    }
}

closed_enum! {
    /// The granularity of a Data Insights time series
    /// (`aggregateGranularity`).
    pub enum Granularity in "aggregateGranularity" {
        /// One value per UTC day.
        Day = "1d",
        /// One value per whole UTC hour.
        Hour = "1h",
    }
}

closed_enum! {
    /// A usage metric of Data Insights (`metric` of
    /// [`GetUsageByTime`](super::GetUsageByTime) and
    /// [`GetUsageAggregation`](super::GetUsageAggregation)).
    ///
    /// The English parameter table spells the two peak metrics
    /// `peakCurrentChannels`/`peakCurrentUsers`; the same page's note, and
    /// Agora's OpenAPI document, spell them `peakConcurrent...`, which is
    /// what is sent (see the `peak-metric-spelling` exception in
    /// `specs/analytics.json`).
    pub enum UsageMetric in "metric" {
        /// Users across all channels; one user in two channels counts twice.
        UserCount = "userCount",
        /// Channel joins: every join of any user counts.
        SessionCount = "sessionCount",
        /// Channels, each counted once per period from first join to last
        /// leave.
        ChannelCount = "channelCount",
        /// The most channels in use at once.
        PeakConcurrentChannels = "peakConcurrentChannels",
        /// The most users in calls at once.
        PeakConcurrentUsers = "peakConcurrentUsers",
        /// Minutes of audio and video calls, counted per user.
        TotalDuration = "totalDuration",
        /// Minutes of video calls, counted per user.
        TotalVideoDuration = "totalVideoDuration",
        /// Minutes of audio-only calls, counted per user.
        TotalAudioDuration = "totalAudioDuration",
    }
}

impl UsageMetric {
    /// Whether Agora aggregates this metric per App ID only (no
    /// `dimension`).
    pub const fn is_peak(self) -> bool {
        matches!(
            self,
            UsageMetric::PeakConcurrentChannels | UsageMetric::PeakConcurrentUsers
        )
    }
}

closed_enum! {
    /// A quality metric of Data Insights and Real-time Monitoring.
    pub enum QualityMetric in "metric" {
        /// Joins ÷ join attempts.
        JoinSuccessRate = "joinSuccessRate",
        /// Joins within 5 seconds ÷ join attempts.
        JoinSuccessIn5sRate = "joinSuccessIn5sRate",
        /// Audio freeze time (freezes over 200 ms) ÷ audio minutes per stream.
        AudioFreezeRate = "audioFreezeRate",
        /// Video freeze time (freezes over 600 ms) ÷ video minutes per stream.
        VideoFreezeRate = "videoFreezeRate",
        /// End-to-end delay (delays over 400 ms) ÷ audio and video minutes
        /// per stream.
        NetworkDelay = "networkDelay",
    }
}

closed_enum! {
    /// A scale metric of Real-time Monitoring.
    pub enum RealtimeUsageMetric in "metric" {
        /// Users across the channels in use; one user in two channels
        /// counts twice.
        UserCount = "userCount",
        /// Channels in use.
        ChannelCount = "channelCount",
    }
}

closed_enum! {
    /// An extra metric returned next to a top-20 quality metric to judge
    /// the data's weight (`extraMetrics`).
    pub enum ExtraMetric in "extraMetrics" {
        /// Users in the group.
        UserCount = "userCount",
    }
}

closed_enum! {
    /// A freeze-rate metric of Call Inspector (`metric` of
    /// [`GetCallStatistics`](super::GetCallStatistics) and
    /// [`GetFreezeRateBuckets`](super::GetFreezeRateBuckets)).
    pub enum FreezeRateMetric in "metric" {
        /// The audio freeze rate.
        AudioFreezeRate = "audio_freeze_rate",
        /// The video freeze rate.
        VideoFreezeRate = "video_freeze_rate",
    }
}

closed_enum! {
    /// A per-call time-series metric of Call Inspector (`metric` of
    /// [`GetCallStatisticsByTime`](super::GetCallStatisticsByTime)).
    pub enum CallTimeSeriesMetric in "metric" {
        /// Users in the call (one user ID per channel).
        UserCount = "user_count",
        /// The audio freeze rate.
        AudioFreezeRate = "audio_freeze_rate",
        /// The video freeze rate.
        VideoFreezeRate = "video_freeze_rate",
        /// Users who had audio freezes.
        AudioFreezeUserCount = "audio_freeze_user_count",
        /// Users who had video freezes.
        VideoFreezeUserCount = "video_freeze_user_count",
    }
}

closed_enum! {
    /// What results are grouped by (`dimension`). One dimension per query.
    ///
    /// Every dimension parameter accepts the first six. The aggregation
    /// queries also accept the spellings Agora's own examples and OpenAPI
    /// document use there (`sdkVersion`, `network`), and
    /// [`GetQualityAggregation`](super::GetQualityAggregation) accepts
    /// `channelSize`; each endpoint rejects the others before sending.
    pub enum Dimension in "dimension" {
        /// Country.
        Country = "country",
        /// Region (within a country: see [`RegionFilter`]).
        Region = "region",
        /// Network type.
        Net = "net",
        /// SDK version.
        Sdk = "sdk",
        /// Operating system.
        Os = "os",
        /// Device model (top 50 instead of top 20).
        Device = "device",
        /// Channel size, in Agora's preset bands (quality aggregation only;
        /// no `dimensionValues`).
        ChannelSize = "channelSize",
        /// SDK version, as Agora's aggregation examples spell it.
        SdkVersion = "sdkVersion",
        /// Network type, as Agora's OpenAPI document spells it for quality
        /// aggregation.
        Network = "network",
    }
}

impl Dimension {
    /// The dimensions every dimension parameter accepts.
    pub(crate) const STANDARD: &'static [Dimension] = &[
        Dimension::Country,
        Dimension::Region,
        Dimension::Net,
        Dimension::Sdk,
        Dimension::Os,
        Dimension::Device,
    ];

    /// Rejects a dimension `allowed` does not list.
    pub(crate) fn check_in(
        self,
        field: &'static str,
        allowed: &[Dimension],
        endpoint: &str,
    ) -> Result<(), InvalidInput> {
        if allowed.contains(&self) {
            return Ok(());
        }
        let names: Vec<&str> = allowed.iter().map(|d| d.as_str()).collect();
        Err(InvalidInput::new(
            field,
            format!(
                "{endpoint} accepts {} (got {:?})",
                names.join(", "),
                self.as_str()
            ),
        ))
    }
}

closed_enum! {
    /// What a [`RegionFilter`] filters on. Agora supports the country only.
    pub enum FilterName in "filters.name" {
        /// The country.
        Country = "country",
    }
}

/// Keeps `region` results of one country (`filters` of the aggregation
/// queries; valid only with [`Dimension::Region`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionFilter {
    /// What to filter on: [`FilterName::Country`].
    pub name: FilterName,
    /// The country, as Agora names it in results (`"China"`).
    pub value: String,
}

impl RegionFilter {
    /// Regions of `country` only.
    ///
    /// ```
    /// let filter = agora_api::analytics::RegionFilter::country("China");
    /// assert_eq!(
    ///     serde_json::to_string(&filter).unwrap(),
    ///     r#"{"name":"country","value":"China"}"#
    /// );
    /// ```
    pub fn country(country: impl Into<String>) -> Self {
        RegionFilter {
            name: FilterName::Country,
            value: country.into(),
        }
    }
}
