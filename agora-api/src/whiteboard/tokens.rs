//! Token issuance by Agora: an SDK token from the access key pair, room
//! and task tokens with an SDK token.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;

use super::conversion::TaskUuid;
use super::need::{SDK, TokenNeed, WhiteboardCall};
use super::rooms::RoomUuid;
use crate::error::InvalidInput;
use crate::token::{Token, WhiteboardRole, WhiteboardTokenKind};
use crate::values::{closed_enum, validated_number, validated_string};
use crate::{Endpoint, Secret, WhiteboardRegion, endpoint_docs};

closed_enum! {
    /// The role of a token Agora issues (`role`): what its holder may do.
    ///
    /// ```
    /// use agora_api::whiteboard::TokenRole;
    /// use agora_api::token::WhiteboardRole;
    /// assert_eq!("writer".parse::<TokenRole>()?, TokenRole::Writer);
    /// assert_eq!(WhiteboardRole::from(TokenRole::Admin), WhiteboardRole::Admin);
    /// assert!("owner".parse::<TokenRole>().is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    pub enum TokenRole in "role" {
        /// Everything, banning rooms and switching scenes included.
        Admin = "admin",
        /// Reads and writes.
        Writer = "writer",
        /// Reads only.
        Reader = "reader",
    }
}

impl From<TokenRole> for WhiteboardRole {
    fn from(role: TokenRole) -> Self {
        match role {
            TokenRole::Admin => WhiteboardRole::Admin,
            TokenRole::Writer => WhiteboardRole::Writer,
            TokenRole::Reader => WhiteboardRole::Reader,
        }
    }
}

impl From<WhiteboardRole> for TokenRole {
    fn from(role: WhiteboardRole) -> Self {
        match role {
            WhiteboardRole::Admin => TokenRole::Admin,
            WhiteboardRole::Writer => TokenRole::Writer,
            WhiteboardRole::Reader => TokenRole::Reader,
        }
    }
}

validated_number! {
    /// How long an issued token is valid, in milliseconds (`lifespan`);
    /// `0` is for ever. At most 2⁵³ − 1, the largest whole number a JSON
    /// reader is sure to keep exact.
    ///
    /// ```
    /// use std::time::Duration;
    /// use agora_api::whiteboard::Lifespan;
    /// assert_eq!(Lifespan::from_duration(Duration::from_secs(3600))?.get(), 3_600_000);
    /// assert_eq!(Lifespan::PERMANENT.get(), 0);
    /// assert!(Lifespan::new(1 << 53).is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    Lifespan(u64), field = "lifespan", check = check_lifespan
}

/// 2⁵³ − 1.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

fn check_lifespan(value: u64) -> Result<u64, InvalidInput> {
    if value > MAX_SAFE_INTEGER {
        return Err(InvalidInput::new(
            "lifespan",
            format!("must be at most 9007199254740991 milliseconds (got {value})"),
        ));
    }
    Ok(value)
}

impl Lifespan {
    /// A token that never expires (`0`).
    pub const PERMANENT: Lifespan = Lifespan(0);

    /// `duration`, in whole milliseconds.
    pub fn from_duration(duration: Duration) -> Result<Self, InvalidInput> {
        let millis = u64::try_from(duration.as_millis()).unwrap_or(u64::MAX);
        Lifespan::new(millis)
    }

    /// The validity as a duration; `None` for a token that never expires.
    pub fn duration(self) -> Option<Duration> {
        (self.0 != 0).then(|| Duration::from_millis(self.0))
    }
}

validated_string! {
    /// A whiteboard project's access key (AK, `accessKey`), from Agora
    /// Console: not empty, no whitespace or control characters.
    ///
    /// ```
    /// use agora_api::whiteboard::AccessKey;
    /// assert!(AccessKey::new("BUxxxxxxrc").is_ok());
    /// assert!(AccessKey::new("").is_err());
    /// ```
    AccessKey, field = "accessKey", check = crate::values::issued_id
}

/// Issues an SDK token for the whole project from its access key pair,
/// sent in the body (no `token` header).
///
/// Declared idempotent: issuing changes nothing on Agora's side, and a
/// second copy only issues a second token, as valid as the first. A
/// token can also be issued without a call:
/// [`WhiteboardKeys::sdk_token`](crate::token::WhiteboardKeys::sdk_token).
///
/// ```
/// use agora_api::whiteboard::{AccessKey, GenerateSdkToken, Lifespan, TokenRole};
/// use agora_api::{Client, WhiteboardRegion};
///
/// let issue = GenerateSdkToken::builder()
///     .region(WhiteboardRegion::UsSv)
///     .access_key(AccessKey::new("BUxxxxxxrc")?)
///     .secret_access_key("CxxxxxxxauY3")
///     .lifespan(Lifespan::new(3_600_000)?)
///     .role(TokenRole::Admin)
///     .build();
/// let request = Client::builder().build()?.prepare(&issue)?;
/// assert_eq!(request.url().as_str(), "https://api.netless.link/v5/tokens/teams");
/// assert!(request.headers().get("token").is_none());
/// assert!(!format!("{issue:?}").contains("CxxxxxxxauY3"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v5/tokens/teams",
    response = IssuedToken,
    idempotent,
    host = "https://api.netless.link",
    validate = GenerateSdkToken::check,
    doc = "https://docs.agora.io/en/interactive-whiteboard/develop/generate-token-rest",
)]
#[auth(none)]
pub struct GenerateSdkToken {
    /// The data centre that issues it.
    #[endpoint(header = "region")]
    pub region: WhiteboardRegion,
    /// The access key (AK).
    #[endpoint(rename = "accessKey")]
    pub access_key: AccessKey,
    /// The secret key (SK); never printed.
    #[endpoint(rename = "secretAccessKey")]
    pub secret_access_key: Secret,
    /// How long the token is valid.
    pub lifespan: Lifespan,
    /// The token's role.
    pub role: TokenRole,
}

impl GenerateSdkToken {
    fn check(&self) -> Result<(), InvalidInput> {
        if self.secret_access_key.expose().is_empty() {
            return Err(InvalidInput::new("secretAccessKey", "must not be empty"));
        }
        Ok(())
    }
}

/// Issues a room token for one room, with an SDK token.
///
/// Declared idempotent, as [`GenerateSdkToken`] is. Agora's emulator
/// (and this crate's [`TokenNeed`]) refuse to issue a role above the SDK
/// token's own: a reader cannot issue an admin token.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v5/tokens/rooms/{uuid}",
    response = IssuedToken,
    idempotent,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/develop/generate-token-rest",
)]
#[auth(whiteboard_token)]
pub struct GenerateRoomToken {
    /// The room.
    pub uuid: RoomUuid,
    /// How long the token is valid.
    pub lifespan: Lifespan,
    /// The token's role.
    pub role: TokenRole,
}

impl WhiteboardCall for GenerateRoomToken {
    const TOKEN: TokenNeed = TokenNeed::new(SDK, WhiteboardRole::Reader);
}

/// Issues a task token for one file-conversion task, with an SDK token
/// (needed by [`GetConversion`](super::GetConversion)).
///
/// Declared idempotent, as [`GenerateSdkToken`] is.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v5/tokens/tasks/{uuid}",
    response = IssuedToken,
    idempotent,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/develop/generate-token-rest",
)]
#[auth(whiteboard_token)]
pub struct GenerateTaskToken {
    /// The task.
    pub uuid: TaskUuid,
    /// The access key (AK) the token names; optional.
    pub ak: Option<AccessKey>,
    /// How long the token is valid.
    pub lifespan: Lifespan,
    /// The token's role.
    pub role: TokenRole,
}

impl WhiteboardCall for GenerateTaskToken {
    const TOKEN: TokenNeed = TokenNeed::new(SDK, WhiteboardRole::Reader);
}

/// A token Agora issued: a bare JSON string (`"NETLESSROOM_..."`),
/// never printed.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct IssuedToken(Secret);

impl IssuedToken {
    /// The token text, for a `token` header.
    pub fn expose_secret(&self) -> &str {
        self.0.expose()
    }

    /// Which token it is, by its prefix.
    pub fn kind(&self) -> Option<WhiteboardTokenKind> {
        [
            WhiteboardTokenKind::Sdk,
            WhiteboardTokenKind::Room,
            WhiteboardTokenKind::Task,
        ]
        .into_iter()
        .find(|kind| self.expose_secret().starts_with(kind.prefix()))
    }

    /// The token, to build a client with.
    pub fn into_token(self) -> Token {
        Token::from_secret(self.0.expose())
    }
}

impl fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "IssuedToken(<redacted {:?}, {} chars>)",
            self.kind(),
            self.expose_secret().len()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issued_token_is_a_bare_string_that_never_prints() {
        let token: IssuedToken =
            serde_json::from_str("\"NETLESSROOM_YWs9xxxxxxY2E2OQ\"").expect("a string");
        assert_eq!(token.kind(), Some(WhiteboardTokenKind::Room));
        assert!(!format!("{token:?}").contains("YWs9"));
        assert!(serde_json::from_str::<IssuedToken>("{\"token\":\"x\"}").is_err());
    }
}
