//! Validated strings: a rule checked when the value is made and again
//! when it is decoded.

/// Defines a validated string newtype with the usual conversions: `new`
/// (checked by `check`, errors naming `field`), `as_str`, `Display`,
/// `Debug`, `FromStr`, `TryFrom<&str>`/`TryFrom<String>`, and serde as a
/// plain string that is checked again when decoded. `check` is a
/// `fn(&str) -> Result<(), String>` returning the rule broken.
///
/// The crate's own inputs (`ChannelName`, `InstanceId`, ...) are made with
/// it; a field type of your own endpoint can be too, and the derive's
/// decoder and the emulator then refuse what `new` refuses.
///
/// ```
/// fn room_rule(value: &str) -> Result<(), String> {
///     if value.is_empty() || value.len() > 64 {
///         return Err("must be 1 to 64 characters".into());
///     }
///     Ok(())
/// }
///
/// agora_api::validated_string! {
///     /// A room of my beta API.
///     RoomName, field = "roomName", check = room_rule
/// }
///
/// assert_eq!(RoomName::new("lobby")?.as_str(), "lobby");
/// assert_eq!(
///     RoomName::new("").unwrap_err().to_string(),
///     "invalid `roomName`: must be 1 to 64 characters"
/// );
/// let decoded: Result<RoomName, _> = serde_json::from_str("\"\"");
/// assert!(decoded.is_err(), "checked again when decoded");
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[macro_export]
macro_rules! validated_string {
    (
        $(#[$meta:meta])*
        $name:ident, field = $field:literal, check = $check:path
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(::std::boxed::Box<str>);

        impl $name {
            /// Checks `value` against the documented rules.
            pub fn new(value: impl ::std::convert::AsRef<str> + ::std::convert::Into<::std::string::String>) -> ::std::result::Result<Self, $crate::InvalidInput> {
                $check(value.as_ref()).map_err(|rule| $crate::InvalidInput::new($field, rule))?;
                ::std::result::Result::Ok($name(value.into().into_boxed_str()))
            }

            /// The value as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}({:?})", stringify!($name), &*self.0)
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::InvalidInput;
            fn from_str(value: &str) -> ::std::result::Result<Self, $crate::InvalidInput> {
                $name::new(value)
            }
        }

        impl ::std::convert::TryFrom<&str> for $name {
            type Error = $crate::InvalidInput;
            fn try_from(value: &str) -> ::std::result::Result<Self, $crate::InvalidInput> {
                $name::new(value)
            }
        }

        impl ::std::convert::TryFrom<::std::string::String> for $name {
            type Error = $crate::InvalidInput;
            fn try_from(value: ::std::string::String) -> ::std::result::Result<Self, $crate::InvalidInput> {
                $name::new(value)
            }
        }

        impl ::std::convert::From<$name> for ::std::string::String {
            fn from(value: $name) -> ::std::string::String {
                value.0.into()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                &*self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                &*self.0 == *other
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as $crate::__private::serde::Deserialize>::deserialize(deserializer)?;
                $name::new(value).map_err(<D::Error as $crate::__private::serde::de::Error>::custom)
            }
        }
    };
}

/// The rule of an identifier Agora issues and the caller hands back
/// (recording resource IDs and session IDs, builder tokens): Agora
/// documents no format, so only what would break a URL is refused:
/// nothing, whitespace or control characters.
#[allow(dead_code)] // used by product modules, which a build may leave out
pub(crate) fn issued_id(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain whitespace or control characters".into());
    }
    Ok(())
}

#[allow(
    unused_imports,
    reason = "shared by the products; a build of some may not use them"
)]
pub(crate) use crate::validated_string;
