//! The `#[derive(Endpoint)]` macro of [agora-api](https://docs.rs/agora-api).
//!
//! Use it through `agora_api::Endpoint`; this crate is an implementation
//! detail of that one. The attribute grammar is documented on the
//! `agora_api::Endpoint` trait.
//!
//! The macro runs in three steps, each its own module: `ast` parses the
//! input into a model, `validate` checks it across fields and resolves
//! where each field goes, `expand` writes the code. Errors are collected
//! in a context and reported together, each at the token that caused it.

mod ast;
mod ctxt;
mod docs;
mod expand;
mod facts;
mod validate;

use proc_macro::TokenStream;

/// Derives `agora_api::Endpoint` and a compile-time-checked request builder.
///
/// See `agora_api::Endpoint` for the attributes.
#[proc_macro_derive(Endpoint, attributes(endpoint, auth))]
pub fn derive_endpoint(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}

/// Writes an endpoint's doc block (method and path, auth, idempotency,
/// rate limits, reference page) from the `#[endpoint(...)]` and
/// `#[auth(...)]` attributes below it, after the first paragraph of the
/// struct's own docs. Place it above `#[derive(Endpoint)]`.
///
/// See `agora_api::endpoint_docs`.
#[proc_macro_attribute]
pub fn endpoint_docs(args: TokenStream, item: TokenStream) -> TokenStream {
    docs::endpoint_docs(args.into(), item.into()).into()
}

#[cfg(test)]
mod tests;
