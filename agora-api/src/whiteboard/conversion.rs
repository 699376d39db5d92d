//! File conversion (the "projector" service): PPT, PPTX, DOC, DOCX and
//! PDF files to images (`static`), PPTX to web pages (`dynamic`). A task
//! waits in the team's queue, converts, and is finished or failed.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::need::{SDK, TASK, TokenNeed, WhiteboardCall};
use crate::error::InvalidInput;
use crate::token::WhiteboardRole;
use crate::values::{
    closed_enum, int_enum, issued_id, lenient, string_enum, validated_number, validated_string,
};
use crate::{Endpoint, endpoint_docs};

validated_string! {
    /// A file-conversion task's UUID (`uuid`), as Agora issues it.
    ///
    /// ```
    /// use agora_api::whiteboard::TaskUuid;
    /// assert!(TaskUuid::new("2fd2d367e").is_ok());
    /// assert!(TaskUuid::new("a b").is_err());
    /// ```
    TaskUuid, field = "uuid", check = issued_id
}

/// The rule of a URL Agora fetches or calls: `http://` or `https://`
/// and a host, no whitespace.
pub(super) fn check_url(value: &str) -> Result<(), String> {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .ok_or("must be an http:// or https:// URL")?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err("must name a host after the scheme".into());
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain whitespace or control characters".into());
    }
    Ok(())
}

validated_string! {
    /// A URL Agora fetches or calls (`resource`, `webhookEndpoint`):
    /// `http://` or `https://` and a host.
    ///
    /// ```
    /// use agora_api::whiteboard::FileUrl;
    /// assert!(FileUrl::new("https://docs-test-xx.oss-cn-hangzhou.aliyuncs.com/xxx").is_ok());
    /// assert!(FileUrl::new("ftp://example.com/a.pptx").is_err());
    /// ```
    FileUrl, field = "resource", check = check_url
}

closed_enum! {
    /// What a file is converted to (`type`).
    pub enum ConversionKind in "type" {
        /// Web pages (PPTX only).
        Dynamic = "dynamic",
        /// Images.
        Static = "static",
    }
}

closed_enum! {
    /// The image format of a static conversion (`outputFormat`); Agora's
    /// default is PNG.
    pub enum ImageFormat in "outputFormat" {
        /// PNG.
        Png = "png",
        /// JPEG, as `jpg`.
        Jpg = "jpg",
        /// JPEG, as `jpeg`.
        Jpeg = "jpeg",
    }
}

/// The scale of a static conversion's images (`scale`): 0.1 to 3.0,
/// Agora's default 1.2. The number is kept as written (`1` stays `1`).
///
/// ```
/// use agora_api::whiteboard::ImageScale;
/// assert_eq!(ImageScale::new(1.2)?.get(), 1.2);
/// assert_eq!(ImageScale::new(3.5).unwrap_err().rule(), "must be from 0.1 to 3.0 (got 3.5)");
/// assert_eq!(serde_json::to_string(&"1".parse::<ImageScale>()?).unwrap(), "1");
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ImageScale(serde_json::Number);

impl ImageScale {
    /// Checks `value` against the documented range.
    pub fn new(value: f64) -> Result<Self, InvalidInput> {
        let number = serde_json::Number::from_f64(value)
            .ok_or_else(|| InvalidInput::new("scale", "must be a finite number"))?;
        ImageScale::checked(number)
    }

    fn checked(number: serde_json::Number) -> Result<Self, InvalidInput> {
        let value = number.as_f64().unwrap_or(f64::NAN);
        if (0.1..=3.0).contains(&value) {
            Ok(ImageScale(number))
        } else {
            Err(InvalidInput::new(
                "scale",
                format!("must be from 0.1 to 3.0 (got {number})"),
            ))
        }
    }

    /// The scale.
    pub fn get(&self) -> f64 {
        self.0.as_f64().unwrap_or(1.2)
    }
}

impl fmt::Display for ImageScale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for ImageScale {
    type Err = InvalidInput;

    fn from_str(text: &str) -> Result<Self, InvalidInput> {
        let number: serde_json::Number = text
            .parse()
            .map_err(|_| InvalidInput::new("scale", "must be a number"))?;
        ImageScale::checked(number)
    }
}

impl Serialize for ImageScale {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ImageScale {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = serde_json::Number::deserialize(deserializer)?;
        ImageScale::checked(number).map_err(serde::de::Error::custom)
    }
}

validated_number! {
    /// How many times Agora retries a failed webhook call
    /// (`webhookRetry`): 0 to 10, Agora's default 3.
    ///
    /// ```
    /// use agora_api::whiteboard::WebhookRetries;
    /// assert!(WebhookRetries::new(10).is_ok());
    /// assert!(WebhookRetries::new(11).is_err());
    /// ```
    WebhookRetries(u8), field = "webhookRetry", check = check_retries
}

fn check_retries(value: u8) -> Result<u8, InvalidInput> {
    if value > 10 {
        return Err(InvalidInput::new(
            "webhookRetry",
            format!("must be from 0 to 10 (got {value})"),
        ));
    }
    Ok(value)
}

validated_number! {
    /// How much a dynamic conversion compresses its images
    /// (`imageCompressionLevel`): `0` (the default) keeps them as they
    /// are; `1` to `4` limit them to 256, 192, 128 or 64 colours.
    ///
    /// ```
    /// use agora_api::whiteboard::CompressionLevel;
    /// assert!(CompressionLevel::new(4).is_ok());
    /// assert!(CompressionLevel::new(5).is_err());
    /// ```
    CompressionLevel(u8), field = "imageCompressionLevel", check = check_compression
}

fn check_compression(value: u8) -> Result<u8, InvalidInput> {
    if value > 4 {
        return Err(InvalidInput::new(
            "imageCompressionLevel",
            format!("must be from 0 to 4 (got {value})"),
        ));
    }
    Ok(value)
}

/// Starts converting a file. Needs an SDK token, writer or admin.
///
/// Not idempotent: a second copy would queue a second task. `scale` and
/// `outputFormat` apply to static conversions only,
/// `imageCompressionLevel` to dynamic ones only (Agora ignores them
/// otherwise); a team queues a limited number of tasks (error 2010203).
///
/// ```
/// use agora_api::whiteboard::{ConversionKind, FileUrl, StartConversion};
///
/// let start = StartConversion::builder()
///     .resource(FileUrl::new("https://example.com/deck.pptx")?)
///     .kind(ConversionKind::Dynamic)
///     .preview(true)
///     .build();
/// assert_eq!(start.kind, ConversionKind::Dynamic);
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v5/projector/tasks",
    response = StartedConversion,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/file-conversion",
)]
#[auth(whiteboard_token)]
pub struct StartConversion {
    /// The file's URL, which Agora must be able to download.
    pub resource: FileUrl,
    /// What to convert it to.
    #[endpoint(rename = "type")]
    pub kind: ConversionKind,
    /// Whether to make previews of the pages.
    pub preview: Option<bool>,
    /// The images' scale (static only).
    pub scale: Option<ImageScale>,
    /// The images' format (static only).
    #[endpoint(rename = "outputFormat")]
    pub output_format: Option<ImageFormat>,
    /// Where Agora reports the task's progress.
    #[endpoint(rename = "webhookEndpoint")]
    pub webhook_endpoint: Option<FileUrl>,
    /// Retries of a failed webhook call.
    #[endpoint(rename = "webhookRetry")]
    pub webhook_retry: Option<WebhookRetries>,
    /// The images' compression (dynamic only).
    #[endpoint(rename = "imageCompressionLevel")]
    pub image_compression_level: Option<CompressionLevel>,
    /// Whether to build a single-page application of the result
    /// (Agora's default: yes).
    #[endpoint(rename = "buildSpa")]
    pub build_spa: Option<bool>,
}

impl WhiteboardCall for StartConversion {
    const TOKEN: TokenNeed = TokenNeed::new(SDK, WhiteboardRole::Writer);
}

/// Reads a conversion task's progress and results. Needs the task's
/// token ([`GenerateTaskToken`](super::GenerateTaskToken)); Agora keeps
/// tasks seven days.
///
/// A client whose Whiteboard auth is a
/// [`WhiteboardMinter`](crate::token::WhiteboardMinter) sends SDK tokens,
/// which this call does not take: send it with a client holding the
/// task's token (`.whiteboard_token(..)`, with a token from
/// [`GenerateTaskToken`](super::GenerateTaskToken) or
/// `GetConversion::TOKEN.mint(..)`).
///
/// ```
/// use agora_api::token::{WhiteboardKeys, WhiteboardTokenKind};
/// use agora_api::whiteboard::{GetConversion, TaskUuid, WhiteboardCall};
///
/// let keys = WhiteboardKeys::new("ak", "sk")?;
/// let call = GetConversion::builder().uuid(TaskUuid::new("2fd2d367e")?).build();
/// let token = GetConversion::TOKEN.mint(&keys, call.token_subject(), None)?;
/// assert!(token.expose_secret().starts_with(WhiteboardTokenKind::Task.prefix()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v5/projector/tasks/{uuid}",
    response = ConversionTask,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/file-conversion",
)]
#[auth(whiteboard_token)]
pub struct GetConversion {
    /// The task.
    pub uuid: TaskUuid,
}

impl WhiteboardCall for GetConversion {
    const TOKEN: TokenNeed = TokenNeed::new(TASK, WhiteboardRole::Reader);

    fn token_subject(&self) -> Option<&str> {
        Some(self.uuid.as_str())
    }
}

/// Lists the team's tasks that wait or convert. Needs an SDK token,
/// writer or admin.
#[endpoint_docs]
#[derive(Debug, Clone, Default, Endpoint)]
#[endpoint(
    GET,
    "/v5/projector/tasks",
    response = Vec<QueuedConversion>,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/file-conversion",
)]
#[auth(whiteboard_token)]
pub struct ListQueuedConversions {}

impl WhiteboardCall for ListQueuedConversions {
    const TOKEN: TokenNeed = TokenNeed::new(SDK, WhiteboardRole::Writer);
}

/// Cancels a task that waits or converts. Needs an SDK token (the
/// reference page names no role).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/v5/projector/tasks/{uuid}",
    response = CancelledConversion,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/file-conversion",
)]
#[auth(whiteboard_token)]
pub struct CancelConversion {
    /// The task.
    pub uuid: TaskUuid,
}

impl WhiteboardCall for CancelConversion {
    const TOKEN: TokenNeed = TokenNeed::new(SDK, WhiteboardRole::Reader);
}

closed_enum! {
    /// Where a waiting task moves in the queue (`priority`).
    pub enum TaskPriority in "priority" {
        /// To the front.
        Highest = "highest",
        /// To the back.
        Lowest = "lowest",
    }
}

/// Moves a waiting task to the front or the back of the queue (a task
/// converting already cannot move: error 2010607). Needs an SDK token,
/// writer or admin.
///
/// The reference page's example sends `PUT /v5/projector/tasks/{uuid}`
/// without `/priority`, and its answer table names `uuid` where the
/// example answers `taskId`; the prototype's path is bound, and both
/// names are read (`specs/whiteboard.json`, exceptions
/// `priority-example-path` and `priority-answer-member`).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PUT,
    "/v5/projector/tasks/{uuid}/priority",
    response = PrioritizedConversion,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/file-conversion",
)]
#[auth(whiteboard_token)]
pub struct SetConversionPriority {
    /// The task.
    pub uuid: TaskUuid,
    /// Where it moves.
    pub priority: TaskPriority,
}

impl WhiteboardCall for SetConversionPriority {
    const TOKEN: TokenNeed = TokenNeed::new(SDK, WhiteboardRole::Writer);
}

string_enum! {
    /// Where a conversion task is.
    pub enum ConversionStatus {
        /// In the queue.
        Waiting = "Waiting",
        /// Converting.
        Converting = "Converting",
        /// Done: the results are there.
        Finished = "Finished",
        /// Failed: `errorCode` and `errorMessage` say why.
        Fail = "Fail",
    }
}

impl ConversionStatus {
    /// Whether the task will not change any more.
    pub fn is_over(&self) -> bool {
        matches!(self, ConversionStatus::Finished | ConversionStatus::Fail)
    }
}

/// What starting a conversion answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct StartedConversion {
    /// The task.
    pub uuid: TaskUuid,
    /// `dynamic` or `static`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Where it is (`Waiting`).
    #[serde(default)]
    pub status: Option<ConversionStatus>,
}

/// A conversion task's progress and results.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ConversionTask {
    /// The task.
    pub uuid: TaskUuid,
    /// `dynamic` or `static`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Where it is.
    pub status: ConversionStatus,
    /// How much is converted, in percent.
    #[serde(default)]
    pub converted_percentage: Option<f64>,
    /// The prefix of the results' URLs.
    #[serde(default)]
    pub prefix: Option<String>,
    /// How many pages the file has (not after a failure).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub page_count: Option<u64>,
    /// Each page's preview, by page number (dynamic, with `preview`).
    #[serde(default)]
    pub previews: Option<BTreeMap<String, String>>,
    /// The notes and comments of the file's pages.
    #[serde(default)]
    pub note: Option<String>,
    /// Each page's image, by page number (static).
    #[serde(default)]
    pub images: Option<BTreeMap<String, ConversionImage>>,
    /// Why it failed.
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub error_code: Option<String>,
    /// Why it failed, in words.
    #[serde(default)]
    pub error_message: Option<String>,
    /// Every result in one ZIP file.
    #[serde(default)]
    pub zip: Option<String>,
    /// Every resource the pages need.
    #[serde(default)]
    pub resources: Option<Vec<String>>,
}

/// One page's image of a static conversion.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConversionImage {
    /// Its width in pixels.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub width: Option<u64>,
    /// Its height in pixels.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub height: Option<u64>,
    /// Its URL.
    pub url: String,
}

int_enum! {
    /// Where a queued task is (`status` of the queue).
    pub enum QueuedStatus {
        /// Waiting its turn.
        Waiting = 0,
        /// Converting.
        Converting = 1,
    }
}

/// A task of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct QueuedConversion {
    /// The task.
    pub task_id: String,
    /// Where it is.
    pub status: QueuedStatus,
}

/// What cancelling answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CancelledConversion {
    /// The task.
    #[serde(default)]
    pub task_id: Option<String>,
    /// Whether it was cancelled.
    pub success: bool,
}

/// What moving a task in the queue answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PrioritizedConversion {
    /// The task (`taskId` in Agora's example, `uuid` in its table).
    #[serde(default, alias = "uuid")]
    pub task_id: Option<String>,
    /// Whether it moved.
    pub success: bool,
}
