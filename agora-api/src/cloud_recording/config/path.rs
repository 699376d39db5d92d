//! The dotted wire path of a field, as validation errors name it: the
//! runtime's [`FieldPath`], and `at`, the short form the config checks use.

pub(in crate::cloud_recording) use crate::FieldPath;

/// `parent.name`, the path of a nested field.
pub(super) fn at<'a>(parent: &'a FieldPath<'a>, name: &'a str) -> FieldPath<'a> {
    parent.member(name)
}
