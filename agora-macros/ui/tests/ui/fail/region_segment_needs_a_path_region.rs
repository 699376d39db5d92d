use agora_api::{AppId, Endpoint, Region};

#[derive(Endpoint)]
#[endpoint(GET, "/{region}/v1/projects/{appid}/rtmp-converters", response = ())]
#[auth(basic)]
pub struct HostRegionInThePath {
    region: Region,
    appid: AppId,
}

fn main() {}
