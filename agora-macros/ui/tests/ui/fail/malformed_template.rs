use agora_api::{AppId, Endpoint};

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/channel/{appid}/{}/{appid}/{open?x=1", response = ())]
#[auth(basic)]
pub struct ChannelList {
    appid: AppId,
}

fn main() {}
