use agora_api::{AppId, Endpoint};

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/channel/{appid}/{channel_name}", response = ())]
#[auth(basic)]
pub struct ChannelUsers {
    appid: AppId,
}

fn main() {}
