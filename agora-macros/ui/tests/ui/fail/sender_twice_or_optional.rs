use agora_api::{AppId, Endpoint, UserId};

#[derive(Endpoint)]
#[endpoint(POST, "/dev/v1/beta/{appid}/users/{from}/notes", response = ())]
#[auth(basic, rtm_token)]
pub struct TwoSenders {
    appid: AppId,
    #[endpoint(sender)]
    from: UserId,
    #[endpoint(sender)]
    on_behalf_of: UserId,
}

#[derive(Endpoint)]
#[endpoint(POST, "/dev/v1/beta/{appid}/notes", response = ())]
#[auth(basic, rtm_token)]
pub struct OptionalSender {
    appid: AppId,
    #[endpoint(sender)]
    from: Option<UserId>,
}

fn main() {}
