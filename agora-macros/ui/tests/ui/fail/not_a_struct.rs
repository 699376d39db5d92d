use agora_api::Endpoint;

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/projects", response = ())]
#[auth(basic)]
pub enum ListProjects {
    All,
}

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/projects/{0}", response = ())]
#[auth(basic)]
pub struct Tuple(String);

fn main() {}
