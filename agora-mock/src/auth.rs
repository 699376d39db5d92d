//! Authentication as Agora checks it: Basic credentials at the gateway
//! (`401 {"message": "Unauthorized"}` when missing, `401 {"message":
//! "Invalid authentication credentials"}` when wrong); HMAC-SHA256
//! signatures over host, date, request line and body digest
//! ([`hmac`](crate::auth::hmac)); and AccessToken2 tokens verified with the
//! project's App Certificate (signature, expiry, App ID): Signaling tokens
//! for their user, RTC tokens for their channel and uid, education
//! (APaaS) tokens for their room and user. The product's handler checks
//! that an RTC or education token's channel or room is the request's.

use agora_api::AuthScheme;
use agora_api::token::{WhiteboardRole, WhiteboardTokenKind};
use base64::Engine as _;
use hyper::HeaderMap;

pub(crate) mod hmac;
mod tokens;

pub(crate) use tokens::{verify, verify_whiteboard};

/// Who a request is authenticated as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Principal {
    /// The account, by its Customer ID and Secret.
    Basic,
    /// The account, by an HMAC-SHA256 signature made with its Customer
    /// Secret.
    Hmac,
    /// A Signaling user, by a token of theirs.
    RtmUser(String),
    /// The holder of an RTC token: the channel and uid it was built for
    /// (uid `""` for uid 0, as the token carries it). Whether they are the
    /// request's is the product's to check.
    RtcUser {
        /// The token's channel.
        channel: String,
        /// The token's uid, as text.
        uid: String,
    },
    /// The holder of a Whiteboard token signed with the project's access
    /// key pair: which token, its role and the room or task it is for.
    WhiteboardUser {
        /// SDK, room or task token.
        kind: WhiteboardTokenKind,
        /// Its role (`None` when it carries none the emulator knows).
        role: Option<WhiteboardRole>,
        /// The room or task of a room or task token.
        uuid: Option<String>,
    },
    /// Anyone: the endpoint takes no credentials.
    Anonymous,
    /// The holder of an education (APaaS) token: its room, user and role.
    EducationUser {
        /// The token's room UUID (`""` for a token not bound to a room).
        room_uuid: String,
        /// The token's user UUID.
        user_uuid: String,
        /// The token's role.
        role: i16,
    },
}

impl Principal {
    /// Whether this principal may act in `channel` as `uid`: the account
    /// (Basic, HMAC) may act anywhere; an RTC token only in the channel and
    /// as the uid it was built for (uid `0` is `""` in a token); an
    /// education token bound to no room (an app token) in any classroom
    /// of its app, one bound to a room only in that classroom (`channel`
    /// is the classroom, `""` for the whole app; `uid` is not checked: a
    /// server acts on any user of the room). Products whose requests name
    /// a channel call it from their handlers; the error is the reason for
    /// their `401`.
    pub(crate) fn may_act_in(&self, channel: &str, uid: &str) -> Result<(), String> {
        match self {
            Principal::RtcUser {
                channel: granted,
                uid: granted_uid,
            } => {
                let uid = if uid == "0" { "" } else { uid };
                if granted != channel {
                    Err(format!(
                        "the token was generated for channel {granted:?}, not {channel:?}"
                    ))
                } else if granted_uid != uid {
                    Err(format!(
                        "the token was generated for uid {granted_uid:?}, not {uid:?}"
                    ))
                } else {
                    Ok(())
                }
            }
            Principal::Basic | Principal::Hmac => Ok(()),
            Principal::EducationUser { room_uuid, .. } => {
                if room_uuid.is_empty() || room_uuid == channel {
                    Ok(())
                } else if channel.is_empty() {
                    Err(format!(
                        "the token was generated for classroom {room_uuid:?}, not for the whole app"
                    ))
                } else {
                    Err(format!(
                        "the token was generated for classroom {room_uuid:?}, not {channel:?}"
                    ))
                }
            }
            Principal::RtmUser(_) | Principal::Anonymous | Principal::WhiteboardUser { .. } => {
                Err("this token does not grant access to RTC channels".to_owned())
            }
        }
    }
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
    /// `Authorization: hmac ...`: the signature's parameters.
    Hmac(hmac::Claim),
    /// A `token` header (Whiteboard), without `Authorization`.
    Whiteboard(String),
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
        if scheme.eq_ignore_ascii_case("hmac") {
            return hmac::Claim::parse(rest).map_or(Presented::Unreadable, Presented::Hmac);
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
    match (text("x-agora-token"), text("token")) {
        (Some(token), _) if !token.is_empty() => Presented::Token {
            token: token.to_owned(),
            uid,
        },
        (_, Some(token)) if !token.is_empty() => Presented::Whiteboard(token.to_owned()),
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
    /// An HMAC signature, to be checked against the request's bytes.
    Hmac(hmac::Claim),
    /// A Whiteboard token, to be checked against the access key pair.
    Whiteboard(String),
    /// A token, to be verified as the endpoint's token `scheme`.
    Token {
        token: String,
        uid: Option<String>,
        scheme: AuthScheme,
    },
    /// `401 {"message": ...}`.
    Refused(&'static str),
    /// Nothing to check: the endpoint takes no credentials.
    Open,
}

/// The token schemes the emulator verifies, in the order it tries them.
const TOKEN_SCHEMES: [AuthScheme; 3] = [
    AuthScheme::RTM_TOKEN,
    AuthScheme::RTC_TOKEN,
    AuthScheme::EDUCATION_TOKEN,
];

/// Checks what the gateway checks: Basic credentials against the
/// account's; a signature or token only where the endpoint takes one
/// (verified later, with the request's bytes or the project's
/// certificate).
pub(crate) fn gate(
    presented: Presented,
    accepted: &[AuthScheme],
    customer_id: &str,
    customer_secret: &str,
) -> Gate {
    // An endpoint that takes no credentials (Whiteboard's SDK token
    // endpoint carries its own in the body) ignores any sent.
    if accepted.contains(&AuthScheme::NONE) {
        return Gate::Open;
    }
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
        Presented::Hmac(claim) if accepted.contains(&AuthScheme::HMAC) => Gate::Hmac(claim),
        Presented::Token { token, uid } => {
            match accepted
                .iter()
                .find(|scheme| TOKEN_SCHEMES.contains(scheme))
            {
                Some(&scheme) => Gate::Token { token, uid, scheme },
                None => Gate::Refused("Invalid authentication credentials"),
            }
        }
        Presented::Whiteboard(token) if accepted.contains(&AuthScheme::WHITEBOARD_TOKEN) => {
            Gate::Whiteboard(token)
        }
        Presented::Whiteboard(_) => Gate::Refused("Unauthorized"),
        Presented::Hmac(_) | Presented::Unreadable => {
            Gate::Refused("Invalid authentication credentials")
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

    /// An AccessToken2 issued at `issued` for `expire` seconds with `service`.
    #[test]
    fn a_token_goes_to_the_endpoint_s_token_scheme_and_a_signature_only_where_taken() {
        let token = || Presented::Token {
            token: "007x".into(),
            uid: None,
        };
        assert!(matches!(
            gate(token(), &[AuthScheme::BASIC, AuthScheme::RTC_TOKEN], "id", "s"),
            Gate::Token { scheme, .. } if scheme == AuthScheme::RTC_TOKEN
        ));
        assert!(matches!(
            gate(token(), &[AuthScheme::EDUCATION_TOKEN], "id", "s"),
            Gate::Token { scheme, .. } if scheme == AuthScheme::EDUCATION_TOKEN
        ));
        let claim = hmac::Claim::parse(
            r#"username="id", algorithm="hmac-sha256", headers="host date request-line digest", signature="c2ln""#,
        )
        .expect("a claim");
        assert!(matches!(
            gate(
                Presented::Hmac(claim.clone()),
                &[AuthScheme::BASIC, AuthScheme::HMAC],
                "id",
                "s"
            ),
            Gate::Hmac(_)
        ));
        assert!(matches!(
            gate(Presented::Hmac(claim), &[AuthScheme::BASIC], "id", "s"),
            Gate::Refused("Invalid authentication credentials")
        ));
    }

    #[test]
    fn rtc_and_education_tokens_act_only_where_they_were_generated_for() {
        let holder = Principal::RtcUser {
            channel: "room-1".into(),
            uid: "1001".into(),
        };
        assert_eq!(holder.may_act_in("room-1", "1001"), Ok(()));
        assert!(holder.may_act_in("room-2", "1001").is_err());
        assert!(holder.may_act_in("room-1", "1002").is_err());
        let any_uid = Principal::RtcUser {
            channel: "room-1".into(),
            uid: String::new(),
        };
        assert_eq!(
            any_uid.may_act_in("room-1", "0"),
            Ok(()),
            "uid 0 is \"\" in a token"
        );
        assert_eq!(Principal::Basic.may_act_in("anything", "7"), Ok(()));
        let education = |room: &str| Principal::EducationUser {
            room_uuid: room.into(),
            user_uuid: "teacher".into(),
            role: 1,
        };
        assert_eq!(education("").may_act_in("any-class", ""), Ok(()));
        assert_eq!(education("").may_act_in("", ""), Ok(()), "the whole app");
        assert_eq!(education("class-1").may_act_in("class-1", ""), Ok(()));
        assert!(education("class-1").may_act_in("class-2", "").is_err());
        assert!(
            education("class-1").may_act_in("", "").is_err(),
            "a room's token does not read the whole app"
        );
        assert!(
            Principal::RtmUser("alice".into())
                .may_act_in("room-1", "1")
                .is_err()
        );
    }
}
