use agora_api::Endpoint;

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/projects", response = ())]
#[auth(basic)]
#[auth(rtm_token)]
pub struct TwoAttributes {}

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/projects", response = ())]
#[auth(basic, rtm_token, basic)]
pub struct RepeatedScheme {}

fn main() {}
