//! Keeps `docs/crosswalks/invenio-rdm.md` true: every id of the crate's vocabulary tables, with
//! its DataCite value, and every metadata key the reader maps is on the page.

use crosswalk_invenio::{vocab, METADATA_KEYS};
use crosswalk_testkit::workspace_root;

fn page() -> String {
    std::fs::read_to_string(workspace_root().join("docs/crosswalks/invenio-rdm.md")).unwrap()
}

#[test]
fn every_resource_type_has_its_row() {
    let page = page();
    for t in vocab::RESOURCE_TYPES {
        let datacite_type = if t.datacite_type.is_empty() { "–" } else { t.datacite_type };
        let row = format!("| `{}` | {} | {} |", t.id, t.general, datacite_type);
        assert!(page.contains(&row), "missing row {row}");
    }
}

#[test]
fn every_vocabulary_id_is_listed_with_its_value() {
    let page = page();
    for table in [
        vocab::ROLES,
        vocab::RELATION_TYPES,
        vocab::DATE_TYPES,
        vocab::TITLE_TYPES,
        vocab::DESCRIPTION_TYPES,
        vocab::IDENTIFIER_SCHEMES,
    ] {
        for (id, datacite) in table {
            let entry = format!("`{id}` → {datacite}");
            assert!(page.contains(&entry), "missing {entry}");
        }
    }
}

#[test]
fn every_metadata_key_has_a_row() {
    let page = page();
    for key in METADATA_KEYS {
        assert!(page.contains(&format!("`metadata.{key}")), "no row for metadata.{key}");
    }
}
