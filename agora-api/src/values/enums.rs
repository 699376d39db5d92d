//! Enums for Agora's documented values that keep decoding when Agora adds a
//! value: every such enum has a catch-all variant holding what was sent.

/// Defines an open enum of documented string values plus `Other(String)`
/// for values Agora adds later: `as_str`, `From<&str>`, `Display`, serde
/// as the string. For responses, and for requests where Agora may accept
/// more than it documents.
///
/// ```
/// agora_api::string_enum! {
///     /// How my beta API lays out a room.
///     pub enum Layout {
///         /// Everyone in a grid.
///         Grid = "grid",
///         /// One speaker large.
///         Speaker = "speaker",
///     }
/// }
///
/// assert_eq!(Layout::from("grid"), Layout::Grid);
/// assert_eq!(Layout::from("mosaic"), Layout::Other("mosaic".into()));
/// assert_eq!(serde_json::to_string(&Layout::Speaker).unwrap(), "\"speaker\"");
/// ```
#[macro_export]
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
            Other(::std::string::String),
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
            fn from_str(value: &str) -> ::std::result::Result<Self, ::std::convert::Infallible> {
                ::std::result::Result::Ok($name::from(value))
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str> as $crate::__private::serde::Deserialize<'de>>::deserialize(deserializer)?;
                ::std::result::Result::Ok($name::from(&*text))
            }
        }
    };
}

/// Defines an open enum of documented integer values plus `Other(i64)`,
/// serialized as the number.
///
/// ```
/// agora_api::int_enum! {
///     /// A task state of my beta API.
///     pub enum TaskState {
///         /// Waiting to start.
///         Idle = 0,
///         /// Running.
///         Running = 1,
///     }
/// }
///
/// let state: TaskState = serde_json::from_str("1").unwrap();
/// assert_eq!(state, TaskState::Running);
/// let later: TaskState = serde_json::from_str("9").unwrap();
/// assert_eq!(later, TaskState::Other(9));
/// ```
#[macro_export]
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

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                ::std::result::Result::Ok($name::from(<i64 as $crate::__private::serde::Deserialize<'de>>::deserialize(deserializer)?))
            }
        }
    };
}

/// Defines a closed enum of documented request values, sent as text:
/// anything else is refused with an error naming `field`, when parsed and
/// when decoded, as Agora refuses it.
///
/// ```
/// agora_api::closed_enum! {
///     /// A recording mode of my beta API.
///     pub enum Mode in "mode" {
///         /// One mixed stream.
///         Mix = "mix",
///         /// One stream per user.
///         Individual = "individual",
///     }
/// }
///
/// assert_eq!("mix".parse::<Mode>()?, Mode::Mix);
/// assert!("web".parse::<Mode>().unwrap_err().to_string().starts_with("invalid `mode`"));
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[macro_export]
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

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::InvalidInput;
            fn from_str(value: &str) -> ::std::result::Result<Self, $crate::InvalidInput> {
                match value {
                    $( $text => ::std::result::Result::Ok($name::$variant), )+
                    other => ::std::result::Result::Err($crate::InvalidInput::new(
                        $field,
                        format!(
                            "must be one of {} (got {other:?})",
                            [$($text),+].join(", ")
                        ),
                    )),
                }
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str> as $crate::__private::serde::Deserialize<'de>>::deserialize(deserializer)?;
                text.parse().map_err($crate::__private::serde::de::Error::custom)
            }
        }
    };
}

#[allow(
    unused_imports,
    reason = "shared by the products; a build of some may not use them"
)]
pub(crate) use crate::{closed_enum, int_enum, string_enum};
