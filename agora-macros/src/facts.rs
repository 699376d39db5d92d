//! The documented facts of an endpoint that are not part of its request:
//! its reference page (`doc = "https://..."`), its rate limits
//! (`rate_limit(10, per = second, scope = app_id)`) and the extra statuses
//! a retry may follow (`retry_status = 409`). Parsed here, written into
//! the registry by `expand`, and into the doc block by `docs`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::ParseStream;
use syn::{Ident, LitInt, LitStr, Token};

use crate::ctxt::{Ctxt, closest};

/// Keys accepted inside `rate_limit(...)`, after the count.
const RATE_LIMIT_KEYS: &[&str] = &["per", "scope", "shared", "plan"];
/// Periods a limit can be counted over.
const PERIODS: &[&str] = &["second", "minute", "hour", "day"];
/// Whose budget a limit counts.
const SCOPES: &[&str] = &["app_id", "account"];

/// One `rate_limit(...)` entry.
pub(crate) struct RateLimit {
    pub(crate) count: u32,
    pub(crate) per: &'static str,
    pub(crate) scope: &'static str,
    pub(crate) shared: Option<LitStr>,
    pub(crate) plan: Option<LitStr>,
}

/// Reads the value of `doc = "..."`: Agora's reference page, an `https://`
/// URL.
pub(crate) fn parse_doc_url(cx: &Ctxt, input: ParseStream) -> syn::Result<LitStr> {
    let lit: LitStr = input.parse()?;
    let value = lit.value();
    if !value.starts_with("https://") || value.contains(char::is_whitespace) {
        cx.error_spanned_by(
            &lit,
            "`doc` is the endpoint's reference page: an https:// URL without spaces",
        );
    }
    Ok(lit)
}

/// The statuses the client retries for every endpoint (`Error::is_retryable`):
/// declaring one of them again says nothing.
const RETRIED_ALWAYS: &[u16] = &[429, 500, 502, 503, 504];

/// Reads the value of `retry_status = 409`: an error status (400 to 599)
/// after which the endpoint's calls may succeed when tried again, beyond
/// those the client retries for every endpoint. `None` when it was
/// refused (the error is in `cx`); `seen` holds the statuses declared
/// before it.
pub(crate) fn parse_retry_status(
    cx: &Ctxt,
    key: &Ident,
    input: ParseStream,
    seen: &[u16],
) -> syn::Result<Option<u16>> {
    let Ok(lit) = input.parse::<LitInt>() else {
        while !input.is_empty() && !input.peek(Token![,]) {
            input.parse::<proc_macro2::TokenTree>()?;
        }
        cx.error_spanned_by(
            key,
            "`retry_status` is an HTTP status number: retry_status = 409 (repeat the key for another status)",
        );
        return Ok(None);
    };
    let status = match lit.base10_parse::<u16>() {
        Ok(status) if (400..=599).contains(&status) => status,
        _ => {
            cx.error_spanned_by(
                &lit,
                "`retry_status` is an error status from 400 to 599: a 2xx is a success, and a 3xx is never followed",
            );
            return Ok(None);
        }
    };
    if RETRIED_ALWAYS.contains(&status) {
        cx.error_spanned_by(
            &lit,
            format!(
                "{status} is retried for every endpoint already (429, 500, 502, 503, 504): declare only a status this endpoint adds"
            ),
        );
        return Ok(None);
    }
    if seen.contains(&status) {
        cx.error_spanned_by(
            &lit,
            format!("duplicate retry_status {status} in #[endpoint]"),
        );
        return Ok(None);
    }
    Ok(Some(status))
}

/// Reads the parenthesized part of `rate_limit(COUNT, per = P, scope = S,
/// shared = "group", plan = "Plan")`. `None` when it was malformed (the
/// error is in `cx`).
pub(crate) fn parse_rate_limit(
    cx: &Ctxt,
    key: &Ident,
    input: ParseStream,
) -> syn::Result<Option<RateLimit>> {
    let content;
    syn::parenthesized!(content in input);
    let count_lit: LitInt = match content.parse() {
        Ok(lit) => lit,
        Err(_) => {
            cx.error_spanned_by(
                key,
                "`rate_limit` starts with the number of requests allowed: rate_limit(10, per = second, scope = app_id)",
            );
            return Ok(None);
        }
    };
    let count = match count_lit.base10_parse::<u32>() {
        Ok(0) | Err(_) => {
            cx.error_spanned_by(
                &count_lit,
                "a rate limit's count is a whole number from 1 to 4294967295",
            );
            None
        }
        Ok(count) => Some(count),
    };
    let mut per = None;
    let mut scope = None;
    let mut shared = None;
    let mut plan = None;
    let mut ok = true;
    // A key given with a bad value is reported as such, not as missing.
    let (mut per_given, mut scope_given) = (false, false);
    while !content.is_empty() {
        content.parse::<Token![,]>()?;
        if content.is_empty() {
            break;
        }
        let name: Ident = content.parse()?;
        content.parse::<Token![=]>()?;
        match name.to_string().as_str() {
            "per" => {
                per_given = true;
                let value: Ident = content.parse()?;
                match one_of(cx, &value, PERIODS, "period") {
                    Some(found) => once(cx, &mut per, found, &name),
                    None => ok = false,
                }
            }
            "scope" => {
                scope_given = true;
                let value: Ident = content.parse()?;
                match one_of(cx, &value, SCOPES, "scope") {
                    Some(found) => once(cx, &mut scope, found, &name),
                    None => ok = false,
                }
            }
            "shared" => {
                let value: LitStr = content.parse()?;
                once(cx, &mut shared, value, &name);
            }
            "plan" => {
                let value: LitStr = content.parse()?;
                once(cx, &mut plan, value, &name);
            }
            other => {
                let hint = closest(other, RATE_LIMIT_KEYS)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                cx.error_spanned_by(
                    &name,
                    format!("unknown `{other}` in rate_limit{hint} (expected `per`, `scope`, `shared` or `plan`)"),
                );
                content.parse::<proc_macro2::TokenTree>()?;
                ok = false;
            }
        }
    }
    if !per_given {
        cx.error_spanned_by(
            key,
            "`rate_limit` needs its period: per = second, minute, hour or day",
        );
    }
    if !scope_given {
        cx.error_spanned_by(
            key,
            "`rate_limit` needs its scope: scope = app_id or account (whose budget it counts)",
        );
    }
    Ok(match (count, per, scope, ok) {
        (Some(count), Some(per), Some(scope), true) => Some(RateLimit {
            count,
            per,
            scope,
            shared,
            plan,
        }),
        _ => None,
    })
}

fn one_of(cx: &Ctxt, value: &Ident, known: &[&'static str], what: &str) -> Option<&'static str> {
    let text = value.to_string();
    if let Some(found) = known.iter().find(|name| **name == text) {
        return Some(found);
    }
    let list = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = closest(&text, known)
        .map(|s| format!("did you mean `{s}`? "))
        .unwrap_or_default();
    cx.error_spanned_by(
        value,
        format!("unknown {what} `{text}`: {hint}(expected one of {list})"),
    );
    None
}

fn once<T>(cx: &Ctxt, slot: &mut Option<T>, value: T, key: &Ident) {
    if slot.is_some() {
        cx.error_spanned_by(key, format!("duplicate `{key}` in rate_limit"));
    } else {
        *slot = Some(value);
    }
}

impl RateLimit {
    /// The registry value, `agora_api::registry::RateLimit`.
    pub(crate) fn to_tokens(&self, private: &TokenStream) -> TokenStream {
        let count = self.count;
        let per = Ident::new(
            capitalize(self.per).as_str(),
            proc_macro2::Span::call_site(),
        );
        let scope = Ident::new(
            match self.scope {
                "app_id" => "AppId",
                _ => "Account",
            },
            proc_macro2::Span::call_site(),
        );
        let option = |value: &Option<LitStr>| match value {
            Some(lit) => quote!(::core::option::Option::Some(#lit)),
            None => quote!(::core::option::Option::None),
        };
        let shared = option(&self.shared);
        let plan = option(&self.plan);
        quote! {
            #private::RateLimit::new(
                #count,
                #private::Period::#per,
                #private::RateScope::#scope,
                #shared,
                #plan,
            )
        }
    }

    /// The limit in words, for the doc block: "10 requests per second per
    /// App ID".
    pub(crate) fn describe(&self) -> String {
        let noun = if self.count == 1 {
            "request"
        } else {
            "requests"
        };
        let scope = match self.scope {
            "app_id" => "per App ID",
            _ => "per Agora account",
        };
        let mut text = format!("{} {noun} per {} {scope}", self.count, self.per);
        if let Some(shared) = &self.shared {
            text.push_str(&format!(
                ", one budget shared by the endpoints of `{}`",
                shared.value()
            ));
        }
        if let Some(plan) = &self.plan {
            text.push_str(&format!(" ({} plan)", plan.value()));
        }
        text
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}
