//! Validate: cross-field rules over the parsed model, producing the resolved
//! endpoint that expansion works from. Every rule records its error against
//! the token that broke it and checking goes on.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{Ident, LitStr};

use crate::ast::{Field, Input, Placement, Scheme};
use crate::ctxt::Ctxt;

/// An endpoint that passed every check.
pub(crate) struct Endpoint<'a> {
    pub(crate) input: &'a Input<'a>,
    pub(crate) method: Ident,
    pub(crate) template: LitStr,
    pub(crate) segments: Vec<Segment>,
    pub(crate) response: syn::Type,
    pub(crate) idempotent: bool,
    pub(crate) validate: Option<syn::Path>,
    pub(crate) auth: Vec<Scheme>,
    pub(crate) fields: Vec<Resolved<'a>>,
    /// Index into `fields` of the `#[endpoint(sender)]` field.
    pub(crate) sender: Option<usize>,
    /// `token_context = path`: the function giving a token's channel and uid.
    pub(crate) token_context: Option<syn::Path>,
}

/// One piece of the path template.
pub(crate) enum Segment {
    Literal(String),
    /// Index into [`Endpoint::fields`].
    Param(usize),
}

/// A field and where it goes.
pub(crate) struct Resolved<'a> {
    pub(crate) field: &'a Field<'a>,
    pub(crate) location: Location,
}

#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Location {
    Path,
    Query(String),
    Header(String),
    /// A member of the JSON body object, under this name.
    BodyMember(String),
    /// The whole JSON body.
    Body,
}

/// Runs every check. `None` when any failed; the errors are in `cx`.
pub(crate) fn check<'a>(cx: &Ctxt, input: &'a Input<'a>) -> Option<Endpoint<'a>> {
    let attrs = &input.attrs;
    let fields = input.fields.as_ref();

    if !input.generics.params.is_empty() {
        cx.error_spanned_by(
            input.generics,
            "#[derive(Endpoint)] does not support generic structs: an endpoint's fields have concrete types",
        );
    }

    let anchor_missing = |what: &str, example: &str| match &attrs.endpoint_attr {
        Some(attr) => cx.error_spanned_by(
            attr,
            format!("#[endpoint] is missing the {what}: {example}"),
        ),
        None => cx.error_spanned_by(
            input.ident,
            format!(
                "missing #[endpoint(METHOD, \"/path/{{param}}\", response = Type)] on `{}`",
                input.ident
            ),
        ),
    };
    if attrs.had_unknown {
        // The unknown key's error already points at what to fix.
    } else if attrs.endpoint_attr.is_some() {
        if attrs.method.is_none() {
            anchor_missing(
                "HTTP method",
                "#[endpoint(GET, \"/dev/v1/projects\", response = Type)]",
            );
        }
        if attrs.path.is_none() {
            anchor_missing(
                "path template",
                "#[endpoint(GET, \"/dev/v1/projects\", response = Type)]",
            );
        }
        if attrs.response.is_none() {
            anchor_missing(
                "response type",
                "add `response = Type` (the type the 2xx body decodes into)",
            );
        }
    } else {
        anchor_missing("", "");
    }
    if attrs.auth.is_none() {
        cx.error_spanned_by(
            input.ident,
            format!(
                "missing #[auth(...)] on `{}`: say how it authenticates, e.g. #[auth(basic)] or #[auth(basic, rtm_token)]",
                input.ident
            ),
        );
    }

    let method = attrs.method.as_ref().map(|m| m.to_string());
    let takes_body = !matches!(method.as_deref(), Some("GET"));

    let placeholders = attrs
        .path
        .as_ref()
        .map(|template| parse_template(cx, template))
        .unwrap_or_default();

    let mut resolved = Vec::new();
    if let Some(fields) = fields {
        // Every placeholder names exactly one field.
        for (name, _) in placeholders.iter().filter_map(Part::param) {
            if let Some(template) = &attrs.path
                && !fields.iter().any(|field| field.wire_name() == name)
            {
                cx.error_spanned_by(
                    template,
                    format!("placeholder `{{{name}}}` in the path has no field named `{name}`"),
                );
            }
        }
        let in_template = |field: &Field| {
            placeholders
                .iter()
                .filter_map(Part::param)
                .any(|(name, _)| name == field.wire_name())
        };
        let mut whole_body: Option<&Field> = None;
        for field in fields {
            let named = in_template(field);
            let location = match (&field.placement, named) {
                (Some((span, placement)), true) if !matches!(placement, Placement::Path) => {
                    cx.error_at(
                        *span,
                        format!(
                            "field `{}` is named in the path template, so it is a path parameter; it cannot also be {}",
                            field.ident.unraw(),
                            placement.describe()
                        ),
                    );
                    continue;
                }
                (_, true) => Location::Path,
                (Some((span, Placement::Path)), false) => {
                    cx.error_at(
                        *span,
                        format!(
                            "path field `{}` is not in the path template: add `{{{}}}` to it",
                            field.ident.unraw(),
                            field.wire_name()
                        ),
                    );
                    continue;
                }
                (Some((_, Placement::Query(name))), false) => Location::Query(
                    name.as_ref()
                        .map(LitStr::value)
                        .unwrap_or_else(|| field.wire_name()),
                ),
                (Some((_, Placement::Header(name))), false) => {
                    check_header_name(cx, name);
                    Location::Header(name.value())
                }
                (Some((span, Placement::Body)), false) => {
                    if let Some(first) = whole_body {
                        cx.error_at(
                            *span,
                            format!(
                                "only one field can be the whole body; `{}` already is",
                                first.ident.unraw()
                            ),
                        );
                    }
                    whole_body = Some(field);
                    if !takes_body {
                        cx.error_at(*span, "a GET request carries no body");
                    }
                    Location::Body
                }
                (None, false) => {
                    if !takes_body {
                        cx.error_spanned_by(
                            field.ident,
                            format!(
                                "field `{name}` is not in the path template, and a GET request carries no body: add `{{{wire}}}` to the template or mark it #[endpoint(query)]",
                                name = field.ident.unraw(),
                                wire = field.wire_name()
                            ),
                        );
                        continue;
                    }
                    Location::BodyMember(field.wire_name())
                }
            };
            if location == Location::Path && field.option_inner.is_some() {
                cx.error_spanned_by(
                    field.ty,
                    format!(
                        "path parameter `{}` cannot be optional: every placeholder must be filled",
                        field.ident.unraw()
                    ),
                );
            }
            resolved.push(Resolved { field, location });
        }
        let senders: Vec<&Field> = fields
            .iter()
            .filter(|field| field.sender.is_some())
            .collect();
        for extra in senders.iter().skip(1) {
            if let Some(span) = extra.sender {
                cx.error_at(
                    span,
                    format!(
                        "only one field can be the sender; `{}` already is",
                        senders[0].ident.unraw()
                    ),
                );
            }
        }
        for field in &senders {
            if let (Some(span), Some(_)) = (field.sender, field.option_inner) {
                cx.error_at(span, "the sender cannot be optional: under token auth it is checked against the token's user");
            }
        }
        if let Some(body) = whole_body {
            for other in resolved
                .iter()
                .filter(|r| matches!(r.location, Location::BodyMember(_)))
            {
                cx.error_spanned_by(
                    other.field.ident,
                    format!(
                        "field `{}` would be a body member, but `{}` is already the whole body: mark it #[endpoint(query)] or #[endpoint(header = \"...\")]",
                        other.field.ident.unraw(),
                        body.ident.unraw()
                    ),
                );
            }
        }
    }

    if let (Some(path), Some((_, schemes))) = (&attrs.token_context, &attrs.auth)
        && !schemes
            .iter()
            .any(|(_, scheme)| matches!(scheme, Scheme::RtcToken | Scheme::EducationToken))
    {
        cx.error_spanned_by(
            path,
            "`token_context` is read only by per-request token schemes: add rtc_token or education_token to #[auth(...)], or remove it",
        );
    }
    let (method, template, response, auth) = match (
        attrs.method.clone(),
        attrs.path.clone(),
        attrs.response.clone(),
        attrs.auth.as_ref(),
    ) {
        (Some(m), Some(p), Some(r), Some((_, schemes))) if fields.is_some() => (m, p, r, schemes),
        _ => return None,
    };
    if auth.is_empty() {
        return None;
    }
    let segments = placeholders
        .into_iter()
        .map(|part| match part {
            Part::Literal(text) => Segment::Literal(text),
            Part::Param(name, _) => Segment::Param(
                resolved
                    .iter()
                    .position(|r| r.field.wire_name() == name)
                    .unwrap_or(usize::MAX),
            ),
        })
        .collect::<Vec<_>>();
    if segments
        .iter()
        .any(|segment| matches!(segment, Segment::Param(usize::MAX)))
    {
        return None;
    }
    let idempotent = match &attrs.idempotent {
        Some(flag) => flag.value,
        None => matches!(method.to_string().as_str(), "GET" | "PUT" | "DELETE"),
    };
    let sender = resolved.iter().position(|r| r.field.sender.is_some());
    Some(Endpoint {
        input,
        sender,
        method,
        template,
        segments,
        response,
        idempotent,
        validate: attrs.validate.clone(),
        token_context: attrs.token_context.clone(),
        auth: auth.iter().map(|(_, scheme)| *scheme).collect(),
        fields: resolved,
    })
}

/// A piece of a template as written.
enum Part {
    Literal(String),
    Param(String, Span),
}

impl Part {
    fn param(&self) -> Option<(&str, Span)> {
        match self {
            Part::Param(name, span) => Some((name, *span)),
            Part::Literal(_) => None,
        }
    }
}

/// Splits `/v1/apps/{appid}/x` into literal text and placeholders, recording
/// every malformed piece against the literal. Stable proc macros cannot point
/// inside a string, so each message names the offending piece.
fn parse_template(cx: &Ctxt, template: &LitStr) -> Vec<Part> {
    let text = template.value();
    let mut parts = Vec::new();
    if !text.starts_with('/') {
        cx.error_spanned_by(
            template,
            format!("the path template must start with `/`; did you mean \"/{text}\"?"),
        );
    }
    if text.contains('?') || text.contains('#') {
        cx.error_spanned_by(
            template,
            "the path template holds the path only: declare query parameters as fields with #[endpoint(query)]",
        );
    }
    let mut literal = String::new();
    let mut chars = text.chars();
    let mut seen: Vec<String> = Vec::new();
    while let Some(c) = chars.next() {
        match c {
            '{' => {
                let mut name = String::new();
                let mut closed = false;
                for c in chars.by_ref() {
                    if c == '}' {
                        closed = true;
                        break;
                    }
                    name.push(c);
                }
                if !closed {
                    cx.error_spanned_by(
                        template,
                        format!("unclosed `{{{name}` in the path template"),
                    );
                    continue;
                }
                if !is_identifier(&name) {
                    cx.error_spanned_by(
                        template,
                        format!("`{{{name}}}` is not a valid placeholder: write `{{field_name}}`"),
                    );
                    continue;
                }
                if seen.contains(&name) {
                    cx.error_spanned_by(
                        template,
                        format!("placeholder `{{{name}}}` appears twice in the path template"),
                    );
                    continue;
                }
                seen.push(name.clone());
                if !literal.is_empty() {
                    parts.push(Part::Literal(std::mem::take(&mut literal)));
                }
                parts.push(Part::Param(name, template.span()));
            }
            '}' => cx.error_spanned_by(template, "unmatched `}` in the path template"),
            _ => literal.push(c),
        }
    }
    if !literal.is_empty() {
        parts.push(Part::Literal(literal));
    }
    parts
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// HTTP header names are tokens; lower case keeps them canonical for the
/// `http` crate's static header names.
fn check_header_name(cx: &Ctxt, name: &LitStr) {
    let value = name.value();
    let valid = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !valid {
        cx.error_spanned_by(
            name,
            format!("header name {value:?} must be non-empty lower-case ASCII letters, digits, `-` or `_`"),
        );
    }
    if matches!(
        value.as_str(),
        "authorization" | "x-agora-token" | "x-agora-uid" | "content-type"
    ) {
        cx.error_spanned_by(
            name,
            format!(
                "header {value:?} is set by the client from its credentials; it cannot be a field"
            ),
        );
    }
}
