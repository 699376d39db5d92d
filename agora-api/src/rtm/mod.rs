//! Real-time Messaging (Signaling) RESTful API.
//!
//! | endpoint | call |
//! |---|---|
//! | [`SendPeerMessage`] | `POST /dev/v2/project/{appid}/rtm/users/{user_id}/peer_messages` |
//! | [`SendChannelMessage`] | `POST /dev/v2/project/{appid}/rtm/users/{user_id}/channel_messages` |
//! | [`GetUserEvents`] | `GET /dev/v2/project/{appid}/rtm/vendor/user_events` |
//! | [`GetChannelEvents`] | `GET /dev/v2/project/{appid}/rtm/vendor/channel_events` |
//! | [`GetMessageHistory`] | `GET /rtm/v2/history/{appId}/userId/{userId}/channelType/{channelType}/channel/{channelName}` |
//! | [`CreateHistoryQuery`] (legacy 1.x) | `POST /dev/v2/project/{appid}/rtm/message/history/query` |
//! | [`GetHistoryQueryResult`] (legacy 1.x) | `GET /dev/v2/project/{appid}/rtm/message/history/query/{handle}` |
//! | [`CountHistoryMessages`] (legacy 1.x) | `GET /dev/v2/project/{appid}/rtm/message/history/count` |
//!
//! Every endpoint accepts Basic auth or an RTM token (see
//! [`Client`](crate::Client)). With a token, messages can only be sent as
//! the user the token was built for; with Basic auth, as any user.
//!
//! Agora documents the message and event calls on `api.agora.io` and the
//! 2.x message history on `api.sd-rtn.com`; both hosts serve the same
//! paths. Responses use the 2.x spellings, and the 1.x ones (`ts` for `ms`,
//! `channel_id` for `group_id`, `dest` for `dst`) decode too.
//! <https://docs.agora.io/en/signaling/rest-api/restful-authentication>

mod events;
mod history;
mod legacy_history;
mod messages;
mod types;

pub use events::{
    ChannelEvent, ChannelEventKind, ChannelEvents, GetChannelEvents, GetUserEvents, UserEvent,
    UserEventKind, UserEvents,
};
pub use history::{
    ChannelType, GetMessageHistory, HistoryMessage, HistoryMessageType, MessageHistory,
    MessageHistoryPage,
};
// Re-exports of legacy endpoints, which are deprecated for users only.
#[allow(deprecated)]
pub use legacy_history::{CountHistoryMessages, CreateHistoryQuery, GetHistoryQueryResult};
pub use legacy_history::{
    HistoryFilter, HistoryMessageCount, HistoryOrder, HistoryQuery, HistoryQueryResult,
    HistoryQueryStatus, HistoryTime, LegacyHistoryMessage, LegacyMessageType, MessageTime,
};
pub use messages::{
    MAX_PAYLOAD_BYTES, MessageReceipt, MessageStatus, Payload, SendChannelMessage, SendPeerMessage,
};
pub use types::{Outcome, RtmChannelName};

// The builders the derive generates beside each endpoint.
pub use events::{GetChannelEventsBuilder, GetUserEventsBuilder};
pub use history::GetMessageHistoryBuilder;
#[allow(deprecated)] // the builders of legacy endpoints; users still get the warning
pub use legacy_history::{
    CountHistoryMessagesBuilder, CreateHistoryQueryBuilder, GetHistoryQueryResultBuilder,
};
pub use messages::{SendChannelMessageBuilder, SendPeerMessageBuilder};
