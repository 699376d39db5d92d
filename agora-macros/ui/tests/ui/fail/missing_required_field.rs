use agora_api::cloud_recording::{Acquire, AcquireClientRequest};
use agora_api::{AppId, UidString};

fn main() {
    // `cname` is required: without it there is no `build()`.
    let _ = Acquire::builder()
        .appid(AppId::new("0123456789abcdef0123456789abcdef").unwrap())
        .uid(UidString::new(1).unwrap())
        .client_request(AcquireClientRequest::default())
        .build();
}
