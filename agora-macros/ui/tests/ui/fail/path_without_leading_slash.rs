use agora_api::{AppId, Endpoint};

#[derive(Endpoint)]
#[endpoint(GET, "dev/v1/projects/{appid}", response = ())]
#[auth(basic)]
pub struct ListProjects {
    appid: AppId,
}

fn main() {}
