use agora_api::Endpoint;

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/projects")]
#[auth(basic)]
pub struct ListProjects {}

fn main() {}
