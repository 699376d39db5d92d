use agora_api::Endpoint;

/// Displays, but cannot be parsed back: the decoder needs `FromStr`.
pub struct Zone;

impl std::fmt::Display for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("eu")
    }
}

/// Serializes, but cannot be read back: the decoder needs `Deserialize`.
#[derive(serde::Serialize)]
pub struct Filter {
    pub name: String,
}

#[derive(Endpoint)]
#[endpoint(POST, "/dev/v1/beta/{zone}/rules", response = ())]
#[auth(basic)]
pub struct CreateRule {
    zone: Zone,
    filter: Filter,
}

fn main() {}
