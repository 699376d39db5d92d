//! Exit statuses, and what each failure is reported as.

use std::fmt;
use std::process::ExitCode;

use agora_api::Error;

/// How the command ended, as its exit status.
///
/// ```
/// use agora_cli::Status;
/// assert_eq!(Status::InvalidInput.code(), 2);
/// assert_eq!(Status::Network.code(), 5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 0: done.
    Success,
    /// 1: anything else (a file that cannot be written, the system's clock).
    Failure,
    /// 2: the command line, the request's fields, a setting or the profile
    /// file is invalid; nothing was sent.
    InvalidInput,
    /// 3: credentials are missing for the endpoint's schemes, cannot be
    /// used (a token that cannot be minted), or Agora refused them (HTTP
    /// 401 or 403).
    Auth,
    /// 4: Agora answered with an error (any other non-2xx status, or a
    /// failure inside a 2xx body), or with an answer that is not what the
    /// endpoint documents.
    Agora,
    /// 5: no answer: connection failures, DNS, timeouts.
    Network,
}

impl Status {
    /// The number the process exits with.
    pub const fn code(self) -> u8 {
        match self {
            Status::Success => 0,
            Status::Failure => 1,
            Status::InvalidInput => 2,
            Status::Auth => 3,
            Status::Agora => 4,
            Status::Network => 5,
        }
    }

    /// The table `--help` and the README print.
    pub fn table() -> &'static str {
        "  0  success
  1  any other failure (writing the output, the system clock)
  2  invalid input: command line, fields (named with the rule they break), settings,
     profile file; nothing was sent
  3  authentication: no credentials for the endpoint's schemes, or Agora answered 401/403
  4  Agora answered an error (status, code, message and request ID on stderr), or an
     answer the endpoint does not document
  5  network: no answer (connection refused, DNS, timeout)"
    }

    /// Which status an agora-api error ends the command with.
    pub fn of(error: &Error) -> Status {
        match error {
            Error::InvalidInput(_) | Error::Config(_) | Error::Encode { .. } => {
                Status::InvalidInput
            }
            Error::MissingCredentials { .. } | Error::Token(_) => Status::Auth,
            Error::Api { error, .. } if matches!(error.status, 401 | 403) => Status::Auth,
            Error::Api { .. }
            | Error::Decode { .. }
            | Error::BodyTooLarge { .. }
            | Error::Redirect { .. }
            | Error::PageCycle { .. } => Status::Agora,
            Error::Timeout { .. } | Error::Transport { .. } => Status::Network,
            Error::GaveUp { last, .. } => Status::of(last),
            _ => Status::Failure,
        }
    }
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> Self {
        ExitCode::from(status.code())
    }
}

/// A failure of the command: its message for stderr and its status.
#[derive(Debug)]
pub struct Failure {
    /// The exit status.
    pub status: Status,
    /// What is printed after `error: `.
    pub message: String,
}

impl Failure {
    /// A failure with `status` and `message`.
    pub fn new(status: Status, message: impl Into<String>) -> Self {
        Failure {
            status,
            message: message.into(),
        }
    }

    /// Invalid input (status 2).
    pub fn invalid(message: impl Into<String>) -> Self {
        Failure::new(Status::InvalidInput, message)
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::new(Status::of(&error), describe(&error))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// An error as the command prints it: agora-api's own message (which never
/// holds a secret), with a hint for missing credentials.
fn describe(error: &Error) -> String {
    match error {
        Error::MissingCredentials { accepted, .. } => {
            let hints: Vec<String> = accepted
                .iter()
                .filter_map(|scheme| crate::settings::variables_for(*scheme))
                .map(|variables| variables.join(" and "))
                .collect();
            if hints.is_empty() {
                error.to_string()
            } else {
                format!(
                    "{error}; set {} (in the environment or the profile file)",
                    hints.join(", or ")
                )
            }
        }
        // reqwest's own message is general ("error sending request");
        // its causes say what happened (connection refused, DNS).
        Error::Transport { source, .. } => {
            let mut text = error.to_string();
            let mut cause = std::error::Error::source(source);
            while let Some(inner) = cause {
                text.push_str(&format!(": {inner}"));
                cause = inner.source();
            }
            text
        }
        _ => error.to_string(),
    }
}
