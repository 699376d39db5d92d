//! Broadcast Streaming (cfls) against the emulator: a live stream uses a
//! transcoding configuration of its project and area, or the default
//! one; an unknown configuration is a `fail` answered in band, which the
//! client reports as an error.

use crate::support::api_error;
use agora_api::broadcast_streaming::{
    CflsRegion, CreateLiveStream, CreateLiveTranscoding, LiveStreamSettings, StandardTemplate,
    TranscodingSettings, TranscodingsId,
};
use agora_mock::MockServer;

#[tokio::test]
async fn a_live_stream_uses_the_transcoding_configuration_it_names() {
    let server = MockServer::start().await;
    let client = server.client();
    let transcoding = client
        .send(
            &CreateLiveTranscoding::builder()
                .region(CflsRegion::Europe)
                .appid(server.app_id().clone())
                .settings(TranscodingSettings::new(vec![
                    StandardTemplate::Hd,
                    StandardTemplate::Ld,
                ]))
                .build(),
        )
        .await
        .expect("a configuration");
    assert_eq!(
        transcoding.standard_temps,
        [StandardTemplate::Hd, StandardTemplate::Ld]
    );

    let create = |region, id: Option<TranscodingsId>| {
        let builder = CreateLiveStream::builder()
            .region(region)
            .appid(server.app_id().clone());
        match id {
            Some(id) => builder
                .settings(LiveStreamSettings::with_transcodings(id))
                .build(),
            None => builder.build(),
        }
    };
    let stream = client
        .send(&create(CflsRegion::Europe, Some(transcoding.id.clone())))
        .await
        .expect("a stream");
    assert_eq!(stream.transcodings.as_ref(), Some(&transcoding));
    assert_eq!(stream.playback_ids.len(), 1);

    let other = client
        .send(&create(CflsRegion::Europe, None))
        .await
        .expect("a stream with the default configuration");
    assert_ne!(other.stream_key.expose(), stream.stream_key.expose());
    let default = other.transcodings.expect("the default configuration");
    assert_eq!(
        default.standard_temps,
        [
            StandardTemplate::FullHd,
            StandardTemplate::Sd1,
            StandardTemplate::Ld
        ]
    );

    let elsewhere = client
        .send(&create(CflsRegion::NorthAmerica, Some(transcoding.id)))
        .await
        .expect_err("a configuration belongs to its area");
    let error = api_error(&elsewhere);
    assert_eq!(error.status, 200, "reported in band");
    assert!(error.in_band);
    assert_eq!(error.reason.as_deref(), Some("fail"));
}
