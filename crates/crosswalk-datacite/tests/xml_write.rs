//! The DataCite XML writer: DataCite's own payload example byte for byte, a resource using every
//! model field (valid against the official kernel-4.7 XSD, and snapshotted), no empty elements,
//! escaping, characters XML cannot hold, `<br/>` in descriptions, diagnostics, determinism.

use base64::Engine as _;
use crosswalk_datacite::xml;
use crosswalk_model::{
    codes, Affiliation, AlternateIdentifier, Contributor, ContributorType, Coordinate, Creator, Date, DateType,
    Description, DescriptionType, Diagnostic, FunderIdentifierType, FundingReference, GeoBox, GeoLocation,
    NameIdentifier, NameType, NumberType, Point, Polygon, Publisher, RelatedIdentifier, RelatedIdentifierType,
    RelatedItem, RelatedItemContributor, RelatedItemCreator, RelatedItemIdentifier, RelationType, Resource,
    ResourceTypeGeneral, Rights, Severity, Subject, Title, TitleType, Types,
};
use crosswalk_testkit::{assert_official_xsd_valid, assert_snapshot, shared_or_skip};

const SEED_DOI: &str = "10.5438/2wnw-c484";
const SEED_TITLE: &str =
    "DataCite Metadata Schema Documentation for the Publication and Citation of Research Data v4.0";

/// The resource of DataCite's "minimum required metadata" payload example.
fn seed_resource() -> Resource {
    Resource {
        doi: Some(SEED_DOI.into()),
        creators: vec![Creator::named("DataCite Metadata Working Group")],
        titles: vec![Title::new(SEED_TITLE)],
        publisher: Some(Publisher::named("DataCite e.V.")),
        publication_year: Some("2016".into()),
        types: Types::new(ResourceTypeGeneral::Text, None),
        ..Resource::default()
    }
}

/// The base64 values of the `"xml"` attributes in a seed page, in page order.
fn xml_attributes(page: &str) -> Vec<String> {
    const KEY: &str = "\"xml\": \"";
    page.match_indices(KEY)
        .filter_map(|(at, _)| {
            let rest = page.get(at + KEY.len()..)?;
            rest.find('"').and_then(|end| rest.get(..end)).map(str::to_owned)
        })
        .collect()
}

#[test]
fn writes_datacites_payload_example_byte_for_byte() {
    let shared = shared_or_skip!();
    let page = std::fs::read_to_string(shared.join("seeds/001_a7183f61ec344df4.txt")).expect("read seed page");
    let values = xml_attributes(&page);
    let encoded = values.get(2).expect("the page has a third \"xml\" value");
    let expected = base64::engine::general_purpose::STANDARD.decode(encoded).expect("the seed's xml is base64");
    let expected = String::from_utf8(expected).expect("the seed's xml is UTF-8");
    assert!(expected.contains(SEED_DOI), "the third \"xml\" value is the {SEED_DOI} example");

    let written = xml::write(&seed_resource());
    assert_eq!(written.text, expected);
    assert!(written.diagnostics.is_empty(), "{:?}", written.diagnostics);
    assert_official_xsd_valid("seed example", &written.text);
}

fn name_identifier(id: &str, scheme: &str, uri: &str) -> NameIdentifier {
    NameIdentifier {
        name_identifier: id.into(),
        name_identifier_scheme: Some(scheme.into()),
        scheme_uri: Some(uri.into()),
    }
}

fn ror_affiliation(name: &str, ror: &str) -> Affiliation {
    Affiliation {
        name: name.into(),
        affiliation_identifier: Some(ror.into()),
        affiliation_identifier_scheme: Some("ROR".into()),
        scheme_uri: Some("https://ror.org".into()),
        lang: None,
    }
}

fn point(latitude: &str, longitude: &str) -> Point {
    Point { point_latitude: Coordinate::from(latitude), point_longitude: Coordinate::from(longitude) }
}

fn geo_box(west: &str, east: &str, south: &str, north: &str) -> GeoBox {
    GeoBox {
        west_bound_longitude: west.into(),
        east_bound_longitude: east.into(),
        south_bound_latitude: south.into(),
        north_bound_latitude: north.into(),
    }
}

/// A square polygon around a corner, closed, with a point inside it.
fn square(latitude: f64, longitude: f64, inside: bool) -> Polygon {
    let corner = |dlat: f64, dlon: f64| point(&format!("{}", latitude + dlat), &format!("{}", longitude + dlon));
    Polygon {
        points: vec![corner(0.0, 0.0), corner(1.0, 0.0), corner(1.0, 1.0), corner(0.0, 1.0), corner(0.0, 0.0)],
        in_polygon_point: inside.then(|| corner(0.5, 0.5)),
    }
}

/// A resource using every field of the model, with listed vocabulary values only.
fn full_resource() -> Resource {
    Resource {
        doi: Some("10.82433/B09Z-4K37".into()),
        alternate_identifiers: vec![
            AlternateIdentifier {
                alternate_identifier: "12345".into(),
                alternate_identifier_type: Some("Local accession number".into()),
            },
            AlternateIdentifier {
                alternate_identifier: "https://example.org/records/12345".into(),
                alternate_identifier_type: Some("URL".into()),
            },
        ],
        creators: vec![
            Creator {
                name: "Garcia, Sofia".into(),
                name_type: Some(NameType::Personal),
                given_name: Some("Sofia".into()),
                family_name: Some("Garcia".into()),
                lang: None,
                name_identifiers: vec![name_identifier(
                    "https://orcid.org/0000-0001-5727-2427",
                    "ORCID",
                    "https://orcid.org",
                )],
                affiliation: vec![
                    ror_affiliation("Example University", "https://ror.org/04wxnsj81"),
                    Affiliation { lang: Some("de".into()), ..Affiliation::named("Beispielinstitut für Daten") },
                ],
            },
            Creator {
                name: "Example Research Consortium".into(),
                name_type: Some(NameType::Organizational),
                lang: Some("en".into()),
                name_identifiers: vec![name_identifier("https://ror.org/03yrm5c26", "ROR", "https://ror.org")],
                ..Creator::default()
            },
        ],
        titles: vec![
            Title {
                title: "Soil moisture & temperature, 2019–2023".into(), title_type: None, lang: Some("en".into())
            },
            Title {
                title: "Daily readings from 40 stations".into(),
                title_type: Some(TitleType::Subtitle),
                lang: Some("en".into()),
            },
            Title {
                title: "Humidité et température du sol".into(),
                title_type: Some(TitleType::TranslatedTitle),
                lang: Some("fr".into()),
            },
            Title { title: "SMT-40".into(), title_type: Some(TitleType::AlternativeTitle), lang: None },
            Title { title: "Station network data".into(), title_type: Some(TitleType::Other), lang: None },
        ],
        publisher: Some(Publisher {
            name: "Example Data Repository".into(),
            publisher_identifier: Some("https://ror.org/04z8jg394".into()),
            publisher_identifier_scheme: Some("ROR".into()),
            scheme_uri: Some("https://ror.org/".into()),
            lang: Some("en".into()),
        }),
        publication_year: Some("2024".into()),
        subjects: vec![
            Subject {
                subject: "FOS: Earth and related environmental sciences".into(),
                subject_scheme: Some("Fields of Science and Technology (FOS)".into()),
                scheme_uri: Some("http://www.oecd.org/science/inno".into()),
                value_uri: Some("http://www.oecd.org/science/inno/38235147.pdf".into()),
                classification_code: Some("1.5".into()),
                lang: Some("en".into()),
            },
            Subject { subject: "soil moisture".into(), ..Subject::default() },
        ],
        contributors: vec![
            Contributor {
                name: "Okafor, Chinedu".into(),
                name_type: Some(NameType::Personal),
                given_name: Some("Chinedu".into()),
                family_name: Some("Okafor".into()),
                lang: None,
                name_identifiers: vec![name_identifier(
                    "https://orcid.org/0000-0002-7285-027X",
                    "ORCID",
                    "https://orcid.org",
                )],
                affiliation: vec![ror_affiliation("Example University", "https://ror.org/04wxnsj81")],
                contributor_type: Some(ContributorType::ContactPerson),
            },
            Contributor {
                name: "Example Hosting Centre".into(),
                name_type: Some(NameType::Organizational),
                lang: Some("en".into()),
                contributor_type: Some(ContributorType::HostingInstitution),
                ..Contributor::default()
            },
        ],
        dates: vec![
            Date { date: "2019-01-01/2023-12-31".into(), date_type: Some(DateType::Collected), date_information: None },
            Date { date: "2024-03-01".into(), date_type: Some(DateType::Issued), date_information: None },
            Date {
                date: "2024-05-01".into(),
                date_type: Some(DateType::Other),
                date_information: Some("Date of the last calibration".into()),
            },
        ],
        language: Some("en-GB".into()),
        types: Types::new(ResourceTypeGeneral::Dataset, Some("Sensor readings")),
        related_identifiers: vec![
            RelatedIdentifier {
                related_identifier: "10.1016/j.epsl.2011.11.037".into(),
                related_identifier_type: Some(RelatedIdentifierType::Doi),
                relation_type: Some(RelationType::IsCitedBy),
                resource_type_general: Some(ResourceTypeGeneral::JournalArticle),
                ..RelatedIdentifier::default()
            },
            RelatedIdentifier {
                related_identifier: "https://example.org/metadata/smt-40.xml".into(),
                related_identifier_type: Some(RelatedIdentifierType::Url),
                relation_type: Some(RelationType::HasMetadata),
                related_metadata_scheme: Some("DDI-L".into()),
                scheme_uri: Some(
                    "http://www.ddialliance.org/Specification/DDI-Lifecycle/3.1/XMLSchema/instance.xsd".into(),
                ),
                scheme_type: Some("XSD".into()),
                ..RelatedIdentifier::default()
            },
            RelatedIdentifier {
                related_identifier: "10.5281/zenodo.1234567".into(),
                related_identifier_type: Some(RelatedIdentifierType::Doi),
                relation_type: Some(RelationType::Other),
                relation_type_information: Some("Calibrated with".into()),
                resource_type_general: Some(ResourceTypeGeneral::Software),
                ..RelatedIdentifier::default()
            },
        ],
        related_items: vec![
            RelatedItem {
                related_item_type: Some(ResourceTypeGeneral::JournalArticle),
                relation_type: Some(RelationType::IsDescribedBy),
                relation_type_information: Some("Data descriptor".into()),
                related_item_identifier: Some(RelatedItemIdentifier {
                    related_item_identifier: "10.1234/example.5678".into(),
                    related_item_identifier_type: Some(RelatedIdentifierType::Doi),
                    related_metadata_scheme: Some("citeproc+json".into()),
                    scheme_uri: Some(
                        "https://github.com/citation-style-language/schema/raw/master/csl-data.json".into(),
                    ),
                    scheme_type: Some("JSON".into()),
                }),
                creators: vec![
                    RelatedItemCreator {
                        name: "Garcia, Sofia".into(),
                        name_type: Some(NameType::Personal),
                        given_name: Some("Sofia".into()),
                        family_name: Some("Garcia".into()),
                        lang: None,
                    },
                    RelatedItemCreator {
                        name: "Example Research Consortium".into(),
                        name_type: Some(NameType::Organizational),
                        lang: Some("en".into()),
                        ..RelatedItemCreator::default()
                    },
                ],
                titles: vec![
                    Title::new("A network of soil stations"),
                    Title {
                        title: "Un réseau de stations".into(),
                        title_type: Some(TitleType::TranslatedTitle),
                        lang: Some("fr".into()),
                    },
                ],
                publication_year: Some("2024".into()),
                volume: Some("12".into()),
                issue: Some("3".into()),
                number: Some("e42".into()),
                number_type: Some(NumberType::Article),
                first_page: Some("101".into()),
                last_page: Some("117".into()),
                publisher: Some("Example Journals".into()),
                edition: Some("2nd".into()),
                contributors: vec![RelatedItemContributor {
                    name: "Okafor, Chinedu".into(),
                    name_type: Some(NameType::Personal),
                    given_name: Some("Chinedu".into()),
                    family_name: Some("Okafor".into()),
                    lang: None,
                    contributor_type: Some(ContributorType::Editor),
                }],
            },
            RelatedItem {
                related_item_type: Some(ResourceTypeGeneral::Book),
                relation_type: Some(RelationType::IsPublishedIn),
                titles: vec![Title::new("Proceedings of the Soil Network")],
                ..RelatedItem::default()
            },
        ],
        sizes: vec!["1.2 GB".into(), "40 files".into()],
        formats: vec!["text/csv".into(), "application/x-netcdf".into()],
        version: Some("2.1".into()),
        rights_list: vec![
            Rights {
                rights: Some("Creative Commons Attribution 4.0 International".into()),
                rights_uri: Some("https://creativecommons.org/licenses/by/4.0/legalcode".into()),
                rights_identifier: Some("CC-BY-4.0".into()),
                rights_identifier_scheme: Some("SPDX".into()),
                scheme_uri: Some("https://spdx.org/licenses/".into()),
                lang: Some("en".into()),
            },
            Rights { rights_uri: Some("info:eu-repo/semantics/openAccess".into()), ..Rights::default() },
        ],
        descriptions: vec![
            Description {
                description: "Readings every ten minutes.\u{2028}Stations 1–40.\u{2028}Gaps marked -9999 < 0.".into(),
                description_type: Some(DescriptionType::Abstract),
                lang: Some("en".into()),
            },
            Description {
                description: "TDR probes at 10 cm and 30 cm depth.".into(),
                description_type: Some(DescriptionType::Methods),
                lang: None,
            },
            Description {
                description: "Soil Network Data, vol. 3".into(),
                description_type: Some(DescriptionType::SeriesInformation),
                lang: None,
            },
        ],
        geo_locations: vec![
            GeoLocation {
                places: vec!["Vancouver, British Columbia, Canada".into(), "Burnaby, British Columbia, Canada".into()],
                points: vec![point("49.2827", "-123.1207"), point("49.2488", "-122.9805")],
                boxes: vec![
                    geo_box("-123.27", "-123.02", "49.195", "49.315"),
                    geo_box("-123.02", "-122.89", "49.18", "49.30"),
                ],
                polygons: vec![square(41.0, -71.0, true), square(45.0, -75.0, false)],
            },
            GeoLocation {
                places: vec!["Atlantic Ocean".into()],
                points: vec![point("31.233", "-67.302")],
                boxes: vec![geo_box("-68.211", "-66.973", "41.090", "42.893")],
                polygons: vec![Polygon {
                    points: vec![
                        point("41.991", "-71.032"),
                        point("42.893", "-69.622"),
                        point("41.991", "-68.211"),
                        point("41.090", "-69.622"),
                        point("41.991", "-71.032"),
                    ],
                    in_polygon_point: Some(point("41.991", "-69.622")),
                }],
            },
        ],
        funding_references: vec![
            FundingReference {
                funder_name: "Example Science Foundation".into(),
                funder_identifier: Some("https://doi.org/10.13039/501100000780".into()),
                funder_identifier_type: Some(FunderIdentifierType::CrossrefFunderId),
                scheme_uri: Some("https://www.crossref.org/services/funder-registry/".into()),
                award_number: Some("EX-2019-042".into()),
                award_uri: Some("https://example.org/awards/EX-2019-042".into()),
                award_title: Some("A continental soil moisture network".into()),
            },
            FundingReference {
                funder_name: "Example Regional Council".into(),
                funder_identifier: Some("https://ror.org/03yrm5c26".into()),
                funder_identifier_type: Some(FunderIdentifierType::Ror),
                ..FundingReference::default()
            },
        ],
        url: Some("https://example.org/datasets/smt-40".into()),
        content_url: vec!["https://example.org/files/smt-40.zip".into()],
    }
}

fn codes_of(diagnostics: &[Diagnostic]) -> Vec<(&str, Option<&str>)> {
    diagnostics.iter().map(|d| (d.code.as_ref(), d.location.path.as_deref())).collect()
}

#[test]
fn full_resource_is_valid_and_matches_its_snapshot() {
    let written = xml::write(&full_resource());
    assert_official_xsd_valid("full resource", &written.text);
    assert_snapshot("xml-write/full.xml", &written.text);
    // Only what the XML cannot hold is reported: the affiliation's language and the REST attributes.
    assert_eq!(
        codes_of(&written.diagnostics),
        vec![
            (codes::WRITE_UNREPRESENTABLE, Some("/creators/0/affiliation/1/lang")),
            (codes::WRITE_UNREPRESENTABLE, Some("/url")),
            (codes::WRITE_UNREPRESENTABLE, Some("/contentUrl")),
        ]
    );
    let severities: Vec<Severity> = written.diagnostics.iter().map(|d| d.severity).collect();
    assert_eq!(severities, vec![Severity::Warning, Severity::Info, Severity::Info]);
    assert!(written.diagnostics[0].message.contains("\"de\""), "{}", written.diagnostics[0]);
}

#[test]
fn writing_is_deterministic() {
    let resource = full_resource();
    let first = xml::write(&resource);
    let second = xml::write(&resource);
    assert_eq!(first.text.as_bytes(), second.text.as_bytes());
    assert_eq!(first.diagnostics, second.diagnostics);
}

#[test]
fn layout_has_no_trailing_newline_and_two_space_indents() {
    let text = xml::write(&full_resource()).text;
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<resource "));
    assert!(text.ends_with("\n</resource>"));
    assert!(!text.contains('\r'));
    for line in text.lines().skip(2) {
        let indent = line.len() - line.trim_start_matches(' ').len();
        assert_eq!(indent % 2, 0, "odd indentation: {line:?}");
        assert!(!line.starts_with('\t'), "{line:?}");
    }
}

#[test]
fn elements_follow_the_xsd_order() {
    let text = xml::write(&full_resource()).text;
    let order = [
        "<identifier ",
        "<creators>",
        "<titles>",
        "<publisher ",
        "<publicationYear>",
        "<resourceType ",
        "<subjects>",
        "<contributors>",
        "<dates>",
        "<language>",
        "<alternateIdentifiers>",
        "<relatedIdentifiers>",
        "<sizes>",
        "<formats>",
        "<version>",
        "<rightsList>",
        "<descriptions>",
        "<geoLocations>",
        "<fundingReferences>",
        "<relatedItems>",
    ];
    let positions: Vec<usize> =
        order.iter().map(|tag| text.find(&format!("\n  {tag}")).unwrap_or_else(|| panic!("{tag} missing"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

/// Every line that is an element without attributes and without content, or an open/close pair
/// with nothing between.
fn empty_elements(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| {
            let bare_self_closing = line.ends_with("/>") && !line.contains(' ') && *line != "<br/>";
            let empty_pair = line.find("></").is_some_and(|at| !line[..at].contains('>'));
            bare_self_closing || empty_pair
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn empty_strings_and_lists_write_no_empty_elements() {
    let mut r = seed_resource();
    r.creators.push(Creator { name: " ".into(), affiliation: vec![Affiliation::named("")], ..Creator::default() });
    r.titles.push(Title::new(""));
    r.subjects.push(Subject::default());
    r.contributors.push(Contributor::default());
    r.dates.push(Date::default());
    r.language = Some(String::new());
    r.alternate_identifiers.push(AlternateIdentifier::default());
    r.related_identifiers.push(RelatedIdentifier::default());
    r.sizes = vec![String::new(), "  ".into()];
    r.formats = vec![String::new()];
    r.version = Some(String::new());
    r.rights_list.push(Rights { rights: Some(String::new()), ..Rights::default() });
    r.descriptions.push(Description::default());
    r.geo_locations = vec![
        GeoLocation::default(),
        GeoLocation {
            places: vec![String::new()],
            points: vec![Point::default()],
            boxes: vec![GeoBox::default()],
            polygons: vec![Polygon { points: vec![Point::default(); 4], in_polygon_point: Some(Point::default()) }],
        },
    ];
    r.funding_references.push(FundingReference { award_title: Some(String::new()), ..FundingReference::default() });
    r.related_items.push(RelatedItem {
        related_item_identifier: Some(RelatedItemIdentifier::default()),
        creators: vec![RelatedItemCreator::default()],
        titles: vec![Title::default()],
        volume: Some(String::new()),
        contributors: vec![RelatedItemContributor::default()],
        ..RelatedItem::default()
    });
    r.url = Some(String::new());
    r.content_url = vec![String::new()];

    let written = xml::write(&r);
    assert_eq!(written.text, xml::write(&seed_resource()).text);
    assert!(empty_elements(&written.text).is_empty());
    // Nothing but blanks was there: nothing is reported lost.
    assert!(written.diagnostics.is_empty(), "{:?}", written.diagnostics);
}

#[test]
fn elements_that_stand_on_their_attributes_close_themselves() {
    let mut r = seed_resource();
    r.rights_list.push(Rights {
        rights_uri: Some("https://creativecommons.org/publicdomain/zero/1.0/".into()),
        ..Rights::default()
    });
    r.funding_references.push(FundingReference {
        funder_name: "Example Funder".into(),
        award_uri: Some("https://example.org/award/7".into()),
        ..FundingReference::default()
    });
    r.subjects.push(Subject {
        subject_scheme: Some("Example thesaurus".into()),
        value_uri: Some("https://example.org/terms/soil".into()),
        ..Subject::default()
    });
    let written = xml::write(&r);
    assert!(written
        .text
        .contains("\n    <rights rightsURI=\"https://creativecommons.org/publicdomain/zero/1.0/\"/>\n"));
    assert!(written.text.contains("\n      <awardNumber awardURI=\"https://example.org/award/7\"/>\n"));
    assert!(written.text.contains(
        "\n    <subject subjectScheme=\"Example thesaurus\" valueURI=\"https://example.org/terms/soil\"/>\n"
    ));
    assert!(written.diagnostics.is_empty(), "{:?}", written.diagnostics);
    assert_official_xsd_valid("attribute-only elements", &written.text);
}

#[test]
fn escapes_text_and_attribute_values() {
    let mut r = seed_resource();
    r.titles = vec![Title::new("Fish & chips <1980> \"q\" 'a' ]]>")];
    r.dates.push(Date {
        date: "2020".into(),
        date_type: Some(DateType::Other),
        date_information: Some("a\tb\nc\r\"d\" <e> & 'f'".into()),
    });
    let written = xml::write(&r);
    assert!(written.text.contains("<title>Fish &amp; chips &lt;1980&gt; \"q\" 'a' ]]&gt;</title>"), "{}", written.text);
    assert!(written.text.contains("dateInformation=\"a&#9;b&#10;c&#13;&quot;d&quot; &lt;e> &amp; 'f'\""));
    assert!(written.diagnostics.is_empty(), "{:?}", written.diagnostics);

    // The values survive a parser, attribute-value normalisation included.
    let doc = roxmltree::Document::parse(&written.text).expect("well-formed");
    let title = doc.descendants().find(|n| n.has_tag_name("title")).and_then(|n| n.text());
    assert_eq!(title, Some("Fish & chips <1980> \"q\" 'a' ]]>"));
    let info = doc.descendants().find(|n| n.has_tag_name("date")).and_then(|n| n.attribute("dateInformation"));
    assert_eq!(info, Some("a\tb\nc\r\"d\" <e> & 'f'"));
    assert_official_xsd_valid("escaping", &written.text);
}

#[test]
fn carriage_returns_in_text_survive_a_parser() {
    let mut r = seed_resource();
    r.descriptions.push(Description {
        description: "line one\r\nline two".into(),
        description_type: Some(DescriptionType::Abstract),
        lang: None,
    });
    let written = xml::write(&r);
    assert!(written.text.contains(">line one&#13;\nline two</description>"));
    let doc = roxmltree::Document::parse(&written.text).expect("well-formed");
    let text = doc.descendants().find(|n| n.has_tag_name("description")).and_then(|n| n.text());
    assert_eq!(text, Some("line one\r\nline two"));
}

#[test]
fn characters_xml_cannot_hold_are_left_out_and_reported() {
    let mut r = seed_resource();
    r.titles = vec![Title::new("Bell\u{7} and\u{0} \u{FFFE}end\u{FFFF}")];
    r.creators[0].affiliation.push(Affiliation {
        affiliation_identifier: Some("https://ror.org/\u{1b}04wxnsj81".into()),
        ..Affiliation::named("Example University")
    });
    r.descriptions.push(Description {
        description: "before\u{1}\u{2028}after".into(),
        description_type: Some(DescriptionType::Abstract),
        lang: None,
    });
    let written = xml::write(&r);
    assert!(written.text.contains("<title>Bell and end</title>"));
    assert!(written.text.contains("affiliationIdentifier=\"https://ror.org/04wxnsj81\""));
    assert!(written.text.contains(">before<br/>after</description>"));
    assert_eq!(
        codes_of(&written.diagnostics),
        vec![
            (codes::WRITE_UNREPRESENTABLE, Some("/creators/0/affiliation/0/affiliationIdentifier")),
            (codes::WRITE_UNREPRESENTABLE, Some("/titles/0/title")),
            (codes::WRITE_UNREPRESENTABLE, Some("/descriptions/0/description")),
        ]
    );
    assert!(written.diagnostics.iter().all(|d| d.severity == Severity::Warning));
    assert!(written.diagnostics[0].message.contains("U+001B"), "{}", written.diagnostics[0]);
    assert!(written.diagnostics[1].message.contains("U+0007"), "{}", written.diagnostics[1]);
    assert_official_xsd_valid("control characters", &written.text);
}

/// The model's line break (U+2028) is the `<br/>` element; text that reads like one is text
/// (issue 15, item 25).
#[test]
fn line_breaks_in_descriptions_become_br_elements_and_text_stays_text() {
    let mut r = seed_resource();
    r.descriptions.push(Description {
        description: "one\u{2028}two\u{2028}\u{2028}three<br/>four<br> <brown> & <b>bold</b><br".into(),
        description_type: Some(DescriptionType::Abstract),
        lang: Some("en".into()),
    });
    let written = xml::write(&r);
    assert!(
        written.text.contains(
            "\n    <description descriptionType=\"Abstract\" xml:lang=\"en\">one<br/>two<br/><br/>three&lt;br/&gt;four&lt;br&gt; \
             &lt;brown&gt; &amp; &lt;b&gt;bold&lt;/b&gt;&lt;br</description>\n"
        ),
        "{}",
        written.text
    );
    assert!(written.diagnostics.is_empty(), "{:?}", written.diagnostics);
    assert_official_xsd_valid("br", &written.text);
    assert_eq!(xml::read(written.text.as_bytes()).resource.descriptions, r.descriptions);
}

#[test]
fn without_a_doi_there_is_no_identifier_and_an_info() {
    let mut r = seed_resource();
    r.doi = None;
    let written = xml::write(&r);
    assert!(!written.text.contains("<identifier"));
    assert!(written.text.contains("\">\n  <creators>\n"));
    assert_eq!(codes_of(&written.diagnostics), vec![(xml::write::IDENTIFIER_OMITTED, Some("/doi"))]);
    assert_eq!(written.diagnostics[0].severity, Severity::Info);
}

#[test]
fn the_doi_keeps_its_case() {
    let mut r = seed_resource();
    r.doi = Some("10.5438/2WNW-c484".into());
    assert!(xml::write(&r).text.contains("<identifier identifierType=\"DOI\">10.5438/2WNW-c484</identifier>"));
}

#[test]
fn missing_required_properties_are_each_reported() {
    let r = Resource { doi: Some("10.5438/0012".into()), version: Some("1.0".into()), ..Resource::default() };
    let written = xml::write(&r);
    assert_eq!(
        codes_of(&written.diagnostics),
        vec![
            (codes::REQUIRED_MISSING, Some("/creators")),
            (codes::REQUIRED_MISSING, Some("/titles")),
            (codes::REQUIRED_MISSING, Some("/publisher")),
            (codes::REQUIRED_MISSING, Some("/publicationYear")),
            (codes::REQUIRED_MISSING, Some("/types/resourceTypeGeneral")),
        ]
    );
    assert!(written.diagnostics.iter().all(|d| d.severity == Severity::Warning));
    assert!(written.diagnostics[0].message.contains("creators"));
    assert_eq!(
        written.text.lines().skip(2).collect::<Vec<_>>(),
        vec![
            "  <identifier identifierType=\"DOI\">10.5438/0012</identifier>",
            "  <version>1.0</version>",
            "</resource>"
        ]
    );
}

#[test]
fn an_empty_resource_is_a_self_closing_root() {
    let written = xml::write(&Resource::default());
    assert!(written.text.ends_with("metadata.xsd\"/>"), "{}", written.text);
    assert_eq!(written.diagnostics.iter().filter(|d| d.code == codes::REQUIRED_MISSING).count(), 5);
}

#[test]
fn missing_required_attributes_and_names_are_reported() {
    let mut r = seed_resource();
    r.contributors.push(Contributor {
        given_name: Some("Ada".into()),
        family_name: Some("Lovelace".into()),
        ..Contributor::default()
    });
    r.dates.push(Date { date: "2020".into(), ..Date::default() });
    r.related_identifiers
        .push(RelatedIdentifier { related_identifier: "10.1/x".into(), ..RelatedIdentifier::default() });
    r.funding_references.push(FundingReference {
        funder_identifier: Some("https://ror.org/03yrm5c26".into()),
        ..FundingReference::default()
    });
    let written = xml::write(&r);
    assert!(written.text.contains("    <contributor>\n      <givenName>Ada</givenName>\n"));
    assert_eq!(
        codes_of(&written.diagnostics),
        vec![
            (codes::REQUIRED_MISSING, Some("/contributors/0/name")),
            (codes::REQUIRED_MISSING, Some("/contributors/0/contributorType")),
            (codes::REQUIRED_MISSING, Some("/dates/0/dateType")),
            (codes::REQUIRED_MISSING, Some("/relatedIdentifiers/0/relatedIdentifierType")),
            (codes::REQUIRED_MISSING, Some("/relatedIdentifiers/0/relationType")),
            (codes::REQUIRED_MISSING, Some("/fundingReferences/0/funderIdentifierType")),
            (codes::REQUIRED_MISSING, Some("/fundingReferences/0/funderName")),
        ]
    );
}

#[test]
fn attributes_of_an_empty_value_are_reported_lost() {
    let mut r = seed_resource();
    r.titles.push(Title { title: String::new(), title_type: Some(TitleType::Subtitle), lang: Some("en".into()) });
    r.related_identifiers.push(RelatedIdentifier {
        related_identifier: " ".into(),
        related_identifier_type: Some(RelatedIdentifierType::Doi),
        relation_type: Some(RelationType::Cites),
        ..RelatedIdentifier::default()
    });
    let written = xml::write(&r);
    assert_eq!(written.text, xml::write(&seed_resource()).text);
    assert_eq!(
        codes_of(&written.diagnostics),
        vec![
            (codes::VALUE_EMPTY, Some("/titles/1/title")),
            (codes::VALUE_EMPTY, Some("/relatedIdentifiers/0/relatedIdentifier")),
        ]
    );
    assert!(written.diagnostics[0].message.contains("titleType=\"Subtitle\""), "{}", written.diagnostics[0]);
}

#[test]
fn polygons_of_fewer_than_four_points_are_written_and_reported() {
    let mut r = seed_resource();
    r.geo_locations.push(GeoLocation {
        polygons: vec![
            Polygon {
                points: vec![point("1", "1"), point("2", "2"), point("1", "1")],
                in_polygon_point: Some(point("1.5", "1.5")),
            },
            square(10.0, 10.0, false),
        ],
        ..GeoLocation::default()
    });
    let written = xml::write(&r);
    assert_eq!(written.text.matches("<polygonPoint>").count(), 8);
    assert_eq!(written.text.matches("<inPolygonPoint>").count(), 1);
    assert_eq!(
        codes_of(&written.diagnostics),
        vec![(codes::VALUE_INVALID, Some("/geoLocations/0/geoLocationPolygon/0"))]
    );
    assert!(written.diagnostics[0].message.contains("3 point"), "{}", written.diagnostics[0]);
}

#[test]
fn coordinates_are_written_as_stored_and_checked() {
    let mut r = seed_resource();
    r.geo_locations.push(GeoLocation {
        points: vec![point("41.090", "-071.50"), point("95", "east")],
        boxes: vec![geo_box("-10", "", "1", "2")],
        ..GeoLocation::default()
    });
    let written = xml::write(&r);
    assert!(written.text.contains(
        "      <geoLocationPoint>\n        <pointLongitude>-071.50</pointLongitude>\n        <pointLatitude>41.090</pointLatitude>\n      </geoLocationPoint>\n"
    ));
    assert_eq!(
        codes_of(&written.diagnostics),
        vec![
            (codes::VALUE_INVALID, Some("/geoLocations/0/geoLocationPoint/1/pointLongitude")),
            (codes::VALUE_INVALID, Some("/geoLocations/0/geoLocationPoint/1/pointLatitude")),
            (codes::REQUIRED_MISSING, Some("/geoLocations/0/geoLocationBox/eastBoundLongitude")),
        ]
    );
}

#[test]
fn unknown_vocabulary_values_are_written_and_reported() {
    let mut r = seed_resource();
    r.types.resource_type_general = Some(ResourceTypeGeneral::Unknown("Film".into()));
    r.contributors.push(Contributor {
        name: "Example Agency".into(),
        contributor_type: Some(ContributorType::Unknown("Funder".into())),
        ..Contributor::default()
    });
    let written = xml::write(&r);
    assert!(written.text.contains("<resourceType resourceTypeGeneral=\"Film\"/>"));
    assert!(written.text.contains("<contributor contributorType=\"Funder\">"));
    assert_eq!(
        codes_of(&written.diagnostics),
        vec![
            (codes::VOCAB_UNKNOWN, Some("/types/resourceTypeGeneral")),
            (codes::VOCAB_UNKNOWN, Some("/contributors/0/contributorType")),
        ]
    );
}

#[test]
fn invalid_years_languages_and_dois_are_written_and_reported() {
    let mut r = seed_resource();
    r.doi = Some("doi 10.5438/x".into());
    r.publication_year = Some("16".into());
    r.language = Some("English (UK)".into());
    r.titles[0].lang = Some("en_GB".into());
    let written = xml::write(&r);
    assert!(written.text.contains("<publicationYear>16</publicationYear>"));
    assert!(written.text.contains("<language>English (UK)</language>"));
    assert_eq!(
        codes_of(&written.diagnostics),
        vec![
            (codes::VALUE_INVALID, Some("/doi")),
            (codes::VALUE_INVALID, Some("/titles/0/lang")),
            (codes::VALUE_INVALID, Some("/publicationYear")),
            (codes::VALUE_INVALID, Some("/language")),
        ]
    );
}

#[test]
fn publisher_and_affiliation_identifiers_without_names_are_kept() {
    let mut r = seed_resource();
    r.publisher = Some(Publisher {
        publisher_identifier: Some("https://ror.org/04z8jg394".into()),
        publisher_identifier_scheme: Some("ROR".into()),
        ..Publisher::default()
    });
    r.creators[0].affiliation.push(Affiliation { lang: Some("en".into()), ..ror_affiliation("", "https://ror.org/1") });
    let written = xml::write(&r);
    assert!(written.text.contains(
        "  <publisher publisherIdentifier=\"https://ror.org/04z8jg394\" publisherIdentifierScheme=\"ROR\"/>\n"
    ));
    assert!(written.text.contains("      <affiliation affiliationIdentifier=\"https://ror.org/1\" affiliationIdentifierScheme=\"ROR\" schemeURI=\"https://ror.org\"/>\n"));
    assert_eq!(
        codes_of(&written.diagnostics),
        vec![
            (codes::REQUIRED_MISSING, Some("/creators/0/affiliation/0/name")),
            (codes::WRITE_UNREPRESENTABLE, Some("/creators/0/affiliation/0/lang")),
            (codes::REQUIRED_MISSING, Some("/publisher/name")),
        ]
    );
}

#[test]
fn every_emitted_code_is_documented() {
    let mut resources = vec![full_resource(), Resource::default()];
    let mut r = seed_resource();
    r.doi = None;
    r.titles.push(Title { title: String::new(), title_type: Some(TitleType::Other), lang: None });
    r.titles.push(Title::new("\u{1}x"));
    r.language = Some("not a tag".into());
    r.types.resource_type_general = Some(ResourceTypeGeneral::Unknown("Film".into()));
    resources.push(r);
    let documented: Vec<&str> = xml::write::CODES.iter().map(|c| c.code).collect();
    let mut seen = std::collections::BTreeSet::new();
    for resource in &resources {
        for d in xml::write(resource).diagnostics {
            assert!(documented.contains(&d.code.as_ref()), "{} is not in CODES", d.code);
            assert!(d.location.path.is_some(), "{d} has no path");
            seen.insert(d.code.into_owned());
        }
    }
    assert_eq!(seen.len(), documented.len(), "seen {seen:?}, documented {documented:?}");
}
