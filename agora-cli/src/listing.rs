//! `agora endpoints`: every endpoint of the registry, as a table or as
//! JSON lines.

use serde_json::json;

use crate::catalog::Catalog;
use crate::exit::Failure;

/// Prints every endpoint: product, name, method, path, auth, idempotent,
/// rate limit; a table, or one JSON object per line.
pub(crate) fn print(catalog: &Catalog, as_json: bool) -> Result<(), Failure> {
    let mut rows: Vec<[String; 7]> = Vec::new();
    let mut out = String::new();
    for (product, name, command) in catalog.commands() {
        let info = command.info;
        let auth: Vec<&str> = info.auth.iter().map(|scheme| scheme.name()).collect();
        let limits: Vec<String> = info.rate_limits.iter().map(ToString::to_string).collect();
        if as_json {
            let line = json!({
                "product": product,
                "endpoint": name,
                "name": info.name,
                "module": info.module,
                "method": info.method,
                "path": info.path,
                "auth": auth,
                "idempotent": info.idempotent,
                "rate_limits": limits,
                "paged": info.pages.is_some(),
                "deprecated": info.deprecated,
                "doc_url": info.doc_url,
            });
            out.push_str(&line.to_string());
            out.push('\n');
        } else {
            rows.push([
                product.to_owned(),
                name.to_owned(),
                info.method.to_owned(),
                info.path.to_owned(),
                auth.join(","),
                if info.idempotent { "yes" } else { "no" }.to_owned(),
                if limits.is_empty() {
                    "-".to_owned()
                } else {
                    limits.join("; ")
                },
            ]);
        }
    }
    if !as_json {
        let header = [
            "PRODUCT",
            "ENDPOINT",
            "METHOD",
            "PATH",
            "AUTH",
            "IDEMPOTENT",
            "RATE LIMIT",
        ]
        .map(str::to_owned);
        let mut widths = [0usize; 7];
        for row in std::iter::once(&header).chain(&rows) {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        for row in std::iter::once(&header).chain(&rows) {
            let mut line = String::new();
            for (column, (cell, width)) in row.iter().zip(widths).enumerate() {
                if column + 1 == row.len() {
                    line.push_str(cell);
                } else {
                    line.push_str(&format!("{cell:<width$}  "));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    crate::call::write_stdout(&out)
}
