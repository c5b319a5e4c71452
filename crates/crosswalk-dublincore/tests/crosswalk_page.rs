//! `docs/crosswalks/dublin-core.md` is generated from the reader's tables ([`MAPPING`],
//! [`TYPES`]) and kept true: every element and attribute of our fixtures
//! (`testdata/dublin-core/`, `testdata/oai-pmh/`) has a row, and every row names something they
//! hold. `CROSSWALK_UPDATE_SNAPSHOTS=1` rewrites the page.

use std::collections::BTreeSet;

use crosswalk_dublincore::mapping::Row;
use crosswalk_dublincore::types::{TypeKind, TYPES};
use crosswalk_dublincore::MAPPING;
use crosswalk_testkit::{files_with_suffix, testdata, workspace_root};

const INTRO: &str = r#"# Dublin Core → DataCite

What Crosswalk reads from Dublin Core and where it goes in the DataCite 4.7 model (shown as the
REST API's JSON attributes), and how it reads OAI-PMH responses. Crosswalk reads Dublin Core; it
does not write it, so this page has one direction. It follows DataCite's own mapping of its
properties to Dublin Core (the schema documentation's Dublin Core appendix) backwards wherever
that mapping says something, and the judgments below elsewhere.

This page is generated from the reader's tables (`crosswalk_dublincore::MAPPING`,
`crosswalk_dublincore::types::TYPES`) by `crates/crosswalk-dublincore/tests/crosswalk_page.rs`,
which also checks that every element and attribute of the test fixtures in
`testdata/dublin-core/` and `testdata/oai-pmh/` has a row and that every row names something they
hold. Run the test with `CROSSWALK_UPDATE_SNAPSHOTS=1` to regenerate it.

## Inputs

- **Dublin Core records** (format `dublin-core`, aliases `oai_dc`, `dc`): `oai_dc:dc`, the
  container OAI-PMH defines (`http://www.openarchives.org/OAI/2.0/oai_dc/`), or a bare `dc`,
  `qualifieddc`, `metadata` or `record` element (in no namespace, or any but Dublin Core's)
  holding the fifteen elements (`dc:`, `http://purl.org/dc/elements/1.1/`) and DCMI Terms
  (`dcterms:`, `http://purl.org/dc/terms/`), perhaps inside another such wrapper. One record per
  document.
- **OAI-PMH responses** (format `oai-pmh`): a saved `ListRecords` or `GetRecord` response (or a
  `record` saved on its own), streamed: one record per `<record>`, in order, whatever the size
  of the response. Records in `oai_dc` are read as Dublin Core; records in `oai_datacite` or
  `datacite` by the DataCite XML reader. A deleted record is one failed record (`oai.deleted`):
  it has no metadata to convert, and counting it keeps `read = written + failed` true. A
  response that says `noRecordsMatch` has no records and nothing fails; any other protocol error
  is one failed record (`oai.error`).

Only XML's five entities and character references are resolved; a DOCTYPE stops reading
(`xml.dtd-refused`). UTF-8, UTF-16 and declared ISO-8859-1/Windows-1252 are read, by the same
rule as Crossref XML. A broken record of a response (an element left open, an unknown entity)
carries its errors and the records after it are read as usual.

## Decisions

Dublin Core is flat and untyped: a name does not say whether it is a person's, a date what
happened then, a relation which way it points. Crosswalk decides as follows, and reports every
decision at the element it concerns (informational notes, shown with `-v`), so that nothing is
assumed silently.

- **Names** (`dc.name-type`). A name with an organisation's word (`University`, `Institute`,
  `Consortium`, `GmbH` …, the words every reader shares) is `Organizational`. A name written
  `Family, Given`, as DSpace and EPrints write people, is `Personal`, split at the comma by the
  shared splitter (`people.name-split`). Any other name (`Jane Smith`, `NASA`, `Plato`) is kept
  whole without `nameType`: one string without a comma may be a person or an organisation, and
  splitting an organisation would damage it. Contributors are of type `Other`
  (`dc.contributor-type`); `dcterms:rightsHolder` is a `RightsHolder`.
- **Titles** (`dc.title-type`). The first title is the main title; a later one is a
  `TranslatedTitle` when it has an `xml:lang` that is not the first title's, else an
  `AlternativeTitle` (DataCite's mapping writes alternative and translated titles as
  `dcterms:alternative`, subtitles into the title).
- **Descriptions** (`dc.description-type`). The first is the `Abstract` (unless a
  `dcterms:abstract` is given), later ones `Other`.
- **Dates and the publication year** (`dc.date-type`). Every date is kept as written. The
  earliest `dcterms:issued`, else the earliest `dc:date` (by year; among dates of one year, one
  without a time of day) is `Issued` and gives `publicationYear`: DSpace writes its accession and
  availability timestamps as `dc:date` before the date of issue, and a work is not published
  after it was deposited. Other `dc:date`s are `Other`. Two equal dates are kept once.
- **Types** (`dc.type`). Each `dc:type` is looked up in the table below. The most specific
  value decides: a repository's or OpenAIRE's type over the DCMI Type Vocabulary's general ones
  (`Text` with `info:eu-repo/semantics/article` is a `JournalArticle`), then a type meaning
  `Other`, then a value no table knows (`Other`, `vocab.unknown`). The deciding value is kept as
  `resourceType`; the others are noted. A status written as a type (OpenAIRE's
  `publishedVersion`, EPrints' `PeerReviewed`) has no place in DataCite (`field.unmapped`).
- **Identifiers** (`dc.identifier`) are told apart by their form: DOIs in any form (the first is
  the record's `doi`), handles (`hdl:`, `hdl.handle.net`), URNs, ISBNs, ISSNs (the journal's: a
  related identifier `IsPartOf`), arXiv ids, PMIDs, web addresses (the first that is not a file
  is the landing page `url`; one naming a file, `…/1/paper.pdf`, a `contentUrl`), and citations
  (text with white space, as EPrints and DSpace write the bibliographic citation: a description of
  type `Other`, `dc.citation`). Anything else is an alternate identifier of type `Local`.
- **Relations** (`dc.relation`). Dublin Core's `relation` gives no direction, and DataCite has no
  `IsRelatedTo`: it is `relationType` `Other` (new in 4.7) with `relationTypeInformation`
  "Dublin Core relation (no relation type given)" rather than a guess such as `References`,
  which would claim a citation. `dc:source` is `IsDerivedFrom`, as Dublin Core defines it and
  DataCite's mapping has it. DCMI Terms' refinements (`dcterms:isPartOf` …) have their own
  types. An ISSN is `IsPartOf`. Text that is no identifier becomes a related item of type
  `Other` titled with it.
- **Coverage** (`dc.coverage`). A date or period (`1990/2000`, `1990-2000`, the DCMI Period
  `start=1990; end=2000`) is a date of type `Coverage`; a DCMI Point (`east=…; north=…`) or
  Box a geolocation point or box (with the `name` as its place); anything else a
  `geoLocationPlace`. `dcterms:temporal` and `dcterms:spatial` say which.
- **Language.** DataCite holds one: the first, as a BCP 47 tag (`en_US` → `en-US`, ISO 639-2
  `eng`/`ger`/`fre` → `en`/`de`/`fr`, names such as `English` or `Deutsch` → `en`/`de`;
  `value.normalised`); the rule is `crosswalk_rules::languages`. A value that is none of these is
  kept with a warning.
- **Subjects.** Keywords as written. `ddc:550` (DINI's form), OpenAIRE's
  `info:eu-repo/classification/ddc/550` and an `xsi:type` of `dcterms:DDC`, `LCC`, `UDC`,
  `LCSH`, `MESH` give the scheme; a value that merely looks like a class number or a subject
  heading gets none (a number may be of any classification).
- **Rights.** A web address is a `rightsURI`; Creative Commons and spdx.org URLs get their SPDX
  identifier (`crosswalk_rules::licences`, the rule the Crossref reader shares), and so do
  EPrints' licence codes for the Creative Commons 4.0 licences (`cc_by_nc_4`). OpenAIRE's access
  rights keep their URI with its statement (`Open Access` …). Other text is a `rights`
  statement.
- **OpenAIRE values** (`dc.openaire`), which DSpace and EPrints write for OpenAIRE:
  `info:eu-repo/grantAgreement/EC/H2020/654321/…` is a funding reference (the European
  Commission with its Crossref Funder ID for `EC`, the award number and title);
  `info:eu-repo/semantics/altIdentifier/doi/…` an alternate identifier of that type;
  `info:eu-repo/semantics/dataset/doi/…` a related identifier `IsSupplementedBy` (a `Dataset`);
  `info:eu-repo/date/embargoEnd/2025-01-01` a date of type `Available`.
- **What DataCite cannot hold** is reported as `field.unmapped` (`dcterms:audience`,
  `dcterms:provenance` …); a second publisher or language as `field.repeated`; an element that is
  not Dublin Core as `xml.unknown-element`.
- **Records from OAI-PMH** keep their place in the response: diagnostics carry the response's
  line and column; `origin.key` is the header's identifier. Such a record carries no source
  document for validation (its lines would not be the response's): `crosswalk validate` checks it
  as Crosswalk writes it.
"#;

fn render() -> String {
    let mut page = String::from(INTRO);
    let mut section = "";
    for row in MAPPING {
        if row.section != section {
            section = row.section;
            let source = if section == "OAI-PMH responses" { "OAI-PMH" } else { "Dublin Core" };
            page.push_str(&format!("\n## {section}\n\n| {source} | DataCite | Notes |\n|---|---|---|\n"));
        }
        let sources: Vec<String> = row.source.split(", ").map(|s| format!("`{s}`")).collect();
        let target = if row.target == "–" { "–".to_owned() } else { format!("`{}`", row.target) };
        page.push_str(&format!("| {} | {target} | {} |\n", sources.join(", "), row.note));
    }
    page.push_str("\n## Types\n\n`dc:type` values are matched ignoring case (free text also ignoring spaces, `-`, `_`, `/`, `,` and `.`); DCMI types also as `http://purl.org/dc/dcmitype/…` URIs. The deciding value is kept as `resourceType`.\n\n| dc:type | from | resourceTypeGeneral |\n|---|---|---|\n");
    for t in TYPES {
        let from = match t.kind {
            TypeKind::Dcmi => "DCMI Type Vocabulary",
            TypeKind::OpenAire => "OpenAIRE",
            TypeKind::FreeText => "repositories' free text",
            TypeKind::Status => "a status, not a type",
        };
        let general = t.general.as_ref().map_or_else(|| "– (`field.unmapped`)".to_owned(), ToString::to_string);
        page.push_str(&format!("| `{}` | {from} | {general} |\n", t.value));
    }
    page
}

#[test]
fn page_is_generated_from_the_tables() {
    let path = workspace_root().join("docs/crosswalks/dublin-core.md");
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

fn prefixed(namespace: Option<&str>, name: &str) -> String {
    let prefix = match namespace.unwrap_or("") {
        "http://purl.org/dc/elements/1.1/" => "dc:",
        "http://purl.org/dc/terms/" => "dcterms:",
        "http://www.openarchives.org/OAI/2.0/oai_dc/" => "oai_dc:",
        "http://www.openarchives.org/OAI/2.0/" => "oai:",
        "http://schema.datacite.org/oai/oai-1.1/" => "oai_datacite:",
        ns if ns.starts_with("http://datacite.org/schema/kernel-") => "datacite:",
        "http://www.w3.org/XML/1998/namespace" => "xml:",
        "http://www.w3.org/2001/XMLSchema-instance" => "xsi:",
        _ => "",
    };
    format!("{prefix}{name}")
}

/// The element names and `element/@attribute`s of a document, down to a DataCite resource
/// (read by the DataCite reader, whose page is its own) and not inside `about`.
fn parts(xml: &str, out: &mut BTreeSet<String>) {
    let doc = roxmltree::Document::parse(xml).expect("well-formed fixture");
    fn walk(node: roxmltree::Node<'_, '_>, out: &mut BTreeSet<String>) {
        let name = prefixed(node.tag_name().namespace(), node.tag_name().name());
        for attribute in node.attributes() {
            out.insert(format!("{name}/@{}", prefixed(attribute.namespace(), attribute.name())));
        }
        let leaf = matches!(name.as_str(), "datacite:resource" | "oai:about");
        out.insert(name);
        if !leaf {
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
    for dir in ["dublin-core", "oai-pmh"] {
        for path in files_with_suffix(&testdata(dir), ".xml") {
            parts(&std::fs::read_to_string(&path).unwrap(), &mut ours);
        }
    }
    // Known elements that are not Dublin Core (`dc:bogus`) are the reader's to report, not rows.
    ours.remove("dc:bogus");
    let missing: Vec<&String> = ours.iter().filter(|p| !covered(p)).collect();
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
