use agora_api::{AppId, Endpoint};

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/channel/{appid}", response = ())]
#[auth(basic)]
pub struct ChannelUsers {
    appid: AppId,
    #[endpoint(path)]
    channel_name: String,
}

fn main() {}
