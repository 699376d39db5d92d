//! Validated whole numbers: a documented range checked when the value is
//! made and again when it is decoded.

/// Defines a whole-number input newtype checked by `$check`, serialized as
/// a JSON number and shown as one. Defined before the submodules, which
/// use it; each brings the items it names into scope.
#[allow(
    unused_macros,
    reason = "shared by the products; a build of some may not use it"
)]
macro_rules! validated_number {
    (
        $(#[$meta:meta])*
        $name:ident($inner:ty), field = $field:literal, check = $check:path
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name($inner);

        impl $name {
            /// Checks `value` against the documented range.
            pub fn new(value: $inner) -> ::std::result::Result<Self, $crate::error::InvalidInput> {
                $check(value).map($name)
            }

            /// The number.
            pub const fn get(self) -> $inner {
                self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::InvalidInput;
            fn from_str(value: &str) -> ::std::result::Result<Self, $crate::error::InvalidInput> {
                let number: $inner = value
                    .parse()
                    .map_err(|_| $crate::error::InvalidInput::new($field, "must be a whole number"))?;
                $name::new(number)
            }
        }

        impl TryFrom<$inner> for $name {
            type Error = $crate::error::InvalidInput;
            fn try_from(value: $inner) -> ::std::result::Result<Self, $crate::error::InvalidInput> {
                $name::new(value)
            }
        }

        impl From<$name> for $inner {
            fn from(value: $name) -> $inner {
                value.0
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                self.0.serialize(serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $name::new(<$inner>::deserialize(deserializer)?).map_err(::serde::de::Error::custom)
            }
        }
    };
}

#[allow(
    unused_imports,
    reason = "shared by the products; a build of some may not use them"
)]
pub(crate) use validated_number;
