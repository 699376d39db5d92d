//! HMAC-SHA256 request signatures (Media Broadcast, Media Gateway), as
//! Agora documents them: a `date` header in RFC 1123 GMT, `digest:
//! SHA-256=<base64(sha256(body))>` over the exact bytes sent, and
//! `authorization: hmac username="<Customer ID>", algorithm="hmac-sha256",
//! headers="host date request-line digest", signature="<base64(HMAC)>"`
//! over the signing string
//!
//! ```text
//! host: {host}\ndate: {date}\n{METHOD} {path?query} HTTP/1.1\ndigest: {digest}
//! ```
//!
//! Computed for each attempt: the host and the date change on failover,
//! and so does the signature.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue};

use crate::auth::Secret;
use crate::authorize::{AuthContext, Authorizer};
use crate::error::{Error, InvalidInput};

/// HMAC-SHA256 credentials: a Customer ID and Customer Secret from Agora
/// Console (Developer Toolkit › RESTful API). The secret is kept as a
/// signing key and never printed.
///
/// ```
/// use agora_api::{HmacAuth, reqwest};
///
/// let hmac = HmacAuth::new("hmac_user_name", "hmac_user_secret")?;
/// assert_eq!(hmac.customer_id(), "hmac_user_name");
/// assert!(!format!("{hmac:?}").contains("hmac_user_secret"));
///
/// let url = "https://api.agora.io/v1/projects/x/fls/domains".parse()?;
/// let request = reqwest::Request::new(reqwest::Method::GET, url);
/// let signature = hmac.signature(&request, "Tue, 14 Nov 2023 22:13:20 GMT");
/// assert_eq!(signature.len(), 44, "base64 of 32 bytes");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct HmacAuth {
    customer_id: Box<str>,
    key: ring::hmac::Key,
}

impl HmacAuth {
    /// Checks the credentials: neither part empty, and the ID free of `"`
    /// and control characters (it is quoted in the header).
    pub fn new(
        customer_id: impl Into<String>,
        customer_secret: impl Into<Secret>,
    ) -> Result<Self, InvalidInput> {
        let customer_id = customer_id.into();
        let customer_secret = customer_secret.into();
        if customer_id.is_empty() {
            return Err(InvalidInput::new("customer_id", "must not be empty"));
        }
        if customer_id
            .chars()
            .any(|c| c == '"' || c == '\\' || c.is_control())
        {
            return Err(InvalidInput::new(
                "customer_id",
                "must not contain quotes, backslashes or control characters",
            ));
        }
        if customer_secret.expose().is_empty() {
            return Err(InvalidInput::new("customer_secret", "must not be empty"));
        }
        Ok(HmacAuth {
            customer_id: customer_id.into_boxed_str(),
            key: ring::hmac::Key::new(ring::hmac::HMAC_SHA256, customer_secret.expose().as_bytes()),
        })
    }

    /// The Customer ID (not a secret).
    pub fn customer_id(&self) -> &str {
        &self.customer_id
    }

    /// The signature of `request` at `date` (an RFC 1123 GMT date, as sent
    /// in its `date` header): base64 of HMAC-SHA256 over the signing
    /// string of its host, date, request line and body digest.
    pub fn signature(&self, request: &reqwest::Request, date: &str) -> String {
        let signing = signing_string(request, date, &body_digest(request));
        let tag = ring::hmac::sign(&self.key, signing.as_bytes());
        base64::engine::general_purpose::STANDARD.encode(tag.as_ref())
    }
}

impl fmt::Debug for HmacAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HmacAuth")
            .field("customer_id", &self.customer_id)
            .field("customer_secret", &format_args!("<redacted>"))
            .finish()
    }
}

impl Authorizer for HmacAuth {
    fn authorize(
        &self,
        request: &mut reqwest::Request,
        context: &AuthContext<'_>,
    ) -> Result<(), Error> {
        let date = rfc1123(context.now()).ok_or_else(|| {
            Error::Config("the system clock is outside the range an HTTP date can say".into())
        })?;
        let digest = body_digest(request);
        let signature = self.signature(request, &date);
        let mut authorization = HeaderValue::try_from(format!(
            "hmac username=\"{}\", algorithm=\"hmac-sha256\", headers=\"host date request-line digest\", signature=\"{signature}\"",
            self.customer_id
        ))
        .map_err(|_| InvalidInput::new("customer_id", "must be visible ASCII text"))?;
        authorization.set_sensitive(true);
        let headers = request.headers_mut();
        // Date and digest are all ASCII by construction.
        if let Ok(date) = HeaderValue::try_from(date) {
            headers.insert(HeaderName::from_static("date"), date);
        }
        if let Ok(digest) = HeaderValue::try_from(digest) {
            headers.insert(HeaderName::from_static("digest"), digest);
        }
        headers.insert(AUTHORIZATION, authorization);
        Ok(())
    }
}

/// `SHA-256=<base64(sha256(body))>` of the request's body bytes (empty
/// when it has none).
pub(crate) fn body_digest(request: &reqwest::Request) -> String {
    let body = request
        .body()
        .and_then(reqwest::Body::as_bytes)
        .unwrap_or_default();
    let hash = ring::digest::digest(&ring::digest::SHA256, body);
    format!(
        "SHA-256={}",
        base64::engine::general_purpose::STANDARD.encode(hash.as_ref())
    )
}

/// The string Agora's HMAC scheme signs. The host is the one the request
/// goes to, with its port when it is not the scheme's default (what the
/// `Host` header says); the request line carries the query, as an HTTP
/// request line does.
pub(crate) fn signing_string(request: &reqwest::Request, date: &str, digest: &str) -> String {
    let url = request.url();
    let host = match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        (None, _) => String::new(),
    };
    let query = url
        .query()
        .map(|query| format!("?{query}"))
        .unwrap_or_default();
    format!(
        "host: {host}\ndate: {date}\n{} {}{query} HTTP/1.1\ndigest: {digest}",
        request.method(),
        url.path()
    )
}

/// `time` as an RFC 1123 date in GMT, `Tue, 14 Nov 2023 22:13:20 GMT`;
/// `None` before 1970 or past year 9999.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
///
/// let time = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// assert_eq!(agora_api::http_date(time).as_deref(), Some("Tue, 14 Nov 2023 22:13:20 GMT"));
/// ```
pub fn http_date(time: SystemTime) -> Option<String> {
    rfc1123(time)
}

fn rfc1123(time: SystemTime) -> Option<String> {
    const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let secs = time.duration_since(UNIX_EPOCH).ok()?.as_secs();
    let days = secs / 86_400;
    let of_day = secs % 86_400;
    let (year, month, day) = civil_date(days)?;
    if year > 9999 {
        return None;
    }
    // 1970-01-01 was a Thursday.
    let weekday = WEEKDAYS[usize::try_from(days.checked_add(4)? % 7).ok()?];
    let month = MONTHS[usize::try_from(month.checked_sub(1)?).ok()?];
    Some(format!(
        "{weekday}, {day:02} {month} {year} {:02}:{:02}:{:02} GMT",
        of_day / 3_600,
        of_day % 3_600 / 60,
        of_day % 60
    ))
}

/// The proleptic Gregorian date (year, month 1–12, day 1–31) of `days`
/// since 1970-01-01, counted in 400-year eras of 146 097 days from
/// 0000-03-01 (so that the leap day ends each year).
fn civil_date(days: u64) -> Option<(u64, u64, u64)> {
    let shifted = days.checked_add(719_468)?;
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = era.checked_mul(400)?.checked_add(year_of_era)? + u64::from(month <= 2);
    Some((year, month, day))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at(secs: u64) -> Option<String> {
        rfc1123(UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn dates_are_rfc_1123_in_gmt() {
        assert_eq!(at(0).as_deref(), Some("Thu, 01 Jan 1970 00:00:00 GMT"));
        assert_eq!(
            at(951_782_400).as_deref(),
            Some("Tue, 29 Feb 2000 00:00:00 GMT")
        );
        assert_eq!(
            at(1_701_212_400).as_deref(),
            Some("Tue, 28 Nov 2023 23:00:00 GMT")
        );
        assert_eq!(
            at(4_107_542_399).as_deref(),
            Some("Sun, 28 Feb 2100 23:59:59 GMT")
        );
        assert_eq!(
            at(4_107_542_400).as_deref(),
            Some("Mon, 01 Mar 2100 00:00:00 GMT")
        );
        assert_eq!(at(253_402_300_800), None, "year 10000");
    }

    #[test]
    fn the_signing_string_names_host_port_date_request_line_and_digest() {
        let url = "http://127.0.0.1:8080/v1/projects/a/fls/domains?id=x"
            .parse()
            .expect("a URL");
        let mut request = reqwest::Request::new(reqwest::Method::POST, url);
        *request.body_mut() = Some(b"{}".to_vec().into());
        let digest = body_digest(&request);
        assert_eq!(
            digest,
            "SHA-256=RBNvo1WzZ4oRRq0W9+hknpT7T8If536DEMBg9hyq/4o="
        );
        assert_eq!(
            signing_string(&request, "D", &digest),
            format!(
                "host: 127.0.0.1:8080\ndate: D\nPOST /v1/projects/a/fls/domains?id=x HTTP/1.1\ndigest: {digest}"
            )
        );
    }

    #[test]
    fn an_empty_body_is_the_digest_of_nothing() {
        let url = "https://api.agora.io/x".parse().expect("a URL");
        let request = reqwest::Request::new(reqwest::Method::GET, url);
        assert_eq!(
            body_digest(&request),
            "SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }
}
