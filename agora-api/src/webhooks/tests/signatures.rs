//! Signature verification against the published vector and the broken
//! samples of Agora's current NCS page (webhooks.md §2.2, §2.3).

use super::super::*;
use crate::Secret;

/// The published vector (webhooks.md §2.2): 155 bytes, secret `secret`.
const VECTOR_BODY: &[u8] = br#"{"eventMs":1560408533119,"eventType":10,"noticeId":"4eb720f0-8da7-11e9-a43e-53f411c2761f","notifyMs":1560408533119,"payload":{"a":"1","b":2},"productId":1}"#;
const VECTOR_SHA1: &str = "033c62f40f687675f17f0f41f91a40c71c0f134c";
const VECTOR_SHA256: &str = "6d3320c60b11101395b7fc8f9068748808a0aa1bfa064438e39d1bc2c7d74d99";

fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in pairs {
        let value = http::HeaderValue::from_str(value).unwrap_or_else(|e| panic!("{e}"));
        map.append(*name, value);
    }
    map
}

fn verifier() -> Verifier {
    Verifier::new(&Secret::new("secret"))
}

#[test]
fn the_published_vector_passes_for_both_algorithms() {
    assert_eq!(VECTOR_BODY.len(), 155);
    let v = verifier();
    let sha1 = headers(&[("Agora-Signature", VECTOR_SHA1)]);
    assert_eq!(
        v.verify(&sha1, VECTOR_BODY),
        Ok(SignatureAlgorithm::HmacSha1)
    );
    let sha256 = headers(&[("Agora-Signature-V2", VECTOR_SHA256)]);
    assert_eq!(
        v.verify(&sha256, VECTOR_BODY),
        Ok(SignatureAlgorithm::HmacSha256)
    );
    let both = headers(&[
        ("Agora-Signature", VECTOR_SHA1),
        ("Agora-Signature-V2", VECTOR_SHA256),
    ]);
    assert_eq!(
        v.verify(&both, VECTOR_BODY),
        Ok(SignatureAlgorithm::HmacSha256)
    );
    let signed = Signer::new(&Secret::new("secret")).sign(VECTOR_BODY);
    assert_eq!(
        (signed.sha1_hex(), signed.sha256_hex()),
        (VECTOR_SHA1, VECTOR_SHA256)
    );
    // Upper-case hex is accepted though Agora sends lower case.
    let upper = headers(&[("Agora-Signature-V2", &VECTOR_SHA256.to_uppercase())]);
    assert!(v.verify(&upper, VECTOR_BODY).is_ok());
}

/// The bodies printed beside the vector on the current NCS page
/// (webhooks.md §2.3), with what they really give under `secret`.
const BROKEN: [(&str, &[u8], &str, &str); 3] = [
    (
        "no eventMs (Java sample)",
        br#"{"eventType":10,"noticeId":"4eb720f0-8da7-11e9-a43e-53f411c2761f","notifyMs":1560408533119,"payload":{"a":"1","b":2},"productId":1}"#,
        "5a3bb6a6d9fad2ea9ae3fb707a14c9d7f3136df1",
        "de96da5acf03b0021ac3b4fa2225e7ae6f3533a30d50bb02c08ea4fa748bda24",
    ),
    (
        "no eventMs, noticeId without its 4th hyphen (Go/PHP/Python/Node)",
        br#"{"eventType":10,"noticeId":"4eb720f0-8da7-11e9-a43e53f411c2761f","notifyMs":1560408533119,"payload":{"a":"1","b":2},"productId":1}"#,
        "92ea60c5249b641f80de046d11e1cb2d15f1d1b2",
        "6ba85d7c1122f6c51143cce7765f06c601c0fbd691987f4510e45b943b2639e8",
    ),
    (
        "as above with \"productId \" (Node SHA-1)",
        br#"{"eventType":10,"noticeId":"4eb720f0-8da7-11e9-a43e53f411c2761f","notifyMs":1560408533119,"payload":{"a":"1","b":2},"productId ":1}"#,
        "e98f7e05bff1b39431c83ad6438cc25b98d5da65",
        "3e1536c09038a87e8c02d5724365150e1e68827477c39b722f7540514a644675",
    ),
];

#[test]
fn the_broken_samples_fail_against_the_printed_values() {
    let v = verifier();
    for (what, body, real_sha1, real_sha256) in BROKEN {
        for (name, printed) in [
            ("agora-signature", VECTOR_SHA1),
            ("agora-signature-v2", VECTOR_SHA256),
        ] {
            assert_eq!(
                v.verify(&headers(&[(name, printed)]), body),
                Err(VerifyError::Mismatch { header: name }),
                "{what}: {name}"
            );
        }
        // What those bodies really give: the failure is the body's.
        let both = headers(&[("agora-signature", real_sha1)]);
        assert_eq!(
            v.verify(&both, body),
            Ok(SignatureAlgorithm::HmacSha1),
            "{what}"
        );
        let both = headers(&[("agora-signature-v2", real_sha256)]);
        assert_eq!(
            v.verify(&both, body),
            Ok(SignatureAlgorithm::HmacSha256),
            "{what}"
        );
    }
    assert_eq!(
        (BROKEN[0].1.len(), BROKEN[1].1.len(), BROKEN[2].1.len()),
        (131, 130, 131)
    );
}

#[test]
fn missing_malformed_and_wrong_signatures_are_told_apart() {
    let v = verifier();
    assert_eq!(
        v.verify(&http::HeaderMap::new(), VECTOR_BODY),
        Err(VerifyError::MissingSignature)
    );
    let other = headers(&[("authorization", VECTOR_SHA256)]);
    assert_eq!(
        v.verify(&other, VECTOR_BODY),
        Err(VerifyError::MissingSignature)
    );
    let short = headers(&[("agora-signature-v2", VECTOR_SHA1)]);
    assert_eq!(
        v.verify(&short, VECTOR_BODY),
        Err(VerifyError::Malformed {
            header: SIGNATURE_V2_HEADER,
            malformation: Malformation::Length {
                expected: 64,
                found: 40
            },
        })
    );
    let prefixed = headers(&[("agora-signature", &format!("sha1={VECTOR_SHA1}"))]);
    assert!(matches!(
        v.verify(&prefixed, VECTOR_BODY),
        Err(VerifyError::Malformed {
            malformation: Malformation::Length { .. },
            ..
        })
    ));
    let not_hex = VECTOR_SHA1.replace('c', "g");
    assert_eq!(
        v.verify(&headers(&[("agora-signature", &not_hex)]), VECTOR_BODY),
        Err(VerifyError::Malformed {
            header: SIGNATURE_V1_HEADER,
            malformation: Malformation::NotHex
        })
    );
    let twice = headers(&[
        ("agora-signature-v2", VECTOR_SHA256),
        ("agora-signature-v2", VECTOR_SHA256),
    ]);
    assert_eq!(
        v.verify(&twice, VECTOR_BODY),
        Err(VerifyError::Malformed {
            header: SIGNATURE_V2_HEADER,
            malformation: Malformation::Repeated
        })
    );
    // The right value under another secret.
    let wrong = Verifier::new(&Secret::new("secreT"));
    let sha256 = headers(&[("agora-signature-v2", VECTOR_SHA256)]);
    assert_eq!(
        wrong.verify(&sha256, VECTOR_BODY),
        Err(VerifyError::Mismatch {
            header: SIGNATURE_V2_HEADER
        })
    );
    // A wrong V2 is not rescued by a right SHA-1.
    let mixed = headers(&[
        ("agora-signature", VECTOR_SHA1),
        ("agora-signature-v2", &"0".repeat(64)),
    ]);
    assert_eq!(
        v.verify(&mixed, VECTOR_BODY),
        Err(VerifyError::Mismatch {
            header: SIGNATURE_V2_HEADER
        })
    );
    assert_eq!(VerifyError::MissingSignature.status(), 401);
}

#[test]
fn sha1_can_be_refused_and_large_bodies_are_refused_first() {
    let strict = verifier().require_sha256(true);
    let sha1 = headers(&[("agora-signature", VECTOR_SHA1)]);
    assert_eq!(
        strict.verify(&sha1, VECTOR_BODY),
        Err(VerifyError::Sha256Required)
    );
    let sha256 = headers(&[("agora-signature-v2", VECTOR_SHA256)]);
    assert!(strict.verify(&sha256, VECTOR_BODY).is_ok());

    let small = verifier().max_body_bytes(154);
    let error = small.verify(&sha256, VECTOR_BODY);
    assert_eq!(
        error,
        Err(VerifyError::TooLarge {
            size: 155,
            limit: 154
        })
    );
    assert_eq!(
        error.map_err(|e| e.status()),
        Err(http::StatusCode::PAYLOAD_TOO_LARGE)
    );
    assert!(
        verifier()
            .max_body_bytes(155)
            .verify(&sha256, VECTOR_BODY)
            .is_ok()
    );
}

#[test]
fn the_secret_stays_out_of_debug() {
    let secret = "ncs-secret-value";
    let verifier = Verifier::new(&Secret::new(secret));
    let signer = Signer::new(&Secret::new(secret));
    for printed in [format!("{verifier:?}"), format!("{signer:?}")] {
        assert!(!printed.contains(secret), "{printed}");
        assert!(printed.contains("<redacted>"), "{printed}");
    }
}
