//! Media Push events (`productId` 5): converters created, updated, changing
//! state and destroyed.

use serde::Deserialize;

use super::envelope::typed;
use super::lenient;

/// A Media Push notification: which event, the converter, and the fields
/// every event shares.
///
/// `lts` is documented as ms in English and seconds in zh, and Agora's
/// example (`1603456600`) is seconds: kept as the raw integer.
///
/// ```
/// use agora_api::webhooks::{Event, MediaPushEventKind, Notification};
/// let body = br#"{"noticeId":"n","productId":5,"eventType":4,"notifyMs":1,"payload":{"converter":{"id":"4c014467d647bb87b60b719f6fa57686","name":"show68_vertical","createTs":1603456600,"updateTs":1603456600},"lts":1603456600,"destroyReason":"Delete Request","fields":"converter.id,converter.name,converter.createTs,converter.updateTs"}}"#;
/// let Event::MediaPush(event) = Notification::from_slice(body)?.event() else { panic!() };
/// assert_eq!(event.kind, MediaPushEventKind::Destroyed);
/// assert_eq!(event.destroy_reason.as_deref(), Some("Delete Request"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MediaPushEvent {
    /// Which event (from `eventType`).
    #[serde(skip, default = "MediaPushEventKind::placeholder")]
    pub kind: MediaPushEventKind,
    /// The converter: all of it on 1, the changed parts on 2, its state on
    /// 3, its name on 4.
    pub converter: Converter,
    /// When, as sent (see the type's docs on units).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub lts: Option<u64>,
    /// The `X-Request-ID` of the request that caused it (1, 2).
    #[serde(default)]
    pub x_request_id: Option<String>,
    /// The field mask of what `converter` holds, comma-separated (2, 3, 4).
    #[serde(default)]
    pub fields: Option<String>,
    /// `"Delete Request"`, `"Idle Timeout"`, `"Internal Error"` (4).
    #[serde(default)]
    pub destroy_reason: Option<String>,
}

/// The Media Push events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MediaPushEventKind {
    /// 1 ConverterCreatedEvent.
    Created,
    /// 2 ConverterUpdatedEvent.
    Updated,
    /// 3 ConverterStateChangedEvent.
    StateChanged,
    /// 4 ConverterDestroyedEvent.
    Destroyed,
}

impl MediaPushEventKind {
    fn placeholder() -> Self {
        MediaPushEventKind::Created
    }
}

/// A converter as the events carry it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Converter {
    /// Its ID.
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// The transcoding options (`rtcChannel`, `audioOptions`,
    /// `videoOptions`), as JSON; see [`sei_options`](Self::sei_options).
    #[serde(default)]
    pub transcode_options: Option<serde_json::Value>,
    /// The CDN address.
    #[serde(default)]
    pub rtmp_url: Option<String>,
    /// Seconds idle before Agora destroys it.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub idle_timeout: Option<u64>,
    /// Created at, as sent.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub create_ts: Option<u64>,
    /// Updated at, as sent.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub update_ts: Option<u64>,
    /// `connecting`, `running` or `failed`.
    #[serde(default)]
    pub state: Option<String>,
}

impl Converter {
    /// The video SEI options: `videoOptions.seiOptions` as every example
    /// spells it, or `seiExtraInfo` as the English field list does.
    ///
    /// ```
    /// use agora_api::webhooks::Converter;
    /// let converter: Converter = serde_json::from_str(
    ///     r#"{"id":"c","transcodeOptions":{"videoOptions":{"seiExtraInfo":{"a":1}}}}"#,
    /// )?;
    /// assert_eq!(converter.sei_options().map(|v| v["a"].clone()), Some(1.into()));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn sei_options(&self) -> Option<&serde_json::Value> {
        let video = self.transcode_options.as_ref()?.get("videoOptions")?;
        video
            .get("seiOptions")
            .or_else(|| video.get("seiExtraInfo"))
    }
}

impl MediaPushEvent {
    pub(crate) fn decode(
        event_type: u32,
        payload: &serde_json::Value,
    ) -> Option<Result<Self, serde_json::Error>> {
        let kind = match event_type {
            1 => MediaPushEventKind::Created,
            2 => MediaPushEventKind::Updated,
            3 => MediaPushEventKind::StateChanged,
            4 => MediaPushEventKind::Destroyed,
            _ => return None,
        };
        Some(typed::<MediaPushEvent>(payload).map(|event| MediaPushEvent { kind, ..event }))
    }
}
