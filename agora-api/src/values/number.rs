//! Validated whole numbers: a documented range checked when the value is
//! made and again when it is decoded.

/// Defines a whole-number input newtype checked by `check` (a
/// `fn(inner) -> Result<inner, InvalidInput>`), serialized as a JSON number
/// and shown as one, checked again when decoded or parsed.
///
/// ```
/// use agora_api::InvalidInput;
///
/// agora_api::validated_number! {
///     /// A volume from 0 to 100.
///     Volume(u8), field = "volume", check = volume_rule
/// }
///
/// fn volume_rule(value: u8) -> Result<u8, InvalidInput> {
///     if value > 100 {
///         return Err(InvalidInput::new("volume", format!("must be at most 100 (got {value})")));
///     }
///     Ok(value)
/// }
///
/// assert_eq!(Volume::new(40)?.get(), 40);
/// assert!("101".parse::<Volume>().is_err());
/// assert_eq!(serde_json::to_string(&Volume::new(7)?).unwrap(), "7");
/// # Ok::<(), InvalidInput>(())
/// ```
#[macro_export]
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
            pub fn new(value: $inner) -> ::std::result::Result<Self, $crate::InvalidInput> {
                $check(value).map($name)
            }

            /// The number.
            pub const fn get(self) -> $inner {
                self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::InvalidInput;
            fn from_str(value: &str) -> ::std::result::Result<Self, $crate::InvalidInput> {
                let number: $inner = value
                    .parse()
                    .map_err(|_| $crate::InvalidInput::new($field, "must be a whole number"))?;
                $name::new(number)
            }
        }

        impl ::std::convert::TryFrom<$inner> for $name {
            type Error = $crate::InvalidInput;
            fn try_from(value: $inner) -> ::std::result::Result<Self, $crate::InvalidInput> {
                $name::new(value)
            }
        }

        impl ::std::convert::From<$name> for $inner {
            fn from(value: $name) -> $inner {
                value.0
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::__private::serde::Serialize::serialize(&self.0, serializer)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $name::new(<$inner as $crate::__private::serde::Deserialize<'de>>::deserialize(deserializer)?).map_err($crate::__private::serde::de::Error::custom)
            }
        }
    };
}

#[allow(
    unused_imports,
    reason = "shared by the products; a build of some may not use them"
)]
pub(crate) use crate::validated_number;
