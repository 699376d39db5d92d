//! Agora's notifications (the Notification Center Service, NCS), received:
//! signatures checked over the raw body, the envelope decoded, the payload
//! typed by its `(productId, eventType)` pair, repeats dropped and RTC
//! events ordered by `clientSeq`.
//!
//! The pieces, in the order a receiver uses them:
//!
//! 1. [`Verifier`]: one per NCS secret, built once. [`Verifier::receive`]
//!    takes the request's [`http::HeaderMap`] and the body bytes exactly as
//!    they arrived (any web stack on the `http` crate: axum, hyper, warp,
//!    poem, ...), checks `Agora-Signature-V2` (HMAC-SHA256) or else
//!    `Agora-Signature` (HMAC-SHA1) in constant time, and decodes the
//!    [`Notification`] envelope.
//! 2. [`Notification::event`]: the typed [`Event`], or [`Event::Other`]
//!    with the raw JSON for anything new.
//! 3. [`Deduplicator`] with [`DedupKey`]: bounded memory of what was
//!    handled, keyed on what stays the same across Agora's resends (never
//!    on `notifyMs`).
//! 4. [`PresenceTracker`]: who is in an RTC channel, from events that come
//!    late, twice or out of order.
//!
//! With the `axum` feature, `VerifiedNotification` is an axum extractor
//! doing step 1, and `Acknowledge` the answer Agora expects.
//!
//! **Answer within 10 seconds.** Agora counts a delivery as failed unless
//! it gets `200` (with a JSON body such as `{}`) within 10 s, and then
//! resends it. Verification is cheap (two hash passes over a body of a few
//! hundred bytes); queue or spawn the slow work and answer first.
//!
//! ```
//! use agora_api::{Secret, webhooks::{DedupKey, Deduplicator, Event, Signer, Verifier}};
//!
//! let secret = Secret::new("ncs-secret");
//! let verifier = Verifier::new(&secret);
//! let mut seen = Deduplicator::new(10_000);
//!
//! // What Agora would POST (here signed by this crate's `Signer`).
//! let body = br#"{"noticeId":"n-1","productId":1,"eventType":105,"notifyMs":1611566412672,"payload":{"channelName":"demo","uid":7,"platform":7,"clientSeq":1,"ts":1611566412}}"#;
//! let headers = Signer::new(&secret).sign(body).to_headers();
//!
//! let notification = verifier.receive(&headers, body)?;
//! if seen.first_sight(&DedupKey::of(&notification)) {
//!     match notification.event() {
//!         Event::RtcChannel(event) => assert_eq!(event.uid(), Some(7)),
//!         other => panic!("{other:?}"),
//!     }
//! }
//! # Ok::<(), agora_api::webhooks::ReceiveError>(())
//! ```
//!
//! Interactive Whiteboard's file-conversion callback is not an NCS
//! notification (no envelope, no signature): see [`ConversionCallback`].

mod broadcast_streaming;
mod cloud_recording;
mod cloud_transcoding;
mod conversational_ai;
mod dedup;
mod envelope;
#[cfg(feature = "axum")]
mod extractor;
use crate::values::lenient;
mod media_gateway;
mod media_pull;
mod media_push;
mod order;
mod real_time_stt;
mod rtc_channel;
mod sender;
#[cfg(test)]
mod tests;
mod verify;
mod whiteboard;

pub use broadcast_streaming::*;
pub use cloud_recording::*;
pub use cloud_transcoding::*;
pub use conversational_ai::*;
pub use dedup::{DedupKey, Deduplicator};
pub use envelope::{Event, Notification, OtherEvent, ReceiveError, product_id};
#[cfg(feature = "axum")]
pub use extractor::{Acknowledge, VerifiedNotification, WebhookRejection};
pub use media_gateway::*;
pub use media_pull::*;
pub use media_push::*;
pub use order::{DEFAULT_LINGER, Observed, PresenceTracker, UserPresence};
pub use real_time_stt::*;
pub use rtc_channel::*;
pub use sender::{
    AttemptOutcome, DeliveryAttempt, DeliveryPolicy, DeliveryReport, NotificationSender,
};
pub use verify::{
    DEFAULT_MAX_BODY_BYTES, Malformation, SIGNATURE_V1_HEADER, SIGNATURE_V2_HEADER,
    SignatureAlgorithm, Signatures, Signer, Verifier, VerifyError,
};
pub use whiteboard::*;
