use agora_api::Endpoint;

#[derive(Endpoint)]
#[endpoint(GET, response = ())]
#[auth(basic)]
pub struct ListProjects {}

fn main() {}
