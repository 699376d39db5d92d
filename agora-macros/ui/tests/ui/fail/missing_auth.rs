use agora_api::Endpoint;

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/projects", response = ())]
pub struct ListProjects {}

fn main() {}
