//! Request-side types of Cloud Recording: the `clientRequest` bodies of each
//! endpoint and the configurations they nest (storage, recording, recorded
//! files, transcoding and layout, screenshots, extension services and web
//! page recording), with Agora's documented input rules.
//!
//! Every rule is checked before any I/O by the endpoint's `validate`
//! function; errors name the field as it is on the wire, dotted from the
//! body's top level (`clientRequest.recordingConfig.maxIdleTime`).

use std::borrow::Cow;
use std::fmt;
use std::ops::RangeInclusive;

use serde::Serializer;

use crate::error::InvalidInput;
use crate::types::UidString;

pub(super) mod client_request;
pub(super) mod extension;
pub(super) mod files;
pub(super) mod path;
pub(super) mod recording;
pub(super) mod storage;

use path::{FieldPath, at};

// ---------------------------------------------------------------------------
// Rule helpers.

/// Checks an optional number against a documented inclusive range.
fn check_range<T, P: Into<Cow<'static, str>>>(
    value: Option<T>,
    range: RangeInclusive<T>,
    field: impl FnOnce() -> P,
    unit: &str,
) -> Result<(), InvalidInput>
where
    T: PartialOrd + fmt::Display + Copy,
{
    match value {
        Some(value) if !range.contains(&value) => Err(InvalidInput::new(
            field(),
            format!(
                "must be from {} to {}{unit} (got {value})",
                range.start(),
                range.end()
            ),
        )),
        _ => Ok(()),
    }
}

/// The largest output resolution Agora accepts, in pixels (1920 × 1080).
const MAX_PIXELS: u64 = 1920 * 1080;

/// Checks `width × height` against 1920 × 1080.
fn check_resolution<P: Into<Cow<'static, str>>>(
    width: u32,
    height: u32,
    field: impl FnOnce() -> P,
    names: &str,
) -> Result<(), InvalidInput> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(InvalidInput::new(
            field(),
            format!(
                "{names} must be at most 1920 × 1080 ({MAX_PIXELS} pixels); got {width} × {height} ({pixels})"
            ),
        ));
    }
    Ok(())
}

/// What Agora accepts in a subscription list to mean every UID.
pub const ALL_STREAMS: &str = "#allstream#";

/// The most UIDs a subscription list may hold.
const MAX_SUBSCRIPTION_UIDS: usize = 32;

/// Checks a subscription list: at most 32 entries, each an integer UID
/// written as a string (or `#allstream#` where `allow_all`).
fn check_uid_list<P: Into<Cow<'static, str>>>(
    list: Option<&Vec<String>>,
    field: impl Fn() -> P,
    allow_all: bool,
) -> Result<(), InvalidInput> {
    let Some(list) = list else {
        return Ok(());
    };
    if list.len() > MAX_SUBSCRIPTION_UIDS {
        return Err(InvalidInput::new(
            field(),
            format!(
                "must hold at most {MAX_SUBSCRIPTION_UIDS} UIDs (got {})",
                list.len()
            ),
        ));
    }
    for uid in list {
        if allow_all && uid == ALL_STREAMS {
            continue;
        }
        if uid.parse::<UidString>().is_err() {
            let or_all = if allow_all { " or \"#allstream#\"" } else { "" };
            return Err(InvalidInput::new(
                field(),
                format!("{uid:?} is not an integer UID from 1 to 4294967295{or_all}"),
            ));
        }
    }
    Ok(())
}

/// Checks that a subscription list and its exclusion list are not both set.
fn check_exclusive(
    subscribe: Option<&Vec<String>>,
    unsubscribe: Option<&Vec<String>>,
    parent: &FieldPath<'_>,
    subscribe_name: &str,
    unsubscribe_name: &str,
) -> Result<(), InvalidInput> {
    if subscribe.is_some() && unsubscribe.is_some() {
        return Err(InvalidInput::new(
            at(parent, unsubscribe_name),
            format!("cannot be set together with {subscribe_name}"),
        ));
    }
    Ok(())
}

/// Writes a relative value (`0.0` to `1.0`) as Agora's examples do: whole
/// numbers as integers (`1`, not `1.0`), the rest as floats.
fn serialize_ratio<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.is_finite() && value.fract() == 0.0 && value.abs() <= 9_007_199_254_740_992.0 {
        // Exact: a whole number within f64's integer range.
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// [`serialize_ratio`] for an optional value (only called when `Some`).
fn serialize_optional_ratio<S: Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serialize_ratio(value, serializer),
        None => serializer.serialize_none(),
    }
}

/// Checks a relative value: finite and from 0 to 1.
fn check_ratio<P: Into<Cow<'static, str>>>(
    value: f64,
    field: impl FnOnce() -> P,
) -> Result<(), InvalidInput> {
    if !(0.0..=1.0).contains(&value) {
        return Err(InvalidInput::new(
            field(),
            format!("must be a relative value from 0 to 1 (got {value})"),
        ));
    }
    Ok(())
}
