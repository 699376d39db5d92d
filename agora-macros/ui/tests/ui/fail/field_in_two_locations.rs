use agora_api::{AppId, Endpoint};

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/channel/{appid}", response = ())]
#[auth(basic)]
pub struct QueryAndHeader {
    appid: AppId,
    #[endpoint(query, header = "x-page")]
    page: u32,
}

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/channel/{appid}", response = ())]
#[auth(basic)]
pub struct PathAndQuery {
    #[endpoint(query)]
    appid: AppId,
}

#[derive(Endpoint)]
#[endpoint(POST, "/dev/v1/kicking-rule", response = ())]
#[auth(basic)]
pub struct BodyAndMembers {
    #[endpoint(body)]
    rule: Vec<u32>,
    cname: String,
}

fn main() {}
