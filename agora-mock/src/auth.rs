//! Authentication as Agora checks it: Basic credentials at the gateway
//! (`401 {"message": "Unauthorized"}` when missing, `401 {"message":
//! "Invalid authentication credentials"}` when wrong), and Signaling
//! tokens verified with the project's App Certificate: signature, expiry,
//! App ID and user.

use std::time::SystemTime;

use agora_api::AuthScheme;
use agora_api::token::{
    self, AppCertificate, LegacyPrivilege, ParsedToken, Rtm2Privilege, RtmPrivilege, Service,
};
use base64::Engine as _;
use hyper::HeaderMap;

use crate::clock::unix_secs;

/// Who a request is authenticated as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Principal {
    /// The account, by its Customer ID and Secret.
    Basic,
    /// A Signaling user, by a token of theirs.
    RtmUser(String),
}

/// The credentials a request carries.
#[derive(Debug)]
pub(crate) enum Presented {
    None,
    Basic {
        id: String,
        secret: String,
    },
    /// A token, from `Authorization: agora token=` or `x-agora-token`, with
    /// `x-agora-uid` when sent.
    Token {
        token: String,
        uid: Option<String>,
    },
    /// Something in `Authorization` that is neither.
    Unreadable,
}

/// The credentials in `headers`.
pub(crate) fn presented(headers: &HeaderMap) -> Presented {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
    };
    let uid = text("x-agora-uid").map(str::to_owned);
    if let Some(authorization) = headers.get("authorization") {
        let Ok(authorization) = authorization.to_str() else {
            return Presented::Unreadable;
        };
        let (scheme, rest) = authorization
            .trim()
            .split_once(' ')
            .unwrap_or((authorization, ""));
        if scheme.eq_ignore_ascii_case("basic") {
            return basic(rest.trim()).unwrap_or(Presented::Unreadable);
        }
        if scheme.eq_ignore_ascii_case("agora") {
            return match rest.trim().strip_prefix("token=") {
                Some(token) if !token.is_empty() => Presented::Token {
                    token: token.to_owned(),
                    uid,
                },
                _ => Presented::Unreadable,
            };
        }
        return Presented::Unreadable;
    }
    match text("x-agora-token") {
        Some(token) if !token.is_empty() => Presented::Token {
            token: token.to_owned(),
            uid,
        },
        _ => Presented::None,
    }
}

fn basic(encoded: &str) -> Option<Presented> {
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some(Presented::Basic {
        id: id.to_owned(),
        secret: secret.to_owned(),
    })
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

/// The gateway's verdict on a request to an endpoint accepting `accepted`.
#[derive(Debug)]
pub(crate) enum Gate {
    /// Basic credentials that match.
    Basic,
    /// A token, to be verified by the Signaling service.
    Token { token: String, uid: Option<String> },
    /// `401 {"message": ...}`.
    Refused(&'static str),
}

/// Checks what the gateway checks: Basic credentials against the
/// account's; anything else is refused unless the endpoint takes tokens.
pub(crate) fn gate(
    presented: Presented,
    accepted: &[AuthScheme],
    customer_id: &str,
    customer_secret: &str,
) -> Gate {
    match presented {
        Presented::None => Gate::Refused("Unauthorized"),
        Presented::Basic { id, secret } => {
            // Both comparisons always run.
            let id_ok = same(&id, customer_id);
            let secret_ok = same(&secret, customer_secret);
            if id_ok && secret_ok && accepted.contains(&AuthScheme::BASIC) {
                Gate::Basic
            } else {
                Gate::Refused("Invalid authentication credentials")
            }
        }
        Presented::Token { token, uid } if accepted.contains(&AuthScheme::RTM_TOKEN) => {
            Gate::Token { token, uid }
        }
        Presented::Token { .. } | Presented::Unreadable => {
            Gate::Refused("Invalid authentication credentials")
        }
    }
}

/// Verifies a Signaling token for `app_id` with `certificate` at `now`,
/// the way the Signaling service does: it must be an Agora token for this
/// App ID, signed with its App Certificate, not expired, with a Signaling
/// login privilege, and its user must be the `x-agora-uid` when that is
/// sent (a legacy `006` token needs it). Returns the token's user, or why
/// it is refused.
pub(crate) fn verify_token(
    token_text: &str,
    uid: Option<&str>,
    app_id: &str,
    certificate: &str,
    now: SystemTime,
) -> Result<String, String> {
    let certificate = AppCertificate::new(certificate)
        .map_err(|_| "the project has no usable App Certificate".to_owned())?;
    let now = unix_secs(now);
    let parsed = token::parse(token_text).map_err(|error| format!("invalid token: {error}"))?;
    if !parsed.app_id().eq_ignore_ascii_case(app_id) {
        return Err("the token was generated for another App ID".to_owned());
    }
    match parsed {
        ParsedToken::V007(parsed) => {
            parsed.verify(&certificate).map_err(|_| {
                "the token's signature does not match the App Certificate".to_owned()
            })?;
            if parsed.is_expired_at(now) {
                return Err("the token has expired".to_owned());
            }
            let issued = u64::from(parsed.issue_ts());
            let (user, login) = parsed
                .services()
                .iter()
                .find_map(|service| match service {
                    Service::Rtm(rtm) => Some((
                        rtm.user_id().to_owned(),
                        rtm.privileges().get(RtmPrivilege::Login),
                    )),
                    Service::Rtm2(rtm) => Some((
                        rtm.user_id().to_owned(),
                        rtm.privileges().get(Rtm2Privilege::Login),
                    )),
                    _ => None,
                })
                .ok_or_else(|| "the token carries no Signaling (RTM) service".to_owned())?;
            match login {
                None => return Err("the token has no Signaling login privilege".to_owned()),
                Some(secs) if secs != 0 && issued + u64::from(secs) <= now => {
                    return Err("the token's Signaling login privilege has expired".to_owned());
                }
                Some(_) => {}
            }
            if let Some(uid) = uid
                && uid != user
            {
                return Err(format!(
                    "x-agora-uid {uid:?} is not the user the token was generated for"
                ));
            }
            Ok(user)
        }
        ParsedToken::V006(parsed) => {
            let uid = uid.ok_or_else(|| {
                "a legacy (006) token needs the x-agora-uid header with the user ID it was generated for"
                    .to_owned()
            })?;
            parsed
                .verify_rtm(&certificate, uid)
                .map_err(|error| match error {
                    token::TokenError::SignatureMismatch => {
                        "the token's signature does not match the App Certificate".to_owned()
                    }
                    _ => format!("the token was not generated for user {uid:?}"),
                })?;
            if parsed.is_expired_at(now) {
                return Err("the token has expired".to_owned());
            }
            match parsed.privileges().get(LegacyPrivilege::RtmLogin) {
                None => return Err("the token has no Signaling login privilege".to_owned()),
                Some(at) if at != 0 && u64::from(at) <= now => {
                    return Err("the token's Signaling login privilege has expired".to_owned());
                }
                Some(_) => {}
            }
            Ok(uid.to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::header::HeaderValue;

    #[test]
    fn reads_every_way_of_sending_credentials() {
        let mut headers = HeaderMap::new();
        assert!(matches!(presented(&headers), Presented::None));
        headers.insert(
            "authorization",
            HeaderValue::from_static("Basic aWQ6c2VjcmV0"),
        );
        assert!(matches!(
            presented(&headers),
            Presented::Basic { id, secret } if id == "id" && secret == "secret"
        ));
        headers.insert(
            "authorization",
            HeaderValue::from_static("agora token=007abc"),
        );
        assert!(matches!(presented(&headers), Presented::Token { token, .. } if token == "007abc"));
        headers.insert("authorization", HeaderValue::from_static("Bearer x"));
        assert!(matches!(presented(&headers), Presented::Unreadable));
        headers.remove("authorization");
        headers.insert("x-agora-token", HeaderValue::from_static("006abc"));
        headers.insert("x-agora-uid", HeaderValue::from_static("alice"));
        assert!(matches!(
            presented(&headers),
            Presented::Token { uid: Some(uid), .. } if uid == "alice"
        ));
    }

    #[test]
    fn the_gateway_tells_missing_from_wrong() {
        let accepted = [AuthScheme::BASIC];
        let gate_of = |presented| gate(presented, &accepted, "id", "secret");
        assert!(matches!(
            gate_of(Presented::None),
            Gate::Refused("Unauthorized")
        ));
        assert!(matches!(
            gate_of(Presented::Basic {
                id: "id".into(),
                secret: "nope".into()
            }),
            Gate::Refused("Invalid authentication credentials")
        ));
        assert!(matches!(
            gate_of(Presented::Basic {
                id: "id".into(),
                secret: "secret".into()
            }),
            Gate::Basic
        ));
        assert!(matches!(
            gate_of(Presented::Token {
                token: "007".into(),
                uid: None
            }),
            Gate::Refused(_)
        ));
    }
}
