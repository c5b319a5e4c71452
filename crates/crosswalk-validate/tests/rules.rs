//! The strict checks on whole resources: a clean record passes, and each rule fires with its
//! code, severity and JSON pointer where its value sits.

use crosswalk_model::{Resource, Severity};
use crosswalk_validate::rules::{self, codes};
use serde_json::{json, Value};

/// A record in the REST form with every checked value well formed.
fn clean() -> Value {
    json!({
        "doi": "10.5072/crosswalk-rules",
        "url": "https://example.org/landing",
        "contentUrl": ["https://example.org/data.csv"],
        "alternateIdentifiers": [
            {"alternateIdentifier": "https://example.org/record/1", "alternateIdentifierType": "URL"},
            {"alternateIdentifier": "CW-1", "alternateIdentifierType": "Local"}
        ],
        "creators": [{
            "name": "Hopper, Grace", "nameType": "Personal", "lang": "en",
            "nameIdentifiers": [
                {"nameIdentifier": "https://orcid.org/0000-0002-1825-0097", "nameIdentifierScheme": "ORCID", "schemeUri": "https://orcid.org"},
                {"nameIdentifier": "0000 0001 2146 438X", "nameIdentifierScheme": "ISNI"}
            ],
            "affiliation": [{"name": "Example University", "affiliationIdentifier": "https://ror.org/04wxnsj81", "affiliationIdentifierScheme": "ROR"}]
        }],
        "titles": [{"title": "Rules", "lang": "en-GB"}, {"title": "Regeln", "titleType": "TranslatedTitle", "lang": "de"}],
        "publisher": {"name": "Press", "publisherIdentifier": "https://ror.org/01an3r305", "publisherIdentifierScheme": "ROR"},
        "publicationYear": "2023",
        "subjects": [{"subject": "Geology", "valueUri": "https://example.org/551", "schemeUri": "https://example.org/"}],
        "contributors": [{"name": "Turing, Alan", "contributorType": "Editor",
            "nameIdentifiers": [{"nameIdentifier": "0000-0002-1694-233X", "nameIdentifierScheme": "orcid"}]}],
        "dates": [
            {"date": "2021-04-01/2021-09-30", "dateType": "Collected"},
            {"date": "2023-01-15T10:00:00Z", "dateType": "Issued"},
            {"date": "1985-XX~", "dateType": "Created"}
        ],
        "language": "en",
        "types": {"resourceTypeGeneral": "Dataset", "resourceType": "Measurements"},
        "relatedIdentifiers": [
            {"relatedIdentifier": "10.5072/other", "relatedIdentifierType": "DOI", "relationType": "Cites"},
            {"relatedIdentifier": "https://example.org/x", "relatedIdentifierType": "URL", "relationType": "References"}
        ],
        "relatedItems": [{"relatedItemType": "Journal", "relationType": "IsPublishedIn",
            "relatedItemIdentifier": {"relatedItemIdentifier": "10.5072/journal", "relatedItemIdentifierType": "DOI"},
            "titles": [{"title": "Journal", "lang": "en"}], "publicationYear": "2022"}],
        "rightsList": [{"rights": "CC BY 4.0", "rightsUri": "https://creativecommons.org/licenses/by/4.0/",
            "rightsIdentifier": "CC-BY-4.0", "rightsIdentifierScheme": "SPDX", "lang": "en"}],
        "descriptions": [{"description": "Text", "descriptionType": "Abstract", "lang": "en"}],
        "fundingReferences": [
            {"funderName": "Foundation", "funderIdentifier": "https://doi.org/10.13039/501100000780", "funderIdentifierType": "Crossref Funder ID", "awardUri": "https://example.org/award"},
            {"funderName": "Org", "funderIdentifier": "https://ror.org/04aj4c181", "funderIdentifierType": "ROR"}
        ]
    })
}

fn resource(value: Value) -> Resource {
    serde_json::from_value(value).expect("a REST-form record")
}

/// The record with the value at `pointer` replaced.
fn with(pointer: &str, value: Value) -> Resource {
    let mut record = clean();
    *record.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer}")) = value;
    resource(record)
}

/// Asserts that the only diagnostic is `code` at `pointer` with `severity`.
#[track_caller]
fn assert_single(resource: &Resource, code: &str, severity: Severity, pointer: &str) {
    let diagnostics = rules::check(resource);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!((d.code.as_ref(), d.severity, d.location.path.as_deref()), (code, severity, Some(pointer)), "{d}");
}

#[test]
fn a_clean_record_passes() {
    let r = resource(clean());
    assert_eq!(rules::check(&r), vec![]);
    assert_eq!(rules::check_findable(&r, None), vec![]);
}

#[test]
fn identifiers_are_checked_where_their_scheme_or_type_says() {
    use Severity::Error;
    assert_single(&with("/doi", json!("https://doi.org/10.5072/x")), codes::DOI, Error, "/doi");
    assert_single(&with("/doi", json!("5072/x")), codes::DOI, Error, "/doi");
    let orcid = "/creators/0/nameIdentifiers/0";
    let d = rules::check(&with(&format!("{orcid}/nameIdentifier"), json!("https://orcid.org/0000-0002-1825-0098")));
    assert_eq!((d[0].code.as_ref(), d[0].location.path.as_deref()), (codes::ORCID, Some(orcid)));
    assert!(d[0].message.contains("should end in 7"), "{}", d[0].message);
    assert_single(&with(&format!("{orcid}/nameIdentifier"), json!("0000-0002-1825")), codes::ORCID, Error, orcid);
    assert_single(
        &with("/creators/0/nameIdentifiers/1/nameIdentifier", json!("0000 0001 2146 4381")),
        codes::ISNI,
        Error,
        "/creators/0/nameIdentifiers/1",
    );
    assert_single(
        &with("/contributors/0/nameIdentifiers/0/nameIdentifier", json!("0000-0002-1694-2330")),
        codes::ORCID,
        Error,
        "/contributors/0/nameIdentifiers/0",
    );
    assert_single(
        &with("/creators/0/affiliation/0/affiliationIdentifier", json!("https://ror.org/04wxnsj82")),
        codes::ROR,
        Error,
        "/creators/0/affiliation/0/affiliationIdentifier",
    );
    assert_single(
        &with("/publisher/publisherIdentifier", json!("https://ror.org/1an3r305")),
        codes::ROR,
        Error,
        "/publisher/publisherIdentifier",
    );
    assert_single(
        &with("/fundingReferences/1/funderIdentifier", json!("04aj4c180")),
        codes::ROR,
        Error,
        "/fundingReferences/1/funderIdentifier",
    );
    assert_single(
        &with("/fundingReferences/0/funderIdentifier", json!("501100000780")),
        codes::DOI,
        Error,
        "/fundingReferences/0/funderIdentifier",
    );
    assert_single(
        &with("/relatedIdentifiers/0/relatedIdentifier", json!("doi 10.5072/other")),
        codes::DOI,
        Error,
        "/relatedIdentifiers/0/relatedIdentifier",
    );
    assert_single(
        &with("/relatedItems/0/relatedItemIdentifier/relatedItemIdentifier", json!("journal")),
        codes::DOI,
        Error,
        "/relatedItems/0/relatedItemIdentifier/relatedItemIdentifier",
    );
    // An ORCID URL is checked whatever scheme is named; an unknown scheme's value is not.
    assert_single(
        &with(
            "/creators/0/nameIdentifiers/1",
            json!({"nameIdentifier": "https://orcid.org/0000-0002-1825-0098", "nameIdentifierScheme": "Other"}),
        ),
        codes::ORCID,
        Error,
        "/creators/0/nameIdentifiers/1",
    );
    assert_eq!(
        rules::check(&with(
            "/creators/0/nameIdentifiers/1",
            json!({"nameIdentifier": "12345", "nameIdentifierScheme": "Local"})
        )),
        vec![]
    );
}

#[test]
fn empty_names_and_identifiers_are_errors() {
    assert_single(
        &with("/creators/0/affiliation/0/name", json!("")),
        codes::EMPTY,
        Severity::Error,
        "/creators/0/affiliation/0/name",
    );
    assert_single(
        &with("/creators/0/nameIdentifiers/0/nameIdentifier", json!(" ")),
        codes::EMPTY,
        Severity::Error,
        "/creators/0/nameIdentifiers/0",
    );
}

#[test]
fn dates_are_w3cdtf_or_edtf() {
    assert_single(&with("/dates/0/date", json!("spring 2021")), codes::DATE, Severity::Warning, "/dates/0/date");
    assert_single(
        &with("/dates/1/date", json!("2023-02-30")),
        codes::DATE_IMPOSSIBLE,
        Severity::Error,
        "/dates/1/date",
    );
    for good in
        ["2021", "2021-04/", "/2021-04-05", "2021-04-05/..", "unknown/2020", "2001-21", "Y170000002", "2004-06-11%"]
    {
        assert_eq!(rules::check(&with("/dates/0/date", json!(good))), vec![], "{good}");
    }
}

#[test]
fn languages_are_bcp_47() {
    assert_single(&with("/language", json!("en_GB")), codes::LANGUAGE, Severity::Error, "/language");
    assert_single(&with("/language", json!("eng")), codes::LANGUAGE_UNREGISTERED, Severity::Warning, "/language");
    assert_single(&with("/titles/1/lang", json!("Deutsch!")), codes::LANGUAGE, Severity::Error, "/titles/1/lang");
    assert_single(
        &with("/creators/0/lang", json!("en-UK")),
        codes::LANGUAGE_UNREGISTERED,
        Severity::Warning,
        "/creators/0/lang",
    );
    assert_single(
        &with("/relatedItems/0/titles/0/lang", json!("e")),
        codes::LANGUAGE,
        Severity::Error,
        "/relatedItems/0/titles/0/lang",
    );
    assert_single(
        &with("/rightsList/0/lang", json!("xx")),
        codes::LANGUAGE_UNREGISTERED,
        Severity::Warning,
        "/rightsList/0/lang",
    );
}

#[test]
fn spdx_identifiers_are_listed() {
    let pointer = "/rightsList/0/rightsIdentifier";
    assert_single(&with(pointer, json!("cc-by-4.0")), codes::SPDX_CASE, Severity::Info, pointer);
    let d = rules::check(&with(pointer, json!("cc-by-4.0")));
    assert!(d[0].message.contains("\"CC-BY-4.0\""), "{}", d[0].message);
    assert_single(&with(pointer, json!("CC-BY-9.0")), codes::SPDX_UNKNOWN, Severity::Warning, pointer);
    // Without the SPDX scheme the identifier is free text.
    let mut record = clean();
    record["rightsList"][0]["rightsIdentifierScheme"] = json!("local");
    record["rightsList"][0]["rightsIdentifier"] = json!("house-licence-2");
    assert_eq!(rules::check(&resource(record)), vec![]);
}

#[test]
fn urls_are_well_formed() {
    use Severity::Error;
    for (pointer, value) in [
        ("/rightsList/0/rightsUri", "creativecommons.org/licenses/by/4.0/"),
        ("/subjects/0/valueUri", "https://example.org/a b"),
        ("/subjects/0/schemeUri", "https//example.org"),
        ("/creators/0/nameIdentifiers/0/schemeUri", "orcid.org"),
        ("/fundingReferences/0/awardUri", "https://"),
        ("/url", "ftp://example.org/landing"),
        ("/contentUrl/0", "data.csv"),
        ("/relatedIdentifiers/1/relatedIdentifier", "www.example.org/x"),
        ("/alternateIdentifiers/0/alternateIdentifier", "https://example.org/<x>"),
    ] {
        assert_single(&with(pointer, json!(value)), codes::URL, Error, pointer);
    }
}

#[test]
fn publication_years_are_plausible() {
    assert_single(
        &with("/publicationYear", json!("2023-01")),
        codes::PUBLICATION_YEAR,
        Severity::Error,
        "/publicationYear",
    );
    assert_single(
        &with("/publicationYear", json!("3023")),
        codes::PUBLICATION_YEAR_IMPLAUSIBLE,
        Severity::Warning,
        "/publicationYear",
    );
    assert_single(&with("/publicationYear", json!(999)), codes::PUBLICATION_YEAR, Severity::Error, "/publicationYear");
    assert_single(
        &with("/relatedItems/0/publicationYear", json!("0999")),
        codes::PUBLICATION_YEAR_IMPLAUSIBLE,
        Severity::Warning,
        "/relatedItems/0/publicationYear",
    );
}

#[test]
fn unknown_vocabulary_values_reuse_the_shared_code() {
    let d = rules::check(&with("/relatedIdentifiers/0/relationType", json!("IsCoolerThan")));
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!((d[0].code.as_ref(), d[0].severity), ("vocab.unknown", Severity::Warning));
    assert_eq!(d[0].location.path.as_deref(), Some("/relatedIdentifiers/0/relationType"));
    let d = rules::check(&with("/types/resourceTypeGeneral", json!("dataset")));
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].code, "vocab.unknown");
    assert!(d[0].message.contains("exact spelling"), "{}", d[0].message);
}

#[test]
fn findable_dois_need_the_required_properties_and_a_url() {
    let mut record = clean();
    for key in ["creators", "titles", "publisher", "publicationYear", "url"] {
        record.as_object_mut().unwrap().remove(key);
    }
    record["types"] = json!({"resourceType": "Measurements"});
    let r = resource(record);
    let pointers: Vec<_> =
        rules::check_findable(&r, None).into_iter().map(|d| (d.code.to_string(), d.location.path.unwrap())).collect();
    assert_eq!(
        pointers,
        ["/creators", "/titles", "/publisher", "/publicationYear", "/types/resourceTypeGeneral", "/url"]
            .map(|p| ("required.missing".to_owned(), p.to_owned()))
    );
    let given = rules::check_findable(&r, Some("https://example.org/landing"));
    assert!(given.iter().all(|d| d.location.path.as_deref() != Some("/url")));
    let bad = rules::check_findable(&resource(clean()), Some("example.org/landing"));
    assert_eq!(bad.len(), 1);
    assert_eq!((bad[0].code.as_ref(), bad[0].location.path.as_deref()), (codes::URL, Some("/url")));
}

#[test]
fn pointers_of_findings_locate_in_xml() {
    // A finding on a record read from XML is placed in the XML text through its pointer.
    let xml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/full.xml")).unwrap();
    let path = crosswalk_validate::pointer_to_xml_path("/creators/0/nameIdentifiers/0").unwrap();
    let location = crosswalk_validate::locate(&xml, &path).unwrap();
    assert_eq!((location.line, location.column), (Some(9), Some(7)));
    let path = crosswalk_validate::pointer_to_xml_path("/rightsList/0/rightsIdentifier").unwrap();
    assert_eq!(path, "/resource/rightsList/rights[1]/@rightsIdentifier");
    let location = crosswalk_validate::locate(&xml, &path).unwrap();
    assert_eq!(location.line, Some(62));
}
