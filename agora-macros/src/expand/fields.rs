//! Expand, the registry's half: what each field is, for tools that take
//! an endpoint's inputs from a user (`EndpointInfo::fields`), and whether
//! the endpoint pages (`EndpointInfo::pages`).

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::ext::IdentExt;

use crate::validate::{Endpoint, Location};

/// `&[FieldInfo::new(..), ..]`: each field's name, wire name, location,
/// whether it is required, its type as written and its doc's first
/// sentence.
pub(super) fn field_infos(endpoint: &Endpoint, private: &TokenStream) -> TokenStream {
    let infos = endpoint.fields.iter().map(|resolved| {
        let field = resolved.field;
        let name = field.ident.unraw().to_string();
        let wire = field.wire_name();
        let location = match &resolved.location {
            Location::Path => quote!(Path),
            Location::Query(_) => quote!(Query),
            Location::Header(_) => quote!(Header),
            Location::BodyMember(_) => quote!(Body),
            Location::Body => quote!(WholeBody),
        };
        let wire = match &resolved.location {
            Location::Query(wire) | Location::Header(wire) | Location::BodyMember(wire) => {
                wire.clone()
            }
            Location::Path | Location::Body => wire,
        };
        let required = field.option_inner.is_none();
        let ty = type_text(field.option_inner.unwrap_or(field.ty));
        let doc = first_sentence(&field.docs);
        quote! {
            #private::FieldInfo::new(
                #name,
                #wire,
                #private::FieldLocation::#location,
                #required,
                #ty,
                #doc,
            )
        }
    });
    quote!(&[#(#infos),*])
}

/// The type as a user reads it: its tokens without the spaces the token
/// printer puts between them (`Vec<Privilege>`).
fn type_text(ty: &syn::Type) -> String {
    let text = ty.to_token_stream().to_string();
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            // Keep a space only between two words (`dyn Trait`).
            let before = out.chars().last().is_some_and(|p| p.is_alphanumeric());
            let after = chars.peek().is_some_and(|n| n.is_alphanumeric());
            if before && after {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The first sentence of the doc comment's first paragraph: its lines
/// joined, up to the first `. ` (a summary for `--help`).
fn first_sentence(docs: &[&syn::Attribute]) -> String {
    let lines = docs.iter().filter_map(|attr| match &attr.meta {
        syn::Meta::NameValue(meta) => match &meta.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) => Some(text.value()),
            _ => None,
        },
        _ => None,
    });
    let mut paragraph = String::new();
    for line in lines.flat_map(|text| {
        text.lines()
            .map(|line| line.trim().to_owned())
            .collect::<Vec<_>>()
    }) {
        if line.is_empty() {
            if paragraph.is_empty() {
                continue;
            }
            break;
        }
        if !paragraph.is_empty() {
            paragraph.push(' ');
        }
        paragraph.push_str(&line);
    }
    match paragraph.find(". ") {
        Some(end) => paragraph[..=end].to_owned(),
        None => paragraph,
    }
}

/// `Option<RequestPages>`: `Some` exactly when the endpoint implements
/// `Paginated`, chosen by the type checker (an inherent constant that
/// exists only then shadows the trait's `None`).
pub(super) fn pages(ident: &syn::Ident, private: &TokenStream) -> TokenStream {
    quote! {
        {
            #[allow(unused_imports)]
            use #private::NotPaginated as _;
            #private::PagesProbe::<#ident>::PAGES
        }
    }
}
