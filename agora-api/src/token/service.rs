//! AccessToken2 services: one struct per service type, and the [`Service`] enum.

use std::collections::BTreeMap;
use std::fmt;

use super::codec::{Reader, Writer};
use super::error::TokenError;
use super::privilege::{
    ApaasPrivilege, ChatPrivilege, FcdnPrivilege, FpaPrivilege, NoPrivilege, Privilege, Privileges,
    RtcPrivilege, RtmPrivilege, StreamingPrivilege,
};

/// The service types Agora defines for AccessToken2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u16)]
pub enum ServiceType {
    /// RTC (Video/Voice SDK).
    Rtc = 1,
    /// RTM / Signaling.
    Rtm = 2,
    /// Streaming.
    Streaming = 3,
    /// FPA (Fast Packet Acceleration).
    Fpa = 4,
    /// Chat.
    Chat = 5,
    /// FCDN.
    Fcdn = 6,
    /// APaaS (Flexible Classroom; formerly "education").
    Apaas = 7,
    /// RTM2 (RTM with resource permissions).
    Rtm2 = 8,
    /// Conversational AI engine.
    ConvoAi = 9,
    /// Speech-to-text.
    Stt = 10,
}

impl ServiceType {
    /// All service types, in code order.
    pub const ALL: [ServiceType; 10] = [
        Self::Rtc,
        Self::Rtm,
        Self::Streaming,
        Self::Fpa,
        Self::Chat,
        Self::Fcdn,
        Self::Apaas,
        Self::Rtm2,
        Self::ConvoAi,
        Self::Stt,
    ];

    /// The wire code.
    pub fn code(self) -> u16 {
        self as u16
    }

    /// The service type for a wire code, if known.
    pub fn from_code(code: u16) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    /// A stable snake_case name (`"rtc"`, `"rtm"`, `"convo_ai"`, …).
    pub fn name(self) -> &'static str {
        match self {
            Self::Rtc => "rtc",
            Self::Rtm => "rtm",
            Self::Streaming => "streaming",
            Self::Fpa => "fpa",
            Self::Chat => "chat",
            Self::Fcdn => "fcdn",
            Self::Apaas => "apaas",
            Self::Rtm2 => "rtm2",
            Self::ConvoAi => "convo_ai",
            Self::Stt => "stt",
        }
    }
}

impl fmt::Display for ServiceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An RTC user: a numeric uid or a string user account.
///
/// On the wire both become a string. The numeric uid `0` becomes the empty
/// string (it means "any uid"); the account `"0"` stays `"0"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RtcUser {
    /// A numeric uid (0 = any uid).
    Uid(u32),
    /// A string user account, used verbatim.
    Account(String),
}

impl RtcUser {
    /// The string that is packed into the token.
    ///
    /// ```
    /// use agora_api::token::RtcUser;
    /// assert_eq!(RtcUser::Uid(2882341273).to_wire_string(), "2882341273");
    /// assert_eq!(RtcUser::Uid(0).to_wire_string(), "");
    /// assert_eq!(RtcUser::from("0").to_wire_string(), "0");
    /// ```
    pub fn to_wire_string(&self) -> String {
        match self {
            Self::Uid(0) => String::new(),
            Self::Uid(n) => n.to_string(),
            Self::Account(a) => a.clone(),
        }
    }
}

impl From<u32> for RtcUser {
    fn from(uid: u32) -> Self {
        Self::Uid(uid)
    }
}

impl From<&str> for RtcUser {
    fn from(account: &str) -> Self {
        Self::Account(account.to_owned())
    }
}

impl From<String> for RtcUser {
    fn from(account: String) -> Self {
        Self::Account(account)
    }
}

/// Adds the privilege accessors every service struct shares.
macro_rules! privilege_accessors {
    ($ty:ident, $priv:ty) => {
        impl $ty {
            /// The privilege map (values are seconds relative to the issue time).
            pub fn privileges(&self) -> &Privileges<$priv> {
                &self.privileges
            }

            /// Mutable access to the privilege map.
            pub fn privileges_mut(&mut self) -> &mut Privileges<$priv> {
                &mut self.privileges
            }

            /// Sets a privilege and returns the service (builder style).
            #[must_use]
            pub fn with_privilege(mut self, privilege: $priv, expire: u32) -> Self {
                self.privileges.insert(privilege, expire);
                self
            }
        }
    };
}

mod rtm2;

pub use rtm2::{Rtm2PermissionType, Rtm2Permissions, Rtm2ResourceType, Rtm2Service};

/// RTC service (type 1): a channel and a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtcService {
    channel_name: String,
    uid: String,
    privileges: Privileges<RtcPrivilege>,
}

impl RtcService {
    /// A service for `channel_name` and `user`, with no privileges yet.
    pub fn new(channel_name: impl Into<String>, user: impl Into<RtcUser>) -> Self {
        Self {
            channel_name: channel_name.into(),
            uid: user.into().to_wire_string(),
            privileges: Privileges::new(),
        }
    }

    /// The channel name.
    pub fn channel_name(&self) -> &str {
        &self.channel_name
    }

    /// The uid as packed (`""` for uid 0).
    pub fn uid(&self) -> &str {
        &self.uid
    }
}
privilege_accessors!(RtcService, RtcPrivilege);

/// RTM service (type 2): a user ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtmService {
    user_id: String,
    privileges: Privileges<RtmPrivilege>,
}

impl RtmService {
    /// A service for `user_id`, with no privileges yet.
    pub fn new(user_id: impl Into<String>) -> Self {
        Self {
            user_id: user_id.into(),
            privileges: Privileges::new(),
        }
    }

    /// The RTM user ID.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }
}
privilege_accessors!(RtmService, RtmPrivilege);

/// Streaming service (type 3): a channel and an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamingService {
    channel_name: String,
    account: String,
    privileges: Privileges<StreamingPrivilege>,
}

impl StreamingService {
    /// A service for `channel_name` and `user` (uid 0 packs as `""`).
    pub fn new(channel_name: impl Into<String>, user: impl Into<RtcUser>) -> Self {
        Self {
            channel_name: channel_name.into(),
            account: user.into().to_wire_string(),
            privileges: Privileges::new(),
        }
    }

    /// The channel name.
    pub fn channel_name(&self) -> &str {
        &self.channel_name
    }

    /// The account as packed.
    pub fn account(&self) -> &str {
        &self.account
    }
}
privilege_accessors!(StreamingService, StreamingPrivilege);

/// FPA service (type 4): no fields besides privileges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FpaService {
    privileges: Privileges<FpaPrivilege>,
}

impl FpaService {
    /// A service with no privileges yet.
    pub fn new() -> Self {
        Self::default()
    }
}
privilege_accessors!(FpaService, FpaPrivilege);

/// Chat service (type 5): a user ID (`""` for an app token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatService {
    user_id: String,
    privileges: Privileges<ChatPrivilege>,
}

impl ChatService {
    /// A service for `user_id` (use `""` for an app token).
    pub fn new(user_id: impl Into<String>) -> Self {
        Self {
            user_id: user_id.into(),
            privileges: Privileges::new(),
        }
    }

    /// The chat user ID (`""` for an app token).
    pub fn user_id(&self) -> &str {
        &self.user_id
    }
}
privilege_accessors!(ChatService, ChatPrivilege);

/// FCDN service (type 6): a channel and an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FcdnService {
    channel_name: String,
    account: String,
    privileges: Privileges<FcdnPrivilege>,
}

impl FcdnService {
    /// A service for `channel_name` and `user` (uid 0 packs as `""`).
    pub fn new(channel_name: impl Into<String>, user: impl Into<RtcUser>) -> Self {
        Self {
            channel_name: channel_name.into(),
            account: user.into().to_wire_string(),
            privileges: Privileges::new(),
        }
    }

    /// The channel name.
    pub fn channel_name(&self) -> &str {
        &self.channel_name
    }

    /// The account as packed.
    pub fn account(&self) -> &str {
        &self.account
    }
}
privilege_accessors!(FcdnService, FcdnPrivilege);

/// APaaS service (type 7): room UUID, user UUID and role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApaasService {
    room_uuid: String,
    user_uuid: String,
    role: i16,
    privileges: Privileges<ApaasPrivilege>,
}

impl ApaasService {
    /// The role the reference builders use when none is given.
    pub const NO_ROLE: i16 = -1;

    /// A service for a room, user and role (use `""` and
    /// [`NO_ROLE`](Self::NO_ROLE) where they do not apply).
    pub fn new(room_uuid: impl Into<String>, user_uuid: impl Into<String>, role: i16) -> Self {
        Self {
            room_uuid: room_uuid.into(),
            user_uuid: user_uuid.into(),
            role,
            privileges: Privileges::new(),
        }
    }

    /// The room UUID.
    pub fn room_uuid(&self) -> &str {
        &self.room_uuid
    }

    /// The user UUID.
    pub fn user_uuid(&self) -> &str {
        &self.user_uuid
    }

    /// The role (−1 when unset).
    pub fn role(&self) -> i16 {
        self.role
    }
}
privilege_accessors!(ApaasService, ApaasPrivilege);

/// Conversational AI service (type 9): no fields; the reference builder adds
/// it with an empty privilege map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConvoAiService {
    privileges: Privileges<NoPrivilege>,
}

impl ConvoAiService {
    /// A service with an empty privilege map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The privilege map (no privileges are defined; parsed raw codes are kept).
    pub fn privileges(&self) -> &Privileges<NoPrivilege> {
        &self.privileges
    }
}

/// Speech-to-text service (type 10): no fields; the reference builder adds
/// it with an empty privilege map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SttService {
    privileges: Privileges<NoPrivilege>,
}

impl SttService {
    /// A service with an empty privilege map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The privilege map (no privileges are defined; parsed raw codes are kept).
    pub fn privileges(&self) -> &Privileges<NoPrivilege> {
        &self.privileges
    }
}

/// One service inside an AccessToken2.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Service {
    /// Type 1.
    Rtc(RtcService),
    /// Type 2.
    Rtm(RtmService),
    /// Type 3.
    Streaming(StreamingService),
    /// Type 4.
    Fpa(FpaService),
    /// Type 5.
    Chat(ChatService),
    /// Type 6.
    Fcdn(FcdnService),
    /// Type 7.
    Apaas(ApaasService),
    /// Type 8.
    Rtm2(Rtm2Service),
    /// Type 9.
    ConvoAi(ConvoAiService),
    /// Type 10.
    Stt(SttService),
}

macro_rules! service_from {
    ($($variant:ident($ty:ident)),+ $(,)?) => {
        $(
            impl From<$ty> for Service {
                fn from(s: $ty) -> Self {
                    Service::$variant(s)
                }
            }
        )+
    };
}

service_from!(
    Rtc(RtcService),
    Rtm(RtmService),
    Streaming(StreamingService),
    Fpa(FpaService),
    Chat(ChatService),
    Fcdn(FcdnService),
    Apaas(ApaasService),
    Rtm2(Rtm2Service),
    ConvoAi(ConvoAiService),
    Stt(SttService),
);

/// A privilege entry with its typed name, for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrivilegeEntry {
    /// Wire code.
    pub code: u16,
    /// Name if the code is known for the service type.
    pub name: Option<&'static str>,
    /// The value (relative seconds in AccessToken2).
    pub value: u32,
}

fn entries<P: Privilege>(p: &Privileges<P>) -> Vec<PrivilegeEntry> {
    p.iter()
        .map(|(code, value)| PrivilegeEntry {
            code,
            name: P::from_code(code).map(Privilege::name),
            value,
        })
        .collect()
}

impl Service {
    /// The service type.
    pub fn service_type(&self) -> ServiceType {
        match self {
            Self::Rtc(_) => ServiceType::Rtc,
            Self::Rtm(_) => ServiceType::Rtm,
            Self::Streaming(_) => ServiceType::Streaming,
            Self::Fpa(_) => ServiceType::Fpa,
            Self::Chat(_) => ServiceType::Chat,
            Self::Fcdn(_) => ServiceType::Fcdn,
            Self::Apaas(_) => ServiceType::Apaas,
            Self::Rtm2(_) => ServiceType::Rtm2,
            Self::ConvoAi(_) => ServiceType::ConvoAi,
            Self::Stt(_) => ServiceType::Stt,
        }
    }

    /// The privileges as untyped entries with names (for display).
    pub fn privilege_entries(&self) -> Vec<PrivilegeEntry> {
        match self {
            Self::Rtc(s) => entries(s.privileges()),
            Self::Rtm(s) => entries(s.privileges()),
            Self::Streaming(s) => entries(s.privileges()),
            Self::Fpa(s) => entries(s.privileges()),
            Self::Chat(s) => entries(s.privileges()),
            Self::Fcdn(s) => entries(s.privileges()),
            Self::Apaas(s) => entries(s.privileges()),
            Self::Rtm2(s) => entries(s.privileges()),
            Self::ConvoAi(s) => entries(s.privileges()),
            Self::Stt(s) => entries(s.privileges()),
        }
    }

    fn raw_privileges(&self) -> &BTreeMap<u16, u32> {
        match self {
            Self::Rtc(s) => s.privileges.raw(),
            Self::Rtm(s) => s.privileges.raw(),
            Self::Streaming(s) => s.privileges.raw(),
            Self::Fpa(s) => s.privileges.raw(),
            Self::Chat(s) => s.privileges.raw(),
            Self::Fcdn(s) => s.privileges.raw(),
            Self::Apaas(s) => s.privileges.raw(),
            Self::Rtm2(s) => s.privileges.raw(),
            Self::ConvoAi(s) => s.privileges.raw(),
            Self::Stt(s) => s.privileges.raw(),
        }
    }

    /// `u16 type ++ privileges ++ type-specific fields`.
    pub(super) fn encode(&self, w: &mut Writer) -> Result<(), TokenError> {
        w.u16(self.service_type().code());
        w.privileges(self.raw_privileges())?;
        match self {
            Self::Rtc(s) => {
                w.string("RTC channel_name", &s.channel_name)?;
                w.string("RTC uid", &s.uid)?;
            }
            Self::Rtm(s) => w.string("RTM user_id", &s.user_id)?,
            Self::Streaming(s) => {
                w.string("Streaming channel_name", &s.channel_name)?;
                w.string("Streaming account", &s.account)?;
            }
            Self::Fpa(_) | Self::ConvoAi(_) | Self::Stt(_) => {}
            Self::Chat(s) => w.string("Chat user_id", &s.user_id)?,
            Self::Fcdn(s) => {
                w.string("FCDN channel_name", &s.channel_name)?;
                w.string("FCDN account", &s.account)?;
            }
            Self::Apaas(s) => {
                w.string("APaaS room_uuid", &s.room_uuid)?;
                w.string("APaaS user_uuid", &s.user_uuid)?;
                w.i16(s.role);
            }
            Self::Rtm2(s) => {
                w.string("RTM2 user_id", &s.user_id)?;
                s.permissions.encode(w)?;
            }
        }
        Ok(())
    }

    /// Decodes the body of a service whose type code was already read.
    /// Returns `None` for an unknown type (nothing more is read).
    pub(super) fn decode(type_code: u16, r: &mut Reader<'_>) -> Result<Option<Self>, TokenError> {
        let Some(kind) = ServiceType::from_code(type_code) else {
            return Ok(None);
        };
        let service = match kind {
            ServiceType::Rtc => {
                let privileges = Privileges::from_raw(r.privileges("RTC privileges")?);
                Self::Rtc(RtcService {
                    channel_name: r.string("RTC channel_name")?,
                    uid: r.string("RTC uid")?,
                    privileges,
                })
            }
            ServiceType::Rtm => {
                let privileges = Privileges::from_raw(r.privileges("RTM privileges")?);
                Self::Rtm(RtmService {
                    user_id: r.string("RTM user_id")?,
                    privileges,
                })
            }
            ServiceType::Streaming => {
                let privileges = Privileges::from_raw(r.privileges("Streaming privileges")?);
                Self::Streaming(StreamingService {
                    channel_name: r.string("Streaming channel_name")?,
                    account: r.string("Streaming account")?,
                    privileges,
                })
            }
            ServiceType::Fpa => Self::Fpa(FpaService {
                privileges: Privileges::from_raw(r.privileges("FPA privileges")?),
            }),
            ServiceType::Chat => {
                let privileges = Privileges::from_raw(r.privileges("Chat privileges")?);
                Self::Chat(ChatService {
                    user_id: r.string("Chat user_id")?,
                    privileges,
                })
            }
            ServiceType::Fcdn => {
                let privileges = Privileges::from_raw(r.privileges("FCDN privileges")?);
                Self::Fcdn(FcdnService {
                    channel_name: r.string("FCDN channel_name")?,
                    account: r.string("FCDN account")?,
                    privileges,
                })
            }
            ServiceType::Apaas => {
                let privileges = Privileges::from_raw(r.privileges("APaaS privileges")?);
                Self::Apaas(ApaasService {
                    room_uuid: r.string("APaaS room_uuid")?,
                    user_uuid: r.string("APaaS user_uuid")?,
                    role: r.i16("APaaS role")?,
                    privileges,
                })
            }
            ServiceType::Rtm2 => {
                let privileges = Privileges::from_raw(r.privileges("RTM2 privileges")?);
                let user_id = r.string("RTM2 user_id")?;
                Self::Rtm2(Rtm2Service {
                    user_id,
                    privileges,
                    permissions: Rtm2Permissions::decode(r)?,
                })
            }
            ServiceType::ConvoAi => Self::ConvoAi(ConvoAiService {
                privileges: Privileges::from_raw(r.privileges("ConvoAI privileges")?),
            }),
            ServiceType::Stt => Self::Stt(SttService {
                privileges: Privileges::from_raw(r.privileges("STT privileges")?),
            }),
        };
        Ok(Some(service))
    }
}
