//! Expand, the inverse half: `Endpoint::decode`, which reads a received
//! request back into the endpoint. One method call per field on the
//! runtime's readers (`__private::decode`), so the generated code stays
//! small, spanned at the field's type so that a type without `FromStr` or
//! `Deserialize` is reported on its field; then the
//! endpoint's own `validate`, so the decoder accepts exactly what the
//! client would send.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::validate::{Endpoint, Location, Segment};

/// The `decode` method of the `Endpoint` impl.
pub(super) fn decode(endpoint: &Endpoint, private: &TokenStream) -> TokenStream {
    let ident = endpoint.input.ident;
    let method = endpoint.method.to_string();
    let template = &endpoint.template;
    let reader = quote!(#private::decode);
    let request = format_ident!("__request");
    let read = format_ident!("__read");
    let path = format_ident!("__path");
    let body = format_ident!("__body");
    // The local holding path parameter `index`, read in template order.
    let param = |index: usize| format_ident!("__param{}", index);

    let path_steps = endpoint.segments.iter().map(|segment| match segment {
        Segment::Literal(text) => quote!(#path.literal(#text)?;),
        Segment::Param(index) => {
            let local = param(*index);
            let resolved = &endpoint.fields[*index];
            let wire = resolved.field.wire_name();
            let ty = resolved.field.ty;
            // Spanned at the field's type, so that a type without `FromStr`
            // is reported on the field.
            quote_spanned!(ty.span()=> let #local: #ty = #path.segment(#wire)?;)
        }
    });

    let has_members = endpoint
        .fields
        .iter()
        .any(|resolved| matches!(resolved.location, Location::BodyMember(_)));
    let read_body = has_members.then(|| quote!(let #body = #read.body_object()?;));

    let values = endpoint.fields.iter().enumerate().map(|(index, resolved)| {
        let field = resolved.field;
        let name = field.ident;
        let optional = field.option_inner.is_some();
        // Spanned at the field's type: a type without `FromStr` or
        // `Deserialize` is reported on the field that needs it.
        let span = field.ty.span();
        let value = match &resolved.location {
            Location::Path => {
                let local = param(index);
                quote!(#local)
            }
            Location::Query(wire) if optional => quote_spanned!(span=> #read.query(#wire)?),
            Location::Query(wire) => quote_spanned!(span=> #read.required_query(#wire)?),
            Location::Header(wire) if optional => quote_spanned!(span=> #read.header(#wire)?),
            Location::Header(wire) => quote_spanned!(span=> #read.required_header(#wire)?),
            Location::BodyMember(wire) if optional => quote_spanned!(span=> #body.member(#wire)?),
            Location::BodyMember(wire) => {
                quote_spanned!(span=> #body.required_member(#wire)?)
            }
            Location::Body => quote_spanned!(span=> #read.whole_body()?),
        };
        quote!(#name: #value)
    });

    quote! {
        fn decode(
            #request: &#private::WireRequest<'_>,
        ) -> ::core::result::Result<Self, #private::InvalidInput> {
            let #read = #reader::RequestReader::new(#request);
            #read.method(#method)?;
            let mut #path = #read.path(#template);
            #(#path_steps)*
            #path.end()?;
            #read_body
            let value = #ident { #(#values),* };
            #private::Endpoint::validate(&value)?;
            ::core::result::Result::Ok(value)
        }
    }
}
