use agora_api::Endpoint;

#[derive(Endpoint)]
#[endpoint(GET, "/v5/rooms", response = (), envelope = agora_api::envelope::NO_SUCH)]
#[auth(whiteboard_token)]
pub struct UnknownEnvelope {}

fn main() {}
