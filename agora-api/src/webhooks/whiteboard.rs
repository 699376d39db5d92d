//! Interactive Whiteboard's file-conversion callback: not an NCS
//! notification (no envelope, no signature), POSTed to the
//! `webhookEndpoint` of a `POST /v5/projector/tasks` request.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::lenient;

/// The result of a file conversion, as Whiteboard POSTs it.
///
/// Agora documents no signature, timeout or content type for it, and it
/// may come more than once (`webhookRetry`, default 3): process it
/// idempotently, keyed on [`task_id`](ConversionResult::task_id).
/// The example nests the result under `data`; the field list of the
/// endpoint reference has it flat. Both are read.
///
/// ```
/// use agora_api::webhooks::ConversionCallback;
/// let nested = br#"{"code":0,"message":"ok","data":{"taskId":"t1","taskType":"dynamic_conversion","prefixUrl":"https://example.com/t1","pageCount":2,"previews":{"1":"https://example.com/1.png"},"note":"","images":{},"noticeTimestamp":1700000000000}}"#;
/// let flat = br#"{"code":0,"message":"ok","taskId":"t1","pageCount":2}"#;
/// let nested = ConversionCallback::from_slice(nested)?;
/// let flat = ConversionCallback::from_slice(flat)?;
/// assert!(nested.succeeded());
/// assert_eq!(nested.result.task_id, flat.result.task_id);
/// assert_eq!(nested.result.previews["1"], "https://example.com/1.png");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConversionCallback {
    /// 0 on success; `None` when the body has no `code` (not counted as
    /// a success).
    pub code: Option<i64>,
    /// The message.
    pub message: Option<String>,
    /// The conversion.
    pub result: ConversionResult,
}

/// What a conversion produced.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ConversionResult {
    /// The task.
    pub task_id: String,
    /// `"dynamic_conversion"`, ...
    #[serde(default)]
    pub task_type: Option<String>,
    /// Where the converted files are.
    #[serde(default)]
    pub prefix_url: Option<String>,
    /// Pages.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub page_count: Option<u64>,
    /// Page number → preview URL.
    #[serde(default)]
    pub previews: BTreeMap<String, String>,
    /// A note.
    #[serde(default)]
    pub note: Option<String>,
    /// Page number → image URL.
    #[serde(default)]
    pub images: BTreeMap<String, String>,
    /// When the callback was sent (Unix ms).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub notice_timestamp: Option<u64>,
}

#[derive(Deserialize)]
struct Outer {
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    code: Option<i64>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    data: Option<serde_json::Value>,
}

impl ConversionCallback {
    /// Decodes the callback's body.
    pub fn from_slice(body: &[u8]) -> Result<Self, serde_json::Error> {
        let value: serde_json::Value = serde_json::from_slice(body)?;
        let outer = Outer::deserialize(&value)?;
        let result = match &outer.data {
            Some(data @ serde_json::Value::Object(_)) => ConversionResult::deserialize(data)?,
            _ => ConversionResult::deserialize(&value)?,
        };
        Ok(ConversionCallback {
            code: outer.code,
            message: outer.message,
            result,
        })
    }

    /// Whether the conversion succeeded (`code` 0).
    pub fn succeeded(&self) -> bool {
        self.code == Some(0)
    }
}
