//! `docs/crosswalks/crossref-xml.md` is generated from the reader's tables ([`MAPPING`],
//! [`WORK_TYPES`], the relation and citation types) and kept true: every element and attribute
//! of our fixtures (and of the Ruby converter's Crossref fixtures) has a row, and every row names
//! something our fixtures hold. `CROSSWALK_UPDATE_SNAPSHOTS=1` rewrites the page.

use std::collections::BTreeSet;

use crosswalk_crossref::mapping::Row;
use crosswalk_crossref::{citation_type, relation_type, CITATION_TYPES, MAPPING, RELATIONSHIP_TYPES, WORK_TYPES};
use crosswalk_testkit::{files_with_suffix, testdata, workspace_root};

const INTRO: &str = r#"# Crossref XML → DataCite

What Crosswalk reads from Crossref XML and where it goes in the DataCite 4.7 model (shown as the
REST API's JSON attributes). The other direction, DataCite → Crossref deposits, is
[crossref-xml-write.md](crossref-xml-write.md).

This page is generated from the reader's tables (`crosswalk_crossref::MAPPING`, `WORK_TYPES`,
`relation_type`, `citation_type`) by `crates/crosswalk-crossref/tests/crosswalk_page.rs`, which
also checks that every element and attribute of the test fixtures in `testdata/crossref/` has a
row and that every row names something they hold. Run the test with
`CROSSWALK_UPDATE_SNAPSHOTS=1` to regenerate it.

## Inputs

- **Deposit files** (`doi_batch`, schemas 4.3.0 to 5.5.0, and the grant schema 0.1.1/0.2.0):
  every work is a record, in document order. Containers with a DOI of their own (a journal, an
  issue, a volume, a book, a series, a set, proceedings, a report, a standard, a database) are
  records too, before the works they hold, and so are the components of a work, after it.
- **UNIXREF** (`doi_records`) and a bare `doi_record` or `crossref`: one record per
  `doi_record`, the work it is about (the innermost work: the article, not its journal).
- **UNIXSD** (`crossref_result`): one record per `query`: the work whose DOI the query asked
  for. A query that did not resolve is a failed record (`crossref.query-failed`).

The input is streamed: the reader holds one work and the metadata of its container, however
many works the file has. A broken work (an element left open, an end tag that matches nothing,
an unknown entity) carries `xml.malformed` errors and the works after it are read as usual.
Only XML's five entities and character references are resolved; a DOCTYPE refuses the document.
UTF-8, UTF-16 and declared ISO-8859-1/Windows-1252 are read; other bytes that are not UTF-8 are
read as Windows-1252 and reported.

### Caps

| What | Cap | Over it |
|---|---|---|
| One work (or the `<head>`, one piece of container metadata, one UNIXREF `doi_record`), from its start tag to its end tag; any one text, tag or comment outside works | 16 MiB (`MAX_WORK_BYTES`) | One failed record (`crossref.too-large`), and reading stops there: the works before it are read, the rest of the input is not (where the next work starts is known only by reading this one to its end). The tokenizer never buffers more than the cap, so an endless input ends too. Split such a file into several. |
| A group's container metadata (`journal_metadata`, `journal_issue`, …), kept for every work of the group | 16 MiB together, 64 pieces (`MAX_CONTEXTS`) | The same. |
| Nesting inside a work | 256 elements | Deeper elements are not read (`xml.malformed`). |
| Diagnostics per record (those outside works, which go to the next record, included) | 10,000 | The first 10,000 are kept (and the first error after them), the rest counted in one warning (`crossref.diagnostics-truncated`). |

Real works take a few MiB at most, even with thousands of authors and citations.

## Decisions

- **Containers.** The journal (with its issue and volume), book, proceedings, report, standard
  or database of a work is one related item, `IsPublishedIn` (`IsPartOf` for a database), with
  its titles, people (names only: related items hold no identifiers or affiliations), year,
  volume, issue, edition, publisher and the work's pages and number. A related item holds one
  identifier: the first ISSN or ISBN, else the container's DOI. Every ISSN, ISBN and container
  DOI (journal, volume, issue, book, series) is *also* a related identifier `IsPartOf`, so that
  none is lost and DataCite's relation index finds the work by its journal. A series or set is a
  related item of its own (`IsPartOf`, `Collection`), the conference another (`Event`, relation
  `Other`, "Presented at"). Container data with no place in a related item (its abstract,
  funding, citations) is in the container's own record; it is reported only when the container
  has no DOI, and so no record.
- **Abstracts.** JATS abstracts become plain text: one paragraph per block element (`p`, `sec`,
  `title`, list items …), paragraphs separated by a blank line (`"\n\n"`), white space inside a
  paragraph collapsed, inline markup reduced to its text, a leading "Abstract" heading dropped.
  Blank lines rather than DataCite XML's `<br/>` survive every output format unchanged (the XML
  writer writes the line breaks as they are). MathML keeps the text of its symbols, with a
  warning. Titles lose their face markup the same way. The rule is `crosswalk_rules::markup`,
  which the CSL reader applies to the JATS abstracts in Crossref's CSL-JSON: the same abstract
  reads the same from both formats, with the same notes (`markup.removed`,
  `markup.math-flattened`, which replace `crossref.markup-removed` and
  `crossref.math-flattened`).
- **Citations.** A citation with a DOI is a related identifier `References` (typed by the
  citation's `type`). A citation without a DOI is a related item `References` built from its
  parts (title, first author, year, volume, issue, first page, edition, number, the ISBN of a
  cited book); one with nothing but its text keeps the text (white space collapsed) as the
  item's title. A citation with nothing to title a related item with (an empty `<citation/>`,
  or only an author and a year) is not carried (`field.unmapped`). What a related item cannot
  hold is reported once per record and part.
- **Relations.** Each Crossref relationship type maps to the nearest DataCite relation type; when
  that is approximate, the Crossref type is kept in `relationTypeInformation` (4.7), before the
  related item's description.
- **People.** `person_name` is `Personal`, `organization` `Organizational` (the element says so).
  Authors are creators; a work without authors has its editors as creators too (they stay
  contributors of type `Editor`; `people.editors-as-creators`, the rule every reader applies,
  which replaces `crossref.editors-as-creators`); reviewers are the creators of a peer review.
  Names are written `Family, Given` with the parts kept. A contributor that is only an "et al."
  marker (`et al.`, `et al`, `et. al.`, `et alii`, `and others`, `u. a.`, in brackets or not; as
  an `organization` or a `surname`) is no person: it is left out (`crossref.et-al`).
- **Inherited values.** A work without a publisher takes its container's, its parent work's, the
  UNIXSD `publisher-name`, or the deposit's `registrant` (reported); institutions, a standards
  body or a grant's funder publish works that name no publisher. A work without a publication
  date takes its container's or parent's year, or its acceptance year (reported). A component
  (a figure, a table, a supplement) without creators of its own takes its parent work's
  creators, or its report's, standard's or database's people (names only), reported: deposits
  seldom repeat them, and DataCite refuses a record without creators. A journal
  issue or volume without a title is named after its journal and numbers (reported).
- **Dates.** Parts become `YYYY-MM-DD`; each publication date keeps its media type in
  `dateInformation`; `publicationYear` is the year of the earliest. Seasons (21–24) are EDTF
  already; quarters (31–34) become EDTF 33–36.
- **Administrative data** (batch head, timestamps, archive locations, Crossmark settings,
  similarity-check and link-header URLs, distribution options) describes the deposit or
  Crossref's services, not the work: it is not carried and not reported.
"#;

fn render() -> String {
    let mut page = String::from(INTRO);
    let mut section = "";
    for row in MAPPING {
        if row.section != section {
            section = row.section;
            page.push_str(&format!("\n## {section}\n\n| Crossref | DataCite | Notes |\n|---|---|---|\n"));
        }
        let sources: Vec<String> = row.source.split(", ").map(|s| format!("`{s}`")).collect();
        let target = if row.target == "–" { "–".to_owned() } else { format!("`{}`", row.target) };
        page.push_str(&format!("| {} | {target} | {} |\n", sources.join(", "), row.note));
    }
    page.push_str("\n## Work types\n\n`resourceType` is the Crossref type name, so that the citation types derived from it are Crossref's. The table is `crosswalk_rules::crossref_types::WORK_TYPES`, one table with the Crossref type ids (`journal-article` …) that the CSL reader meets in doi.org's CSL-JSON (see [citeproc.md](citeproc.md#crossref-types)), so that a work reads as the same types from either format.\n\n| Crossref | resourceTypeGeneral | resourceType |\n|---|---|---|\n");
    for t in WORK_TYPES {
        page.push_str(&format!("| `{}` | {} | {} |\n", t.source, t.general, t.resource_type));
    }
    page.push_str(
        "\n## Relation types\n\n| Crossref relationship-type | DataCite relationType | Exact |\n|---|---|---|\n",
    );
    for crossref in RELATIONSHIP_TYPES {
        let (relation, approximate) = relation_type(crossref).expect("every type maps");
        let exact = if approximate { "no: the Crossref type is kept in relationTypeInformation" } else { "yes" };
        page.push_str(&format!("| `{crossref}` | {relation} | {exact} |\n"));
    }
    page.push_str("\n## Citation types\n\n| citation `type` | resourceTypeGeneral |\n|---|---|\n");
    for crossref in CITATION_TYPES {
        let general = citation_type(crossref).expect("every type maps");
        page.push_str(&format!("| `{crossref}` | {general} |\n"));
    }
    page
}

#[test]
fn page_is_generated_from_the_tables() {
    let path = workspace_root().join("docs/crosswalks/crossref-xml.md");
    let page = render();
    if std::env::var_os("CROSSWALK_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &page).expect("write the page");
        return;
    }
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == page,
        "{} is stale: run the test with CROSSWALK_UPDATE_SNAPSHOTS=1 and review the change",
        path.display()
    );
}

/// Elements whose content is text with markup: their children are not rows of their own.
const MIXED: &[&str] = &[
    "title",
    "subtitle",
    "original_language_title",
    "jats:abstract",
    "unstructured_citation",
    "article_title",
    "description",
    "rel:description",
    "competing_interest_statement",
    "intent_statement",
    "project-title",
];

fn prefixed(namespace: Option<&str>, name: &str) -> String {
    let prefix = match namespace.unwrap_or("") {
        "http://www.ncbi.nlm.nih.gov/JATS1" => "jats:",
        ns if ns.starts_with("http://www.crossref.org/fundref") || ns.contains("fundingdata") => "fr:",
        "http://www.crossref.org/AccessIndicators.xsd" => "ai:",
        "http://www.crossref.org/relations.xsd" => "rel:",
        "http://www.crossref.org/clinicaltrials.xsd" => "ct:",
        "http://www.w3.org/1998/Math/MathML" => "mml:",
        "http://www.w3.org/XML/1998/namespace" => "xml:",
        _ => "",
    };
    format!("{prefix}{name}")
}

/// The element names and `element/@attribute`s of a document.
fn parts(xml: &str, out: &mut BTreeSet<String>) {
    let doc = roxmltree::Document::parse(xml).expect("well-formed fixture");
    fn walk(node: roxmltree::Node<'_, '_>, out: &mut BTreeSet<String>) {
        let name = prefixed(node.tag_name().namespace(), node.tag_name().name());
        for attribute in node.attributes() {
            if attribute.namespace() == Some("http://www.w3.org/2001/XMLSchema-instance") {
                continue;
            }
            out.insert(format!("{name}/@{}", prefixed(attribute.namespace(), attribute.name())));
        }
        let mixed = MIXED.contains(&name.as_str());
        out.insert(name);
        if !mixed {
            for child in node.children().filter(roxmltree::Node::is_element) {
                walk(child, out);
            }
        }
    }
    walk(doc.root_element(), out);
}

fn items(row: &Row) -> impl Iterator<Item = &'static str> {
    row.source.split(", ")
}

fn covered(part: &str) -> bool {
    MAPPING.iter().flat_map(items).any(|item| {
        item == part || (item.starts_with('@') && part.split_once("/@").is_some_and(|(_, a)| format!("@{a}") == item))
    })
}

#[test]
fn every_part_of_the_fixtures_has_a_row_and_every_row_is_in_a_fixture() {
    let mut ours = BTreeSet::new();
    for path in files_with_suffix(&testdata("crossref"), ".xml") {
        if path.file_name().is_some_and(|n| n.to_string_lossy().contains("broken")) {
            continue;
        }
        parts(&std::fs::read_to_string(&path).unwrap(), &mut ours);
    }
    let mut all = ours.clone();
    if let Some(shared) = crosswalk_testkit::shared_dir_for("the reference fixtures part of this test") {
        let dir = shared.join("reference/bolognese-fixtures");
        for path in files_with_suffix(&dir, ".xml") {
            if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("crossref")) {
                parts(&std::fs::read_to_string(&path).unwrap(), &mut all);
            }
        }
    }
    let missing: Vec<&String> = all.iter().filter(|p| !covered(p)).collect();
    assert!(missing.is_empty(), "parts of the fixtures without a row in MAPPING: {missing:#?}");
    let absent: Vec<&str> = MAPPING
        .iter()
        .flat_map(items)
        .filter(|item| {
            if let Some(attribute) = item.strip_prefix('@') {
                return !ours.iter().any(|p| p.ends_with(&format!("/@{attribute}")));
            }
            !ours.contains(*item)
        })
        .collect();
    assert!(absent.is_empty(), "rows naming nothing our fixtures hold: {absent:#?}");
}

const WRITE_INTRO: &str = r#"# DataCite → Crossref deposit XML

What Crosswalk writes when converting to `crossref-xml`: a Crossref deposit (`doi_batch`, schema
5.4.0, namespace `http://www.crossref.org/schema/5.4.0`), one work per record. Reading Crossref XML
is [crossref-xml.md](crossref-xml.md).

This page is generated from the writer's tables (`crosswalk_crossref::write::WRITE_MAPPING`,
`write::CODES`) by `crates/crosswalk-crossref/tests/crosswalk_page.rs`. Run the test with
`CROSSWALK_UPDATE_SNAPSHOTS=1` to regenerate it. `crates/crosswalk/tests/crossref_deposit.rs`
validates a deposit of every work type against Crossref's 5.4.0 XSD and reads it back.

```
crosswalk convert record.json --to crossref-xml \
  --depositor-name "Example Press" --depositor-email deposits@example.org \
  --registrant "Example Press" --batch-id batch-0001 --timestamp 20240315120000 -o deposit.xml
```

## The deposit

- **The head** comes from the options, never from the records: `--depositor-name`,
  `--depositor-email`, `--registrant` (when not given, placeholders: `Crosswalk`,
  `depositor@example.org`, `Crosswalk`; the command line warns once, and each document written
  has a note, `crossref.write-head-default`), `--batch-id` (default `crosswalk-` and the timestamp) and `--timestamp` (default
  the time the run started, UTC, as `yyyymmddhhmmss`; the library writes 0 unless given one: it
  never reads the clock).
- **Several records** are one `doi_batch` with one `<body>` holding each work, in input order. A
  body holds one kind of work (journals, books, conferences, databases, dissertations,
  report-papers or posted content, as Crossref's schema says): a record of another kind than the
  first's is not written into it (`output.write`); write such runs to a directory (`-o DIR/`,
  one deposit per record).
- **Refused, never written invalid:** a record without a DOI (`crossref.write-missing-doi`) or a
  URL (`crossref.write-missing-url`), of a type Crossref has no place for (an award, an
  instrument, software, an image …: `crossref.write-no-type`), or without what its type
  requires (a title, a year, an article's journal, a chapter's book, a book's publisher, a
  dissertation's author and institution: `crossref.write-missing-required`) is a failed record.
- **What has no place** in a deposit is reported once per property with its JSON pointer
  (`crossref.write-unrepresentable`); a value the schema refuses (an ORCID iD that is not one, an
  ISSN of the wrong shape, a licence that is not a URL, a name with digits) is left out and
  reported (`crossref.write-invalid-value`).

## What goes where

| DataCite | Crossref | Notes |
|---|---|---|
"#;

fn render_write() -> String {
    use crosswalk_crossref::write::{CODES, WRITE_MAPPING};
    let mut page = WRITE_INTRO.to_owned();
    for row in WRITE_MAPPING {
        // A `|` in a cell would end it.
        let cell = |text: &str| text.replace('|', "\\|");
        page.push_str(&format!("| `{}` | `{}` | {} |\n", cell(row.property), cell(row.crossref), cell(row.note)));
    }
    page.push_str("\n## Diagnostics\n\n| Code | Severity | Meaning |\n|---|---|---|\n");
    for info in CODES {
        page.push_str(&format!("| `{}` | {} | {} |\n", info.code, info.severity.as_str(), info.summary));
    }
    page
}

#[test]
fn the_writers_page_is_generated_from_its_tables() {
    let path = workspace_root().join("docs/crosswalks/crossref-xml-write.md");
    let page = render_write();
    if std::env::var_os("CROSSWALK_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &page).expect("write the page");
        return;
    }
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == page,
        "{} is stale: run the test with CROSSWALK_UPDATE_SNAPSHOTS=1 and review the change",
        path.display()
    );
}
