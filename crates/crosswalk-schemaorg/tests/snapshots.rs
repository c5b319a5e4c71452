//! Snapshots of what the readers make of our own fixtures: the records (REST JSON) and every
//! diagnostic, so that any change in mapping or reporting shows up in review.

mod common;

use common::{fixture, render};

#[test]
fn schema_org_fixtures() {
    for name in [
        "dataset-full.jsonld",
        "graph.jsonld",
        "landing-page.html",
        "article-in-journal.jsonld",
        "type-variants.jsonld",
        "messy.jsonld",
        "broken.jsonld",
        "one-element-lists.jsonld",
        "doi-url.jsonld",
        "unnamed-agents.jsonld",
        "people.jsonld",
    ] {
        let records = crosswalk_schemaorg::schemaorg::read(&fixture(&format!("schema-org/{name}")));
        crosswalk_testkit::assert_snapshot(&format!("schema-org/read-{name}.txt"), &render(&records));
    }
}

#[test]
fn codemeta_fixtures() {
    for name in ["codemeta-v3.json", "codemeta-v2.json", "codemeta-v1.json", "package.json"] {
        let records = crosswalk_schemaorg::codemeta::read(&fixture(&format!("codemeta/{name}")));
        crosswalk_testkit::assert_snapshot(&format!("codemeta/read-{name}.txt"), &render(&records));
    }
}
