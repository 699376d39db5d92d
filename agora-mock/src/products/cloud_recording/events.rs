//! The notifications a recording session sends (`productId` 3): the
//! recorder and uploader starting, the files uploaded, the recorder
//! leaving and the session exiting, each with the session's own
//! `sequence` from 0.

use std::time::SystemTime;

use agora_api::webhooks::product_id;
use serde_json::{Value, json};

use super::Session;
use crate::clock::unix_millis;
use crate::state::Account;

/// The module that reports an event (`serviceType`).
const SERVICE: i64 = 0;
const RECORDER: i64 = 1;
const UPLOADER: i64 = 2;

fn report(
    account: &mut Account,
    session: &mut Session,
    event_type: u32,
    service_type: i64,
    now: SystemTime,
    details: Value,
) {
    let sequence = session.events;
    session.events = session.events.saturating_add(1);
    let sid = session.sid.clone();
    let (cname, uid) = (session.cname.clone(), session.uid.clone());
    account.notify(
        product_id::CLOUD_RECORDING,
        event_type,
        Some(&sid),
        now,
        || {
            json!({
                "cname": cname, "uid": uid, "sid": sid, "sequence": sequence,
                "sendts": unix_millis(now), "serviceType": service_type, "details": details,
            })
        },
    );
}

/// 40 and 30: the recorder joined the channel and the uploader started.
pub(super) fn started(account: &mut Account, session: &mut Session, now: SystemTime) {
    let recorder = json!({ "msgName": "recorder_started", "status": 0 });
    report(account, session, 40, RECORDER, now, recorder);
    let uploader = json!({ "msgName": "uploader_started", "status": 0 });
    report(account, session, 30, UPLOADER, now, uploader);
}

/// 31 (when files were made: `files` as `stop` lists them), then 41 and
/// 11: the session is over.
pub(super) fn ended(
    account: &mut Account,
    session: &mut Session,
    files: Option<&Value>,
    now: SystemTime,
) {
    if let Some(files) = files {
        let file_list: Vec<Value> = match files {
            Value::Array(files) => files
                .iter()
                .map(|file| {
                    let mut entry = serde_json::Map::new();
                    for key in [
                        "fileName",
                        "trackType",
                        "uid",
                        "mixedAllUser",
                        "isPlayable",
                        "sliceStartTime",
                    ] {
                        if let Some(value) = file.get(key) {
                            entry.insert(key.to_owned(), value.clone());
                        }
                    }
                    Value::Object(entry)
                })
                .collect(),
            // The `string` file list mode: one playlist name.
            other => vec![json!({ "fileName": other })],
        };
        let uploaded = json!({ "msgName": "uploaded", "status": 0, "fileList": file_list });
        report(account, session, 31, UPLOADER, now, uploaded);
    }
    let left = json!({ "msgName": "recorder_leave", "leaveCode": 0 });
    report(account, session, 41, RECORDER, now, left);
    let exit = json!({ "msgName": "session_exit", "exitStatus": 0 });
    report(account, session, 11, SERVICE, now, exit);
}
