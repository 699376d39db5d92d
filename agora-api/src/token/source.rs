//! A token source for the client's RTM token auth that mints its own tokens
//! from the App Certificate and renews them before they expire.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use super::builder::TokenBuilder;
use super::error::TokenError;
use super::legacy::LEGACY_TS_VALIDITY_SECS;
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
    ///
    /// A legacy (`006`) token is valid until its `ts`, which the reference
    /// builders (and this one) set 24 hours after the issue time, whatever
    /// the privilege's own expiry: with [`legacy`](Self::legacy), a lifetime
    /// above [`LEGACY_TS_VALIDITY_SECS`] is written into the login
    /// privilege as asked, but the minter treats the token as expiring after
    /// 24 hours and renews it before then.
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

    /// How long a minted token is really accepted: the lifetime, capped for
    /// legacy tokens by their `ts` (issue time + 24 h).
    fn token_lifetime(&self) -> u32 {
        if self.legacy {
            self.lifetime.min(LEGACY_TS_VALIDITY_SECS)
        } else {
            self.lifetime
        }
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
            expires_at: u64::from(now) + u64::from(self.token_lifetime()),
        })
    }
}

impl RtmTokenSource for RtmTokenMinter {
    fn credentials(&self) -> Result<RtmCredentials, Error> {
        let now = (self.clock)()?;
        let renew_before = u64::from(self.renew_before.min(self.token_lifetime() / 2));
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;
    use crate::token::{ParsedLegacyAccessToken, TokenBuilder};

    const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
    const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
    const T0: u32 = 1_700_000_000;

    fn minter(clock: &Arc<AtomicU32>) -> RtmTokenMinter {
        let clock = clock.clone();
        RtmTokenMinter::new(
            AppId::new(APP_ID).expect("valid"),
            AppCertificate::new(CERT).expect("valid"),
            UserId::new("bot").expect("valid"),
        )
        .with_clock(move || clock.load(Ordering::SeqCst))
    }

    fn cached_expiry(minter: &RtmTokenMinter) -> Option<u64> {
        let current = minter
            .current
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        current.as_ref().map(|minted| minted.expires_at)
    }

    #[test]
    fn a_legacy_token_is_cached_only_until_its_ts_not_its_longer_privilege() {
        // The token the minter makes: ts = issue + 24 h, login privilege =
        // issue + 48 h. Agora refuses it once ts has passed.
        let asked = 172_800;
        let token = TokenBuilder::new(
            AppId::new(APP_ID).expect("valid"),
            AppCertificate::new(CERT).expect("valid"),
        )
        .with_issue_ts(T0)
        .legacy_rtm_token("bot", asked)
        .expect("a token");
        let parsed = ParsedLegacyAccessToken::parse(token.expose_secret()).expect("parses");
        assert_eq!(u64::from(parsed.ts()), u64::from(T0) + 86_400);

        let clock = Arc::new(AtomicU32::new(T0));
        let minter = minter(&clock).legacy().lifetime_secs(asked);
        minter.credentials().expect("credentials");
        assert_eq!(cached_expiry(&minter), Some(u64::from(parsed.ts())));

        // Within the renewal margin of ts (60 s), a new token is minted,
        // valid until its own ts.
        clock.store(T0 + 86_400 - 30, Ordering::SeqCst);
        minter.credentials().expect("credentials");
        assert_eq!(
            cached_expiry(&minter),
            Some(u64::from(T0) + 86_400 - 30 + 86_400)
        );
    }

    #[test]
    fn a_short_legacy_lifetime_and_any_accesstoken2_lifetime_are_kept() {
        let clock = Arc::new(AtomicU32::new(T0));
        let legacy = minter(&clock).legacy().lifetime_secs(600);
        legacy.credentials().expect("credentials");
        assert_eq!(cached_expiry(&legacy), Some(u64::from(T0) + 600));

        // AccessToken2 carries its own expiry in seconds: no 24 h cap.
        let v2 = minter(&clock).lifetime_secs(172_800);
        v2.credentials().expect("credentials");
        assert_eq!(cached_expiry(&v2), Some(u64::from(T0) + 172_800));
    }

    #[test]
    fn sixteen_concurrent_callers_share_one_minted_token() {
        // With a random salt, two mints would give two different tokens.
        let clock = Arc::new(AtomicU32::new(T0));
        let minter = Arc::new(minter(&clock));
        let barrier = Arc::new(std::sync::Barrier::new(16));
        let threads: Vec<_> = (0..16)
            .map(|_| {
                let (minter, barrier) = (minter.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    let mut headers = reqwest::header::HeaderMap::new();
                    minter
                        .credentials()
                        .expect("credentials")
                        .apply(&mut headers);
                    let value = headers.get(reqwest::header::AUTHORIZATION);
                    value.map(|v| v.as_bytes().to_vec())
                })
            })
            .collect();
        let seen: std::collections::BTreeSet<Option<Vec<u8>>> = threads
            .into_iter()
            .map(|thread| thread.join().expect("a caller"))
            .collect();
        assert_eq!(seen.len(), 1);
        assert!(seen.iter().all(Option::is_some));
    }
}
