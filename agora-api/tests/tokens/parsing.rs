//! Parser behaviour beyond the official vectors: forward compatibility with
//! unknown service types, old unsorted tokens, strictness, limits, input
//! validation and secret redaction.

use std::io::Write as _;

use agora_api::token::{
    self, AccessToken2, AppCertificate, AppId, ConvoAiService, LegacyAccessToken, LegacyPrivilege,
    ParsedAccessToken2, ParsedLegacyAccessToken, RtcPrivilege, RtcService, RtmPrivilege,
    RtmService, Service, ServiceType, SttService, Token, TokenBuilder, TokenError,
};
use base64::Engine as _;

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";

fn cert() -> AppCertificate {
    AppCertificate::new(CERT).unwrap()
}

fn app_id() -> AppId {
    AppId::new(APP_ID).unwrap()
}

// An independent signer, written from the format description, used to make
// tokens the builder cannot make (unknown services, unsorted services).

fn hmac(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key);
    ring::hmac::sign(&key, msg).as_ref().to_vec()
}

fn string(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(&u16::try_from(s.len()).unwrap().to_le_bytes());
    out.extend_from_slice(s);
}

fn header(issue_ts: u32, expire: u32, salt: u32, n_services: u16) -> Vec<u8> {
    let mut info = Vec::new();
    string(&mut info, APP_ID.as_bytes());
    info.extend_from_slice(&issue_ts.to_le_bytes());
    info.extend_from_slice(&expire.to_le_bytes());
    info.extend_from_slice(&salt.to_le_bytes());
    info.extend_from_slice(&n_services.to_le_bytes());
    info
}

fn rtm_service_bytes(user: &str, login: u32) -> Vec<u8> {
    let mut s = Vec::new();
    s.extend_from_slice(&2u16.to_le_bytes());
    s.extend_from_slice(&1u16.to_le_bytes());
    s.extend_from_slice(&1u16.to_le_bytes());
    s.extend_from_slice(&login.to_le_bytes());
    string(&mut s, user.as_bytes());
    s
}

fn rtc_join_service_bytes(channel: &str, uid: &str, join: u32) -> Vec<u8> {
    let mut s = Vec::new();
    s.extend_from_slice(&1u16.to_le_bytes());
    s.extend_from_slice(&1u16.to_le_bytes());
    s.extend_from_slice(&1u16.to_le_bytes());
    s.extend_from_slice(&join.to_le_bytes());
    string(&mut s, channel.as_bytes());
    string(&mut s, uid.as_bytes());
    s
}

fn sign_and_encode(info: &[u8], issue_ts: u32, salt: u32) -> String {
    let k1 = hmac(&issue_ts.to_le_bytes(), CERT.as_bytes());
    let k2 = hmac(&salt.to_le_bytes(), &k1);
    let sig = hmac(&k2, info);
    let mut content = Vec::new();
    string(&mut content, &sig);
    content.extend_from_slice(info);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    z.write_all(&content).unwrap();
    format!(
        "007{}",
        base64::engine::general_purpose::STANDARD.encode(z.finish().unwrap())
    )
}

#[test]
fn unknown_service_type_stops_parsing_keeps_remainder_and_still_verifies() {
    let mut info = header(1_111_111, 600, 1, 3);
    info.extend(rtm_service_bytes("test_user", 600));
    let unknown: Vec<u8> = [&42u16.to_le_bytes()[..], b"opaque future payload"].concat();
    info.extend_from_slice(&unknown);
    // A known service after the unknown one cannot be reached.
    info.extend(rtm_service_bytes("never_seen", 600));
    let s = sign_and_encode(&info, 1_111_111, 1);

    let p = ParsedAccessToken2::parse(&s).unwrap();
    assert_eq!(p.declared_service_count(), 3);
    assert_eq!(p.services().len(), 1);
    assert_eq!(p.unknown_service_type(), Some(42));
    assert!(!p.is_fully_decoded());
    let mut expected_rest = unknown.clone();
    expected_rest.extend(rtm_service_bytes("never_seen", 600));
    assert_eq!(p.remainder(), &expected_rest[..]);
    p.verify(&cert()).unwrap();
    let other = AppCertificate::new("0123456789abcdef0123456789abcdef").unwrap();
    assert_eq!(p.verify(&other), Err(TokenError::SignatureMismatch));
}

#[test]
fn unknown_service_type_as_first_service_parses_with_no_services() {
    let mut info = header(7, 8, 9, 1);
    info.extend_from_slice(&0xffffu16.to_le_bytes());
    let s = sign_and_encode(&info, 7, 9);
    let p = ParsedAccessToken2::parse(&s).unwrap();
    assert!(p.services().is_empty());
    assert_eq!(p.unknown_service_type(), Some(0xffff));
    assert_eq!(p.remainder(), &[0xff, 0xff]);
    p.verify(&cert()).unwrap();
}

#[test]
fn old_python_token_with_services_out_of_order_parses_in_token_order_and_verifies() {
    let mut info = header(1_111_111, 600, 1, 2);
    info.extend(rtm_service_bytes("test_user", 600));
    info.extend(rtc_join_service_bytes("chan", "42", 600));
    let s = sign_and_encode(&info, 1_111_111, 1);
    let p = ParsedAccessToken2::parse(&s).unwrap();
    p.verify(&cert()).unwrap();
    let types: Vec<ServiceType> = p.services().iter().map(Service::service_type).collect();
    assert_eq!(types, [ServiceType::Rtm, ServiceType::Rtc]);
    // Rebuilding sorts the services, so the bytes (and the string) change.
    let rebuilt = p.into_token().build(&cert()).unwrap();
    assert_ne!(rebuilt.expose_secret(), s);
    let again = ParsedAccessToken2::parse(rebuilt.expose_secret()).unwrap();
    let types: Vec<ServiceType> = again.services().iter().map(Service::service_type).collect();
    assert_eq!(types, [ServiceType::Rtc, ServiceType::Rtm]);
}

#[test]
fn bytes_after_the_declared_services_are_kept_as_remainder_and_signed() {
    let mut info = header(1, 2, 3, 1);
    info.extend(rtm_service_bytes("u", 2));
    info.extend_from_slice(b"xyz");
    let s = sign_and_encode(&info, 1, 3);
    let p = ParsedAccessToken2::parse(&s).unwrap();
    assert_eq!(p.unknown_service_type(), None);
    assert_eq!(p.remainder(), b"xyz");
    assert!(!p.is_fully_decoded());
    p.verify(&cert()).unwrap();
}

#[test]
fn truncated_known_service_names_the_field() {
    let mut info = header(1, 2, 3, 1);
    let rtm = rtm_service_bytes("test_user", 2);
    info.extend_from_slice(&rtm[..rtm.len() - 3]);
    let s = sign_and_encode(&info, 1, 3);
    let err = ParsedAccessToken2::parse(&s).unwrap_err();
    assert_eq!(
        err,
        TokenError::Truncated {
            field: "RTM user_id",
            needed: 9,
            available: 6
        }
    );
    assert_eq!(
        err.to_string(),
        "token truncated while reading RTM user_id: needed 9 bytes, only 6 left"
    );
}

#[test]
fn signature_of_wrong_length_is_rejected() {
    let mut content = Vec::new();
    string(&mut content, &[0u8; 31]);
    content.extend(header(1, 2, 3, 0));
    assert_eq!(
        ParsedAccessToken2::from_content(&content).unwrap_err(),
        TokenError::BadSignatureLength { len: 31 }
    );
}

#[test]
fn invalid_utf8_in_a_string_field_is_an_error() {
    let mut info = header(1, 2, 3, 1);
    info.extend(rtm_service_bytes("x", 2));
    let last = info.len() - 1;
    info[last] = 0xff;
    let s = sign_and_encode(&info, 1, 3);
    assert_eq!(
        ParsedAccessToken2::parse(&s).unwrap_err(),
        TokenError::InvalidUtf8 {
            field: "RTM user_id"
        }
    );
}

#[test]
fn data_after_the_zlib_stream_is_rejected() {
    let t = TokenBuilder::new(app_id(), cert())
        .rtm_token("u", 60)
        .unwrap();
    let mut raw = base64::engine::general_purpose::STANDARD
        .decode(&t.expose_secret()[3..])
        .unwrap();
    raw.extend_from_slice(b"junk");
    let s = format!(
        "007{}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    );
    let err = ParsedAccessToken2::parse(&s).unwrap_err();
    assert!(
        matches!(&err, TokenError::Zlib { detail } if detail.contains("after the end")),
        "{err:?}"
    );
}

#[test]
fn decompression_bomb_is_refused_with_content_too_large() {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&vec![0u8; 4 << 20]).unwrap();
    let s = format!(
        "007{}",
        base64::engine::general_purpose::STANDARD.encode(z.finish().unwrap())
    );
    assert!(s.len() < 16_000);
    assert!(matches!(
        ParsedAccessToken2::parse(&s),
        Err(TokenError::ContentTooLarge { .. })
    ));
}

#[test]
fn unpadded_or_url_safe_base64_is_rejected() {
    let t = TokenBuilder::new(app_id(), cert())
        .with_issue_ts(1_111_111)
        .with_salt(1)
        .rtm_token("test_user", 600)
        .unwrap();
    let s = t.expose_secret();
    let url_safe = s.replace('+', "-").replace('/', "_");
    assert_ne!(url_safe, s);
    assert!(matches!(
        token::parse(&url_safe),
        Err(TokenError::Base64 { .. })
    ));
}

#[test]
fn convoai_and_stt_services_round_trip_with_empty_privilege_maps() {
    let t = AccessToken2::from_parts(&app_id(), 1_700_000_000, 77, 3600)
        .with_service(
            RtcService::new("room", 1234u32).with_privilege(RtcPrivilege::JoinChannel, 3600),
        )
        .with_service(RtmService::new("1234").with_privilege(RtmPrivilege::Login, 3600))
        .with_service(ConvoAiService::new())
        .with_service(SttService::new());
    let s = t.build(&cert()).unwrap();
    let p = ParsedAccessToken2::parse(s.expose_secret()).unwrap();
    p.verify(&cert()).unwrap();
    assert_eq!(p.token(), &t);
    let types: Vec<u16> = p
        .services()
        .iter()
        .map(|s| s.service_type().code())
        .collect();
    assert_eq!(types, [1, 2, 9, 10]);
}

#[test]
fn service_type_codes_match_the_reference_table() {
    let codes: Vec<(u16, &str)> = ServiceType::ALL
        .iter()
        .map(|t| (t.code(), t.name()))
        .collect();
    assert_eq!(
        codes,
        [
            (1, "rtc"),
            (2, "rtm"),
            (3, "streaming"),
            (4, "fpa"),
            (5, "chat"),
            (6, "fcdn"),
            (7, "apaas"),
            (8, "rtm2"),
            (9, "convo_ai"),
            (10, "stt")
        ]
    );
    assert_eq!(ServiceType::from_code(11), None);
    assert_eq!(ServiceType::from_code(0), None);
}

// ---- build-side validation ---------------------------------------------------

#[test]
fn app_id_must_be_32_hex_characters() {
    let short = AppId::new("970CA35de60c44645bbae8a215061b3").unwrap_err();
    assert_eq!(
        short.to_string(),
        "invalid `app_id`: must be 32 hexadecimal characters (got 31 characters)"
    );
    let not_hex = AppId::new("970CA35de60c44645bbae8a215061b3z").unwrap_err();
    assert_eq!(
        not_hex.to_string(),
        "invalid `app_id`: must be 32 hexadecimal characters (found 'z')"
    );
    assert!(AppId::new("970CA35de60c44645bbae8a215061b33é").is_err());
}

#[test]
fn app_certificate_errors_never_echo_the_value() {
    let bad = "5CFd2fd1755d40ecb72977518be15d3_";
    let err = AppCertificate::new(bad).unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains("5CFd2fd1755d40ecb72977518be15d3"), "{text}");
    assert!(text.contains("App Certificate"));
}

#[test]
fn building_without_services_is_an_error() {
    let t = AccessToken2::from_parts(&app_id(), 1, 1, 1);
    assert_eq!(t.build(&cert()).unwrap_err(), TokenError::NoService);
}

#[test]
fn rebuilding_a_parsed_token_with_a_non_hex_app_id_is_an_error() {
    let mut info = Vec::new();
    string(&mut info, b"not a real app id");
    info.extend_from_slice(&[0; 12]);
    info.extend_from_slice(&1u16.to_le_bytes());
    info.extend(rtm_service_bytes("u", 1));
    let s = sign_and_encode(&info, 0, 0);
    let p = ParsedAccessToken2::parse(&s).unwrap();
    assert_eq!(p.app_id(), "not a real app id");
    assert!(matches!(
        p.into_token().build(&cert()),
        Err(TokenError::InvalidInput(input)) if input.field() == "app_id"
    ));
}

#[test]
fn field_longer_than_u16_is_an_error_not_a_truncation() {
    let long = "x".repeat(70_000);
    let t = AccessToken2::from_parts(&app_id(), 1, 1, 1).with_service(RtmService::new(long));
    assert_eq!(
        t.build(&cert()).unwrap_err(),
        TokenError::FieldTooLong {
            field: "RTM user_id",
            len: 70_000
        }
    );
}

#[test]
fn legacy_timestamps_that_overflow_u32_are_errors() {
    let b = TokenBuilder::new(app_id(), cert())
        .with_issue_ts(u32::MAX - 10)
        .with_salt(1);
    assert!(matches!(
        b.legacy_rtm_token("u", 5),
        Err(TokenError::TimestampOverflow { .. })
    ));
    let b = TokenBuilder::new(app_id(), cert())
        .with_issue_ts(u32::MAX - 100_000)
        .with_salt(1);
    assert!(matches!(
        b.legacy_rtm_token("u", 200_000),
        Err(TokenError::TimestampOverflow { .. })
    ));
}

#[test]
fn legacy_builder_writes_zero_expire_as_zero_and_ts_as_issue_plus_a_day() {
    let b = TokenBuilder::new(app_id(), cert())
        .with_issue_ts(1_000_000)
        .with_salt(5);
    let t = b.legacy_rtm_token("user", 0).unwrap();
    let p = ParsedLegacyAccessToken::parse(t.expose_secret()).unwrap();
    assert_eq!(p.ts(), 1_000_000 + 86_400);
    assert_eq!(p.salt(), 5);
    assert_eq!(p.privileges().get(LegacyPrivilege::RtmLogin), Some(0));
    p.verify_rtm(&cert(), "user").unwrap();
}

#[test]
fn clock_and_random_defaults_produce_fresh_verifiable_tokens() {
    let b = TokenBuilder::new(app_id(), cert());
    let a = ParsedAccessToken2::parse(b.rtm_token("u", 60).unwrap().expose_secret()).unwrap();
    let c = ParsedAccessToken2::parse(b.rtm_token("u", 60).unwrap().expose_secret()).unwrap();
    a.verify(&cert()).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(u64::from(a.issue_ts()).abs_diff(now) < 60);
    assert!((1..=99_999_999).contains(&a.salt()));
    assert!((1..=99_999_999).contains(&c.salt()));
    // Two random salts in 1..1e8 are equal with probability 1e-8.
    assert_ne!(a.salt(), c.salt());

    let legacy = LegacyAccessToken::new(&app_id(), "chan", 7u32).unwrap();
    assert!(u64::from(legacy.ts()).abs_diff(now + 86_400) < 60);
}

// ---- redaction -----------------------------------------------------------------

#[test]
fn certificate_debug_and_display_are_redacted() {
    let c = cert();
    assert_eq!(format!("{c:?}"), "AppCertificate(<redacted>)");
    assert_eq!(format!("{c}"), "<redacted>");
    assert_eq!(format!("{c:#?}"), "AppCertificate(<redacted>)");
}

#[test]
fn token_and_parsed_tokens_do_not_print_secrets_in_debug() {
    let b = TokenBuilder::new(app_id(), cert())
        .with_issue_ts(1_111_111)
        .with_salt(1);
    let t = b.rtm_token("test_user", 600).unwrap();
    let dbg = format!("{t:?}");
    assert!(dbg.starts_with("Token(<redacted 007 token"), "{dbg}");
    assert!(!dbg.contains(&t.expose_secret()[3..20]));

    let builder_dbg = format!("{b:?}");
    assert!(!builder_dbg.contains(CERT), "{builder_dbg}");

    let parsed = token::parse(t.expose_secret()).unwrap();
    let pdbg = format!("{parsed:?}");
    assert!(pdbg.contains("signature: \"<redacted>\""), "{pdbg}");
    // The reference signature bytes of this vector (see tokens.md §1.2).
    assert!(!pdbg.to_lowercase().contains("0d9a1df8"));
    assert!(!pdbg.contains("13, 154"));

    let legacy = b.legacy_rtm_token("test_user", 600).unwrap();
    assert!(format!("{legacy:?}").starts_with("Token(<redacted 006 token"));
    let lp = ParsedLegacyAccessToken::parse(legacy.expose_secret()).unwrap();
    assert!(format!("{lp:?}").contains("<redacted>"));

    let foreign = Token::from_secret("hello");
    assert_eq!(
        format!("{foreign:?}"),
        "Token(<redacted unknown token, 5 chars>)"
    );
}

#[test]
fn errors_from_parsing_never_contain_the_token() {
    let b = TokenBuilder::new(app_id(), cert());
    let t = b.rtm_token("test_user", 600).unwrap();
    let s = t.expose_secret();
    for cut in [10, 40, s.len() - 1] {
        if let Err(e) = token::parse(&s[..cut]) {
            let text = format!("{e} {e:?}");
            assert!(!text.contains(&s[3..10]), "{text}");
        }
    }
}
