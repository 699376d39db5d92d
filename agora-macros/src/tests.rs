//! In-process expansion tests: the derive runs on `parse_quote!` inputs
//! without rustc, and its output is compared, pretty-printed, with the
//! snapshots in `tests/expand/`. Regenerate them with
//! `UPDATE_EXPAND=1 cargo test -p agora-macros` and review the diff.

use std::path::PathBuf;

use syn::parse_quote;

use crate::expand::derive;

fn pretty(input: syn::DeriveInput) -> String {
    let tokens = derive(&input);
    let file: syn::File = syn::parse2(tokens).expect("the expansion parses as items");
    prettyplease::unparse(&file)
}

fn assert_snapshot(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expand")
        .join(format!("{name}.expanded.rs"));
    if std::env::var_os("UPDATE_EXPAND").is_some() {
        std::fs::write(&path, actual).expect("write the snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_EXPAND=1 to create it)",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "expansion of {name} changed; run with UPDATE_EXPAND=1 and review the diff\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

#[test]
fn post_with_body_members_path_and_validation() {
    let output = pretty(parse_quote! {
        /// Requests a resource.
        #[endpoint(POST, "/v1/apps/{appid}/cloud_recording/acquire", response = AcquiredResource, validate = Acquire::check)]
        #[auth(basic)]
        pub struct Acquire {
            /// The App ID.
            pub appid: AppId,
            pub cname: ChannelName,
            #[endpoint(rename = "clientRequest")]
            pub client_request: Option<ClientRequest>,
        }
    });
    assert_snapshot("post_body_members", &output);
}

#[test]
fn get_with_query_header_and_two_schemes() {
    let output = pretty(parse_quote! {
        #[endpoint(GET, "/dev/v1/channel/{appid}", response = Channels)]
        #[auth(basic, rtm_token)]
        pub struct ListChannels {
            pub appid: AppId,
            #[endpoint(query)]
            pub page_no: u32,
            #[endpoint(query = "page_size")]
            pub size: Option<u32>,
            #[endpoint(header = "x-request-id")]
            pub request_id: Option<String>,
        }
    });
    assert_snapshot("get_query_header", &output);
}

#[test]
fn whole_body_field_and_crate_override() {
    let output = pretty(parse_quote! {
        #[endpoint(DELETE, "/dev/v1/kicking-rule", response = Deleted, crate = "my::agora")]
        #[auth(basic)]
        pub struct DeleteRule {
            #[endpoint(body)]
            pub rule: RuleId,
        }
    });
    assert_snapshot("whole_body_crate_override", &output);
}

#[test]
fn put_with_an_extra_retry_status() {
    let output = pretty(parse_quote! {
        #[endpoint(PUT, "/{region}/v1/projects/{appId}/templates/{id}", response = (), retry_status = 409)]
        #[auth(basic, hmac)]
        pub struct PutTemplate {
            pub region: ServiceRegion,
            #[endpoint(rename = "appId")]
            pub app_id: AppId,
            pub id: TemplateId,
        }
    });
    assert_snapshot("put_retry_status", &output);
}

#[test]
fn errors_are_combined_and_stubs_are_emitted() {
    let input: syn::DeriveInput = parse_quote! {
        #[endpoint(GET, "v1/{missing}", response = ())]
        #[auth(basci)]
        pub struct Broken {
            pub extra: String,
        }
    };
    let output = derive(&input).to_string();
    let errors = output.matches("compile_error").count();
    assert_eq!(
        errors, 4,
        "template, placeholder, scheme and GET-body errors: {output}"
    );
    assert!(output.contains("did you mean `basic`"), "{output}");
    assert!(
        output.contains("impl :: agora_api :: __private :: Endpoint for Broken"),
        "a stub impl: {output}"
    );
    assert!(
        output.contains("pub struct BrokenBuilder"),
        "the builder is still emitted: {output}"
    );
}
