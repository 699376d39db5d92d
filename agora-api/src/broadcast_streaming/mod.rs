//! Broadcast Streaming on Agora's default domain (the "cfls" quickstart
//! API): create a live stream to push with RTMPS and play back with HLS,
//! and the transcoding configurations a stream may use.
//!
//! HTTP Basic on `api.agora.io`, paths `/{region}/v1/projects/{appid}/cfls/...`
//! with `region` one of `na`, `ap`, `eu` ([`CflsRegion`]). Agora documents
//! these calls only in a quickstart, without a reference page: the fields
//! bound are the ones it shows, and its answers decode leniently. Every
//! answer is `{"status": "success" | "fail" | "error", "data": ...}`;
//! `fail` and `error` are an [`Error::Api`](crate::Error::Api), and the
//! typed response is `data` ([`CFLS_ENVELOPE`]).
//!
//! Push to `rtmps://stream-in.agoramdn.com/live` with the stream's
//! [`stream_key`](LiveStream::stream_key) and play
//! `https://stream.agoramdn.com/{playbackId}.m3u8`
//! ([`PlaybackId::hls_url`]). Agora deletes a stream after 30 days
//! without use.
//!
//! ```
//! use agora_api::broadcast_streaming::{CflsRegion, CreateLiveStream};
//! use agora_api::{AppId, Client};
//!
//! let create = CreateLiveStream::builder()
//!     .region(CflsRegion::NorthAmerica)
//!     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
//!     .build();
//! let client = Client::builder().basic_auth("id", "secret").build()?;
//! let request = client.prepare(&create)?;
//! assert_eq!(
//!     request.url().as_str(),
//!     "https://api.agora.io/na/v1/projects/0123456789abcdef0123456789abcdef/cfls/live-streams"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod envelope;
mod live_streams;

pub use envelope::CFLS_ENVELOPE;
pub use live_streams::{
    CflsRegion, CflsTime, CreateLiveStream, CreateLiveStreamBuilder, CreateLiveTranscoding,
    CreateLiveTranscodingBuilder, LiveStream, LiveStreamSettings, LiveTranscoding, PlaybackId,
    PlaybackPolicy, StandardTemplate, TranscodingSettings, TranscodingsId,
};
