//! What an agent said and heard: its short-term memory (`history`) and
//! the turns of its session (`turns`).

use crate::error::InvalidInput;
use crate::types::AppId;
use crate::values::validated_number;
use crate::{Endpoint, endpoint_docs};

use super::AgentId;
use super::response::{AgentHistory, AgentTurns};

validated_number! {
    /// A page of turns (`page_index`), from 1.
    ///
    /// ```
    /// use agora_api::conversational_ai::TurnPageIndex;
    /// assert!(TurnPageIndex::new(1).is_ok());
    /// assert!(TurnPageIndex::new(0).is_err());
    /// ```
    TurnPageIndex(u32), field = "page_index", check = check_page_index
}

fn check_page_index(value: u32) -> Result<u32, InvalidInput> {
    if value == 0 {
        return Err(InvalidInput::new("page_index", "must be at least 1"));
    }
    Ok(value)
}

validated_number! {
    /// Turns per page (`page_size`): 10 to 200 (default 50).
    ///
    /// ```
    /// use agora_api::conversational_ai::TurnPageSize;
    /// assert!(TurnPageSize::new(200).is_ok());
    /// assert_eq!(
    ///     TurnPageSize::new(5).unwrap_err().to_string(),
    ///     "invalid `page_size`: must be from 10 to 200 (got 5)"
    /// );
    /// ```
    TurnPageSize(u32), field = "page_size", check = check_page_size
}

fn check_page_size(value: u32) -> Result<u32, InvalidInput> {
    if !(10..=200).contains(&value) {
        return Err(InvalidInput::new(
            "page_size",
            format!("must be from 10 to 200 (got {value})"),
        ));
    }
    Ok(value)
}

/// Reads a running agent's short-term memory: the messages between the
/// users and the agent (`[think API injected]` instructions included).
///
/// ```
/// use agora_api::conversational_ai::{AgentId, GetAgentHistory};
/// use agora_api::{AppId, Client};
///
/// let history = GetAgentHistory::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .agent_id(AgentId::new("1NT29X10YHxxxxxWJOXLYHNYB")?)
///     .build();
/// let request = Client::builder().basic_auth("id", "secret").build()?.prepare(&history)?;
/// assert!(request.url().path().ends_with("/agents/1NT29X10YHxxxxxWJOXLYHNYB/history"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/api/conversational-ai-agent/v2/projects/{appid}/agents/{agentId}/history",
    response = AgentHistory,
    doc = "https://docs.agora.io/en/conversational-ai/rest-api/agent/history",
)]
#[auth(basic, rtc_token)]
pub struct GetAgentHistory {
    /// The project's App ID.
    pub appid: AppId,
    /// The agent, from [`StartAgent`](super::StartAgent).
    #[endpoint(rename = "agentId")]
    pub agent_id: AgentId,
}

/// Reads the turns of an agent's session, a page at a time: how each
/// started and ended, and its latencies. Sessions of the last seven days.
///
/// ```
/// use agora_api::conversational_ai::{AgentId, GetAgentTurns, TurnPageSize};
/// use agora_api::{AppId, Client};
///
/// let turns = GetAgentTurns::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .agent_id(AgentId::new("1NT29X10YHxxxxxWJOXLYHNYB")?)
///     .page_size(TurnPageSize::new(100)?)
///     .build();
/// let request = Client::builder().basic_auth("id", "secret").build()?.prepare(&turns)?;
/// assert_eq!(request.url().query(), Some("page_size=100"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/api/conversational-ai-agent/v2/projects/{appid}/agents/{agentId}/turns",
    response = AgentTurns,
    doc = "https://docs.agora.io/en/conversational-ai/rest-api/agent/turns",
)]
#[auth(basic, rtc_token)]
pub struct GetAgentTurns {
    /// The project's App ID.
    pub appid: AppId,
    /// The agent, from [`StartAgent`](super::StartAgent).
    #[endpoint(rename = "agentId")]
    pub agent_id: AgentId,
    /// The page, from 1 (default 1).
    #[endpoint(query)]
    pub page_index: Option<TurnPageIndex>,
    /// Turns per page (default 50).
    #[endpoint(query)]
    pub page_size: Option<TurnPageSize>,
}
