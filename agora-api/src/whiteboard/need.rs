//! Which token each call needs: its kind (SDK, room, task), the least
//! role, and the room or task a room or task token must be for.

use std::time::Duration;

use crate::Endpoint;
use crate::error::InvalidInput;
use crate::token::{
    ParsedWhiteboardToken, Token, TokenError, WhiteboardKeys, WhiteboardRole, WhiteboardTokenKind,
};

/// The token a Whiteboard call needs, as its reference page states it:
/// the kinds accepted and the least role.
///
/// ```
/// use agora_api::token::{WhiteboardKeys, WhiteboardRole, WhiteboardTokenKind};
/// use agora_api::whiteboard::{BanRoom, RoomUuid, WhiteboardCall};
///
/// let keys = WhiteboardKeys::new("ak", "sk")?;
/// let ban = BanRoom::builder().uuid(RoomUuid::new("a7e0ca69")?).is_ban(true).build();
/// let writer = keys.room_token("a7e0ca69", WhiteboardRole::Writer, None)?;
/// let refused = BanRoom::TOKEN.check(writer.expose_secret(), ban.token_subject()).unwrap_err();
/// assert_eq!(refused.field(), "token");
/// assert!(refused.rule().contains("admin"));
///
/// let admin = BanRoom::TOKEN.mint(&keys, ban.token_subject(), None)?;
/// BanRoom::TOKEN.check(admin.expose_secret(), ban.token_subject())?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenNeed {
    kinds: &'static [WhiteboardTokenKind],
    role: WhiteboardRole,
}

impl TokenNeed {
    /// A token of one of `kinds` (the first is the one [`mint`](Self::mint)
    /// issues) whose role is `role` or one that may do more.
    pub const fn new(kinds: &'static [WhiteboardTokenKind], role: WhiteboardRole) -> Self {
        TokenNeed { kinds, role }
    }

    /// The kinds of token accepted.
    pub const fn kinds(&self) -> &'static [WhiteboardTokenKind] {
        self.kinds
    }

    /// The least role.
    pub const fn role(&self) -> WhiteboardRole {
        self.role
    }

    /// Why the token `token` cannot make the call whose room or task is
    /// `subject` (a room or task token must be for it), if it cannot:
    /// the wrong kind, too weak a role, another room or task. A token
    /// that does not read as a Whiteboard token (one that only Agora can
    /// judge) is let through; its signature is Agora's to check.
    pub fn check(&self, token: &str, subject: Option<&str>) -> Result<(), InvalidInput> {
        let Ok(parsed) = ParsedWhiteboardToken::parse(token) else {
            return Ok(());
        };
        self.admits(&parsed, subject)
            .map_err(|rule| InvalidInput::new("token", rule))
    }

    /// Why `token` cannot make the call whose room or task is `subject`,
    /// in words, if it cannot (its signature and expiry are not checked
    /// here).
    pub fn admits(
        &self,
        token: &ParsedWhiteboardToken,
        subject: Option<&str>,
    ) -> Result<(), String> {
        self.admits_holder(token.kind(), token.role(), token.uuid(), subject)
    }

    /// [`admits`](Self::admits), for a token already read into its kind,
    /// role and room or task.
    pub fn admits_holder(
        &self,
        kind: WhiteboardTokenKind,
        role: Option<WhiteboardRole>,
        uuid: Option<&str>,
        subject: Option<&str>,
    ) -> Result<(), String> {
        if !self.kinds.contains(&kind) {
            return Err(format!(
                "must be {}, not {}",
                self.kinds_in_words(),
                with_article(kind)
            ));
        }
        match role {
            Some(role) if role.allows(self.role) => {}
            Some(role) => {
                return Err(format!(
                    "must have the {} role or more, not {}",
                    role_name(self.role),
                    role_name(role)
                ));
            }
            None => return Err("carries no known role".to_owned()),
        }
        if kind != WhiteboardTokenKind::Sdk
            && let Some(subject) = subject
            && uuid != Some(subject)
        {
            return Err(format!(
                "is {} for another {}",
                with_article(kind),
                if kind == WhiteboardTokenKind::Task {
                    "task"
                } else {
                    "room"
                }
            ));
        }
        Ok(())
    }

    /// A token that makes the call whose room or task is `subject`,
    /// issued from the access key pair: of the first accepted kind, with
    /// the least role, valid for `lifespan` (`None`: for ever).
    pub fn mint(
        &self,
        keys: &WhiteboardKeys,
        subject: Option<&str>,
        lifespan: Option<Duration>,
    ) -> Result<Token, TokenError> {
        let kind = self
            .kinds
            .first()
            .copied()
            .unwrap_or(WhiteboardTokenKind::Sdk);
        match (kind, subject) {
            (WhiteboardTokenKind::Room, Some(room)) => keys.room_token(room, self.role, lifespan),
            (WhiteboardTokenKind::Task, Some(task)) => keys.task_token(task, self.role, lifespan),
            // A call without a room or task of its own takes an SDK token.
            _ => keys.sdk_token(self.role, lifespan),
        }
    }

    fn kinds_in_words(&self) -> String {
        let names: Vec<&str> = self.kinds.iter().map(|kind| with_article(*kind)).collect();
        match names.as_slice() {
            [] => "no token".to_owned(),
            [one] => (*one).to_owned(),
            [first @ .., last] => format!("{} or {last}", first.join(", ")),
        }
    }
}

fn with_article(kind: WhiteboardTokenKind) -> &'static str {
    match kind {
        WhiteboardTokenKind::Sdk => "an SDK token",
        WhiteboardTokenKind::Room => "a room token",
        WhiteboardTokenKind::Task => "a task token",
    }
}

fn role_name(role: WhiteboardRole) -> &'static str {
    match role {
        WhiteboardRole::Admin => "admin",
        WhiteboardRole::Writer => "writer",
        WhiteboardRole::Reader => "reader",
    }
}

/// A Whiteboard call authenticated with a `token` header: the token it
/// needs, and the room or task that token must be for.
///
/// The emulator (`agora-mock`) refuses, as Agora does, a token these say
/// will not do; check before sending with [`TokenNeed::check`].
pub trait WhiteboardCall: Endpoint {
    /// The kinds of token and the least role the call needs.
    const TOKEN: TokenNeed;

    /// The room or task a room or task token must be for: the call's
    /// `{uuid}`, when it names one.
    fn token_subject(&self) -> Option<&str> {
        None
    }
}

/// An SDK token (for the whole project) or a room token.
pub(crate) const SDK_OR_ROOM: &[WhiteboardTokenKind] =
    &[WhiteboardTokenKind::Sdk, WhiteboardTokenKind::Room];
/// An SDK token only.
pub(crate) const SDK: &[WhiteboardTokenKind] = &[WhiteboardTokenKind::Sdk];
/// A task token only.
pub(crate) const TASK: &[WhiteboardTokenKind] = &[WhiteboardTokenKind::Task];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_judged_by_kind_then_role_then_subject() {
        let keys = WhiteboardKeys::new("ak", "sk").expect("keys");
        let need = TokenNeed::new(SDK_OR_ROOM, WhiteboardRole::Writer);
        let check = |token: Token, subject| need.check(token.expose_secret(), subject);
        let room = |uuid, role| keys.room_token(uuid, role, None).expect("a token");
        assert!(check(room("r1", WhiteboardRole::Writer), Some("r1")).is_ok());
        assert!(check(room("r1", WhiteboardRole::Admin), Some("r1")).is_ok());
        let weak = check(room("r1", WhiteboardRole::Reader), Some("r1")).unwrap_err();
        assert_eq!(weak.rule(), "must have the writer role or more, not reader");
        let other = check(room("r2", WhiteboardRole::Admin), Some("r1")).unwrap_err();
        assert_eq!(other.rule(), "is a room token for another room");
        let task = keys
            .task_token("t1", WhiteboardRole::Admin, None)
            .expect("a token");
        assert_eq!(
            check(task, Some("r1")).unwrap_err().rule(),
            "must be an SDK token or a room token, not a task token"
        );
        assert!(
            need.check("NETLESSSDK_YWs9xxxxxx", None).is_ok(),
            "a token that does not read is Agora's to judge"
        );
    }

    #[test]
    fn minted_tokens_meet_the_need_they_were_minted_for() {
        let keys = WhiteboardKeys::new("ak", "sk").expect("keys");
        for need in [
            TokenNeed::new(SDK, WhiteboardRole::Admin),
            TokenNeed::new(TASK, WhiteboardRole::Reader),
            TokenNeed::new(&[WhiteboardTokenKind::Room], WhiteboardRole::Writer),
        ] {
            let token = need.mint(&keys, Some("subject"), None).expect("minted");
            need.check(token.expose_secret(), Some("subject"))
                .expect("it will do");
        }
    }
}
