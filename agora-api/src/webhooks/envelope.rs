//! The envelope every NCS notification shares, and the dispatch of its
//! payload to a typed event on the pair `(productId, eventType)`.

use serde::{Deserialize, Serialize};

use super::{
    BroadcastStreamingEvent, CloudRecordingEvent, CloudTranscodingEvent, ConversationalAiEvent,
    MediaGatewayEvent, MediaPullEvent, MediaPushEvent, RealTimeSttEvent, RtcChannelEvent,
    SttLegacyEvent, Verifier, VerifyError,
};

/// The `productId` values Agora documents. Event numbers are unique only
/// within a product: dispatch on the pair, as [`Notification::event`] does.
pub mod product_id {
    /// RTC channel events.
    pub const RTC: u32 = 1;
    /// Media Push through the client-side SDK API; Agora documents no events.
    pub const MEDIA_PUSH_CLIENT: u32 = 2;
    /// Cloud Recording; Agora's zh pages say Cloud Transcoding shares it.
    pub const CLOUD_RECORDING: u32 = 3;
    /// Media Pull (Cloud Player).
    pub const MEDIA_PULL: u32 = 4;
    /// Media Push through the server-side REST API (RTMP Converter).
    pub const MEDIA_PUSH: u32 = 5;
    /// Broadcast Streaming (Fusion CDN).
    pub const BROADCAST_STREAMING: u32 = 7;
    /// Media Gateway.
    pub const MEDIA_GATEWAY: u32 = 10;
    /// Conversational AI Engine.
    pub const CONVERSATIONAL_AI: u32 = 17;
    /// Real-Time STT, v7 callbacks.
    pub const REAL_TIME_STT: u32 = 20;
}

/// One notification as Agora POSTs it: the envelope, with the payload kept
/// as JSON until [`event`](Self::event) types it.
///
/// Decode it from the raw body only after the signature was checked
/// ([`Verifier::receive`] does both). Members Agora adds are ignored; a
/// member given twice is refused.
///
/// * `productId` is also read as `product_id` (one Media Gateway page
///   spells it so).
/// * `eventMs` (pre-2021 bodies, and the published signature vector) and
///   `appId` (an old Media Pull page) are kept when present.
/// * The legacy Cloud Recording envelope of REST API ≤ 1.2.0
///   (`notificationId`, no `productId`) is historical and refused.
///
/// ```
/// use agora_api::webhooks::{Event, Notification, RtcChannelEvent};
///
/// let body = br#"{"noticeId":"2000001428:4330:107","productId":1,"eventType":101,"notifyMs":1611566412672,"payload":{"channelName":"test_webhook","ts":1560396834}}"#;
/// let notification = Notification::from_slice(body)?;
/// assert_eq!((notification.product_id, notification.event_type), (1, 101));
/// let Event::RtcChannel(RtcChannelEvent::ChannelCreated(created)) = notification.event() else {
///     panic!("a channel-create event");
/// };
/// assert_eq!(created.channel_name, "test_webhook");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Notification {
    /// Identifies the event's notification. Opaque (`"2000001428:4330:107"`,
    /// UUIDs, 32 hex digits). Agora does not say that a resend keeps it;
    /// see [`DedupKey`](super::DedupKey) for what de-duplication keys on.
    pub notice_id: String,
    /// The product that sent it ([`product_id`]).
    #[serde(alias = "product_id")]
    pub product_id: u32,
    /// The event, numbered within the product.
    pub event_type: u32,
    /// When NCS sent **this attempt** (Unix ms): it changes on every
    /// resend, so it is no de-duplication key.
    pub notify_ms: u64,
    /// The session ID, where the product sends one (RTC, Conversational
    /// AI, Media Gateway, Real-Time STT v7). Cloud Recording's is in its
    /// payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// When the product handed the event to NCS (Unix ms), in older bodies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_ms: Option<u64>,
    /// The project's App ID, in an old Media Pull body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// The event's content, its shape set by the pair.
    pub payload: serde_json::Value,
}

impl Notification {
    /// A notification to send (an emulator, a test). `sid`, `event_ms` and
    /// `app_id` are left out; set the public fields to add them.
    ///
    /// ```
    /// use agora_api::webhooks::{Notification, product_id};
    /// let mut notification = Notification::new(
    ///     "n-1",
    ///     product_id::RTC,
    ///     101,
    ///     1_611_566_412_672,
    ///     serde_json::json!({"channelName": "demo", "ts": 1611566412}),
    /// );
    /// notification.sid = Some("session-1".into());
    /// let body = notification.to_body();
    /// assert!(body.starts_with(br#"{"noticeId":"n-1","productId":1,"eventType":101,"#));
    /// assert_eq!(Notification::from_slice(&body)?, notification);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn new(
        notice_id: impl Into<String>,
        product_id: u32,
        event_type: u32,
        notify_ms: u64,
        payload: serde_json::Value,
    ) -> Self {
        Notification {
            notice_id: notice_id.into(),
            product_id,
            event_type,
            notify_ms,
            sid: None,
            event_ms: None,
            app_id: None,
            payload,
        }
    }

    /// Decodes the envelope from the raw body. Check the signature first.
    pub fn from_slice(body: &[u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice(body)
    }

    /// The body to sign and send: compact JSON, members in Agora's order
    /// (`noticeId`, `productId`, `eventType`, `notifyMs`, `sid`, `payload`).
    pub fn to_body(&self) -> Vec<u8> {
        // Serialising strings, integers and a JSON value cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// The payload typed by `(productId, eventType)`.
    ///
    /// A pair this crate does not know, or a documented pair whose payload
    /// does not have the documented shape, gives [`Event::Other`] with the
    /// raw JSON (and, for the second, why typing failed): nothing Agora
    /// sends is lost.
    ///
    /// Under `productId` 3, events 110–113 are Cloud Transcoding's (the zh
    /// pages put it there; the numbers do not collide with Cloud
    /// Recording's), and 4 and 30–33 with a `taskId` and no `sid` are
    /// Real-Time STT v5/v6's (whose product ID Agora does not state).
    pub fn event(&self) -> Event {
        let event_type = self.event_type;
        let payload = &self.payload;
        let decoded = match self.product_id {
            product_id::RTC => {
                RtcChannelEvent::decode(event_type, payload).map(|r| r.map(Event::RtcChannel))
            }
            product_id::CLOUD_RECORDING => {
                if (110..=113).contains(&event_type) {
                    CloudTranscodingEvent::decode(event_type, payload)
                        .map(|r| r.map(Event::CloudTranscoding))
                } else if SttLegacyEvent::claims(event_type, payload) {
                    SttLegacyEvent::decode(event_type, payload)
                        .map(|r| r.map(|e| Event::SttLegacy(Box::new(e))))
                } else {
                    CloudRecordingEvent::decode(event_type, payload)
                        .map(|r| r.map(|e| Event::CloudRecording(Box::new(e))))
                }
            }
            product_id::MEDIA_PULL => {
                MediaPullEvent::decode(event_type, payload).map(|r| r.map(Event::MediaPull))
            }
            product_id::MEDIA_PUSH => MediaPushEvent::decode(event_type, payload)
                .map(|r| r.map(|e| Event::MediaPush(Box::new(e)))),
            product_id::BROADCAST_STREAMING => BroadcastStreamingEvent::decode(event_type, payload)
                .map(|r| r.map(|e| Event::BroadcastStreaming(Box::new(e)))),
            product_id::MEDIA_GATEWAY => MediaGatewayEvent::decode(event_type, payload)
                .map(|r| r.map(|e| Event::MediaGateway(Box::new(e)))),
            product_id::CONVERSATIONAL_AI => ConversationalAiEvent::decode(event_type, payload)
                .map(|r| r.map(|e| Event::ConversationalAi(Box::new(e)))),
            product_id::REAL_TIME_STT => {
                RealTimeSttEvent::decode(event_type, payload).map(|r| r.map(Event::RealTimeStt))
            }
            _ => None,
        };
        match decoded {
            Some(Ok(event)) => event,
            Some(Err(error)) => Event::Other(OtherEvent {
                product_id: self.product_id,
                event_type,
                payload: payload.clone(),
                typing_error: Some(error.to_string()),
            }),
            None => Event::Other(OtherEvent {
                product_id: self.product_id,
                event_type,
                payload: payload.clone(),
                typing_error: None,
            }),
        }
    }
}

/// A notification's payload, typed by its `(productId, eventType)` pair.
///
/// ```
/// use agora_api::webhooks::{Event, Notification};
/// let body = br#"{"noticeId":"x","productId":12345,"eventType":1,"notifyMs":1,"payload":{"new":true}}"#;
/// let Event::Other(other) = Notification::from_slice(body)?.event() else {
///     panic!("12345 is the docs' placeholder, not a product");
/// };
/// assert_eq!(other.payload["new"], true);
/// assert!(other.typing_error.is_none());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// RTC channel events (`productId` 1).
    RtcChannel(RtcChannelEvent),
    /// Cloud Recording (`productId` 3).
    CloudRecording(Box<CloudRecordingEvent>),
    /// Cloud Transcoding (`productId` 3, events 110–113).
    CloudTranscoding(CloudTranscodingEvent),
    /// Real-Time STT v5/v6 callbacks (Cloud-Recording-like, `productId` 3).
    SttLegacy(Box<SttLegacyEvent>),
    /// Media Push (`productId` 5).
    MediaPush(Box<MediaPushEvent>),
    /// Media Pull (`productId` 4).
    MediaPull(MediaPullEvent),
    /// Conversational AI Engine (`productId` 17).
    ConversationalAi(Box<ConversationalAiEvent>),
    /// Real-Time STT v7 (`productId` 20).
    RealTimeStt(RealTimeSttEvent),
    /// Media Gateway (`productId` 10).
    MediaGateway(Box<MediaGatewayEvent>),
    /// Broadcast Streaming / Fusion CDN (`productId` 7).
    BroadcastStreaming(Box<BroadcastStreamingEvent>),
    /// Anything else, with its raw JSON.
    Other(OtherEvent),
}

/// A notification this crate does not type: a new product or event, or a
/// documented one whose payload is not shaped as documented.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct OtherEvent {
    /// The envelope's `productId`.
    pub product_id: u32,
    /// The envelope's `eventType`.
    pub event_type: u32,
    /// The payload as sent.
    pub payload: serde_json::Value,
    /// For a documented pair, why the payload did not decode; `None` for a
    /// pair this crate does not know.
    pub typing_error: Option<String>,
}

/// Why [`Verifier::receive`] refused a notification.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReceiveError {
    /// The signature check failed, or the body is too large.
    #[error(transparent)]
    Verify(#[from] VerifyError),
    /// The body is signed but is not an NCS envelope.
    #[error("the notification's body is not an NCS envelope: {0}")]
    Envelope(#[source] serde_json::Error),
}

impl ReceiveError {
    /// The status to answer: `401`/`413` for [`VerifyError`]s
    /// ([`VerifyError::status`]), `400` for a body that is not an envelope.
    pub fn status(&self) -> http::StatusCode {
        match self {
            ReceiveError::Verify(error) => error.status(),
            ReceiveError::Envelope(_) => http::StatusCode::BAD_REQUEST,
        }
    }
}

impl Verifier {
    /// The framework-neutral entry point: checks the size and the
    /// signature of the raw `body`, then decodes the envelope. Any web
    /// stack on the `http` crate (axum, hyper, warp, poem, ...) hands over
    /// its `HeaderMap` and body bytes as they are.
    ///
    /// Answer `200` with a JSON body (`{}`) within 10 seconds, and do the
    /// slow work afterwards: Agora resends anything else.
    ///
    /// `Content-Type` is not checked: Agora's pages spell it
    /// `application/json`, `Application/json` and
    /// `application/json;charset=utf-8`, and the signature already proves
    /// the body.
    ///
    /// ```
    /// use agora_api::{Secret, webhooks::{Event, Signer, Verifier}};
    /// let secret = Secret::new("ncs-secret");
    /// let body = br#"{"noticeId":"n1","productId":1,"eventType":101,"notifyMs":1,"payload":{"channelName":"demo","ts":1}}"#;
    /// let headers = Signer::new(&secret).sign(body).to_headers();
    ///
    /// let notification = Verifier::new(&secret).receive(&headers, body)?;
    /// assert!(matches!(notification.event(), Event::RtcChannel(_)));
    ///
    /// let wrong = Verifier::new(&Secret::new("another"));
    /// assert_eq!(wrong.receive(&headers, body).unwrap_err().status(), 401);
    /// # Ok::<(), agora_api::webhooks::ReceiveError>(())
    /// ```
    pub fn receive(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Notification, ReceiveError> {
        self.verify(headers, body)?;
        Notification::from_slice(body).map_err(ReceiveError::Envelope)
    }
}

/// Decodes a payload as `T` (for the product modules).
pub(crate) fn typed<T: serde::de::DeserializeOwned>(
    payload: &serde_json::Value,
) -> Result<T, serde_json::Error> {
    T::deserialize(payload)
}
