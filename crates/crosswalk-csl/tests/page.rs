//! `docs/crosswalks/citeproc.md` is generated from the mapping tables and checked against what
//! the reader and writer do.

mod common;

use crosswalk_csl::item::{DATE_VARIABLES, EXTENSION_KEYS, NAME_VARIABLES, OTHER_KEYS, SCALAR_VARIABLES};
use crosswalk_csl::mapping::{render_tables, READ, WRITE};
use crosswalk_model::Record;
use crosswalk_testkit::{backticked, json_has, updating_snapshots};
use serde_json::Value;

const MARKER: &str = "<!-- generated from crates/crosswalk-csl/src/mapping.rs: do not edit below this line -->";

/// Keys inside a CSL name that the reader knows (the schema's and Crossref's).
const NAME_KEYS: &[&str] = &[
    "family",
    "given",
    "dropping-particle",
    "non-dropping-particle",
    "suffix",
    "comma-suffix",
    "static-ordering",
    "literal",
    "parse-names",
    "ORCID",
    "authenticated-orcid",
    "affiliation",
    "sequence",
];

/// Keys inside a CSL date that the reader knows.
const DATE_KEYS: &[&str] = &["date-parts", "season", "circa", "literal", "raw", "edtf"];

fn page_path() -> std::path::PathBuf {
    crosswalk_testkit::workspace_root().join("docs/crosswalks/citeproc.md")
}

#[test]
fn the_page_is_generated_from_the_tables() {
    let page = std::fs::read_to_string(page_path()).expect("docs/crosswalks/citeproc.md exists");
    let cut = page.find(MARKER).expect("the page has the generated-part marker") + MARKER.len();
    let expected = format!("{}\n\n{}", &page[..cut], render_tables());
    if updating_snapshots() {
        std::fs::write(page_path(), &expected).unwrap();
        return;
    }
    assert!(
        page == expected,
        "docs/crosswalks/citeproc.md is stale: run with CROSSWALK_UPDATE_SNAPSHOTS=1 and review it"
    );
}

fn read_rows_fixtures() -> Vec<Record> {
    ["every-variable.json", "names.json", "crossref.json", "dates.json", "lenient.json"]
        .iter()
        .flat_map(|name| common::read_fixture(name))
        .collect()
}

#[test]
fn every_key_the_reader_knows_has_a_row_and_every_row_a_key() {
    let rows: Vec<&str> = READ.iter().map(|r| r.csl).collect();
    let top: Vec<&str> = OTHER_KEYS
        .iter()
        .chain(NAME_VARIABLES)
        .chain(DATE_VARIABLES)
        .chain(SCALAR_VARIABLES)
        .chain(EXTENSION_KEYS)
        .copied()
        .collect();
    for key in &top {
        assert!(rows.contains(key), "no row for {key}");
    }
    for key in NAME_KEYS {
        assert!(rows.contains(&format!("author[].{key}").as_str()), "no row for author[].{key}");
    }
    for key in DATE_KEYS {
        assert!(rows.contains(&format!("issued.{key}").as_str()), "no row for issued.{key}");
    }
    for row in READ {
        let known = top.contains(&row.csl)
            || row.csl.strip_prefix("author[].").is_some_and(|k| NAME_KEYS.contains(&k))
            || row.csl.strip_prefix("issued.").is_some_and(|k| DATE_KEYS.contains(&k))
            || row.csl.contains(' ');
        assert!(known, "row {} names no key the reader knows", row.csl);
    }
    for row in WRITE {
        assert!(row.csl == "–" || top.contains(&row.csl), "written key {} is not a CSL key", row.csl);
        assert!(!EXTENSION_KEYS.contains(&row.csl), "the writer writes only the schema's keys: {}", row.csl);
    }
}

#[test]
fn read_rows_say_what_the_reader_does() {
    let records = read_rows_fixtures();
    let resources: Vec<Value> = records.iter().map(|r| serde_json::to_value(&r.resource).unwrap()).collect();
    for row in READ {
        if row.csl.contains(' ') {
            continue;
        }
        let paths = backticked(row.model);
        if row.model == "–" {
            // Not carried over: the reader must say so, except for keys read as the record's key
            // and Crossref flags that only confirm what the item says anyway.
            if ["citation-key", "author[].authenticated-orcid", "author[].sequence"].contains(&row.csl) {
                continue;
            }
            let key = row.csl.rsplit(['.', ']']).next().unwrap_or(row.csl).trim_start_matches('.');
            let reported = records.iter().flat_map(|r| &r.diagnostics).any(|d| {
                d.location
                    .path
                    .as_deref()
                    .is_some_and(|p| p.ends_with(&format!("/{key}")) || p.contains(&format!("/{key}/")))
            });
            assert!(reported, "row {}: nothing reported for it", row.csl);
        } else {
            assert!(!paths.is_empty(), "row {}: no model path", row.csl);
            let found = paths.iter().any(|p| resources.iter().any(|r| json_has(r, p)));
            assert!(found, "row {}: none of {paths:?} is in what the fixtures read to", row.csl);
        }
    }
}

#[test]
fn write_rows_say_what_the_writer_does() {
    let mut records = read_rows_fixtures();
    if let Ok(xml) = std::fs::read(crosswalk_testkit::testdata("datacite-xml/every-property.xml")) {
        records.push(crosswalk_datacite::xml::read(&xml));
    }
    let resources: Vec<Value> = records.iter().map(|r| serde_json::to_value(&r.resource).unwrap()).collect();
    let items: Vec<Value> =
        records.iter().map(|r| serde_json::to_value(crosswalk_csl::write_item(&r.resource).0).unwrap()).collect();
    for row in WRITE {
        let paths = backticked(row.model);
        assert!(
            paths.iter().any(|p| resources.iter().any(|r| json_has(r, p))),
            "row {}: no fixture has {paths:?}",
            row.csl
        );
        if row.csl != "–" {
            assert!(items.iter().any(|i| i.get(row.csl).is_some()), "row {}: never written", row.csl);
        }
    }
}
