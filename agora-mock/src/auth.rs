//! Authentication as Agora checks it: Basic credentials at the gateway
//! (`401 {"message": "Unauthorized"}` when missing, `401 {"message":
//! "Invalid authentication credentials"}` when wrong); HMAC-SHA256
//! signatures over host, date, request line and body digest
//! ([`hmac`](crate::auth::hmac)); and AccessToken2 tokens verified with the
//! project's App Certificate (signature, expiry, App ID): Signaling tokens
//! for their user, RTC tokens for their channel and uid, education
//! (APaaS) tokens for their room and user. The product's handler checks
//! that an RTC or education token's channel or room is the request's.

use std::time::SystemTime;

use agora_api::AuthScheme;
use agora_api::token::{
    self, ApaasPrivilege, AppCertificate, LegacyPrivilege, ParsedToken, RtcPrivilege,
    Rtm2Privilege, RtmPrivilege, Service,
};
use base64::Engine as _;
use hyper::HeaderMap;

use crate::clock::unix_secs;

pub(crate) mod hmac;

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
    /// as the uid it was built for (uid `0` is `""` in a token). Products
    /// whose requests name a channel call it from their handlers; the
    /// error is the reason for their `401`.
    #[allow(
        dead_code,
        reason = "called by the handlers of products that take RTC tokens (Conversational AI)"
    )]
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
            Principal::RtmUser(_) | Principal::EducationUser { .. } => {
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
    /// An HMAC signature, to be checked against the request's bytes.
    Hmac(hmac::Claim),
    /// A token, to be verified as the endpoint's token `scheme`.
    Token {
        token: String,
        uid: Option<String>,
        scheme: AuthScheme,
    },
    /// `401 {"message": ...}`.
    Refused(&'static str),
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
        Presented::Hmac(_) | Presented::Unreadable => {
            Gate::Refused("Invalid authentication credentials")
        }
    }
}

/// Verifies a token presented to an endpoint of token `scheme`, for
/// `app_id` with `certificate` at `now`: whose it is, or why it is refused.
pub(crate) fn verify(
    scheme: AuthScheme,
    token_text: &str,
    uid: Option<&str>,
    app_id: &str,
    certificate: &str,
    now: SystemTime,
) -> Result<Principal, String> {
    if scheme == AuthScheme::RTM_TOKEN {
        return verify_token(token_text, uid, app_id, certificate, now).map(Principal::RtmUser);
    }
    let parsed = verified_access_token2(token_text, app_id, certificate, now)?;
    let issued = u64::from(parsed.issue_ts());
    let live = |secs: Option<u32>, what: &str| match secs {
        None => Err(format!("the token has no {what} privilege")),
        Some(secs) if secs != 0 && issued.saturating_add(u64::from(secs)) <= unix_secs(now) => {
            Err(format!("the token's {what} privilege has expired"))
        }
        Some(_) => Ok(()),
    };
    if scheme == AuthScheme::RTC_TOKEN {
        let rtc = parsed
            .services()
            .iter()
            .find_map(|service| match service {
                Service::Rtc(rtc) => Some(rtc),
                _ => None,
            })
            .ok_or_else(|| "the token carries no RTC service".to_owned())?;
        live(
            rtc.privileges().get(RtcPrivilege::JoinChannel),
            "join-channel",
        )?;
        return Ok(Principal::RtcUser {
            channel: rtc.channel_name().to_owned(),
            uid: rtc.uid().to_owned(),
        });
    }
    let apaas = parsed
        .services()
        .iter()
        .find_map(|service| match service {
            Service::Apaas(apaas) => Some(apaas),
            _ => None,
        })
        .ok_or_else(|| "the token carries no education (APaaS) service".to_owned())?;
    let privileges = apaas.privileges();
    let privilege = [
        ApaasPrivilege::RoomUser,
        ApaasPrivilege::User,
        ApaasPrivilege::App,
    ]
    .into_iter()
    .find_map(|privilege| privileges.get(privilege));
    live(privilege, "education")?;
    Ok(Principal::EducationUser {
        room_uuid: apaas.room_uuid().to_owned(),
        user_uuid: apaas.user_uuid().to_owned(),
        role: apaas.role(),
    })
}

/// An AccessToken2 for `app_id`, signed with `certificate`, not expired.
fn verified_access_token2(
    token_text: &str,
    app_id: &str,
    certificate: &str,
    now: SystemTime,
) -> Result<token::ParsedAccessToken2, String> {
    let certificate = AppCertificate::new(certificate)
        .map_err(|_| "the project has no usable App Certificate".to_owned())?;
    let parsed = match token::parse(token_text) {
        Ok(ParsedToken::V007(parsed)) => parsed,
        Ok(ParsedToken::V006(_)) => {
            return Err(
                "this API takes an AccessToken2 (007); a legacy 006 token is refused".to_owned(),
            );
        }
        Err(error) => return Err(format!("invalid token: {error}")),
    };
    if !parsed.app_id().eq_ignore_ascii_case(app_id) {
        return Err("the token was generated for another App ID".to_owned());
    }
    parsed
        .verify(&certificate)
        .map_err(|_| "the token's signature does not match the App Certificate".to_owned())?;
    if parsed.is_expired_at(unix_secs(now)) {
        return Err("the token has expired".to_owned());
    }
    Ok(parsed)
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

    const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
    const CERTIFICATE: &str = "5CFd2fd1755d40ecb72977518be15d3b";

    /// An AccessToken2 issued at `issued` for `expire` seconds with `service`.
    fn token_with(
        service: impl Into<Service>,
        issued: u32,
        expire: u32,
        certificate: &str,
    ) -> String {
        let app_id = token::AppId::new(APP_ID).expect("an App ID");
        let certificate = AppCertificate::new(certificate).expect("a certificate");
        token::AccessToken2::from_parts(&app_id, issued, 7, expire)
            .with_service(service)
            .build(&certificate)
            .expect("built")
            .into_secret()
    }

    fn at(secs: u64) -> SystemTime {
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs)
    }

    #[test]
    fn an_rtc_token_names_its_channel_and_uid() {
        let rtc = token::RtcService::new("room-1", 1001u32)
            .with_privilege(RtcPrivilege::JoinChannel, 600);
        let text = token_with(rtc, 1_700_000_000, 3600, CERTIFICATE);
        let verify_at = |now: u64, certificate: &str| {
            verify(
                AuthScheme::RTC_TOKEN,
                &text,
                None,
                APP_ID,
                certificate,
                at(now),
            )
        };
        assert_eq!(
            verify_at(1_700_000_100, CERTIFICATE),
            Ok(Principal::RtcUser {
                channel: "room-1".into(),
                uid: "1001".into()
            })
        );
        assert_eq!(
            verify_at(1_700_000_700, CERTIFICATE),
            Err("the token's join-channel privilege has expired".into())
        );
        assert_eq!(
            verify_at(1_700_003_700, CERTIFICATE),
            Err("the token has expired".into())
        );
        assert_eq!(
            verify_at(1_700_000_100, "00000000000000000000000000000000"),
            Err("the token's signature does not match the App Certificate".into())
        );
        assert_eq!(
            verify(
                AuthScheme::RTC_TOKEN,
                &text,
                None,
                "00000000000000000000000000000000",
                CERTIFICATE,
                at(1_700_000_100)
            ),
            Err("the token was generated for another App ID".into())
        );
    }

    #[test]
    fn a_token_of_another_service_is_refused_for_rtc_and_education() {
        let rtm = token::RtmService::new("alice").with_privilege(RtmPrivilege::Login, 0);
        let text = token_with(rtm, 1_700_000_000, 3600, CERTIFICATE);
        let now = at(1_700_000_100);
        assert_eq!(
            verify(AuthScheme::RTC_TOKEN, &text, None, APP_ID, CERTIFICATE, now),
            Err("the token carries no RTC service".into())
        );
        assert_eq!(
            verify(
                AuthScheme::EDUCATION_TOKEN,
                &text,
                None,
                APP_ID,
                CERTIFICATE,
                now
            ),
            Err("the token carries no education (APaaS) service".into())
        );
        assert_eq!(
            verify(AuthScheme::RTM_TOKEN, &text, None, APP_ID, CERTIFICATE, now),
            Ok(Principal::RtmUser("alice".into()))
        );
    }

    #[test]
    fn an_education_token_names_its_room_user_and_role() {
        let apaas = token::ApaasService::new("room-uuid", "user-uuid", 2)
            .with_privilege(ApaasPrivilege::RoomUser, 0);
        let text = token_with(apaas, 1_700_000_000, 3600, CERTIFICATE);
        assert_eq!(
            verify(
                AuthScheme::EDUCATION_TOKEN,
                &text,
                None,
                APP_ID,
                CERTIFICATE,
                at(1_700_000_100)
            ),
            Ok(Principal::EducationUser {
                room_uuid: "room-uuid".into(),
                user_uuid: "user-uuid".into(),
                role: 2
            })
        );
    }

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
    fn an_rtc_token_acts_only_in_its_channel_as_its_uid() {
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
        assert!(
            Principal::RtmUser("alice".into())
                .may_act_in("room-1", "1")
                .is_err()
        );
    }
}
