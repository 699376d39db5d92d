//! The dotted wire path of a field, as validation errors name it.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

/// The dotted wire path of a nested field, from the body's top level
/// (`clientRequest.recordingConfig.layoutConfig[2].x_axis`), as errors
/// name it.
///
/// It is a chain of borrowed segments, written out only when an error is
/// made: checking a valid request allocates nothing.
#[derive(Debug, Clone, Copy)]
pub(in crate::cloud_recording) struct FieldPath<'a> {
    parent: Option<&'a FieldPath<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Name(&'a str),
    Index(usize),
}

impl<'a> FieldPath<'a> {
    /// A top-level member.
    pub(in crate::cloud_recording) const fn root(name: &'a str) -> Self {
        FieldPath {
            parent: None,
            segment: Segment::Name(name),
        }
    }

    /// Element `index` of this list.
    pub(super) fn index(&'a self, index: usize) -> FieldPath<'a> {
        FieldPath {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            fmt::Display::fmt(parent, f)?;
        }
        match self.segment {
            Segment::Name(name) => {
                if self.parent.is_some() {
                    f.write_char('.')?;
                }
                f.write_str(name)
            }
            Segment::Index(index) => write!(f, "[{index}]"),
        }
    }
}

impl From<FieldPath<'_>> for Cow<'static, str> {
    fn from(path: FieldPath<'_>) -> Self {
        Cow::Owned(path.to_string())
    }
}

/// `parent.name`, the path of a nested field.
pub(super) fn at<'a>(parent: &'a FieldPath<'a>, name: &'a str) -> FieldPath<'a> {
    FieldPath {
        parent: Some(parent),
        segment: Segment::Name(name),
    }
}
