//! Publish history, publish quality and play statistics, made from the
//! pushes tests make: an ended push is a history record, and each minute
//! of a push a quality record and a viewer count, stable for the same
//! stream and minute.

use agora_api::media_broadcast::{
    FlsTime, GetPlayStatistics, GetPublishHistory, GetPublishQuality, ReportWindow,
};
use serde_json::{Value, json};

use super::streams::rfc3339;
use super::{EntryPoint, MediaBroadcast, Push, entry_point, unix_now};
use crate::ids::stable_in;
use crate::product::{Call, Store};
use crate::reply::{Handled, Reply};

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;
/// How long Agora keeps quality records.
const QUALITY_KEPT: i64 = 6 * DAY;

/// The queried range in Unix seconds: as given, else ending now and
/// lasting `default`; checked by the endpoint's window at the server's
/// time first.
fn range(
    window: ReportWindow,
    start: Option<&FlsTime>,
    end: Option<&FlsTime>,
    now: std::time::SystemTime,
    default: i64,
) -> Result<(i64, i64), agora_api::InvalidInput> {
    window.check(start, end, now)?;
    let end = end.map_or(unix_now(now), FlsTime::unix_seconds);
    let start = start.map_or(end.saturating_sub(default), FlsTime::unix_seconds);
    Ok((start, end))
}

/// Whether a push was on at `minute`.
fn pushing(pushes: &[Push], minute: i64, now: i64) -> bool {
    pushes
        .iter()
        .any(|push| push.start <= minute && minute <= push.end.unwrap_or(now))
}

/// The minutes of `start..=end` the stream was pushed in, latest first,
/// at most `window.max_span` of them.
fn minutes(
    entry: &EntryPoint,
    stream: &str,
    (start, end): (i64, i64),
    now: i64,
    window: ReportWindow,
) -> Vec<i64> {
    let Some(pushes) = entry.pushes.get(stream) else {
        return Vec::new();
    };
    let most = usize::try_from(window.max_span.as_secs() / 60).unwrap_or(usize::MAX);
    let last = end.min(now).div_euclid(60) * 60;
    std::iter::successors(Some(last), |minute| minute.checked_sub(60))
        .take_while(|minute| *minute >= start)
        .take(most)
        .filter(|minute| pushing(pushes, *minute, now))
        .collect()
}

pub(super) fn publish_history(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, GetPublishHistory>,
) -> Handled {
    let request = &call.request;
    let (start, end) = range(
        GetPublishHistory::WINDOW,
        request.start_time.as_ref(),
        request.end_time.as_ref(),
        call.now,
        7 * DAY,
    )?;
    let entry = entry_point(store, request.appid.as_str(), request.entry_point.as_str())?;
    let stream = request.stream_name.as_str();
    let mut ended: Vec<(i64, i64)> = entry
        .pushes
        .get(stream)
        .into_iter()
        .flatten()
        .filter_map(|push| Some((push.start, push.end?)))
        .filter(|(_, ended)| (start..=end).contains(ended))
        .collect();
    ended.sort_by_key(|&(_, ended)| std::cmp::Reverse(ended));
    let records: Vec<Value> = ended
        .into_iter()
        .map(|(began, ended)| {
            json!({
                "name": stream,
                "startTime": rfc3339(began),
                "endTime": rfc3339(ended),
                "duration": ended.saturating_sub(began),
            })
        })
        .collect();
    Ok(Reply::ok(json!({ "publishHistory": records })))
}

pub(super) fn publish_quality(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, GetPublishQuality>,
) -> Handled {
    let request = &call.request;
    let window = GetPublishQuality::WINDOW;
    let span = range(
        window,
        request.start_time.as_ref(),
        request.end_time.as_ref(),
        call.now,
        6 * HOUR,
    )?;
    let now = unix_now(call.now);
    let app = request.appid.as_str().to_owned();
    let entry_name = request.entry_point.as_str();
    let entry = entry_point(store, &app, entry_name)?;
    let stream = request.stream_name.as_str();
    let records: Vec<Value> = minutes(entry, stream, span, now, window)
        .into_iter()
        .filter(|minute| *minute >= now.saturating_sub(QUALITY_KEPT))
        .map(|minute| {
            let key = [app.as_str(), entry_name, stream, &minute.to_string()];
            json!({
                "name": stream,
                "time": rfc3339(minute),
                "bitrate": stable_in(&key, 800_000, 3_000_000),
                "framerate": stable_in(&key, 24, 31),
                "cdnIp": "203.0.113.80",
                "clientIp": "198.51.100.82",
            })
        })
        .collect();
    Ok(Reply::ok(json!({ "QualityHistory": records })))
}

pub(super) fn play_statistics(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, GetPlayStatistics>,
) -> Handled {
    let request = &call.request;
    let window = GetPlayStatistics::WINDOW;
    let span = range(
        window,
        request.start_time.as_ref(),
        request.end_time.as_ref(),
        call.now,
        2 * HOUR,
    )?;
    let now = unix_now(call.now);
    let app = request.appid.as_str().to_owned();
    let entry_name = request.entry_point.as_str();
    let entry = entry_point(store, &app, entry_name)?;
    let stream = request.stream_name.as_str();
    let records: Vec<Value> = minutes(entry, stream, span, now, window)
        .into_iter()
        .map(|minute| {
            let key = [
                app.as_str(),
                entry_name,
                stream,
                "play",
                &minute.to_string(),
            ];
            json!({
                "name": stream,
                "time": rfc3339(minute),
                "linkNum": stable_in(&key, 1, 40),
            })
        })
        .collect();
    Ok(Reply::ok(json!({ "playStatistic": records })))
}
