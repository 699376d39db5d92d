//! The License API against the emulator: allocations fill a project's
//! pool of one license kind, activations take from it and run out, an
//! activated device keeps its license, and a renewal order works once.

use crate::support::{api_error, code};
use agora_api::AppId;
use agora_api::license::{
    ActivateLicense, ActivateLicenseChineseConsole, AllocateLicenses, AllocationCreator,
    AllocationPage, AllocationPageSize, LicenseCount, LicenseKey, LicensePid,
    ListLicenseAllocations, RenewId, RenewLicense,
};
use agora_mock::MockServer;

fn pid() -> LicensePid {
    LicensePid::new("02F5A1B2C3D4E5F6A7B8C9D0E1F2EC30").expect("a pid")
}

fn allocate(app_id: &AppId, count: u32) -> AllocateLicenses {
    AllocateLicenses::builder()
        .appid(app_id.clone())
        .pid(pid())
        .count(LicenseCount::new(count).expect("a count"))
        .creator(AllocationCreator::new("ops").expect("a creator"))
        .build()
}

fn activate(app_id: &AppId, device: &str) -> ActivateLicense {
    ActivateLicense::builder()
        .pid(pid())
        .license_key(LicenseKey::new(device).expect("a key"))
        .appid(app_id.clone())
        .build()
}

#[tokio::test]
async fn activations_take_from_the_allocated_pool_until_it_runs_out() {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id();

    let before = client
        .send(&activate(app_id, "device-1"))
        .await
        .expect_err("nothing allocated yet");
    assert_eq!(api_error(&before).status, 403);
    assert_eq!(code(&before), Some(403), "{{code, message}} in the body");

    client.send(&allocate(app_id, 2)).await.expect("allocated");
    let first = client
        .send(&activate(app_id, "device-1"))
        .await
        .expect("one license");
    let second = client
        .send(&activate(app_id, "device-2"))
        .await
        .expect("the second license");
    assert_ne!(first.license, second.license, "one license per device");

    let again = client
        .send(&activate(app_id, "device-1"))
        .await
        .expect("an activated device keeps its license");
    assert_eq!(again.license, first.license);

    let used_up = client
        .send(&activate(app_id, "device-3"))
        .await
        .expect_err("the pool is used up");
    assert_eq!(api_error(&used_up).status, 403);

    client.send(&allocate(app_id, 1)).await.expect("allocated");
    let on_chinese_path = client
        .send(
            &ActivateLicenseChineseConsole::builder()
                .pid(pid())
                .license_key(LicenseKey::new("device-3").expect("a key"))
                .appid(app_id.clone())
                .build(),
        )
        .await
        .expect("both paths share the pool");
    assert_eq!(on_chinese_path.sku_view.0.len(), 1);
}

#[tokio::test]
async fn allocations_are_listed_a_page_at_a_time() {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id();
    for count in [5, 10, 20] {
        client
            .send(&allocate(app_id, count))
            .await
            .expect("allocated");
    }
    let page = |page: u32| {
        ListLicenseAllocations::builder()
            .page(AllocationPage::new(page).expect("a page"))
            .size(AllocationPageSize::new(2).expect("a size"))
            .pid(pid())
            .appid(app_id.clone())
            .build()
    };
    let first = client.send(&page(1)).await.expect("page 1");
    assert_eq!(first.count, 3);
    let counts: Vec<u64> = first.list.iter().map(|a| a.count).collect();
    assert_eq!(counts, [5, 10]);
    let second = client.send(&page(2)).await.expect("page 2");
    assert_eq!(second.list.len(), 1);
    assert_eq!(second.list[0].creator.as_deref(), Some("ops"));
    let past = client.send(&page(3)).await.expect("past the end");
    assert!(past.list.is_empty());
}

#[tokio::test]
async fn a_renewal_order_renews_a_license_of_the_project_once() {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id();
    client.send(&allocate(app_id, 1)).await.expect("allocated");
    let activated = client
        .send(&activate(app_id, "device-1"))
        .await
        .expect("a license");
    let renew = |order: &str, license| {
        RenewLicense::builder()
            .appid(app_id.clone())
            .renew_id(RenewId::new(order).expect("a renewal order"))
            .license(license)
            .build()
    };
    client
        .send(&renew("R1", activated.license.clone()))
        .await
        .expect("renewed");
    let twice = client
        .send(&renew("R1", activated.license))
        .await
        .expect_err("a renewal order works once");
    assert_eq!(api_error(&twice).status, 400);

    let unknown = client
        .send(&renew(
            "R2",
            agora_api::license::License::new("FFFF").expect("a license"),
        ))
        .await
        .expect_err("not a license of the project");
    assert_eq!(api_error(&unknown).status, 404);
}

#[tokio::test]
async fn an_app_id_of_another_account_is_refused() {
    let server = MockServer::start().await;
    let stranger = AppId::new("ffffffffffffffffffffffffffffffff").expect("an App ID");
    let error = server
        .client()
        .send(&allocate(&stranger, 1))
        .await
        .expect_err("not a project of the account");
    assert_eq!(api_error(&error).status, 400);
}
