use agora_api::{AuthScheme, Endpoint, HostSet};

/// Every built-in scheme name, a fixed host and an envelope.
#[derive(Debug, Endpoint)]
#[endpoint(
    POST,
    "/v5/tokens/{kind}",
    response = String,
    host = "https://api.netless.link",
    envelope = agora_api::envelope::CODE_MSG_DATA
)]
#[auth(whiteboard_token, hmac, rtc_token, education_token, none)]
pub struct NewSchemes {
    kind: String,
}

fn main() {
    assert_eq!(
        <NewSchemes as Endpoint>::AUTH,
        [
            AuthScheme::WHITEBOARD_TOKEN,
            AuthScheme::HMAC,
            AuthScheme::RTC_TOKEN,
            AuthScheme::EDUCATION_TOKEN,
            AuthScheme::NONE,
        ]
    );
    assert_eq!(
        <NewSchemes as Endpoint>::HOSTS,
        HostSet::fixed("https://api.netless.link")
    );
    assert_eq!(<NewSchemes as Endpoint>::ENVELOPE.name(), "code_msg_data");
}
