//! Whether an agent can join its channel with its `properties.token`, as
//! the RTC service checks a token: signed with the project's App
//! Certificate, for this channel and uid, not expired, with Signaling
//! privileges when the agent uses Signaling too.

use std::time::SystemTime;

use agora_api::token::{self, AppCertificate, ParsedToken, RtcPrivilege, Service};

use crate::clock::unix_secs;
use crate::state::Project;

/// Why `token` does not let the agent join `channel` as `uid` in
/// `project`, or `None` when it does. A project without an enabled App
/// Certificate takes any token (Agora's App ID-only projects).
pub(super) fn join_refusal(
    project: &Project,
    token_text: &str,
    channel: &str,
    uid: &str,
    needs_rtm: bool,
    now: SystemTime,
) -> Option<String> {
    if !project.sign_key_enabled {
        return None;
    }
    let refused = |why: &str| Some(format!("agent exits with reason: invalid token, {why}"));
    let Ok(certificate) = AppCertificate::new(project.sign_key.as_str()) else {
        return refused("the project has no usable App Certificate");
    };
    let parsed = match token::parse(token_text) {
        Ok(ParsedToken::V007(parsed)) => parsed,
        Ok(ParsedToken::V006(_)) => return refused("not an AccessToken2"),
        Err(_) => return refused("not an Agora token"),
    };
    if !parsed.app_id().eq_ignore_ascii_case(&project.vendor_key) {
        return refused("generated for another App ID");
    }
    if parsed.verify(&certificate).is_err() {
        return refused("its signature does not match the App Certificate");
    }
    let now = unix_secs(now);
    if parsed.is_expired_at(now) {
        return refused("expired");
    }
    let issued = u64::from(parsed.issue_ts());
    let rtc = parsed.services().iter().find_map(|service| match service {
        Service::Rtc(rtc) => Some(rtc),
        _ => None,
    });
    let Some(rtc) = rtc else {
        return refused("no RTC service");
    };
    if rtc.channel_name() != channel {
        return refused("generated for another channel");
    }
    // uid 0 (written empty) lets any uid join.
    if !(rtc.uid().is_empty() || rtc.uid() == uid || (rtc.uid() == "0")) {
        return refused("generated for another uid");
    }
    match rtc.privileges().get(RtcPrivilege::JoinChannel) {
        None => return refused("no join_channel privilege"),
        Some(secs) if secs != 0 && issued.saturating_add(u64::from(secs)) <= now => {
            return refused("its join_channel privilege has expired");
        }
        Some(_) => {}
    }
    if needs_rtm
        && !parsed
            .services()
            .iter()
            .any(|service| matches!(service, Service::Rtm(_) | Service::Rtm2(_)))
    {
        return refused("enable_rtm needs a token with RTC and Signaling (RTM) privileges");
    }
    None
}
