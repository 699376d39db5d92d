//! The six converter endpoints, their answers, and [`ConverterRef`], a
//! created converter's address with what it may be updated with.

use std::net::Ipv4Addr;

use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, InvalidInput};
use crate::types::{ChannelName, RequestId};
use crate::values::{lenient, string_enum};
use crate::{AppId, Client, Endpoint, Paginated, ServiceRegion, endpoint_docs};

use super::options::{ConverterConfig, ConverterId, ConverterName, RawOptions, TranscodeOptions};
use super::update::{ConverterUpdate, FieldMask};

/// Creates a converter: the channel's streams (mixed, or one user's as
/// it is) pushed to a CDN address.
///
/// Not idempotent: a second copy would push a second stream (or answer
/// `409` when the converter is named). A `504` means "check whether it
/// was created": the client does not re-send it; look it up by name with
/// [`find_converter`] (naming every converter is Agora's advice). The
/// new converter's ID is in the answer and in `X-Resource-ID`.
///
/// ```
/// use agora_api::media_push::{ConverterConfig, ConverterName, ConverterOptions, CreateConverter, RtmpUrl};
/// use agora_api::{AppId, ChannelName, Client, ServiceRegion};
///
/// let create = CreateConverter::builder()
///     .region(ServiceRegion::NorthAmerica)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .converter(
///         ConverterConfig::new(
///             ConverterOptions::raw(ChannelName::new("show68")?, 201),
///             RtmpUrl::new("rtmp://example/live/global")?,
///         )
///         .named(ConverterName::new("show68_raw")?),
///     )
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&create)?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/na/v1/projects/0123456789abcdef0123456789abcdef/rtmp-converters"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/{region}/v1/projects/{appId}/rtmp-converters",
    response = ConverterAnswer,
    doc = "https://docs.agora.io/en/media-push/develop/restful-api",
    rate_limit(50, per = second, scope = app_id),
)]
#[auth(basic)]
pub struct CreateConverter {
    /// Where the converter runs: the region of the CDN's origin.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The IPv4 address of the CDN's origin, for a steadier stream.
    #[endpoint(query, rename = "regionHintIp")]
    pub region_hint_ip: Option<Ipv4Addr>,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
    /// The converter.
    pub converter: ConverterConfig,
}

/// Destroys a converter: its stream stops. A converter already destroyed
/// (by this call or because it sat idle) is `404`.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/{region}/v1/projects/{appId}/rtmp-converters/{converterId}",
    response = ConverterDeleted,
    doc = "https://docs.agora.io/en/media-push/develop/restful-api",
    rate_limit(50, per = second, scope = app_id),
)]
#[auth(basic)]
pub struct DeleteConverter {
    /// The region it was created in.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The converter.
    #[endpoint(path, rename = "converterId")]
    pub converter_id: ConverterId,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
}

/// Changes a converter: its layout, its mix, its CDN address.
///
/// Every update carries a `sequence` larger than the last one sent for
/// the converter (0 first, then 1, 2, ...; [`Sequences`](crate::Sequences)
/// hands them out); Agora applies only the update with the largest number,
/// so updates that overtake one another do not undo each other, and the
/// same update sent twice changes nothing the second time. That makes it
/// safe to retry: it is declared idempotent.
///
/// `fields` names what changes ([`ConverterUpdate::field_mask`]); a mask
/// that names a member the update does not set, or leaves one out, or
/// names one Agora does not let change, is refused before any I/O. A
/// converter without transcoding or with the vertical layout takes
/// `rtmpUrl` only: [`ConverterRef::update`] refuses the rest before any
/// I/O.
///
/// The update page also shows the path without `/{region}`; the region
/// form is the one bound (`specs/media-push.json`, exception
/// `update-path-without-region`).
///
/// Agora's API page limits updates to 2 per second per project, its
/// best-practice page to 50: the stricter is declared (exception
/// `update-rate-limit`).
///
/// ```
/// use agora_api::media_push::{ConverterId, ConverterUpdate, RtmpUrl, UpdateConverter};
/// use agora_api::{AppId, Client, Sequences, ServiceRegion};
///
/// let sequences = Sequences::new();
/// let update = ConverterUpdate::rtmp_url(RtmpUrl::new("rtmp://example.agora.io/live/show68_backup")?);
/// let call = UpdateConverter::builder()
///     .region(ServiceRegion::NorthAmerica)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .converter_id(ConverterId::new("4c014467d647bb87b60b719f6fa57686")?)
///     .sequence(sequences.next("4c014467d647bb87b60b719f6fa57686")?)
///     .fields(update.field_mask())
///     .converter(update)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&call)?;
/// assert!(request.url().as_str().ends_with("/rtmp-converters/4c014467d647bb87b60b719f6fa57686?sequence=0"));
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(
///     std::str::from_utf8(body)?,
///     r#"{"converter":{"rtmpUrl":"rtmp://example.agora.io/live/show68_backup"},"fields":"rtmpUrl"}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/{region}/v1/projects/{appId}/rtmp-converters/{converterId}",
    response = ConverterAnswer,
    idempotent,
    validate = UpdateConverter::check,
    doc = "https://docs.agora.io/en/media-push/develop/restful-api",
    rate_limit(2, per = second, scope = app_id),
)]
#[auth(basic)]
pub struct UpdateConverter {
    /// The region it was created in.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The converter.
    #[endpoint(path, rename = "converterId")]
    pub converter_id: ConverterId,
    /// Larger than the last update's number for this converter.
    #[endpoint(query)]
    pub sequence: u64,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
    /// What changes.
    pub converter: ConverterUpdate,
    /// The paths of what changes.
    pub fields: FieldMask,
}

impl UpdateConverter {
    fn check(&self) -> Result<(), InvalidInput> {
        self.converter.check_mask(&self.fields)
    }
}

/// A converter's settings and state.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/{region}/v1/projects/{appId}/rtmp-converters/{converterId}",
    response = ConverterAnswer,
    doc = "https://docs.agora.io/en/media-push/develop/restful-api",
    rate_limit(50, per = second, scope = app_id),
)]
#[auth(basic)]
pub struct GetConverter {
    /// The region it was created in.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The converter.
    #[endpoint(path, rename = "converterId")]
    pub converter_id: ConverterId,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
}

/// Lists the project's converters, in every region, up to 500 a page;
/// `client.pages(..)` walks them all (a page's `cursor` leads to the
/// next, 0 after the last).
///
/// ```no_run
/// use agora_api::media_push::ListConverters;
/// use agora_api::{AppId, Client};
///
/// # async fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
/// let mut pages = client.pages(
///     ListConverters::builder().app_id(AppId::new("0123456789abcdef0123456789abcdef")?).build(),
/// );
/// while let Some(page) = pages.next().await {
///     for converter in page?.data.members {
///         println!("{} {:?}", converter.converter_id, converter.state);
///     }
/// }
/// # Ok(()) }
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appId}/rtmp-converters",
    response = ConverterList,
    doc = "https://docs.agora.io/en/media-push/develop/restful-api",
)]
#[auth(basic)]
pub struct ListConverters {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// Where the page starts: the last page's `cursor` (none for the
    /// first page).
    #[endpoint(query)]
    pub cursor: Option<u64>,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
}

/// Lists the converters of one channel, up to 500 a page, as
/// [`ListConverters`] does for the project.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appId}/channels/{cname}/rtmp-converters",
    response = ConverterList,
    doc = "https://docs.agora.io/en/media-push/develop/restful-api",
)]
#[auth(basic)]
pub struct ListChannelConverters {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The channel.
    pub cname: ChannelName,
    /// Where the page starts: the last page's `cursor` (none for the
    /// first page).
    #[endpoint(query)]
    pub cursor: Option<u64>,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
}

/// The cursor of the page after `page`, unless it was the last.
fn next_cursor(page: &ConverterList) -> Option<u64> {
    page.data
        .cursor
        .filter(|cursor| *cursor != 0 && !page.data.members.is_empty())
}

impl Paginated for ListConverters {
    fn next_page(&self, page: &ConverterList) -> Option<Self> {
        next_cursor(page).map(|cursor| ListConverters {
            cursor: Some(cursor),
            ..self.clone()
        })
    }
}

impl Paginated for ListChannelConverters {
    fn next_page(&self, page: &ConverterList) -> Option<Self> {
        next_cursor(page).map(|cursor| ListChannelConverters {
            cursor: Some(cursor),
            ..self.clone()
        })
    }
}

// ---------------------------------------------------------------------------
// Answers.

string_enum! {
    /// Where a converter is.
    pub enum ConverterState {
        /// Connecting to Agora's streaming server and the CDN.
        Connecting = "connecting",
        /// Pushing.
        Running = "running",
        /// Pushing failed.
        Failed = "failed",
    }
}

/// What create, update and get answer: the converter, and the mask of the
/// members it holds.
///
/// Create and update answer `{"converter": {id, createTs, updateTs,
/// state}, "fields": ...}`. For get, the OpenAPI document (and the page's
/// example without transcoding) wrap the converter the same way, while
/// the page's transcoding examples answer its members at the top level:
/// both are read (`specs/media-push.json`, exception
/// `get-answer-wrapping`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ConverterAnswer {
    /// The converter.
    pub converter: Converter,
    /// Which members `converter` holds.
    pub fields: Option<FieldMask>,
}

impl<'de> Deserialize<'de> for ConverterAnswer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut object = serde_json::Map::<String, Value>::deserialize(deserializer)?;
        let fields = match object.remove("fields") {
            None | Some(Value::Null) => None,
            Some(value) => Some(FieldMask::deserialize(value).map_err(serde::de::Error::custom)?),
        };
        let converter = match object.remove("converter") {
            Some(Value::Object(converter)) => converter,
            Some(_) => return Err(serde::de::Error::custom("`converter` is not an object")),
            None => object,
        };
        let converter =
            Converter::deserialize(Value::Object(converter)).map_err(serde::de::Error::custom)?;
        Ok(ConverterAnswer { converter, fields })
    }
}

/// A converter as Agora answers it: each member only when the answer's
/// mask holds it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Converter {
    /// Its ID.
    #[serde(default)]
    pub id: Option<ConverterId>,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its transcoding options.
    #[serde(default)]
    pub transcode_options: Option<TranscodeOptions>,
    /// Its raw options.
    #[serde(default)]
    pub raw_options: Option<RawOptions>,
    /// Its CDN address.
    #[serde(default)]
    pub rtmp_url: Option<String>,
    /// Seconds it may stay idle.
    #[serde(default, alias = "idleTimeOut", deserialize_with = "lenient::opt_u64")]
    pub idle_timeout: Option<u64>,
    /// Its jitter buffer, milliseconds.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub jitter_buffer_size_ms: Option<u64>,
    /// Created at, Unix seconds.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub create_ts: Option<u64>,
    /// Last changed at, Unix seconds.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub update_ts: Option<u64>,
    /// Where it is.
    #[serde(default)]
    pub state: Option<ConverterState>,
}

/// What a delete answers: nothing (any body is ignored).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConverterDeleted;

impl<'de> Deserialize<'de> for ConverterDeleted {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(ConverterDeleted)
    }
}

/// A page of converters.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ConverterList {
    /// `true`.
    #[serde(default)]
    pub success: Option<bool>,
    /// The page.
    pub data: ConverterPage,
}

/// The page itself.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ConverterPage {
    /// Converters of the project (or channel), every page together.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub total_count: Option<u64>,
    /// The next page's cursor; 0 after the last page.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub cursor: Option<u64>,
    /// The converters of this page.
    #[serde(default)]
    pub members: Vec<ListedConverter>,
}

/// A converter as a list shows it. Agora's example sends the numbers as
/// strings: both are read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListedConverter {
    /// Its ID.
    pub converter_id: ConverterId,
    /// Its name.
    #[serde(default)]
    pub converter_name: Option<String>,
    /// Its channel.
    #[serde(default)]
    pub rtc_channel: Option<String>,
    /// The project's App ID.
    #[serde(default)]
    pub app_id: Option<String>,
    /// Its CDN address.
    #[serde(default)]
    pub rtmp_url: Option<String>,
    /// Created at, Unix seconds.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub create: Option<u64>,
    /// Last changed at, Unix seconds.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub update_ts: Option<u64>,
    /// Seconds it may stay idle.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub idle_timeout: Option<u64>,
    /// Where it is.
    #[serde(default)]
    pub state: Option<ConverterState>,
    /// A status code Agora's example shows (`"200"`), undocumented.
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub status: Option<String>,
    /// An address Agora's example shows, undocumented.
    #[serde(default)]
    pub ip: Option<String>,
}

// ---------------------------------------------------------------------------
// A converter's address.

/// Which updates a converter takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Updates {
    /// Any the update endpoint takes.
    Any,
    /// `rtmpUrl` only: no transcoding, or the vertical layout.
    RtmpUrlOnly,
}

/// A converter: where it is (region, App ID, ID) and which updates it
/// takes, to make its get, update and delete calls.
///
/// ```
/// use agora_api::media_push::{ConverterRef, ConverterUpdate, VideoUpdate, TranscodeUpdate};
/// use agora_api::{AppId, ServiceRegion};
///
/// let converter = ConverterRef::new(
///     ServiceRegion::Europe,
///     AppId::new("0123456789abcdef0123456789abcdef")?,
///     "4c014467d647bb87b60b719f6fa57686".parse()?,
/// )
/// .rtmp_url_only();
/// let bitrate = ConverterUpdate {
///     transcode_options: Some(TranscodeUpdate {
///         video_options: Some(VideoUpdate { bitrate: Some(800), ..VideoUpdate::default() }),
///         ..TranscodeUpdate::default()
///     }),
///     ..ConverterUpdate::default()
/// };
/// assert_eq!(
///     converter.update(0, bitrate).unwrap_err().to_string(),
///     "invalid `converter`: this converter (no transcoding, or the vertical layout) takes rtmpUrl updates only"
/// );
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConverterRef {
    region: ServiceRegion,
    app_id: AppId,
    id: ConverterId,
    updates: Updates,
}

impl ConverterRef {
    /// Converter `id` of `app_id` in `region`, taking any update.
    pub fn new(region: ServiceRegion, app_id: AppId, id: ConverterId) -> Self {
        ConverterRef {
            region,
            app_id,
            id,
            updates: Updates::Any,
        }
    }

    /// The converter `create` made, as its answer names it; `None` when
    /// the answer has no ID.
    pub fn created(create: &CreateConverter, answer: &ConverterAnswer) -> Option<Self> {
        let id = answer.converter.id.clone()?;
        let converter = ConverterRef::new(create.region, create.app_id.clone(), id);
        let rtmp_url_only = create.converter.is_vertical()
            || matches!(create.converter.options, super::ConverterOptions::Raw(_));
        Some(if rtmp_url_only {
            converter.rtmp_url_only()
        } else {
            converter
        })
    }

    /// The same converter, known to take `rtmpUrl` updates only.
    #[must_use]
    pub fn rtmp_url_only(mut self) -> Self {
        self.updates = Updates::RtmpUrlOnly;
        self
    }

    /// Its ID.
    pub fn id(&self) -> &ConverterId {
        &self.id
    }

    /// Its region.
    pub fn region(&self) -> ServiceRegion {
        self.region
    }

    /// Its project's App ID.
    pub fn app_id(&self) -> &AppId {
        &self.app_id
    }

    /// Its get call.
    pub fn get(&self) -> GetConverter {
        GetConverter::builder()
            .region(self.region)
            .app_id(self.app_id.clone())
            .converter_id(self.id.clone())
            .build()
    }

    /// Its delete call.
    pub fn delete(&self) -> DeleteConverter {
        DeleteConverter::builder()
            .region(self.region)
            .app_id(self.app_id.clone())
            .converter_id(self.id.clone())
            .build()
    }

    /// Its update call with number `sequence`, the mask written from
    /// `update`; refused when the converter takes `rtmpUrl` only and
    /// `update` changes more.
    pub fn update(
        &self,
        sequence: u64,
        update: ConverterUpdate,
    ) -> Result<UpdateConverter, InvalidInput> {
        if self.updates == Updates::RtmpUrlOnly && update.changes_more_than_rtmp_url() {
            return Err(InvalidInput::new(
                "converter",
                "this converter (no transcoding, or the vertical layout) takes rtmpUrl updates only",
            ));
        }
        let call = UpdateConverter::builder()
            .region(self.region)
            .app_id(self.app_id.clone())
            .converter_id(self.id.clone())
            .sequence(sequence)
            .fields(update.field_mask())
            .converter(update)
            .build();
        call.validate()?;
        Ok(call)
    }
}

/// The project's converter named `name`, looked up through the list
/// endpoint: after a create that may or may not have worked (a `504`, a
/// timeout, a dropped connection), this says whether it did, without
/// creating a second one.
pub async fn find_converter(
    client: &Client,
    app_id: &AppId,
    name: &ConverterName,
) -> Result<Option<ListedConverter>, Error> {
    let mut pages = client.pages(ListConverters::builder().app_id(app_id.clone()).build());
    while let Some(page) = pages.next().await {
        if let Some(found) = page?
            .data
            .members
            .into_iter()
            .find(|member| member.converter_name.as_deref() == Some(name.as_str()))
        {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_get_answer_reads_wrapped_and_bare() -> Result<(), serde_json::Error> {
        let wrapped: ConverterAnswer = serde_json::from_str(
            r#"{"converter":{"id":"a","createTs":1,"state":"running"},"fields":"id,createTs,state"}"#,
        )?;
        assert_eq!(wrapped.converter.state, Some(ConverterState::Running));
        assert!(wrapped.fields.is_some_and(|mask| mask.contains("createTs")));
        let bare: ConverterAnswer =
            serde_json::from_str(r#"{"name":"n","idleTimeout":"300","createTs":1616946970}"#)?;
        assert_eq!(bare.converter.idle_timeout, Some(300));
        assert_eq!(bare.converter.name.as_deref(), Some("n"));
        assert!(serde_json::from_str::<ConverterAnswer>(r#"{"converter":3}"#).is_err());
        Ok(())
    }

    #[test]
    fn the_last_page_has_cursor_zero() -> Result<(), serde_json::Error> {
        let page: ConverterList = serde_json::from_str(
            r#"{"success":true,"data":{"total_count":1,"cursor":0,"members":[{"converterId":"x"}]}}"#,
        )?;
        assert_eq!(next_cursor(&page), None);
        let page: ConverterList = serde_json::from_str(
            r#"{"success":true,"data":{"total_count":600,"cursor":"500","members":[{"converterId":"x"}]}}"#,
        )?;
        assert_eq!(next_cursor(&page), Some(500));
        Ok(())
    }
}
