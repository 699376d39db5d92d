//! The five products, and the path of a request through the emulator:
//! route -> authenticate -> check the media type -> run the endpoint.

use std::time::{Instant, SystemTime};

use agora_api::InvalidInput;
use agora_api::registry::EndpointInfo;
use hyper::HeaderMap;
use serde_json::json;

use crate::auth::{self, Gate, Principal};
use crate::call::Call;
use crate::limits;
use crate::reply::Reply;
use crate::router::{Matched, NoRoute, parse_query};
use crate::server::Shared;
use crate::state::State;

pub(crate) mod analytics;
pub(crate) mod channel;
pub(crate) mod cloud_recording;
pub(crate) mod console;
pub(crate) mod rtm;

/// Which product an endpoint belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Product {
    Console,
    Channel,
    CloudRecording,
    Rtm,
    Analytics,
}

impl Product {
    pub(crate) fn of(info: &EndpointInfo) -> Option<Product> {
        Some(match info.product() {
            "agora_api::console" => Product::Console,
            "agora_api::channel" => Product::Channel,
            "agora_api::cloud_recording" => Product::CloudRecording,
            "agora_api::rtm" => Product::Rtm,
            "agora_api::analytics" => Product::Analytics,
            _ => return None,
        })
    }

    /// A request broken before it reaches its endpoint (query or body not
    /// readable), in the product's error shape.
    fn malformed(self, request_id: &str, error: &InvalidInput) -> Reply {
        match self {
            Product::Console => console::invalid(error),
            Product::Channel => channel::invalid(error),
            Product::CloudRecording => cloud_recording::error(400, 2, error.to_string()),
            Product::Rtm => rtm::error_with_id(request_id, 400, error.to_string()),
            Product::Analytics => Reply::json(
                400,
                json!({ "code": 400, "message": error.to_string(), "requestId": request_id }),
            ),
        }
    }

    /// A body that is not `application/json` (Console: `415`; Cloud
    /// Recording: code 8, a header error; Signaling: `415`).
    fn unsupported_media_type(self, request_id: &str) -> Reply {
        const WHY: &str = "Content-Type must be application/json";
        match self {
            Product::Console | Product::Channel => Reply::json(
                415,
                json!({ "message": format!("Unsupported Media Type: {WHY}") }),
            ),
            Product::CloudRecording => {
                cloud_recording::error(400, 8, format!("http header error: {WHY}"))
            }
            Product::Rtm => rtm::error_with_id(request_id, 415, WHY),
            Product::Analytics => Reply::json(
                415,
                json!({ "code": 415, "message": WHY, "requestId": request_id }),
            ),
        }
    }

    /// Over a documented rate limit: the gateway's `429 {"message": "API
    /// rate limit exceeded"}` (Signaling: its `429` body; Call Inspector:
    /// `code` 300 `qps limit error`).
    fn rate_limited(self, request_id: &str) -> Reply {
        match self {
            Product::Console | Product::Channel | Product::CloudRecording => {
                Reply::gateway(429, "API rate limit exceeded")
            }
            Product::Rtm => rtm::error_with_id(request_id, 429, "rate limit exceeded"),
            Product::Analytics => Reply::ok(
                json!({ "code": 300, "message": "qps limit error", "requestId": request_id }),
            ),
        }
    }

    fn run(self, state: &mut State, call: &Call) -> Reply {
        match self {
            Product::Console => console::handle(state, call),
            Product::Channel => channel::handle(state, call),
            Product::CloudRecording => cloud_recording::handle(state, call),
            Product::Rtm => rtm::handle(state, call),
            Product::Analytics => analytics::handle(state, call),
        }
    }
}

/// A request as read from the connection.
#[derive(Debug)]
pub(crate) struct Incoming<'a> {
    pub(crate) query: Option<&'a str>,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: &'a [u8],
    pub(crate) request_id: &'a str,
    pub(crate) now: SystemTime,
}

/// What became of a request.
#[derive(Debug)]
pub(crate) struct Processed {
    pub(crate) reply: Reply,
    /// Whether its endpoint ran.
    pub(crate) applied: bool,
}

impl Processed {
    fn refused(reply: Reply) -> Self {
        Processed {
            reply,
            applied: false,
        }
    }
}

/// Routes, authenticates and runs one request against the server's state.
///
/// The state lock is taken twice, briefly: once for the rate limit, the
/// time-driven changes and a copy of the App Certificate a token is to be
/// verified with; then to run the endpoint. Decoding and verifying a token
/// (Base64, zlib, HMAC) happens in between, with the lock released, so a
/// flood of large or bad tokens does not hold up every other request.
pub(crate) fn process(
    shared: &Shared,
    routed: Result<&Matched, &NoRoute>,
    incoming: &Incoming,
) -> Processed {
    let matched = match routed {
        Ok(matched) => matched,
        Err(NoRoute::Unknown) => return Processed::refused(Reply::no_route()),
        Err(NoRoute::BadEncoding) => {
            return Processed::refused(Reply::gateway(
                400,
                "the path is not valid percent-encoded UTF-8",
            ));
        }
    };
    let Some(product) = Product::of(matched.info) else {
        return Processed::refused(Reply::no_route());
    };
    // The gateway checks credentials before anything else.
    let gate = auth::gate(
        auth::presented(incoming.headers),
        matched.info.auth,
        &shared.credentials.customer_id,
        shared.credentials.customer_secret.expose(),
    );
    let (token, uid) = match gate {
        Gate::Refused(message) => return Processed::refused(Reply::gateway(401, message)),
        Gate::Basic => (None, None),
        Gate::Token { token, uid } => (Some(token), uid),
    };
    let query = match incoming.query.map(parse_query) {
        None => Vec::new(),
        Some(Some(pairs)) => pairs,
        Some(None) => {
            return Processed::refused(product.malformed(
                incoming.request_id,
                &InvalidInput::new("query", "is not valid percent-encoded UTF-8"),
            ));
        }
    };
    if !incoming.body.is_empty() && !is_json(incoming.headers) {
        return Processed::refused(product.unsupported_media_type(incoming.request_id));
    }
    let pending = {
        let mut state = shared.state();
        if let (Some(limiter), Some(limit)) = (&mut state.limiter, limits::limit_of(matched.info)) {
            let app_id = matched
                .params
                .iter()
                .map(|(name, value)| (*name, value.as_str()))
                .chain(
                    query
                        .iter()
                        .map(|(name, value)| (name.as_str(), value.as_str())),
                )
                .find(|(name, _)| name.eq_ignore_ascii_case("appid"))
                .map_or("", |(_, value)| value);
            if !limiter.admit(limit, app_id, Instant::now()) {
                return Processed::refused(product.rate_limited(incoming.request_id));
            }
        }
        state.tick(incoming.now);
        match token {
            None => None,
            Some(token) => match TokenCheck::new(&state, matched, token, uid) {
                Ok(check) => Some(check),
                Err((status, reason)) => {
                    return Processed::refused(rtm::error_with_id(
                        incoming.request_id,
                        status,
                        reason,
                    ));
                }
            },
        }
    };
    // The lock is released: `TokenCheck` owns copies of what it needs.
    let principal = match pending {
        None => Principal::Basic,
        Some(check) => match check.verify(incoming.now) {
            Ok(user) => Principal::RtmUser(user),
            Err(reason) => {
                return Processed::refused(rtm::error_with_id(incoming.request_id, 401, reason));
            }
        },
    };
    let call = Call {
        info: matched.info,
        params: &matched.params,
        query: &query,
        body: incoming.body,
        principal: &principal,
        request_id: incoming.request_id,
        now: incoming.now,
    };
    let mut state = shared.state();
    Processed {
        reply: product.run(&mut state, &call),
        applied: true,
    }
}

/// A Signaling token to verify, with a copy of the App Certificate of the
/// project it is for: everything it needs, owned, so it is verified
/// without the state lock.
struct TokenCheck {
    token: String,
    uid: Option<String>,
    app_id: String,
    certificate: String,
}

impl TokenCheck {
    /// Looks up the project of the path's App ID (`403` when it is no
    /// project of the account) and copies its certificate.
    fn new(
        state: &State,
        matched: &Matched,
        token: String,
        uid: Option<String>,
    ) -> Result<Self, (u16, String)> {
        let app_id = matched
            .params
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("appid"))
            .map(|(_, value)| value.as_str())
            .unwrap_or_default();
        let project = state
            .project_of_app(app_id)
            .ok_or_else(|| (403, "App ID invalid".to_owned()))?;
        Ok(TokenCheck {
            token,
            uid,
            app_id: app_id.to_owned(),
            certificate: project.sign_key.clone(),
        })
    }

    /// The token's user, or why it is refused (`401`).
    fn verify(self, now: SystemTime) -> Result<String, String> {
        auth::verify_token(
            &self.token,
            self.uid.as_deref(),
            &self.app_id,
            &self.certificate,
            now,
        )
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .split(';')
                .next()
                .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
        })
}
