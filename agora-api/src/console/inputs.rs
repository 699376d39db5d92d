//! Validated inputs of the Console API: project IDs and names, the
//! recording server address, and usage dates. Each checks Agora's
//! documented rule when it is made, so a bad value fails before any I/O.

use std::fmt;
use std::net::SocketAddr;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::InvalidInput;
use crate::values::validated_string;

validated_string! {
    /// A project ID, as [`ListProjects`](super::ListProjects) returns it in
    /// `id`. Not the App ID (that is the project's `vendor_key`).
    ///
    /// Agora documents no format beyond "required", so the only rule
    /// checked is that it is not empty.
    ///
    /// ```
    /// use agora_api::console::ProjectId;
    /// let id = ProjectId::new("7sdnf3xRH")?;
    /// assert_eq!(id.as_str(), "7sdnf3xRH");
    /// assert_eq!(
    ///     ProjectId::new("").unwrap_err().to_string(),
    ///     "invalid `id`: must not be empty"
    /// );
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    ProjectId, field = "id", check = check_project_id
}

fn check_project_id(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    Ok(())
}

validated_string! {
    /// A project name: 1 to 255 characters (Unicode characters, not bytes).
    ///
    /// ```
    /// use agora_api::console::ProjectName;
    /// assert!(ProjectName::new("project1").is_ok());
    /// assert!(ProjectName::new("项目".repeat(127)).is_ok());
    /// assert_eq!(
    ///     ProjectName::new("x".repeat(256)).unwrap_err().to_string(),
    ///     "invalid `name`: must be 1 to 255 characters (got 256)"
    /// );
    /// ```
    ProjectName, field = "name", check = check_project_name
}

fn check_project_name(value: &str) -> Result<(), String> {
    let count = value.chars().count();
    if !(1..=255).contains(&count) {
        return Err(format!("must be 1 to 255 characters (got {count})"));
    }
    Ok(())
}

/// The address of a project's recording server, `ip:port` (for example
/// `10.12.1.5:8080`; an IPv6 address goes in brackets, `[2001:db8::5]:8080`).
///
/// Only the legacy Agora On-Premise Recording SDK v1.9.0 and earlier uses
/// it. The IP must be a literal address (no host name) and the port 1 to
/// 65535.
///
/// ```
/// use agora_api::console::RecordingServer;
/// let server: RecordingServer = "10.12.1.5:8080".parse()?;
/// assert_eq!(server.to_string(), "10.12.1.5:8080");
/// assert_eq!(server.addr().port(), 8080);
/// assert_eq!(
///     RecordingServer::new("10.12.1.5").unwrap_err().rule(),
///     "must be an IP address and a port, `ip:port` (for example 10.12.1.5:8080)"
/// );
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct RecordingServer(SocketAddr);

impl RecordingServer {
    /// Parses and checks `ip:port`.
    pub fn new(value: &str) -> Result<Self, InvalidInput> {
        let addr: SocketAddr = value.parse().map_err(|_| {
            InvalidInput::new(
                "recording_server",
                "must be an IP address and a port, `ip:port` (for example 10.12.1.5:8080)",
            )
        })?;
        RecordingServer::from_addr(addr)
    }

    /// Checks an address: the port must not be 0.
    pub fn from_addr(addr: SocketAddr) -> Result<Self, InvalidInput> {
        if addr.port() == 0 {
            return Err(InvalidInput::new(
                "recording_server",
                "must have a port from 1 to 65535 (got 0)",
            ));
        }
        Ok(RecordingServer(addr))
    }

    /// The address.
    pub fn addr(self) -> SocketAddr {
        self.0
    }
}

impl fmt::Display for RecordingServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for RecordingServer {
    type Err = InvalidInput;
    fn from_str(value: &str) -> Result<Self, InvalidInput> {
        RecordingServer::new(value)
    }
}

impl TryFrom<SocketAddr> for RecordingServer {
    type Error = InvalidInput;
    fn try_from(addr: SocketAddr) -> Result<Self, InvalidInput> {
        RecordingServer::from_addr(addr)
    }
}

impl Serialize for RecordingServer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for RecordingServer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        RecordingServer::new(&text).map_err(serde::de::Error::custom)
    }
}

/// A calendar date (UTC) of a usage query, written `YYYY-MM-DD`.
///
/// Made from text or from year, month and day; either way it must be a
/// real date (`2021-02-29` is not, `2020-02-29` is). Dates order
/// chronologically.
///
/// ```
/// use agora_api::console::UsageDate;
/// let from: UsageDate = "2021-10-12".parse()?;
/// let to = UsageDate::from_ymd(2021, 12, 14)?;
/// assert!(from < to);
/// assert_eq!(to.to_string(), "2021-12-14");
/// assert_eq!(
///     UsageDate::new("2021-02-29").unwrap_err().rule(),
///     "must be a real date: 2021-02 has 28 days (got day 29)"
/// );
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UsageDate {
    // Field order makes the derived ordering chronological.
    year: u16,
    month: u8,
    day: u8,
}

const DATE_FORMAT: &str = "must be a date written YYYY-MM-DD (for example 2021-10-12)";

impl UsageDate {
    /// Parses and checks `YYYY-MM-DD`.
    pub fn new(value: &str) -> Result<Self, InvalidInput> {
        let bad = || InvalidInput::new("date", DATE_FORMAT);
        let bytes = value.as_bytes();
        if !value.is_ascii() || bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(bad());
        }
        let number = |range: std::ops::Range<usize>| -> Result<u16, InvalidInput> {
            let part = &value[range];
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse().map_err(|_| bad())
        };
        let year = number(0..4)?;
        let month = number(5..7)?;
        let day = number(8..10)?;
        // Both fit in a u8: two digits.
        UsageDate::from_ymd(year, month as u8, day as u8)
    }

    /// Checks a year (1 to 9999), month (1 to 12) and day of that month.
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Result<Self, InvalidInput> {
        if !(1..=9999).contains(&year) {
            return Err(InvalidInput::new(
                "date",
                format!("must have a year from 1 to 9999 (got {year})"),
            ));
        }
        if !(1..=12).contains(&month) {
            return Err(InvalidInput::new(
                "date",
                format!("must have a month from 1 to 12 (got {month})"),
            ));
        }
        let days = days_in_month(year, month);
        if !(1..=days).contains(&day) {
            return Err(InvalidInput::new(
                "date",
                format!(
                    "must be a real date: {year:04}-{month:02} has {days} days (got day {day})"
                ),
            ));
        }
        Ok(UsageDate { year, month, day })
    }

    /// The UTC date of a Unix time in seconds, or `None` outside years 1
    /// to 9999.
    ///
    /// ```
    /// use agora_api::console::UsageDate;
    /// let date = UsageDate::from_unix_seconds(1_634_083_200).expect("a date");
    /// assert_eq!(date.to_string(), "2021-10-13");
    /// ```
    pub fn from_unix_seconds(seconds: i64) -> Option<Self> {
        let days = seconds.div_euclid(86_400);
        let (year, month, day) = civil_from_days(days)?;
        UsageDate::from_ymd(year, month, day).ok()
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }
}

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Year, month and day of the proleptic Gregorian calendar for a count of
/// days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> Option<(u16, u8, u8)> {
    let z = days.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some((
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    ))
}

impl fmt::Display for UsageDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for UsageDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UsageDate({self})")
    }
}

impl FromStr for UsageDate {
    type Err = InvalidInput;
    fn from_str(value: &str) -> Result<Self, InvalidInput> {
        UsageDate::new(value)
    }
}

impl TryFrom<&str> for UsageDate {
    type Error = InvalidInput;
    fn try_from(value: &str) -> Result<Self, InvalidInput> {
        UsageDate::new(value)
    }
}

impl Serialize for UsageDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for UsageDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        UsageDate::new(&text).map_err(serde::de::Error::custom)
    }
}

/// The project IDs a legacy usage query is limited to, sent as one
/// comma-separated `projects` parameter: at least one, and none may
/// contain a comma (it could not be told apart from the separator).
///
/// ```
/// use agora_api::console::{ProjectId, ProjectIds};
/// let ids = ProjectIds::new([ProjectId::new("id1")?, ProjectId::new("id2")?])?;
/// assert_eq!(ids.to_string(), "id1,id2");
/// assert!(ProjectIds::new([]).is_err());
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct ProjectIds(Vec<ProjectId>);

impl ProjectIds {
    /// Checks the list: not empty, no comma inside an ID.
    pub fn new(ids: impl IntoIterator<Item = ProjectId>) -> Result<Self, InvalidInput> {
        let ids: Vec<ProjectId> = ids.into_iter().collect();
        if ids.is_empty() {
            return Err(InvalidInput::new(
                "projects",
                "must list at least one project ID (leave it out to query every project)",
            ));
        }
        if ids.iter().any(|id| id.as_str().contains(',')) {
            return Err(InvalidInput::new(
                "projects",
                "must not hold a project ID containing a comma (the list separator)",
            ));
        }
        Ok(ProjectIds(ids))
    }

    /// The IDs.
    pub fn ids(&self) -> &[ProjectId] {
        &self.0
    }
}

/// Sent with literal commas (`projects=id1,id2`), as Agora documents it.
impl crate::endpoint::CommaSeparated for ProjectIds {
    fn items(&self) -> impl Iterator<Item = impl fmt::Display + '_> + '_ {
        self.0.iter().map(ProjectId::as_str)
    }
}

impl fmt::Display for ProjectIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, id) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(id.as_str())?;
        }
        Ok(())
    }
}

impl FromStr for ProjectIds {
    type Err = InvalidInput;
    /// Parses `id1,id2`.
    fn from_str(value: &str) -> Result<Self, InvalidInput> {
        let ids = value
            .split(',')
            .map(|id| ProjectId::new(id).map_err(|e| e.for_field("projects")))
            .collect::<Result<Vec<_>, _>>()?;
        ProjectIds::new(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_dates_must_be_real() {
        assert!(UsageDate::new("2020-02-29").is_ok());
        assert!(UsageDate::new("2000-02-29").is_ok());
        assert!(UsageDate::new("1900-02-29").is_err());
        assert!(UsageDate::new("2021-04-31").is_err());
        assert!(UsageDate::new("2021-00-10").is_err());
        assert!(UsageDate::new("0000-01-01").is_err());
        for bad in [
            "2021-1-01",
            "20211012",
            "2021/10/12",
            "2021-10-1x",
            "+021-10-12",
            "",
        ] {
            let error = UsageDate::new(bad).expect_err(bad);
            assert_eq!(error.rule(), DATE_FORMAT, "{bad}");
        }
    }

    #[test]
    fn unix_seconds_map_to_utc_dates() {
        assert_eq!(
            UsageDate::from_unix_seconds(0).map(|d| d.to_string()),
            Some("1970-01-01".to_owned())
        );
        assert_eq!(
            UsageDate::from_unix_seconds(1_634_083_199).map(|d| d.to_string()),
            Some("2021-10-12".to_owned())
        );
        assert_eq!(
            UsageDate::from_unix_seconds(951_782_400).map(|d| d.to_string()),
            Some("2000-02-29".to_owned())
        );
        assert_eq!(
            UsageDate::from_unix_seconds(-1).map(|d| d.to_string()),
            Some("1969-12-31".to_owned())
        );
        assert_eq!(UsageDate::from_unix_seconds(i64::MAX), None);
        assert_eq!(UsageDate::from_unix_seconds(i64::MIN), None);
    }

    #[test]
    fn recording_server_needs_ip_and_port() {
        assert!(RecordingServer::new("[2001:db8::5]:8080").is_ok());
        for bad in [
            "10.12.1.5",
            "recorder.example.com:8080",
            "300.1.1.1:80",
            "10.12.1.5:65536",
            ":80",
        ] {
            assert!(RecordingServer::new(bad).is_err(), "{bad}");
        }
        assert_eq!(
            RecordingServer::new("10.12.1.5:0")
                .expect_err("port 0")
                .rule(),
            "must have a port from 1 to 65535 (got 0)"
        );
    }
}
