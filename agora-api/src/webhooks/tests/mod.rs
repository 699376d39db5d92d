//! Every documented `(productId, eventType)` pair decoded from a payload
//! shaped as Agora's pages describe it; Agora's printed examples verbatim
//! where the reference gives them, repaired where they are not JSON; the
//! pages' inconsistencies each checked.

use serde_json::{Value, json};

use super::*;

mod envelope;
mod realtime;
mod recording;
mod signatures;

/// An event number, its payload, and what its typed form must satisfy.
type Case<T> = (u32, Value, fn(&T) -> bool);

/// The same, with the `serviceType` of a Cloud-Recording-like payload.
type ServiceCase<T> = (u32, u32, Value, fn(&T) -> bool);

pub(super) fn notification(product: u32, event_type: u32, payload: Value) -> Notification {
    Notification::new("n-1", product, event_type, 1_611_566_412_672, payload)
}

/// Decodes through the raw body, as a receiver would, and fails the test
/// on a typing error.
pub(super) fn typed_event(product: u32, event_type: u32, payload: Value) -> Event {
    let body = notification(product, event_type, payload).to_body();
    let decoded = Notification::from_slice(&body).unwrap_or_else(|e| panic!("envelope: {e}"));
    let event = decoded.event();
    if let Event::Other(other) = &event {
        panic!("({product}, {event_type}) did not type: {other:?}");
    }
    event
}

/// The common fields of a Cloud Recording payload around `details`.
pub(super) fn recording(service_type: u32, details: Value) -> Value {
    json!({
        "cname": "demo", "uid": "527841", "sid": "38f8e3cfdc474cd56fc1ceba380d7e1a",
        "sequence": 2, "sendts": 1_619_172_871_089_u64, "serviceType": service_type,
        "details": details,
    })
}
