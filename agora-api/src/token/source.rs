//! A token source for the client's RTM token auth that mints its own tokens
//! from the App Certificate and renews them before they expire.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use super::builder::TokenBuilder;
use super::error::TokenError;
use super::secret::{AppCertificate, AppId};
use super::sys;
use crate::auth::{RtmCredentials, RtmTokenSource};
use crate::error::Error;
use crate::types::UserId;

/// Default lifetime of a minted token: one hour.
pub const DEFAULT_LIFETIME_SECS: u32 = 3600;
/// Default margin: a token is renewed this long before it expires.
pub const DEFAULT_RENEW_BEFORE_SECS: u32 = 60;

type Clock = Arc<dyn Fn() -> Result<u32, TokenError> + Send + Sync>;

/// Mints RTM tokens for one user ID from the App ID and App Certificate,
/// caches the current one, and mints a fresh one shortly before it expires.
/// Concurrent calls share one token: minting happens under a lock, once.
///
/// Give it to [`ClientBuilder::rtm_token_source`](crate::ClientBuilder::rtm_token_source).
/// The App Certificate never appears in `Debug`.
///
/// ```
/// use agora_api::{Client, UserId};
/// use agora_api::token::{AppCertificate, AppId, RtmTokenMinter};
///
/// let minter = RtmTokenMinter::new(
///     AppId::new("970CA35de60c44645bbae8a215061b33")?,
///     AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b")?,
///     UserId::new("server-bot")?,
/// )
/// .lifetime_secs(600);
/// assert!(!format!("{minter:?}").contains("5CFd2fd1755d40ecb72977518be15d3b"));
/// let client = Client::builder().rtm_token_source(minter).build()?;
/// # let _ = client;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct RtmTokenMinter {
    builder: TokenBuilder,
    user_id: UserId,
    lifetime: u32,
    renew_before: u32,
    legacy: bool,
    clock: Clock,
    current: Mutex<Option<Minted>>,
}

#[derive(Clone)]
struct Minted {
    credentials: RtmCredentials,
    expires_at: u64,
}

impl RtmTokenMinter {
    /// A minter of AccessToken2 RTM tokens for `user_id`, valid for
    /// [`DEFAULT_LIFETIME_SECS`] and renewed [`DEFAULT_RENEW_BEFORE_SECS`]
    /// before they expire.
    pub fn new(app_id: AppId, app_certificate: AppCertificate, user_id: UserId) -> Self {
        RtmTokenMinter {
            builder: TokenBuilder::new(app_id, app_certificate),
            user_id,
            lifetime: DEFAULT_LIFETIME_SECS,
            renew_before: DEFAULT_RENEW_BEFORE_SECS,
            legacy: false,
            clock: Arc::new(sys::now_unix),
            current: Mutex::new(None),
        }
    }

    /// How long each minted token is valid, in seconds (at least 1).
    #[must_use]
    pub fn lifetime_secs(mut self, secs: u32) -> Self {
        self.lifetime = secs.max(1);
        self
    }

    /// How long before expiry a token is replaced, in seconds. Capped at
    /// half the lifetime, so a token is always used for a while.
    #[must_use]
    pub fn renew_before_secs(mut self, secs: u32) -> Self {
        self.renew_before = secs;
        self
    }

    /// Mints legacy AccessTokens (`006`, RTM v1, sent as `x-agora-token` and
    /// `x-agora-uid`) instead of AccessToken2.
    #[must_use]
    pub fn legacy(mut self) -> Self {
        self.legacy = true;
        self
    }

    /// Reads the time (Unix seconds) from `clock` instead of the system
    /// clock; for tests.
    #[must_use]
    pub fn with_clock(mut self, clock: impl Fn() -> u32 + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(move || Ok(clock()));
        self
    }

    /// Uses a fixed salt instead of a random one; for tests.
    #[must_use]
    pub fn with_salt(mut self, salt: u32) -> Self {
        self.builder = self.builder.with_salt(salt);
        self
    }

    /// The user ID the tokens are minted for.
    pub fn user_id(&self) -> &UserId {
        &self.user_id
    }

    fn mint(&self, now: u32) -> Result<Minted, Error> {
        let builder = self.builder.clone().with_issue_ts(now);
        let token = if self.legacy {
            builder.legacy_rtm_token(self.user_id.as_str(), self.lifetime)?
        } else {
            builder.rtm_token(self.user_id.as_str(), self.lifetime)?
        };
        Ok(Minted {
            credentials: RtmCredentials::new(token, self.user_id.clone())?,
            expires_at: u64::from(now) + u64::from(self.lifetime),
        })
    }
}

impl RtmTokenSource for RtmTokenMinter {
    fn credentials(&self) -> Result<RtmCredentials, Error> {
        let now = (self.clock)()?;
        let renew_before = u64::from(self.renew_before.min(self.lifetime / 2));
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(minted) = current.as_ref()
            && u64::from(now) + renew_before < minted.expires_at
        {
            return Ok(minted.credentials.clone());
        }
        let minted = self.mint(now)?;
        let credentials = minted.credentials.clone();
        *current = Some(minted);
        Ok(credentials)
    }
}

impl fmt::Debug for RtmTokenMinter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RtmTokenMinter")
            .field("app_id", self.builder.app_id())
            .field("app_certificate", &format_args!("<redacted>"))
            .field("user_id", &self.user_id)
            .field("lifetime", &self.lifetime)
            .field("renew_before", &self.renew_before)
            .field("legacy", &self.legacy)
            .finish_non_exhaustive()
    }
}
