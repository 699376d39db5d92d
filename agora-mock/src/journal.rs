//! The request journal: every request the emulator received, in order,
//! with its secrets redacted, so tests can assert what was sent and how
//! often ("sent exactly once"). It is bounded in entries and in bytes.

use std::collections::VecDeque;
use std::time::SystemTime;

use agora_api::Endpoint;
use agora_api::registry::EndpointInfo;

/// The most entries kept by default; the oldest go first (a long-running
/// standalone emulator must not grow without bound).
pub(crate) const MAX_ENTRIES: usize = 10_000;

/// The most bytes kept by default (64 MiB), counted as
/// [`JournalEntry`]'s method, target, header names and values, body and
/// fault description.
pub(crate) const MAX_BYTES: usize = 64 * 1024 * 1024;

/// One request as the emulator received it, its secrets redacted before it
/// was stored:
///
/// * `Authorization` and `Proxy-Authorization` keep only their scheme
///   (`Basic <redacted>`, `agora token=<redacted>`); `Cookie`,
///   `x-agora-token`, Whiteboard's `token` and any other header named after
///   a secret are `<redacted>`; `x-agora-uid` and the rest are as sent.
/// * In a JSON body, every member named after a secret, at any depth and in
///   objects inside arrays, has its string or number values replaced by
///   `"<redacted>"`: `token`, `stsToken` and every other `...token` but the
///   page cursors `pageToken`/`nextPageToken`; `accessKey`, `secretKey`,
///   `secretAccessKey`; `sign_key`/`signKey`; `...secret` (Cloud
///   Recording's `recordingConfig.secret`, `customer_secret`);
///   `...certificate` (`appCertificate`); `...password`; `apiKey`, `key`,
///   `authKey`, `streamKey`, `encryptKey`, `encryptionKey`. Names match in
///   any case, with `_` and `-` ignored. A body with nothing to redact is
///   kept byte for byte; one with something is re-encoded compactly.
/// * A form body (`application/x-www-form-urlencoded`) and the query of
///   [`target`](Self::target) get the same treatment per `name=value`
///   pair: `token=<redacted>`. The path is kept.
/// * Any other body is kept as sent.
///
/// A body the journal's byte budget cannot hold is cut (see
/// [`body_truncated`](Self::body_truncated)).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct JournalEntry {
    /// Its position: 0 for the first request the server received.
    pub seq: u64,
    /// Which host received it (0 for [`MockServer::url`](crate::MockServer::url)).
    pub host: usize,
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path and query as sent (still percent-encoded), secret query
    /// values redacted.
    pub target: String,
    /// The endpoint it was routed to; `None` when no route matched.
    pub endpoint: Option<&'static EndpointInfo>,
    /// Header names (lower case) and values, secrets redacted.
    pub headers: Vec<(String, String)>,
    /// The body as sent, secrets redacted; only its first bytes when
    /// [`body_truncated`](Self::body_truncated).
    pub body: Vec<u8>,
    /// Whether [`body`](Self::body) is not all of it: cut to its first
    /// bytes because it did not fit in the journal's byte budget
    /// ([`MockServerBuilder::journal_byte_limit`](crate::MockServerBuilder::journal_byte_limit)),
    /// or empty because it was over the request body limit and was not
    /// read (answered `413`).
    pub body_truncated: bool,
    /// When it arrived, by the server's clock.
    pub received_at: SystemTime,
    /// Whether the endpoint acted on it (was routed, authenticated and run,
    /// whatever it answered). `false` when a fault answered or dropped it
    /// before that, or routing or authentication refused it.
    pub applied: bool,
    /// The status answered; `None` when the connection was closed without
    /// an answer (a dropped-connection fault).
    pub status: Option<u16>,
    /// The injected fault that fired on it, described.
    pub fault: Option<String>,
}

impl JournalEntry {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The body as JSON; `None` when it is empty or not JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// Whether the request was routed to endpoint `E`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), agora_api::Error> {
    /// use agora_api::console::ListProjects;
    /// let server = agora_mock::MockServer::start().await;
    /// server.client().send(&ListProjects::builder().build()).await?;
    /// let journal = server.journal();
    /// assert!(journal[0].is::<ListProjects>());
    /// assert_eq!(journal[0].header("authorization"), Some("Basic <redacted>"));
    /// # Ok(()) }
    /// ```
    pub fn is<E: Endpoint>(&self) -> bool {
        self.endpoint
            .is_some_and(|info| info.method == E::METHOD.as_str() && info.path == E::PATH)
    }

    /// The endpoint's name, when the request was routed.
    pub fn endpoint_name(&self) -> Option<&'static str> {
        self.endpoint.map(|info| info.name)
    }
}

impl JournalEntry {
    /// The bytes this entry counts for against the journal's budget, its
    /// body left out.
    fn size_without_body(&self) -> usize {
        let headers = self.headers.iter().fold(0usize, |sum, (name, value)| {
            sum.saturating_add(name.len()).saturating_add(value.len())
        });
        self.method
            .len()
            .saturating_add(self.target.len())
            .saturating_add(headers)
            .saturating_add(self.fault.as_ref().map_or(0, String::len))
    }

    /// The bytes this entry counts for against the journal's budget.
    fn size(&self) -> usize {
        self.size_without_body().saturating_add(self.body.len())
    }
}

/// The entries kept, oldest first, within a number of entries and of
/// bytes.
#[derive(Debug)]
pub(crate) struct Journal {
    entries: VecDeque<JournalEntry>,
    /// The sum of the entries' [`JournalEntry::size`].
    bytes: usize,
    max_entries: usize,
    max_bytes: usize,
}

impl Journal {
    /// An empty journal keeping at most `max_entries` entries and
    /// `max_bytes` bytes (each at least 1).
    pub(crate) fn new(max_entries: usize, max_bytes: usize) -> Self {
        Journal {
            entries: VecDeque::new(),
            bytes: 0,
            max_entries: max_entries.max(1),
            max_bytes: max_bytes.max(1),
        }
    }

    /// Adds `entry`, dropping the oldest entries until it fits. A body
    /// larger than what the whole budget leaves it is cut to its first
    /// bytes and marked [`JournalEntry::body_truncated`]. Should the
    /// entry's headers and target alone be over budget (hyper bounds them
    /// at a few hundred KiB), its body is emptied and it is kept alone.
    pub(crate) fn record(&mut self, mut entry: JournalEntry) {
        let room = self.max_bytes.saturating_sub(entry.size_without_body());
        if entry.body.len() > room {
            entry.body.truncate(room);
            entry.body_truncated = true;
        }
        let size = entry.size();
        while self.entries.len() >= self.max_entries
            || self
                .bytes
                .checked_add(size)
                .is_none_or(|total| total > self.max_bytes)
        {
            let Some(oldest) = self.entries.pop_front() else {
                break;
            };
            self.bytes = self.bytes.saturating_sub(oldest.size());
        }
        self.bytes = self.bytes.saturating_add(size);
        self.entries.push_back(entry);
    }

    /// The entries, oldest first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &JournalEntry> {
        self.entries.iter()
    }

    /// Forgets every entry.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
        self.bytes = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(body: &[u8]) -> JournalEntry {
        JournalEntry {
            seq: 0,
            host: 0,
            method: "POST".to_owned(),
            target: "/p".to_owned(),
            endpoint: None,
            headers: vec![("h".to_owned(), "v".to_owned())],
            body: body.to_vec(),
            body_truncated: false,
            received_at: SystemTime::UNIX_EPOCH,
            applied: false,
            status: None,
            fault: None,
        }
    }

    /// "POST" + "/p" + "h" + "v".
    const OVERHEAD: usize = 8;

    #[test]
    fn the_oldest_go_first_to_stay_within_the_bytes() {
        let mut journal = Journal::new(100, 3 * (OVERHEAD + 10));
        for n in 0..5u8 {
            journal.record(entry(&[n; 10]));
        }
        let kept: Vec<u8> = journal.iter().map(|entry| entry.body[0]).collect();
        assert_eq!(kept, [2, 3, 4]);
        assert_eq!(journal.bytes, 3 * (OVERHEAD + 10));
        journal.clear();
        assert_eq!((journal.iter().count(), journal.bytes), (0, 0));
    }

    #[test]
    fn the_entry_limit_still_holds() {
        let mut journal = Journal::new(2, usize::MAX);
        for n in 0..5u8 {
            journal.record(entry(&[n]));
        }
        let kept: Vec<u8> = journal.iter().map(|entry| entry.body[0]).collect();
        assert_eq!(kept, [3, 4]);
    }

    #[test]
    fn a_body_over_the_whole_budget_is_cut_to_fit() {
        let mut journal = Journal::new(100, OVERHEAD + 4);
        journal.record(entry(b"ab"));
        journal.record(entry(b"0123456789"));
        let kept: Vec<&JournalEntry> = journal.iter().collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].body, b"0123");
        assert!(kept[0].body_truncated);
        assert_eq!(journal.bytes, OVERHEAD + 4);
    }

    #[test]
    fn headers_over_the_budget_keep_one_entry_without_its_body() {
        let mut journal = Journal::new(100, 4);
        journal.record(entry(b"x"));
        journal.record(entry(b"y"));
        let kept: Vec<&JournalEntry> = journal.iter().collect();
        assert_eq!(kept.len(), 1);
        assert!(kept[0].body.is_empty() && kept[0].body_truncated);
    }
}
