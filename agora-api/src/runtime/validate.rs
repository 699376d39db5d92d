//! Validation of nested request values: the [`Validate`] trait and the
//! dotted [`FieldPath`] its errors name.
//!
//! Single values check themselves when they are made (`AppId`,
//! `ChannelName`, …). A value made of several fields whose rules span them
//! (a recording's storage settings, a layout) implements [`Validate`]; the
//! derive calls it for every field of an endpoint whose type implements it,
//! under the field's wire name, before any I/O and when a request is
//! decoded. An endpoint's own `validate = ...` is left for rules across
//! its top-level fields.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use crate::error::InvalidInput;

/// The dotted wire path of a nested field, from the body's top level
/// (`clientRequest.recordingConfig.layoutConfig[2].x_axis`), as errors
/// name it.
///
/// A chain of borrowed segments, written out only when an error is made:
/// checking a valid request allocates nothing.
///
/// ```
/// use agora_api::FieldPath;
///
/// let body = FieldPath::root("clientRequest");
/// let layouts = body.member("layoutConfig");
/// let third = layouts.index(2);
/// assert_eq!(third.member("x_axis").to_string(), "clientRequest.layoutConfig[2].x_axis");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct FieldPath<'a> {
    parent: Option<&'a FieldPath<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Name(&'a str),
    Index(usize),
}

impl<'a> FieldPath<'a> {
    /// A top-level member, by its wire name.
    pub const fn root(name: &'a str) -> Self {
        FieldPath {
            parent: None,
            segment: Segment::Name(name),
        }
    }

    /// Member `name` of this object.
    pub const fn member(&'a self, name: &'a str) -> FieldPath<'a> {
        FieldPath {
            parent: Some(self),
            segment: Segment::Name(name),
        }
    }

    /// Element `index` of this list.
    pub const fn index(&'a self, index: usize) -> FieldPath<'a> {
        FieldPath {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }

    /// An [`InvalidInput`] for the field at this path.
    ///
    /// ```
    /// use agora_api::FieldPath;
    /// let error = FieldPath::root("canvas").member("width").invalid("must be at least 120");
    /// assert_eq!(error.field(), "canvas.width");
    /// ```
    pub fn invalid(&self, rule: impl Into<Cow<'static, str>>) -> InvalidInput {
        InvalidInput::new(self.to_string(), rule)
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

/// A request value with rules across its own fields, checked before any
/// I/O. The derive calls it for each endpoint field whose type implements
/// it (through `Option` and `Vec` too), with the field's wire name as the
/// root of `at`; errors name the full dotted path.
///
/// ```
/// use agora_api::{Endpoint, FieldPath, InvalidInput, Validate};
/// use serde::{Deserialize, Serialize};
///
/// /// A canvas: both sides or neither.
/// #[derive(Debug, Clone, Serialize, Deserialize)]
/// pub struct Canvas {
///     pub width: Option<u32>,
///     pub height: Option<u32>,
/// }
///
/// impl Validate for Canvas {
///     fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
///         if self.width.is_some() != self.height.is_some() {
///             return Err(at.member("height").invalid("must be set with width"));
///         }
///         Ok(())
///     }
/// }
///
/// #[derive(Debug, Clone, Endpoint)]
/// #[endpoint(POST, "/dev/v1/beta/canvas", response = serde_json::Value)]
/// #[auth(basic)]
/// pub struct SetBetaCanvas {
///     canvas: Canvas,
/// }
///
/// let call = SetBetaCanvas::builder()
///     .canvas(Canvas { width: Some(640), height: None })
///     .build();
/// let error = call.validate().unwrap_err();
/// assert_eq!(error.field(), "canvas.height");
/// ```
pub trait Validate {
    /// Checks the value's rules; `at` is where it sits in the request.
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput>;
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        match self {
            Some(value) => value.validate(at),
            None => Ok(()),
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        self.iter()
            .enumerate()
            .try_for_each(|(index, item)| item.validate(&at.index(index)))
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        (**self).validate(at)
    }
}

/// How the derive calls [`Validate`] on a field whose type may not
/// implement it: method resolution on `(&Field(&value)).validate_field(..)`
/// picks [`ByValidate`] when the type implements [`Validate`] (no autoref
/// needed) and [`NothingToValidate`] otherwise (one more autoref).
#[doc(hidden)]
#[derive(Debug)]
pub struct Field<'a, T: ?Sized>(pub &'a T);

#[doc(hidden)]
pub trait ByValidate {
    fn validate_field(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput>;
}

impl<T: Validate + ?Sized> ByValidate for Field<'_, T> {
    fn validate_field(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        self.0.validate(at)
    }
}

#[doc(hidden)]
pub trait NothingToValidate {
    fn validate_field(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput>;
}

impl<T: ?Sized> NothingToValidate for &Field<'_, T> {
    fn validate_field(&self, _at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Positive(i32);

    impl Validate for Positive {
        fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
            if self.0 > 0 {
                Ok(())
            } else {
                Err(at.invalid("must be positive"))
            }
        }
    }

    #[test]
    #[allow(
        clippy::needless_borrow,
        reason = "the borrow is the derive's call, which picks the impl by autoref"
    )]
    fn the_derive_s_call_finds_validate_when_implemented_and_nothing_otherwise() {
        let at = FieldPath::root("n");
        let bad = vec![Positive(1), Positive(-1)];
        let error = (&Field(&bad)).validate_field(&at).unwrap_err();
        assert_eq!(error.field(), "n[1]");
        assert_eq!(error.rule(), "must be positive");
        let plain = 5_u32;
        assert!((&Field(&plain)).validate_field(&at).is_ok());
        let absent: Option<Positive> = None;
        assert!((&Field(&absent)).validate_field(&at).is_ok());
    }
}
