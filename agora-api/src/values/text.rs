//! Validated strings: a rule checked when the value is made and again
//! when it is decoded.

/// Defines a validated string newtype with the usual conversions: `new`
/// (checked by `check`, errors naming `field`), `as_str`, `Display`,
/// `Debug`, `FromStr`, `TryFrom<&str>`/`TryFrom<String>`, and serde as a
/// plain string that is checked again when decoded.
#[allow(
    unused_macros,
    reason = "shared by the products; a build of some may not use it"
)]
macro_rules! validated_string {
    (
        $(#[$meta:meta])*
        $name:ident, field = $field:literal, check = $check:path
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Box<str>);

        impl $name {
            /// Checks `value` against the documented rules.
            pub fn new(value: impl AsRef<str> + Into<String>) -> ::std::result::Result<Self, $crate::error::InvalidInput> {
                $check(value.as_ref()).map_err(|rule| $crate::error::InvalidInput::new($field, rule))?;
                Ok($name(value.into().into_boxed_str()))
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

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::InvalidInput;
            fn from_str(value: &str) -> ::std::result::Result<Self, $crate::error::InvalidInput> {
                $name::new(value)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = $crate::error::InvalidInput;
            fn try_from(value: &str) -> ::std::result::Result<Self, $crate::error::InvalidInput> {
                $name::new(value)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::error::InvalidInput;
            fn try_from(value: String) -> ::std::result::Result<Self, $crate::error::InvalidInput> {
                $name::new(value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
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

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                $name::new(value).map_err(<D::Error as ::serde::de::Error>::custom)
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
pub(crate) use validated_string;
