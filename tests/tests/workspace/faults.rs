//! Every endpoint under every fault, against the emulator, judged by the
//! emulator's request journal:
//!
//! - a non-idempotent endpoint is received at most once, and applied at
//!   most once, whatever the fault;
//! - an idempotent endpoint, once the fault clears, gets the same answer as
//!   without the fault (the client recovered instead of failing).
//!
//! The requests are the documented examples of `specs/`
//! (`agora_tests::examples`: decoded from the spec files into their typed
//! endpoints and sent through the registry), one per endpoint.

use std::collections::BTreeSet;
use std::time::Duration;

use agora_api::{AppId, Client, Error, RetryPolicy};
use agora_mock::{Fault, FaultRule, MockServer};
use agora_tests::examples::{self, Example};

/// What a call came to, comparable across runs.
fn outcome(result: &Result<(), Error>) -> String {
    match result {
        Ok(()) => "ok".to_owned(),
        Err(error) => match error.api() {
            Some(api) => format!("HTTP {}", api.status),
            None => format!("{error}"),
        },
    }
}

/// A fault, and whether it leaves a second host reachable.
struct Case {
    name: &'static str,
    rule: Option<fn(&Example) -> FaultRule>,
    dead_primary: bool,
}

fn on(example: &Example, fault: Fault) -> FaultRule {
    FaultRule::new(fault).on(example.method.as_str(), example.path)
}

const CASES: &[Case] = &[
    Case {
        name: "a burst of two 503s",
        rule: Some(|e| on(e, Fault::status(503)).times(2)),
        dead_primary: false,
    },
    Case {
        name: "429 with Retry-After: 0",
        rule: Some(|e| on(e, Fault::status(429).retry_after(Duration::ZERO)).times(1)),
        dead_primary: false,
    },
    Case {
        name: "an answer slower than the attempt timeout",
        rule: Some(|e| on(e, Fault::delay(Duration::from_millis(900))).times(1)),
        dead_primary: false,
    },
    Case {
        name: "a connection dropped before the server acted",
        rule: Some(|e| on(e, Fault::drop_before_apply()).times(1)),
        dead_primary: false,
    },
    Case {
        name: "a connection dropped after the server acted",
        rule: Some(|e| on(e, Fault::drop_after_apply()).times(1)),
        dead_primary: false,
    },
    Case {
        name: "a dead primary host",
        rule: None,
        dead_primary: true,
    },
];

async fn emulator() -> MockServer {
    MockServer::builder()
        .app_id(AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID"))
        .hosts(2)
        .start()
        .await
        .expect("the emulator starts")
}

fn client(mock: &MockServer) -> Client {
    mock.client_builder()
        .retry(
            RetryPolicy::default()
                .backoff([Duration::from_millis(5)])
                .jitter(false),
        )
        .attempt_timeout(Duration::from_millis(300))
        .timeout(Duration::from_secs(5))
        .build()
        .expect("a valid client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_keeps_its_promise_under_every_fault() {
    let mut seen = BTreeSet::new();
    let examples: Vec<Example> = examples::all()
        .into_iter()
        .filter(|example| seen.insert((example.product(), example.endpoint)))
        .collect();
    let bound = agora_api::registry::endpoints()
        .filter(|info| info.module.starts_with("agora_api::"))
        .count();
    assert_eq!(examples.len(), bound, "one example per bound endpoint");

    let mut failures = Vec::new();
    let mut succeeding = 0;
    // Per product: whether one of its examples succeeds.
    let mut product_succeeds: std::collections::BTreeMap<&str, bool> = Default::default();
    for example in &examples {
        let baseline = {
            let mock = emulator().await;
            outcome(&example.send(client(&mock)).await)
        };
        if baseline == "ok" {
            succeeding += 1;
        }
        let product = agora_api::registry::endpoints()
            .find(|info| info.name == example.endpoint && info.path == example.path)
            .map_or("", |info| info.product());
        *product_succeeds.entry(product).or_default() |= baseline == "ok";
        for case in CASES {
            let mock = emulator().await;
            if let Some(rule) = case.rule {
                mock.inject(rule(example));
            }
            if case.dead_primary {
                mock.set_host_unreachable(0, true)
                    .await
                    .expect("the primary host goes down");
            }
            let result = example.send(client(&mock)).await;
            let got = outcome(&result);
            let entries: Vec<_> = mock
                .journal()
                .into_iter()
                .filter(|entry| entry.endpoint_name() == Some(example.endpoint))
                .collect();
            let received = entries.len();
            let applied = entries.iter().filter(|entry| entry.applied).count();
            let label = format!("{} under {}", example.endpoint, case.name);
            // The fault really happened: an injected fault is in the
            // journal; with a dead primary, only the second host answered.
            let exercised = if case.dead_primary {
                entries.iter().all(|entry| entry.host == 1)
            } else {
                entries.iter().any(|entry| entry.fault.is_some())
            };
            if !exercised {
                failures.push(format!("{label}: the fault was not exercised: {entries:?}"));
            }
            if example.idempotent {
                if got != baseline {
                    failures.push(format!(
                        "{label}: got {got:?}, without the fault {baseline:?}"
                    ));
                }
            } else if received != 1 || applied > 1 {
                failures.push(format!(
                    "{label}: received {received} times, applied {applied} times (must be once, at most once)"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} broken promises:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!(
        "{} endpoints x {} faults; {succeeding} examples succeed on a fresh emulator",
        examples.len(),
        CASES.len()
    );
    // Every product has an example that succeeds on a fresh emulator, so
    // each is tried on a success under every fault; the others (a query of
    // a session or an agent that does not exist) still get the same answer
    // under faults. (A share of all examples would fall as products whose
    // calls name a resource are added.)
    let without_success: Vec<&str> = product_succeeds
        .iter()
        .filter(|(_, succeeds)| !**succeeds)
        .map(|(product, _)| *product)
        .collect();
    assert!(
        without_success.is_empty(),
        "no example of {without_success:?} succeeds on a fresh emulator ({succeeding} of {} do)",
        examples.len()
    );
}
