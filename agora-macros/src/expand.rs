//! Expand: the resolved endpoint -> the `Endpoint` impl and the request
//! builder. Every path in the output is absolute and goes through the
//! runtime's hidden `__private` module, so user code cannot shadow it.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use syn::ext::IdentExt;

use crate::ast::{Field, Input};
use crate::ctxt::Ctxt;
use crate::validate::{self, Endpoint, Location, Segment};

mod decode;
mod fields;

/// The whole derive: parse, validate, expand. Errors come back as one
/// combined `syn::Error` together with stub items (see [`fallback`]).
pub fn derive(input: &syn::DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let parsed = Input::from_syn(&cx, input);
    let endpoint = validate::check(&cx, &parsed);
    match (cx.check(), endpoint) {
        (Ok(()), Some(endpoint)) => expand(&endpoint),
        (Err(error), _) => fallback(&parsed, error),
        (Ok(()), None) => fallback(
            &parsed,
            syn::Error::new_spanned(
                &input.ident,
                "#[derive(Endpoint)] could not read this struct",
            ),
        ),
    }
}

/// The runtime crate's path: `crate = "..."` or `::agora_api`.
fn krate(input: &Input) -> TokenStream {
    match &input.attrs.krate {
        Some(path) => quote!(#path),
        None => quote!(::agora_api),
    }
}

fn expand(endpoint: &Endpoint) -> TokenStream {
    let input = endpoint.input;
    let ident = input.ident;
    let krate = krate(input);
    let private = quote!(#krate::__private);
    let name = ident.unraw().to_string();
    let method = &endpoint.method;
    let template = &endpoint.template;
    let response = &endpoint.response;
    let idempotent = endpoint.idempotent;
    let deprecated = input.deprecated;
    let auth: Vec<TokenStream> = endpoint
        .auth
        .iter()
        .map(|scheme| {
            let constant = Ident::new(scheme.constant(), Span::call_site());
            quote!(#private::AuthScheme::#constant)
        })
        .collect();
    let auth_info = &auth;
    let doc_url = match &input.attrs.doc_url {
        Some(url) => quote!(::core::option::Option::Some(#url)),
        None => quote!(::core::option::Option::None),
    };
    let rate_limits = input
        .attrs
        .rate_limits
        .iter()
        .map(|limit| limit.to_tokens(&private));

    let hosts = input
        .attrs
        .host
        .as_ref()
        .map(|url| quote!(const HOSTS: #private::HostSet = #private::HostSet::fixed(#url);));
    let retry_statuses = &input.attrs.retry_statuses;
    let retry_const = (!retry_statuses.is_empty())
        .then(|| quote!(const RETRY_STATUSES: &'static [u16] = &[#(#retry_statuses),*];));
    let envelope = input
        .attrs
        .envelope
        .as_ref()
        .map(|path| quote!(const ENVELOPE: #private::Envelope = #path;));
    // Every field whose type implements `Validate` is checked under its
    // wire name (autoref specialization picks a no-op for the others), then
    // the endpoint's own cross-field `validate = ...`.
    let member_checks: Vec<TokenStream> = endpoint
        .fields
        .iter()
        .map(|resolved| {
            let field = resolved.field.ident;
            let wire = resolved.field.wire_name();
            quote! {
                (&#private::Field(&self.#field))
                    .validate_field(&#private::FieldPath::root(#wire))?;
            }
        })
        .collect();
    let own_check = match &endpoint.validate {
        Some(path) => quote!(#path(self)),
        None => quote!(::core::result::Result::Ok(())),
    };
    let validate = (!member_checks.is_empty() || endpoint.validate.is_some()).then(|| {
        quote! {
            fn validate(&self) -> ::core::result::Result<(), #private::InvalidInput> {
                #[allow(unused_imports)]
                use #private::{ByValidate as _, NothingToValidate as _};
                #(#member_checks)*
                #own_check
            }
        }
    });

    let path_steps = endpoint.segments.iter().map(|segment| match segment {
        Segment::Literal(text) => quote!(path.literal(#text);),
        Segment::Param(index) => {
            let resolved = &endpoint.fields[*index];
            let field = resolved.field.ident;
            let wire = resolved.field.wire_name();
            if wire == "region" {
                // A `{region}` placeholder is a product's region segment:
                // its type must be a path region, never a host region.
                quote!(path.segment(#wire, #private::PathRegion::code(&self.#field))?;)
            } else {
                quote!(path.segment(#wire, &self.#field)?;)
            }
        }
    });

    let query_steps: Vec<TokenStream> = endpoint
        .fields
        .iter()
        .filter_map(|resolved| match &resolved.location {
            Location::Query(wire) => Some(optional_step(
                resolved.field,
                |value| quote!((&#private::QueryField(#value)).write_query(#wire, query);),
            )),
            _ => None,
        })
        .collect();
    let write_query = (!query_steps.is_empty()).then(|| {
        quote! {
            fn write_query(&self, query: &mut #private::QueryWriter<'_>) {
                #[allow(unused_imports)]
                use #private::{AsList as _, AsPair as _};
                #(#query_steps)*
            }
        }
    });

    let header_steps: Vec<TokenStream> = endpoint
        .fields
        .iter()
        .filter_map(|resolved| match &resolved.location {
            Location::Header(wire) => {
                let field_name = resolved.field.ident.unraw().to_string();
                Some(optional_step(
                    resolved.field,
                    |value| quote!(headers.insert(#wire, #field_name, #value)?;),
                ))
            }
            _ => None,
        })
        .collect();
    let write_headers = (!header_steps.is_empty()).then(|| {
        quote! {
            fn write_headers(
                &self,
                headers: &mut #private::HeaderWriter<'_>,
            ) -> ::core::result::Result<(), #private::InvalidInput> {
                #(#header_steps)*
                ::core::result::Result::Ok(())
            }
        }
    });

    let write_body = body(endpoint, &private);
    let sender = endpoint.sender.map(|index| {
        let field = endpoint.fields[index].field;
        let ident = field.ident;
        let wire = field.wire_name();
        quote! {
            fn sender(&self) -> ::core::option::Option<(&'static str, &str)> {
                ::core::option::Option::Some((#wire, ::core::convert::AsRef::<str>::as_ref(&self.#ident)))
            }
        }
    });
    let token_context = endpoint.token_context.as_ref().map(|path| {
        quote! {
            fn token_context(&self) -> #private::TokenContext<'_> {
                #path(self)
            }
        }
    });
    let decode = decode::decode(endpoint, &private);
    let field_infos = fields::field_infos(endpoint, &private);
    let pages = fields::pages(ident, &private);
    let builder = builder(input, &krate);

    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_attributes, unused_qualifications, deprecated, clippy::absolute_paths)]
        const _: () = {
            #[automatically_derived]
            impl #private::Endpoint for #ident {
                type Response = #response;
                const NAME: &'static str = #name;
                const METHOD: #private::Method = #private::Method::#method;
                const PATH: &'static str = #template;
                const AUTH: &'static [#private::AuthScheme] = &[#(#auth),*];
                const IDEMPOTENT: bool = #idempotent;
                #hosts
                #envelope
                #retry_const
                #validate
                fn write_path(
                    &self,
                    path: &mut #private::PathWriter<'_>,
                ) -> ::core::result::Result<(), #private::InvalidInput> {
                    #(#path_steps)*
                    ::core::result::Result::Ok(())
                }
                #write_query
                #write_headers
                #write_body
                #sender
                #token_context
                #decode
            }

            #private::inventory::submit! {
                #private::EndpointInfo::new(
                    #name,
                    ::core::module_path!(),
                    ::core::stringify!(#method),
                    #template,
                    &[#(#auth_info),*],
                    #idempotent,
                    #deprecated,
                    #doc_url,
                    &[#(#rate_limits),*],
                    &[#(#retry_statuses),*],
                    #private::check_response::<#ident>,
                    #private::check_request::<#ident>,
                    #private::reencode::<#ident>,
                    #private::send::<#ident>,
                    #field_infos,
                    #pages,
                )
            }
        };
        #builder
    }
}

/// `step(value)` for a required field; wrapped in `if let Some` for an
/// optional one, so that `None` sends nothing.
fn optional_step(field: &Field, step: impl Fn(TokenStream) -> TokenStream) -> TokenStream {
    let ident = field.ident;
    if field.option_inner.is_some() {
        let body = step(quote!(value));
        quote! {
            if let ::core::option::Option::Some(value) = &self.#ident {
                #body
            }
        }
    } else {
        step(quote!(&self.#ident))
    }
}

/// The JSON body: the one `#[endpoint(body)]` field as it is, or an object
/// of the body members written straight into the buffer (no shadow struct,
/// no second `Serialize` derive).
fn body(endpoint: &Endpoint, private: &TokenStream) -> Option<TokenStream> {
    let whole = endpoint
        .fields
        .iter()
        .find(|resolved| resolved.location == Location::Body);
    let members: Vec<_> = endpoint
        .fields
        .iter()
        .filter_map(|resolved| match &resolved.location {
            Location::BodyMember(wire) => Some((resolved.field, wire)),
            _ => None,
        })
        .collect();
    let method = endpoint.method.to_string();
    let statements = if let Some(resolved) = whole {
        let ident = resolved.field.ident;
        quote! {
            #private::serde_json::to_writer(body, &self.#ident)?;
        }
    } else if !members.is_empty() || method != "GET" && method != "DELETE" {
        let entries = members.iter().map(|(field, wire)| {
            optional_step(
                field,
                |value| quote!(#private::SerializeMap::serialize_entry(&mut map, #wire, #value)?;),
            )
        });
        quote! {
            let mut serializer = #private::serde_json::Serializer::new(body);
            let mut map = #private::Serializer::serialize_map(&mut serializer, ::core::option::Option::None)?;
            #(#entries)*
            #private::SerializeMap::end(map)?;
        }
    } else {
        return None;
    };
    Some(quote! {
        fn write_body(
            &self,
            body: &mut #private::Vec<u8>,
        ) -> ::core::result::Result<bool, #private::serde_json::Error> {
            #statements
            ::core::result::Result::Ok(true)
        }
    })
}

/// The request builder: one type parameter per required field records at
/// compile time whether it was set, so `build()` exists only once all are.
fn builder(input: &Input, krate: &TokenStream) -> TokenStream {
    let Some(fields) = &input.fields else {
        return TokenStream::new();
    };
    if !input.generics.params.is_empty() {
        return TokenStream::new();
    }
    let private = quote!(#krate::__private);
    let ident = input.ident;
    let vis = input.vis;
    let builder = format_ident!("{}Builder", ident.unraw());
    let required: Vec<(usize, &Field)> = fields
        .iter()
        .filter(|field| field.option_inner.is_none())
        .enumerate()
        .collect();
    let state = |index: usize| format_ident!("__AgoraState{}", index);
    let params: Vec<Ident> = required.iter().map(|(index, _)| state(*index)).collect();
    let required_index = |field: &Field| {
        required
            .iter()
            .find(|(_, candidate)| std::ptr::eq(*candidate, field))
            .map(|(index, _)| *index)
    };

    let storage = fields.iter().map(|field| {
        let name = field.ident;
        match required_index(field) {
            Some(index) => {
                let param = state(index);
                quote!(#name: #param)
            }
            None => {
                let ty = field.ty;
                quote!(#name: #ty)
            }
        }
    });
    let unset_defaults = params.iter().map(|param| quote!(#param = #private::Unset));
    let initial = fields.iter().map(|field| {
        let name = field.ident;
        if field.option_inner.is_some() {
            quote!(#name: ::core::option::Option::None)
        } else {
            quote!(#name: #private::Unset)
        }
    });

    let setters = fields.iter().map(|field| {
        let name = field.ident;
        let docs = &field.docs;
        match (required_index(field), field.option_inner) {
            (Some(index), _) => {
                let ty = field.ty;
                let (param, value) = setter_input(ty);
                let next_params = required.iter().map(|(other, _)| {
                    if *other == index {
                        quote!(#private::Set<#ty>)
                    } else {
                        let param = state(*other);
                        quote!(#param)
                    }
                });
                let moves = fields.iter().map(|other| {
                    let other_name = other.ident;
                    if std::ptr::eq(other, field) {
                        quote!(#other_name: #private::Set(#value))
                    } else {
                        quote!(#other_name: self.#other_name)
                    }
                });
                quote! {
                    #(#docs)*
                    #vis fn #name(self, value: #param) -> #builder<#(#next_params),*> {
                        #builder { #(#moves),* }
                    }
                }
            }
            (None, Some(inner)) => {
                let (param, value) = setter_input(inner);
                quote! {
                    #(#docs)*
                    #vis fn #name(mut self, value: #param) -> Self {
                        self.#name = ::core::option::Option::Some(#value);
                        self
                    }
                }
            }
            (None, None) => TokenStream::new(),
        }
    });

    let bounds = required.iter().map(|(index, field)| {
        let param = state(*index);
        let ty = field.ty;
        // Spanned at the field, so "required by this bound" points at the
        // field that is missing.
        let span = syn::spanned::Spanned::span(field.ident);
        quote::quote_spanned!(span=> #param: #private::Required<#ty>)
    });
    let take = fields.iter().map(|field| {
        let name = field.ident;
        if field.option_inner.is_some() {
            quote!(#name: self.#name)
        } else {
            quote!(#name: #private::Required::take(self.#name))
        }
    });

    let type_doc = format!(
        "The builder of a [`{ident}`] request; start with [`{ident}::builder`].\n\nEvery required field has a setter that must be called before `build()` exists; optional fields may be left out."
    );
    let start_doc = format!(
        "Starts building a [`{ident}`] request.\n\nThe required fields are checked at compile time: `build()` is only available once each of them is set."
    );
    let build_doc = format!("Finishes the [`{ident}`] request.");

    quote! {
        #[doc = #type_doc]
        #[must_use = "a builder does nothing until `build()` is called"]
        #vis struct #builder<#(#unset_defaults),*> {
            #(#storage,)*
        }

        #[automatically_derived]
        #[allow(deprecated, clippy::absolute_paths)]
        impl #ident {
            #[doc = #start_doc]
            #vis fn builder() -> #builder {
                #builder { #(#initial),* }
            }
        }

        #[automatically_derived]
        #[allow(deprecated, clippy::absolute_paths, clippy::type_complexity)]
        impl<#(#params),*> #builder<#(#params),*> {
            #(#setters)*

            #[doc = #build_doc]
            #vis fn build(self) -> #ident
            where
                #(#bounds,)*
            {
                #ident { #(#take),* }
            }
        }
    }
}

/// A setter's parameter type and the expression that stores it. Setters
/// take `impl Into<T>` (so `&str` fills a `String`), except for primitive
/// numbers and `bool`, which take `T` itself so that a literal such as `2`
/// gets its type from the field instead of defaulting to `i32`.
fn setter_input(ty: &syn::Type) -> (TokenStream, TokenStream) {
    const PRIMITIVES: &[&str] = &[
        "bool", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128",
        "isize", "f32", "f64",
    ];
    let primitive = matches!(ty, syn::Type::Path(path)
        if path.qself.is_none()
            && path.path.get_ident().is_some_and(|ident| PRIMITIVES.iter().any(|p| ident == p)));
    if primitive {
        (quote!(#ty), quote!(value))
    } else {
        (
            quote!(impl ::core::convert::Into<#ty>),
            quote!(::core::convert::Into::into(value)),
        )
    }
}

/// The error, plus items that keep one mistake from cascading into more:
/// an `Endpoint` impl that type-checks and, when the fields could be read,
/// the builder, so that call sites do not report errors of their own.
fn fallback(input: &Input, error: syn::Error) -> TokenStream {
    let errors = error.to_compile_error();
    if input.fields.is_none() || !input.generics.params.is_empty() {
        return errors;
    }
    let ident = input.ident;
    let krate = krate(input);
    let private = quote!(#krate::__private);
    let response = match &input.attrs.response {
        Some(ty) => quote!(#ty),
        None => quote!(()),
    };
    let builder = builder(input, &krate);
    quote! {
        #errors
        #[allow(unused_qualifications, deprecated, clippy::absolute_paths)]
        const _: () = {
            #[automatically_derived]
            impl #private::Endpoint for #ident {
                type Response = #response;
                const NAME: &'static str = "";
                const METHOD: #private::Method = #private::Method::GET;
                const PATH: &'static str = "";
                const AUTH: &'static [#private::AuthScheme] = &[];
                const IDEMPOTENT: bool = false;
                fn write_path(
                    &self,
                    _: &mut #private::PathWriter<'_>,
                ) -> ::core::result::Result<(), #private::InvalidInput> {
                    ::core::unreachable!("this endpoint failed to derive")
                }
                fn decode(
                    _: &#private::WireRequest<'_>,
                ) -> ::core::result::Result<Self, #private::InvalidInput> {
                    ::core::unreachable!("this endpoint failed to derive")
                }
            }
        };
        #builder
    }
}
