//! Applying an auth scheme to a request: the [`Authorizer`] trait, the
//! context it sees, and the built-in authorizers of Basic, RTM token and
//! `none`. The token, HMAC and Whiteboard schemes live beside
//! (`agora_token.rs`, `hmac.rs`, `whiteboard.rs`).
//!
//! The client calls an authorizer once per attempt, after the request's
//! bytes are final (URL, headers, body) and the attempt's host is chosen,
//! so a scheme can sign exactly what is sent (HMAC over host, date and
//! body digest) and sign it again for the next host.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use reqwest::header::AUTHORIZATION;

use crate::auth::{BasicAuth, RtmTokenSource};
use crate::endpoint::AuthScheme;
use crate::error::{Error, InvalidInput};

/// Applies one auth scheme to a request.
///
/// Register an authorizer for a scheme with
/// [`ClientBuilder::authorizer`](crate::ClientBuilder::authorizer); the
/// built-in ones (`basic_auth`, `rtm_token`, `rtc_token_source`,
/// `education_token_source`, `hmac_auth`, `whiteboard_token`) are
/// registered the same way, so any of them can be replaced by your own
/// (a token service, a secrets manager).
///
/// `authorize` runs for each attempt, after the request is final: it sees
/// the method, the attempt's URL (host, path, query), the headers and the
/// body bytes ([`reqwest::Request::body`], always buffered), and adds its
/// headers, marked sensitive. It must be cheap and must not block on I/O.
///
/// ```
/// use agora_api::{AuthContext, AuthScheme, Authorizer, Client, Error, reqwest};
///
/// /// Sends a fixed API key, as a (hypothetical) beta product asks.
/// #[derive(Debug)]
/// struct ApiKey;
///
/// impl Authorizer for ApiKey {
///     fn authorize(&self, request: &mut reqwest::Request, _: &AuthContext<'_>) -> Result<(), Error> {
///         let mut value = reqwest::header::HeaderValue::from_static("k-123");
///         value.set_sensitive(true);
///         request.headers_mut().insert("x-api-key", value);
///         Ok(())
///     }
/// }
///
/// const API_KEY: AuthScheme = AuthScheme::new("api_key");
/// let client = Client::builder().authorizer(API_KEY, ApiKey).build()?;
/// # let _ = client;
/// # Ok::<(), agora_api::Error>(())
/// ```
pub trait Authorizer: fmt::Debug + Send + Sync + 'static {
    /// Checks, once per call and before any I/O, that this authorizer can
    /// authenticate the call (for example that an RTM token's user is the
    /// request's sender). The default accepts every call.
    fn check(&self, context: &AuthContext<'_>) -> Result<(), Error> {
        let _ = context;
        Ok(())
    }

    /// Adds the scheme's credentials to the final request of one attempt.
    fn authorize(
        &self,
        request: &mut reqwest::Request,
        context: &AuthContext<'_>,
    ) -> Result<(), Error>;
}

/// The channel and uid a token is bound to, from the request's
/// [`Endpoint::token_context`](crate::Endpoint::token_context).
///
/// ```
/// use agora_api::TokenContext;
///
/// let context = TokenContext::new(Some("room-1"), Some("1001"));
/// assert_eq!(context.channel(), Some("room-1"));
/// assert_eq!(context.uid(), Some("1001"));
/// assert_eq!(TokenContext::NONE.channel(), None);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokenContext<'a> {
    channel: Option<&'a str>,
    uid: Option<&'a str>,
}

impl<'a> TokenContext<'a> {
    /// No channel, no uid: the request is not bound to one.
    pub const NONE: TokenContext<'static> = TokenContext {
        channel: None,
        uid: None,
    };

    /// A context with `channel` and `uid`.
    pub const fn new(channel: Option<&'a str>, uid: Option<&'a str>) -> Self {
        TokenContext { channel, uid }
    }

    /// The channel the token must be for.
    pub const fn channel(&self) -> Option<&'a str> {
        self.channel
    }

    /// The uid (or user account) the token must be for.
    pub const fn uid(&self) -> Option<&'a str> {
        self.uid
    }
}

/// What an [`Authorizer`] knows about the call beside the request itself.
///
/// ```
/// use agora_api::{AuthContext, AuthScheme, TokenContext};
///
/// let context = AuthContext::new("Join", AuthScheme::RTC_TOKEN)
///     .with_token_context(TokenContext::new(Some("room-1"), Some("1001")))
///     .with_attempt(1);
/// assert_eq!(context.endpoint(), "Join");
/// assert_eq!(context.token_context().channel(), Some("room-1"));
/// assert_eq!(context.attempt(), 1);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct AuthContext<'a> {
    endpoint: &'static str,
    scheme: AuthScheme,
    attempt: u32,
    token: TokenContext<'a>,
    sender: Option<(&'static str, &'a str)>,
    now: SystemTime,
}

impl<'a> AuthContext<'a> {
    /// The context of the first attempt of a call to `endpoint` with
    /// `scheme`, now.
    pub fn new(endpoint: &'static str, scheme: AuthScheme) -> Self {
        AuthContext {
            endpoint,
            scheme,
            attempt: 0,
            token: TokenContext::NONE,
            sender: None,
            now: SystemTime::now(),
        }
    }

    /// The same context with the request's token context.
    #[must_use]
    pub fn with_token_context(mut self, token: TokenContext<'a>) -> Self {
        self.token = token;
        self
    }

    /// The same context for attempt `attempt` (0-based).
    #[must_use]
    pub fn with_attempt(mut self, attempt: u32) -> Self {
        self.attempt = attempt;
        self
    }

    /// The same context with the user the request acts as, and its field's
    /// wire name (`#[endpoint(sender)]`).
    #[must_use]
    pub fn with_sender(mut self, sender: Option<(&'static str, &'a str)>) -> Self {
        self.sender = sender;
        self
    }

    /// The same context at another time (signatures carry the date).
    #[must_use]
    pub fn with_now(mut self, now: SystemTime) -> Self {
        self.now = now;
        self
    }

    /// The endpoint's name.
    pub fn endpoint(&self) -> &'static str {
        self.endpoint
    }

    /// The scheme being applied.
    pub fn scheme(&self) -> AuthScheme {
        self.scheme
    }

    /// The attempt, 0 for the first.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The channel and uid the request binds a token to.
    pub fn token_context(&self) -> TokenContext<'a> {
        self.token
    }

    /// The user the request acts as, and its field's wire name.
    pub fn sender(&self) -> Option<(&'static str, &'a str)> {
        self.sender
    }

    /// When the attempt is made.
    pub fn now(&self) -> SystemTime {
        self.now
    }
}

impl Authorizer for BasicAuth {
    fn authorize(&self, request: &mut reqwest::Request, _: &AuthContext<'_>) -> Result<(), Error> {
        request
            .headers_mut()
            .insert(AUTHORIZATION, self.header().clone());
        Ok(())
    }
}

/// RTM token auth from a [`RtmTokenSource`]: the token's headers, and the
/// rule that the request's sender is the token's user.
#[derive(Debug)]
pub(crate) struct RtmAuthorizer(pub(crate) Arc<dyn RtmTokenSource>);

impl Authorizer for RtmAuthorizer {
    fn check(&self, context: &AuthContext<'_>) -> Result<(), Error> {
        let credentials = self.0.credentials()?;
        if let Some((field, sender)) = context.sender()
            && sender != credentials.user_id().as_str()
        {
            return Err(InvalidInput::new(
                field,
                format!(
                    "is {sender:?}, but the RTM token was generated for {:?}: with token auth Agora accepts requests only as the token's user",
                    credentials.user_id().as_str()
                ),
            )
            .into());
        }
        Ok(())
    }

    fn authorize(&self, request: &mut reqwest::Request, _: &AuthContext<'_>) -> Result<(), Error> {
        self.0.credentials()?.apply(request.headers_mut());
        Ok(())
    }
}

/// The `none` scheme: nothing to add.
#[derive(Debug)]
pub(crate) struct NoCredentials;

impl Authorizer for NoCredentials {
    fn authorize(&self, _: &mut reqwest::Request, _: &AuthContext<'_>) -> Result<(), Error> {
        Ok(())
    }
}

/// The authorizers a client has, one per scheme.
#[derive(Debug, Clone, Default)]
pub(crate) struct Authorizers(Vec<(AuthScheme, Arc<dyn Authorizer>)>);

impl Authorizers {
    /// Sets the authorizer of `scheme`, replacing an earlier one.
    pub(crate) fn insert(&mut self, scheme: AuthScheme, authorizer: Arc<dyn Authorizer>) {
        match self.0.iter_mut().find(|(known, _)| *known == scheme) {
            Some(slot) => slot.1 = authorizer,
            None => self.0.push((scheme, authorizer)),
        }
    }

    /// The authorizer of `scheme`, if the client has one.
    pub(crate) fn get(&self, scheme: AuthScheme) -> Option<&Arc<dyn Authorizer>> {
        self.0
            .iter()
            .find(|(known, _)| *known == scheme)
            .map(|(_, authorizer)| authorizer)
    }

    /// The first of `accepted` the client has an authorizer for, with
    /// `preferred` first when it is accepted and available.
    pub(crate) fn choose(
        &self,
        accepted: &[AuthScheme],
        preferred: Option<AuthScheme>,
    ) -> Option<(AuthScheme, &Arc<dyn Authorizer>)> {
        preferred
            .filter(|scheme| accepted.contains(scheme))
            .into_iter()
            .chain(accepted.iter().copied())
            .find_map(|scheme| self.get(scheme).map(|authorizer| (scheme, authorizer)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agora_token::AgoraTokenAuth;
    use crate::auth::{RtmCredentials, Secret};
    use crate::runtime::whiteboard::{WhiteboardRegion, WhiteboardToken};
    use crate::types::UserId;

    fn request() -> reqwest::Request {
        let url = "https://api.agora.io/dev/v1/x".parse().expect("a URL");
        reqwest::Request::new(reqwest::Method::POST, url)
    }

    fn user(id: &str) -> UserId {
        UserId::new(id).expect("a user ID")
    }

    #[test]
    fn basic_sets_the_same_header_as_before() {
        let basic = BasicAuth::new("id", "secret").expect("credentials");
        let mut sent = request();
        basic
            .authorize(&mut sent, &AuthContext::new("X", AuthScheme::BASIC))
            .expect("applied");
        assert_eq!(sent.headers()[AUTHORIZATION], "Basic aWQ6c2VjcmV0");
        assert!(sent.headers()[AUTHORIZATION].is_sensitive());
    }

    #[test]
    fn rtm_checks_the_sender_before_io_and_sets_its_headers() {
        let credentials =
            RtmCredentials::new("006legacy-token", user("alice")).expect("credentials");
        let rtm = RtmAuthorizer(Arc::new(credentials));
        let as_bob =
            AuthContext::new("Send", AuthScheme::RTM_TOKEN).with_sender(Some(("from", "bob")));
        let Err(Error::InvalidInput(refused)) = rtm.check(&as_bob) else {
            panic!("bob is not the token's user");
        };
        assert_eq!(refused.field(), "from");
        let as_alice =
            AuthContext::new("Send", AuthScheme::RTM_TOKEN).with_sender(Some(("from", "alice")));
        rtm.check(&as_alice).expect("alice is");
        let mut sent = request();
        rtm.authorize(&mut sent, &as_alice).expect("applied");
        assert_eq!(sent.headers()["x-agora-token"], "006legacy-token");
        assert_eq!(sent.headers()["x-agora-uid"], "alice");
    }

    #[test]
    fn an_agora_token_scheme_sends_only_access_token2_and_sees_the_context() {
        #[derive(Debug)]
        struct PerChannel;
        impl crate::agora_token::TokenSource for PerChannel {
            fn token(&self, context: &TokenContext<'_>) -> Result<Secret, Error> {
                Ok(Secret::new(format!(
                    "007{}-{}",
                    context.channel().unwrap_or("?"),
                    context.uid().unwrap_or("?")
                )))
            }
        }
        let rtc = AgoraTokenAuth {
            source: Arc::new(PerChannel),
        };
        let context = AuthContext::new("Join", AuthScheme::RTC_TOKEN)
            .with_token_context(TokenContext::new(Some("room"), Some("42")));
        let mut sent = request();
        rtc.authorize(&mut sent, &context).expect("applied");
        assert_eq!(sent.headers()[AUTHORIZATION], "agora token=007room-42");
        assert!(sent.headers()[AUTHORIZATION].is_sensitive());

        let legacy = AgoraTokenAuth {
            source: Arc::new(Secret::new("006old")),
        };
        let Err(Error::InvalidInput(refused)) = legacy.check(&context) else {
            panic!("a legacy token is refused before I/O");
        };
        assert_eq!(refused.field(), "rtc_token");
    }

    #[test]
    fn whiteboard_sends_token_and_region_headers() {
        let whiteboard =
            WhiteboardToken::new("NETLESSSDK_secret", WhiteboardRegion::Sg).expect("a token");
        let mut sent = request();
        whiteboard
            .authorize(
                &mut sent,
                &AuthContext::new("Rooms", AuthScheme::WHITEBOARD_TOKEN),
            )
            .expect("applied");
        assert_eq!(sent.headers()["token"], "NETLESSSDK_secret");
        assert!(sent.headers()["token"].is_sensitive());
        assert_eq!(sent.headers()["region"], "sg");
        assert!(WhiteboardToken::new("", WhiteboardRegion::Sg).is_err());
    }

    #[test]
    fn the_preferred_scheme_wins_only_when_accepted_and_available() {
        let mut authorizers = Authorizers::default();
        authorizers.insert(AuthScheme::BASIC, Arc::new(NoCredentials));
        authorizers.insert(AuthScheme::HMAC, Arc::new(NoCredentials));
        let chosen = |accepted: &[AuthScheme], preferred| {
            authorizers
                .choose(accepted, preferred)
                .map(|(scheme, _)| scheme)
        };
        let both = [AuthScheme::BASIC, AuthScheme::HMAC];
        assert_eq!(chosen(&both, None), Some(AuthScheme::BASIC));
        assert_eq!(
            chosen(&both, Some(AuthScheme::HMAC)),
            Some(AuthScheme::HMAC)
        );
        assert_eq!(
            chosen(&[AuthScheme::BASIC], Some(AuthScheme::HMAC)),
            Some(AuthScheme::BASIC),
            "a preference the endpoint does not accept is ignored"
        );
        assert_eq!(chosen(&[AuthScheme::RTC_TOKEN], None), None);
    }
}
