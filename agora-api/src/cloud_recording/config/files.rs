//! The recorded files (`recordingFileConfig`) and screenshots
//! (`snapshotConfig`).

use serde::{Deserialize, Serialize};

use crate::error::InvalidInput;
use crate::values::string_enum;

use super::check_range;
use super::path::{FieldPath, at};

// ---------------------------------------------------------------------------
// Recorded files and screenshots.

/// Which recorded files to produce (`recordingFileConfig`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingFileConfig {
    /// File types: `["hls"]` (default) or, in `mix` and `web` modes,
    /// `["hls", "mp4"]`; `["mp4"]` alone is an error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub av_file_type: Option<Vec<AvFileType>>,
}

impl RecordingFileConfig {
    pub(super) fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(types) = &self.av_file_type
            && types.contains(&AvFileType::Mp4)
            && !types.contains(&AvFileType::Hls)
        {
            return Err(InvalidInput::new(
                at(parent, "avFileType"),
                "must include \"hls\" with \"mp4\": [\"hls\", \"mp4\"]",
            ));
        }
        Ok(())
    }
}

string_enum! {
    /// A recorded file type (`recordingFileConfig.avFileType[]`).
    pub enum AvFileType {
        /// M3U8 and TS files.
        Hls = "hls",
        /// MP4 files.
        Mp4 = "mp4",
    }
}

/// Screenshots (`snapshotConfig`; `individual` mode only). `streamTypes`
/// must then be video or audio and video, and `subscribeVideoUids` must be
/// set if `subscribeAudioUids` is.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotConfig {
    /// Seconds between screenshots: 5 to 3600, default 10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture_interval: Option<u32>,
    /// The file format: `["jpg"]`, the only one supported.
    pub file_type: Vec<SnapshotFileType>,
}

impl Default for SnapshotConfig {
    /// JPG screenshots every 10 seconds.
    fn default() -> Self {
        SnapshotConfig {
            capture_interval: None,
            file_type: vec![SnapshotFileType::Jpg],
        }
    }
}

impl SnapshotConfig {
    pub(super) fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(
            self.capture_interval,
            5..=3600,
            || at(parent, "captureInterval"),
            " seconds",
        )?;
        if self.file_type.is_empty() {
            return Err(InvalidInput::new(
                at(parent, "fileType"),
                "must not be empty: use [\"jpg\"]",
            ));
        }
        Ok(())
    }
}

string_enum! {
    /// A screenshot file format (`snapshotConfig.fileType[]`).
    pub enum SnapshotFileType {
        /// JPG.
        Jpg = "jpg",
    }
}
