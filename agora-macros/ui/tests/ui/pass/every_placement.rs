use agora_api::{AppId, ChannelName, Endpoint};

/// Path, query, header and body members, optional and required.
#[derive(Debug, Clone, Endpoint)]
#[endpoint(POST, "/dev/v1/things/{appid}/{channel}", response = Vec<String>, idempotent)]
#[auth(basic, rtm_token)]
pub struct CreateThing {
    appid: AppId,
    #[endpoint(rename = "channel")]
    channel_name: ChannelName,
    #[endpoint(query = "dryRun")]
    dry_run: Option<bool>,
    #[endpoint(header = "x-request-id")]
    request_id: String,
    name: String,
    #[endpoint(rename = "sizeLimit")]
    size_limit: Option<u64>,
}

/// No fields at all.
#[derive(Endpoint)]
#[endpoint(DELETE, "/dev/v1/everything", response = (), idempotent = false)]
#[auth(rtm_token)]
pub struct DeleteEverything;

fn main() {
    let thing = CreateThing::builder()
        .name("n")
        .request_id("r")
        .channel_name(ChannelName::new("c").unwrap())
        .appid(AppId::new("0123456789abcdef0123456789abcdef").unwrap())
        .size_limit(10)
        .build();
    assert!(<CreateThing as Endpoint>::IDEMPOTENT);
    assert!(!<DeleteEverything as Endpoint>::IDEMPOTENT);
    let _ = (thing, DeleteEverything::builder().build());
}
