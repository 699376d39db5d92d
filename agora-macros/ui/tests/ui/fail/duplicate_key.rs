use agora_api::Endpoint;

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/projects", response = (), response = ())]
#[auth(basic)]
pub struct ListProjects {}

#[derive(Endpoint)]
#[endpoint(GET, POST, "/dev/v1/projects", "/dev/v1/project", response = ())]
#[auth(basic)]
pub struct TwoMethods {}

fn main() {}
