//! The crosswalk pages `docs/crosswalks/schema-org.md` and `codemeta.md` are kept true here:
//! their mapping and type tables are generated from the tables the readers work from (rewritten
//! with `CROSSWALK_UPDATE_SNAPSHOTS=1`), and their writing tables must name exactly the
//! properties the writers emit.

use std::collections::BTreeSet;

use crosswalk_model::types::derive_from_general;
use crosswalk_schemaorg::{
    codemeta_properties, markdown_table, schema_org_properties, CODEMETA_PROPERTIES_WRITTEN,
    SCHEMA_ORG_PROPERTIES_WRITTEN, SCHEMA_ORG_TYPES,
};
use crosswalk_testkit::{backticked, markdown_table_rows, update_section, updating_snapshots, workspace_root};

/// Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`, or checks it.
fn generated_section(page: &mut String, name: &str, content: &str, problems: &mut Vec<String>) {
    let start_marker = format!("<!-- {name}:start -->\n");
    let end_marker = format!("<!-- {name}:end -->");
    match update_section(page, &start_marker, &end_marker, content) {
        Ok(true) => problems.push(format!("section {name} is stale")),
        Ok(false) => {}
        Err(_) => problems.push(format!("markers of {name} missing")),
    }
}

fn types_table() -> String {
    let mut out = String::from("| Schema.org type | resourceTypeGeneral | resourceType |\n|---|---|---|\n");
    for (name, general) in SCHEMA_ORG_TYPES {
        let kept = if derive_from_general(general).schema_org == *name { "–" } else { "the type name" };
        out.push_str(&format!("| `{name}` | {general} | {kept} |\n"));
    }
    out
}

/// The backticked names in the first column of the table after `heading`.
fn written_properties(page: &str, heading: &str) -> BTreeSet<String> {
    markdown_table_rows(page, heading)
        .iter()
        .flat_map(|row| backticked(row.get(1).map_or("", String::as_str)).into_iter().map(str::to_owned))
        .collect()
}

fn check_page(file: &str, sections: &[(&str, String)], writing_heading: &str, written: &[&str]) {
    let path = workspace_root().join("docs/crosswalks").join(file);
    let original = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut page = original.clone();
    let mut problems = Vec::new();
    for (name, content) in sections {
        generated_section(&mut page, name, content, &mut problems);
    }
    let documented: BTreeSet<String> = written_properties(&page, writing_heading)
        .into_iter()
        .map(|p| p.strip_prefix("schema:").map(str::to_owned).unwrap_or(p))
        .collect();
    for property in written {
        if !documented.contains(*property) {
            problems.push(format!("the writing table has no row for `{property}`"));
        }
    }
    for property in &documented {
        let bare = property.as_str();
        if !written.contains(&bare) && !bare.starts_with('@') {
            problems.push(format!("the writing table names `{property}`, which the writer does not emit"));
        }
    }
    if updating_snapshots() && page != original {
        std::fs::write(&path, &page).unwrap();
        return;
    }
    assert!(
        problems.is_empty(),
        "{} is out of date (CROSSWALK_UPDATE_SNAPSHOTS=1 rewrites the generated parts):\n{}",
        path.display(),
        problems.join("\n")
    );
}

/// The top-level properties each writer emits (the detail properties inside objects are listed
/// with the objects on the page).
const SCHEMA_ORG_TOP_LEVEL: &[&str] = &[
    "identifier",
    "url",
    "name",
    "alternateName",
    "additionalType",
    "author",
    "contributor",
    "editor",
    "translator",
    "producer",
    "sponsor",
    "copyrightHolder",
    "maintainer",
    "provider",
    "publisher",
    "datePublished",
    "dateCreated",
    "dateModified",
    "copyrightYear",
    "temporalCoverage",
    "description",
    "disambiguatingDescription",
    "measurementTechnique",
    "keywords",
    "inLanguage",
    "license",
    "version",
    "contentSize",
    "encodingFormat",
    "contentUrl",
    "distribution",
    "encoding",
    "downloadUrl",
    "spatialCoverage",
    "funder",
    "funding",
    "sameAs",
    "isPartOf",
    "hasPart",
    "citation",
    "isBasedOn",
    "workTranslation",
    "translationOfWork",
    "workExample",
    "exampleOfWork",
    "subjectOf",
    "review",
    "itemReviewed",
    "codeRepository",
    "softwareRequirements",
    "softwareHelp",
    "relatedLink",
    "includedInDataCatalog",
    "pageStart",
    "pageEnd",
    "runtimePlatform",
    "operatingSystem",
    "processorRequirements",
    "memoryRequirements",
    "storageRequirements",
    "permissions",
    "releaseNotes",
];

#[test]
fn schema_org_page_matches_the_code() {
    for property in SCHEMA_ORG_TOP_LEVEL {
        assert!(SCHEMA_ORG_PROPERTIES_WRITTEN.contains(property), "{property}");
    }
    check_page(
        "schema-org.md",
        &[("mapping", markdown_table(schema_org_properties())), ("types", types_table())],
        "## Writing",
        SCHEMA_ORG_TOP_LEVEL,
    );
}

#[test]
fn codemeta_page_matches_the_code() {
    let mut written: Vec<&str> = SCHEMA_ORG_TOP_LEVEL
        .iter()
        .copied()
        .filter(|p| !matches!(*p, "contentSize" | "encodingFormat" | "contentUrl" | "distribution" | "encoding"))
        .collect();
    written.extend(["fileSize", "fileFormat", "programmingLanguage"]);
    written.extend(CODEMETA_PROPERTIES_WRITTEN);
    check_page("codemeta.md", &[("mapping", markdown_table(codemeta_properties()))], "## Writing", &written);
}
