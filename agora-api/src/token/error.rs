//! The one error type of the token module.

/// Everything that can go wrong while building, parsing or verifying a token.
///
/// Messages name the field or rule that failed. They never contain the App
/// Certificate or a token string.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// The App ID is not exactly 32 hexadecimal ASCII characters.
    #[error("invalid App ID: {reason}; an App ID is exactly 32 hexadecimal characters")]
    InvalidAppId {
        /// What is wrong with it.
        reason: String,
    },

    /// An input breaks a documented rule (for example an App ID that is not
    /// 32 hexadecimal characters).
    #[error(transparent)]
    InvalidInput(#[from] crate::error::InvalidInput),

    /// The App Certificate is not exactly 32 hexadecimal ASCII characters.
    #[error(
        "invalid App Certificate: {reason}; an App Certificate is exactly 32 hexadecimal characters"
    )]
    InvalidAppCertificate {
        /// What is wrong with it (never the value itself).
        reason: String,
    },

    /// The token string is shorter than its format allows.
    #[error("token too short: {len} characters, {format} tokens have at least {min}")]
    TooShort {
        /// Length of the string that was given.
        len: usize,
        /// Minimum length for the expected format.
        min: usize,
        /// The format that was expected (`"006"`, `"007"` or `"Agora"`).
        format: &'static str,
    },

    /// The token does not start with a version prefix this module understands.
    #[error("bad version prefix: expected {expected}, found {found:?}")]
    BadVersion {
        /// The prefix(es) that would have been accepted.
        expected: &'static str,
        /// The first characters of the token (at most 3).
        found: String,
    },

    /// The base64 part of the token is not valid padded standard base64.
    #[error("bad base64 in token body: {detail}")]
    Base64 {
        /// Description from the decoder.
        detail: String,
    },

    /// The body of a `007` token is not a valid zlib stream.
    #[error("bad zlib data in token body: {detail}")]
    Zlib {
        /// What the decompressor reported.
        detail: String,
    },

    /// The decompressed content of a `007` token is larger than any real token.
    #[error("token content too large: more than {limit} bytes after decompression")]
    ContentTooLarge {
        /// The limit in bytes.
        limit: usize,
    },

    /// The binary content ended in the middle of a field.
    #[error("token truncated while reading {field}: needed {needed} bytes, only {available} left")]
    Truncated {
        /// The field that could not be read.
        field: &'static str,
        /// Bytes the field needed.
        needed: usize,
        /// Bytes that were left.
        available: usize,
    },

    /// A text field inside the token is not valid UTF-8.
    #[error("{field} is not valid UTF-8")]
    InvalidUtf8 {
        /// The field that failed.
        field: &'static str,
    },

    /// The embedded signature does not have the 32 bytes of an HMAC-SHA256.
    #[error("bad signature length: {len} bytes, expected 32")]
    BadSignatureLength {
        /// The length that was found.
        len: usize,
    },

    /// Bytes follow the last field of a format that has no room for extensions.
    #[error("{len} unexpected trailing bytes after {after}")]
    TrailingBytes {
        /// The last field that was read.
        after: &'static str,
        /// How many bytes were left over.
        len: usize,
    },

    /// The signature does not match: wrong App Certificate, or the token was modified.
    #[error(
        "signature mismatch: the token was not signed with this App Certificate, or it was modified"
    )]
    SignatureMismatch,

    /// A legacy `006` token was checked against a channel name it was not built for.
    #[error(
        "channel name mismatch: the token's CRC-32 of the channel name is {expected}, the given name has {actual}"
    )]
    ChannelNameMismatch {
        /// CRC-32 stored in the token.
        expected: u32,
        /// CRC-32 of the name that was given.
        actual: u32,
    },

    /// A legacy `006` token was checked against a uid it was not built for.
    #[error(
        "uid mismatch: the token's CRC-32 of the uid is {expected}, the given uid has {actual}"
    )]
    UidMismatch {
        /// CRC-32 stored in the token.
        expected: u32,
        /// CRC-32 of the uid that was given.
        actual: u32,
    },

    /// An AccessToken2 must carry at least one service.
    #[error("no service added: an AccessToken2 needs at least one service")]
    NoService,

    /// A string field is longer than the 65535 bytes its `u16` length prefix allows.
    #[error("{field} is {len} bytes long; the limit is 65535 bytes")]
    FieldTooLong {
        /// The field that is too long.
        field: &'static str,
        /// Its length in bytes.
        len: usize,
    },

    /// A list has more entries than its `u16` count allows.
    #[error("too many {what}: {count}, the limit is 65535")]
    TooMany {
        /// What is being counted.
        what: &'static str,
        /// How many there are.
        count: usize,
    },

    /// A timestamp computed from the issue time does not fit in 32 bits.
    #[error("timestamp overflow: {what} does not fit in an unsigned 32-bit unix time")]
    TimestampOverflow {
        /// The value that overflowed.
        what: &'static str,
    },

    /// The system clock could not give a 32-bit unix time.
    #[error("system clock unusable: {detail}")]
    Clock {
        /// What went wrong.
        detail: String,
    },

    /// Text that is not an Interactive Whiteboard token.
    #[error("not a Whiteboard token: {detail}")]
    NotWhiteboard {
        /// What is wrong with it.
        detail: String,
    },

    /// The operating system's random number generator failed.
    #[error("random salt generation failed: {detail}")]
    Random {
        /// What went wrong.
        detail: String,
    },
}
