//! Token sources for the client's `agora token=` schemes: an RTC
//! AccessToken2 for each request's channel and uid (`rtc_token`), and an
//! app-scope education token (`education_token`).

use std::fmt;

use super::builder::{RtcRole, TokenBuilder};
use super::privilege::ApaasPrivilege;
use super::secret::{AppCertificate, AppId};
use super::service::{ApaasService, RtcUser};
use super::source::DEFAULT_LIFETIME_SECS;
use crate::agora_token::TokenSource;
use crate::auth::Secret;
use crate::authorize::TokenContext;
use crate::error::{Error, InvalidInput};

/// Mints RTC AccessToken2 tokens from the App ID and App Certificate, one
/// per request, for the channel and uid the request binds it to
/// ([`TokenContext`]): a numeric uid is minted as a uid, anything else as
/// a user account, and no uid as uid 0 ("any uid").
///
/// Give it to [`ClientBuilder::rtc_token_source`](crate::ClientBuilder::rtc_token_source).
/// The App Certificate never appears in `Debug`.
///
/// ```
/// use agora_api::{TokenContext, TokenSource};
/// use agora_api::token::{self, AppCertificate, AppId, ParsedToken, RtcTokenMinter, Service};
///
/// let certificate = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b")?;
/// let minter = RtcTokenMinter::new(AppId::new("970CA35de60c44645bbae8a215061b33")?, certificate.clone())
///     .lifetime_secs(600);
/// assert!(!format!("{minter:?}").contains("5CFd2fd1755d40ecb72977518be15d3b"));
///
/// let minted = minter.token(&TokenContext::new(Some("room-1"), Some("1001")))?;
/// let ParsedToken::V007(parsed) = token::parse(minted.expose())? else { unreachable!() };
/// parsed.verify(&certificate)?;
/// let Some(Service::Rtc(rtc)) = parsed.services().first() else { unreachable!() };
/// assert_eq!((rtc.channel_name(), rtc.uid()), ("room-1", "1001"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct RtcTokenMinter {
    builder: TokenBuilder,
    role: RtcRole,
    lifetime: u32,
}

impl RtcTokenMinter {
    /// A minter of publisher tokens valid for [`DEFAULT_LIFETIME_SECS`].
    pub fn new(app_id: AppId, app_certificate: AppCertificate) -> Self {
        RtcTokenMinter {
            builder: TokenBuilder::new(app_id, app_certificate),
            role: RtcRole::Publisher,
            lifetime: DEFAULT_LIFETIME_SECS,
        }
    }

    /// The role whose privileges the tokens carry.
    #[must_use]
    pub fn role(mut self, role: RtcRole) -> Self {
        self.role = role;
        self
    }

    /// How long each token and its privileges are valid, in seconds (at
    /// least 1; Conversational AI accepts at most 86 400).
    #[must_use]
    pub fn lifetime_secs(mut self, seconds: u32) -> Self {
        self.lifetime = seconds.max(1);
        self
    }
}

impl TokenSource for RtcTokenMinter {
    fn token(&self, context: &TokenContext<'_>) -> Result<Secret, Error> {
        let channel = context.channel().ok_or_else(|| {
            InvalidInput::new(
                "rtc_token",
                "needs the request's channel: the endpoint names none (Endpoint::token_context)",
            )
        })?;
        let user = match context.uid() {
            None => RtcUser::Uid(0),
            Some(uid) => match uid.parse::<u32>() {
                Ok(number) => RtcUser::Uid(number),
                Err(_) => RtcUser::from(uid),
            },
        };
        let token =
            self.builder
                .rtc_token(channel, user, self.role, self.lifetime, self.lifetime)?;
        Ok(Secret::new(token.into_secret()))
    }
}

impl fmt::Debug for RtcTokenMinter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RtcTokenMinter")
            .field("app_id", self.builder.app_id())
            .field("app_certificate", &format_args!("<redacted>"))
            .field("role", &self.role)
            .field("lifetime", &self.lifetime)
            .finish()
    }
}

/// Mints education tokens (Flexible Classroom's `Authorization: agora
/// token=`) from the App ID and App Certificate: an AccessToken2 with the
/// APaaS service (type 7, formerly "education") and its `app` privilege,
/// bound to no room and no user, as a server calling the REST API is.
///
/// ```
/// use agora_api::{TokenContext, TokenSource};
/// use agora_api::token::{self, ApaasPrivilege, AppCertificate, AppId, EducationTokenMinter, ParsedToken, Service};
///
/// let certificate = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b")?;
/// let minter = EducationTokenMinter::new(AppId::new("970CA35de60c44645bbae8a215061b33")?, certificate.clone());
/// let minted = minter.token(&TokenContext::NONE)?;
/// let ParsedToken::V007(parsed) = token::parse(minted.expose())? else { unreachable!() };
/// parsed.verify(&certificate)?;
/// let Some(Service::Apaas(apaas)) = parsed.services().first() else { unreachable!() };
/// assert!(apaas.privileges().get(ApaasPrivilege::App).is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct EducationTokenMinter {
    builder: TokenBuilder,
    lifetime: u32,
}

impl EducationTokenMinter {
    /// A minter of app tokens valid for [`DEFAULT_LIFETIME_SECS`].
    pub fn new(app_id: AppId, app_certificate: AppCertificate) -> Self {
        EducationTokenMinter {
            builder: TokenBuilder::new(app_id, app_certificate),
            lifetime: DEFAULT_LIFETIME_SECS,
        }
    }

    /// How long each token and its privilege are valid, in seconds (at
    /// least 1).
    #[must_use]
    pub fn lifetime_secs(mut self, seconds: u32) -> Self {
        self.lifetime = seconds.max(1);
        self
    }
}

impl TokenSource for EducationTokenMinter {
    fn token(&self, _: &TokenContext<'_>) -> Result<Secret, Error> {
        let service = ApaasService::new("", "", ApaasService::NO_ROLE)
            .with_privilege(ApaasPrivilege::App, self.lifetime);
        let token = self.builder.build(
            &self
                .builder
                .access_token2(self.lifetime)?
                .with_service(service),
        )?;
        Ok(Secret::new(token.into_secret()))
    }
}

impl fmt::Debug for EducationTokenMinter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EducationTokenMinter")
            .field("app_id", self.builder.app_id())
            .field("app_certificate", &format_args!("<redacted>"))
            .field("lifetime", &self.lifetime)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::{ParsedToken, Service, parse};

    fn minter() -> RtcTokenMinter {
        RtcTokenMinter::new(
            AppId::new("970CA35de60c44645bbae8a215061b33").expect("an App ID"),
            AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b").expect("a certificate"),
        )
    }

    fn minted_user(context: TokenContext<'_>) -> String {
        let token = minter().token(&context).expect("minted");
        let Ok(ParsedToken::V007(parsed)) = parse(token.expose()) else {
            panic!("an AccessToken2");
        };
        match parsed.services().first() {
            Some(Service::Rtc(rtc)) => rtc.uid().to_owned(),
            other => panic!("an RTC service, got {other:?}"),
        }
    }

    #[test]
    fn numeric_uids_accounts_and_no_uid() {
        assert_eq!(minted_user(TokenContext::new(Some("c"), Some("42"))), "42");
        assert_eq!(
            minted_user(TokenContext::new(Some("c"), Some("agent-7"))),
            "agent-7"
        );
        assert_eq!(
            minted_user(TokenContext::new(Some("c"), None)),
            "",
            "uid 0: any uid"
        );
    }

    #[test]
    fn a_request_without_a_channel_is_refused_before_io() {
        let Err(Error::InvalidInput(refused)) = minter().token(&TokenContext::NONE) else {
            panic!("no channel, no token");
        };
        assert_eq!(refused.field(), "rtc_token");
    }
}
