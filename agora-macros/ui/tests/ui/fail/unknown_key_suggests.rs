use agora_api::Endpoint;

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/projects", respnse = ())]
#[auth(basic)]
pub struct ListProjects {}

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/projects/{appid}", response = ())]
#[auth(basic)]
pub struct GetProject {
    #[endpoint(qeury)]
    appid: String,
}

fn main() {}
