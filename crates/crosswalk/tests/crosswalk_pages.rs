//! The crosswalk pages in `docs/crosswalks/` are kept true by these tests.

use std::collections::BTreeSet;

use crosswalk::{read, Format};
use crosswalk_testkit::{backticked, json_has, markdown_table_rows, testdata, workspace_root};

/// Every element path and attribute path below `resource` in a document.
fn xml_paths(xml: &str) -> BTreeSet<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let mut paths = BTreeSet::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let mut names: Vec<&str> = node.ancestors().filter(|a| a.is_element()).map(|a| a.tag_name().name()).collect();
        names.reverse();
        if names.len() < 2 {
            continue;
        }
        let path = names[1..].join("/");
        for attribute in node.attributes() {
            let name = match attribute.namespace() {
                Some("http://www.w3.org/XML/1998/namespace") => format!("xml:{}", attribute.name()),
                Some(_) => continue,
                None => attribute.name().to_owned(),
            };
            paths.insert(format!("{path}/@{name}"));
        }
        paths.insert(path);
    }
    paths
}

#[test]
fn datacite_page_matches_the_reader_and_writer() {
    let page = std::fs::read_to_string(workspace_root().join("docs/crosswalks/datacite.md")).unwrap();
    let rows = markdown_table_rows(&page, "## Mapping");
    assert!(rows.len() > 100, "the mapping table looks cut short: {} rows", rows.len());

    let xml = std::fs::read_to_string(testdata("datacite-xml/every-property.xml")).unwrap();
    let present = xml_paths(&xml);
    let records = read(xml.as_bytes(), Format::DataciteXml).unwrap();
    let json = serde_json::to_value(&records[0].resource).unwrap();

    let mut documented = BTreeSet::new();
    let mut problems = Vec::new();
    for row in &rows {
        let xml_path = backticked(&row[0]).into_iter().next().unwrap_or_default();
        if !present.contains(xml_path) {
            problems.push(format!("row {xml_path:?}: not in every-property.xml"));
        }
        let json_paths = backticked(&row[1]);
        if !row[1].starts_with('–') && !json_paths.iter().any(|p| json_has(&json, p)) {
            problems.push(format!("row {xml_path:?}: none of {json_paths:?} is in the converted JSON"));
        }
        documented.insert(xml_path);
    }
    for path in &present {
        if !documented.contains(path.as_str()) {
            problems.push(format!("{path:?} of every-property.xml has no row"));
        }
    }
    assert!(problems.is_empty(), "docs/crosswalks/datacite.md is out of date:\n{}", problems.join("\n"));
}
