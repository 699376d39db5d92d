//! The derive's output uses absolute paths only: an endpoint still compiles
//! in a module that shadows the names generated code might lean on.
#![allow(dead_code, non_camel_case_types)]

mod shadowed {
    // Names a careless expansion would pick up instead of the real ones.
    pub struct Result;
    pub struct Ok;
    pub struct Some;
    pub struct None;
    pub struct Vec;
    pub struct Into;
    pub struct Method;
    pub struct Endpoint;
    pub struct Serializer;
    pub struct SerializeMap;
    pub mod core {}
    pub mod std {}
    pub mod serde_json {}
    pub mod agora_api {}

    /// An endpoint declared among the impostors.
    #[derive(::agora_api::Endpoint)]
    #[endpoint(POST, "/dev/v1/beta/{appid}/things", response = ())]
    #[auth(basic)]
    pub struct CreateThing {
        pub appid: ::agora_api::AppId,
        pub name: ::std::string::String,
        pub note: ::core::option::Option<::std::string::String>,
        #[endpoint(query)]
        pub dry_run: bool,
    }
}

#[test]
fn an_endpoint_among_shadowed_names_expands_and_renders() {
    let thing = shadowed::CreateThing::builder()
        .appid(::agora_api::AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID"))
        .name("x")
        .dry_run(true)
        .build();
    let client = agora_tests::basic_client("https://api.agora.io");
    let request = client.prepare(&thing).expect("a request");
    assert_eq!(
        request.url().as_str(),
        "https://api.agora.io/dev/v1/beta/0123456789abcdef0123456789abcdef/things?dry_run=true"
    );
    let body = request
        .body()
        .and_then(|body| body.as_bytes())
        .expect("a buffered body");
    assert_eq!(body, br#"{"name":"x"}"#);
}
