//! Keeps `docs/crosswalks/bibtex.md` true: its generated tables (entry types, fields,
//! diagnostic codes) must match the crate's own tables, and its writing table must name every
//! field the writer writes. `CROSSWALK_UPDATE_SNAPSHOTS=1` rewrites the generated tables.

use std::collections::BTreeSet;

use crosswalk_bibtex::fields::{field_info, FIELDS};
use crosswalk_bibtex::types::{Container, Dialect, ENTRY_TYPES};
use crosswalk_bibtex::{read, write, CODES};
use crosswalk_testkit::{
    backticked, markdown_table_rows, testdata, update_section, updating_snapshots, workspace_root,
};

/// Serialises the tests: one may rewrite the page while the other reads it.
static PAGE: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn page_path() -> std::path::PathBuf {
    workspace_root().join("docs/crosswalks/bibtex.md")
}

fn entry_types_table() -> String {
    let mut out = String::from(
        "| Entry type | Defined by | `resourceTypeGeneral` | `resourceType` | Container |\n|---|---|---|---|---|\n",
    );
    for row in ENTRY_TYPES {
        let dialect = match (row.dialect, row.alias_of) {
            (_, Some(of)) if row.dialect == Dialect::Bibtex => format!("BibTeX; BibLaTeX alias of `@{of}`"),
            (_, Some(of)) => format!("BibLaTeX alias of `@{of}`"),
            (Dialect::Bibtex, None) => "BibTeX, BibLaTeX".to_owned(),
            (Dialect::Biblatex, None) => "BibLaTeX".to_owned(),
            (Dialect::BiblatexStyles, None) => "BibLaTeX (styles)".to_owned(),
            (Dialect::BiblatexCustom, None) => "BibLaTeX (custom)".to_owned(),
            (Dialect::BiblatexAlias, None) => "BibLaTeX".to_owned(),
        };
        let label = row.label.unwrap_or("–");
        let container = match row.container {
            Container::None => "–",
            Container::Journal => "`Journal`",
            Container::Book => "`Book`",
            Container::Proceedings => "`ConferenceProceeding`",
        };
        out.push_str(&format!("| `@{}` | {dialect} | `{}` | {label} | {container} |\n", row.name, row.general));
    }
    out
}

fn fields_table() -> String {
    let mut out = String::from("| Field | Model property | Notes |\n|---|---|---|\n");
    for info in FIELDS {
        out.push_str(&format!("| `{}` | {} | {} |\n", info.name, info.target.property(), info.note));
    }
    out
}

fn codes_table() -> String {
    let mut out = String::from("| Code | Severity | Meaning |\n|---|---|---|\n");
    for info in CODES {
        out.push_str(&format!("| `{}` | {} | {} |\n", info.code, info.severity, info.summary));
    }
    out
}

/// Replaces (when updating) or checks the block between `<!-- generated: name -->` and
/// `<!-- end: name -->`.
fn generated_block(page: &mut String, name: &str, table: &str, problems: &mut Vec<String>) {
    let start_marker = format!("<!-- generated: {name} -->\n");
    let end_marker = format!("<!-- end: {name} -->");
    match update_section(page, &start_marker, &end_marker, table) {
        Ok(stale) if stale && !updating_snapshots() => {
            problems.push(format!("the {name} table is out of date; run with CROSSWALK_UPDATE_SNAPSHOTS=1 and review"))
        }
        Ok(_) => {}
        Err(marker) => problems.push(format!("marker {marker:?} missing")),
    }
}

#[test]
fn generated_tables_match_the_code() {
    let _lock = PAGE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let original = std::fs::read_to_string(page_path()).unwrap();
    let mut page = original.clone();
    let mut problems = Vec::new();
    generated_block(&mut page, "entry-types", &entry_types_table(), &mut problems);
    generated_block(&mut page, "fields", &fields_table(), &mut problems);
    generated_block(&mut page, "codes", &codes_table(), &mut problems);
    if updating_snapshots() && page != original {
        std::fs::write(page_path(), &page).unwrap();
    }
    assert!(problems.is_empty(), "docs/crosswalks/bibtex.md:\n{}", problems.join("\n"));
}

/// The writing table names real fields, and every field the writer writes has a row.
#[test]
fn writing_table_covers_what_the_writer_writes() {
    let _lock = PAGE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let page = std::fs::read_to_string(page_path()).unwrap();
    let rows = markdown_table_rows(&page, "### Model → BibTeX");
    let mut documented = BTreeSet::new();
    let mut problems = Vec::new();
    for row in &rows {
        for field in backticked(row.get(1).map_or("", String::as_str)) {
            if field_info(field).is_none() {
                problems.push(format!("writing table names `{field}`, which the reader does not know"));
            }
            documented.insert(field.to_owned());
        }
    }
    let mut sources = Vec::new();
    for name in ["biblatex.bib", "inheritance.bib", "messy.bib"] {
        sources
            .extend(read(&std::fs::read(testdata(&format!("bibtex/{name}"))).unwrap()).into_iter().map(|r| r.resource));
    }
    let xml = std::fs::read(testdata("datacite-xml/every-property.xml")).unwrap();
    sources.push(crosswalk_datacite::xml::read(&xml).resource);
    let mut written_fields = BTreeSet::new();
    for resource in &sources {
        for line in write(resource).text.lines().skip(1) {
            if let Some((name, _)) = line.trim().split_once(" = ") {
                written_fields.insert(name.to_owned());
            }
        }
    }
    for field in &written_fields {
        if !documented.contains(field) {
            problems.push(format!("the writer writes `{field}`, which has no row in the writing table"));
        }
    }
    assert!(written_fields.len() > 40, "the sample writes only {written_fields:?}");
    assert!(problems.is_empty(), "docs/crosswalks/bibtex.md:\n{}", problems.join("\n"));
}
