//! The endpoints the command line offers, read from the registry and named
//! for the shell: `agora <product> <endpoint>`, each the kebab-case of the
//! product's module and of the struct, and one flag per field.

use std::collections::BTreeMap;

use agora_api::registry::{self, EndpointInfo, FieldInfo};

/// Names a field flag may not take, because the endpoint's subcommand or
/// the whole command line already uses them; such a field's flag is
/// prefixed with its location (`--path-region`).
pub(crate) const RESERVED_FLAGS: &[&str] = &[
    "help",
    "json",
    "dry-run",
    "all",
    "profile",
    "config",
    "base-url",
    "domain",
    "region",
    "timeout",
    "attempt-timeout",
    "connect-timeout",
    "retries",
];

/// Subcommands of `agora` that are not products.
pub(crate) const BUILTIN_COMMANDS: &[&str] = &["endpoints", "token", "mock", "completions", "help"];

/// Every registered endpoint, grouped by product, with its command names.
#[derive(Debug)]
pub struct Catalog {
    products: BTreeMap<String, Product>,
}

/// One product: its module and its endpoints by command name.
#[derive(Debug)]
pub(crate) struct Product {
    /// The product's module (`agora_api::cloud_recording`).
    pub(crate) module: &'static str,
    /// Its endpoints by command name, sorted.
    pub(crate) endpoints: BTreeMap<String, Command>,
}

/// One endpoint's subcommand.
#[derive(Debug)]
pub(crate) struct Command {
    /// The registry's facts.
    pub(crate) info: &'static EndpointInfo,
    /// One flag per field, in declared order.
    pub(crate) flags: Vec<FieldFlag>,
}

/// The flag of one field.
#[derive(Debug)]
pub(crate) struct FieldFlag {
    /// The field's facts.
    pub(crate) field: &'static FieldInfo,
    /// The flag without its dashes (`resource-id`).
    pub(crate) long: String,
}

impl FieldFlag {
    /// The clap argument ID: apart from the global options' IDs.
    pub(crate) fn id(&self) -> String {
        format!("field:{}", self.field.field)
    }
}

impl Catalog {
    /// Every endpoint linked into this program.
    pub fn from_registry() -> Self {
        let mut products: BTreeMap<String, Product> = BTreeMap::new();
        let mut infos: Vec<&'static EndpointInfo> = registry::endpoints().collect();
        // Registration order is the linker's: sort so that names given to
        // colliding endpoints do not depend on it.
        infos.sort_by_key(|info| (info.module, info.name));
        for info in infos {
            let module = info.product();
            let mut product_name = kebab_case(last_segment(module));
            if BUILTIN_COMMANDS.contains(&product_name.as_str()) {
                product_name.push_str("-api");
            }
            let product = products.entry(product_name).or_insert_with(|| Product {
                module,
                endpoints: BTreeMap::new(),
            });
            let mut name = kebab_case(info.name);
            if product.endpoints.contains_key(&name) {
                // Two structs of one name in two files of a product: the
                // file's module tells them apart.
                name = format!("{}-{name}", kebab_case(last_segment(info.module)));
            }
            if product.endpoints.contains_key(&name) {
                continue;
            }
            product.endpoints.insert(name, Command::new(info));
        }
        Catalog { products }
    }

    /// The products by command name, sorted.
    pub(crate) fn products(&self) -> impl Iterator<Item = (&str, &Product)> {
        self.products
            .iter()
            .map(|(name, product)| (name.as_str(), product))
    }

    /// The endpoint `agora <product> <endpoint>` names.
    pub(crate) fn find(&self, product: &str, endpoint: &str) -> Option<&Command> {
        self.products.get(product)?.endpoints.get(endpoint)
    }

    /// Every endpoint with its product's and its own command names.
    pub(crate) fn commands(&self) -> impl Iterator<Item = (&str, &str, &Command)> {
        self.products().flat_map(|(product, entry)| {
            entry
                .endpoints
                .iter()
                .map(move |(name, command)| (product, name.as_str(), command))
        })
    }
}

impl Command {
    fn new(info: &'static EndpointInfo) -> Self {
        let mut flags: Vec<FieldFlag> = Vec::with_capacity(info.fields.len());
        for field in info.fields {
            let mut long = kebab_case(field.field);
            let taken = |long: &str, flags: &[FieldFlag]| {
                RESERVED_FLAGS.contains(&long) || flags.iter().any(|flag| flag.long == long)
            };
            if taken(&long, &flags) {
                long = format!("{}-{long}", kebab_case(field.location.name()));
            }
            while taken(&long, &flags) {
                long.push_str("-field");
            }
            flags.push(FieldFlag { field, long });
        }
        Command { info, flags }
    }

    /// The flag an [`InvalidInput`](agora_api::InvalidInput) about
    /// `field` (a wire name, perhaps dotted into a body member) concerns.
    pub(crate) fn flag_for_error(&self, field: &str) -> Option<&FieldFlag> {
        self.flags.iter().find(|flag| {
            let wire = flag.field.wire;
            field == wire
                || field
                    .strip_prefix(wire)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
    }
}

/// The last `::` segment of a module path.
fn last_segment(module: &str) -> &str {
    module.rsplit("::").next().unwrap_or(module)
}

/// `cloud_recording` -> `cloud-recording`, `ListChannelUsers` ->
/// `list-channel-users`, `GetNcsIps` -> `get-ncs-ips`, `UpdateRTMToken` ->
/// `update-rtm-token`.
///
/// ```
/// assert_eq!(agora_cli::kebab_case("ListChannelUsers"), "list-channel-users");
/// assert_eq!(agora_cli::kebab_case("UpdateRTMToken"), "update-rtm-token");
/// assert_eq!(agora_cli::kebab_case("resource_id"), "resource-id");
/// assert_eq!(agora_cli::kebab_case("GetV2Status"), "get-v2-status");
/// ```
pub fn kebab_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (index, &c) in chars.iter().enumerate() {
        if c == '_' || c == '-' || c == ' ' {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            continue;
        }
        if c.is_uppercase() && index > 0 {
            let previous = chars[index - 1];
            let next_is_lower = chars.get(index + 1).is_some_and(|n| n.is_lowercase());
            let boundary = previous.is_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_uppercase() && next_is_lower);
            if boundary && !out.ends_with('-') {
                out.push('-');
            }
        }
        out.extend(c.to_lowercase());
    }
    out
}
