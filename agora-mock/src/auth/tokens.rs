//! Token verification: AccessToken2 tokens with the project's App
//! Certificate (Signaling, RTC, education) and Whiteboard tokens with the
//! whiteboard project's access key pair.

use std::time::SystemTime;

use agora_api::AuthScheme;
use agora_api::token::{
    self, ApaasPrivilege, AppCertificate, LegacyPrivilege, ParsedToken, ParsedWhiteboardToken,
    RtcPrivilege, Rtm2Privilege, RtmPrivilege, Service, WhiteboardKeys,
};

use super::Principal;
use crate::clock::unix_secs;

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

/// Verifies a Whiteboard token as Netless's service does: signed with
/// the project's access key pair, not expired.
pub(crate) fn verify_whiteboard(
    token_text: &str,
    keys: &WhiteboardKeys,
    now: SystemTime,
) -> Result<Principal, String> {
    let parsed = ParsedWhiteboardToken::parse(token_text).map_err(|error| error.to_string())?;
    parsed
        .verify(keys)
        .map_err(|_| "the token is not signed with this project's access keys".to_owned())?;
    if parsed.is_expired_at(now) {
        return Err("the token has expired".to_owned());
    }
    Ok(Principal::WhiteboardUser {
        kind: parsed.kind(),
        role: parsed.role(),
        uuid: parsed.uuid().map(str::to_owned),
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
    use agora_api::token::{WhiteboardRole, WhiteboardTokenKind};
    use hyper::HeaderMap;

    use crate::auth::{Gate, gate, presented};

    const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
    const CERTIFICATE: &str = "5CFd2fd1755d40ecb72977518be15d3b";

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
    fn a_whiteboard_token_is_checked_against_the_access_keys_and_its_expiry() {
        let keys = WhiteboardKeys::new("ak", "sk").expect("keys");
        let token = keys.issue_with(
            WhiteboardTokenKind::Room,
            Some("room-1"),
            WhiteboardRole::Writer,
            Some(1_700_000_000_000),
            "n",
        );
        let text = token.expose_secret();
        assert_eq!(
            verify_whiteboard(text, &keys, at(1_699_999_000)),
            Ok(Principal::WhiteboardUser {
                kind: WhiteboardTokenKind::Room,
                role: Some(WhiteboardRole::Writer),
                uuid: Some("room-1".into())
            })
        );
        assert_eq!(
            verify_whiteboard(text, &keys, at(1_700_000_000)),
            Err("the token has expired".into())
        );
        let stranger = WhiteboardKeys::new("ak", "other").expect("keys");
        assert!(verify_whiteboard(text, &stranger, at(1_699_999_000)).is_err());
        let mut headers = HeaderMap::new();
        headers.insert("token", text.parse().expect("a header value"));
        assert!(matches!(
            gate(
                presented(&headers),
                &[AuthScheme::WHITEBOARD_TOKEN],
                "id",
                "s"
            ),
            Gate::Whiteboard(_)
        ));
        assert!(matches!(
            gate(presented(&headers), &[AuthScheme::BASIC], "id", "s"),
            Gate::Refused("Unauthorized")
        ));
    }
}
