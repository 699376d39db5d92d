//! Fault injection: make the next N requests matching a method and a path
//! pattern answer a given status, answer late, or lose their connection
//! before or after the emulator acted on them.
//!
//! Rules are tried in the order they were added; the first one that
//! matches and has uses left fires, and is forgotten when used up. (A
//! whole host made unreachable is [`MockServer::set_unreachable`](crate::MockServer::set_unreachable).)

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use agora_api::Endpoint;

/// What an injected fault does to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Answer `status` without acting on the request.
    Status {
        status: u16,
        retry_after: Option<String>,
        body: Option<String>,
    },
    /// Act on the request at once, answer after the delay.
    Delay(Duration),
    /// Close the connection without acting on the request.
    DropBeforeApply,
    /// Act on the request, then close the connection without an answer.
    DropAfterApply,
}

impl Fault {
    /// Answer `status` (with a gateway-style `{"message": ...}` body)
    /// without acting on the request: a `503` or `429` from Agora's side.
    ///
    /// ```
    /// use std::time::Duration;
    /// use agora_mock::Fault;
    /// let busy = Fault::status(429).retry_after(Duration::from_secs(2));
    /// assert_eq!(busy.to_string(), "status 429 (Retry-After: 2)");
    /// ```
    pub fn status(status: u16) -> Self {
        Fault {
            kind: Kind::Status {
                status,
                retry_after: None,
                body: None,
            },
        }
    }

    /// With a status fault, send `Retry-After` with `after` in whole
    /// seconds. No effect on other faults.
    #[must_use]
    pub fn retry_after(self, after: Duration) -> Self {
        self.retry_after_value(after.as_secs().to_string())
    }

    /// With a status fault, send `Retry-After: value` as given (an HTTP
    /// date, or something malformed on purpose).
    #[must_use]
    pub fn retry_after_value(mut self, value: impl Into<String>) -> Self {
        if let Kind::Status { retry_after, .. } = &mut self.kind {
            *retry_after = Some(value.into());
        }
        self
    }

    /// With a status fault, answer this body instead of the default one.
    #[must_use]
    pub fn body(mut self, body: impl Into<String>) -> Self {
        if let Kind::Status { body: slot, .. } = &mut self.kind {
            *slot = Some(body.into());
        }
        self
    }

    /// Act on the request at once and answer `delay` later: a slow answer.
    /// A client that gives up in the meantime has still had its request
    /// applied, as with a real server.
    pub fn delay(delay: Duration) -> Self {
        Fault {
            kind: Kind::Delay(delay),
        }
    }

    /// Close the connection before acting: the request is not applied and
    /// no answer comes.
    pub fn drop_before_apply() -> Self {
        Fault {
            kind: Kind::DropBeforeApply,
        }
    }

    /// Act on the request (its state change happens), then close the
    /// connection without an answer: the client cannot know it succeeded.
    pub fn drop_after_apply() -> Self {
        Fault {
            kind: Kind::DropAfterApply,
        }
    }

    pub(crate) fn kind(&self) -> &Kind {
        &self.kind
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Status {
                status,
                retry_after,
                ..
            } => {
                write!(f, "status {status}")?;
                if let Some(after) = retry_after {
                    write!(f, " (Retry-After: {after})")?;
                }
                Ok(())
            }
            Kind::Delay(delay) => write!(f, "delay {delay:?}"),
            Kind::DropBeforeApply => f.write_str("drop the connection before applying"),
            Kind::DropAfterApply => f.write_str("drop the connection after applying"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    /// `*` or `{name}`: any one segment.
    One,
    /// `**`: any number of segments (the rest of the path).
    Rest,
}

/// A fault and the requests it applies to: a method (or any), a path
/// pattern, and how many times.
///
/// Path patterns are matched against the raw path (without the query),
/// segment by segment: `*` or `{name}` matches one segment, a final `**`
/// any rest, anything else itself. An endpoint's own template therefore
/// works as a pattern, and [`on_endpoint`](Self::on_endpoint) uses it.
///
/// ```
/// use agora_api::cloud_recording::Acquire;
/// use agora_mock::{Fault, FaultRule};
///
/// // The next two acquires answer 503.
/// let rule = FaultRule::new(Fault::status(503)).on_endpoint::<Acquire>().times(2);
/// assert_eq!(rule.to_string(), "POST /v1/apps/{appid}/cloud_recording/acquire: status 503, 2 times");
///
/// // The same from the command line's syntax.
/// let parsed: FaultRule = "POST /v1/apps/*/cloud_recording/acquire 503 times=2".parse()?;
/// assert!(parsed.matches("POST", "/v1/apps/0123456789abcdef0123456789abcdef/cloud_recording/acquire"));
/// # Ok::<(), agora_mock::FaultSpecError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    method: Option<String>,
    pattern: Vec<Segment>,
    pattern_text: String,
    remaining: Option<u32>,
    fault: Fault,
}

impl FaultRule {
    /// `fault` for the next request, whatever it is.
    pub fn new(fault: Fault) -> Self {
        FaultRule {
            method: None,
            pattern: vec![Segment::Rest],
            pattern_text: "/**".to_owned(),
            remaining: Some(1),
            fault,
        }
    }

    /// Only requests with `method` (`*` for any) and a path matching
    /// `pattern`.
    #[must_use]
    pub fn on(mut self, method: &str, pattern: &str) -> Self {
        self.method = (method != "*").then(|| method.to_ascii_uppercase());
        self.pattern = parse_pattern(pattern);
        self.pattern_text = pattern.to_owned();
        self
    }

    /// Only requests to endpoint `E` (its method and path template).
    #[must_use]
    pub fn on_endpoint<E: Endpoint>(self) -> Self {
        self.on(E::METHOD.as_str(), E::PATH)
    }

    /// Fires on the next `times` matching requests (default 1; 0 never).
    #[must_use]
    pub fn times(mut self, times: u32) -> Self {
        self.remaining = Some(times);
        self
    }

    /// Fires on every matching request until the faults are cleared.
    #[must_use]
    pub fn always(mut self) -> Self {
        self.remaining = None;
        self
    }

    /// The fault.
    pub fn fault(&self) -> &Fault {
        &self.fault
    }

    /// Whether a request with `method` to `path` (no query) matches.
    pub fn matches(&self, method: &str, path: &str) -> bool {
        if self
            .method
            .as_deref()
            .is_some_and(|wanted| !wanted.eq_ignore_ascii_case(method))
        {
            return false;
        }
        let path = path.split('?').next().unwrap_or_default();
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let mut index = 0;
        for segment in &self.pattern {
            match segment {
                Segment::Rest => return true,
                Segment::One => {
                    if segments.get(index).is_none_or(|s| s.is_empty()) {
                        return false;
                    }
                }
                Segment::Literal(text) => {
                    if segments.get(index) != Some(&text.as_str()) {
                        return false;
                    }
                }
            }
            index += 1;
        }
        index == segments.len()
    }

    /// Uses the rule once if it applies to the request; `Some(fault)` when
    /// it fired.
    pub(crate) fn take(&mut self, method: &str, path: &str) -> Option<Fault> {
        if self.remaining == Some(0) || !self.matches(method, path) {
            return None;
        }
        if let Some(remaining) = &mut self.remaining {
            *remaining -= 1;
        }
        Some(self.fault.clone())
    }

    /// Whether the rule has no uses left.
    pub(crate) fn used_up(&self) -> bool {
        self.remaining == Some(0)
    }

    /// Parses the command line's syntax:
    /// `METHOD PATH ACTION [times=N | always] [retry-after=SECONDS]`.
    ///
    /// `METHOD` is `GET`, `POST`, ... or `*`; `PATH` a pattern as above;
    /// `ACTION` one of a status (`503`, or `status=503`), `delay=500ms` /
    /// `delay=2s`, `drop-before`, `drop-after`.
    ///
    /// ```
    /// use agora_mock::FaultRule;
    /// let rule = FaultRule::parse("* /dev/v1/** drop-after always")?;
    /// assert!(rule.matches("DELETE", "/dev/v1/kicking-rule"));
    /// assert!(FaultRule::parse("POST /x teapot").is_err());
    /// # Ok::<(), agora_mock::FaultSpecError>(())
    /// ```
    pub fn parse(spec: &str) -> Result<Self, FaultSpecError> {
        let error = |why: String| FaultSpecError {
            spec: spec.to_owned(),
            why,
        };
        let mut tokens = spec.split_whitespace();
        let method = tokens
            .next()
            .ok_or_else(|| error("empty: expected METHOD PATH ACTION".to_owned()))?;
        if method != "*" && !method.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(error(format!("{method:?} is not an HTTP method or *")));
        }
        let path = tokens
            .next()
            .ok_or_else(|| error("missing PATH after the method".to_owned()))?;
        if !path.starts_with('/') {
            return Err(error(format!("the path {path:?} must start with /")));
        }
        let action = tokens.next().ok_or_else(|| {
            error("missing ACTION (a status, delay=..., drop-before or drop-after)".to_owned())
        })?;
        let mut fault = parse_action(action).map_err(&error)?;
        let mut rule_times = Some(1);
        for option in tokens {
            match option.split_once('=') {
                Some(("times", n)) => {
                    rule_times = Some(
                        n.parse()
                            .map_err(|_| error(format!("times={n} is not a whole number")))?,
                    );
                }
                Some(("retry-after", secs)) => {
                    let secs: u64 = secs
                        .parse()
                        .map_err(|_| error(format!("retry-after={secs} is not whole seconds")))?;
                    if !matches!(fault.kind, Kind::Status { .. }) {
                        return Err(error("retry-after applies only to a status".to_owned()));
                    }
                    fault = fault.retry_after(Duration::from_secs(secs));
                }
                None if option == "always" => rule_times = None,
                _ => return Err(error(format!("unknown option {option:?}"))),
            }
        }
        let mut rule = FaultRule::new(fault).on(method, path);
        rule.remaining = rule_times;
        Ok(rule)
    }
}

fn parse_pattern(pattern: &str) -> Vec<Segment> {
    pattern
        .trim_start_matches('/')
        .split('/')
        .map(|segment| match segment {
            "**" => Segment::Rest,
            "*" => Segment::One,
            s if s.starts_with('{') && s.ends_with('}') => Segment::One,
            s => Segment::Literal(s.to_owned()),
        })
        .collect()
}

fn parse_action(action: &str) -> Result<Fault, String> {
    match action {
        "drop-before" => return Ok(Fault::drop_before_apply()),
        "drop-after" => return Ok(Fault::drop_after_apply()),
        _ => {}
    }
    if let Some(delay) = action.strip_prefix("delay=") {
        return parse_duration(delay).map(Fault::delay);
    }
    let status = action.strip_prefix("status=").unwrap_or(action);
    match status.parse::<u16>() {
        Ok(code) if (100..=599).contains(&code) => Ok(Fault::status(code)),
        _ => Err(format!(
            "{action:?} is not an action: use a status (100 to 599), delay=500ms, drop-before or drop-after"
        )),
    }
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    let bad = || format!("delay={text} is not a duration such as 250ms or 2s");
    if let Some(millis) = text.strip_suffix("ms") {
        return millis.parse().map(Duration::from_millis).map_err(|_| bad());
    }
    if let Some(secs) = text.strip_suffix('s') {
        return secs.parse().map(Duration::from_secs).map_err(|_| bad());
    }
    Err(bad())
}

impl FromStr for FaultRule {
    type Err = FaultSpecError;
    fn from_str(spec: &str) -> Result<Self, FaultSpecError> {
        FaultRule::parse(spec)
    }
}

impl fmt::Display for FaultRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {}, ",
            self.method.as_deref().unwrap_or("*"),
            self.pattern_text,
            self.fault
        )?;
        match self.remaining {
            Some(1) => f.write_str("once"),
            Some(n) => write!(f, "{n} times"),
            None => f.write_str("always"),
        }
    }
}

/// A fault specification that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultSpecError {
    spec: String,
    why: String,
}

impl fmt::Display for FaultSpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid fault {:?}: {}", self.spec, self.why)
    }
}

impl std::error::Error for FaultSpecError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_segments() {
        let rule = FaultRule::new(Fault::status(500)).on("get", "/dev/v1/channel/{appid}");
        assert!(rule.matches("GET", "/dev/v1/channel/abc?page_no=1"));
        assert!(!rule.matches("GET", "/dev/v1/channel/abc/def"));
        assert!(!rule.matches("POST", "/dev/v1/channel/abc"));
        assert!(!rule.matches("GET", "/dev/v1/channel/"));
        let any = FaultRule::new(Fault::status(500));
        assert!(any.matches("PUT", "/anything/at/all"));
    }

    #[test]
    fn a_rule_fires_as_many_times_as_asked() {
        let mut rule = FaultRule::new(Fault::drop_after_apply()).times(2);
        assert!(rule.take("GET", "/a").is_some());
        assert!(rule.take("GET", "/a").is_some());
        assert!(rule.take("GET", "/a").is_none());
        assert!(rule.used_up());
        let mut always = FaultRule::new(Fault::status(503)).always();
        for _ in 0..5 {
            assert!(always.take("GET", "/a").is_some());
        }
    }

    #[test]
    fn the_command_line_syntax_reads_every_action() {
        let delay = FaultRule::parse("GET /v1/ncs/ip delay=250ms times=3").expect("valid");
        assert_eq!(delay.fault, Fault::delay(Duration::from_millis(250)));
        assert_eq!(delay.remaining, Some(3));
        let status = FaultRule::parse("* /** status=429 retry-after=7").expect("valid");
        assert_eq!(status.fault.to_string(), "status 429 (Retry-After: 7)");
        assert_eq!(
            FaultRule::parse("POST /a drop-before")
                .expect("valid")
                .fault,
            Fault::drop_before_apply()
        );
        for bad in [
            "",
            "POST",
            "POST a 503",
            "POST /a",
            "POST /a 999",
            "POST /a delay=5",
            "POST /a drop-after retry-after=1",
            "POST /a 503 times=x",
            "P0ST /a 503",
        ] {
            assert!(FaultRule::parse(bad).is_err(), "{bad:?}");
        }
    }
}
