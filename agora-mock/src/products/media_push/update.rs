//! Update: the sequence, the converter's kind, and the changes applied.

use agora_api::media_push::{ConverterOptions, ConverterUpdate, UpdateConverter};

use super::{MediaPush, State, find, message, not_found, with_request_ids};
use crate::product::{Call, Store};
use crate::reply::{Fail, Handled, Reply};

pub(super) fn update(
    store: &mut Store<'_, MediaPush>,
    call: &Call<'_, UpdateConverter>,
) -> Handled {
    let request = &call.request;
    let Some(converter) = find(
        store,
        request.app_id.as_str(),
        request.region,
        request.converter_id.as_str(),
    ) else {
        return Err(not_found());
    };
    let stale = converter
        .last_sequence
        .is_some_and(|last| request.sequence <= last);
    if !stale {
        apply(
            &mut converter.config.options,
            &mut converter.config.rtmp_url,
            &mut converter.config.jitter_buffer_size_ms,
            &request.converter,
        )?;
        if request.converter.rtmp_url.is_some() {
            converter.state = State::Connecting;
            converter.connecting_since = call.now;
        }
        converter.last_sequence = Some(request.sequence);
        converter.updated = call.now;
    }
    let reply = Reply::ok(converter.brief()).with_header("x-resource-id", converter.id.clone());
    if !stale {
        let payload = converter.notice(None);
        super::notify(store.account, 2, call.now, payload);
    }
    Ok(with_request_ids(
        reply,
        request.request_id.as_ref(),
        call.request_id,
    ))
}

fn refuse(text: &str) -> Fail {
    Fail::Reply(message(400, text))
}

/// Applies `update` to a converter's options, refusing what its kind
/// cannot take; nothing changes when it refuses.
fn apply(
    options: &mut ConverterOptions,
    rtmp_url: &mut agora_api::media_push::RtmpUrl,
    jitter: &mut Option<u32>,
    update: &ConverterUpdate,
) -> Result<(), Fail> {
    let vertical = match options {
        ConverterOptions::Transcode(transcode) => transcode
            .video_options
            .as_ref()
            .is_some_and(|video| video.is_vertical()),
        _ => false,
    };
    let raw = matches!(options, ConverterOptions::Raw(_));
    if (raw || vertical) && update.changes_more_than_rtmp_url() {
        return Err(refuse(if raw {
            "Invalid parameter: a converter without transcoding takes rtmpUrl updates only."
        } else {
            "Invalid parameter: a converter with the vertical layout takes rtmpUrl updates only."
        }));
    }
    if let (ConverterOptions::Transcode(transcode), Some(changes)) =
        (&mut *options, &update.transcode_options)
    {
        if changes.audio_options.is_some() && transcode.audio_options.is_none() {
            return Err(refuse(
                "Invalid parameter: a converter created without audio cannot be updated with audioOptions.",
            ));
        }
        if changes.video_options.is_some() && transcode.video_options.is_none() {
            return Err(refuse(
                "Invalid parameter: a converter created without video cannot be updated with videoOptions.",
            ));
        }
        if let (Some(audio), Some(changes)) = (&mut transcode.audio_options, &changes.audio_options)
        {
            let mixed = changes
                .rtc_stream_uids
                .as_ref()
                .or(audio.rtc_stream_uids.as_ref());
            if let Some(volume) = changes
                .volumes
                .iter()
                .flatten()
                .find(|volume| !mixed.is_some_and(|uids| uids.contains(&volume.rtc_stream_uid)))
            {
                return Err(refuse(&format!(
                    "Invalid parameter: volumes.rtcStreamUid {} is not one of rtcStreamUids.",
                    volume.rtc_stream_uid
                )));
            }
            if let Some(uids) = &changes.rtc_stream_uids {
                audio.rtc_stream_uids = Some(uids.clone());
            }
            // Each update resets the volumes it does not give.
            audio.volumes = changes.volumes.clone();
        }
        if let (Some(video), Some(changes)) = (&mut transcode.video_options, &changes.video_options)
        {
            if let Some(canvas) = changes.canvas {
                video.canvas = canvas;
            }
            if let Some(layout) = &changes.layout {
                video.layout = Some(layout.clone());
            }
            if let Some(url) = &changes.default_placeholder_image_url {
                video.default_placeholder_image_url = Some(url.clone());
            }
            if let Some(bitrate) = changes.bitrate {
                video.bitrate = bitrate;
            }
            if let Some(frame_rate) = changes.frame_rate {
                video.frame_rate = Some(frame_rate);
            }
            if let Some(gop) = changes.gop {
                video.gop = Some(gop);
            }
            if let Some(sei) = &changes.sei_options {
                video.sei_options = Some(sei.clone());
            }
        }
    }
    if let Some(url) = &update.rtmp_url {
        *rtmp_url = url.clone();
    }
    if let Some(size) = update.jitter_buffer_size_ms {
        *jitter = Some(size);
    }
    Ok(())
}
