//! A deprecated endpoint: the derive's own output must not trip the
//! deprecation lint, even where it is denied.
#![deny(deprecated)]

use agora_api::{AppId, Endpoint};

#[deprecated(note = "legacy endpoint")]
#[derive(Endpoint)]
#[endpoint(DELETE, "/dev/v1/project", response = ())]
#[auth(basic)]
pub struct DeleteProject {
    id: String,
    appid_hint: Option<AppId>,
}

fn main() {}
