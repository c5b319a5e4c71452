//! `docs/crosswalks/cff.md` is generated from the crate's tables ([`MAPPING`], [`TYPES`]) and
//! kept true: its generated sections are what the tables say (rewritten with
//! `CROSSWALK_UPDATE_SNAPSHOTS=1`), every key of our fixtures (`testdata/cff/`) has a row in its
//! section, and every row's key is read by the reader as a key of its section.

use std::collections::BTreeSet;

use crosswalk_cff::mapping::{keys, Section};
use crosswalk_cff::types::TYPES;
use crosswalk_cff::MAPPING;
use crosswalk_testkit::{files_with_suffix, testdata, update_section, updating_snapshots, workspace_root};

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn mapping_section() -> String {
    let mut out = String::new();
    for section in Section::ALL {
        out.push_str(&format!("### {}\n\n", section.heading()));
        out.push_str("| CFF key | DataCite (REST JSON) | Reading | Written from |\n|---|---|---|---|\n");
        for row in MAPPING.iter().filter(|r| r.section == section) {
            let target = if row.target == "–" { "–".to_owned() } else { format!("`{}`", row.target) };
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                row.key,
                cell(&target),
                cell(row.note),
                cell(row.written_from)
            ));
        }
        out.push('\n');
    }
    out
}

fn types_section() -> String {
    let mut out = String::from("| CFF reference `type` | relatedItemType | written for it |\n|---|---|---|\n");
    for row in TYPES {
        let written = if row.written { "yes" } else { "–" };
        out.push_str(&format!("| `{}` | {} | {written} |\n", row.cff, row.general.as_str()));
    }
    out.push_str("\nA related item of a type no row writes (`Text`, `JournalArticle` has `article`) is written as `generic`, reported (`cff.written-approximately`).\n");
    out
}

#[test]
fn the_page_matches_the_tables() {
    let path = workspace_root().join("docs/crosswalks/cff.md");
    let original = std::fs::read_to_string(&path).unwrap();
    let mut page = original.clone();
    let mut problems = Vec::new();
    for (name, content) in [("mapping", mapping_section()), ("types", types_section())] {
        match update_section(&mut page, &format!("<!-- {name}:start -->\n"), &format!("<!-- {name}:end -->"), &content)
        {
            Ok(true) => problems.push(format!("section {name} is stale")),
            Ok(false) => {}
            Err(marker) => problems.push(format!("marker {marker} is missing")),
        }
    }
    if updating_snapshots() && page != original {
        std::fs::write(&path, &page).unwrap();
        return;
    }
    assert!(
        problems.is_empty(),
        "{} is out of date (CROSSWALK_UPDATE_SNAPSHOTS=1 rewrites it):\n{}",
        path.display(),
        problems.join("\n")
    );
}

/// The keys of a YAML mapping's top level and, by section, of the objects under it.
fn fixture_keys(text: &str) -> BTreeSet<(String, String)> {
    let json = common_yaml(text);
    let mut found = BTreeSet::new();
    let mut add = |section: &str, value: &serde_json::Value| {
        for key in value.as_object().into_iter().flat_map(|m| m.keys()) {
            found.insert((section.to_owned(), key.clone()));
        }
    };
    add("Document", &json);
    let agents = |v: &serde_json::Value| v.as_array().cloned().unwrap_or_default();
    let mut references: Vec<serde_json::Value> = agents(&json["references"]);
    if json.get("preferred-citation").is_some() {
        references.push(json["preferred-citation"].clone());
    }
    for agent in agents(&json["authors"]).into_iter().chain(agents(&json["contact"])) {
        add(if agent.get("name").is_some() { "Entity" } else { "Person" }, &agent);
    }
    for id in agents(&json["identifiers"]) {
        add("Identifier", &id);
    }
    for reference in &references {
        add("Reference", reference);
        for agent in agents(&reference["authors"]) {
            add(if agent.get("name").is_some() { "Entity" } else { "Person" }, &agent);
        }
    }
    found
}

mod common;

fn common_yaml(text: &str) -> serde_json::Value {
    common::schema::yaml_to_json(text)
}

#[test]
fn every_key_of_the_fixtures_has_a_row() {
    let mut problems = Vec::new();
    for path in files_with_suffix(&testdata("cff"), ".cff") {
        let text = std::fs::read_to_string(&path).unwrap();
        for (section, key) in fixture_keys(&text) {
            let section = Section::ALL.into_iter().find(|s| format!("{s:?}") == section).unwrap();
            if !keys(section).any(|k| k == key) {
                problems.push(format!("{}: {key} ({section:?}) has no row", path.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_row_is_read_as_its_section_says() {
    // A key with a row is never reported as "not a key of CFF".
    for section in Section::ALL {
        for key in keys(section) {
            let doc = match section {
                Section::Document => format!("{key}: x\n"),
                Section::Person => format!("authors:\n  - family-names: F\n    {key}: x\n"),
                Section::Entity => format!("authors:\n  - name: N\n    {key}: x\n"),
                Section::Identifier => format!("identifiers:\n  - type: other\n    value: v\n    {key}: x\n"),
                Section::Reference => format!("references:\n  - type: generic\n    title: T\n    {key}: x\n"),
            };
            let record = crosswalk_cff::read(doc.as_bytes()).remove(0);
            for d in &record.diagnostics {
                assert!(!d.message.contains("is not a key"), "{section:?} {key}: {d}");
            }
        }
    }
}
