//! The path of a request through the emulator: route -> authenticate ->
//! check the media type -> rate limit -> verify a token -> the product's
//! handler. Refusals before the handler are in the product's error shape
//! ([`crate::product::Product`]).

use std::time::{Instant, SystemTime};

use agora_api::endpoint::WireRequest;
use agora_api::{AuthScheme, InvalidInput};
use hyper::HeaderMap;

use crate::auth::{self, Gate, Principal, hmac};
use crate::product::Request;
use crate::reply::Reply;
use crate::router::{Matched, NoRoute, parse_query};
use crate::server::Shared;
use crate::state::State;

/// A request as read from the connection.
#[derive(Debug)]
pub(crate) struct Incoming<'a> {
    pub(crate) method: &'a str,
    /// The raw, still percent-encoded path, without the query.
    pub(crate) path: &'a str,
    /// The raw query, without `?`.
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
    routed: Result<&Matched<'_>, &NoRoute>,
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
    let shape = matched.route.shape;
    // The gateway checks credentials before anything else.
    let gate = auth::gate(
        auth::presented(incoming.headers),
        matched.info.auth,
        &shared.credentials.customer_id,
        shared.credentials.customer_secret.expose(),
    );
    let (mut principal, token) = match gate {
        Gate::Refused(message) => return Processed::refused(Reply::gateway(401, message)),
        Gate::Basic => (Some(Principal::Basic), None),
        Gate::Open => (Some(Principal::Anonymous), None),
        Gate::Hmac(claim) => {
            let signed = hmac::Signed {
                method: incoming.method,
                path: incoming.path,
                query: incoming.query,
                headers: incoming.headers,
                body: incoming.body,
            };
            if let Err(message) = hmac::verify(
                &claim,
                &signed,
                &shared.credentials.customer_id,
                shared.credentials.customer_secret.expose(),
                incoming.now,
            ) {
                return Processed::refused(Reply::gateway(401, message));
            }
            (Some(Principal::Hmac), None)
        }
        Gate::Whiteboard(token) => {
            // The data centre is part of the credentials: without a known
            // one the call goes nowhere.
            if let Err(error) = whiteboard_region(incoming.headers) {
                return Processed::refused((shape.malformed)(
                    matched.info,
                    incoming.request_id,
                    &error,
                ));
            }
            match auth::verify_whiteboard(&token, &shared.credentials.whiteboard_keys, incoming.now)
            {
                Ok(holder) => (Some(holder), None),
                Err(reason) => {
                    return Processed::refused((shape.token_refused)(
                        incoming.request_id,
                        401,
                        &reason,
                    ));
                }
            }
        }
        Gate::Token { token, uid, scheme } => (None, Some((token, uid, scheme))),
    };
    let query = match incoming.query.map(parse_query) {
        None => Vec::new(),
        Some(Some(pairs)) => pairs,
        Some(None) => {
            return Processed::refused((shape.malformed)(
                matched.info,
                incoming.request_id,
                &InvalidInput::new("query", "is not valid percent-encoded UTF-8"),
            ));
        }
    };
    if !incoming.body.is_empty() && !is_json(incoming.headers) {
        return Processed::refused((shape.unsupported_media_type)(incoming.request_id));
    }
    let pending = {
        let mut state = shared.state();
        if state.limiter.is_some() {
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
            // Budgets per App ID only for the account's projects: any
            // other App ID is refused later, and must not make budgets.
            let app_id = if state.account.project_of_app(app_id).is_some() {
                app_id.to_owned()
            } else {
                String::new()
            };
            let admitted = state
                .limiter
                .as_mut()
                .is_none_or(|limiter| limiter.admit(matched.info, &app_id, Instant::now()));
            if !admitted {
                return Processed::refused((shape.rate_limited)(incoming.request_id));
            }
        }
        state.tick(incoming.now);
        match token {
            None => None,
            Some((token, uid, scheme)) => {
                match TokenCheck::new(&state, matched, token, uid, scheme) {
                    Ok(check) => Some(check),
                    Err((status, reason)) => {
                        return Processed::refused((shape.token_refused)(
                            incoming.request_id,
                            status,
                            &reason,
                        ));
                    }
                }
            }
        }
    };
    // The lock is released: `TokenCheck` owns copies of what it needs.
    if let Some(check) = pending {
        match check.verify(incoming.now) {
            Ok(verified) => principal = Some(verified),
            Err(reason) => {
                return Processed::refused((shape.token_refused)(
                    incoming.request_id,
                    401,
                    &reason,
                ));
            }
        }
    }
    // Every gate above either refused or named who is asking.
    let Some(principal) = principal else {
        return Processed::refused(Reply::gateway(401, "Unauthorized"));
    };
    let request = Request {
        wire: WireRequest::new(
            incoming.method,
            incoming.path,
            incoming.query,
            incoming.headers,
            incoming.body,
        ),
        principal: &principal,
        request_id: incoming.request_id,
        now: incoming.now,
    };
    Processed {
        reply: matched.route.run(shared.state_lock(), &request),
        applied: true,
    }
}

/// A token to verify as `scheme`, with a copy of the App Certificate of
/// the project it is for: everything it needs, owned, so it is verified
/// without the state lock.
struct TokenCheck {
    token: String,
    uid: Option<String>,
    scheme: AuthScheme,
    app_id: String,
    certificate: String,
}

impl TokenCheck {
    /// Looks up the project of the path's App ID (`403` when it is no
    /// project of the account) and copies its certificate.
    fn new(
        state: &State,
        matched: &Matched<'_>,
        token: String,
        uid: Option<String>,
        scheme: AuthScheme,
    ) -> Result<Self, (u16, String)> {
        let app_id = matched
            .params
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("appid"))
            .map(|(_, value)| value.as_str())
            .unwrap_or_default();
        let project = state
            .account
            .project_of_app(app_id)
            .ok_or_else(|| (403, "App ID invalid".to_owned()))?;
        Ok(TokenCheck {
            token,
            uid,
            scheme,
            app_id: app_id.to_owned(),
            certificate: project.sign_key.clone(),
        })
    }

    /// Whose the token is, or why it is refused (`401`).
    fn verify(self, now: SystemTime) -> Result<Principal, String> {
        auth::verify(
            self.scheme,
            &self.token,
            self.uid.as_deref(),
            &self.app_id,
            &self.certificate,
            now,
        )
    }
}

/// The `region` header of a Whiteboard call: one of the data centres
/// Agora documents.
fn whiteboard_region(headers: &HeaderMap) -> Result<(), InvalidInput> {
    let region = headers
        .get("region")
        .and_then(|value| value.to_str().ok())
        .ok_or_else(|| InvalidInput::new("region", "is required"))?;
    match agora_api::WhiteboardRegion::from(region.trim()) {
        agora_api::WhiteboardRegion::Other(_) => Err(InvalidInput::new(
            "region",
            "must be one of us-sv, sg, in-mum, eu, cn-hz",
        )),
        _ => Ok(()),
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
