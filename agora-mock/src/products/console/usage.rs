//! The account's usage, by project and day.

#![allow(deprecated)]

use agora_api::InvalidInput;
use agora_api::console::{GetUsage, GetUsageV1, UsageDate};
use serde_json::{Value, json};

use super::Console;
use super::projects::live_project;
use crate::clock::{civil_from_days, days_from_civil};
use crate::ids::stable_in;
use crate::product::{Call, Store};
use crate::reply::{Fail, Handled, Reply};

/// The longest usage range the emulator answers, in days (Agora documents
/// none; this keeps an answer a sensible size).
const MAX_USAGE_DAYS: i64 = 366;

fn days_of(date: UsageDate) -> i64 {
    days_from_civil(
        i64::from(date.year()),
        u32::from(date.month()),
        u32::from(date.day()),
    )
}

fn check_span(from: UsageDate, to: UsageDate) -> Result<(i64, i64), Fail> {
    let (first, last) = (days_of(from), days_of(to));
    if last - first >= MAX_USAGE_DAYS {
        return Err(Fail::Invalid(InvalidInput::new(
            "to_date",
            format!("the emulator answers at most {MAX_USAGE_DAYS} days at a time"),
        )));
    }
    Ok((first, last))
}

/// Every day from `first` to `last`, as `(days since the epoch, YYYY-MM-DD)`.
fn each_day(first: i64, last: i64) -> impl Iterator<Item = (i64, String)> {
    (first..=last).map(|days| {
        let (year, month, day) = civil_from_days(days);
        (days, format!("{year:04}-{month:02}-{day:02}"))
    })
}

const METRICS: [(&str, &str); 6] = [
    ("durationAudioAll", "Total Audio Duration"),
    ("durationVideoHd", "HD Video Duration (including Recording)"),
    (
        "durationVideoHdp",
        "HDP Video Duration (including Recording)",
    ),
    (
        "durationVideo1080P",
        "Full HD Video Duration (including Recording)",
    ),
    ("durationVideo2K", "2K Video Duration (including Recording)"),
    (
        "durationVideo4K",
        "2K+ Video Duration (including Recording)",
    ),
];

pub(super) fn usage(store: &mut Store<'_, Console>, call: &Call<'_, GetUsage>) -> Handled {
    let request = &call.request;
    let (first, last) = check_span(request.from_date, request.to_date)?;
    let project = live_project(store.account, &request.project_id)?;
    let meta: serde_json::Map<String, Value> = METRICS
        .iter()
        .map(|(key, label)| ((*key).to_owned(), json!({ "en": label, "unit": "second" })))
        .collect();
    let usages: Vec<Value> = each_day(first, last)
        .map(|(_, date)| {
            let usage: serde_json::Map<String, Value> = METRICS
                .iter()
                .map(|(key, _)| {
                    let seconds = stable_in(
                        &[&project.id, request.business.as_str(), &date, key],
                        0,
                        36_000,
                    );
                    ((*key).to_owned(), Value::from(seconds))
                })
                .collect();
            json!({ "date": format!("{date}T00:00:00.000Z"), "usage": usage })
        })
        .collect();
    Ok(Reply::ok(json!({ "meta": meta, "usages": usages })))
}

pub(super) fn usage_v1(store: &mut Store<'_, Console>, call: &Call<'_, GetUsageV1>) -> Handled {
    let request = &call.request;
    let (first, last) = check_span(request.from_date, request.to_date)?;
    // Unknown project IDs are ignored, as documented.
    let usages: Vec<Value> = store
        .account
        .projects
        .iter()
        .filter(|project| !project.deleted)
        .filter(|project| {
            request
                .projects
                .as_ref()
                .is_none_or(|wanted| wanted.ids().iter().any(|id| id.as_str() == project.id))
        })
        .map(|project| {
            let daily: Vec<Value> = each_day(first, last)
                .map(|(_, date)| {
                    let minutes = |kind: &str| stable_in(&[&project.id, &date, kind, "v1"], 0, 600);
                    json!({
                        "date": date.replace('-', "").parse::<u32>().unwrap_or_default(),
                        "audio": minutes("audio"),
                        "sd": minutes("sd"),
                        "hd": minutes("hd"),
                        "hdp": minutes("hdp"),
                    })
                })
                .collect();
            json!({ "project": project.id, "daily": daily })
        })
        .collect();
    Ok(Reply::ok(json!({ "usages": usages })))
}
