//! Tests of the DataCite XML reader: the official schema examples and the Ruby converter's
//! fixtures (read from `../shared`, skipped when absent), and our own fixtures in
//! `testdata/datacite-xml/read-*.xml`, one per mapping or problem.

use std::path::Path;

use crosswalk_datacite::xml::{read, read_str};
use crosswalk_model::{
    ContributorType, DateType, FunderIdentifierType, NameType, NumberType, Record, RelatedIdentifierType, RelationType,
    ResourceTypeGeneral, Severity, TitleType,
};
use crosswalk_robustness::{allocations, assert_linear, CountingAllocator};
use crosswalk_testkit::{assert_snapshot, files_with_suffix, read_bytes, shared_or_skip, testdata, testdata_bytes};

// Counts allocations, so that hostile input is bounded by counts instead of by the clock.
#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Reads one of our fixtures.
fn fixture(name: &str) -> Record {
    read(&fixture_bytes(name))
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    testdata_bytes(&format!("datacite-xml/{name}"))
}

/// The diagnostics with a code, as `line:column` strings (`-` when unknown).
fn positions(record: &Record, code: &str) -> Vec<String> {
    record
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| match (d.location.line, d.location.column) {
            (Some(line), Some(column)) => format!("{line}:{column}"),
            _ => "-".to_owned(),
        })
        .collect()
}

/// The paths of the diagnostics with a code.
fn paths<'r>(record: &'r Record, code: &str) -> Vec<&'r str> {
    record.diagnostics.iter().filter(|d| d.code == code).filter_map(|d| d.location.path.as_deref()).collect()
}

fn count(record: &Record, code: &str) -> usize {
    record.diagnostics.iter().filter(|d| d.code == code).count()
}

/// Every diagnostic has a code listed in `CODES` with the severity it is emitted with, and a
/// location.
fn assert_documented(label: &str, record: &Record) {
    for d in &record.diagnostics {
        let info = crosswalk_datacite::xml::read::CODES.iter().find(|c| c.code == d.code);
        let info = info.unwrap_or_else(|| panic!("{label}: code {} is not in CODES ({d})", d.code));
        // The decoder reports an encoding the declaration names as info, an assumed one as a warning.
        if d.code != crosswalk_text::ENCODING_ASSUMED {
            assert_eq!(info.severity, d.severity, "{label}: {d}");
        }
        if d.code != crosswalk_text::ENCODING_UTF16 && d.code != crosswalk_text::ENCODING_INVALID {
            assert!(d.location.line.is_some(), "{label}: no line in {d}");
        }
    }
}

/// What a snapshot holds: the resource as REST JSON (in the model's field order) and the
/// diagnostics in their display form, one per line.
#[derive(serde::Serialize)]
struct Snapshot<'r> {
    resource: &'r crosswalk_model::Resource,
    diagnostics: Vec<String>,
}

fn snapshot_text(record: &Record) -> String {
    let diagnostics = record.diagnostics.iter().map(ToString::to_string).collect();
    let snapshot = Snapshot { resource: &record.resource, diagnostics };
    let mut text = serde_json::to_string_pretty(&snapshot).expect("serialisable");
    text.push('\n');
    text
}

fn read_file(path: &Path) -> Record {
    read(&read_bytes(path))
}

fn name_of(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

// ---- official examples and real-world fixtures ----------------------------------------------

#[test]
fn official_kernel_47_examples_read_without_warnings() {
    let shared = shared_or_skip!();
    let files = files_with_suffix(&shared.join("reference/datacite-schema/kernel-4.7/example"), ".xml");
    assert_eq!(files.len(), 17);
    for path in files {
        let record = read_file(&path);
        let label = name_of(&path);
        let problems: Vec<String> =
            record.diagnostics.iter().filter(|d| d.severity != Severity::Info).map(ToString::to_string).collect();
        assert!(problems.is_empty(), "{label}: {problems:#?}");
        assert!(record.resource.doi.is_some(), "{label}");
        assert_eq!(record.origin.schema.as_deref(), Some("http://datacite.org/schema/kernel-4"), "{label}");
        assert_documented(&label, &record);
    }
}

#[test]
fn official_full_example_values() {
    let shared = shared_or_skip!();
    let record = read_file(&shared.join("reference/datacite-schema/kernel-4.7/example/datacite-example-full-v4.xml"));
    let r = &record.resource;
    assert_eq!(record.origin.index, 0);
    assert_eq!(record.origin.key.as_deref(), Some("10.82433/B09Z-4K37"));
    assert_eq!(record.origin.line, Some(3));
    assert_eq!(r.doi.as_deref(), Some("10.82433/B09Z-4K37"));
    assert_eq!(r.creators.len(), 2);
    assert_eq!(r.creators[0].name_type, Some(NameType::Personal));
    assert_eq!(r.creators[0].given_name.as_deref(), Some("ExampleGivenName"));
    assert_eq!(r.creators[0].affiliation[0].affiliation_identifier.as_deref(), Some("https://ror.org/04wxnsj81"));
    assert_eq!(r.creators[1].lang.as_deref(), Some("en"));
    assert_eq!(r.titles.len(), 4);
    assert_eq!(r.titles[2].title_type, Some(TitleType::TranslatedTitle));
    assert_eq!(r.titles[2].lang.as_deref(), Some("fr"));
    let publisher = r.publisher.as_ref().expect("publisher");
    assert_eq!(publisher.name, "Example Publisher");
    assert_eq!(publisher.publisher_identifier.as_deref(), Some("https://ror.org/04z8jg394"));
    assert_eq!(publisher.publisher_identifier_scheme.as_deref(), Some("ROR"));
    assert_eq!(r.publication_year.as_deref(), Some("2024"));
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Dataset));
    assert_eq!(r.subjects[1].classification_code.as_deref(), Some("461001"));
    assert_eq!(r.contributors.len(), 22);
    assert_eq!(r.contributors[0].contributor_type, Some(ContributorType::ContactPerson));
    // The source writes " https://orcid.org/…": trimmed, and reported as info.
    assert_eq!(r.contributors[0].name_identifiers[0].name_identifier, "https://orcid.org/0000-0001-5727-2427");
    assert_eq!(r.dates.len(), 12);
    assert_eq!(r.dates[11].date_information.as_deref(), Some("ExampleDateInformation"));
    assert_eq!(r.related_identifiers.len(), 41);
    let last = &r.related_identifiers[40];
    assert_eq!(last.relation_type, Some(RelationType::Other));
    assert_eq!(last.relation_type_information.as_deref(), Some("Example relationTypeInformation"));
    assert_eq!(r.related_identifiers[16].related_identifier_type, Some(RelatedIdentifierType::Raid));
    assert_eq!(r.sizes, ["1 MB", "90 pages"]);
    assert_eq!(r.rights_list[0].rights_identifier.as_deref(), Some("CC-BY-4.0"));
    assert_eq!(r.descriptions.len(), 6);
    let geo = &r.geo_locations[0];
    assert_eq!(geo.places, ["Vancouver, British Columbia, Canada"]);
    assert_eq!(geo.points[0].point_latitude.as_str(), "49.2827");
    assert_eq!(geo.boxes[0].south_bound_latitude.as_str(), "49.195");
    assert_eq!(geo.polygons[0].points.len(), 5);
    assert_eq!(geo.polygons[0].points[3].point_latitude.as_str(), "41.090");
    let funding = &r.funding_references[0];
    assert_eq!(funding.funder_identifier_type, Some(FunderIdentifierType::CrossrefFunderId));
    assert_eq!(funding.award_uri.as_deref(), Some("https://example.com/example-award-uri"));
    let item = &r.related_items[0];
    assert_eq!(item.related_item_type, Some(ResourceTypeGeneral::Text));
    assert_eq!(item.relation_type_information.as_deref(), Some("Example relationTypeInformation"));
    assert_eq!(item.number.as_deref(), Some("1"));
    assert_eq!(item.number_type, Some(NumberType::Other));
    assert_eq!(item.creators[0].family_name.as_deref(), Some("ExampleFamilyName"));
    assert_eq!(item.titles.len(), 2);
    assert_eq!(item.contributors[0].contributor_type, Some(ContributorType::Other));
    assert_eq!(count(&record, "value.trimmed"), 20);
}

#[test]
fn every_shared_xml_file_reads_without_panicking() {
    let shared = shared_or_skip!();
    let reference = shared.join("reference");
    let mut files = Vec::new();
    for dir in
        ["datacite-schema/kernel-4.7/example", "datacite-schema/kernel-4-examples", "datacite-schema/kernel-3-examples"]
    {
        files.extend(files_with_suffix(&reference.join(dir), ".xml"));
    }
    files.extend(files_with_suffix(&reference.join("bolognese-fixtures"), ".xml"));
    assert!(files.len() > 100, "{} files", files.len());
    for path in files {
        let name = name_of(&path);
        let record = read_file(&path);
        assert_documented(&name, &record);
        if name.starts_with("crossref") {
            assert_eq!(paths(&record, "xml.not-datacite"), ["/crossref_result"], "{name}");
            assert_eq!(record.resource, Default::default(), "{name}");
        } else if name == "datacite-example-relateditems.xml" {
            // The fixture closes <issue> with </volume>.
            assert_eq!(positions(&record, "xml.malformed"), ["46:15"], "{name}");
        } else {
            assert!(!record.has_errors(), "{name}: {:?}", record.diagnostics);
            assert!(record.resource.doi.is_some(), "{name}");
            assert!(record.origin.schema.as_deref().is_some_and(|s| s.contains("datacite.org/schema/kernel-")));
        }
    }
}

#[test]
fn kernel_3_official_full_example_maps_text_coordinates() {
    let shared = shared_or_skip!();
    let record = read_file(&shared.join("reference/datacite-schema/kernel-3-examples/datacite-example-full-v3.1.xml"));
    assert_eq!(record.origin.schema.as_deref(), Some("http://datacite.org/schema/kernel-3"));
    let geo = &record.resource.geo_locations[0];
    assert_eq!(geo.points[0].point_latitude.as_str(), "31.233");
    assert_eq!(geo.points[0].point_longitude.as_str(), "-67.302");
    let geo_box = &geo.boxes[0];
    assert_eq!(geo_box.south_bound_latitude.as_str(), "41.090");
    assert_eq!(geo_box.west_bound_longitude.as_str(), "-71.032");
    assert_eq!(geo_box.north_bound_latitude.as_str(), "42.893");
    assert_eq!(geo_box.east_bound_longitude.as_str(), "-68.211");
    assert_eq!(positions(&record, "legacy.mapped"), ["56:13", "57:13"]);
}

#[test]
fn bolognese_repeated_and_malformed_fixtures() {
    let shared = shared_or_skip!();
    let dir = shared.join("reference/bolognese-fixtures");

    let record = read_file(&dir.join("datacite-multiple-language.xml"));
    let r = &record.resource;
    assert_eq!(r.publisher.as_ref().map(|p| p.name.as_str()), Some("Universitätsbibliothek Tübingen"));
    assert_eq!(r.publication_year.as_deref(), Some("2015"));
    assert_eq!(r.language.as_deref(), Some("de"));
    assert_eq!(
        paths(&record, "field.repeated"),
        ["/resource/publisher[2]", "/resource/publicationYear[2]", "/resource/language[2]"]
    );

    let record = read_file(&dir.join("datacite_malformed_creator.xml"));
    let names: Vec<&str> = record.resource.creators.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Grošelj, Blaž", "Oražem, Miha", "Kovač, Viljem"]);
    assert_eq!(record.resource.creators[1].given_name.as_deref(), Some("Miha"));
    assert_eq!(record.resource.creators[2].affiliation[0].name, "Onkološki inštitut Ljubljana");
    assert_eq!(count(&record, "xml.name-split"), 2);

    let record = read_file(&dir.join("ns0.xml"));
    assert_eq!(record.resource.doi.as_deref(), Some("10.4231/D38G8FK8B"));
    assert_eq!(record.resource.creators.len(), 5);
    assert_eq!(record.resource.version.as_deref(), Some("1.5.2"));
    assert!(record.diagnostics.is_empty(), "{:?}", record.diagnostics);

    let record = read_file(&dir.join("nist.xml"));
    assert_eq!(record.resource.doi.as_deref(), Some("10.5072/M32163"));
    assert_eq!(paths(&record, "xml.unknown-attribute"), ["/resource/alternateIdentifiers/@alternateIdentifierType"]);
}

// ---- legacy kernels ----------------------------------------------------------------------------

#[test]
fn kernel_22_constructs_are_mapped_and_reported() {
    let record = fixture("read-kernel-2.2-legacy.xml");
    let r = &record.resource;
    assert_eq!(record.origin.schema.as_deref(), Some("http://datacite.org/schema/kernel-2.2"));
    assert_eq!(record.origin.line, Some(2));

    // Funder contributor → funding reference; the other contributor stays.
    assert_eq!(r.contributors.len(), 1);
    assert_eq!(r.contributors[0].name, "Bello, Tunde");
    assert_eq!(r.funding_references.len(), 1);
    let funding = &r.funding_references[0];
    assert_eq!(funding.funder_name, "Lagoon Research Trust");
    assert_eq!(funding.funder_identifier.as_deref(), Some("http://dx.doi.org/10.13039/100000001"));
    assert_eq!(funding.funder_identifier_type, Some(FunderIdentifierType::CrossrefFunderId));

    // StartDate + EndDate → one range; the unpaired StartDate keeps its date.
    let dates: Vec<(&str, Option<&DateType>, Option<&str>)> =
        r.dates.iter().map(|d| (d.date.as_str(), d.date_type.as_ref(), d.date_information.as_deref())).collect();
    assert_eq!(
        dates,
        [
            ("2009-04-29/2010-01-05", Some(&DateType::Other), Some("StartDate/EndDate (DataCite kernel 2)")),
            ("2010-02-01", Some(&DateType::Created), None),
            ("2011-06", Some(&DateType::Other), Some("StartDate (DataCite kernel 2)")),
        ]
    );

    // Film → Audiovisual; rights under resource → rightsList.
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Audiovisual));
    assert_eq!(r.types.resource_type.as_deref(), Some("Time-lapse recording"));
    assert_eq!(r.rights_list.len(), 1);
    assert_eq!(r.rights_list[0].rights.as_deref(), Some("Open for non-commercial reuse"));
    assert_eq!(r.descriptions[0].description, "First line.\u{2028}Second line.");

    assert_eq!(positions(&record, "legacy.mapped"), ["16:18", "25:5", "28:5", "31:17", "39:3"]);
    assert_eq!(paths(&record, "field.unmapped"), ["/resource/@lastMetadataUpdate", "/resource/@metadataVersionNumber"]);
    assert_eq!(record.count(Severity::Error), 0);
}

#[test]
fn kernel_3_constructs_are_mapped_and_reported() {
    let record = fixture("read-kernel-3.1-legacy.xml");
    let r = &record.resource;
    assert_eq!(r.doi.as_deref(), Some("10.70001/Survey.31"));
    assert_eq!(positions(&record, "value.normalised"), ["3:3"]);

    let funding = &r.funding_references;
    assert_eq!(funding.len(), 2);
    assert_eq!(funding[0].funder_name, "Nordic Ocean Fund");
    assert_eq!(funding[0].funder_identifier_type, Some(FunderIdentifierType::CrossrefFunderId));
    assert_eq!(funding[0].scheme_uri.as_deref(), Some("https://www.crossref.org/services/funder-registry/"));
    assert_eq!(funding[1].funder_identifier.as_deref(), Some("HA-77"));
    assert_eq!(funding[1].funder_identifier_type, Some(FunderIdentifierType::Other));
    // The affiliation and the scheme name have no place in a funding reference.
    assert_eq!(positions(&record, "field.unmapped"), ["20:5", "25:5"]);

    assert_eq!(r.contributors.len(), 1);
    assert_eq!(r.contributors[0].contributor_type, Some(ContributorType::DataCurator));
    assert_eq!(positions(&record, "vocab.normalised"), ["29:18"]);

    assert_eq!(r.geo_locations.len(), 1);
    let geo = &r.geo_locations[0];
    assert_eq!(geo.points[0].point_latitude.as_str(), "58.1250");
    assert_eq!(geo.points[0].point_longitude.as_str(), "10.500");
    assert_eq!(
        [
            &geo.boxes[0].south_bound_latitude,
            &geo.boxes[0].west_bound_longitude,
            &geo.boxes[0].north_bound_latitude,
            &geo.boxes[0].east_bound_longitude
        ]
        .map(|c| c.as_str()),
        ["57.90", "9.75", "58.40", "11.25"]
    );
    assert_eq!(geo.places, ["Skagerrak"]);
    assert_eq!(r.rights_list[0].rights_uri.as_deref(), Some("http://creativecommons.org/licenses/by/4.0/"));
    assert_eq!(r.related_identifiers[0].scheme_type.as_deref(), Some("XSD"));
    // A point that is not two numbers is reported and not kept.
    assert_eq!(positions(&record, "value.invalid"), ["51:7"]);
}

// ---- single values, names, unknown parts ------------------------------------------------------

#[test]
fn repeated_single_valued_elements_keep_the_first() {
    let record = fixture("read-repeated.xml");
    let r = &record.resource;
    assert_eq!(r.doi.as_deref(), Some("10.70001/first"));
    assert_eq!(r.publisher.as_ref().map(|p| p.name.as_str()), Some("First Publisher"));
    assert_eq!(r.publication_year.as_deref(), Some("2015"));
    assert_eq!(r.types.resource_type.as_deref(), Some("Table"));
    assert_eq!(r.language.as_deref(), Some("de"));
    assert_eq!(r.version.as_deref(), Some("1"));
    assert_eq!(positions(&record, "field.repeated"), ["4:3", "14:3", "16:3", "18:3", "20:3", "22:3"]);
    assert!(record.diagnostics.iter().all(|d| d.severity == Severity::Warning));
}

#[test]
fn a_creator_with_several_names_is_split() {
    let record = fixture("read-split-creator.xml");
    let creators = &record.resource.creators;
    assert_eq!(creators.len(), 2);
    assert_eq!(creators[0].name, "Novak, Ana");
    assert_eq!(creators[0].affiliation[0].name, "Institute A");
    assert_eq!(creators[1].name, "Horvat, Ivan");
    assert_eq!(creators[1].given_name.as_deref(), Some("Ivan"));
    assert_eq!(creators[1].family_name.as_deref(), Some("Horvat"));
    assert_eq!(creators[1].affiliation[0].name, "Institute B");
    assert_eq!(paths(&record, "xml.name-split"), ["/resource/creators/creator[1]/creatorName[2]"]);
    assert_eq!(positions(&record, "xml.name-split"), ["10:7"]);
}

#[test]
fn unknown_elements_attributes_and_text_are_reported_where_they_are() {
    let record = fixture("read-unknown-parts.xml");
    assert_eq!(positions(&record, "xml.unknown-attribute"), ["2:106", "6:40", "15:14"]);
    assert_eq!(
        paths(&record, "xml.unknown-attribute"),
        ["/resource/@xml:lang", "/resource/creators/creator[1]/creatorName/@role", "/resource/publisher/@dim:source"]
    );
    assert_eq!(positions(&record, "xml.unknown-element"), ["7:7", "12:23", "14:3", "16:3"]);
    assert_eq!(
        paths(&record, "xml.unknown-element"),
        [
            "/resource/creators/creator[1]/orcid",
            "/resource/titles/title[1]/i",
            "/resource/dim:field",
            "/resource/subtitle"
        ]
    );
    assert_eq!(positions(&record, "xml.unexpected-text"), ["9:5"]);
    // What is known is still read.
    let r = &record.resource;
    assert_eq!(r.creators[0].name, "Tanaka, Hiro");
    assert_eq!(r.creators[0].name_type, Some(NameType::Personal));
    assert_eq!(r.publisher.as_ref().map(|p| p.name.as_str()), Some("Example Press"));
    assert_eq!(r.titles[0].title, "Title with  inside");
}

#[test]
fn identifiers_that_are_not_plain_dois() {
    let ns = r#"xmlns="http://datacite.org/schema/kernel-4""#;
    let record =
        read_str(&format!(r#"<resource {ns}><identifier identifierType="Handle">20.500/1</identifier></resource>"#));
    assert_eq!(record.resource.doi, None);
    assert_eq!(record.resource.alternate_identifiers[0].alternate_identifier, "20.500/1");
    assert_eq!(record.resource.alternate_identifiers[0].alternate_identifier_type.as_deref(), Some("Handle"));
    assert_eq!(count(&record, "xml.identifier-type"), 1);

    let record =
        read_str(&format!(r#"<resource {ns}><identifier identifierType="DOI">doi:10.1/AbC</identifier></resource>"#));
    assert_eq!(record.resource.doi.as_deref(), Some("10.1/AbC"));
    assert_eq!(record.origin.key.as_deref(), Some("10.1/AbC"));
    assert_eq!(count(&record, "value.normalised"), 1);

    let record =
        read_str(&format!(r#"<resource {ns}><identifier identifierType="DOI">not a doi</identifier></resource>"#));
    assert_eq!(record.resource.doi.as_deref(), Some("not a doi"));
    assert_eq!(count(&record, "value.invalid"), 1);

    let record = read_str(&format!(r#"<resource {ns}><identifier>10.1/x</identifier></resource>"#));
    assert_eq!(record.resource.doi.as_deref(), Some("10.1/x"));
    assert_eq!(count(&record, "xml.missing-attribute"), 1);

    let record =
        read_str(&format!(r#"<resource {ns}><identifier identifierType="doi">10.1/x</identifier></resource>"#));
    assert_eq!(record.resource.doi.as_deref(), Some("10.1/x"));
    assert_eq!(count(&record, "vocab.normalised"), 1);
}

#[test]
fn values_are_trimmed_and_empty_ones_skipped_unless_attributes_carry_them() {
    let record = read_str(
        r#"<resource xmlns="http://datacite.org/schema/kernel-4">
  <titles><title>  Spaced   inside  </title><title/></titles>
  <creators><creator><creatorName>X</creatorName>
    <affiliation affiliationIdentifier="https://ror.org/012345678" affiliationIdentifierScheme="ROR"/>
    <affiliation/>
  </creator></creators>
  <rightsList><rights rightsURI="https://example.org/licence"/><rights/></rightsList>
  <subjects><subject valueURI="https://example.org/term/1"/></subjects>
  <sizes><size> </size></sizes>
  <relatedIdentifiers><relatedIdentifier relatedIdentifierType=" DOI " relationType="isPartOf">10.1/y</relatedIdentifier></relatedIdentifiers>
</resource>"#,
    );
    let r = &record.resource;
    assert_eq!(r.titles.len(), 1);
    assert_eq!(r.titles[0].title, "Spaced   inside");
    assert_eq!(r.creators[0].affiliation.len(), 1);
    assert_eq!(r.creators[0].affiliation[0].affiliation_identifier.as_deref(), Some("https://ror.org/012345678"));
    assert_eq!(r.rights_list.len(), 1);
    assert_eq!(r.rights_list[0].rights, None);
    assert_eq!(r.subjects[0].value_uri.as_deref(), Some("https://example.org/term/1"));
    assert!(r.sizes.is_empty());
    assert_eq!(r.related_identifiers[0].related_identifier_type, Some(RelatedIdentifierType::Doi));
    assert_eq!(r.related_identifiers[0].relation_type, Some(RelationType::IsPartOf));
    assert_eq!(positions(&record, "value.trimmed"), ["2:11", "10:42"]);
    assert_eq!(count(&record, "value.empty"), 4);
    assert_eq!(positions(&record, "vocab.normalised"), ["10:72"]);
}

#[test]
fn coordinates_keep_their_digits_and_bad_ones_are_reported() {
    let record = read_str(
        r#"<resource xmlns="http://datacite.org/schema/kernel-4"><geoLocations><geoLocation>
<geoLocationPoint><pointLatitude>95.0</pointLatitude><pointLongitude>east</pointLongitude></geoLocationPoint>
<geoLocationPoint><pointLatitude>10.10</pointLatitude></geoLocationPoint>
<geoLocationBox><westBoundLongitude>1</westBoundLongitude></geoLocationBox>
</geoLocation></geoLocations></resource>"#,
    );
    let geo = &record.resource.geo_locations[0];
    assert_eq!(geo.points.len(), 1);
    assert_eq!(geo.points[0].point_latitude.as_str(), "95.0");
    assert_eq!(geo.points[0].point_longitude.as_str(), "east");
    assert!(geo.boxes.is_empty());
    assert_eq!(positions(&record, "value.invalid"), ["2:19", "2:54"]);
    assert_eq!(positions(&record, "xml.missing-element"), ["3:1", "4:1"]);
}

/// Issue 15, item 25: the `<br/>` element is the model's line break (U+2028); text that reads
/// `<br/>` (escaped in the source) is text, written back escaped, and both come back exactly.
#[test]
fn descriptions_keep_line_breaks_apart_from_text_that_reads_br() {
    let record = fixture("read-descriptions.xml");
    let descriptions = &record.resource.descriptions;
    assert_eq!(descriptions.len(), 2);
    assert_eq!(descriptions[0].description, "Line one.\u{2028}Line two.\u{2028}Line three.");
    assert_eq!(descriptions[1].description, "Escaped <br/> is text & stays text.");
    assert_eq!(positions(&record, "value.empty"), ["7:5"]);
    let written = crosswalk_datacite::xml::write(&record.resource).text;
    assert!(written.contains(">Line one.<br/>Line two.<br/>Line three.</description>"), "{written}");
    assert!(written.contains(">Escaped &lt;br/&gt; is text &amp; stays text.</description>"), "{written}");
    assert_eq!(crosswalk_datacite::xml::read(written.as_bytes()).resource, record.resource);
    // REST JSON writes the element as `<br/>`, as before; text that reads `<br/>` cannot be told
    // from it there, and writing it says so.
    let json = crosswalk_datacite::json::write(&record.resource);
    assert_eq!(json["descriptions"][0]["description"], "Line one.<br/>Line two.<br/>Line three.");
    let notes = crosswalk_datacite::json::write_notes(&record.resource);
    let paths: Vec<_> = notes.iter().map(|d| (d.code.as_ref(), d.location.path.as_deref())).collect();
    assert_eq!(paths, [("write.unrepresentable", Some("/descriptions/1/description"))]);
}

// ---- namespaces -----------------------------------------------------------------------------------

#[test]
fn prefixed_kernel_40_namespace() {
    let record = fixture("read-kernel-4.0-prefixed.xml");
    assert!(record.diagnostics.is_empty(), "{:?}", record.diagnostics);
    assert_eq!(record.origin.schema.as_deref(), Some("http://datacite.org/schema/kernel-4.0"));
    let r = &record.resource;
    assert_eq!(r.creators[0].name_identifiers.len(), 2);
    assert_eq!(r.creators[0].affiliation.len(), 2);
    assert_eq!(r.geo_locations[0].points[0].point_longitude.as_str(), "-8.6100");
    assert_eq!(r.geo_locations[0].polygons[0].points.len(), 4);
    assert_eq!(r.funding_references[0].award_number.as_deref(), Some("PTDC/1234/2016"));
}

#[test]
fn no_namespace_is_read_with_a_warning() {
    let record = fixture("read-no-namespace.xml");
    assert_eq!(record.resource.doi.as_deref(), Some("10.70001/no-namespace"));
    assert_eq!(record.resource.titles[0].title, "Written without a namespace");
    assert_eq!(record.origin.schema, None);
    assert_eq!(positions(&record, "xml.no-namespace"), ["2:1"]);
    assert_eq!(record.diagnostics.len(), 1);
}

#[test]
fn unknown_kernel_versions_are_read_with_a_warning() {
    let record = read_str(r#"<resource xmlns="http://datacite.org/schema/kernel-5"><version>1</version></resource>"#);
    assert_eq!(record.resource.version.as_deref(), Some("1"));
    assert_eq!(count(&record, "xml.unknown-kernel"), 1);
}

#[test]
fn a_root_that_is_not_a_datacite_resource_fails() {
    let record = fixture("read-not-datacite.xml");
    assert!(record.has_errors());
    assert_eq!(positions(&record, "xml.not-datacite"), ["2:1"]);
    assert!(record.diagnostics[0].message.contains("<record>"), "{}", record.diagnostics[0]);
    assert_eq!(record.resource, Default::default());

    let record = read_str(r#"<resource xmlns="http://example.org/other"/>"#);
    assert_eq!(count(&record, "xml.not-datacite"), 1);
}

// ---- parsing safely -----------------------------------------------------------------------------

#[test]
fn a_doctype_is_refused() {
    let record = fixture("read-doctype.xml");
    assert_eq!(record.diagnostics.len(), 1);
    assert_eq!(positions(&record, "xml.dtd-refused"), ["2:1"]);
    assert_eq!(record.resource, Default::default());
}

/// The DTD is refused before any entity is declared: reading costs a few times the document's
/// size in allocations (expanded, it would take gigabytes).
#[test]
fn a_billion_laughs_document_is_refused_at_the_cost_of_its_text() {
    let bytes = fixture_bytes("read-billion-laughs.xml");
    let (record, cost) = allocations(|| read(&bytes));
    let limit = 16 * bytes.len() as u64 + 64 * 1024;
    assert!(cost.bytes <= limit, "{cost:?} for {} bytes (limit {limit} bytes in all)", bytes.len());
    assert_eq!(positions(&record, "xml.dtd-refused"), ["2:1"]);
    assert_eq!(record.resource, Default::default());
}

#[test]
fn undeclared_entities_are_not_expanded() {
    let record =
        read_str(r#"<resource xmlns="http://datacite.org/schema/kernel-4"><version>&ext;</version></resource>"#);
    assert_eq!(positions(&record, "xml.malformed"), ["1:64"]);
    let record = read_str(
        r#"<resource xmlns="http://datacite.org/schema/kernel-4"><version>&lt;1&gt; &#233;&amp;</version></resource>"#,
    );
    assert_eq!(record.resource.version.as_deref(), Some("<1> é&"));
}

#[test]
fn malformed_xml_fails_at_the_parser_position() {
    let record = fixture("read-malformed.xml");
    assert!(record.has_errors());
    assert_eq!(positions(&record, "xml.malformed"), ["5:26"]);
    assert_eq!(record.resource, Default::default());
    for text in ["", "   ", "<", "<resource", "not xml at all", "<a></b>", "\u{0}"] {
        let record = read_str(text);
        assert_eq!(count(&record, "xml.malformed"), 1, "{text:?}: {:?}", record.diagnostics);
    }
}

#[test]
fn white_space_before_the_declaration_is_tolerated() {
    let record = fixture("read-leading-whitespace.xml");
    assert_eq!(record.resource.doi.as_deref(), Some("10.70001/leading"));
    assert_eq!(positions(&record, "xml.leading-whitespace"), ["1:1"]);
    // Positions still count from the start of the file.
    assert_eq!(positions(&record, "xml.unknown-element"), ["6:3"]);
    assert_eq!(record.origin.line, Some(3));

    let record =
        read_str("\n  <?xml version=\"1.0\"?><resource xmlns=\"http://datacite.org/schema/kernel-4\"><x></resource>");
    assert_eq!(positions(&record, "xml.malformed"), ["2:81"]);
}

#[test]
fn diagnostics_are_capped_for_hostile_documents() {
    let junk = |elements: usize| {
        format!(r#"<resource xmlns="http://datacite.org/schema/kernel-4">{}</resource>"#, "<junk/>".repeat(elements))
    };
    // Twice the elements, at most 2.5 times the allocations, bytes and memory (counted, not
    // timed). Work that allocates nothing, such as walking the siblings or the long line before
    // each diagnostic's element for its path and column, is not seen by the counts.
    assert_linear("unknown elements", 2_000, junk, |text| {
        read_str(text);
    });
    let record = read_str(&junk(20_000));
    assert_eq!(record.diagnostics.len(), 10_001);
    assert_eq!(record.diagnostics.last().map(|d| d.code.as_ref()), Some("xml.diagnostics-truncated"));
    assert_documented("junk", &record);
}

#[test]
fn truncated_and_corrupted_documents_never_panic() {
    for name in ["read-kernel-4.7-all.xml", "read-kernel-3.1-legacy.xml", "read-unknown-parts.xml"] {
        let bytes = fixture_bytes(name);
        for end in (0..bytes.len()).step_by(5) {
            let record = read(&bytes[..end]);
            assert!(record.has_errors() || end > bytes.len() - 12, "{name} cut at {end}");
        }
        for (i, replacement) in [b'<', b'>', b'&', b'"', 0xFF, b'/'].into_iter().cycle().enumerate().take(400) {
            let mut corrupted = bytes.clone();
            let at = (i * 7919) % corrupted.len();
            corrupted[at] = replacement;
            let _ = read(&corrupted);
        }
    }
}

// ---- encodings ------------------------------------------------------------------------------------

fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice(if little_endian { b"\xFF\xFE" } else { b"\xFE\xFF" });
    }
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&if little_endian { unit.to_le_bytes() } else { unit.to_be_bytes() });
    }
    bytes
}

#[test]
fn utf16_documents_read_like_utf8() {
    let utf8 = String::from_utf8(fixture_bytes("read-kernel-4.7-all.xml")).expect("UTF-8 fixture");
    let expected = read_str(&utf8);
    let declared = utf8.replacen("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1);
    for (little_endian, bom) in [(true, true), (false, true), (true, false), (false, false)] {
        let record = read(&utf16(&declared, little_endian, bom));
        assert_eq!(record.resource, expected.resource, "LE {little_endian} BOM {bom}");
        assert_eq!(count(&record, crosswalk_text::ENCODING_UTF16), 1);
        assert_eq!(record.count(Severity::Warning), 0, "{:?}", record.diagnostics);
    }
}

#[test]
fn latin1_declared_encoding_is_used() {
    let record = fixture("read-latin1.xml");
    assert_eq!(record.resource.creators[0].name, "Muñoz, José");
    assert_eq!(record.resource.titles[0].title, "Café façade études");
    assert_eq!(count(&record, crosswalk_text::ENCODING_ASSUMED), 1);
    assert_eq!(record.count(Severity::Warning), 0, "{:?}", record.diagnostics);
}

#[test]
fn declared_encodings_that_contradict_the_bytes_are_reported() {
    let record =
        read("<?xml version='1.0' encoding='ISO-8859-1'?><resource><version>é</version></resource>".as_bytes());
    assert_eq!(record.resource.version.as_deref(), Some("é"));
    assert_eq!(count(&record, "xml.encoding"), 1);

    let mut bytes = b"<?xml version='1.0' encoding='Shift_JIS'?><resource><version>".to_vec();
    bytes.extend_from_slice(b"\xE9</version></resource>");
    let record = read(&bytes);
    assert_eq!(record.resource.version.as_deref(), Some("é"));
    assert_eq!(count(&record, "xml.encoding"), 1);
    assert_eq!(count(&record, crosswalk_text::ENCODING_ASSUMED), 1);
}

#[test]
fn read_str_and_read_agree() {
    let bytes = fixture_bytes("read-kernel-4.7-all.xml");
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    assert_eq!(read_str(text), read(&bytes));
    let with_bom = format!("\u{FEFF}{text}");
    assert_eq!(read_str(&with_bom).resource, read(&bytes).resource);
}

// ---- snapshots and codes --------------------------------------------------------------------------

#[test]
fn snapshots_one_per_kernel_generation() {
    for name in [
        "read-kernel-2.2-legacy",
        "read-kernel-3.1-legacy",
        "read-kernel-4.0-prefixed",
        "read-kernel-4.7-all",
        "read-unknown-parts",
    ] {
        let record = fixture(&format!("{name}.xml"));
        assert_documented(name, &record);
        let snapshot = name.strip_prefix("read-").unwrap_or(name);
        assert_snapshot(&format!("xml-read/{snapshot}.json"), &snapshot_text(&record));
    }
}

#[test]
fn every_fixture_emits_only_documented_codes() {
    for path in files_with_suffix(&testdata("datacite-xml"), ".xml") {
        let name = name_of(&path);
        if name.starts_with("read-") {
            assert_documented(&name, &read_file(&path));
        }
    }
}

#[test]
fn the_code_table_is_complete_and_unique() {
    let table = crosswalk_datacite::xml::read::CODES;
    for (i, info) in table.iter().enumerate() {
        assert!(!info.summary.is_empty(), "{}", info.code);
        assert!(table.iter().skip(i + 1).all(|other| other.code != info.code), "{} twice", info.code);
    }
}
