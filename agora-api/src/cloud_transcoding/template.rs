//! Transcoding templates: the output profiles of audience-side
//! multi-bitrate (ABR). With template `codecId` enabled in channel
//! `channel`, the audience joins `channel_codecId` for the stream
//! transcoded by it.

use serde::{Deserialize, Serialize};

use crate::types::AppId;
use crate::values::validated_string;
use crate::{Endpoint, FieldPath, InvalidInput, Validate, endpoint_docs};

/// Punctuation Agora allows in a template ID, besides ASCII letters,
/// digits and the space.
const CODEC_ID_PUNCTUATION: &str = "!#$%&()+-:;<=.>?@[]^_{}|,";

validated_string! {
    /// A transcoding template's ID (`codecId`): 1 to 64 bytes of ASCII
    /// letters, digits, space and `!#$%&()+-:;<=.>?@[]^_{}|,`.
    ///
    /// ```
    /// use agora_api::cloud_transcoding::CodecId;
    /// assert!(CodecId::new("720p_low").is_ok());
    /// assert_eq!(
    ///     CodecId::new("a/b").unwrap_err().to_string(),
    ///     "invalid `codecId`: contains '/'; allowed are ASCII letters, digits, space and !#$%&()+-:;<=.>?@[]^_{}|,"
    /// );
    /// assert!(CodecId::new("x".repeat(65)).is_err());
    /// ```
    CodecId, field = "codecId", check = check_codec_id
}

fn check_codec_id(value: &str) -> Result<(), String> {
    if value.is_empty() || value.len() > 64 {
        return Err(format!("must be 1 to 64 bytes (got {})", value.len()));
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == ' ' || CODEC_ID_PUNCTUATION.contains(*c)))
    {
        return Err(format!(
            "contains {bad:?}; allowed are ASCII letters, digits, space and {CODEC_ID_PUNCTUATION}"
        ));
    }
    Ok(())
}

/// The output video of a template: each side at most 1920 px, at most
/// 60 fps. Agora names it `video` in requests and `Video` in the query's
/// answer; both are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TemplateVideo {
    /// Width, at most 1920 px.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Height, at most 1920 px.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Frame rate, at most 60 fps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fps: Option<u32>,
}

impl Validate for TemplateVideo {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        let limits = [
            (self.width, "width", 1920, " px"),
            (self.height, "height", 1920, " px"),
            (self.fps, "fps", 60, " fps"),
        ];
        for (value, name, max, unit) in limits {
            if let Some(value) = value.filter(|value| *value > max) {
                return Err(at
                    .member(name)
                    .invalid(format!("must be at most {max}{unit} (got {value})")));
            }
        }
        Ok(())
    }
}

/// Creates a transcoding template, or replaces the one of that ID.
///
/// The answer's `status` is `success`; any other value is reported as a
/// failure. Idempotent: the same call leaves the same template.
///
/// ```
/// use agora_api::cloud_transcoding::{CodecId, SetTranscodingTemplate, TemplateVideo};
/// use agora_api::{AppId, Client};
///
/// let set = SetTranscodingTemplate::builder()
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .codec_id(CodecId::new("720p")?)
///     .enabled(true)
///     .video(TemplateVideo { width: Some(1280), height: Some(720), fps: Some(30) })
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&set)?;
/// assert!(request.url().path().ends_with("/rtls/abr/config/codecs/720p"));
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(
///     std::str::from_utf8(body)?,
///     r#"{"enabled":true,"video":{"width":1280,"height":720,"fps":30}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/projects/{appId}/rtls/abr/config/codecs/{codecId}",
    response = TemplateStatus,
    idempotent = true,
    envelope = crate::envelope::STATUS_SUCCESS,
    doc = "https://docs.agora.io/en/api-reference/api-ref/cloud-transcoding/template-create",
    rate_limit(10, per = second, scope = account, shared = "cloud_transcoding"),
)]
#[auth(basic)]
pub struct SetTranscodingTemplate {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The template's ID.
    #[endpoint(path, rename = "codecId")]
    pub codec_id: CodecId,
    /// Whether the template is in use.
    pub enabled: bool,
    /// The output video.
    pub video: TemplateVideo,
}

/// The answer of [`SetTranscodingTemplate`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct TemplateStatus {
    /// `success`.
    pub status: String,
}

/// Lists the project's transcoding templates and whether audience-side
/// multi-bitrate is on.
///
/// ```
/// use agora_api::cloud_transcoding::ListTranscodingTemplates;
/// use agora_api::{AppId, Client};
///
/// let list = ListTranscodingTemplates::builder()
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&list)?;
/// assert_eq!(request.method(), "GET");
/// assert!(request.url().path().ends_with("/rtls/abr/config/codecs"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appId}/rtls/abr/config/codecs",
    response = TranscodingTemplates,
    envelope = crate::envelope::STATUS_SUCCESS,
    doc = "https://docs.agora.io/en/api-reference/api-ref/cloud-transcoding/template-query",
    rate_limit(10, per = second, scope = account, shared = "cloud_transcoding"),
)]
#[auth(basic)]
pub struct ListTranscodingTemplates {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
}

/// The answer of [`ListTranscodingTemplates`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct TranscodingTemplates {
    /// `success`.
    pub status: String,
    /// The templates.
    #[serde(default)]
    pub data: Option<TemplateList>,
}

/// The templates of a project.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct TemplateList {
    /// Whether audience-side multi-bitrate is on.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The templates.
    #[serde(default)]
    pub codecs: Vec<TranscodingTemplate>,
}

/// One template.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct TranscodingTemplate {
    /// Its ID (as Agora answers it: not checked against the request
    /// rules).
    pub id: String,
    /// Whether it is in use.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Its output video (`Video` in Agora's table, `video` in its
    /// example).
    #[serde(default, rename = "Video", alias = "video")]
    pub video: Option<TemplateVideo>,
}
