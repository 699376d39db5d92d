//! The README's table of covered products is generated from `specs/`, so it
//! cannot drift: this test fails when it differs, and rewrites it when run
//! with `UPDATE_README=1`.

use std::path::PathBuf;

const BEGIN: &str =
    "<!-- products:begin (generated from specs/ by tests/tests/workspace/readme.rs) -->";
const END: &str = "<!-- products:end -->";

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The table, one row per spec file, in file-name order.
fn table() -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(workspace().join("specs"))
        .expect("specs/ is readable")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut out = String::from(
        "| product | module | endpoints | of which legacy (`#[deprecated]`) |\n|---|---|---:|---:|\n",
    );
    let (mut total, mut legacy_total) = (0, 0);
    for path in files {
        let spec: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("a readable spec"))
                .expect("a JSON spec");
        let endpoints = spec["endpoints"].as_array().expect("an endpoints list");
        let legacy = endpoints
            .iter()
            .filter(|entry| entry["deprecated"].as_bool().unwrap_or(false))
            .count();
        // Operations served by another module's endpoint count for the
        // product that documents them too (`shared`, specs/README.md).
        let shared = spec["shared"].as_array().map_or(0, Vec::len);
        let count = endpoints.len() + shared;
        total += count;
        legacy_total += legacy;
        out.push_str(&format!(
            "| {} | [`{}`](agora-api/src/{}) | {} | {} |\n",
            spec["product"].as_str().expect("a product"),
            spec["module"].as_str().expect("a module"),
            spec["module"].as_str().expect("a module"),
            count,
            legacy
        ));
    }
    out.push_str(&format!(
        "| **total** | | **{total}** | **{legacy_total}** |\n"
    ));
    out
}

#[test]
fn the_readme_product_table_matches_specs() {
    let path = workspace().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md is readable");
    let start = readme
        .find(BEGIN)
        .expect("README.md has the products:begin marker")
        + BEGIN.len();
    let end = readme
        .find(END)
        .expect("README.md has the products:end marker");
    let expected = format!("\n{}", table());
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    assert!(
        readme[start..end] == expected,
        "README.md's product table is out of date; run `UPDATE_README=1 cargo test -p agora-tests --test workspace readme`.\nexpected:{expected}"
    );
}
