//! The builder tokens of the products that start tasks with one (Cloud
//! Transcoding, the legacy Real-Time STT): each product keeps its own
//! [`BuilderTokens`].
//!
//! A token is issued for an App ID and an instance; it starts one task,
//! within five minutes of its issue (by the emulator's clock); every later
//! call on the task must bring the token that started it. Agora documents
//! only `{"message": ...}` for these refusals, no status: the emulator
//! answers `404` for a token it never issued (or issued for another App
//! ID), `403` for one past its five minutes or brought to another task,
//! and `409` for one that already started a task.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use agora_api::types::BUILDER_TOKEN_VALIDITY;

use crate::ids::Rng;
use crate::reply::Reply;

/// One issued token.
#[derive(Debug, Clone)]
struct Issued {
    app_id: String,
    instance_id: String,
    issued: SystemTime,
    /// The task it started.
    task: Option<String>,
}

/// The tokens a product issued, by token.
#[derive(Debug, Default)]
pub(crate) struct BuilderTokens {
    issued: HashMap<String, Issued>,
}

/// Why a token was refused, as the product answers it: `{"message": ...}`.
pub(crate) fn refusal(status: u16, message: impl Into<String>) -> Reply {
    Reply::json(status, serde_json::json!({ "message": message.into() }))
}

impl BuilderTokens {
    /// Issues a new token for `app_id` and `instance_id` at `now`.
    pub(crate) fn issue(
        &mut self,
        rng: &mut Rng,
        app_id: &str,
        instance_id: &str,
        now: SystemTime,
    ) -> String {
        let token = rng.alnum(32);
        self.issued.insert(
            token.clone(),
            Issued {
                app_id: app_id.to_owned(),
                instance_id: instance_id.to_owned(),
                issued: now,
                task: None,
            },
        );
        token
    }

    /// Checks that `token` may start a task of `app_id` at `now`; answers
    /// its instance ID.
    pub(crate) fn check_start(
        &self,
        app_id: &str,
        token: &str,
        now: SystemTime,
    ) -> Result<String, Reply> {
        let issued = self
            .issued
            .get(token)
            .filter(|issued| issued.app_id == app_id)
            .ok_or_else(|| refusal(404, "builderToken not found: acquire one first"))?;
        if issued.task.is_some() {
            return Err(refusal(
                409,
                "builderToken has already started a task: acquire a new one",
            ));
        }
        let age = now.duration_since(issued.issued).unwrap_or(Duration::ZERO);
        if age >= BUILDER_TOKEN_VALIDITY {
            return Err(refusal(
                403,
                format!(
                    "builderToken expired: it is valid for {} seconds after its acquire",
                    BUILDER_TOKEN_VALIDITY.as_secs()
                ),
            ));
        }
        Ok(issued.instance_id.clone())
    }

    /// Binds `token` to the task it started (after [`check_start`]).
    ///
    /// [`check_start`]: Self::check_start
    pub(crate) fn bind(&mut self, token: &str, task_id: &str) {
        if let Some(issued) = self.issued.get_mut(token) {
            issued.task = Some(task_id.to_owned());
        }
    }

    /// Checks that `token` is the one that started `task_id` of `app_id`.
    pub(crate) fn check_task(&self, app_id: &str, token: &str, task_id: &str) -> Result<(), Reply> {
        let issued = self
            .issued
            .get(token)
            .filter(|issued| issued.app_id == app_id)
            .ok_or_else(|| refusal(404, "builderToken not found"))?;
        match &issued.task {
            Some(task) if task == task_id => Ok(()),
            _ => Err(refusal(
                403,
                "builderToken is not the token that started this task",
            )),
        }
    }
}
