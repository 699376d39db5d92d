//! Live streams and their transcoding configurations.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::CFLS_ENVELOPE;
use crate::values::{closed_enum, issued_id, string_enum, validated_string};
use crate::{
    AppId, Endpoint, FieldPath, InvalidInput, PathRegion, Secret, Validate, endpoint_docs,
};

closed_enum! {
    /// The area of a cfls call, the first segment of its path: `na`,
    /// `ap` or `eu`, lower case (the quickstart lists these three; there
    /// is no `cn`).
    ///
    /// ```
    /// use agora_api::broadcast_streaming::CflsRegion;
    /// assert_eq!("ap".parse::<CflsRegion>()?, CflsRegion::AsiaPacific);
    /// assert_eq!(
    ///     "cn".parse::<CflsRegion>().unwrap_err().to_string(),
    ///     r#"invalid `region`: must be one of na, ap, eu (got "cn")"#
    /// );
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    pub enum CflsRegion in "region" {
        /// `na`: North America.
        NorthAmerica = "na",
        /// `ap`: Asia Pacific.
        AsiaPacific = "ap",
        /// `eu`: Europe.
        Europe = "eu",
    }
}

impl PathRegion for CflsRegion {
    fn code(&self) -> &str {
        self.as_str()
    }
}

validated_string! {
    /// A transcoding configuration's ID (`transcodingsId`), as
    /// [`CreateLiveTranscoding`] answers it. Opaque: only what would break
    /// a URL is refused.
    ///
    /// ```
    /// use agora_api::broadcast_streaming::TranscodingsId;
    /// assert!(TranscodingsId::new("tr-8f3a").is_ok());
    /// assert!(TranscodingsId::new("").is_err());
    /// ```
    TranscodingsId, field = "transcodingsId", check = issued_id
}

string_enum! {
    /// A standard transcoding template (`standardTemps`). The quickstart
    /// shows `fhd`, `hd`, `sd1` and `ld`; Agora may have more, sent as
    /// [`StandardTemplate::Other`] (lower-case letters and digits).
    pub enum StandardTemplate {
        /// Full HD.
        FullHd = "fhd",
        /// HD.
        Hd = "hd",
        /// Standard definition.
        Sd1 = "sd1",
        /// Low definition.
        Ld = "ld",
    }
}

string_enum! {
    /// Who may play a playback ID (`policy`).
    pub enum PlaybackPolicy {
        /// Anyone with the URL.
        Public = "public",
        /// Only signed requests.
        Private = "private",
    }
}

/// The settings of a new live stream (`settings`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LiveStreamSettings {
    /// The transcoding configuration the stream uses, from
    /// [`CreateLiveTranscoding`]; without it, Agora's default one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcodings_id: Option<TranscodingsId>,
}

impl LiveStreamSettings {
    /// Settings that use the transcoding configuration `id`.
    pub fn with_transcodings(id: TranscodingsId) -> Self {
        LiveStreamSettings {
            transcodings_id: Some(id),
        }
    }
}

/// The settings of a transcoding configuration (`settings`): the
/// standard templates its renditions follow, at least one, each once.
///
/// ```
/// use agora_api::broadcast_streaming::{StandardTemplate, TranscodingSettings};
/// use agora_api::{FieldPath, Validate};
///
/// let twice = TranscodingSettings::new(vec![StandardTemplate::Hd, StandardTemplate::Hd]);
/// let error = twice.validate(&FieldPath::root("settings")).unwrap_err();
/// assert_eq!(error.field(), "settings.standardTemps[1]");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TranscodingSettings {
    /// The templates, e.g. `["hd", "sd1", "ld"]`.
    pub standard_temps: Vec<StandardTemplate>,
}

impl TranscodingSettings {
    /// Settings with these templates.
    pub fn new(standard_temps: Vec<StandardTemplate>) -> Self {
        TranscodingSettings { standard_temps }
    }
}

impl Validate for TranscodingSettings {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        let list = at.member("standardTemps");
        if self.standard_temps.is_empty() {
            return Err(list.invalid("must name at least one template"));
        }
        for (index, template) in self.standard_temps.iter().enumerate() {
            let item = list.index(index);
            if let StandardTemplate::Other(other) = template
                && (other.is_empty()
                    || other.len() > 16
                    || !other
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
            {
                return Err(item.invalid(format!(
                    "must be 1 to 16 lower-case letters and digits (got {other:?})"
                )));
            }
            if self.standard_temps[..index].contains(template) {
                return Err(item.invalid(format!("names {template} twice")));
            }
        }
        Ok(())
    }
}

/// Creates a live stream: a stream key to push with and playback IDs to
/// play it with.
///
/// Not idempotent: each call creates another stream; never re-sent once
/// it may have reached Agora. The quickstart sends no body; `settings`
/// is the optional body its answer's `transcodings` suggests
/// (`{"settings": {"transcodingsId": ...}}`), which Agora documents
/// nowhere else.
///
/// ```
/// use agora_api::broadcast_streaming::{
///     CflsRegion, CreateLiveStream, LiveStreamSettings, TranscodingsId,
/// };
/// use agora_api::{AppId, Client};
///
/// let create = CreateLiveStream::builder()
///     .region(CflsRegion::Europe)
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .settings(LiveStreamSettings::with_transcodings(TranscodingsId::new("tr-1")?))
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&create)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"settings":{"transcodingsId":"tr-1"}}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/{region}/v1/projects/{appid}/cfls/live-streams",
    response = LiveStream,
    envelope = CFLS_ENVELOPE,
    doc = "https://docs.agora.io/en/broadcast-streaming/get-started/agora-domain",
)]
#[auth(basic)]
pub struct CreateLiveStream {
    /// The area.
    pub region: CflsRegion,
    /// The project.
    pub appid: AppId,
    /// Which transcoding configuration to use; left out, Agora's default.
    pub settings: Option<LiveStreamSettings>,
}

/// Creates a transcoding configuration: the standard templates a live
/// stream is transcoded to.
///
/// Not idempotent: each call creates another configuration. The
/// quickstart says only that the answer carries a `transcodingsId`: the
/// answer is read as the `transcodings` object of a live stream
/// (`{id, standardTemps, createdAt}`), its `id` being that
/// `transcodingsId`.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/{region}/v1/projects/{appid}/cfls/live-transcodings",
    response = LiveTranscoding,
    envelope = CFLS_ENVELOPE,
    doc = "https://docs.agora.io/en/broadcast-streaming/get-started/agora-domain",
)]
#[auth(basic)]
pub struct CreateLiveTranscoding {
    /// The area.
    pub region: CflsRegion,
    /// The project.
    pub appid: AppId,
    /// The templates.
    pub settings: TranscodingSettings,
}

/// A time in a cfls answer, whose format the quickstart does not show: a
/// number (Unix time) or text (such as RFC 3339), kept as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CflsTime {
    /// A Unix time.
    Unix(u64),
    /// Text, as sent.
    Text(String),
}

/// A live stream, as [`CreateLiveStream`] answers it (the `data` of the
/// answer).
///
/// ```
/// use agora_api::broadcast_streaming::{LiveStream, PlaybackPolicy};
/// let stream: LiveStream = serde_json::from_str(
///     r#"{"id": "ls-1", "streamKey": "sk-secret", "playbackIds": [{"id": "pb-1", "policy": "public"}], "createdAt": "2024-01-01T00:00:00Z"}"#,
/// )?;
/// assert_eq!(stream.playback_ids[0].policy, PlaybackPolicy::Public);
/// assert_eq!(stream.playback_ids[0].hls_url(), "https://stream.agoramdn.com/pb-1.m3u8");
/// assert_eq!(stream.stream_key.expose(), "sk-secret");
/// assert!(!format!("{stream:?}").contains("sk-secret"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LiveStream {
    /// The stream's ID.
    pub id: String,
    /// The key to push with, to `rtmps://stream-in.agoramdn.com/live`: a
    /// secret (anyone with it can push), never printed.
    pub stream_key: Secret,
    /// The IDs to play the stream with.
    #[serde(default)]
    pub playback_ids: Vec<PlaybackId>,
    /// The transcoding configuration it uses.
    #[serde(default)]
    pub transcodings: Option<LiveTranscoding>,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<CflsTime>,
}

/// One way to play a live stream.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct PlaybackId {
    /// The playback ID.
    pub id: String,
    /// Who may play it.
    pub policy: PlaybackPolicy,
}

impl PlaybackId {
    /// The HLS URL the quickstart plays it at,
    /// `https://stream.agoramdn.com/{id}.m3u8`.
    pub fn hls_url(&self) -> String {
        format!("https://stream.agoramdn.com/{}.m3u8", self.id)
    }
}

/// A transcoding configuration, as [`CreateLiveTranscoding`] answers it
/// and a [`LiveStream`] names the one it uses.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LiveTranscoding {
    /// The `transcodingsId`.
    pub id: TranscodingsId,
    /// Its templates.
    #[serde(default)]
    pub standard_temps: Vec<StandardTemplate>,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<CflsTime>,
}

impl fmt::Display for LiveTranscoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self
            .standard_temps
            .iter()
            .map(StandardTemplate::as_str)
            .collect();
        write!(f, "{} ({})", self.id, names.join(", "))
    }
}
