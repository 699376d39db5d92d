use agora_api::{AppId, Endpoint};

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/channel/{appid}", response = ())]
#[auth(basic)]
pub struct ChannelList {
    appid: AppId,
    page_no: u32,
}

fn main() {}
