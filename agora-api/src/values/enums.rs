//! Enums for Agora's documented values that keep decoding when Agora adds a
//! value: every such enum has a catch-all variant holding what was sent.

/// An enum of documented string values plus `Other(String)`.
#[allow(
    unused_macros,
    reason = "shared by the products; a build of some may not use it"
)]
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the crate does not know, as sent.
            Other(String),
        }

        impl $name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Other(other) => other,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $text => $name::$variant, )+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        /// Never fails: an unknown value is kept as `Other` (for path and
        /// query parameters read back by a decoder).
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, ::std::convert::Infallible> {
                Ok($name::from(value))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok($name::from(&*text))
            }
        }
    };
}

/// An enum of documented integer values plus `Other(i64)`.
#[allow(
    unused_macros,
    reason = "shared by the products; a build of some may not use it"
)]
macro_rules! int_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the crate does not know, as sent.
            Other(i64),
        }

        impl $name {
            /// The value on the wire.
            pub fn value(self) -> i64 {
                match self {
                    $( $name::$variant => $value, )+
                    $name::Other(other) => other,
                }
            }
        }

        impl ::std::convert::From<i64> for $name {
            fn from(value: i64) -> Self {
                match value {
                    $( $value => $name::$variant, )+
                    other => $name::Other(other),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok($name::from(i64::deserialize(deserializer)?))
            }
        }
    };
}

/// A closed enum of documented request values, sent as text.
#[allow(
    unused_macros,
    reason = "shared by the products; a build of some may not use it"
)]
macro_rules! closed_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident in $field:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every documented value, in the documentation's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value on the wire.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::InvalidInput;
            fn from_str(value: &str) -> ::std::result::Result<Self, $crate::error::InvalidInput> {
                match value {
                    $( $text => ::std::result::Result::Ok($name::$variant), )+
                    other => ::std::result::Result::Err($crate::error::InvalidInput::new(
                        $field,
                        format!(
                            "must be one of {} (got {other:?})",
                            [$($text),+].join(", ")
                        ),
                    )),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}

#[allow(
    unused_imports,
    reason = "shared by the products; a build of some may not use them"
)]
pub(crate) use {closed_enum, int_enum, string_enum};
