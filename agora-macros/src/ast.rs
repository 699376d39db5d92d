//! Parse: `syn::DeriveInput` -> the endpoint model. Each attribute is read
//! once, every malformed piece is recorded in the [`Ctxt`] and parsing goes
//! on, so that one compiler run reports every mistake.

use proc_macro2::{Span, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitBool, LitStr, Token};

use crate::ctxt::{Ctxt, closest};
use crate::facts::{self, RateLimit};

/// Container keys accepted in `#[endpoint(...)]` on the struct.
pub(crate) const CONTAINER_KEYS: &[&str] = &[
    "response",
    "crate",
    "idempotent",
    "validate",
    "doc",
    "rate_limit",
    "host",
    "envelope",
    "token_context",
    "retry_status",
];
/// Keys accepted in `#[endpoint(...)]` on a field.
pub(crate) const FIELD_KEYS: &[&str] = &["path", "query", "header", "body", "rename", "sender"];
/// HTTP methods an endpoint may declare.
pub(crate) const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH"];

/// An authentication scheme named in `#[auth(...)]`.
///
/// The list is open: a new Agora scheme is one more variant here and one
/// more constant of `agora_api::AuthScheme`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Scheme {
    Basic,
    RtmToken,
    RtcToken,
    EducationToken,
    Hmac,
    WhiteboardToken,
    None,
}

impl Scheme {
    pub(crate) const NAMES: &'static [&'static str] = &[
        "basic",
        "rtm_token",
        "rtc_token",
        "education_token",
        "hmac",
        "whiteboard_token",
        "none",
    ];

    fn from_name(name: &str) -> Option<Self> {
        match name {
            "basic" => Some(Scheme::Basic),
            "rtm_token" => Some(Scheme::RtmToken),
            "rtc_token" => Some(Scheme::RtcToken),
            "education_token" => Some(Scheme::EducationToken),
            "hmac" => Some(Scheme::Hmac),
            "whiteboard_token" => Some(Scheme::WhiteboardToken),
            "none" => Some(Scheme::None),
            _ => None,
        }
    }

    /// The constant of `agora_api::AuthScheme` this scheme expands to.
    pub(crate) fn constant(self) -> &'static str {
        match self {
            Scheme::Basic => "BASIC",
            Scheme::RtmToken => "RTM_TOKEN",
            Scheme::RtcToken => "RTC_TOKEN",
            Scheme::EducationToken => "EDUCATION_TOKEN",
            Scheme::Hmac => "HMAC",
            Scheme::WhiteboardToken => "WHITEBOARD_TOKEN",
            Scheme::None => "NONE",
        }
    }
}

/// Why `host` is not a fixed host the client can send to, if it is not:
/// `https://` and a host name, nothing after it.
fn host_rule(url: &str) -> Option<&'static str> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Some("`host` must be an https:// URL, e.g. host = \"https://api.netless.link\"");
    };
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ']) {
        return Some(
            "`host` is a scheme and a host name only, no path, query or user: host = \"https://api.netless.link\"",
        );
    }
    None
}

/// The whole derive input.
pub(crate) struct Input<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) vis: &'a syn::Visibility,
    pub(crate) generics: &'a syn::Generics,
    /// The struct carries `#[deprecated]`.
    pub(crate) deprecated: bool,
    pub(crate) attrs: Container,
    /// `None` when the input is not a struct with named fields.
    pub(crate) fields: Option<Vec<Field<'a>>>,
}

/// What `#[endpoint(...)]` and `#[auth(...)]` say about the struct.
#[derive(Default)]
pub(crate) struct Container {
    /// The first `#[endpoint]` attribute, for spans of "missing" errors.
    pub(crate) endpoint_attr: Option<Attribute>,
    pub(crate) method: Option<Ident>,
    pub(crate) path: Option<LitStr>,
    pub(crate) response: Option<syn::Type>,
    pub(crate) krate: Option<syn::Path>,
    pub(crate) idempotent: Option<LitBool>,
    pub(crate) validate: Option<syn::Path>,
    /// `doc = "https://..."`: Agora's reference page.
    pub(crate) doc_url: Option<LitStr>,
    /// `host = "https://..."`: one fixed host, without Agora's failover.
    pub(crate) host: Option<LitStr>,
    /// `envelope = path::TO_CONST`: how a 2xx body reports a failure.
    pub(crate) envelope: Option<syn::Path>,
    /// `token_context = path::to_fn`: the channel and uid a per-request
    /// token is bound to, read from the endpoint.
    pub(crate) token_context: Option<syn::Path>,
    /// Every `rate_limit(...)`, in declared order.
    pub(crate) rate_limits: Vec<RateLimit>,
    /// Every `retry_status = N`, in declared order: statuses after which
    /// this endpoint's calls may succeed again, beyond the client's own.
    pub(crate) retry_statuses: Vec<u16>,
    /// The first `#[auth]` attribute and its schemes, in declared order.
    pub(crate) auth: Option<(Attribute, Vec<(Ident, Scheme)>)>,
    /// An unknown key was reported: it may have been the missing piece
    /// misspelled, so "missing ..." errors would only repeat it.
    pub(crate) had_unknown: bool,
}

/// Where a field goes in the request, when the field says so explicitly.
#[derive(Clone)]
pub(crate) enum Placement {
    /// `#[endpoint(path)]`: must be named in the template.
    Path,
    /// `#[endpoint(query)]` or `#[endpoint(query = "name")]`.
    Query(Option<LitStr>),
    /// `#[endpoint(header = "x-name")]`.
    Header(LitStr),
    /// `#[endpoint(body)]`: this field is the whole JSON body.
    Body,
}

impl Placement {
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Placement::Path => "a path parameter",
            Placement::Query(_) => "a query parameter",
            Placement::Header(_) => "a header",
            Placement::Body => "the whole body",
        }
    }
}

/// One named field.
pub(crate) struct Field<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) ty: &'a syn::Type,
    /// `Some(T)` when the field is `Option<T>`: an optional setter.
    pub(crate) option_inner: Option<&'a syn::Type>,
    /// The explicit placement and the token that declared it.
    pub(crate) placement: Option<(Span, Placement)>,
    pub(crate) rename: Option<LitStr>,
    /// `#[endpoint(sender)]`: the user the request acts as, which must be
    /// the RTM token's user under token auth.
    pub(crate) sender: Option<Span>,
    /// `#[doc]` attributes, reused on the builder's setter.
    pub(crate) docs: Vec<&'a Attribute>,
}

impl Field<'_> {
    /// The name the field has on the wire: its `rename`, or its identifier.
    pub(crate) fn wire_name(&self) -> String {
        match &self.rename {
            Some(name) => name.value(),
            None => self.ident.unraw().to_string(),
        }
    }
}

impl<'a> Input<'a> {
    pub(crate) fn from_syn(cx: &Ctxt, input: &'a syn::DeriveInput) -> Self {
        let attrs = Container::from_attrs(cx, &input.attrs);
        let fields = match &input.data {
            syn::Data::Struct(data) => match &data.fields {
                syn::Fields::Named(named) => Some(
                    named
                        .named
                        .iter()
                        .filter_map(|field| Field::from_syn(cx, field))
                        .collect(),
                ),
                syn::Fields::Unit => Some(Vec::new()),
                syn::Fields::Unnamed(unnamed) => {
                    cx.error_spanned_by(
                        unnamed,
                        "#[derive(Endpoint)] needs named fields: each field is matched to a path placeholder, query parameter, header or body field by its name",
                    );
                    None
                }
            },
            syn::Data::Enum(data) => {
                cx.error_at(
                    data.enum_token.span,
                    "#[derive(Endpoint)] works on structs only: an endpoint is one request with named fields",
                );
                None
            }
            syn::Data::Union(data) => {
                cx.error_at(
                    data.union_token.span,
                    "#[derive(Endpoint)] works on structs only: an endpoint is one request with named fields",
                );
                None
            }
        };
        Input {
            ident: &input.ident,
            vis: &input.vis,
            generics: &input.generics,
            deprecated: input
                .attrs
                .iter()
                .any(|attr| attr.path().is_ident("deprecated")),
            attrs,
            fields,
        }
    }
}

impl Container {
    pub(crate) fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut container = Container::default();
        for attr in attrs {
            if attr.path().is_ident("endpoint") {
                if container.endpoint_attr.is_none() {
                    container.endpoint_attr = Some(attr.clone());
                }
                container.parse_endpoint(cx, attr);
            } else if attr.path().is_ident("auth") {
                container.parse_auth(cx, attr);
            }
        }
        container
    }

    fn parse_endpoint(&mut self, cx: &Ctxt, attr: &Attribute) {
        let parser = |input: ParseStream| -> syn::Result<()> {
            while !input.is_empty() {
                if input.peek(LitStr) {
                    let lit: LitStr = input.parse()?;
                    set_once(cx, &mut self.path, lit.clone(), &lit, "path template");
                } else {
                    let key = Ident::parse_any(input)?;
                    let name = key.to_string();
                    if input.peek(Token![=]) {
                        input.parse::<Token![=]>()?;
                        self.parse_value(cx, &key, &name, input)?;
                    } else if METHODS.contains(&name.as_str()) {
                        set_once(cx, &mut self.method, key.clone(), &key, "HTTP method");
                    } else if name == "idempotent" {
                        let flag = LitBool::new(true, key.span());
                        set_once(cx, &mut self.idempotent, flag, &key, "idempotent");
                    } else if name == "rate_limit" && input.peek(syn::token::Paren) {
                        if let Some(limit) = facts::parse_rate_limit(cx, &key, input)? {
                            self.rate_limits.push(limit);
                        }
                    } else if name == "retry_status" {
                        cx.error_spanned_by(
                            &key,
                            "`retry_status` names the HTTP status a retry may follow: retry_status = 409",
                        );
                    } else if name == "rate_limit" || name == "doc" {
                        cx.error_spanned_by(
                            &key,
                            "`rate_limit` is a list: rate_limit(10, per = second, scope = app_id); `doc` a URL: doc = \"https://...\"",
                        );
                    } else if let Some(method) = unknown_container_word(cx, &key, &name) {
                        set_once(cx, &mut self.method, method, &key, "HTTP method");
                    } else {
                        self.had_unknown = true;
                    }
                }
                if input.is_empty() {
                    break;
                }
                input.parse::<Token![,]>()?;
            }
            Ok(())
        };
        if let Err(error) = attr.parse_args_with(parser) {
            cx.syn_error(error);
        }
    }

    fn parse_value(
        &mut self,
        cx: &Ctxt,
        key: &Ident,
        name: &str,
        input: ParseStream,
    ) -> syn::Result<()> {
        match name {
            "response" => {
                let ty: syn::Type = input.parse()?;
                set_once(cx, &mut self.response, ty, key, "response");
            }
            "crate" => {
                let lit: LitStr = input.parse()?;
                match lit.parse::<syn::Path>() {
                    Ok(path) => set_once(cx, &mut self.krate, path, key, "crate"),
                    Err(_) => cx.error_spanned_by(
                        &lit,
                        format!(
                            "`crate` must be a path such as \"::agora_api\", not {:?}",
                            lit.value()
                        ),
                    ),
                }
            }
            "idempotent" => {
                let flag: LitBool = input.parse()?;
                set_once(cx, &mut self.idempotent, flag, key, "idempotent");
            }
            "validate" => {
                let path: syn::Path = input.parse()?;
                set_once(cx, &mut self.validate, path, key, "validate");
            }
            "doc" => {
                let url = facts::parse_doc_url(cx, input)?;
                set_once(cx, &mut self.doc_url, url, key, "doc");
            }
            "host" => {
                let lit: LitStr = input.parse()?;
                if let Some(rule) = host_rule(&lit.value()) {
                    cx.error_spanned_by(&lit, rule);
                }
                set_once(cx, &mut self.host, lit, key, "host");
            }
            "envelope" => {
                if input.peek(LitStr) {
                    let text: LitStr = input.parse()?;
                    cx.error_spanned_by(
                        &text,
                        "`envelope` is the path of an Envelope constant, not text: envelope = agora_api::envelope::CODE",
                    );
                    return Ok(());
                }
                let path: syn::Path = input.parse()?;
                set_once(cx, &mut self.envelope, path, key, "envelope");
            }
            "token_context" => {
                if input.peek(LitStr) {
                    let text: LitStr = input.parse()?;
                    cx.error_spanned_by(
                        &text,
                        "`token_context` is the path of a function, not text: token_context = Self::token_for",
                    );
                    return Ok(());
                }
                let path: syn::Path = input.parse()?;
                set_once(cx, &mut self.token_context, path, key, "token_context");
            }
            "retry_status" => {
                if let Some(status) =
                    facts::parse_retry_status(cx, key, input, &self.retry_statuses)?
                {
                    self.retry_statuses.push(status);
                }
            }
            "rate_limit" => {
                skip_value(input)?;
                cx.error_spanned_by(
                    key,
                    "write a rate limit as a list: rate_limit(10, per = second, scope = app_id)",
                );
            }
            "method" | "path" => {
                skip_value(input)?;
                cx.error_spanned_by(
                    key,
                    format!(
                        "write the {name} without a key: #[endpoint(POST, \"/v1/...\", response = Type)]"
                    ),
                );
            }
            _ => {
                skip_value(input)?;
                self.had_unknown = true;
                unknown_key(cx, key, name, CONTAINER_KEYS, "#[endpoint] on a struct");
            }
        }
        Ok(())
    }

    fn parse_auth(&mut self, cx: &Ctxt, attr: &Attribute) {
        if self.auth.is_some() {
            cx.error_spanned_by(
                attr,
                "duplicate #[auth] attribute: list every accepted scheme in one, e.g. #[auth(basic, rtm_token)]",
            );
            return;
        }
        let idents = match &attr.meta {
            syn::Meta::Path(_) => Punctuated::new(),
            syn::Meta::List(list) => {
                match Punctuated::<Ident, Token![,]>::parse_terminated.parse2(list.tokens.clone()) {
                    Ok(idents) => idents,
                    Err(error) => {
                        cx.syn_error(error);
                        return;
                    }
                }
            }
            syn::Meta::NameValue(nv) => {
                cx.error_spanned_by(
                    nv,
                    "write the schemes as a list: #[auth(basic)] or #[auth(basic, rtm_token)]",
                );
                return;
            }
        };
        let mut schemes: Vec<(Ident, Scheme)> = Vec::new();
        for ident in idents {
            let name = ident.to_string();
            match Scheme::from_name(&name) {
                Some(scheme) => {
                    if schemes.iter().any(|(_, seen)| *seen == scheme) {
                        cx.error_spanned_by(
                            &ident,
                            format!("duplicate auth scheme `{name}` in #[auth]"),
                        );
                    } else {
                        schemes.push((ident, scheme));
                    }
                }
                None => unknown_key(cx, &ident, &name, Scheme::NAMES, "#[auth]"),
            }
        }
        if schemes.is_empty() && !attr_has_unknown_only(attr) {
            cx.error_spanned_by(
                attr,
                "#[auth] names no scheme: say how this endpoint authenticates, e.g. #[auth(basic)] or #[auth(basic, rtm_token)]",
            );
        }
        self.auth = Some((attr.clone(), schemes));
    }
}

/// `#[auth(foo)]` with only unknown names already has an error per name;
/// "names no scheme" on top of it would be noise.
fn attr_has_unknown_only(attr: &Attribute) -> bool {
    match &attr.meta {
        syn::Meta::List(list) => !list.tokens.is_empty(),
        _ => false,
    }
}

impl<'a> Field<'a> {
    fn from_syn(cx: &Ctxt, field: &'a syn::Field) -> Option<Self> {
        let ident = field.ident.as_ref()?;
        let mut placement: Option<(Span, Placement)> = None;
        let mut rename: Option<LitStr> = None;
        let mut sender: Option<Span> = None;
        for attr in &field.attrs {
            if attr.path().is_ident("auth") {
                cx.error_spanned_by(attr, "#[auth] belongs on the struct, not on a field");
                continue;
            }
            if !attr.path().is_ident("endpoint") {
                continue;
            }
            let parser = |input: ParseStream| -> syn::Result<()> {
                while !input.is_empty() {
                    let key = Ident::parse_any(input)?;
                    let name = key.to_string();
                    let value: Option<LitStr> = if input.peek(Token![=]) {
                        input.parse::<Token![=]>()?;
                        if input.peek(LitStr) {
                            Some(input.parse()?)
                        } else {
                            skip_value(input)?;
                            cx.error_spanned_by(
                                &key,
                                format!("the value of `{name}` must be a string literal"),
                            );
                            None
                        }
                    } else {
                        None
                    };
                    let new = match (name.as_str(), value) {
                        ("path", None) => Some(Placement::Path),
                        ("query", value) => Some(Placement::Query(value)),
                        ("body", None) => Some(Placement::Body),
                        ("header", Some(value)) => Some(Placement::Header(value)),
                        ("header", None) => {
                            cx.error_spanned_by(
                                &key,
                                "`header` needs the header's name: #[endpoint(header = \"x-agora-uid\")]",
                            );
                            None
                        }
                        ("rename", Some(value)) => {
                            set_once(cx, &mut rename, value, &key, "rename");
                            None
                        }
                        ("rename", None) => {
                            cx.error_spanned_by(
                                &key,
                                "`rename` needs the name on the wire: #[endpoint(rename = \"clientRequest\")]",
                            );
                            None
                        }
                        ("sender", None) => {
                            if sender.is_some() {
                                cx.error_spanned_by(&key, "duplicate `sender` on this field");
                            }
                            sender = Some(key.span());
                            None
                        }
                        ("path" | "body" | "sender", Some(_)) => {
                            cx.error_spanned_by(&key, format!("`{name}` takes no value"));
                            None
                        }
                        _ => {
                            unknown_key(cx, &key, &name, FIELD_KEYS, "#[endpoint] on a field");
                            None
                        }
                    };
                    if let Some(new) = new {
                        match &placement {
                            Some((_, old)) => cx.error_spanned_by(
                                &key,
                                format!(
                                    "field `{}` is already placed as {}; it cannot also be {}",
                                    ident.unraw(),
                                    old.describe(),
                                    new.describe()
                                ),
                            ),
                            None => placement = Some((key.span(), new)),
                        }
                    }
                    if input.is_empty() {
                        break;
                    }
                    input.parse::<Token![,]>()?;
                }
                Ok(())
            };
            if let Err(error) = attr.parse_args_with(parser) {
                cx.syn_error(error);
            }
        }
        let docs = field
            .attrs
            .iter()
            .filter(|attr| attr.path().is_ident("doc"))
            .collect();
        Some(Field {
            ident,
            ty: &field.ty,
            option_inner: option_inner(&field.ty),
            placement,
            rename,
            sender,
            docs,
        })
    }
}

/// `T` when `ty` is `Option<T>` (also spelled with a `core`/`std` path).
fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(inner)) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

fn set_once<T>(cx: &Ctxt, slot: &mut Option<T>, value: T, token: &dyn quote::ToTokens, what: &str) {
    if slot.is_some() {
        cx.error_spanned_by(token, format!("duplicate {what} in #[endpoint]"));
    } else {
        *slot = Some(value);
    }
}

/// Reports a bare word that is neither a method nor a flag. A method in
/// lower case is reported and returned in capitals, so that no "missing
/// method" error follows.
fn unknown_container_word(cx: &Ctxt, key: &Ident, name: &str) -> Option<Ident> {
    let upper = name.to_ascii_uppercase();
    if METHODS.contains(&upper.as_str()) {
        cx.error_spanned_by(
            key,
            format!("HTTP methods are written in capitals: `{upper}`"),
        );
        Some(Ident::new(&upper, key.span()))
    } else {
        unknown_key(cx, key, name, CONTAINER_KEYS, "#[endpoint] on a struct");
        None
    }
}

fn unknown_key(cx: &Ctxt, key: &Ident, name: &str, known: &[&str], place: &str) {
    let list = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let message = match closest(name, known) {
        Some(suggestion) => {
            format!(
                "unknown `{name}` in {place}; did you mean `{suggestion}`? (expected one of {list})"
            )
        }
        None => format!("unknown `{name}` in {place} (expected one of {list})"),
    };
    cx.error_spanned_by(key, message);
}

/// Skips one attribute value: every token up to the next top-level comma.
fn skip_value(input: ParseStream) -> syn::Result<()> {
    while !input.is_empty() && !input.peek(Token![,]) {
        input.parse::<TokenTree>()?;
    }
    Ok(())
}
