use agora_api::Endpoint;

#[derive(Endpoint)]
#[auth(basic)]
pub struct ListProjects {}

fn main() {}
