//! The License API's main flow against the in-process emulator:
//! allocate quota to a project, activate devices until the pool runs
//! out, list the allocations and renew a license.
//!
//! `cargo run -p agora-mock --example license`; exits non-zero when a
//! step does not behave as Agora documents.

use std::error::Error;
use std::process::ExitCode;

use agora_api::license::{
    ActivateLicense, AllocateLicenses, AllocationCreator, AllocationPage, AllocationPageSize,
    LicenseCount, LicenseKey, LicensePid, ListLicenseAllocations, RenewId, RenewLicense,
};
use agora_api::{AppId, Error as AgoraError};
use agora_mock::MockServer;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn activation(app_id: &AppId, pid: &LicensePid, device: &str) -> Result<ActivateLicense> {
    Ok(ActivateLicense::builder()
        .pid(pid.clone())
        .license_key(LicenseKey::new(device)?)
        .appid(app_id.clone())
        .build())
}

async fn walk() -> Result<()> {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id().clone();
    let pid = LicensePid::new("02F5A1B2C3D4E5F6A7B8C9D0E1F2EC30")?;
    println!("agora-mock at {}, App ID {app_id}", server.url());

    println!("1. allocate 2 licenses of {pid} to the project");
    client
        .send(
            &AllocateLicenses::builder()
                .appid(app_id.clone())
                .pid(pid.clone())
                .count(LicenseCount::new(2)?)
                .creator(AllocationCreator::new("license-example")?)
                .build(),
        )
        .await?;

    println!("2. activate two devices (each activation is sent once, never retried)");
    let first = client.send(&activation(&app_id, &pid, "SN-0001")?).await?;
    let second = client.send(&activation(&app_id, &pid, "SN-0002")?).await?;
    println!("   SN-0001: {}", first.license);
    println!("   SN-0002: {}", second.license);
    if first.license == second.license {
        return Err("two devices got the same license".into());
    }

    println!("3. a third device finds the pool used up");
    match client.send(&activation(&app_id, &pid, "SN-0003")?).await {
        Err(AgoraError::Api { error, .. }) if error.status == 403 => {
            println!("   refused: {}", error.message.as_deref().unwrap_or("-"));
        }
        Ok(_) => return Err("a third activation succeeded with two licenses".into()),
        Err(other) => return Err(other.into()),
    }

    println!("4. list the allocations");
    let page = client
        .send(
            &ListLicenseAllocations::builder()
                .page(AllocationPage::new(1)?)
                .size(AllocationPageSize::new(10)?)
                .pid(pid.clone())
                .appid(app_id.clone())
                .build(),
        )
        .await?;
    println!("   {} allocation(s)", page.count);
    if page.count != 1 {
        return Err(format!("expected one allocation, found {}", page.count).into());
    }

    println!("5. renew SN-0001's license");
    client
        .send(
            &RenewLicense::builder()
                .appid(app_id)
                .renew_id(RenewId::new("R2024000123")?)
                .license(first.license)
                .build(),
        )
        .await?;
    println!("   renewed");
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match walk().await {
        Ok(()) => {
            println!("License flow passed.");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("License flow failed: {error}");
            ExitCode::FAILURE
        }
    }
}
