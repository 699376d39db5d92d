//! Builder-token flows, shared by every product that uses one (Cloud
//! Transcoding, the legacy v5/v6 Real-Time STT): `builderTokens` issues a
//! token for an instance; the create (or start) call takes it as
//! `?builderToken=` and answers a task ID; every later call on that task
//! (query, update, destroy or stop) takes the same token again. A token is
//! valid for five minutes until it starts a task, and starts one task
//! only.
//!
//! [`AcquiredBuilderToken`] is the answer of an acquire;
//! [`AcquiredBuilderToken::into_task`] consumes it with the created task's
//! ID into a [`BuilderTokenTask`], the session value that keeps the token
//! with its task (and its App ID) so that it cannot be lost, and cannot be
//! used for another task: the product's task endpoints are built from the
//! session (`QueryTranscodingTask::of(&task)`), never from loose strings.
//! Both are typed by the service they belong to (a product's marker type,
//! such as `cloud_transcoding::CloudTranscoder`), so that a token of one
//! product cannot start a task of another. The session also hands out the
//! update calls' increasing `sequenceId`s.

use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;

use crate::error::InvalidInput;
use crate::types::AppId;
use crate::values::{issued_id, validated_string};

validated_string! {
    /// An instance ID chosen by the caller for a builder token: 1 to 64
    /// ASCII letters, digits, `-` and `_`. One instance may acquire
    /// several builder tokens; only one of them starts a task.
    ///
    /// Agora's own STT request example sends `"User-defined instance
    /// ID"`, which breaks the documented character set (it has spaces):
    /// the documented rule is kept, and `specs/` records that example as
    /// one Agora's rule refuses.
    ///
    /// ```
    /// use agora_api::types::InstanceId;
    /// assert!(InstanceId::new("room_42-a").is_ok());
    /// assert_eq!(
    ///     InstanceId::new("room 42").unwrap_err().to_string(),
    ///     "invalid `instanceId`: contains ' '; allowed are ASCII letters, digits, - and _"
    /// );
    /// assert!(InstanceId::new("x".repeat(65)).is_err());
    /// ```
    InstanceId, field = "instanceId", check = check_instance_id
}

fn check_instance_id(value: &str) -> Result<(), String> {
    let count = value.chars().count();
    if !(1..=64).contains(&count) {
        return Err(format!("must be 1 to 64 characters (got {count})"));
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "contains {bad:?}; allowed are ASCII letters, digits, - and _"
        ));
    }
    Ok(())
}

validated_string! {
    /// A builder token (the acquire's `tokenName`), passed as the
    /// `builderToken` query parameter of the task calls. Opaque: only
    /// what would break a URL is refused.
    ///
    /// ```
    /// use agora_api::types::BuilderToken;
    /// let token: BuilderToken = "8a4c2f0e".parse()?;
    /// assert_eq!(token, "8a4c2f0e");
    /// assert!(BuilderToken::new("").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    BuilderToken, field = "builderToken", check = issued_id
}

validated_string! {
    /// The ID of a task started with a builder token (`taskId`), as the
    /// create (or start) call answers it. Opaque, like [`BuilderToken`].
    ///
    /// ```
    /// use agora_api::types::TaskId;
    /// assert_eq!(TaskId::new("609f28f2644f1ae1ceb041b7047e3")?, "609f28f2644f1ae1ceb041b7047e3");
    /// assert!(TaskId::new("a b").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    TaskId, field = "taskId", check = issued_id
}

/// How long a builder token may wait before it starts a task: five
/// minutes from its `createTs`.
pub const BUILDER_TOKEN_VALIDITY: Duration = Duration::from_secs(300);

/// A builder token, as an acquire answers it (`{tokenName, createTs,
/// instanceId}`), for a task of service `S` (the product's marker type).
///
/// Not `Clone`: it starts one task. Pass it by reference to the product's
/// create (or start) call, then turn it into the task's session with
/// [`into_task`](Self::into_task), which consumes it.
///
/// ```
/// use agora_api::types::{AcquiredBuilderToken, TaskId};
/// use agora_api::AppId;
///
/// /// A product's marker type.
/// #[derive(Debug)]
/// enum DemoService {}
///
/// let token: AcquiredBuilderToken<DemoService> = serde_json::from_str(
///     r#"{"tokenName":"xUwUbQf9Z","createTs":1661324606,"instanceId":"abc13328"}"#,
/// )?;
/// assert_eq!(token.token_name, "xUwUbQf9Z");
/// assert_eq!(token.expires_at_unix(), Some(1661324906));
/// let task = token.into_task(AppId::new("0123456789abcdef0123456789abcdef")?, TaskId::new("t-1")?);
/// assert_eq!(task.builder_token(), "xUwUbQf9Z");
/// assert_eq!(task.task_id(), "t-1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", bound = "")]
#[non_exhaustive]
pub struct AcquiredBuilderToken<S> {
    /// The token to pass as `builderToken`.
    pub token_name: BuilderToken,
    /// When Agora issued it, in Unix seconds.
    pub create_ts: u64,
    /// The instance ID of the request.
    pub instance_id: InstanceId,
    #[serde(skip)]
    service: PhantomData<fn() -> S>,
}

impl<S> fmt::Debug for AcquiredBuilderToken<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AcquiredBuilderToken")
            .field("service", &std::any::type_name::<S>())
            .field("token_name", &self.token_name)
            .field("create_ts", &self.create_ts)
            .field("instance_id", &self.instance_id)
            .finish()
    }
}

impl<S> AcquiredBuilderToken<S> {
    /// When the token stops being able to start a task, in Unix seconds
    /// (`createTs` + 300); `None` if that is past `u64::MAX`.
    pub fn expires_at_unix(&self) -> Option<u64> {
        self.create_ts.checked_add(BUILDER_TOKEN_VALIDITY.as_secs())
    }

    /// Whether the token can still start a task at `now` (by its
    /// `createTs`, so only as exact as the two clocks agree).
    pub fn is_fresh_at(&self, now: SystemTime) -> bool {
        let Some(expires) = self.expires_at_unix() else {
            return true;
        };
        now.duration_since(UNIX_EPOCH)
            .map_or(true, |elapsed| elapsed.as_secs() < expires)
    }

    /// The session of the task this token started: the token, kept with
    /// the task's ID and App ID. Consumes the token, which starts no other
    /// task.
    pub fn into_task(self, app_id: AppId, task_id: TaskId) -> BuilderTokenTask<S> {
        BuilderTokenTask {
            app_id,
            task_id,
            builder_token: self.token_name,
            instance_id: self.instance_id,
            next_sequence_id: 0,
            service: PhantomData,
        }
    }
}

/// A task started with a builder token, of service `S`: its App ID, its
/// ID and the token every call on it takes, kept together. The product's
/// task endpoints are built from it (`QueryTranscodingTask::of(&task)`).
///
/// Not `Clone`: it hands out the update calls' `sequenceId`s, which must
/// increase, so one session value owns them. A process that lost its
/// session (a restart) makes it again with [`resume`](Self::resume).
pub struct BuilderTokenTask<S> {
    app_id: AppId,
    task_id: TaskId,
    builder_token: BuilderToken,
    instance_id: InstanceId,
    next_sequence_id: u64,
    service: PhantomData<fn() -> S>,
}

impl<S> fmt::Debug for BuilderTokenTask<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BuilderTokenTask")
            .field("service", &std::any::type_name::<S>())
            .field("app_id", &self.app_id)
            .field("task_id", &self.task_id)
            .field("builder_token", &self.builder_token)
            .field("instance_id", &self.instance_id)
            .field("next_sequence_id", &self.next_sequence_id)
            .finish()
    }
}

impl<S> BuilderTokenTask<S> {
    /// The session of a running task, made again from what was saved of
    /// it (after a restart): the next update takes `next_sequence_id`,
    /// which must be larger than any `sequenceId` already sent for it.
    ///
    /// ```
    /// use agora_api::types::{BuilderToken, BuilderTokenTask, InstanceId, TaskId};
    /// use agora_api::AppId;
    ///
    /// #[derive(Debug)]
    /// enum ResumedService {}
    ///
    /// let mut task = BuilderTokenTask::<ResumedService>::resume(
    ///     AppId::new("0123456789abcdef0123456789abcdef")?,
    ///     TaskId::new("t-1")?,
    ///     BuilderToken::new("xUwUbQf9Z")?,
    ///     InstanceId::new("abc13328")?,
    ///     7,
    /// );
    /// assert_eq!(task.next_sequence_id()?, 7);
    /// assert_eq!(task.next_sequence_id()?, 8);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resume(
        app_id: AppId,
        task_id: TaskId,
        builder_token: BuilderToken,
        instance_id: InstanceId,
        next_sequence_id: u64,
    ) -> Self {
        BuilderTokenTask {
            app_id,
            task_id,
            builder_token,
            instance_id,
            next_sequence_id,
            service: PhantomData,
        }
    }

    /// The App ID of the task.
    pub fn app_id(&self) -> &AppId {
        &self.app_id
    }

    /// The task's ID.
    pub fn task_id(&self) -> &TaskId {
        &self.task_id
    }

    /// The builder token that started the task, which every call on it
    /// takes.
    pub fn builder_token(&self) -> &BuilderToken {
        &self.builder_token
    }

    /// The instance the token was acquired for.
    pub fn instance_id(&self) -> &InstanceId {
        &self.instance_id
    }

    /// The `sequenceId` the next update takes, without taking it.
    pub fn peek_sequence_id(&self) -> u64 {
        self.next_sequence_id
    }

    /// Takes the next update's `sequenceId` (0, 1, 2, … for a new task).
    /// Fails only once `u64::MAX` is used up.
    pub fn next_sequence_id(&mut self) -> Result<u64, InvalidInput> {
        let current = self.next_sequence_id;
        self.next_sequence_id = current.checked_add(1).ok_or_else(|| {
            InvalidInput::new("sequenceId", "has no larger value left for this task")
        })?;
        Ok(current)
    }
}
