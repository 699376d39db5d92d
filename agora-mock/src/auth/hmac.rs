//! HMAC-SHA256 request signatures, checked as Agora's gateway checks them
//! (Media Broadcast, Media Gateway): `authorization: hmac username="...",
//! algorithm="hmac-sha256", headers="host date request-line digest",
//! signature="..."`, a `date` within five minutes of the server's clock,
//! and a `digest` that is the SHA-256 of the body received.
//!
//! Agora does not document the refusals. Its gateway's Basic-auth
//! messages are those of Kong's plugins, so the HMAC ones are taken from
//! Kong's `hmac-auth` plugin too: `401 {"message": "HMAC signature cannot
//! be verified"}` for a wrong signature or user, the same with ", a valid
//! date or x-date header is required for HMAC Authentication" for a
//! missing or skewed date, and `"HMAC signature does not match"` for a
//! body whose digest is not the one signed.

use std::time::SystemTime;

use base64::Engine as _;
use hyper::HeaderMap;

use crate::clock::unix_secs;

/// How far a request's `date` may be from the server's clock.
pub(crate) const CLOCK_SKEW_SECS: u64 = 300;

/// The parameters of an `Authorization: hmac ...` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claim {
    username: String,
    algorithm: String,
    /// The signed headers, in order (`request-line` is the request line).
    headers: Vec<String>,
    /// The Base64 signature.
    signature: String,
}

impl Claim {
    /// Reads `username="..", algorithm="..", headers="..", signature=".."`
    /// (any order); `None` when a parameter is missing, repeated or not
    /// quoted.
    pub(crate) fn parse(text: &str) -> Option<Claim> {
        let (mut username, mut algorithm, mut headers, mut signature) = (None, None, None, None);
        let mut rest = text.trim();
        while !rest.is_empty() {
            let (name, after) = rest.split_once('=')?;
            let after = after.strip_prefix('"')?;
            let (value, after) = after.split_once('"')?;
            let slot = match name.trim().to_ascii_lowercase().as_str() {
                "username" => &mut username,
                "algorithm" => &mut algorithm,
                "headers" => &mut headers,
                "signature" => &mut signature,
                _ => return None,
            };
            if slot.replace(value.to_owned()).is_some() {
                return None;
            }
            rest = after.trim_start();
            rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
        }
        Some(Claim {
            username: username?,
            algorithm: algorithm?,
            headers: headers?
                .split_ascii_whitespace()
                .map(str::to_ascii_lowercase)
                .collect(),
            signature: signature?,
        })
    }
}

/// What the signature covers, as received.
#[derive(Debug)]
pub(crate) struct Signed<'a> {
    pub(crate) method: &'a str,
    /// The raw path, without the query.
    pub(crate) path: &'a str,
    pub(crate) query: Option<&'a str>,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: &'a [u8],
}

/// Why a signature is refused: the gateway's `401` message.
pub(crate) const UNVERIFIED: &str = "HMAC signature cannot be verified";
/// A missing, unreadable or skewed `date`.
pub(crate) const BAD_DATE: &str = "HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication";
/// A body whose digest is not the signed one.
pub(crate) const BODY_MISMATCH: &str = "HMAC signature does not match";

/// Checks `claim` against the request with the account's credentials at
/// `now`.
pub(crate) fn verify(
    claim: &Claim,
    request: &Signed<'_>,
    customer_id: &str,
    customer_secret: &str,
    now: SystemTime,
) -> Result<(), &'static str> {
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .and_then(|value| value.to_str().ok())
    };
    let date = header("date")
        .or_else(|| header("x-date"))
        .and_then(parse_http_date)
        .ok_or(BAD_DATE)?;
    if date.abs_diff(unix_secs(now)) > CLOCK_SKEW_SECS {
        return Err(BAD_DATE);
    }
    if !claim.algorithm.eq_ignore_ascii_case("hmac-sha256") {
        return Err(UNVERIFIED);
    }
    // Agora's recipe signs these four; a signature over fewer would let a
    // body or a path be swapped.
    for required in ["host", "date", "request-line", "digest"] {
        if !claim.headers.iter().any(|name| name == required) {
            return Err(UNVERIFIED);
        }
    }
    let mut signing = String::new();
    for (index, name) in claim.headers.iter().enumerate() {
        if index > 0 {
            signing.push('\n');
        }
        if name == "request-line" {
            signing.push_str(request.method);
            signing.push(' ');
            signing.push_str(request.path);
            if let Some(query) = request.query {
                signing.push('?');
                signing.push_str(query);
            }
            signing.push_str(" HTTP/1.1");
        } else {
            let value = header(name).ok_or(UNVERIFIED)?;
            signing.push_str(name);
            signing.push_str(": ");
            signing.push_str(value);
        }
    }
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, customer_secret.as_bytes());
    let presented = base64::engine::general_purpose::STANDARD
        .decode(&claim.signature)
        .map_err(|_| UNVERIFIED)?;
    // Both checks always run.
    let user_ok = super::same(&claim.username, customer_id);
    let signature_ok = ring::hmac::verify(&key, signing.as_bytes(), &presented).is_ok();
    if !(user_ok && signature_ok) {
        return Err(UNVERIFIED);
    }
    let digest = ring::digest::digest(&ring::digest::SHA256, request.body);
    let expected = format!(
        "SHA-256={}",
        base64::engine::general_purpose::STANDARD.encode(digest.as_ref())
    );
    if header("digest") != Some(expected.as_str()) {
        return Err(BODY_MISMATCH);
    }
    Ok(())
}

/// Seconds since the Unix epoch of an RFC 1123 date in GMT (`Tue, 14 Nov
/// 2023 22:13:20 GMT`); `None` for anything else.
pub(crate) fn parse_http_date(text: &str) -> Option<u64> {
    let mut parts = text.split_ascii_whitespace();
    let _weekday = parts.next()?.strip_suffix(',')?;
    let day: u64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: u64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':');
    let (hour, minute, second): (u64, u64, u64) = (
        clock.next()?.parse().ok()?,
        clock.next()?.parse().ok()?,
        clock.next()?.parse().ok()?,
    );
    if parts.next()? != "GMT"
        || parts.next().is_some()
        || clock.next().is_some()
        || !(1970..=9999).contains(&year)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_since_epoch(year, month, day)?;
    days.checked_mul(86_400)?
        .checked_add(hour * 3600 + minute * 60 + second)
}

/// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
fn days_since_epoch(year: u64, month: u64, day: u64) -> Option<u64> {
    let (year, month) = if month <= 2 {
        (year.checked_sub(1)?, month + 9)
    } else {
        (year, month - 3)
    };
    let era = year / 400;
    let year_of_era = year % 400;
    let day_of_year = (153 * month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    (era * 146_097 + day_of_era).checked_sub(719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_agora_s_authorization_parameters() {
        let claim = Claim::parse(
            r#"username="hmac_user_name", algorithm="hmac-sha256", headers="host date request-line digest", signature="c2ln""#,
        )
        .expect("a claim");
        assert_eq!(claim.username, "hmac_user_name");
        assert_eq!(claim.headers, ["host", "date", "request-line", "digest"]);
        assert_eq!(Claim::parse(r#"username="a""#), None, "parameters missing");
        assert_eq!(
            Claim::parse(
                r#"username="a", username="b", algorithm="x", headers="h", signature="s""#
            ),
            None,
            "a repeated parameter"
        );
        assert_eq!(Claim::parse("username=a"), None, "unquoted");
    }

    #[test]
    fn reads_rfc_1123_dates() {
        assert_eq!(
            parse_http_date("Tue, 14 Nov 2023 22:13:20 GMT"),
            Some(1_700_000_000)
        );
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date("Thu, 29 Feb 2024 12:00:00 GMT"),
            Some(1_709_208_000)
        );
        for bad in [
            "",
            "Tue 14 Nov 2023 22:13:20 GMT",
            "Tue, 14 Nov 2023 22:13:20 UTC",
            "Tue, 14 Foo 2023 22:13:20 GMT",
            "Tue, 14 Nov 2023 25:13:20 GMT",
            "Tue, 14 Nov 2023 22:13 GMT",
            "Tue, 14 Nov 2023 22:13:20 GMT extra",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad:?}");
        }
    }

    /// A request signed by agora-api's own signer, as the emulator
    /// receives it (with the `host` header the connection adds).
    fn signed_by_the_client(body: &str, now: SystemTime) -> (HeaderMap, Vec<u8>) {
        use agora_api::{AuthContext, AuthScheme, Authorizer, HmacAuth, reqwest};
        let hmac = HmacAuth::new("hmac_user", "hmac_secret").expect("credentials");
        let url = "http://127.0.0.1:8080/v1/projects/p/rtmp-gateway/streams?page=2"
            .parse()
            .expect("a URL");
        let mut request = reqwest::Request::new(reqwest::Method::POST, url);
        *request.body_mut() = Some(body.to_owned().into());
        hmac.authorize(
            &mut request,
            &AuthContext::new("Streams", AuthScheme::HMAC).with_now(now),
        )
        .expect("signed");
        let mut headers = HeaderMap::new();
        for (name, value) in request.headers() {
            headers.insert(
                name.as_str()
                    .parse::<hyper::header::HeaderName>()
                    .expect("a name"),
                value.to_str().expect("ASCII").parse().expect("a value"),
            );
        }
        headers.insert("host", "127.0.0.1:8080".parse().expect("a value"));
        (headers, body.as_bytes().to_vec())
    }

    #[test]
    fn a_signature_made_by_the_client_verifies_and_any_change_is_refused() {
        let now = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        let (headers, sent_body) = signed_by_the_client(r#"{"name":"s1"}"#, now);
        let claim = Claim::parse(
            headers["authorization"]
                .to_str()
                .expect("ASCII")
                .strip_prefix("hmac ")
                .expect("an hmac header"),
        )
        .expect("a claim");
        let request = |body: &'static [u8], path: &'static str| Signed {
            method: "POST",
            path,
            query: Some("page=2"),
            headers: &headers,
            body,
        };
        let path = "/v1/projects/p/rtmp-gateway/streams";
        let body: &'static [u8] = br#"{"name":"s1"}"#;
        assert_eq!(sent_body, body);
        let check = |signed: &Signed<'_>, id: &str, secret: &str, at: SystemTime| {
            verify(&claim, signed, id, secret, at)
        };
        assert_eq!(
            check(&request(body, path), "hmac_user", "hmac_secret", now),
            Ok(())
        );
        assert_eq!(
            check(
                &request(body, "/v1/projects/q/rtmp-gateway/streams"),
                "hmac_user",
                "hmac_secret",
                now
            ),
            Err(UNVERIFIED),
            "another path"
        );
        assert_eq!(
            check(
                &request(br#"{"name":"s2"}"#, path),
                "hmac_user",
                "hmac_secret",
                now
            ),
            Err(BODY_MISMATCH),
            "another body"
        );
        assert_eq!(
            check(&request(body, path), "hmac_user", "other_secret", now),
            Err(UNVERIFIED),
            "another secret"
        );
        assert_eq!(
            check(&request(body, path), "someone", "hmac_secret", now),
            Err(UNVERIFIED),
            "another user"
        );
        let later = now + std::time::Duration::from_secs(CLOCK_SKEW_SECS + 1);
        assert_eq!(
            check(&request(body, path), "hmac_user", "hmac_secret", later),
            Err(BAD_DATE),
            "a date too far from the server's clock"
        );
    }
}
