use agora_api::Endpoint;

#[derive(Endpoint)]
#[endpoint(get, "/dev/v1/projects", response = ())]
#[auth(basic)]
pub struct ListProjects {}

fn main() {}
