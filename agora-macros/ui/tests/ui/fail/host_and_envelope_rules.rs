use agora_api::Endpoint;

#[derive(Endpoint)]
#[endpoint(GET, "/v5/rooms", response = (), host = "http://api.netless.link")]
#[auth(whiteboard_token)]
pub struct PlainHttpHost {}

#[derive(Endpoint)]
#[endpoint(GET, "/v5/rooms", response = (), host = "https://api.netless.link/v5")]
#[auth(whiteboard_token)]
pub struct HostWithPath {}

#[derive(Endpoint)]
#[endpoint(
    GET,
    "/v5/rooms",
    response = (),
    host = "https://api.netless.link",
    host = "https://api.agora.io"
)]
#[auth(whiteboard_token)]
pub struct ConflictingHosts {}

#[derive(Endpoint)]
#[endpoint(GET, "/v5/rooms", response = ())]
#[auth(hmca)]
pub struct MisspelledScheme {}

#[derive(Endpoint)]
#[endpoint(GET, "/v5/rooms", response = (), envelope = "code")]
#[auth(whiteboard_token)]
pub struct EnvelopeAsText {}

fn main() {}
