//! Regions that are a segment of a product's path (`/{region}/v1/...`),
//! as opposed to the regional hosts of [`Region`](crate::Region).
//!
//! Media Push, Media Pull, Media Gateway and Flexible Classroom put an
//! area code first in their paths (`na`, `eu`, `ap`, `cn`); the request
//! goes to the same Agora hosts whatever the code. A path region is a
//! type of its own so that a host region cannot be written into a path by
//! mistake: the derive requires every `{region}` placeholder to be a
//! [`PathRegion`].

use std::fmt;

/// A value that can be a product's `{region}` path segment.
///
/// Implement it for a product whose set of codes differs from
/// [`ServiceRegion`]'s.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the `{{region}}` segment of a path",
    label = "a `{{region}}` placeholder needs a path region",
    note = "use the product's region type (`agora_api::ServiceRegion`: na, eu, ap, cn) or implement `agora_api::PathRegion`; `agora_api::Region` is a host region (api-eu-west-1...), never a path segment"
)]
pub trait PathRegion: fmt::Display {
    /// The code written in the path, e.g. `na`.
    fn code(&self) -> &str;
}

/// The area codes Media Push, Media Pull, Media Gateway and Flexible
/// Classroom take as their first path segment.
///
/// ```
/// use agora_api::{PathRegion, ServiceRegion};
/// assert_eq!(ServiceRegion::NorthAmerica.code(), "na");
/// assert_eq!(ServiceRegion::Europe.to_string(), "eu");
/// assert_eq!(ServiceRegion::ALL.len(), 4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServiceRegion {
    /// `na`: North America.
    NorthAmerica,
    /// `eu`: Europe.
    Europe,
    /// `ap`: Asia Pacific, mainland China excluded.
    AsiaPacific,
    /// `cn`: mainland China.
    China,
}

impl ServiceRegion {
    /// Every code.
    pub const ALL: [ServiceRegion; 4] = [
        ServiceRegion::NorthAmerica,
        ServiceRegion::Europe,
        ServiceRegion::AsiaPacific,
        ServiceRegion::China,
    ];

    /// The code, e.g. `"ap"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ServiceRegion::NorthAmerica => "na",
            ServiceRegion::Europe => "eu",
            ServiceRegion::AsiaPacific => "ap",
            ServiceRegion::China => "cn",
        }
    }

    /// The region of a code (`"na"`, `"eu"`, `"ap"`, `"cn"`, lower case as
    /// Agora requires).
    ///
    /// ```
    /// use agora_api::ServiceRegion;
    /// assert_eq!(ServiceRegion::from_code("cn"), Some(ServiceRegion::China));
    /// assert_eq!(ServiceRegion::from_code("CN"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Self> {
        ServiceRegion::ALL
            .into_iter()
            .find(|region| region.as_str() == code)
    }
}

impl fmt::Display for ServiceRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PathRegion for ServiceRegion {
    fn code(&self) -> &str {
        self.as_str()
    }
}

/// Parses a code as Agora writes it (`na`, `eu`, `ap`, `cn`), for
/// reading a received path back into its endpoint.
///
/// ```
/// use agora_api::ServiceRegion;
/// assert_eq!("eu".parse::<ServiceRegion>(), Ok(ServiceRegion::Europe));
/// assert!("EU".parse::<ServiceRegion>().is_err());
/// ```
impl std::str::FromStr for ServiceRegion {
    type Err = &'static str;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        ServiceRegion::from_code(code).ok_or("is not a region code: one of na, eu, ap, cn")
    }
}

/// A region is sent as its code.
impl serde::Serialize for ServiceRegion {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
