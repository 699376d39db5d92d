//! Message history (Signaling 2.x): the stored messages of a channel,
//! page by page.

use serde::Deserialize;

use super::types::{RtmChannelName, check_name};
use crate::error::InvalidInput;
use crate::pages::Paginated;
use crate::types::{AppId, UserId};
use crate::values::string_enum;
use crate::{Endpoint, endpoint_docs};

/// Punctuation the 2.x message history page allows in user IDs and channel
/// names: the Signaling set without `,` and `'`.
const HISTORY_PUNCTUATION: &str = "!#$%&()+-:;<=.>?@[]^_{}|~";

/// Fetches stored messages of a message channel or a user channel (Signaling
/// 2.x), one page of at most 100 at a time.
///
/// Documented on `https://api.sd-rtn.com`; Agora's samples authenticate
/// with an AccessToken2. Only messages published with history storage
/// enabled are kept; the history feature must be enabled for the project.
///
/// Paged: [`Client::pages`](crate::Client::pages) walks on from each page's
/// `newStart` until Agora answers `0` (everything fetched).
///
/// ```
/// use agora_api::{AppId, Client, UserId};
/// use agora_api::rtm::{ChannelType, GetMessageHistory, RtmChannelName};
///
/// let history = GetMessageHistory::builder()
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .user_id(UserId::new("Tony")?)
///     .channel_type(ChannelType::Message)
///     .channel_name(RtmChannelName::new("chatroom")?)
///     .message_count(50)
///     .build();
/// let client = Client::builder()
///     .basic_auth("id", "secret")
///     .base_url("https://api.sd-rtn.com")
///     .build()?;
/// assert_eq!(
///     client.prepare(&history)?.url().as_str(),
///     "https://api.sd-rtn.com/rtm/v2/history/0123456789abcdef0123456789abcdef/userId/Tony/channelType/message/channel/chatroom?messageCount=50"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/rtm/v2/history/{appId}/userId/{userId}/channelType/{channelType}/channel/{channelName}",
    response = MessageHistory,
    validate = GetMessageHistory::check,
    doc = "https://docs.agora.io/en/signaling/rest-api/message-history",
    rate_limit(60, per = second, scope = app_id),
)]
#[auth(basic, rtm_token)]
pub struct GetMessageHistory {
    /// The App ID of the project.
    #[endpoint(rename = "appId")]
    pub app_id: AppId,
    /// The user the query is made for. This page allows the Signaling set
    /// without `,`.
    #[endpoint(rename = "userId")]
    pub user_id: UserId,
    /// A message channel or a user channel.
    #[endpoint(rename = "channelType")]
    pub channel_type: ChannelType,
    /// The channel. This page allows the Signaling set without `,` and `'`.
    #[endpoint(rename = "channelName")]
    pub channel_name: RtmChannelName,
    /// Where the page starts (a message timestamp; Agora does not state the
    /// unit). Default `0`. The next page starts at the previous page's
    /// `newStart`.
    #[endpoint(query)]
    pub start: Option<u64>,
    /// Where the query ends (a message timestamp). Default `0`.
    #[endpoint(query)]
    pub end: Option<u64>,
    /// The most messages in one answer: 1 to 100, default 100.
    #[endpoint(query = "messageCount")]
    pub message_count: Option<u32>,
}

impl GetMessageHistory {
    fn check(&self) -> Result<(), InvalidInput> {
        check_history_name(self.user_id.as_str(), "userId")?;
        check_history_name(self.channel_name.as_str(), "channelName")?;
        if let ChannelType::Other(other) = &self.channel_type {
            return Err(InvalidInput::new(
                "channelType",
                format!("must be `message` or `user` (got {other:?})"),
            ));
        }
        if let Some(count) = self.message_count
            && !(1..=100).contains(&count)
        {
            return Err(InvalidInput::new(
                "messageCount",
                format!("must be from 1 to 100 (got {count})"),
            ));
        }
        Ok(())
    }
}

fn check_history_name(value: &str, field: &'static str) -> Result<(), InvalidInput> {
    check_name(value, HISTORY_PUNCTUATION).map_err(|rule| InvalidInput::new(field, rule))
}

impl Paginated for GetMessageHistory {
    /// The same query from the page's `newStart`; none when it is `0` or
    /// missing (everything fetched), or when it would repeat this page.
    fn next_page(&self, page: &MessageHistory) -> Option<Self> {
        let next = page.data.new_start.filter(|start| *start != 0)?;
        if self.start == Some(next) {
            return None;
        }
        Some(GetMessageHistory {
            start: Some(next),
            ..self.clone()
        })
    }
}

string_enum! {
    /// The kind of channel whose history is fetched.
    pub enum ChannelType {
        /// A message channel.
        Message = "message",
        /// A user channel.
        User = "user",
    }
}

/// One page of history, from [`GetMessageHistory`].
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MessageHistory {
    /// Agora's status code of the request; `200` is success.
    #[serde(default)]
    pub error_code: Option<i64>,
    /// Whether the request failed.
    #[serde(default)]
    pub error: Option<bool>,
    /// Agora's ID of this request.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The operation Agora performed (`getMessage`).
    #[serde(default)]
    pub operation: Option<String>,
    /// Why the request failed; empty on success.
    #[serde(default)]
    pub reason: Option<String>,
    /// When the request was sent, in Unix milliseconds.
    #[serde(default)]
    pub timestamp: Option<i64>,
    /// The messages.
    #[serde(default)]
    pub data: MessageHistoryPage,
}

/// The messages of one history page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MessageHistoryPage {
    /// The messages.
    #[serde(default, rename = "messageList")]
    pub messages: Vec<HistoryMessage>,
    /// How many messages this page holds.
    #[serde(default)]
    pub count: Option<u64>,
    /// Where the next page starts; `0` when everything has been fetched.
    #[serde(default)]
    pub new_start: Option<u64>,
}

/// One stored message.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HistoryMessage {
    /// How `message` holds the content.
    #[serde(default)]
    pub message_type: Option<HistoryMessageType>,
    /// The content: the text itself, or base64 of the bytes for
    /// [`HistoryMessageType::Binary`].
    #[serde(default)]
    pub message: String,
    /// The custom type the publisher set.
    #[serde(default)]
    pub custom_type: Option<String>,
    /// The user who published it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// When it was published (a Unix timestamp).
    #[serde(default)]
    pub timestamp: Option<i64>,
}

string_enum! {
    /// How a stored message's content is carried.
    pub enum HistoryMessageType {
        /// Text, as it is.
        String = "STRING",
        /// Bytes, base64-encoded.
        Binary = "BINARY",
    }
}
