//! Arbitrary signature headers and bodies into the webhook receiver:
//! verification, the envelope, the typed event, the de-duplication key
//! and the clientSeq tracker. A typed answer or a typed error, never a
//! panic; and whatever the body, the crate's own signatures of it verify.
#![no_main]

use std::time::Instant;

use agora_api::Secret;
use agora_api::webhooks::{
    DedupKey, Deduplicator, Event, Notification, PresenceTracker, Signer, Verifier,
};
use libfuzzer_sys::fuzz_target;

/// One `(productId, eventType)` per typed shape, and a few unknown ones.
const PAIRS: [(u32, u32); 24] = [
    (1, 101),
    (1, 102),
    (1, 104),
    (1, 111),
    (3, 1),
    (3, 4),
    (3, 31),
    (3, 42),
    (3, 71),
    (3, 81),
    (3, 100),
    (3, 110),
    (3, 1001),
    (4, 1),
    (5, 1),
    (7, 11),
    (10, 3),
    (17, 103),
    (17, 110),
    (17, 112),
    (20, 102),
    (3, 33),
    (1, 10),
    (99, 1),
];

fuzz_target!(|data: &[u8]| {
    // Layout: [len_v2][len_v1] v2 bytes, v1 bytes, then the body.
    let (lengths, rest) = data.split_at(data.len().min(2));
    let v2_len = usize::from(lengths.first().copied().unwrap_or(0)).min(rest.len());
    let (v2, rest) = rest.split_at(v2_len);
    let v1_len = usize::from(lengths.get(1).copied().unwrap_or(0)).min(rest.len());
    let (v1, body) = rest.split_at(v1_len);

    let secret = Secret::new("fuzz-ncs-secret");
    let verifier = Verifier::new(&secret);
    let mut headers = http::HeaderMap::new();
    for (name, value) in [("agora-signature-v2", v2), ("agora-signature", v1)] {
        if let Ok(value) = http::HeaderValue::from_bytes(value) {
            headers.insert(name, value);
        }
    }
    if let Err(error) = verifier.receive(&headers, body) {
        let _ = (error.to_string(), error.status());
    }

    // Signed by the crate: always accepted up to the envelope.
    let signed = Signer::new(&secret).sign(body).to_headers();
    assert!(verifier.verify(&signed, body).is_ok());

    // The body as the payload of a documented pair, so that typing is
    // reached even when the bytes are no envelope.
    if let Ok(payload) = serde_json::from_slice::<serde_json::Value>(body) {
        let pick = usize::from(lengths.first().copied().unwrap_or(0));
        let (product, event_type) = PAIRS[pick % PAIRS.len()];
        let _ = format!(
            "{:?}",
            Notification::new("n", product, event_type, 0, payload).event()
        );
    }

    if let Ok(notification) = Notification::from_slice(body) {
        let event = notification.event();
        let _ = format!("{event:?}");
        let mut seen = Deduplicator::new(4);
        let key = DedupKey::of(&notification);
        assert!(seen.first_sight(&key));
        assert!(!seen.first_sight(&key));
        if let Event::RtcChannel(event) = event {
            let mut presence = PresenceTracker::new(4);
            presence.observe(&event, Instant::now());
            let _ = presence.forget_departed(Instant::now());
        }
        // The body it would send again decodes to the same envelope.
        let again = Notification::from_slice(&notification.to_body());
        assert_eq!(again.ok().as_ref(), Some(&notification));
    }
});
