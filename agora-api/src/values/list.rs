//! Validated comma-separated lists, as Agora's query strings carry them.

/// Defines a validated comma-separated list newtype.
#[allow(
    unused_macros,
    reason = "shared by the products; a build of some may not use it"
)]
macro_rules! comma_list {
    (
        $(#[$meta:meta])*
        $name:ident of $item:ty, field = $field:literal, max = $max:literal,
        parse = $parse:expr, check = $check:expr
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(::std::vec::Vec<$item>);

        impl $name {
            /// The most items Agora accepts.
            pub const MAX: usize = $max;

            /// Checks the list against the documented rules: 1 to
            #[doc = concat!(stringify!($max), " items.")]
            pub fn new<I>(items: I) -> ::std::result::Result<Self, $crate::error::InvalidInput>
            where
                I: IntoIterator,
                I::Item: Into<$item>,
            {
                let items: ::std::vec::Vec<$item> = items.into_iter().map(Into::into).collect();
                if items.is_empty() {
                    return ::std::result::Result::Err($crate::error::InvalidInput::new($field, "must list at least one item"));
                }
                if items.len() > $max {
                    return ::std::result::Result::Err($crate::error::InvalidInput::new(
                        $field,
                        format!("must list at most {} items (got {})", $max, items.len()),
                    ));
                }
                let check: fn(&$item) -> ::std::result::Result<(), ::std::string::String> = $check;
                for item in &items {
                    check(item).map_err(|rule| $crate::error::InvalidInput::new($field, rule))?;
                }
                ::std::result::Result::Ok($name(items))
            }

            /// The items, in order.
            pub fn as_slice(&self) -> &[$item] {
                &self.0
            }
        }

        impl $crate::endpoint::CommaSeparated for $name {
            fn items(&self) -> impl Iterator<Item = impl ::std::fmt::Display + '_> + '_ {
                self.0.iter()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                for (index, item) in self.0.iter().enumerate() {
                    if index > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                ::std::result::Result::Ok(())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::InvalidInput;
            fn from_str(value: &str) -> ::std::result::Result<Self, $crate::error::InvalidInput> {
                let parse: fn(&str) -> ::std::result::Result<$item, $crate::error::InvalidInput> = $parse;
                let items = value
                    .split(',')
                    .map(|item| parse(item.trim()).map_err(|e| e.for_field($field)))
                    .collect::<::std::result::Result<::std::vec::Vec<_>, _>>()?;
                $name::new(items)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.collect_str(self)
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
pub(crate) use comma_list;
