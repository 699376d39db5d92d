//! Decoding a typed response: `agora-api`'s response types against
//! `serde_json` into hand-written structs, from the same bytes.
//!
//! * A Cloud Recording `query` answer in `mix` mode, whose `fileList` is a
//!   file name or a list of files depending on `avFileType`; both sides
//!   accept both shapes (the baseline with serde's `untagged` enum, the
//!   idiomatic way).
//! * A channel user list (`COMMUNICATION` profile) with 1 000 users; both
//!   sides accept both channel profiles.
//!
//! Both decode with `serde_json::from_slice`, as `Client::send` does. Each
//! pair is checked to decode the same values before it is measured;
//! outputs are dropped outside the timed part on both sides.
//!
//! `cargo bench -p agora-api --bench decode`

mod support;

use std::hint::black_box;

use agora_api::channel::{ChannelUsers, StatsResponse};
use agora_api::cloud_recording::{FileList, QueriedRecording};
use criterion::Criterion;
use serde::Deserialize;
use support::{HandStats, OURS, THEIRS};

/// A `mix` mode query answer with `avFileType` `["hls", "mp4"]`: the
/// playlist and two MP4 slices, as in Agora's reference.
const QUERY_MIX: &str = r#"{
  "resourceId": "JyvK8nXHuV1BE64GDkAaBGEscvtHW7v8BrQoRPCHxmeVxwY22-x-kv4GdPcjZeMzoCBUCOr9q-k6wBWMC7SaAkZ_4nO3JLqYwM1bL1n6wKnnD9EC9waxJboci9KUz2WZ4YJrmcJmA7xWkzs_L3AnNwdtcI1kr_u1cWFmi9BWAWAlNd7S7gfoGuH0tGi6CNaOomvr7-ILjPXdCYwgty1hwT6tbAuaW1eqR0kOYTO0Z1SobpBxu1czSFh1GbzGvTZG",
  "sid": "38f8e3cfdc474cd56fc1ceba380d7e1a",
  "serverResponse": {
    "status": 5,
    "fileListMode": "json",
    "fileList": [
      {
        "fileName": "38f8e3cfdc474cd56fc1ceba380d7e1a_demo_channel.m3u8",
        "trackType": "audio_and_video",
        "uid": "0",
        "mixedAllUser": true,
        "isPlayable": true,
        "sliceStartTime": 1619170461821
      },
      {
        "fileName": "38f8e3cfdc474cd56fc1ceba380d7e1a_demo_channel_0.mp4",
        "trackType": "audio_and_video",
        "uid": "0",
        "mixedAllUser": true,
        "isPlayable": true,
        "sliceStartTime": 1619170461821
      },
      {
        "fileName": "38f8e3cfdc474cd56fc1ceba380d7e1a_demo_channel_1.mp4",
        "trackType": "audio_and_video",
        "uid": "0",
        "mixedAllUser": true,
        "isPlayable": true,
        "sliceStartTime": 1619177661821
      }
    ]
  },
  "cname": "demo_channel",
  "uid": "527841"
}"#;

/// How many users the channel user list holds.
const USERS: usize = 1000;

// ---------------------------------------------------------------------------
// The hand-written side.

/// The query answer.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HandQuery {
    #[serde(default)]
    cname: String,
    #[serde(default)]
    uid: String,
    #[serde(default)]
    resource_id: String,
    #[serde(default)]
    sid: String,
    #[serde(default)]
    server_response: HandServerResponse,
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    reason: Option<String>,
}

/// Its `serverResponse` in `individual` and `mix` modes.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HandServerResponse {
    #[serde(default)]
    status: Option<i64>,
    #[serde(default)]
    file_list_mode: Option<String>,
    #[serde(default)]
    file_list: Option<HandFileList>,
    #[serde(default)]
    slice_start_time: Option<i64>,
}

/// A file name (`"string"` mode) or a list of files (`"json"` mode).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum HandFileList {
    Playlist(String),
    Files(Vec<HandFile>),
}

/// One recorded file.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HandFile {
    #[serde(default)]
    file_name: String,
    #[serde(default)]
    track_type: Option<String>,
    #[serde(default)]
    uid: String,
    #[serde(default)]
    mixed_all_user: bool,
    #[serde(default)]
    is_playable: bool,
    #[serde(default)]
    slice_start_time: i64,
}

/// What both sides must agree on: the identifiers, the status, and every
/// file.
type FileView<'a> = (&'a str, Option<&'a str>, &'a str, bool, bool, i64);

#[derive(Debug, PartialEq)]
struct QueryView<'a> {
    ids: [&'a str; 4],
    status: Option<i64>,
    mode: Option<&'a str>,
    files: Vec<FileView<'a>>,
    code: Option<i64>,
}

fn ours_view(answer: &QueriedRecording) -> QueryView<'_> {
    let response = &answer.server_response;
    let files = match &response.file_list {
        Some(FileList::Files(files)) => files
            .iter()
            .map(|file| {
                (
                    file.file_name.as_str(),
                    file.track_type.as_ref().map(|track| track.as_str()),
                    file.uid.as_str(),
                    file.mixed_all_user,
                    file.is_playable,
                    file.slice_start_time,
                )
            })
            .collect(),
        Some(FileList::Playlist(name)) => vec![(name.as_str(), None, "", false, false, 0)],
        None => Vec::new(),
    };
    QueryView {
        ids: [
            &answer.cname,
            &answer.uid,
            answer.resource_id.as_ref().map_or("", |id| id.as_str()),
            answer.sid.as_ref().map_or("", |sid| sid.as_str()),
        ],
        status: response.status.map(|status| status.value()),
        mode: response.file_list_mode.as_ref().map(|mode| mode.as_str()),
        files,
        code: answer.code,
    }
}

fn theirs_view(answer: &HandQuery) -> QueryView<'_> {
    let response = &answer.server_response;
    let files = match &response.file_list {
        Some(HandFileList::Files(files)) => files
            .iter()
            .map(|file| {
                (
                    file.file_name.as_str(),
                    file.track_type.as_deref(),
                    file.uid.as_str(),
                    file.mixed_all_user,
                    file.is_playable,
                    file.slice_start_time,
                )
            })
            .collect(),
        Some(HandFileList::Playlist(name)) => vec![(name.as_str(), None, "", false, false, 0)],
        None => Vec::new(),
    };
    assert!(answer.reason.is_none() && response.slice_start_time.is_none());
    QueryView {
        ids: [&answer.cname, &answer.uid, &answer.resource_id, &answer.sid],
        status: response.status,
        mode: response.file_list_mode.as_deref(),
        files,
        code: answer.code,
    }
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn ours_query(body: &[u8]) -> QueriedRecording {
    serde_json::from_slice(body).expect("a query answer")
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn theirs_query(body: &[u8]) -> HandQuery {
    serde_json::from_slice(body).expect("a query answer")
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn ours_users(body: &[u8]) -> StatsResponse<ChannelUsers> {
    serde_json::from_slice(body).expect("a user list")
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn theirs_users(body: &[u8]) -> HandStats {
    serde_json::from_slice(body).expect("a user list")
}

/// Benchmark groups, as criterion names them (and their directories).
const QUERY: &str = "decode_query_mix";
const LIST: &str = "decode_channel_users_1000";

fn main() {
    let query = QUERY_MIX.as_bytes().to_vec();
    let users = support::channel_users_json(USERS).into_bytes();

    // Same values on both sides, once, before measuring.
    assert_eq!(
        ours_view(&ours_query(&query)),
        theirs_view(&theirs_query(&query))
    );
    let (ours, theirs) = (ours_users(&users), theirs_users(&users));
    assert_eq!(support::crate_users(&ours), support::hand_users(&theirs));
    assert_eq!(support::crate_users(&ours).1.len(), USERS);

    let mut criterion = Criterion::default().configure_from_args();
    {
        let mut group = criterion.benchmark_group(QUERY);
        group.bench_function(OURS, |b| {
            b.iter_with_large_drop(|| ours_query(black_box(&query)));
        });
        group.bench_function(THEIRS, |b| {
            b.iter_with_large_drop(|| theirs_query(black_box(&query)));
        });
        group.finish();
    }
    {
        let mut group = criterion.benchmark_group(LIST);
        group.bench_function(OURS, |b| {
            b.iter_with_large_drop(|| ours_users(black_box(&users)));
        });
        group.bench_function(THEIRS, |b| {
            b.iter_with_large_drop(|| theirs_users(black_box(&users)));
        });
        group.finish();
    }
    criterion.final_summary();

    if !support::benchmarking() {
        return;
    }
    let rows = [
        (
            QUERY,
            support::selected(QUERY).then(|| {
                support::paired(
                    || (),
                    |()| ours_query(black_box(&query)),
                    || (),
                    |()| theirs_query(black_box(&query)),
                )
            }),
        ),
        (
            LIST,
            support::selected(LIST).then(|| {
                support::paired(
                    || (),
                    |()| ours_users(black_box(&users)),
                    || (),
                    |()| theirs_users(black_box(&users)),
                )
            }),
        ),
    ];
    support::print_table("Response decoding", THEIRS, &rows);
}
