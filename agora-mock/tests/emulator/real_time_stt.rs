//! Real-Time STT against the emulator: legacy builder tokens are issued
//! per call and echo their instance; an App ID of another account is
//! refused.

#![allow(deprecated)]

use crate::support::api_error;
use agora_api::AppId;
use agora_api::real_time_stt::{AcquireSttBuilderToken, InstanceId};
use agora_mock::MockServer;

fn acquire(app_id: &AppId, instance: &str) -> AcquireSttBuilderToken {
    AcquireSttBuilderToken::builder()
        .app_id(app_id.clone())
        .instance_id(InstanceId::new(instance).expect("an instance ID"))
        .build()
}

#[tokio::test]
async fn each_call_issues_a_new_builder_token_for_its_instance() {
    let server = MockServer::start().await;
    let client = server.client();
    let first = client
        .send(&acquire(server.app_id(), "room-42"))
        .await
        .expect("a token");
    let second = client
        .send(&acquire(server.app_id(), "room-42"))
        .await
        .expect("another token");
    assert_eq!(first.instance_id, "room-42");
    assert_ne!(first.token_name, second.token_name, "one token per call");
    let now = server
        .now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    assert!(
        first.create_ts <= now && first.create_ts + 60 >= now,
        "issued at the emulator's now"
    );
}

#[tokio::test]
async fn an_app_id_of_another_account_is_not_found() {
    let server = MockServer::start().await;
    let stranger = AppId::new("ffffffffffffffffffffffffffffffff").expect("an App ID");
    let error = server
        .client()
        .send(&acquire(&stranger, "room-42"))
        .await
        .expect_err("not a project of the account");
    assert_eq!(api_error(&error).status, 404);
}
