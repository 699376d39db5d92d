//! Watermarks of an entry point: images laid over its streams, original
//! and transcoded alike.

use serde::{Deserialize, Serialize};

use crate::{AppId, Endpoint, FieldPath, InvalidInput, Validate, endpoint_docs};

use super::{Done, EntryPointName};

/// Most watermarks an entry point takes.
pub const MAX_WATERMARKS: usize = 5;
/// Largest coordinate or side of a watermark, pixels.
pub const MAX_WATERMARK_PIXELS: u32 = 1920;

/// One watermark: a PNG image and where it sits on the video.
///
/// `url` may hold `{entry_point}` and `{stream_name}`, which Agora
/// replaces with the stream's, so one setting gives each stream its own
/// image. `x`, `y`, `width` and `height` are pixels from 0 to 1920.
///
/// ```
/// use agora_api::media_broadcast::Watermark;
/// use agora_api::{FieldPath, Validate};
///
/// let logo = Watermark::new("https://cdn.example.com/{stream_name}/logo.png", 10, 10, 200, 80).layered(2);
/// assert!(logo.validate(&FieldPath::root("waterMarkSet")).is_ok());
/// let jpeg = Watermark::new("https://cdn.example.com/logo.jpg", 0, 0, 200, 80);
/// let error = jpeg.validate(&FieldPath::root("waterMarkSet")).unwrap_err();
/// assert_eq!(error.field(), "waterMarkSet.url");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Watermark {
    /// The image: an `http://` or `https://` URL of a PNG file.
    pub url: String,
    /// Left edge, pixels (0 to 1920).
    pub x: u32,
    /// Top edge, pixels (0 to 1920).
    pub y: u32,
    /// Width, pixels (0 to 1920).
    pub width: u32,
    /// Height, pixels (0 to 1920).
    pub height: u32,
    /// Stacking order, higher on top. Agora's example sends it; its
    /// table does not list it or a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub z_order: Option<u32>,
}

impl Watermark {
    /// The image at `url`, at (`x`, `y`), `width` × `height` pixels.
    pub fn new(url: impl Into<String>, x: u32, y: u32, width: u32, height: u32) -> Self {
        Watermark {
            url: url.into(),
            x,
            y,
            width,
            height,
            z_order: None,
        }
    }

    /// The same watermark at stacking order `z_order`.
    pub fn layered(self, z_order: u32) -> Self {
        Watermark {
            z_order: Some(z_order),
            ..self
        }
    }
}

/// Whether `url` is an http(s) URL whose path ends in `.png`.
fn is_png_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let path = rest.split(['?', '#']).next().unwrap_or_default();
    let Some((host, file)) = path.split_once('/') else {
        return false;
    };
    !host.is_empty()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
        && file.to_ascii_lowercase().ends_with(".png")
}

impl Validate for Watermark {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if !is_png_url(&self.url) {
            return Err(at.member("url").invalid(
                "must be an http:// or https:// URL of a .png file (Agora takes PNG only)",
            ));
        }
        for (name, value) in [
            ("x", self.x),
            ("y", self.y),
            ("width", self.width),
            ("height", self.height),
        ] {
            if value > MAX_WATERMARK_PIXELS {
                return Err(at.member(name).invalid(format!(
                    "must be from 0 to {MAX_WATERMARK_PIXELS} (got {value})"
                )));
            }
        }
        Ok(())
    }
}

/// Sets the watermarks of an entry point (Agora's "Create watermark
/// templates"): at most five, replacing those it had.
///
/// Idempotent: the call sets the whole list, so sending it twice leaves
/// the same list.
///
/// Agora's table names the list `watermarkSet`, its example
/// `waterMarkSet`; the example's spelling is sent (`specs/media-broadcast.json`,
/// exception `fls-watermark-set-spelling`), and answers are read in
/// either.
///
/// ```
/// use agora_api::media_broadcast::{CreateWatermarkTemplates, EntryPointName, Watermark};
/// use agora_api::{AppId, Client};
///
/// let call = CreateWatermarkTemplates::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .entry_point(EntryPointName::new("live")?)
///     .water_mark_set(vec![Watermark::new("https://cdn.example.com/logo.png", 0, 0, 200, 200)])
///     .build();
/// let client = Client::builder().hmac_auth("id", "secret").build()?;
/// let request = client.prepare(&call)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(
///     std::str::from_utf8(body)?,
///     r#"{"waterMarkSet":[{"url":"https://cdn.example.com/logo.png","x":0,"y":0,"width":200,"height":200}]}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/watermark",
    response = Done,
    idempotent,
    validate = CreateWatermarkTemplates::check,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/watermarks",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct CreateWatermarkTemplates {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The watermarks, at most five.
    #[endpoint(rename = "waterMarkSet")]
    pub water_mark_set: Vec<Watermark>,
}

impl CreateWatermarkTemplates {
    fn check(&self) -> Result<(), InvalidInput> {
        if self.water_mark_set.len() > MAX_WATERMARKS {
            return Err(InvalidInput::new(
                "waterMarkSet",
                format!(
                    "holds at most {MAX_WATERMARKS} watermarks (got {})",
                    self.water_mark_set.len()
                ),
            ));
        }
        Ok(())
    }
}

/// Lists the watermarks of an entry point.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/watermark",
    response = WatermarkTemplates,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/watermarks",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct ListWatermarkTemplates {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
}

/// The watermarks of an entry point, as [`ListWatermarkTemplates`]
/// answers them.
///
/// ```
/// use agora_api::media_broadcast::WatermarkTemplates;
/// let listed: WatermarkTemplates = serde_json::from_str(
///     r#"{"watermarkSet": [{"url": "http://x.example/a.png", "x": 0, "y": 0, "width": 9, "height": 9}]}"#,
/// )?;
/// assert_eq!(listed.water_mark_set[0].width, 9);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct WatermarkTemplates {
    /// The watermarks (`waterMarkSet`, or `watermarkSet` as the table
    /// spells it).
    #[serde(default, rename = "waterMarkSet", alias = "watermarkSet")]
    pub water_mark_set: Vec<Watermark>,
}
