//! The file conversion Agora replaced on 27 July 2022
//! (`/v5/services/conversion/...`): deprecated, kept for the tasks and
//! projects that still use it.
#![allow(deprecated)]

use serde::Deserialize;

use super::conversion::{
    ConversionKind, ConversionStatus, FileUrl, ImageScale, StartedConversion, TaskUuid,
};
use super::need::{SDK, TASK, TokenNeed, WhiteboardCall};
use crate::token::WhiteboardRole;
use crate::values::{closed_enum, lenient};
use crate::{Endpoint, endpoint_docs};

closed_enum! {
    /// The image format of a legacy static conversion (`outputFormat`);
    /// Agora's default is PNG.
    pub enum LegacyImageFormat in "outputFormat" {
        /// PNG.
        Png = "png",
        /// JPEG, as `jpg`.
        Jpg = "jpg",
        /// JPEG, as `jpeg`.
        Jpeg = "jpeg",
        /// WebP.
        Webp = "webp",
    }
}

/// Starts a conversion with the service Agora replaced in 2022. Needs an
/// SDK token, writer or admin.
///
/// Not idempotent: a second copy would queue a second task. Use
/// [`StartConversion`](super::StartConversion).
#[deprecated(note = "Agora replaced this file conversion in 2022: use whiteboard::StartConversion")]
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v5/services/conversion/tasks",
    response = StartedConversion,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/file-conversion-deprecated",
)]
#[auth(whiteboard_token)]
pub struct StartLegacyConversion {
    /// The file's URL, which Agora must be able to download.
    pub resource: FileUrl,
    /// What to convert it to.
    #[endpoint(rename = "type")]
    pub kind: ConversionKind,
    /// Whether to make previews (dynamic only; slow).
    pub preview: Option<bool>,
    /// The images' scale, 0.1 to 3.0 (static only).
    pub scale: Option<ImageScale>,
    /// The images' format (static only).
    #[endpoint(rename = "outputFormat")]
    pub output_format: Option<LegacyImageFormat>,
    /// Whether to pack every image into `{uuid}.zip` (static only).
    pub pack: Option<bool>,
}

impl WhiteboardCall for StartLegacyConversion {
    const TOKEN: TokenNeed = TokenNeed::new(SDK, WhiteboardRole::Writer);
}

/// Reads the progress of a legacy conversion task. Needs the task's
/// token, as [`GetConversion`](super::GetConversion) does (which is the
/// call for new tasks).
///
/// The page's example sends an SDK token where its table asks for a
/// task token; the task token is required (`specs/whiteboard.json`,
/// exception `legacy-query-example-token`).
#[deprecated(note = "Agora replaced this file conversion in 2022: use whiteboard::GetConversion")]
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v5/services/conversion/tasks/{uuid}",
    response = LegacyConversionTask,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/file-conversion-deprecated",
)]
#[auth(whiteboard_token)]
pub struct GetLegacyConversion {
    /// The task.
    pub uuid: TaskUuid,
    /// The task's conversion type.
    #[endpoint(query, rename = "type")]
    pub kind: ConversionKind,
}

impl WhiteboardCall for GetLegacyConversion {
    const TOKEN: TokenNeed = TokenNeed::new(TASK, WhiteboardRole::Reader);

    fn token_subject(&self) -> Option<&str> {
        Some(self.uuid.as_str())
    }
}

/// A legacy conversion task.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LegacyConversionTask {
    /// The task.
    pub uuid: TaskUuid,
    /// `dynamic` or `static`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Where it is.
    pub status: ConversionStatus,
    /// Why it failed (with `Fail`).
    #[serde(default)]
    pub failed_reason: Option<String>,
    /// How far it is, and its files.
    #[serde(default)]
    pub progress: Option<LegacyConversionProgress>,
}

/// `progress` of a legacy task.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LegacyConversionProgress {
    /// The file's pages.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub total_page_size: Option<u64>,
    /// The pages converted so far.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub converted_page_size: Option<u64>,
    /// How much is converted, in percent.
    #[serde(default)]
    pub converted_percentage: Option<f64>,
    /// The files made so far.
    #[serde(default)]
    pub converted_file_list: Vec<LegacyConversionFile>,
    /// What a dynamic conversion is doing (`Extracting`, `Packaging`,
    /// `GeneratingPreview`, `MediaTranscode`).
    #[serde(default)]
    pub current_step: Option<String>,
}

/// One converted page of a legacy task.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LegacyConversionFile {
    /// Its width in pixels.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub width: Option<u64>,
    /// Its height in pixels.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub height: Option<u64>,
    /// Its URL.
    pub conversion_file_url: String,
    /// Its preview (dynamic, with `preview`).
    #[serde(default)]
    pub preview: Option<String>,
}
