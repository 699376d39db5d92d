//! Media Push RESTful API: converters that push a channel's streams to a
//! CDN over RTMP, mixed (transcoded, with a layout) or one user's stream
//! as it is.
//!
//! A converter is created in a region (`/{region}/...`: `na`, `eu`, `ap`,
//! `cn`, the region of the CDN's origin), then read, updated and deleted
//! there; the lists span every region. Names are unique in a project
//! (`409` on a second one), and Agora advises naming every converter so
//! that a create whose answer was lost can be looked up
//! ([`find_converter`]) instead of made twice. A converter connects, runs
//! (or fails), and is destroyed by Agora once everyone whose stream it
//! processes has left the channel for `idleTimeout` seconds.
//!
//! Updates carry an increasing `sequence` ([`Sequences`](crate::Sequences))
//! and a `fields` mask of what changes; [`ConverterRef`] makes the calls of
//! one converter and refuses, before any I/O, the updates it cannot take.
//! Basic auth; errors are `{"message": ...}` (a get's `404` is `{"reason":
//! ...}`). <https://docs.agora.io/en/media-push/develop/restful-api>
//!
//! ```
//! use agora_api::media_push::{
//!     Canvas, ConverterConfig, ConverterName, ConverterOptions, CreateConverter, LayoutItem,
//!     RtmpUrl, StreamView, TranscodeOptions, VideoOptions, ViewRegion,
//! };
//! use agora_api::{AppId, ChannelName, Client, ServiceRegion};
//!
//! let mix = TranscodeOptions {
//!     video_options: Some(VideoOptions::custom(
//!         Canvas::new(360, 640),
//!         vec![LayoutItem::Stream(StreamView::new(201, ViewRegion::new(0, 0, 1, 360, 640)))],
//!         400,
//!     )),
//!     ..TranscodeOptions::new(ChannelName::new("show68")?)
//! };
//! let create = CreateConverter::builder()
//!     .region(ServiceRegion::AsiaPacific)
//!     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
//!     .converter(
//!         ConverterConfig::new(ConverterOptions::transcode(mix), RtmpUrl::new("rtmp://example/live/show68")?)
//!             .named(ConverterName::new("show68_vertical")?),
//!     )
//!     .build();
//! let client = Client::builder().basic_auth("id", "secret").build()?;
//! let request = client.prepare(&create)?;
//! assert_eq!(
//!     request.url().as_str(),
//!     "https://api.agora.io/ap/v1/projects/0123456789abcdef0123456789abcdef/rtmp-converters"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod converters;
mod options;
mod update;
mod video;

pub use converters::{
    Converter, ConverterAnswer, ConverterDeleted, ConverterList, ConverterPage, ConverterRef,
    ConverterState, CreateConverter, CreateConverterBuilder, DeleteConverter,
    DeleteConverterBuilder, GetConverter, GetConverterBuilder, ListChannelConverters,
    ListChannelConvertersBuilder, ListConverters, ListConvertersBuilder, ListedConverter,
    UpdateConverter, UpdateConverterBuilder, find_converter,
};
pub use options::{
    AudioCodecProfile, AudioOptions, ConverterConfig, ConverterId, ConverterName, ConverterOptions,
    RawOptions, RtmpUrl, TranscodeOptions, UserVolume,
};
pub use update::{AudioUpdate, ConverterUpdate, FieldMask, TranscodeUpdate, VideoUpdate};
pub use video::{
    Canvas, CustomSei, FillMode, ImageView, LayoutItem, LayoutType, SeiOptions, SeiSink, SeiSource,
    StreamView, VerticalLayout, VideoCodec, VideoCodecProfile, VideoOptions, ViewRegion,
};
