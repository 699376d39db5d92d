//! High-level builders for the tokens most users need: RTC and RTM, in the
//! current AccessToken2 (`007`) format and the legacy AccessToken (`006`).

use super::access_token2::AccessToken2;
use super::error::TokenError;
use super::legacy::{LEGACY_TS_VALIDITY_SECS, LegacyAccessToken};
use super::privilege::{LegacyPrivilege, RtcPrivilege, RtmPrivilege};
use super::secret::{AppCertificate, AppId, Token};
use super::service::{RtcService, RtcUser, RtmService};
use super::sys;

/// The role of an RTC user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RtcRole {
    /// May join and publish audio, video and data streams.
    Publisher = 1,
    /// May only join (receive).
    Subscriber = 2,
}

impl RtcRole {
    /// `"publisher"` or `"subscriber"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Publisher => "publisher",
            Self::Subscriber => "subscriber",
        }
    }
}

/// One expiry per RTC privilege, for
/// [`TokenBuilder::rtc_token_with_privileges`] and
/// [`TokenBuilder::legacy_rtc_token_with_privileges`].
///
/// Values are seconds from the issue time. All four privileges are always
/// written, as in the reference builders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RtcPrivilegeExpiry {
    /// Seconds the user may join the channel.
    pub join_channel: u32,
    /// Seconds the user may publish audio.
    pub publish_audio_stream: u32,
    /// Seconds the user may publish video.
    pub publish_video_stream: u32,
    /// Seconds the user may publish data streams.
    pub publish_data_stream: u32,
}

impl RtcPrivilegeExpiry {
    /// The same expiry for all four privileges.
    pub fn uniform(seconds: u32) -> Self {
        Self {
            join_channel: seconds,
            publish_audio_stream: seconds,
            publish_video_stream: seconds,
            publish_data_stream: seconds,
        }
    }

    fn entries(self) -> [(RtcPrivilege, u32); 4] {
        [
            (RtcPrivilege::JoinChannel, self.join_channel),
            (RtcPrivilege::PublishAudioStream, self.publish_audio_stream),
            (RtcPrivilege::PublishVideoStream, self.publish_video_stream),
            (RtcPrivilege::PublishDataStream, self.publish_data_stream),
        ]
    }
}

/// The privileges a role gets: a publisher all four, a subscriber join only.
fn role_privileges(role: RtcRole, expire: u32) -> Vec<(RtcPrivilege, u32)> {
    match role {
        RtcRole::Publisher => RtcPrivilegeExpiry::uniform(expire).entries().to_vec(),
        RtcRole::Subscriber => vec![(RtcPrivilege::JoinChannel, expire)],
    }
}

fn legacy_privilege(privilege: RtcPrivilege) -> LegacyPrivilege {
    match privilege {
        RtcPrivilege::JoinChannel => LegacyPrivilege::JoinChannel,
        RtcPrivilege::PublishAudioStream => LegacyPrivilege::PublishAudioStream,
        RtcPrivilege::PublishVideoStream => LegacyPrivilege::PublishVideoStream,
        RtcPrivilege::PublishDataStream => LegacyPrivilege::PublishDataStream,
    }
}

/// Builds signed tokens for one App ID and App Certificate.
///
/// The issue time is the system clock and the salt is random, unless set
/// with [`with_issue_ts`](Self::with_issue_ts) and
/// [`with_salt`](Self::with_salt) (for reproducible output in tests).
///
/// All `expire` arguments are **seconds from the issue time**, for both
/// formats; for legacy tokens they are converted to the absolute timestamps
/// that format stores.
///
/// ```
/// use agora_api::token::{AppCertificate, AppId, RtcRole, TokenBuilder};
///
/// let builder = TokenBuilder::new(
///     AppId::new("970CA35de60c44645bbae8a215061b33")?,
///     AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b")?,
/// )
/// .with_issue_ts(1111111)
/// .with_salt(1);
///
/// let rtm = builder.rtm_token("test_user", 600)?;
/// assert_eq!(
///     rtm.expose_secret(),
///     "007eJxTYOCdJftjyTM2zxW6Xhm/5T0j5LdcUt/xYVt48fb5Mp3PX9coMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhmaGpgZJhkbu38RYIhgYmBgZABhJiBmBPM5GUpSi0viS4tTiwBZVh6A"
/// );
///
/// let rtc = builder.rtc_token(
///     "7d72365eb983485397e3e3f9d460bdda",
///     2882341273,
///     RtcRole::Subscriber,
///     600,
///     600,
/// )?;
/// assert_eq!(
///     rtc.expose_secret(),
///     "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj"
/// );
/// # Ok::<(), agora_api::token::TokenError>(())
/// ```
#[derive(Debug, Clone)]
pub struct TokenBuilder {
    app_id: AppId,
    app_certificate: AppCertificate,
    issue_ts: Option<u32>,
    salt: Option<u32>,
}

impl TokenBuilder {
    /// A builder using the system clock and random salts.
    pub fn new(app_id: AppId, app_certificate: AppCertificate) -> Self {
        Self {
            app_id,
            app_certificate,
            issue_ts: None,
            salt: None,
        }
    }

    /// Uses a fixed issue time (unix seconds) instead of the clock.
    #[must_use]
    pub fn with_issue_ts(mut self, issue_ts: u32) -> Self {
        self.issue_ts = Some(issue_ts);
        self
    }

    /// Uses a fixed salt instead of a random one. Only for tests: every
    /// token built with the same inputs is then identical.
    #[must_use]
    pub fn with_salt(mut self, salt: u32) -> Self {
        self.salt = Some(salt);
        self
    }

    /// The App ID.
    pub fn app_id(&self) -> &AppId {
        &self.app_id
    }

    fn issue_ts(&self) -> Result<u32, TokenError> {
        match self.issue_ts {
            Some(ts) => Ok(ts),
            None => sys::now_unix(),
        }
    }

    fn salt(&self) -> Result<u32, TokenError> {
        match self.salt {
            Some(s) => Ok(s),
            None => sys::random_salt(),
        }
    }

    /// An empty AccessToken2 with this builder's App ID, issue time and
    /// salt, for custom service combinations. Sign it with
    /// [`build`](Self::build).
    ///
    /// # Errors
    /// [`TokenError::Clock`] or [`TokenError::Random`].
    pub fn access_token2(&self, expire: u32) -> Result<AccessToken2, TokenError> {
        Ok(AccessToken2::from_parts(
            &self.app_id,
            self.issue_ts()?,
            self.salt()?,
            expire,
        ))
    }

    /// Signs an AccessToken2 with this builder's certificate.
    ///
    /// # Errors
    /// As [`AccessToken2::build`].
    pub fn build(&self, token: &AccessToken2) -> Result<Token, TokenError> {
        token.build(&self.app_certificate)
    }

    /// An RTM (Signaling) AccessToken2 for `user_id`, valid for `expire`
    /// seconds, with `login = expire` (RtmTokenBuilder2). Send it as
    /// `Authorization: agora token=<token>`.
    ///
    /// # Errors
    /// As [`AccessToken2::build`], plus clock/random failures.
    pub fn rtm_token(&self, user_id: &str, expire: u32) -> Result<Token, TokenError> {
        let token = self
            .access_token2(expire)?
            .with_service(RtmService::new(user_id).with_privilege(RtmPrivilege::Login, expire));
        self.build(&token)
    }

    /// An RTC AccessToken2 for `channel_name` and `user` (RtcTokenBuilder2).
    ///
    /// The token is valid for `token_expire` seconds; the role's privileges
    /// (publisher: join + publish audio/video/data; subscriber: join) for
    /// `privilege_expire` seconds.
    ///
    /// # Errors
    /// As [`AccessToken2::build`], plus clock/random failures.
    pub fn rtc_token(
        &self,
        channel_name: &str,
        user: impl Into<RtcUser>,
        role: RtcRole,
        token_expire: u32,
        privilege_expire: u32,
    ) -> Result<Token, TokenError> {
        let mut rtc = RtcService::new(channel_name, user);
        for (p, v) in role_privileges(role, privilege_expire) {
            rtc.privileges_mut().insert(p, v);
        }
        self.build(&self.access_token2(token_expire)?.with_service(rtc))
    }

    /// An RTC AccessToken2 with an explicit expiry for each privilege.
    ///
    /// # Errors
    /// As [`AccessToken2::build`], plus clock/random failures.
    pub fn rtc_token_with_privileges(
        &self,
        channel_name: &str,
        user: impl Into<RtcUser>,
        token_expire: u32,
        privileges: RtcPrivilegeExpiry,
    ) -> Result<Token, TokenError> {
        let mut rtc = RtcService::new(channel_name, user);
        for (p, v) in privileges.entries() {
            rtc.privileges_mut().insert(p, v);
        }
        self.build(&self.access_token2(token_expire)?.with_service(rtc))
    }

    /// An AccessToken2 for both RTC (channel + `account`, by role) and RTM
    /// (`account`, login = `token_expire`), like the reference
    /// `build_token_with_rtm`.
    ///
    /// # Errors
    /// As [`AccessToken2::build`], plus clock/random failures.
    pub fn rtc_token_with_rtm(
        &self,
        channel_name: &str,
        account: &str,
        role: RtcRole,
        token_expire: u32,
        privilege_expire: u32,
    ) -> Result<Token, TokenError> {
        let mut rtc = RtcService::new(channel_name, account);
        for (p, v) in role_privileges(role, privilege_expire) {
            rtc.privileges_mut().insert(p, v);
        }
        let rtm = RtmService::new(account).with_privilege(RtmPrivilege::Login, token_expire);
        self.build(
            &self
                .access_token2(token_expire)?
                .with_service(rtc)
                .with_service(rtm),
        )
    }

    /// Absolute expiry for a legacy privilege: `issue_ts + seconds`, or 0
    /// when `seconds` is 0.
    fn legacy_expiry(issue_ts: u32, seconds: u32) -> Result<u32, TokenError> {
        if seconds == 0 {
            return Ok(0);
        }
        issue_ts
            .checked_add(seconds)
            .ok_or(TokenError::TimestampOverflow {
                what: "issue time + privilege expire",
            })
    }

    /// An empty legacy AccessToken for `channel_name` and `uid`, with
    /// `ts = issue time + 24 h` and this builder's salt. Add privileges
    /// (absolute unix timestamps) and sign it with
    /// [`build_legacy`](Self::build_legacy).
    ///
    /// # Errors
    /// [`TokenError::TimestampOverflow`] if issue time + 24 h exceeds `u32`,
    /// plus clock/random failures.
    pub fn legacy_access_token(
        &self,
        channel_name: &str,
        uid: impl Into<RtcUser>,
    ) -> Result<LegacyAccessToken, TokenError> {
        self.legacy_skeleton(channel_name, uid.into())
            .map(|(token, _)| token)
    }

    /// The legacy token skeleton and the issue time it was derived from.
    fn legacy_skeleton(
        &self,
        channel_name: &str,
        uid: RtcUser,
    ) -> Result<(LegacyAccessToken, u32), TokenError> {
        let issue_ts = self.issue_ts()?;
        let ts =
            issue_ts
                .checked_add(LEGACY_TS_VALIDITY_SECS)
                .ok_or(TokenError::TimestampOverflow {
                    what: "issue time + 24 h",
                })?;
        let token =
            LegacyAccessToken::from_parts(&self.app_id, channel_name, uid, ts, self.salt()?);
        Ok((token, issue_ts))
    }

    /// Signs a legacy AccessToken with this builder's certificate.
    ///
    /// # Errors
    /// As [`LegacyAccessToken::build`].
    pub fn build_legacy(&self, token: &LegacyAccessToken) -> Result<Token, TokenError> {
        token.build(&self.app_certificate)
    }

    /// A legacy RTM v1 token (RtmTokenBuilder, `006`) for `user_id`, for the
    /// `x-agora-token` + `x-agora-uid` headers.
    ///
    /// `ts` is the issue time + 24 h (Agora treats RTM v1 tokens as valid
    /// for 24 hours); privilege `RtmLogin` is the issue time + `expire`
    /// (0 is written as 0, which callers of the reference builder commonly
    /// pass since the value is documented as not in effect).
    ///
    /// # Errors
    /// [`TokenError::TimestampOverflow`], plus clock/random failures.
    pub fn legacy_rtm_token(&self, user_id: &str, expire: u32) -> Result<Token, TokenError> {
        let (token, issue_ts) = self.legacy_skeleton(user_id, RtcUser::Account(String::new()))?;
        let token = token.with_privilege(
            LegacyPrivilege::RtmLogin,
            Self::legacy_expiry(issue_ts, expire)?,
        );
        self.build_legacy(&token)
    }

    /// A legacy RTC token (RtcTokenBuilder v1, `006`): the role's privileges
    /// expire at issue time + `expire` (0 is written as 0); `ts` is issue
    /// time + 24 h.
    ///
    /// # Errors
    /// [`TokenError::TimestampOverflow`], plus clock/random failures.
    pub fn legacy_rtc_token(
        &self,
        channel_name: &str,
        user: impl Into<RtcUser>,
        role: RtcRole,
        expire: u32,
    ) -> Result<Token, TokenError> {
        let (mut token, issue_ts) = self.legacy_skeleton(channel_name, user.into())?;
        let at = Self::legacy_expiry(issue_ts, expire)?;
        for (p, _) in role_privileges(role, expire) {
            token.privileges_mut().insert(legacy_privilege(p), at);
        }
        self.build_legacy(&token)
    }

    /// A legacy RTC token with an explicit expiry (seconds from the issue
    /// time; 0 is written as 0) for each privilege.
    ///
    /// # Errors
    /// [`TokenError::TimestampOverflow`], plus clock/random failures.
    pub fn legacy_rtc_token_with_privileges(
        &self,
        channel_name: &str,
        user: impl Into<RtcUser>,
        privileges: RtcPrivilegeExpiry,
    ) -> Result<Token, TokenError> {
        let (mut token, issue_ts) = self.legacy_skeleton(channel_name, user.into())?;
        for (p, seconds) in privileges.entries() {
            token
                .privileges_mut()
                .insert(legacy_privilege(p), Self::legacy_expiry(issue_ts, seconds)?);
        }
        self.build_legacy(&token)
    }
}
