//! Messages: peer-to-peer and channel messages sent from the server.

use serde::Deserialize;

use super::types::{Outcome, RtmChannelName};
use crate::error::InvalidInput;
use crate::types::{AppId, UserId};
use crate::values::string_enum;
use crate::values::validated_string;
use crate::{Endpoint, endpoint_docs};

/// The most a message payload may hold: 32 KB.
pub const MAX_PAYLOAD_BYTES: usize = 32 * 1024;

validated_string! {
    /// The content of a peer-to-peer or channel message: not empty, at most
    /// 32 KB ([`MAX_PAYLOAD_BYTES`] bytes of UTF-8).
    ///
    /// ```
    /// use agora_api::rtm::Payload;
    /// assert_eq!(Payload::new("Hello")?.as_str(), "Hello");
    /// assert_eq!(
    ///     Payload::new("").unwrap_err().to_string(),
    ///     "invalid `payload`: must not be empty"
    /// );
    /// assert!(Payload::new("x".repeat(32 * 1024 + 1)).is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    Payload, field = "payload", check = check_payload
}

fn check_payload(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    if value.len() > MAX_PAYLOAD_BYTES {
        return Err(format!(
            "must be at most 32 KB ({MAX_PAYLOAD_BYTES} bytes; got {} bytes)",
            value.len()
        ));
    }
    Ok(())
}

/// A path segment with a space at either end does not survive every HTTP
/// stack; Agora's pages forbid it for the sender's user ID.
fn check_path_user_id(user_id: &UserId, field: &'static str) -> Result<(), InvalidInput> {
    let text = user_id.as_str();
    if text.starts_with(' ') || text.ends_with(' ') {
        return Err(InvalidInput::new(
            field,
            "must not begin or end with a space (it is part of the URL)",
        ));
    }
    Ok(())
}

/// Sends a peer-to-peer message from the server to one user.
///
/// With an RTM token, `user_id` must be the token's user. The sender does
/// not need to be logged in to Signaling. Not idempotent: a message that
/// may have reached Agora is never re-sent, so a retry cannot deliver it
/// twice.
///
/// ```
/// use agora_api::{AppId, Client, UserId};
/// use agora_api::rtm::{Payload, SendPeerMessage};
///
/// let send = SendPeerMessage::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .user_id(UserId::new("userA")?)
///     .wait_for_ack(true)
///     .destination(UserId::new("userB")?)
///     .enable_historical_messaging(true)
///     .payload(Payload::new("Hello")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&send)?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/dev/v2/project/876922cbca0098dff4323566daa89675/rtm/users/userA/peer_messages?wait_for_ack=true"
/// );
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(
///     std::str::from_utf8(body)?,
///     r#"{"destination":"userB","enable_historical_messaging":true,"payload":"Hello"}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dev/v2/project/{appid}/rtm/users/{user_id}/peer_messages",
    response = MessageReceipt,
    validate = SendPeerMessage::check,
    doc = "https://docs.agora.io/en/signaling/rest-api/peer-to-peer-message",
    rate_limit(500, per = second, scope = app_id, shared = "rtm_messages"),
)]
#[auth(basic, rtm_token)]
pub struct SendPeerMessage {
    /// The App ID of the project.
    pub appid: AppId,
    /// The sender. It must not begin or end with a space. Under RTM token
    /// auth it must be the user the token was generated for (Agora refuses
    /// any other); the client checks that before sending.
    #[endpoint(sender)]
    pub user_id: UserId,
    /// `true`: answer only once the receiver's SDK acknowledged the message
    /// ([`MessageStatus::Delivered`]); `false` (the default): answer as
    /// soon as Agora has it ([`MessageStatus::Sent`]).
    #[endpoint(query)]
    pub wait_for_ack: Option<bool>,
    /// The receiver.
    pub destination: UserId,
    /// Keep the message (up to 200 per receiver) for a receiver who is
    /// offline. Agora has deprecated offline messages and advises against
    /// them. Default `false`.
    pub enable_offline_messaging: Option<bool>,
    /// Store the message so that the history API can return it. Default
    /// `false`.
    pub enable_historical_messaging: Option<bool>,
    /// The content.
    pub payload: Payload,
}

impl SendPeerMessage {
    fn check(&self) -> Result<(), InvalidInput> {
        check_path_user_id(&self.user_id, "user_id")
    }
}

/// Sends a message from the server to a channel.
///
/// With an RTM token, `user_id` must be the token's user. The sender does
/// not need to join the channel. Not idempotent: a message that may have
/// reached Agora is never re-sent.
///
/// ```
/// use agora_api::{AppId, Client, UserId};
/// use agora_api::rtm::{Payload, RtmChannelName, SendChannelMessage};
///
/// let send = SendChannelMessage::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .user_id(UserId::new("userA")?)
///     .channel_name(RtmChannelName::new("channelA")?)
///     .payload(Payload::new("Hello")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&send)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"channel_name":"channelA","payload":"Hello"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dev/v2/project/{appid}/rtm/users/{user_id}/channel_messages",
    response = MessageReceipt,
    validate = SendChannelMessage::check,
    doc = "https://docs.agora.io/en/signaling/rest-api/channel-message",
    rate_limit(500, per = second, scope = app_id, shared = "rtm_messages"),
)]
#[auth(basic, rtm_token)]
pub struct SendChannelMessage {
    /// The App ID of the project.
    pub appid: AppId,
    /// The sender. It must not begin or end with a space. Under RTM token
    /// auth it must be the user the token was generated for (Agora refuses
    /// any other); the client checks that before sending.
    #[endpoint(sender)]
    pub user_id: UserId,
    /// The channel that receives the message.
    pub channel_name: RtmChannelName,
    /// Store the message so that the history API can return it. Default
    /// `false`.
    pub enable_historical_messaging: Option<bool>,
    /// The content.
    pub payload: Payload,
}

impl SendChannelMessage {
    fn check(&self) -> Result<(), InvalidInput> {
        check_path_user_id(&self.user_id, "user_id")
    }
}

/// What [`SendPeerMessage`] and [`SendChannelMessage`] answer.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct MessageReceipt {
    /// Whether the request succeeded. Agora leaves it out of some answers
    /// (a receiver who is offline).
    #[serde(default)]
    pub result: Option<Outcome>,
    /// Agora's ID of this request.
    #[serde(default)]
    pub request_id: Option<String>,
    /// What became of the message.
    #[serde(default)]
    pub code: Option<MessageStatus>,
}

string_enum! {
    /// What became of a sent message.
    pub enum MessageStatus {
        /// Agora has the message.
        Sent = "message_sent",
        /// The receiver acknowledged it (only with `wait_for_ack`).
        Delivered = "message_delivered",
        /// The receiver is offline.
        Offline = "message_offline",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_limit_is_32_kilobytes_of_utf8() {
        assert!(Payload::new("x".repeat(MAX_PAYLOAD_BYTES)).is_ok());
        let error = Payload::new("é".repeat(MAX_PAYLOAD_BYTES / 2 + 1)).expect_err("too big");
        assert_eq!(
            error.rule(),
            "must be at most 32 KB (32768 bytes; got 32770 bytes)"
        );
    }
}
