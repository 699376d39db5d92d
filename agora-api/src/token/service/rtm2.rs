//! The RTM2 (Signaling 2.x) service and its resource permissions block.

use std::collections::BTreeMap;

use super::super::codec::{Reader, Writer};
use super::super::error::TokenError;
use super::super::privilege::{Privileges, Rtm2Privilege};

/// RTM2 resource types used in [`Rtm2Permissions`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u16)]
pub enum Rtm2ResourceType {
    /// Message channels.
    MessageChannels = 0,
    /// Stream channels.
    StreamChannels = 1,
    /// Group channels.
    GroupChannels = 2,
    /// Server groups.
    ServerGroups = 3,
    /// Users.
    Users = 4,
}

impl Rtm2ResourceType {
    /// The wire code.
    pub fn code(self) -> u16 {
        self as u16
    }

    /// The resource type for a wire code, if known.
    pub fn from_code(code: u16) -> Option<Self> {
        match code {
            0 => Some(Self::MessageChannels),
            1 => Some(Self::StreamChannels),
            2 => Some(Self::GroupChannels),
            3 => Some(Self::ServerGroups),
            4 => Some(Self::Users),
            _ => None,
        }
    }

    /// A stable snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Self::MessageChannels => "message_channels",
            Self::StreamChannels => "stream_channels",
            Self::GroupChannels => "group_channels",
            Self::ServerGroups => "server_groups",
            Self::Users => "users",
        }
    }
}

/// RTM2 permission types used in [`Rtm2Permissions`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u16)]
pub enum Rtm2PermissionType {
    /// Read.
    Read = 0,
    /// Write.
    Write = 1,
}

impl Rtm2PermissionType {
    /// The wire code.
    pub fn code(self) -> u16 {
        self as u16
    }

    /// The permission type for a wire code, if known.
    pub fn from_code(code: u16) -> Option<Self> {
        match code {
            0 => Some(Self::Read),
            1 => Some(Self::Write),
            _ => None,
        }
    }

    /// A stable snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
        }
    }
}

/// RTM2 resource permissions: resource type → permission type → resources.
///
/// Resource and permission types are packed in ascending order; resources
/// keep their insertion order. Unknown codes found while parsing are kept.
///
/// ```
/// use agora_api::token::{Rtm2Permissions, Rtm2PermissionType, Rtm2ResourceType};
///
/// let mut perms = Rtm2Permissions::new();
/// perms.add(Rtm2ResourceType::Users, Rtm2PermissionType::Read, "user-a");
/// assert_eq!(
///     perms.resources(Rtm2ResourceType::Users, Rtm2PermissionType::Read),
///     ["user-a".to_owned()]
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rtm2Permissions {
    map: BTreeMap<u16, BTreeMap<u16, Vec<String>>>,
}

impl Rtm2Permissions {
    /// No permissions.
    pub fn new() -> Self {
        Self::default()
    }

    /// Grants `permission` on `resource` of `resource_type`.
    pub fn add(
        &mut self,
        resource_type: Rtm2ResourceType,
        permission: Rtm2PermissionType,
        resource: impl Into<String>,
    ) -> &mut Self {
        self.add_raw(resource_type.code(), permission.code(), resource)
    }

    /// Like [`add`](Self::add) with raw wire codes.
    pub fn add_raw(
        &mut self,
        resource_type: u16,
        permission: u16,
        resource: impl Into<String>,
    ) -> &mut Self {
        self.map
            .entry(resource_type)
            .or_default()
            .entry(permission)
            .or_default()
            .push(resource.into());
        self
    }

    /// The resources granted `permission` for `resource_type`, in insertion order.
    pub fn resources(
        &self,
        resource_type: Rtm2ResourceType,
        permission: Rtm2PermissionType,
    ) -> &[String] {
        self.map
            .get(&resource_type.code())
            .and_then(|p| p.get(&permission.code()))
            .map_or(&[], Vec::as_slice)
    }

    /// All entries as `(resource type code, permission code, resources)`, in wire order.
    pub fn iter(&self) -> impl Iterator<Item = (u16, u16, &[String])> + '_ {
        self.map.iter().flat_map(|(&rt, perms)| {
            perms
                .iter()
                .map(move |(&pt, resources)| (rt, pt, resources.as_slice()))
        })
    }

    /// Whether no permission is set.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub(super) fn encode(&self, w: &mut Writer) -> Result<(), TokenError> {
        w.count("RTM2 resource types", self.map.len())?;
        for (&rt, perms) in &self.map {
            w.u16(rt);
            w.count("RTM2 permissions", perms.len())?;
            for (&pt, resources) in perms {
                w.u16(pt);
                w.count("RTM2 resources", resources.len())?;
                for r in resources {
                    w.string("RTM2 resource", r)?;
                }
            }
        }
        Ok(())
    }

    pub(super) fn decode(r: &mut Reader<'_>) -> Result<Self, TokenError> {
        let mut map: BTreeMap<u16, BTreeMap<u16, Vec<String>>> = BTreeMap::new();
        let n_types = r.u16("RTM2 resource type count")?;
        for _ in 0..n_types {
            let rt = r.u16("RTM2 resource type")?;
            let n_perms = r.u16("RTM2 permission count")?;
            let perms = map.entry(rt).or_default();
            for _ in 0..n_perms {
                let pt = r.u16("RTM2 permission type")?;
                let n_res = r.u16("RTM2 resource count")?;
                let list = perms.entry(pt).or_default();
                for _ in 0..n_res {
                    list.push(r.string("RTM2 resource")?);
                }
            }
        }
        Ok(Self { map })
    }
}

/// RTM2 service (type 8): a user ID plus resource permissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rtm2Service {
    pub(super) user_id: String,
    pub(super) privileges: Privileges<Rtm2Privilege>,
    pub(super) permissions: Rtm2Permissions,
}

impl Rtm2Service {
    /// A service for `user_id`, with no privileges or permissions yet.
    pub fn new(user_id: impl Into<String>) -> Self {
        Self {
            user_id: user_id.into(),
            privileges: Privileges::new(),
            permissions: Rtm2Permissions::new(),
        }
    }

    /// The RTM user ID.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    /// The resource permissions.
    pub fn permissions(&self) -> &Rtm2Permissions {
        &self.permissions
    }

    /// Mutable access to the resource permissions.
    pub fn permissions_mut(&mut self) -> &mut Rtm2Permissions {
        &mut self.permissions
    }

    /// Replaces the permissions and returns the service (builder style).
    #[must_use]
    pub fn with_permissions(mut self, permissions: Rtm2Permissions) -> Self {
        self.permissions = permissions;
        self
    }
}
privilege_accessors!(Rtm2Service, Rtm2Privilege);
