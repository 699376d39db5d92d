//! Typed privilege identifiers and the privilege map shared by all services.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// A privilege identifier of one service type (or of the legacy format).
///
/// Each enum implementing this maps to the `u16` key used on the wire.
pub trait Privilege: Copy + Eq + fmt::Debug {
    /// The wire code of this privilege.
    fn code(self) -> u16;
    /// The privilege for a wire code, if this enum knows it.
    fn from_code(code: u16) -> Option<Self>;
    /// A stable snake_case name for display and JSON.
    fn name(self) -> &'static str;
}

macro_rules! privilege_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal => $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u16)]
        pub enum $name {
            $( $(#[$vmeta])* $variant = $code ),+
        }

        impl Privilege for $name {
            fn code(self) -> u16 {
                self as u16
            }
            fn from_code(code: u16) -> Option<Self> {
                match code {
                    $( $code => Some(Self::$variant), )+
                    _ => None,
                }
            }
            fn name(self) -> &'static str {
                match self {
                    $( Self::$variant => $text, )+
                }
            }
        }
    };
}

privilege_enum! {
    /// Privileges of the RTC service (type 1).
    RtcPrivilege {
        /// Join the channel.
        JoinChannel = 1 => "join_channel",
        /// Publish an audio stream.
        PublishAudioStream = 2 => "publish_audio_stream",
        /// Publish a video stream.
        PublishVideoStream = 3 => "publish_video_stream",
        /// Publish a data stream.
        PublishDataStream = 4 => "publish_data_stream",
    }
}

privilege_enum! {
    /// Privileges of the RTM service (type 2).
    RtmPrivilege {
        /// Log in to RTM (Signaling).
        Login = 1 => "login",
    }
}

privilege_enum! {
    /// Privileges of the Streaming service (type 3).
    StreamingPrivilege {
        /// Publish a mixed stream.
        PublishMixStream = 1 => "publish_mix_stream",
        /// Publish a raw stream.
        PublishRawStream = 2 => "publish_raw_stream",
    }
}

privilege_enum! {
    /// Privileges of the FPA service (type 4).
    FpaPrivilege {
        /// Log in to FPA.
        Login = 1 => "login",
    }
}

privilege_enum! {
    /// Privileges of the Chat service (type 5).
    ChatPrivilege {
        /// A chat user token.
        User = 1 => "user",
        /// A chat app token.
        App = 2 => "app",
    }
}

privilege_enum! {
    /// Privileges of the FCDN service (type 6).
    FcdnPrivilege {
        /// Publish.
        Publish = 1 => "publish",
        /// Play.
        Play = 2 => "play",
    }
}

privilege_enum! {
    /// Privileges of the APaaS service (type 7, formerly "education").
    ApaasPrivilege {
        /// A room user token.
        RoomUser = 1 => "room_user",
        /// A user token.
        User = 2 => "user",
        /// An app token.
        App = 3 => "app",
    }
}

privilege_enum! {
    /// Privileges of the RTM2 service (type 8).
    Rtm2Privilege {
        /// Log in to RTM.
        Login = 1 => "login",
    }
}

privilege_enum! {
    /// Privileges of the legacy `006` AccessToken. Values are absolute unix
    /// timestamps.
    LegacyPrivilege {
        /// `kJoinChannel`.
        JoinChannel = 1 => "join_channel",
        /// `kPublishAudioStream`.
        PublishAudioStream = 2 => "publish_audio_stream",
        /// `kPublishVideoStream`.
        PublishVideoStream = 3 => "publish_video_stream",
        /// `kPublishDataStream`.
        PublishDataStream = 4 => "publish_data_stream",
        /// `kAdministrateChannel` (only the C++ reference defines it).
        AdministrateChannel = 101 => "administrate_channel",
        /// `kRtmLogin`, the RTM v1 login privilege.
        RtmLogin = 1000 => "rtm_login",
    }
}

/// The privilege type of services that define none (ConvoAI, STT).
///
/// It has no values, so a `Privileges<NoPrivilege>` can only hold raw codes
/// found while parsing (see [`Privileges::insert_raw`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoPrivilege {}

impl Privilege for NoPrivilege {
    fn code(self) -> u16 {
        match self {}
    }
    fn from_code(_code: u16) -> Option<Self> {
        None
    }
    fn name(self) -> &'static str {
        match self {}
    }
}

/// A privilege map: privilege code → expiry value, kept in ascending code
/// order (the wire order).
///
/// In an AccessToken2 the values are seconds relative to the token's issue
/// time; in a legacy AccessToken they are absolute unix timestamps.
/// Codes that the typed enum `P` does not know (for example from a newer
/// token) are kept as raw codes, so nothing parsed is lost.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Privileges<P> {
    map: BTreeMap<u16, u32>,
    _kind: PhantomData<fn() -> P>,
}

impl<P> Default for Privileges<P> {
    fn default() -> Self {
        Self {
            map: BTreeMap::new(),
            _kind: PhantomData,
        }
    }
}

impl<P: Privilege> Privileges<P> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a privilege, returning the previous value if there was one.
    pub fn insert(&mut self, privilege: P, expire: u32) -> Option<u32> {
        self.map.insert(privilege.code(), expire)
    }

    /// Sets a privilege by wire code.
    pub fn insert_raw(&mut self, code: u16, expire: u32) -> Option<u32> {
        self.map.insert(code, expire)
    }

    /// Removes a privilege, returning its value if it was set.
    pub fn remove(&mut self, privilege: P) -> Option<u32> {
        self.map.remove(&privilege.code())
    }

    /// The value of a privilege, if set.
    pub fn get(&self, privilege: P) -> Option<u32> {
        self.map.get(&privilege.code()).copied()
    }

    /// The value of a privilege by wire code, if set.
    pub fn get_raw(&self, code: u16) -> Option<u32> {
        self.map.get(&code).copied()
    }

    /// All entries as `(code, value)` in ascending code order. Use
    /// [`Privilege::from_code`] to type a code.
    pub fn iter(&self) -> impl Iterator<Item = (u16, u32)> + '_ {
        self.map.iter().map(|(&k, &v)| (k, v))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub(super) fn raw(&self) -> &BTreeMap<u16, u32> {
        &self.map
    }

    pub(super) fn from_raw(map: BTreeMap<u16, u32>) -> Self {
        Self {
            map,
            _kind: PhantomData,
        }
    }
}

impl<P: Privilege> fmt::Debug for Privileges<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for (code, value) in self.iter() {
            match P::from_code(code) {
                Some(p) => m.entry(&p, &value),
                None => m.entry(&code, &value),
            };
        }
        m.finish()
    }
}

impl<P: Privilege> FromIterator<(P, u32)> for Privileges<P> {
    fn from_iter<I: IntoIterator<Item = (P, u32)>>(iter: I) -> Self {
        let mut p = Self::new();
        for (k, v) in iter {
            p.insert(k, v);
        }
        p
    }
}
