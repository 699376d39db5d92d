use agora_api::{Endpoint, TokenContext};

// A token context on an endpoint whose schemes never mint per request.
#[derive(Endpoint)]
#[endpoint(POST, "/v1/agents", response = (), token_context = BasicOnly::context)]
#[auth(basic)]
pub struct BasicOnly {
    pub channel: String,
}

impl BasicOnly {
    fn context(&self) -> TokenContext<'_> {
        TokenContext::new(Some(&self.channel), None)
    }
}

// Text where the function's path belongs.
#[derive(Endpoint)]
#[endpoint(POST, "/v1/agents", response = (), token_context = "context")]
#[auth(rtc_token)]
pub struct ContextAsText {
    pub channel: String,
}

fn main() {}
