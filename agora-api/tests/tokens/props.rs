//! Property tests: build → parse → verify round trips for arbitrary inputs,
//! wrong certificates never verify, and truncated or corrupted tokens give a
//! clean error (never a panic).

use agora_api::token::{
    self, AccessToken2, ApaasService, AppCertificate, AppId, ChatService, ConvoAiService,
    FcdnService, FpaService, LegacyAccessToken, ParsedAccessToken2, ParsedLegacyAccessToken,
    RtcService, RtcUser, Rtm2Permissions, Rtm2Service, RtmService, Service, StreamingService,
    SttService, TokenError,
};
use proptest::prelude::*;
use proptest::sample::Index;

fn arb_hex32() -> impl Strategy<Value = String> {
    "[0-9a-fA-F]{32}"
}

fn arb_text() -> impl Strategy<Value = String> {
    // Any Unicode, mostly short; some long enough to exercise multi-byte lengths.
    prop_oneof![
        4 => ".{0,24}",
        1 => "[a-z0-9_-]{200,400}",
    ]
}

fn arb_user() -> impl Strategy<Value = RtcUser> {
    prop_oneof![
        any::<u32>().prop_map(RtcUser::Uid),
        Just(RtcUser::Uid(0)),
        arb_text().prop_map(RtcUser::Account),
    ]
}

fn arb_privs() -> impl Strategy<Value = Vec<(u16, u32)>> {
    prop::collection::vec((0u16..8, any::<u32>()), 0..6)
}

macro_rules! with_privs {
    ($service:expr, $privs:expr) => {{
        let mut s = $service;
        for (k, v) in $privs {
            s.privileges_mut().insert_raw(k, v);
        }
        Service::from(s)
    }};
}

fn arb_service() -> impl Strategy<Value = Service> {
    prop_oneof![
        (arb_text(), arb_user(), arb_privs())
            .prop_map(|(c, u, p)| with_privs!(RtcService::new(c, u), p)),
        (arb_text(), arb_privs()).prop_map(|(u, p)| with_privs!(RtmService::new(u), p)),
        (arb_text(), arb_user(), arb_privs())
            .prop_map(|(c, u, p)| with_privs!(StreamingService::new(c, u), p)),
        arb_privs().prop_map(|p| with_privs!(FpaService::new(), p)),
        (arb_text(), arb_privs()).prop_map(|(u, p)| with_privs!(ChatService::new(u), p)),
        (arb_text(), arb_user(), arb_privs())
            .prop_map(|(c, u, p)| with_privs!(FcdnService::new(c, u), p)),
        (arb_text(), arb_text(), any::<i16>(), arb_privs())
            .prop_map(|(r, u, role, p)| with_privs!(ApaasService::new(r, u, role), p)),
        (
            arb_text(),
            arb_privs(),
            prop::collection::vec((0u16..6, 0u16..3, arb_text()), 0..6)
        )
            .prop_map(|(u, p, perms)| {
                let mut all = Rtm2Permissions::new();
                for (rt, pt, r) in perms {
                    all.add_raw(rt, pt, r);
                }
                with_privs!(Rtm2Service::new(u).with_permissions(all), p)
            }),
        Just(Service::from(ConvoAiService::new())),
        Just(Service::from(SttService::new())),
    ]
}

#[derive(Debug, Clone)]
struct Input007 {
    app_id: String,
    cert: String,
    issue_ts: u32,
    salt: u32,
    expire: u32,
    services: Vec<Service>,
}

fn arb_input007() -> impl Strategy<Value = Input007> {
    (
        arb_hex32(),
        arb_hex32(),
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        prop::collection::vec(arb_service(), 1..6),
    )
        .prop_map(
            |(app_id, cert, issue_ts, salt, expire, services)| Input007 {
                app_id,
                cert,
                issue_ts,
                salt,
                expire,
                services,
            },
        )
}

impl Input007 {
    fn token(&self) -> AccessToken2 {
        let app_id = AppId::new(self.app_id.as_str()).unwrap();
        let mut t = AccessToken2::from_parts(&app_id, self.issue_ts, self.salt, self.expire);
        for s in &self.services {
            t.add_service(s.clone());
        }
        t
    }

    fn cert(&self) -> AppCertificate {
        AppCertificate::new(self.cert.as_str()).unwrap()
    }

    /// What a parse must return: the services stable-sorted by type.
    fn expected_parsed(&self) -> AccessToken2 {
        let mut sorted = self.services.clone();
        sorted.sort_by_key(Service::service_type);
        let app_id = AppId::new(self.app_id.as_str()).unwrap();
        let mut t = AccessToken2::from_parts(&app_id, self.issue_ts, self.salt, self.expire);
        for s in sorted {
            t.add_service(s);
        }
        t
    }

    fn build(&self) -> String {
        self.token().build(&self.cert()).unwrap().into_secret()
    }
}

#[derive(Debug, Clone)]
struct Input006 {
    app_id: String,
    cert: String,
    channel: String,
    uid: RtcUser,
    ts: u32,
    salt: u32,
    privileges: Vec<(u16, u32)>,
}

fn arb_input006() -> impl Strategy<Value = Input006> {
    (
        arb_hex32(),
        arb_hex32(),
        arb_text(),
        arb_user(),
        any::<u32>(),
        any::<u32>(),
        prop::collection::vec(
            (
                prop_oneof![1u16..5, Just(101u16), Just(1000u16)],
                any::<u32>(),
            ),
            0..6,
        ),
    )
        .prop_map(
            |(app_id, cert, channel, uid, ts, salt, privileges)| Input006 {
                app_id,
                cert,
                channel,
                uid,
                ts,
                salt,
                privileges,
            },
        )
}

impl Input006 {
    fn cert(&self) -> AppCertificate {
        AppCertificate::new(self.cert.as_str()).unwrap()
    }

    fn build(&self) -> String {
        let app_id = AppId::new(self.app_id.as_str()).unwrap();
        let mut t = LegacyAccessToken::from_parts(
            &app_id,
            self.channel.as_str(),
            self.uid.clone(),
            self.ts,
            self.salt,
        );
        for &(k, v) in &self.privileges {
            t.privileges_mut().insert_raw(k, v);
        }
        t.build(&self.cert()).unwrap().into_secret()
    }

    fn verify(&self, s: &str, cert: &AppCertificate) -> Result<(), TokenError> {
        ParsedLegacyAccessToken::parse(s)?.verify(cert, &self.channel, self.uid.clone())
    }
}

/// Replaces the byte at `at` with a different printable ASCII byte.
fn corrupt(s: &str, at: usize, replacement: u8) -> Option<String> {
    let mut bytes = s.as_bytes().to_vec();
    if bytes[at] == replacement {
        return None;
    }
    bytes[at] = replacement;
    String::from_utf8(bytes).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn access_token2_build_parse_verify_round_trips(input in arb_input007()) {
        let s = input.build();
        prop_assert!(s.starts_with("007"));
        let parsed = ParsedAccessToken2::parse(&s).unwrap();
        prop_assert!(parsed.verify(&input.cert()).is_ok());
        prop_assert!(parsed.is_fully_decoded());
        prop_assert_eq!(parsed.token(), &input.expected_parsed());
        // Parsing and rebuilding is the identity on canonical strings.
        prop_assert_eq!(parsed.into_token().build(&input.cert()).unwrap().into_secret(), s);
    }

    #[test]
    fn access_token2_wrong_certificate_never_verifies(input in arb_input007(), other in arb_hex32()) {
        prop_assume!(other != input.cert);
        let parsed = ParsedAccessToken2::parse(&input.build()).unwrap();
        let wrong = AppCertificate::new(other).unwrap();
        prop_assert_eq!(parsed.verify(&wrong), Err(TokenError::SignatureMismatch));
    }

    #[test]
    fn access_token2_every_truncation_is_an_error(input in arb_input007(), cut in any::<Index>()) {
        let s = input.build();
        let at = cut.index(s.len());
        prop_assert!(token::parse(&s[..at]).is_err());
    }

    #[test]
    fn access_token2_single_byte_corruption_never_passes_as_a_different_token(
        input in arb_input007(),
        pos in any::<Index>(),
        replacement in 0x20u8..0x7f,
    ) {
        let s = input.build();
        let Some(bad) = corrupt(&s, pos.index(s.len()), replacement) else {
            return Ok(());
        };
        match token::parse(&bad) {
            Err(_) => {}
            Ok(token::ParsedToken::V006(p)) => {
                // "007" corrupted into "006": still never verifies.
                prop_assert!(p.verify(&input.cert(), "", "").is_err());
            }
            Ok(token::ParsedToken::V007(p)) => {
                // Either the signature check fails, or the change only hit bits
                // the zlib format ignores (padding after the last deflate
                // block), so the decoded token is the original one.
                if p.verify(&input.cert()).is_ok() {
                    prop_assert_eq!(p.token(), &input.expected_parsed());
                }
            }
        }
    }

    #[test]
    fn access_token2_content_corruption_and_truncation_never_verify(
        input in arb_input007(),
        pos in any::<Index>(),
        flip in 1u8..=255,
    ) {
        let content = input.token().content(&input.cert()).unwrap();
        let at = pos.index(content.len());
        let truncated = ParsedAccessToken2::from_content(&content[..at]);
        prop_assert!(truncated.is_err());
        let mut bad = content.clone();
        bad[at] ^= flip;
        let verified = ParsedAccessToken2::from_content(&bad).and_then(|p| p.verify(&input.cert()));
        prop_assert!(verified.is_err());
    }

    #[test]
    fn legacy_build_parse_verify_round_trips(input in arb_input006()) {
        let s = input.build();
        let parsed = ParsedLegacyAccessToken::parse(&s).unwrap();
        prop_assert!(input.verify(&s, &input.cert()).is_ok());
        prop_assert_eq!(parsed.app_id(), input.app_id.as_str());
        prop_assert_eq!((parsed.ts(), parsed.salt()), (input.ts, input.salt));
        let mut expected: Vec<(u16, u32)> = input
            .privileges
            .iter()
            .copied()
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_iter()
            .collect();
        expected.sort_unstable();
        prop_assert_eq!(parsed.privileges().iter().collect::<Vec<_>>(), expected);
    }

    #[test]
    fn legacy_wrong_certificate_never_verifies(input in arb_input006(), other in arb_hex32()) {
        prop_assume!(other != input.cert);
        let s = input.build();
        let wrong = AppCertificate::new(other).unwrap();
        prop_assert_eq!(input.verify(&s, &wrong), Err(TokenError::SignatureMismatch));
    }

    #[test]
    fn legacy_every_truncation_is_an_error(input in arb_input006(), cut in any::<Index>()) {
        let s = input.build();
        prop_assert!(token::parse(&s[..cut.index(s.len())]).is_err());
    }

    #[test]
    fn legacy_single_byte_corruption_never_verifies(
        input in arb_input006(),
        pos in any::<Index>(),
        replacement in 0x20u8..0x7f,
    ) {
        let s = input.build();
        let Some(bad) = corrupt(&s, pos.index(s.len()), replacement) else {
            return Ok(());
        };
        prop_assert!(input.verify(&bad, &input.cert()).is_err());
    }

    #[test]
    fn arbitrary_strings_never_panic_the_parsers(s in ".{0,300}") {
        let _ = token::parse(&s);
        let _ = ParsedAccessToken2::parse(&s);
        let _ = ParsedLegacyAccessToken::parse(&s);
        let _ = token::parse(&format!("007{s}"));
        let _ = token::parse(&format!("006{s}"));
    }

    #[test]
    fn arbitrary_content_bytes_never_panic_the_007_decoder(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = ParsedAccessToken2::from_content(&bytes);
        let mut framed = vec![32u8, 0];
        framed.extend_from_slice(&[0u8; 32]);
        framed.extend_from_slice(&bytes);
        if let Ok(p) = ParsedAccessToken2::from_content(&framed) {
            let _ = p.remainder();
        }
    }
}
