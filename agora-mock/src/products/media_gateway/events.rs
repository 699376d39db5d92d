//! The notifications a pushed stream sends (`productId` 10): 1
//! `live_stream_connected` when an encoder connects with a key, 2
//! `live_stream_disconnected` when it stops or is disconnected, with when
//! it began and ended.

use std::time::SystemTime;

use agora_api::webhooks::product_id;
use serde_json::{Value, json};

use super::Stream;
use crate::clock::iso_millis;
use crate::state::Account;

fn fields(stream: &Stream) -> Value {
    json!({
        "sid": stream.sid,
        "region": stream.region.to_string(),
        "domain": format!("{}.gateway.agora-mock.test", stream.region),
        "streamKey": stream.key,
        "rtcInfo": { "channel": stream.channel, "uid": stream.uid },
        "beginAt": iso_millis(stream.began),
    })
}

/// 1: the encoder of `stream` connected.
pub(super) fn connected(account: &mut Account, stream: &Stream, now: SystemTime) {
    let mut payload = fields(stream);
    payload["transcoding"] = json!({
        "audio": { "enabled": false },
        "video": { "enabled": false },
    });
    account.notify(product_id::MEDIA_GATEWAY, 1, None, now, || payload);
}

/// 2: `stream` ended at `now`.
pub(super) fn disconnected(account: &mut Account, stream: &Stream, now: SystemTime) {
    let mut payload = fields(stream);
    payload["endAt"] = json!(iso_millis(now));
    payload["streamStats"] = json!({
        "inputAudioBytes": 0, "inputVideoBytes": 0,
        "outputAudioBytes": 0, "outputVideoBytes": 0,
    });
    account.notify(product_id::MEDIA_GATEWAY, 2, None, now, || payload);
}
