//! Stream administration: banning a stream, and a time lag between a
//! stream and what its viewers see (asynchronous playback).

use serde::Deserialize;

use super::Done;
use super::names::{EntryPointName, FlsTime, StreamName};
use crate::values::validated_number;
use crate::{AppId, Endpoint, InvalidInput, endpoint_docs};

/// Bans a live stream: pushes of it are refused until `resumeTime`
/// (Agora's default: seven days after the ban) or until
/// [`UnbanStream`].
///
/// Idempotent: banning again with the same `resumeTime` changes nothing.
/// (Without one, a repeat moves the default end by the seconds between
/// the two.)
///
/// Agora's field description writes its example time
/// `2018-1129T19:00:00+08:00`, which is no RFC 3339 time; its request
/// example, `2021-11-29T19:00:00+08:00`, is, and is the form required.
///
/// ```
/// use agora_api::media_broadcast::{BanStream, EntryPointName, FlsTime, StreamName};
/// use agora_api::{AppId, Client};
///
/// let ban = BanStream::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .entry_point(EntryPointName::live())
///     .stream_name(StreamName::new("show68")?)
///     .resume_time(FlsTime::new("2021-11-29T19:00:00+08:00")?)
///     .build();
/// let client = Client::builder().hmac_auth("id", "secret").build()?;
/// let request = client.prepare(&ban)?;
/// assert!(request.url().as_str().ends_with("/fls/entry_points/live/admin/banned_streams/show68"));
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"resumeTime":"2021-11-29T19:00:00+08:00"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/admin/banned_streams/{stream_name}",
    response = Done,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/stream-management",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct BanStream {
    /// The project.
    pub appid: AppId,
    /// The stream's entry point.
    pub entry_point: EntryPointName,
    /// The stream.
    pub stream_name: StreamName,
    /// When pushes are accepted again.
    #[endpoint(rename = "resumeTime")]
    pub resume_time: Option<FlsTime>,
}

/// Lifts a ban. Idempotent: the emulator, like a repeat of any unban,
/// answers `200` for a stream that is not banned.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/admin/banned_streams/{stream_name}",
    response = Done,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/stream-management",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct UnbanStream {
    /// The project.
    pub appid: AppId,
    /// The stream's entry point.
    pub entry_point: EntryPointName,
    /// The stream.
    pub stream_name: StreamName,
}

/// Lists the banned streams of an entry point.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/admin/banned_streams",
    response = BannedStreamList,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/stream-management",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct ListBannedStreams {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
}

/// The banned streams, as [`ListBannedStreams`] answers them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BannedStreamList {
    /// The streams.
    #[serde(default)]
    pub banned_stream_list: Vec<BannedStream>,
}

/// One banned stream.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BannedStream {
    /// The stream's name.
    pub name: String,
    /// When pushes are accepted again (RFC 3339, as sent).
    #[serde(default)]
    pub resume_time: Option<String>,
}

validated_number! {
    /// A time lag in seconds (`delay`): 1 to 600. (Agora documents the
    /// maximum; a lag of 0 is [`CancelStreamDelay`].)
    ///
    /// ```
    /// use agora_api::media_broadcast::DelaySeconds;
    /// assert_eq!(DelaySeconds::new(600)?.get(), 600);
    /// assert!(DelaySeconds::new(601).is_err());
    /// assert!(DelaySeconds::new(0).is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    DelaySeconds(u16), field = "delay", check = check_delay
}

fn check_delay(value: u16) -> Result<u16, InvalidInput> {
    if !(1..=600).contains(&value) {
        return Err(InvalidInput::new(
            "delay",
            format!("must be 1 to 600 seconds (got {value})"),
        ));
    }
    Ok(value)
}

/// Sets a time lag for a stream: viewers see it `delay` seconds late
/// (Push CDN mode only). Setting the same lag again changes nothing:
/// idempotent.
///
/// Agora's example shows no body, although `delay` is required; the
/// spec's example sends `{"delay": 10}` (exception `delay-example-body`).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/admin/delayed_streams/{stream_name}",
    response = Done,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/asynchronous-playback",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct SetStreamDelay {
    /// The project.
    pub appid: AppId,
    /// The stream's entry point.
    pub entry_point: EntryPointName,
    /// The stream.
    pub stream_name: StreamName,
    /// The lag.
    pub delay: DelaySeconds,
}

/// Cancels a stream's time lag. Idempotent: cancelling a lag that is not
/// set is answered `200` too (the emulator's choice; Agora documents no
/// error for it).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/admin/delayed_streams/{stream_name}",
    response = Done,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/asynchronous-playback",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct CancelStreamDelay {
    /// The project.
    pub appid: AppId,
    /// The stream's entry point.
    pub entry_point: EntryPointName,
    /// The stream.
    pub stream_name: StreamName,
}
