//! The one family of validated value types every product builds on:
//!
//! - [`validated_string!`]: text with a documented rule (charset, length),
//!   and [`issued_id`], the rule of identifiers Agora issues;
//! - [`validated_number!`]: whole numbers in a documented range;
//! - [`string_enum!`] and [`int_enum!`]: open enums of documented values
//!   with a catch-all for values Agora adds later (responses, and requests
//!   where Agora may add values); [`closed_enum!`]: the documented values
//!   only, for requests where anything else is refused;
//! - [`comma_list!`]: comma-separated lists of such values;
//! - [`builder_token`]: the builder-token session that several products
//!   share (the token kept with its task).
//!
//! Each checks its rule when a value is made ([`InvalidInput`] names the
//! field and the rule) and again when it is decoded, so a value that
//! exists is valid, and the derive's decoder refuses what the client
//! would refuse. The macros are exported at the crate root
//! (`agora_api::validated_string!`, ...), so the field types of an
//! endpoint a user binds themselves are made the same way.
//!
//! [`InvalidInput`]: crate::InvalidInput

pub(crate) mod builder_token;
mod enums;
// Decoders for values Agora sends with another JSON type than it
// documents (numbers as strings): response types and webhooks.
#[allow(
    dead_code,
    reason = "shared by the products and webhooks; a build of some may not use them"
)]
pub(crate) mod lenient;
mod list;
mod number;
mod text;

#[allow(
    unused_imports,
    reason = "shared by the products; a build of some may not use them"
)]
pub(crate) use enums::{closed_enum, int_enum, string_enum};
#[allow(
    unused_imports,
    reason = "shared by the products; a build of some may not use them"
)]
pub(crate) use list::comma_list;
#[allow(
    unused_imports,
    reason = "shared by the products; a build of some may not use them"
)]
pub(crate) use number::validated_number;
#[allow(
    unused_imports,
    reason = "shared by the products; a build of some may not use them"
)]
pub(crate) use text::{issued_id, validated_string};
