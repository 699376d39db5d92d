//! Official Agora token vectors (AgoraIO/Tools, see shared/reference/tokens.md §4).
//!
//! "canonical" strings are stock zlib level 6 output (C++/Python/Java/PHP/Ruby);
//! they must be reproduced byte for byte. The Go, Node, C#, Dart and official
//! Rust strings use other compressors; they must parse to the same fields and
//! verify.

use agora_api::token::{
    self, AccessToken2, ApaasPrivilege, ApaasService, AppCertificate, AppId, ChatPrivilege,
    ChatService, FcdnPrivilege, FcdnService, FpaPrivilege, FpaService, LegacyAccessToken,
    LegacyPrivilege, ParsedAccessToken2, ParsedLegacyAccessToken, ParsedToken, RtcPrivilege,
    RtcPrivilegeExpiry, RtcRole, RtcService, Rtm2PermissionType, Rtm2Permissions, Rtm2Privilege,
    Rtm2ResourceType, Rtm2Service, RtmPrivilege, RtmService, Service, StreamingPrivilege,
    StreamingService, TokenBuilder, TokenError,
};

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const CHANNEL: &str = "7d72365eb983485397e3e3f9d460bdda";
const UID: u32 = 2_882_341_273;
const UID_STR: &str = "2882341273";
const USER: &str = "test_user";
const TS: u32 = 1_111_111;
const SALT: u32 = 1;
const EXPIRE: u32 = 600;
const LEGACY_PRIV_TS: u32 = 1_446_455_471;

// ---- 007 vectors -----------------------------------------------------------

const V1: &str = "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj";
const V1_GO: &str = "007eJxSYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxoAAAAD//8JqJOM=";
const V1_RUST_MINIZ: &str = "007eJwBigB1/yAAFqC4TFpegsv3T7gT0J9ZxUvaycBhIFgFOayXV46VixogADk3MENBMzVkZTYwYzQ0NjQ1YmJhZThhMjE1MDYxYjMzR/QQAFgCAAABAAAAAQABAAEAAQBYAgAAIAA3ZDcyMzY1ZWI5ODM0ODUzOTdlM2UzZjlkNDYwYmRkYQoAMjg4MjM0MTI3M8JqJOM=";
const V1_CSHARP: &str = "007eJwlx6EKQjEUgOGjYDEJgsG0R9h2zrazKAaDgtGrQdg880Gsgk2M+gA+wI0Wg1jMPodglYv8/OFTMLjUs9V69/zO6/7rvLxP349bUlUnXk+Lw3E/VBCDHo/QSfF6Q+TJ5ZwKJ2uc9iYjTj49qNoALWj+11hBkGDRu5IjI7HDGAoW3EYhr7NI6oJltkjGBvwBwmok4w==";

const V2: &str = "007eJxTYLhzZP08Lxa1Pg57+TcXb/3cZ3wi4V6kbpbOog0G2dOYk20UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiQwMADacImo=";
const V2_GO: &str = "007eJxSYLhzZP08Lxa1Pg57+TcXb/3cZ3wi4V6kbpbOog0G2dOYk20UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiQwMgAAAAP//Npwiag==";

const V3: &str = "007eJxTYOCdJftjyTM2zxW6Xhm/5T0j5LdcUt/xYVt48fb5Mp3PX9coMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhmaGpgZJhkbu38RYIhgYmBgZABhJiBmBPM5GUpSi0viS4tTiwBZVh6A";
const V3_GO: &str = "007eJxSYOCdJftjyTM2zxW6Xhm/5T0j5LdcUt/xYVt48fb5Mp3PX9coMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhmaGpgZJhkbu38RYIhgYmBgZABhJgZGBkYwn5OhJLW4JL60OLUIEAAA//9ZVh6A";
const V3B: &str = "007eJxTYEhuZrAR/XT+XPihI+6t4t5F9RtUltw9em3Pwi2sr6P/lAspMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhmaGpgZJhkbu38RYIhgYmBgZABhJiBmBPO5GIwsLIyMTQyNzI0BndAdKg==";

const V4: &str = "007eJxTYNAIsnbS3v/A5t2TC6feR15r+6cq8bqAvfaW+tk/Vzz+p6xTYLA0N3B2NDZNSTUzSDYxMTMxTUpKTLVINDI0NTAzTDI2dv8iwBDBxMDAyADCrEDMCOZzMRhZWBgZmxgamRsDAB+lHrg=";
const V4_GO: &str = "007eJxSYNAIsnbS3v/A5t2TC6feR15r+6cq8bqAvfaW+tk/Vzz+p6xTYLA0N3B2NDZNSTUzSDYxMTMxTUpKTLVINDI0NTAzTDI2dv8iwBDBxMDAyADCrAyMDIxgPheDkYWFkbGJoZG5MSAAAP//H6UeuA==";
const V4_NODE: &str = "007eJxTYNAIsnbS3v/A5t2TC6feR15r+6cq8bqAvfaW+tk/Vzz+p6xTYLA0N3B2NDZNSTUzSDYxMTMxTUpKTLVINDI0NTAzTDI2dv8iwBDBxMDAyADCrAyMDIxgPheDkYWFkbGJoZG5MQAfpR64";

const V5: &str = "007eJxTYNDNaz3snC8huEfHWdz6s98qltq4zqy9fl99Uh0FDvy6F6DAYGlu4OxobJqSamaQbGJiZmKalJSYapFoZGhqYGaYZGzs/kWAIYKJgYGRAYRZgZgJzGdgAACt8hhr";
const V5_GO: &str = "007eJxSYNDNaz3snC8huEfHWdz6s98qltq4zqy9fl99Uh0FDvy6F6DAYGlu4OxobJqSamaQbGJiZmKalJSYapFoZGhqYGaYZGzs/kWAIYKJgYGRAYRZGRgZmMB8BgZAAAAA//+t8hhr";
const V5_NODE: &str = "007eJxTYNDNaz3snC8huEfHWdz6s98qltq4zqy9fl99Uh0FDvy6F6DAYGlu4OxobJqSamaQbGJiZmKalJSYapFoZGhqYGaYZGzs/kWAIYKJgYGRAYRZGRgZmMB8BgYArfIYaw==";

const V6: &str = "007eJxTYOi6fYVB7qlA2ZWQ+Ko3N2IafQOddj+K4tjh3PS7P2vx4a0KDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoamBmaGScbG7l8EGCKYGBgYGRgYmBmYgDQjmM/FYGRhYWRsYmhkbswKF1VgMDMwMza2MDYxskg0NktLSjROSzIzMDZISk1OszCwNEllh6tlZjA0MkY2hpEBANqIKYQ=";
const V7: &str = "007eJxTYEg4e9Zj9gch+QkfFi1qM7tdkn1G3Kzt6FTJpTpzRQ4brixTYLA0N3B2NDZNSTUzSDYxMTMxTUpKTLVINDI0NTAzTDI2dv8iwBDBxMDAyADC7EDMBOYzMHAxGFlYGBmbGBqZG///DwDuNR56";
const V8: &str = "007eJxTYJgT3rumdJdoWJpC3aNTb4o76swyLsrHvmznOn/x1cQM9gcKDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoamBmaGScbG7l8EGCKYGBgYGUCYHYiZwXwQ+P8fAADUHTQ=";
const V9: &str = "007eJxTYLjhFiNy2/+8zqRJj20tt73SKA2e3/joPVv4761qZnrOyqYKDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoamBmaGScbG7l8EGCKYGBgYGRgYWIAkCIP4TGCSGUyygEkFBvMUcyNjM9PUJEsLYxMLU2NL81TjVOM0yxQTM4OklJRELgYjCwsjYxNDI3NjJqA5EJM4GUpSi0viS4tTi1jggqxwFrImAAIiLHc=";
const V10: &str = "007eJxTYHh8IPKzTvBdf9ce8bk7G61vs06oca1e815/ot4+x7rfjDIKDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoamBmaGScbG7l8EGCKYGBgYGRgYWIEkCxCD+ExgkhlMsoBJBQbzFHMjYzPT1CRLC2MTC1NjS/NU41TjNMsUEzODpJSURC4GIwsLI2MTQyNzYyagORCTkEVZ4KKsWOXZgWIQm1HF//8HAL01L5I=";
const V10B: &str = "007eJxTYPhwIyX+i9+qlu/37Lum6OY/e/d3Uu3HbnWtw2trr6m4cHMpMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhmaGpgZJhkbu38RYIhgYmBgZGBgYAGSIAziM4FJZjDJAiYVGMxTzI2MzUxTkywtjE0sTI0tzVONU43TLFNMzAySUlISuRiMLCyMjE0MjcyNmYDmQEziZChJLS6JLy1OLWKFCyIrZQeKQaxDFf//HwBHLTNe";
const V11: &str = "007eJxTYOAQsrQ5s3TfH+1tvy8zZZ46EpCc0V43JXdGd2jS8porKo4KDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoamBmaGScbG7l8EGCKYGBgYGRgYmIAkCxCD+ExgkhlMsoBJBQbzFHMjYzPT1CRLC2MTC1NjS/NU41TjNMsUEzODpJSURC4GIwsLI2MTQyNzY5BZEJM4GUpSi0viS4tTiwAipyp4";
const V11_NODE: &str = "007eJxTYOAQsrQ5s3TfH+1tvy8zZZ46EpCc0V43JXdGd2jS8porKo4KDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoamBmaGScbG7l8EGCKYGBgYGRgYmBgYGVgYGMF8JjDJDCZZwKQCg3mKuZGxmWlqkqWFsYmFqbGleapxqnGaZYqJmUFSSkoiF4ORhYWRsYmhkbkxyCyISZwMJanFJfGlxalFACKnKng=";
const V12: &str = "007eJxTYPg19dsX8xO2Nys/bpSeoH/0j9CvSs1JWib9291PKC53l85UYLA0N3B2NDZNSTUzSDYxMTMxTUpKTLVINDI0NTAzTDI2dv8iwBDBxMDAyMDAwAwkWYAYxGcCk8xgkgVMKjCYp5gbGZuZpiZZWhibWJgaW5qnGqcap1mmmJgZJKWkJHIxGFlYGBmbGBqZGzMBzYGYxMlQklpcEl9anFrEChdEVgoAw6ct/Q==";
const V12_CSHARP: &str = "007eJxNjD0KwkAUhJ8xFlqJbZpYauNm3/4WFmKRK9hJ1l3B1sQip1AEz2Bt5QmEXMFjCMEiWBgjiMV8MMPwhVCdnqUspvf8cQkOk9trUOWj45jtr3ExPMfBJgQtyXyG3DpBVowJxo1JnEpoxImIDGJc9mHhAbQAoF3Tr/PpXsN2Q79hCNJKioI7oxUyxVFLhw7X2jJBjLVJD6hSFFlEJXq152vqQubSbLlL3bbzG/+vb8OnLf0=";
const V13_GO: &str = "007eJxSYJjqLJBlM239wwWvmBZ7tW619coNnPKSXaHayfKzZODswxMVGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMjAwMDMwgiGIr8BgnmJuZGxmmppkaWFsYmFqbGmeapxqnGaZYmJmkJSSksjFYGRhYWRsYmhkbswE18fJUJJaXBJfWpxaxAoXRFYKCAAA///aoiqr";
const V13_DERIVED: &str = "007eJxTYJjqLJBlM239wwWvmBZ7tW619coNnPKSXaHayfKzZODswxMVGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMjAwMANJEATxFRjMU8yNjM1MU5MsLYxNLEyNLc1TjVON0yxTTMwMklJSErkYjCwsjIxNDI3MjZng+jgZSlKLS+JLi1OLWOGCyEoB2qIqqw==";
const V14: &str = "007eJxTYPj86Lzdz79M25wNn/lMfvu+TkfmdpiviKvChm8ZV3SWndytwGBpbuDsaGyakmpmkGxiYmZimpSUmGqRaGRoamBmmGRs7P5FgCGCiYGBkYGBgRkImYAsEJ8JTCowmKeYGxmbmaYmWVoYm1iYGluapxqnGqdZppiYGSSlpCRyMRhZWBgZmxgamRuzUaSbA6gXopuToSS1uCS+tDi1iJkB4jQmoGBuanFxYnqqbiKCmcTIAIEcDMUlRamJubqJLGD1jAxsDCD9uokAO/VDvQ==";
const V15: &str = "007eJxTYLi93GuuUHrO9Fr71KVJKqfDby8RezlVfGLMO77DIl79U40UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMjAwsDEwA2lGMF+BwTzF3MjYzDQ1ydLC2MTC1NjSPNU41TjNMsXEzCApJSWRi8HIwsLI2MTQyNwYpI+JSH0MQFuYoLYQq4ePobikKDUxVzcxOTm/NK+EjUx3spHkTjaS3cnDkJackgdzJQBJb19X";
const V15_GO: &str = "007eJxSYLi93GuuUHrO9Fr71KVJKqfDby8RezlVfGLMO77DIl79U40UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMjAwsDEwMzAyMIL5CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxiB9TETqY2BgZmCC2kKsHj6G4pKi1MRc3cTk5PzSvBI2Mt3JRpI72Uh2Jw9DWnJKHsyVgAAAAP//SW9fVw==";
const V15_NODE: &str = "007eJxTYLi93GuuUHrO9Fr71KVJKqfDby8RezlVfGLMO77DIl79U40UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMjAwsDEwMzAyMIL5CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxiB9TETqY2BgZmCC2kKsHj6G4pKi1MRc3cTk5PzSvBI2Mt3JRpI72Uh2Jw9DWnJKHsyVAElvX1c=";
const V15_CSHARP: &str = "007eJydjjsKwkAURZ8RUogEEdE2ha2QzJtfKhELwQ1oYTOTGW38gJ/SNYhFsLJTXIilS8gKbKxcgB+0N1aXWxzO8SE9dffl0Xi3btqjrl966aF6TWrbwc07V7qbhPgQiaDdQmYsD2JKOWVaKysVCVnAQ43YuZeg7wDkAMCF/HNz7++DMIIgZ1ZHEqlkGAmLFoeRoTzQxqgCECkJ0pAIfHHOjxw8Lc7H8ivjwWI5t2rSUHE8W02X7p+dbqZON3NnEYaxmX4rH0lvX1c=";
const V15_DART: &str = "007eAFTYLi93GuuUHrO9Fr71KVJKqfDby8RezlVfGLMO77DIl79U40UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMjAwsDEwA2lGMF+BwTzF3MjYzDQ1ydLC2MTC1NjSPNU41TjNMsXEzCApJSWRi8HIwsLI2MTQyNwYpI+JSH0MQFuYoLYQq4ePobikKDUxVzcxOTm/NK+EjUx3spHkTjaS3cnDkJackgdzJQBJb19X";
const V15_RUST_MINIZ: &str = "007eJydjjsOAVEYRn8jmUJERIR2Cq1k5v73NZWIQmIDFJp7514aj8SjtAZRiEpHLERpCbMCjcoCDKGfUX35ipNzPIgvvWNlPDlsWvasG7d+fKrd9/Xd8FG6VnvbPfEgFH6njcxY7keUcsq0VlYqEjCfBxqx+yzDwAHIAYAL+WRzn++BMIIgZ1aHEqlkGAqLFkehodzXxqgCECkJ0oAIfHNOSg4Si/O1pGVKsFwtrJo2VRTN17OV+2enm6nTzdxZhFFkZr/KF0lvX1c=";
const V16_PARSE_PY: &str = "007eJxTYNi/pqL4zazPf+P2/HDX+9fA/KLX+6oIz5O5Wzw2vzTSPdqtwGBpbuDsaGyakmpmkGxiYmZimpSUmGqRaGRoamBmmGRs/P87S7IAHwOD/mEfBlYGRgYWIAbxmcAkM5hkAZMKDOYp5kbGZqapSZYWxiYWpsaW5qnGqcZplikmZgZJKSmJXAxGFhZGxiaGRubGTEBzICYhi7LARVkZmFBsQlbFDrQX0xV8DEX5+bnxpaWZKfElqcUlfAylxalFCP7//wBAqz0L";
const V16_CSHARP_ONLINE: &str = "007eJxTYFDe/EclTsH/38I3/7SO+vMZuAQzPHlqr2Qc6bNUnXmRt6wCQ5phSrK5uUVSSkqymYlZYopFmpGZgaW5WXKiUYqBoWnyxrsHUhoCGRn+VB8pY2RgZWAEQhBfhcEkMdk4KTHVQNcszTJV19AwNVnXItnIXNciJdnI2MjI3NLAwggAHM4nRA==";

// ---- 006 vectors -----------------------------------------------------------

const L1: &str = "006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW";
const L2: &str = "006970CA35de60c44645bbae8a215061b33IACw1o7htY6ISdNRtku3p9tjTPi0jCKf9t49UHJhzCmL6bdIfRAAAAAAEAABAAAAR/QQAAEAAQCvKDdW";
const L3: &str = "006970CA35de60c44645bbae8a215061b33IABNRUO/126HmzFc+J8lQFfnkssUdUXqiePeE2WNZ7lyubdIfRAh39v0EAABAAAAR/QQAAEAAQCvKDdW";
const L4: &str = "006970CA35de60c44645bbae8a215061b33IACMv3I+fsRSejxy6luEwzA/1t/zbEHWfJCJ5m8ssFP/fLdIfRBXoFHlIgABAAAAR/QQAAQAAQCvKDdWAgCvKDdWAwCvKDdWBACvKDdW";
const L5: &str = "006970CA35de60c44645bbae8a215061b33IAAsR0qgiCxv0vrpRcpkz5BrbfEWCBZ6kvR6t7qG/wJIQob86ogAAAAAEAABAAAAR/QQAAEA6AOvKDdW";

// ---- helpers ---------------------------------------------------------------

fn app_id() -> AppId {
    AppId::new(APP_ID).expect("valid app id")
}

fn cert() -> AppCertificate {
    AppCertificate::new(CERT).expect("valid certificate")
}

fn token2() -> AccessToken2 {
    AccessToken2::from_parts(&app_id(), TS, SALT, EXPIRE)
}

fn builder() -> TokenBuilder {
    TokenBuilder::new(app_id(), cert())
        .with_issue_ts(TS)
        .with_salt(SALT)
}

fn rtc_all(uid: u32, v: u32) -> RtcService {
    RtcService::new(CHANNEL, uid)
        .with_privilege(RtcPrivilege::JoinChannel, v)
        .with_privilege(RtcPrivilege::PublishAudioStream, v)
        .with_privilege(RtcPrivilege::PublishVideoStream, v)
        .with_privilege(RtcPrivilege::PublishDataStream, v)
}

fn rtm(user: &str, v: u32) -> RtmService {
    RtmService::new(user).with_privilege(RtmPrivilege::Login, v)
}

fn chat_user(user: &str, v: u32) -> ChatService {
    ChatService::new(user).with_privilege(ChatPrivilege::User, v)
}

fn built(t: &AccessToken2) -> String {
    t.build(&cert()).expect("build").into_secret()
}

fn parse_verified(s: &str) -> ParsedAccessToken2 {
    let p = ParsedAccessToken2::parse(s).expect("parse");
    p.verify(&cert())
        .expect("signature verifies with the standard certificate");
    assert!(p.is_fully_decoded());
    p
}

/// Parse, rebuild from the decoded fields, and compare with the canonical string.
fn assert_round_trips_to_canonical(canonical: &str) {
    let p = parse_verified(canonical);
    assert_eq!(built(&p.into_token()), canonical);
}

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn assert_same_fields(a: &ParsedAccessToken2, b: &ParsedAccessToken2) {
    assert_eq!(a.token(), b.token());
}

// ---- 007: single services --------------------------------------------------

#[test]
fn v01_rtc_numeric_uid_join_builds_canonical_string() {
    let t = token2().with_service(
        RtcService::new(CHANNEL, UID).with_privilege(RtcPrivilege::JoinChannel, EXPIRE),
    );
    assert_eq!(built(&t), V1);
}

#[test]
fn v01_rtc_string_account_builds_same_string_as_numeric_uid() {
    let t = token2().with_service(
        RtcService::new(CHANNEL, UID_STR).with_privilege(RtcPrivilege::JoinChannel, EXPIRE),
    );
    assert_eq!(built(&t), V1);
}

#[test]
fn v01_subscriber_builder_reproduces_rtc_vector() {
    let b = builder();
    let by_uid = b
        .rtc_token(CHANNEL, UID, RtcRole::Subscriber, EXPIRE, EXPIRE)
        .unwrap();
    let by_account = b
        .rtc_token(CHANNEL, UID_STR, RtcRole::Subscriber, EXPIRE, EXPIRE)
        .unwrap();
    assert_eq!(by_uid.expose_secret(), V1);
    assert_eq!(by_account.expose_secret(), V1);
}

#[test]
fn v01_decompressed_content_matches_reference_hex() {
    let content = token2()
        .with_service(
            RtcService::new(CHANNEL, UID).with_privilege(RtcPrivilege::JoinChannel, EXPIRE),
        )
        .content(&cert())
        .unwrap();
    let expected = hex(
        "200016a0b84c5a5e82cbf74fb813d09f59c54bdac9c06120580539ac97578e958b1a2000393730434133356465363063343436343562626165386132313530363162333347f410005802000001000000010001000100010058020000200037643732333635656239383334383533393765336533663964343630626464610a0032383832333431323733",
    );
    assert_eq!(content.len(), 138);
    assert_eq!(content, expected);
}

#[test]
fn v01_parses_with_expected_fields() {
    let p = parse_verified(V1);
    assert_eq!(p.app_id(), APP_ID);
    assert_eq!(p.issue_ts(), TS);
    assert_eq!(p.expire(), EXPIRE);
    assert_eq!(p.salt(), SALT);
    assert_eq!(p.expires_at(), u64::from(TS + EXPIRE));
    assert!(!p.is_expired_at(u64::from(TS + EXPIRE - 1)));
    assert!(p.is_expired_at(u64::from(TS + EXPIRE)));
    assert_eq!(p.declared_service_count(), 1);
    let [Service::Rtc(rtc)] = p.services() else {
        panic!("expected one RTC service, got {:?}", p.services());
    };
    assert_eq!(rtc.channel_name(), CHANNEL);
    assert_eq!(rtc.uid(), UID_STR);
    assert_eq!(
        rtc.privileges().get(RtcPrivilege::JoinChannel),
        Some(EXPIRE)
    );
    assert_eq!(rtc.privileges().len(), 1);
}

#[test]
fn v01_go_rust_and_csharp_variants_parse_to_same_fields_and_verify() {
    let canonical = parse_verified(V1);
    for variant in [V1_GO, V1_RUST_MINIZ, V1_CSHARP] {
        assert_same_fields(&parse_verified(variant), &canonical);
    }
}

#[test]
fn v02_rtc_uid_zero_packs_empty_uid_and_builds_canonical_string() {
    let t = token2().with_service(
        RtcService::new(CHANNEL, 0).with_privilege(RtcPrivilege::JoinChannel, EXPIRE),
    );
    assert_eq!(built(&t), V2);
    let p = parse_verified(V2);
    let [Service::Rtc(rtc)] = p.services() else {
        panic!("expected RTC");
    };
    assert_eq!(rtc.uid(), "");
    assert_same_fields(&parse_verified(V2_GO), &p);
}

#[test]
fn v03_rtm_builds_canonical_string_low_level_and_via_builder() {
    assert_eq!(built(&token2().with_service(rtm(USER, EXPIRE))), V3);
    assert_eq!(
        builder().rtm_token(USER, EXPIRE).unwrap().expose_secret(),
        V3
    );
}

#[test]
fn v03_rtm_decompressed_content_matches_reference_hex() {
    let content = token2()
        .with_service(rtm(USER, EXPIRE))
        .content(&cert())
        .unwrap();
    let expected = hex(
        "2000 0d9a1df8a4e60649a82d4a68fb1f49581fb4d227b8f0b65773b79f1c89e7eb7c
         2000 3937304341333564653630633434363435626261653861323135303631623333
         47f41000 58020000 01000000
         0100
         0200 0100 0100 58020000 0900 746573745f75736572",
    );
    assert_eq!(content.len(), 103);
    assert_eq!(content, expected);
    let parsed = ParsedAccessToken2::from_content(&content).unwrap();
    parsed.verify(&cert()).unwrap();
}

#[test]
fn v03_rtm_parses_and_go_variant_matches() {
    let p = parse_verified(V3);
    let [Service::Rtm(s)] = p.services() else {
        panic!("expected RTM");
    };
    assert_eq!(s.user_id(), USER);
    assert_eq!(s.privileges().get(RtmPrivilege::Login), Some(EXPIRE));
    assert_same_fields(&parse_verified(V3_GO), &p);
}

#[test]
fn v03b_rtm_numeric_looking_user_builds_canonical_string() {
    assert_eq!(built(&token2().with_service(rtm(UID_STR, EXPIRE))), V3B);
    assert_eq!(
        builder()
            .rtm_token(UID_STR, EXPIRE)
            .unwrap()
            .expose_secret(),
        V3B
    );
}

#[test]
fn v04_chat_user_builds_canonical_string_and_go_node_variants_verify() {
    assert_eq!(
        built(&token2().with_service(chat_user(UID_STR, EXPIRE))),
        V4
    );
    let p = parse_verified(V4);
    for variant in [V4_GO, V4_NODE] {
        assert_same_fields(&parse_verified(variant), &p);
    }
}

#[test]
fn v05_chat_app_builds_canonical_string_and_go_node_variants_verify() {
    let t = token2().with_service(ChatService::new("").with_privilege(ChatPrivilege::App, EXPIRE));
    assert_eq!(built(&t), V5);
    let p = parse_verified(V5);
    let [Service::Chat(c)] = p.services() else {
        panic!("expected Chat");
    };
    assert_eq!(c.user_id(), "");
    assert_eq!(c.privileges().get(ChatPrivilege::App), Some(EXPIRE));
    for variant in [V5_GO, V5_NODE] {
        assert_same_fields(&parse_verified(variant), &p);
    }
}

#[test]
fn v06_apaas_rtm_chat_added_out_of_order_pack_sorted_by_type() {
    // Added APAAS, RTM, CHAT; packed RTM(2), CHAT(5), APAAS(7).
    let t = token2()
        .with_service(
            ApaasService::new("123", UID_STR, 1).with_privilege(ApaasPrivilege::RoomUser, EXPIRE),
        )
        .with_service(rtm(UID_STR, EXPIRE))
        .with_service(chat_user("6063383428a36fba3fb6030becf8094e", EXPIRE));
    assert_eq!(built(&t), V6);
    let p = parse_verified(V6);
    let types: Vec<u16> = p
        .services()
        .iter()
        .map(|s| s.service_type().code())
        .collect();
    assert_eq!(types, [2, 5, 7]);
    let Service::Apaas(a) = &p.services()[2] else {
        panic!("expected APaaS");
    };
    assert_eq!(
        (a.room_uuid(), a.user_uuid(), a.role()),
        ("123", UID_STR, 1)
    );
}

#[test]
fn v07_apaas_user_builds_canonical_string() {
    let t = token2().with_service(
        ApaasService::new("", UID_STR, ApaasService::NO_ROLE)
            .with_privilege(ApaasPrivilege::User, EXPIRE),
    );
    assert_eq!(built(&t), V7);
    let p = parse_verified(V7);
    let [Service::Apaas(a)] = p.services() else {
        panic!("expected APaaS");
    };
    assert_eq!(a.role(), -1);
}

#[test]
fn v08_apaas_app_builds_canonical_string() {
    let t = token2().with_service(
        ApaasService::new("", "", ApaasService::NO_ROLE)
            .with_privilege(ApaasPrivilege::App, EXPIRE),
    );
    assert_eq!(built(&t), V8);
}

// ---- 007: multiple services ------------------------------------------------

#[test]
fn v09_rtc_rtm_fpa_chat_builds_canonical_string() {
    let t = token2()
        .with_service(rtc_all(UID, EXPIRE))
        .with_service(rtm(USER, EXPIRE))
        .with_service(FpaService::new().with_privilege(FpaPrivilege::Login, EXPIRE))
        .with_service(chat_user(UID_STR, EXPIRE));
    assert_eq!(built(&t), V9);
}

#[test]
fn v10_python3_five_services_builds_canonical_string() {
    let t = token2()
        .with_service(rtc_all(UID, EXPIRE))
        .with_service(rtm(UID_STR, EXPIRE))
        .with_service(FpaService::new().with_privilege(FpaPrivilege::Login, EXPIRE))
        .with_service(chat_user(UID_STR, EXPIRE))
        .with_service(
            ApaasService::new("", UID_STR, -1).with_privilege(ApaasPrivilege::User, EXPIRE),
        );
    assert_eq!(built(&t), V10);
}

#[test]
fn v10b_python2_four_services_builds_canonical_string() {
    let t = token2()
        .with_service(rtc_all(UID, EXPIRE))
        .with_service(rtm(USER, EXPIRE))
        .with_service(chat_user(UID_STR, EXPIRE))
        .with_service(
            ApaasService::new("", UID_STR, -1).with_privilege(ApaasPrivilege::User, EXPIRE),
        );
    assert_eq!(built(&t), V10B);
}

#[test]
fn v11_rtc_rtm_builds_canonical_string_and_node_variant_verifies() {
    let t = token2()
        .with_service(rtc_all(UID, EXPIRE))
        .with_service(rtm(USER, EXPIRE));
    assert_eq!(built(&t), V11);
    assert_same_fields(&parse_verified(V11_NODE), &parse_verified(V11));
}

#[test]
fn v11_services_added_rtm_first_are_stable_sorted_to_same_string() {
    let t = token2()
        .with_service(rtm(USER, EXPIRE))
        .with_service(rtc_all(UID, EXPIRE));
    assert_eq!(built(&t), V11);
}

#[test]
fn v11_publisher_builder_with_privileges_matches_low_level_rtc_service() {
    let b = builder();
    let by_role = b
        .rtc_token(CHANNEL, UID, RtcRole::Publisher, EXPIRE, EXPIRE)
        .unwrap();
    let explicit = b
        .rtc_token_with_privileges(CHANNEL, UID, EXPIRE, RtcPrivilegeExpiry::uniform(EXPIRE))
        .unwrap();
    let low_level = built(&token2().with_service(rtc_all(UID, EXPIRE)));
    assert_eq!(by_role.expose_secret(), low_level);
    assert_eq!(explicit.expose_secret(), low_level);
}

#[test]
fn v12_rtc_rtm_chat_builds_canonical_string_and_csharp_variant_verifies() {
    let t = token2()
        .with_service(rtc_all(UID, EXPIRE))
        .with_service(rtm(USER, EXPIRE))
        .with_service(chat_user(UID_STR, EXPIRE));
    assert_eq!(built(&t), V12);
    assert_same_fields(&parse_verified(V12_CSHARP), &parse_verified(V12));
}

#[test]
fn v13_go_only_vector_verifies_and_rebuilds_to_derived_stock_zlib_string() {
    let go = parse_verified(V13_GO);
    let t = token2()
        .with_service(
            RtcService::new(CHANNEL, UID).with_privilege(RtcPrivilege::JoinChannel, EXPIRE),
        )
        .with_service(rtm(USER, EXPIRE))
        .with_service(chat_user(UID_STR, EXPIRE));
    assert_eq!(go.token(), &t);
    assert_eq!(built(&t), V13_DERIVED);
}

#[test]
fn v14_extended_streaming_fcdn_rtm2_builds_canonical_string() {
    let mut perms = Rtm2Permissions::new();
    perms
        .add(
            Rtm2ResourceType::MessageChannels,
            Rtm2PermissionType::Read,
            "message-a",
        )
        .add(
            Rtm2ResourceType::MessageChannels,
            Rtm2PermissionType::Read,
            "message-b",
        )
        .add(
            Rtm2ResourceType::StreamChannels,
            Rtm2PermissionType::Write,
            "stream-a",
        )
        .add(Rtm2ResourceType::Users, Rtm2PermissionType::Read, "user-a");
    let t = token2()
        .with_service(
            StreamingService::new(CHANNEL, UID_STR)
                .with_privilege(StreamingPrivilege::PublishMixStream, EXPIRE)
                .with_privilege(StreamingPrivilege::PublishRawStream, EXPIRE),
        )
        .with_service(
            FcdnService::new(CHANNEL, UID_STR)
                .with_privilege(FcdnPrivilege::Publish, EXPIRE)
                .with_privilege(FcdnPrivilege::Play, EXPIRE),
        )
        .with_service(
            Rtm2Service::new(USER)
                .with_privilege(Rtm2Privilege::Login, EXPIRE)
                .with_permissions(perms),
        );
    assert_eq!(built(&t), V14);
}

#[test]
fn v14_extended_services_parse_with_rtm2_permissions() {
    let p = parse_verified(V14);
    let [Service::Streaming(s), Service::Fcdn(f), Service::Rtm2(r)] = p.services() else {
        panic!("expected Streaming, FCDN, RTM2; got {:?}", p.services());
    };
    assert_eq!((s.channel_name(), s.account()), (CHANNEL, UID_STR));
    assert_eq!(f.privileges().get(FcdnPrivilege::Play), Some(EXPIRE));
    assert_eq!(r.user_id(), USER);
    assert_eq!(
        r.permissions()
            .resources(Rtm2ResourceType::MessageChannels, Rtm2PermissionType::Read),
        ["message-a", "message-b"]
    );
    assert_eq!(
        r.permissions()
            .resources(Rtm2ResourceType::StreamChannels, Rtm2PermissionType::Write),
        ["stream-a"]
    );
    assert_eq!(
        r.permissions()
            .resources(Rtm2ResourceType::Users, Rtm2PermissionType::Read),
        ["user-a"]
    );
    assert!(
        r.permissions()
            .resources(Rtm2ResourceType::Users, Rtm2PermissionType::Write)
            .is_empty()
    );
}

fn v15_token() -> AccessToken2 {
    token2()
        .with_service(
            StreamingService::new(CHANNEL, UID)
                .with_privilege(StreamingPrivilege::PublishMixStream, EXPIRE),
        )
        .with_service(
            StreamingService::new(CHANNEL, 0)
                .with_privilege(StreamingPrivilege::PublishRawStream, EXPIRE),
        )
        .with_service(
            StreamingService::new(CHANNEL, "stream-account")
                .with_privilege(StreamingPrivilege::PublishMixStream, EXPIRE)
                .with_privilege(StreamingPrivilege::PublishRawStream, EXPIRE),
        )
        .with_service(FcdnService::new(CHANNEL, UID).with_privilege(FcdnPrivilege::Publish, EXPIRE))
        .with_service(FcdnService::new(CHANNEL, 0).with_privilege(FcdnPrivilege::Play, EXPIRE))
        .with_service(
            FcdnService::new(CHANNEL, "fcdn-account")
                .with_privilege(FcdnPrivilege::Publish, EXPIRE)
                .with_privilege(FcdnPrivilege::Play, EXPIRE),
        )
}

#[test]
fn v15_duplicate_services_kept_in_order_build_canonical_string() {
    assert_eq!(built(&v15_token()), V15);
}

#[test]
fn v15_duplicates_interleaved_by_type_are_stable_sorted() {
    // FCDN and Streaming interleaved: each type keeps its own insertion order.
    let ordered = v15_token();
    let s = ordered.services();
    let interleaved = token2()
        .with_service(s[3].clone())
        .with_service(s[0].clone())
        .with_service(s[4].clone())
        .with_service(s[1].clone())
        .with_service(s[5].clone())
        .with_service(s[2].clone());
    assert_eq!(built(&interleaved), V15);
}

#[test]
fn v15_all_cross_language_variants_parse_to_same_services_and_verify() {
    let canonical = parse_verified(V15);
    assert_eq!(canonical.token(), &v15_token());
    assert_eq!(canonical.services().len(), 6);
    for variant in [V15_GO, V15_NODE, V15_CSHARP, V15_DART, V15_RUST_MINIZ] {
        assert_same_fields(&parse_verified(variant), &canonical);
    }
}

#[test]
fn v16_parse_py_token_with_other_inputs_verifies_and_rebuilds() {
    let p = parse_verified(V16_PARSE_PY);
    assert_eq!(
        (p.issue_ts(), p.expire(), p.salt()),
        (1_661_270_015, 3600, 5_030_703)
    );
    let types: Vec<u16> = p
        .services()
        .iter()
        .map(|s| s.service_type().code())
        .collect();
    assert_eq!(types, [1, 2, 4, 5, 7]);
    let Service::Apaas(a) = &p.services()[4] else {
        panic!("expected APaaS");
    };
    assert_eq!(
        (a.room_uuid(), a.user_uuid(), a.role()),
        ("room_uuid_test", "user_uuid_test", -1)
    );
    assert_eq!(a.privileges().len(), 3);
    let Service::Chat(c) = &p.services()[3] else {
        panic!("expected Chat");
    };
    assert_eq!(c.privileges().get(ChatPrivilege::App), Some(3600));

    let expected = AccessToken2::from_parts(&app_id(), 1_661_270_015, 5_030_703, 3600)
        .with_service(rtc_all(UID, 3600))
        .with_service(rtm(UID_STR, 3600))
        .with_service(FpaService::new().with_privilege(FpaPrivilege::Login, 3600))
        .with_service(
            ChatService::new(UID_STR)
                .with_privilege(ChatPrivilege::User, 3600)
                .with_privilege(ChatPrivilege::App, 3600),
        )
        .with_service(
            ApaasService::new("room_uuid_test", "user_uuid_test", -1)
                .with_privilege(ApaasPrivilege::RoomUser, 3600)
                .with_privilege(ApaasPrivilege::User, 3600)
                .with_privilege(ApaasPrivilege::App, 3600),
        );
    assert_eq!(built(&expected), V16_PARSE_PY);
}

#[test]
fn v16_online_chat_token_parses_but_does_not_verify_with_standard_certificate() {
    let p = ParsedAccessToken2::parse(V16_CSHARP_ONLINE).unwrap();
    assert_eq!(p.app_id(), "f1dc778bddc646ad8f260976ca2d015c");
    assert_eq!(
        (p.issue_ts(), p.expire(), p.salt()),
        (1_690_361_265, 86_400, 1_992_588_284)
    );
    let [Service::Chat(c)] = p.services() else {
        panic!("expected Chat");
    };
    assert_eq!(c.user_id(), "4ac3bae0-6f9e-11ec-8c27-8dc232279082");
    assert_eq!(c.privileges().get(ChatPrivilege::User), Some(86_400));
    assert_eq!(p.verify(&cert()), Err(TokenError::SignatureMismatch));
    // It is canonical (stock zlib) output, so re-encoding the fields with a
    // different certificate changes only the signature.
    assert_ne!(built(&p.token().clone()), V16_CSHARP_ONLINE);
}

#[test]
fn every_canonical_vector_parses_rebuilds_and_matches_byte_for_byte() {
    for v in [
        V1,
        V2,
        V3,
        V3B,
        V4,
        V5,
        V6,
        V7,
        V8,
        V9,
        V10,
        V10B,
        V11,
        V12,
        V13_DERIVED,
        V14,
        V15,
        V16_PARSE_PY,
    ] {
        assert_round_trips_to_canonical(v);
    }
}

#[test]
fn every_vector_fails_to_verify_with_a_different_certificate() {
    let other = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3c").unwrap();
    for v in [V1, V1_GO, V3, V6, V14, V15_DART, V16_PARSE_PY] {
        let p = ParsedAccessToken2::parse(v).unwrap();
        assert_eq!(p.verify(&other), Err(TokenError::SignatureMismatch), "{v}");
    }
}

#[test]
fn generic_parse_dispatches_on_version_prefix() {
    assert!(matches!(token::parse(V1), Ok(ParsedToken::V007(_))));
    assert!(matches!(token::parse(L1), Ok(ParsedToken::V006(_))));
}

// ---- 007 negative vectors --------------------------------------------------

#[test]
fn neg_two_characters_is_too_short() {
    assert!(matches!(
        token::parse("00"),
        Err(TokenError::TooShort { .. })
    ));
    assert!(matches!(
        ParsedAccessToken2::parse("00"),
        Err(TokenError::TooShort { .. })
    ));
    assert!(matches!(
        ParsedLegacyAccessToken::parse("00"),
        Err(TokenError::TooShort { .. })
    ));
}

#[test]
fn neg_006_prefix_is_a_version_mismatch_for_the_007_parser() {
    let err = ParsedAccessToken2::parse("006invalid").unwrap_err();
    assert_eq!(
        err,
        TokenError::BadVersion {
            expected: "007",
            found: "006".to_owned()
        }
    );
    assert!(err.to_string().contains("bad version prefix"));
    // The generic parser routes it to the 006 parser, which finds it too short.
    assert!(matches!(
        token::parse("006invalid"),
        Err(TokenError::TooShort { .. })
    ));
}

#[test]
fn neg_007invalid_is_bad_base64() {
    let err = token::parse("007invalid").unwrap_err();
    assert!(matches!(err, TokenError::Base64 { .. }), "{err:?}");
}

#[test]
fn neg_valid_base64_that_is_not_zlib_is_bad_zlib() {
    let err = token::parse("007aW52YWxpZA==").unwrap_err();
    assert!(matches!(err, TokenError::Zlib { .. }), "{err:?}");
    assert!(err.to_string().contains("zlib"));
}

#[test]
fn neg_java_truncated_rtc_token_is_an_error() {
    let err = token::parse("007eJxTYLC/xv0i87343FLb46KrG9gPxT+Vj8pojqvt").unwrap_err();
    assert!(
        matches!(
            err,
            TokenError::Zlib { .. } | TokenError::Base64 { .. } | TokenError::Truncated { .. }
        ),
        "{err:?}"
    );
}

// ---- 006 vectors ------------------------------------------------------------

fn legacy(uid: impl Into<agora_api::token::RtcUser>) -> LegacyAccessToken {
    LegacyAccessToken::from_parts(&app_id(), CHANNEL, uid, TS, SALT)
}

fn legacy_built(t: &LegacyAccessToken) -> String {
    t.build(&cert()).expect("build").into_secret()
}

#[test]
fn l1_rtc_uid_join_builds_exact_string_for_numeric_and_string_uid() {
    let numeric = legacy(UID).with_privilege(LegacyPrivilege::JoinChannel, LEGACY_PRIV_TS);
    let string = legacy(UID_STR).with_privilege(LegacyPrivilege::JoinChannel, LEGACY_PRIV_TS);
    assert_eq!(legacy_built(&numeric), L1);
    assert_eq!(legacy_built(&string), L1);
}

#[test]
fn l1_parses_and_verifies_with_channel_and_uid() {
    let p = ParsedLegacyAccessToken::parse(L1).unwrap();
    assert_eq!(p.app_id(), APP_ID);
    assert_eq!((p.salt(), p.ts()), (SALT, TS));
    assert_eq!(p.crc_channel_name(), 276_646_071);
    assert_eq!(p.crc_uid(), 3_847_331_927);
    assert_eq!(
        p.privileges().get(LegacyPrivilege::JoinChannel),
        Some(LEGACY_PRIV_TS)
    );
    p.verify(&cert(), CHANNEL, UID).unwrap();
    p.verify(&cert(), CHANNEL, UID_STR).unwrap();
}

#[test]
fn l1_verify_rejects_wrong_channel_uid_and_certificate() {
    let p = ParsedLegacyAccessToken::parse(L1).unwrap();
    assert!(matches!(
        p.verify(&cert(), "other", UID),
        Err(TokenError::ChannelNameMismatch { .. })
    ));
    assert!(matches!(
        p.verify(&cert(), CHANNEL, 1),
        Err(TokenError::UidMismatch { .. })
    ));
    let other = AppCertificate::new("00000000000000000000000000000000").unwrap();
    assert_eq!(
        p.verify(&other, CHANNEL, UID),
        Err(TokenError::SignatureMismatch)
    );
}

#[test]
fn l2_uid_zero_packs_empty_uid_with_zero_crc() {
    let t = legacy(0).with_privilege(LegacyPrivilege::JoinChannel, LEGACY_PRIV_TS);
    assert_eq!(legacy_built(&t), L2);
    let p = ParsedLegacyAccessToken::parse(L2).unwrap();
    assert_eq!(p.crc_uid(), 0);
    p.verify(&cert(), CHANNEL, 0).unwrap();
    p.verify(&cert(), CHANNEL, "").unwrap();
}

#[test]
fn l3_string_uid_zero_stays_zero_and_differs_from_numeric_zero() {
    let t = legacy("0").with_privilege(LegacyPrivilege::JoinChannel, LEGACY_PRIV_TS);
    assert_eq!(legacy_built(&t), L3);
    assert_ne!(L3, L2);
    let p = ParsedLegacyAccessToken::parse(L3).unwrap();
    assert_eq!(p.crc_uid(), 4_108_050_209);
    p.verify(&cert(), CHANNEL, "0").unwrap();
    assert!(matches!(
        p.verify(&cert(), CHANNEL, 0),
        Err(TokenError::UidMismatch { .. })
    ));
}

#[test]
fn l4_publisher_four_privileges_builds_exact_string() {
    let t = legacy(UID)
        .with_privilege(LegacyPrivilege::JoinChannel, LEGACY_PRIV_TS)
        .with_privilege(LegacyPrivilege::PublishAudioStream, LEGACY_PRIV_TS)
        .with_privilege(LegacyPrivilege::PublishVideoStream, LEGACY_PRIV_TS)
        .with_privilege(LegacyPrivilege::PublishDataStream, LEGACY_PRIV_TS);
    assert_eq!(legacy_built(&t), L4);
    let p = ParsedLegacyAccessToken::parse(L4).unwrap();
    assert_eq!(p.privileges().len(), 4);
    p.verify(&cert(), CHANNEL, UID).unwrap();
}

/// The high-level builder takes relative seconds: ts = issue + 24 h and
/// privileges = issue + expire. These inputs land on the vectors' absolute values.
fn legacy_builder() -> (TokenBuilder, u32) {
    let issue = TS - 86_400;
    (
        TokenBuilder::new(app_id(), cert())
            .with_issue_ts(issue)
            .with_salt(SALT),
        LEGACY_PRIV_TS - issue,
    )
}

#[test]
fn l4_legacy_publisher_builder_reproduces_vector() {
    let (b, expire) = legacy_builder();
    let t = b
        .legacy_rtc_token(CHANNEL, UID, RtcRole::Publisher, expire)
        .unwrap();
    assert_eq!(t.expose_secret(), L4);
    let t = b
        .legacy_rtc_token_with_privileges(CHANNEL, UID, RtcPrivilegeExpiry::uniform(expire))
        .unwrap();
    assert_eq!(t.expose_secret(), L4);
}

#[test]
fn l1_legacy_subscriber_builder_reproduces_vector() {
    let (b, expire) = legacy_builder();
    let t = b
        .legacy_rtc_token(CHANNEL, UID, RtcRole::Subscriber, expire)
        .unwrap();
    assert_eq!(t.expose_secret(), L1);
}

#[test]
fn l5_rtm_v1_builds_exact_string_low_level_and_via_builder() {
    let t = LegacyAccessToken::rtm(&app_id(), USER, TS, SALT)
        .with_privilege(LegacyPrivilege::RtmLogin, LEGACY_PRIV_TS);
    assert_eq!(legacy_built(&t), L5);
    let (b, expire) = legacy_builder();
    assert_eq!(
        b.legacy_rtm_token(USER, expire).unwrap().expose_secret(),
        L5
    );
}

#[test]
fn l5_rtm_v1_parses_with_documented_crcs_and_verifies() {
    let p = ParsedLegacyAccessToken::parse(L5).unwrap();
    assert_eq!(p.crc_channel_name(), 2_297_101_446);
    assert_eq!(p.crc_uid(), 0);
    assert_eq!(
        p.privileges().get(LegacyPrivilege::RtmLogin),
        Some(LEGACY_PRIV_TS)
    );
    p.verify_rtm(&cert(), USER).unwrap();
    assert!(p.verify_rtm(&cert(), "someone_else").is_err());
}

#[test]
fn legacy_vectors_fail_with_a_truncated_or_extended_body() {
    for v in [L1, L2, L3, L4, L5] {
        for cut in [36, 40, v.len() - 4] {
            assert!(token::parse(&v[..cut]).is_err(), "{cut}");
        }
        // Extra base64 after the message is rejected.
        assert!(token::parse(&format!("{v}AAAA")).is_err());
    }
}
