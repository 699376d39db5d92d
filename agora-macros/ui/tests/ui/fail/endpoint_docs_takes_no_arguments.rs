// The doc block is written from #[endpoint] and #[auth]; the attribute
// itself takes nothing.
use agora_api::{Endpoint, endpoint_docs};

/// Lists things.
#[endpoint_docs(GET)]
#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/things", response = ())]
#[auth(basic)]
pub struct ListThings {}

fn main() {}
