//! `#[endpoint_docs]`: the doc block of an endpoint, written from the same
//! `#[endpoint(...)]` and `#[auth(...)]` attributes the derive reads, so the
//! method, path, auth, idempotency, extra retry statuses, rate limits and
//! reference page in the docs can never disagree with what the client
//! sends.
//!
//! A derive cannot add attributes to its own struct, hence a separate
//! attribute, placed above `#[derive(Endpoint)]`. It reads the attributes
//! leniently and leaves every error to the derive, which reports them
//! once, at the right tokens.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Expr, ExprLit, Lit, Meta};

use crate::ast::{Container, Scheme};
use crate::ctxt::Ctxt;

/// The attribute's expansion: `item` with the generated block inserted
/// after its first paragraph.
pub(crate) fn endpoint_docs(args: TokenStream, item: TokenStream) -> TokenStream {
    if !args.is_empty() {
        let error = syn::Error::new_spanned(
            args,
            "#[endpoint_docs] takes no arguments: it reads #[endpoint(...)] and #[auth(...)] below it",
        )
        .to_compile_error();
        return quote!(#error #item);
    }
    let mut input: syn::DeriveInput = match syn::parse2(item.clone()) {
        Ok(input) => input,
        // Not a struct, enum or union: the compiler says so for the item.
        Err(_) => return item,
    };
    let cx = Ctxt::new();
    let container = Container::from_attrs(&cx, &input.attrs);
    let readable = cx.check().is_ok();
    let block = match (readable, &container.method, &container.path) {
        (true, Some(method), Some(path)) => block(&container, &method.to_string(), &path.value()),
        // The derive reports what is wrong; no block for a broken endpoint.
        _ => return item,
    };
    let at = insertion_point(&input.attrs);
    let mut lines: Vec<String> = Vec::new();
    if at > 0 {
        lines.push(String::new());
    }
    lines.extend(block);
    let generated: Vec<Attribute> = lines
        .iter()
        .map(|line| {
            let text = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            syn::parse_quote!(#[doc = #text])
        })
        .collect();
    input.attrs.splice(at..at, generated);
    quote!(#input)
}

/// The block's lines, in Markdown.
fn block(container: &Container, method: &str, path: &str) -> Vec<String> {
    let idempotent = container
        .idempotent
        .as_ref()
        .map_or(matches!(method, "GET" | "PUT" | "DELETE"), |flag| {
            flag.value
        });
    let schemes: Vec<&str> = container
        .auth
        .as_ref()
        .map(|(_, schemes)| {
            schemes
                .iter()
                .map(|(_, scheme)| describe(*scheme))
                .collect()
        })
        .unwrap_or_default();
    let auth = match schemes.as_slice() {
        [] => "none declared".to_owned(),
        [one] => (*one).to_owned(),
        many => format!("{} (in this order of preference)", many.join(", or ")),
    };
    let mut lines = vec![
        format!("**`{method} {path}`**"),
        String::new(),
        format!("- Auth: {auth}."),
        if idempotent {
            "- Idempotent: a retry may re-send it.".to_owned()
        } else {
            "- Not idempotent: a retry never re-sends it once it may have reached Agora.".to_owned()
        },
    ];
    if !container.retry_statuses.is_empty() {
        let statuses: Vec<String> = container
            .retry_statuses
            .iter()
            .map(|status| format!("`{status}`"))
            .collect();
        lines.push(format!(
            "- Also retried after HTTP {} (with backoff, when a retry may re-send it).",
            statuses.join(", ")
        ));
    }
    match container.rate_limits.as_slice() {
        [] => lines.push("- Rate limit: none documented.".to_owned()),
        [one] => lines.push(format!("- Rate limit: {}.", one.describe())),
        many => {
            lines.push("- Rate limits:".to_owned());
            lines.extend(many.iter().map(|limit| format!("  - {}", limit.describe())));
        }
    }
    if let Some(url) = &container.doc_url {
        lines.push(format!("- Reference: <{}>", url.value()));
    }
    lines
}

fn describe(scheme: Scheme) -> &'static str {
    match scheme {
        Scheme::Basic => "HTTP Basic (customer ID and secret)",
        Scheme::RtmToken => {
            "an RTM token (`x-agora-token` and `x-agora-uid`, or `Authorization: agora token=`)"
        }
        Scheme::RtcToken => {
            "an RTC AccessToken2 for the request's channel and uid (`Authorization: agora token=`)"
        }
        Scheme::EducationToken => "an education token (`Authorization: agora token=`)",
        Scheme::Hmac => "an HMAC-SHA256 signature over host, date, request line and body digest",
        Scheme::WhiteboardToken => {
            "a Whiteboard SDK, room or task token (`token` and `region` headers)"
        }
        Scheme::None => "none in the headers (the request carries its own credentials)",
    }
}

/// Where the block goes: before the first blank doc line that follows
/// some text (the end of the summary paragraph), else after the last doc
/// line.
fn insertion_point(attrs: &[Attribute]) -> usize {
    let mut seen_text = false;
    let mut last_doc = None;
    for (index, attr) in attrs.iter().enumerate() {
        match doc_text(attr) {
            Some(text) if text.trim().is_empty() && seen_text => return index,
            Some(_) => {
                seen_text = true;
                last_doc = Some(index);
            }
            None => {}
        }
    }
    last_doc.map_or(0, |index| index + 1)
}

fn doc_text(attr: &Attribute) -> Option<String> {
    if !attr.path().is_ident("doc") {
        return None;
    }
    match &attr.meta {
        Meta::NameValue(nv) => match &nv.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(text),
                ..
            }) => Some(text.value()),
            _ => None,
        },
        _ => None,
    }
}
