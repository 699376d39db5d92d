//! The emulator's Whiteboard auth: admin SDK tokens issued on the
//! server's clock.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use agora_api::token::{WhiteboardKeys, WhiteboardRole, WhiteboardTokenKind};
use agora_api::{AuthContext, Authorizer, Error, WhiteboardRegion, WhiteboardToken, reqwest};

use crate::clock::{Clock, unix_millis};

/// How long each token is valid.
const LIFESPAN: Duration = Duration::from_secs(600);

/// Issues an admin SDK token for each attempt, expiring [`LIFESPAN`]
/// after the server's time.
#[derive(Debug)]
pub(crate) struct EmulatorMinter {
    keys: WhiteboardKeys,
    clock: Arc<dyn Clock>,
    issued: AtomicU64,
}

impl EmulatorMinter {
    pub(crate) fn new(keys: WhiteboardKeys, clock: Arc<dyn Clock>) -> Self {
        EmulatorMinter {
            keys,
            clock,
            issued: AtomicU64::new(0),
        }
    }
}

impl Authorizer for EmulatorMinter {
    fn authorize(
        &self,
        request: &mut reqwest::Request,
        context: &AuthContext<'_>,
    ) -> Result<(), Error> {
        let now = unix_millis(self.clock.now());
        let expire_at = now.saturating_add(u64::try_from(LIFESPAN.as_millis()).unwrap_or(u64::MAX));
        let nonce = format!("{now}-{}", self.issued.fetch_add(1, Ordering::Relaxed));
        let token = self.keys.issue_with(
            WhiteboardTokenKind::Sdk,
            None,
            WhiteboardRole::Admin,
            Some(expire_at),
            &nonce,
        );
        WhiteboardToken::new(token.into_secret(), WhiteboardRegion::UsSv)?
            .authorize(request, context)
    }
}
