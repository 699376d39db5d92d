//! `Authorization: agora token=<AccessToken2>` with a token from a
//! [`TokenSource`]: an RTC token for the request's channel and uid
//! (Conversational AI), or an education token (Flexible Classroom).

use std::fmt;
use std::sync::Arc;

use reqwest::header::{AUTHORIZATION, HeaderValue};

use crate::auth::{Secret, TokenVersion};
use crate::authorize::{AuthContext, Authorizer, TokenContext};
use crate::error::{Error, InvalidInput};

/// Where the client gets the AccessToken2 of a token scheme (`rtc_token`,
/// `education_token`) for each request.
///
/// A fixed token ([`Secret`]) is one source; your own type can mint from
/// the App ID and App Certificate (the `token` module's builders) or ask a
/// token service. The source
/// is given the request's [`TokenContext`] (the channel and uid the
/// endpoint marks), since an RTC token is bound to both. Like an
/// [`Authorizer`], it must be cheap and must not block on I/O.
///
/// ```
/// use agora_api::{Error, Secret, TokenContext, TokenSource};
///
/// /// Hands out tokens a token service pushed into a cache.
/// #[derive(Debug)]
/// struct Cached(std::collections::HashMap<String, Secret>);
///
/// impl TokenSource for Cached {
///     fn token(&self, context: &TokenContext<'_>) -> Result<Secret, Error> {
///         let channel = context.channel().unwrap_or_default();
///         self.0.get(channel).cloned().ok_or_else(|| {
///             agora_api::InvalidInput::new("channel", "has no cached token").into()
///         })
///     }
/// }
///
/// let fixed = Secret::new("007eJxT...");
/// assert_eq!(fixed.token(&TokenContext::NONE)?.expose(), "007eJxT...");
/// # Ok::<(), agora_api::Error>(())
/// ```
pub trait TokenSource: fmt::Debug + Send + Sync + 'static {
    /// The token to send with a request bound to `context`.
    fn token(&self, context: &TokenContext<'_>) -> Result<Secret, Error>;
}

/// A token you supply: the same for every request.
impl TokenSource for Secret {
    fn token(&self, _: &TokenContext<'_>) -> Result<Secret, Error> {
        Ok(self.clone())
    }
}

/// The authorizer of a token scheme: `Authorization: agora token=<token>`,
/// the token from the scheme's source, checked to be an AccessToken2.
#[derive(Debug)]
pub(crate) struct AgoraTokenAuth {
    pub(crate) source: Arc<dyn TokenSource>,
}

impl AgoraTokenAuth {
    fn header(&self, context: &AuthContext<'_>) -> Result<HeaderValue, Error> {
        let token = self.source.token(&context.token_context())?;
        let field = context.scheme().name();
        if TokenVersion::of(token.expose()) != Some(TokenVersion::AccessToken2) {
            return Err(InvalidInput::new(
                field,
                "must be an AccessToken2 (starting with \"007\"): Agora takes only those in `Authorization: agora token=`",
            )
            .into());
        }
        let mut value = HeaderValue::try_from(format!("agora token={}", token.expose()))
            .map_err(|_| InvalidInput::new(field, "must be visible ASCII text"))?;
        value.set_sensitive(true);
        Ok(value)
    }
}

impl Authorizer for AgoraTokenAuth {
    fn check(&self, context: &AuthContext<'_>) -> Result<(), Error> {
        self.header(context).map(drop)
    }

    fn authorize(
        &self,
        request: &mut reqwest::Request,
        context: &AuthContext<'_>,
    ) -> Result<(), Error> {
        let value = self.header(context)?;
        request.headers_mut().insert(AUTHORIZATION, value);
        Ok(())
    }
}
