//! Interactive Whiteboard (Netless) auth: a `token` header with an SDK,
//! room or task token, and the `region` header naming the data centre
//! that serves the call.

use std::fmt;

use reqwest::header::{HeaderName, HeaderValue};

use crate::auth::Secret;
use crate::authorize::{AuthContext, Authorizer};
use crate::error::{Error, InvalidInput};
use crate::values::string_enum;

string_enum! {
    /// A Whiteboard data centre, sent in the `region` header of every
    /// Whiteboard call. Not a host: every call goes to `api.netless.link`.
    ///
    /// ```
    /// use agora_api::WhiteboardRegion;
    /// assert_eq!(WhiteboardRegion::UsSv.as_str(), "us-sv");
    /// assert_eq!(WhiteboardRegion::from("cn-hz"), WhiteboardRegion::CnHz);
    /// ```
    pub enum WhiteboardRegion {
        /// Silicon Valley, for North and South America.
        UsSv = "us-sv",
        /// Singapore, for Singapore, East and Southeast Asia.
        Sg = "sg",
        /// Mumbai, for India.
        InMum = "in-mum",
        /// Frankfurt, for Europe.
        Eu = "eu",
        /// Hangzhou, for the areas the others do not cover.
        CnHz = "cn-hz",
    }
}

/// Whiteboard credentials: an SDK, room or task token (`NETLESSSDK_...`,
/// `NETLESSROOM_...`, `NETLESSTASK_...`) and the data centre the calls
/// go to. The token never prints.
///
/// ```
/// use agora_api::{WhiteboardRegion, WhiteboardToken};
///
/// let credentials = WhiteboardToken::new("NETLESSSDK_YWs9xxxxxx", WhiteboardRegion::UsSv)?;
/// assert_eq!(credentials.region(), WhiteboardRegion::UsSv);
/// assert!(!format!("{credentials:?}").contains("YWs9"));
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Clone)]
pub struct WhiteboardToken {
    token: HeaderValue,
    region: WhiteboardRegion,
    region_header: HeaderValue,
}

impl WhiteboardToken {
    /// Checks that `token` can be a header value and is not empty.
    pub fn new(token: impl Into<Secret>, region: WhiteboardRegion) -> Result<Self, InvalidInput> {
        let token = token.into();
        if token.expose().is_empty() {
            return Err(InvalidInput::new("whiteboard_token", "must not be empty"));
        }
        let mut header = HeaderValue::from_str(token.expose()).map_err(|_| {
            InvalidInput::new(
                "whiteboard_token",
                "must be visible ASCII text (no line breaks or control characters)",
            )
        })?;
        header.set_sensitive(true);
        let region_header = HeaderValue::from_str(region.as_str())
            .map_err(|_| InvalidInput::new("region", "must be visible ASCII text"))?;
        Ok(WhiteboardToken {
            token: header,
            region,
            region_header,
        })
    }

    /// The data centre.
    pub fn region(&self) -> WhiteboardRegion {
        self.region.clone()
    }
}

impl fmt::Debug for WhiteboardToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WhiteboardToken")
            .field("token", &format_args!("<redacted>"))
            .field("region", &self.region)
            .finish()
    }
}

impl Authorizer for WhiteboardToken {
    fn authorize(&self, request: &mut reqwest::Request, _: &AuthContext<'_>) -> Result<(), Error> {
        let headers = request.headers_mut();
        headers.insert(HeaderName::from_static("token"), self.token.clone());
        headers.insert(
            HeaderName::from_static("region"),
            self.region_header.clone(),
        );
        Ok(())
    }
}
