//! Validated comma-separated lists, as Agora's query strings carry them.

/// Defines a validated comma-separated list newtype: 1 to `max` items,
/// each read with `parse` (a `fn(&str) -> Result<Item, InvalidInput>`) and
/// checked with `check` (a `fn(&Item) -> Result<(), String>`). As a query
/// parameter it is sent with literal commas (it is
/// [`CommaSeparated`](crate::endpoint::CommaSeparated)); in JSON it is one
/// string.
///
/// ```
/// agora_api::comma_list! {
///     /// Up to three numeric user IDs.
///     UserIds of u32, field = "uids", max = 3,
///     parse = |text| text.parse::<u32>().map_err(|_| agora_api::InvalidInput::new("uids", "must be numbers")),
///     check = |uid| if *uid == 0 { Err("must not hold 0".into()) } else { Ok(()) }
/// }
///
/// let uids: UserIds = "1,2".parse()?;
/// assert_eq!(uids.as_slice(), [1, 2]);
/// assert_eq!(uids.to_string(), "1,2");
/// assert!("1,2,3,4".parse::<UserIds>().is_err(), "more than three");
/// assert!("0".parse::<UserIds>().is_err());
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[macro_export]
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
            pub fn new<I>(items: I) -> ::std::result::Result<Self, $crate::InvalidInput>
            where
                I: ::std::iter::IntoIterator,
                I::Item: ::std::convert::Into<$item>,
            {
                let items: ::std::vec::Vec<$item> = items.into_iter().map(Into::into).collect();
                if items.is_empty() {
                    return ::std::result::Result::Err($crate::InvalidInput::new($field, "must list at least one item"));
                }
                if items.len() > $max {
                    return ::std::result::Result::Err($crate::InvalidInput::new(
                        $field,
                        format!("must list at most {} items (got {})", $max, items.len()),
                    ));
                }
                let check: fn(&$item) -> ::std::result::Result<(), ::std::string::String> = $check;
                for item in &items {
                    check(item).map_err(|rule| $crate::InvalidInput::new($field, rule))?;
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
            type Err = $crate::InvalidInput;
            fn from_str(value: &str) -> ::std::result::Result<Self, $crate::InvalidInput> {
                let parse: fn(&str) -> ::std::result::Result<$item, $crate::InvalidInput> = $parse;
                let items = value
                    .split(',')
                    .map(|item| parse(item.trim()).map_err(|e| e.for_field($field)))
                    .collect::<::std::result::Result<::std::vec::Vec<_>, _>>()?;
                $name::new(items)
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.collect_str(self)
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
pub(crate) use crate::comma_list;
