//! The v5/v6 builder token: the one-use key that starts a legacy task.

#![allow(deprecated)]

use serde::Deserialize;

use crate::values::{issued_id, validated_string};
use crate::{AppId, Endpoint, endpoint_docs};

validated_string! {
    /// An instance ID chosen by the caller: 1 to 64 ASCII letters, digits,
    /// `-` and `_`. One instance may acquire several builder tokens; only
    /// one of them starts a task.
    ///
    /// Agora's own request example sends `"User-defined instance ID"`,
    /// which breaks the documented character set (it has spaces): the
    /// documented rule is kept, and `specs/` records that example as one
    /// Agora's rule refuses.
    ///
    /// ```
    /// use agora_api::real_time_stt::InstanceId;
    /// assert!(InstanceId::new("room_42-a").is_ok());
    /// assert_eq!(
    ///     InstanceId::new("room 42").unwrap_err().to_string(),
    ///     "invalid `instanceId`: contains ' '; allowed are ASCII letters, digits, - and _"
    /// );
    /// assert!(InstanceId::new("x".repeat(65)).is_err());
    /// ```
    InstanceId, field = "instanceId", check = check_instance_id
}

fn check_instance_id(value: &str) -> Result<(), String> {
    let count = value.chars().count();
    if !(1..=64).contains(&count) {
        return Err(format!("must be 1 to 64 characters (got {count})"));
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "contains {bad:?}; allowed are ASCII letters, digits, - and _"
        ));
    }
    Ok(())
}

validated_string! {
    /// A builder token (`tokenName`), as [`AcquireSttBuilderToken`]
    /// answers it: passed as the `builderToken` query parameter of the
    /// task calls, valid for five minutes. Opaque: only what would break a
    /// URL is refused.
    ///
    /// ```
    /// use agora_api::real_time_stt::BuilderToken;
    /// let token: BuilderToken = "8a4c2f0e".parse()?;
    /// assert_eq!(token, "8a4c2f0e");
    /// assert!(BuilderToken::new("").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    BuilderToken, field = "tokenName", check = issued_id
}

/// Acquires a builder token for a legacy (v5/v6) Real-Time STT task; start
/// the task with it within five minutes.
///
/// Not idempotent: each call issues a new token, so a retry never re-sends
/// it after it may have reached Agora.
///
/// ```
/// # #![allow(deprecated)]
/// use agora_api::real_time_stt::{AcquireSttBuilderToken, InstanceId};
/// use agora_api::{AppId, Client};
///
/// let acquire = AcquireSttBuilderToken::builder()
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .instance_id(InstanceId::new("room-42")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&acquire)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"instanceId":"room-42"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[deprecated(
    note = "Real-Time STT v5/v6: deprecated by Agora in June 2025, ended on 2026-06-11; use the v7 agents API"
)]
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/projects/{appId}/rtsc/speech-to-text/builderTokens",
    response = SttBuilderToken,
    doc = "https://docs.agora.io/en/api-reference/api-ref/speech-to-text/rest-api-v6/acquire",
)]
#[auth(basic)]
pub struct AcquireSttBuilderToken {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The instance the token is for.
    #[endpoint(rename = "instanceId")]
    pub instance_id: InstanceId,
}

/// A builder token, as [`AcquireSttBuilderToken`] answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SttBuilderToken {
    /// The token to pass as `builderToken` to the task calls.
    pub token_name: BuilderToken,
    /// When Agora issued it, in Unix seconds.
    pub create_ts: u64,
    /// The instance ID of the request.
    pub instance_id: InstanceId,
}
