//! Properties of the model's round trips, checked with proptest on generated records.
//!
//! - Any *valid* model (one a reader could have produced: trimmed non-empty text without control
//!   characters, known vocabulary values or unknown ones that match no listed value, coordinates
//!   in range as decimal text, closed polygons, the attributes the XSD requires) is written as
//!   DataCite XML and read back to the same model, and likewise through DataCite JSON.
//! - Every writer's output for such a model reads back with its own reader as one record without
//!   errors.
//! - A model with blank values and white space around values, once tidied (the last step of
//!   every reader), reads back the same from DataCite JSON, and its DataCite XML is written the
//!   same after reading it back; tidying twice changes nothing the second time.
//! - Converting *any* model (arbitrary Unicode, blanks, control characters, unknown values,
//!   coordinates that are not numbers) never panics: every writer, reading their output back,
//!   payloads, and validation of the written XML.
//!
//! - The Crossref deposit of any model (given a DOI, a URL, a kind and a container) is valid
//!   against Crossref's 5.4.0 XSD, or refused with an error and not written.
//!
//! - The DataCite XML writer's proof of validity agrees with libxml2: a document proven valid
//!   is valid, on generated models pushed to the edges of the XSD (the differential test; its
//!   fixture and corpus halves are in `differential.rs`).
//!
//! A failure prints the shrunk model; `PROPTEST_CASES=10000` runs more cases.

use crosswalk::{Format, Resource};
use crosswalk_model::vocab::Vocabulary;
use crosswalk_model::{
    Affiliation, AlternateIdentifier, Contributor, ContributorType, Coordinate, Creator, Date, DateType, Description,
    DescriptionType, FunderIdentifierType, FundingReference, GeoBox, GeoLocation, NameIdentifier, NameType, NumberType,
    Point, Polygon, Publisher, RelatedIdentifier, RelatedIdentifierType, RelatedItem, RelatedItemContributor,
    RelatedItemCreator, RelatedItemIdentifier, RelationType, ResourceTypeGeneral, Rights, Subject, Title, TitleType,
    Types,
};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

// ----- text -----

/// How values are generated: as a reader could have produced them (`Valid`), the same with
/// listed vocabulary values only and the attributes the XSD requires (`Listed`), or anything at
/// all (`Arbitrary`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Texts {
    Valid,
    Listed,
    Arbitrary,
    /// `Valid`, with blank values and values with white space around them mixed in, as a
    /// careless reader could produce them: what `crosswalk_model::tidy` exists for.
    Blanky,
}

/// `valid`'s values, sometimes blank, sometimes with white space around them.
fn blanky(valid: BoxedStrategy<String>) -> BoxedStrategy<String> {
    prop_oneof![
        5 => valid.clone(),
        1 => prop::sample::select(&["", " ", "\t", "\r\n "][..]).prop_map(String::from),
        1 => valid.prop_map(|t| format!(" {t}\n")),
    ]
    .boxed()
}

const LANGS: &[&str] = &["en", "de", "fr-CA", "zh-Hant", "en-GB", "x-private"];

/// Characters a value may hold inside; the ends are never white space (readers trim).
const INNER: &str = "[a-zA-Z0-9éßøЖ中𝔘<>&\"'.,;:()/_+*#%!?=@-]";

fn text(texts: Texts) -> BoxedStrategy<String> {
    match texts {
        Texts::Valid | Texts::Listed => proptest::string::string_regex(&format!("{INNER}( ?{INNER}){{0,12}}"))
            .unwrap_or_else(|e| panic!("the text pattern: {e}"))
            .boxed(),
        // Anything: blanks, control characters, surrogate-free Unicode of every plane.
        Texts::Arbitrary => any::<String>().prop_map(|s| s.chars().take(40).collect()).boxed(),
        Texts::Blanky => blanky(text(Texts::Valid)),
    }
}

fn opt_text(texts: Texts) -> BoxedStrategy<Option<String>> {
    of(text(texts)).boxed()
}

fn uri(texts: Texts) -> BoxedStrategy<String> {
    match texts {
        Texts::Valid | Texts::Listed => {
            "https://example\\.org/[a-z0-9]{1,10}(\\?q=[a-z]{1,4}&r=[0-9])?".prop_map(String::from).boxed()
        }
        Texts::Arbitrary => text(texts),
        Texts::Blanky => blanky(uri(Texts::Valid)),
    }
}

fn lang(texts: Texts) -> BoxedStrategy<Option<String>> {
    match texts {
        Texts::Valid | Texts::Listed => of(prop::sample::select(LANGS).prop_map(String::from)).boxed(),
        Texts::Arbitrary => opt_text(texts),
        Texts::Blanky => of(blanky(prop::sample::select(LANGS).prop_map(String::from).boxed())).boxed(),
    }
}

fn year(texts: Texts) -> BoxedStrategy<String> {
    match texts {
        Texts::Valid | Texts::Listed => (1000u32..2100).prop_map(|y| y.to_string()).boxed(),
        Texts::Arbitrary => text(texts),
        Texts::Blanky => blanky(year(Texts::Valid)),
    }
}

fn doi(texts: Texts) -> BoxedStrategy<String> {
    match texts {
        Texts::Valid | Texts::Listed => "10\\.[0-9]{4,5}/[A-Za-z0-9._-]{1,12}".prop_map(String::from).boxed(),
        Texts::Arbitrary => text(texts),
        Texts::Blanky => blanky(doi(Texts::Valid)),
    }
}

/// A description: text with line breaks (the model's U+2028, DataCite XML's `<br/>`), and no text
/// that reads `<br`: DataCite JSON cannot tell such text from its line-break element (its writer
/// reports it), so it would not round-trip there.
fn description_text(texts: Texts) -> BoxedStrategy<String> {
    match texts {
        Texts::Valid | Texts::Listed => vec(text(texts).prop_filter("no <br", |t| !t.contains("<br")), 1..4)
            .prop_map(|parts| parts.join("\u{2028}"))
            .boxed(),
        Texts::Arbitrary => text(texts),
        Texts::Blanky => blanky(description_text(Texts::Valid)),
    }
}

/// A value of a controlled list: mostly listed ones, sometimes one outside the list that matches
/// none even loosely (as readers keep them, with `vocab.unknown`).
fn vocab<V: Vocabulary + std::fmt::Debug + 'static>(all: &'static [V], texts: Texts) -> BoxedStrategy<V> {
    let unknown = match texts {
        Texts::Listed => return prop::sample::select(all).boxed(),
        Texts::Valid => "X[a-z]{3,8}".prop_map(|t| V::unknown(&t)).boxed(),
        Texts::Arbitrary => text(texts).prop_map(|t| V::unknown(&t)).boxed(),
        Texts::Blanky => blanky("X[a-z]{3,8}".prop_map(String::from).boxed()).prop_map(|t| V::unknown(&t)).boxed(),
    };
    prop_oneof![9 => prop::sample::select(all), 1 => unknown].boxed()
}

fn coordinate(limit: u32, texts: Texts) -> BoxedStrategy<Coordinate> {
    match texts {
        Texts::Valid | Texts::Listed => (any::<bool>(), 0..limit, of("[0-9]{1,6}"))
            .prop_map(|(negative, whole, fraction)| {
                let sign = if negative { "-" } else { "" };
                Coordinate(match fraction {
                    Some(f) => format!("{sign}{whole}.{f}"),
                    None => format!("{sign}{whole}"),
                })
            })
            .boxed(),
        Texts::Arbitrary => text(texts).prop_map(Coordinate).boxed(),
        Texts::Blanky => blanky(coordinate(limit, Texts::Valid).prop_map(|c| c.0).boxed()).prop_map(Coordinate).boxed(),
    }
}

fn point(texts: Texts) -> BoxedStrategy<Point> {
    (coordinate(90, texts), coordinate(180, texts))
        .prop_map(|(point_latitude, point_longitude)| Point { point_latitude, point_longitude })
        .boxed()
}

// ----- the model -----

fn name_identifier(texts: Texts) -> BoxedStrategy<NameIdentifier> {
    let scheme = prop::sample::select(&["ORCID", "ISNI", "ROR", "Local"][..]).prop_map(String::from);
    let scheme = if texts == Texts::Listed { scheme.prop_map(Some).boxed() } else { of(scheme).boxed() };
    (text(texts), scheme, of(uri(texts)))
        .prop_map(|(name_identifier, name_identifier_scheme, scheme_uri)| NameIdentifier {
            name_identifier,
            name_identifier_scheme,
            scheme_uri,
        })
        .boxed()
}

fn affiliation(texts: Texts) -> BoxedStrategy<Affiliation> {
    // DataCite XML gives <affiliation> no xml:lang: a valid model has none.
    let lang = match texts {
        Texts::Valid | Texts::Listed | Texts::Blanky => Just(None).boxed(),
        Texts::Arbitrary => lang(texts),
    };
    (text(texts), of(uri(texts)), opt_text(texts), of(uri(texts)), lang)
        .prop_map(|(name, affiliation_identifier, affiliation_identifier_scheme, scheme_uri, lang)| Affiliation {
            name,
            affiliation_identifier,
            affiliation_identifier_scheme,
            scheme_uri,
            lang,
        })
        .boxed()
}

type Person = (String, Option<NameType>, Option<String>, Option<String>, Option<String>);

fn person(texts: Texts) -> BoxedStrategy<Person> {
    (text(texts), of(vocab(NameType::ALL, texts)), opt_text(texts), opt_text(texts), lang(texts)).boxed()
}

fn creator(texts: Texts) -> BoxedStrategy<Creator> {
    (person(texts), vec(name_identifier(texts), 0..3), vec(affiliation(texts), 0..3))
        .prop_map(|((name, name_type, given_name, family_name, lang), name_identifiers, affiliation)| Creator {
            name,
            name_type,
            given_name,
            family_name,
            lang,
            name_identifiers,
            affiliation,
        })
        .boxed()
}

fn contributor(texts: Texts) -> BoxedStrategy<Contributor> {
    (creator(texts), vocab(ContributorType::ALL, texts))
        .prop_map(|(c, contributor_type)| Contributor {
            name: c.name,
            name_type: c.name_type,
            given_name: c.given_name,
            family_name: c.family_name,
            lang: c.lang,
            name_identifiers: c.name_identifiers,
            affiliation: c.affiliation,
            contributor_type: Some(contributor_type),
        })
        .boxed()
}

fn title(texts: Texts) -> BoxedStrategy<Title> {
    (text(texts), of(vocab(TitleType::ALL, texts)), lang(texts))
        .prop_map(|(title, title_type, lang)| Title { title, title_type, lang })
        .boxed()
}

fn publisher(texts: Texts) -> BoxedStrategy<Publisher> {
    (text(texts), of(uri(texts)), opt_text(texts), of(uri(texts)), lang(texts))
        .prop_map(|(name, publisher_identifier, publisher_identifier_scheme, scheme_uri, lang)| Publisher {
            name,
            publisher_identifier,
            publisher_identifier_scheme,
            scheme_uri,
            lang,
        })
        .boxed()
}

fn subject(texts: Texts) -> BoxedStrategy<Subject> {
    // classificationCode is an xs:anyURI.
    (text(texts), opt_text(texts), of(uri(texts)), of(uri(texts)), of(uri(texts)), lang(texts))
        .prop_map(|(subject, subject_scheme, scheme_uri, value_uri, classification_code, lang)| Subject {
            subject,
            subject_scheme,
            scheme_uri,
            value_uri,
            classification_code,
            lang,
        })
        .boxed()
}

fn date(texts: Texts) -> BoxedStrategy<Date> {
    let value = match texts {
        Texts::Valid | Texts::Listed | Texts::Blanky => prop_oneof![
            "[12][0-9]{3}(-(0[1-9]|1[0-2])(-[0-2][1-9])?)?".prop_map(String::from),
            "[12][0-9]{3}/[12][0-9]{3}".prop_map(String::from),
            text(texts),
        ]
        .boxed(),
        Texts::Arbitrary => text(texts),
    };
    (value, vocab(DateType::ALL, texts), opt_text(texts))
        .prop_map(|(date, date_type, date_information)| Date { date, date_type: Some(date_type), date_information })
        .boxed()
}

fn related_identifier(texts: Texts) -> BoxedStrategy<RelatedIdentifier> {
    (
        text(texts),
        vocab(RelatedIdentifierType::ALL, texts),
        vocab(RelationType::ALL, texts),
        opt_text(texts),
        (opt_text(texts), of(uri(texts)), opt_text(texts)),
        of(vocab(ResourceTypeGeneral::ALL, texts)),
    )
        .prop_map(|(id, kind, relation, information, (scheme, scheme_uri, scheme_type), general)| RelatedIdentifier {
            related_identifier: id,
            related_identifier_type: Some(kind),
            relation_type: Some(relation),
            relation_type_information: information,
            related_metadata_scheme: scheme,
            scheme_uri,
            scheme_type,
            resource_type_general: general,
        })
        .boxed()
}

fn rights(texts: Texts) -> BoxedStrategy<Rights> {
    (opt_text(texts), of(uri(texts)), opt_text(texts), opt_text(texts), of(uri(texts)), lang(texts))
        .prop_map(|(rights, rights_uri, rights_identifier, rights_identifier_scheme, scheme_uri, lang)| Rights {
            rights,
            rights_uri,
            rights_identifier,
            rights_identifier_scheme,
            scheme_uri,
            lang,
        })
        .prop_filter("a rights statement holds a text, a URI or an identifier", move |r| {
            matches!(texts, Texts::Arbitrary | Texts::Blanky)
                || r.rights.is_some()
                || r.rights_uri.is_some()
                || r.rights_identifier.is_some()
        })
        .boxed()
}

fn description(texts: Texts) -> BoxedStrategy<Description> {
    (description_text(texts), vocab(DescriptionType::ALL, texts), lang(texts))
        .prop_map(|(description, kind, lang)| Description { description, description_type: Some(kind), lang })
        .boxed()
}

fn geo_location(texts: Texts) -> BoxedStrategy<GeoLocation> {
    let geo_box = (coordinate(180, texts), coordinate(180, texts), coordinate(90, texts), coordinate(90, texts))
        .prop_map(|(west, east, south, north)| GeoBox {
            west_bound_longitude: west,
            east_bound_longitude: east,
            south_bound_latitude: south,
            north_bound_latitude: north,
        });
    let polygon = (vec(point(texts), 3..6), of(point(texts))).prop_map(|(mut points, in_polygon_point)| {
        if let Some(first) = points.first().cloned() {
            points.push(first);
        }
        Polygon { points, in_polygon_point }
    });
    (vec(text(texts), 0..3), vec(point(texts), 0..3), vec(geo_box, 0..2), vec(polygon, 0..2))
        .prop_map(|(places, points, boxes, polygons)| GeoLocation { places, points, boxes, polygons })
        .prop_filter("a geoLocation holds something", |g| !g.is_empty())
        .boxed()
}

fn funding_reference(texts: Texts) -> BoxedStrategy<FundingReference> {
    let identifier = of((uri(texts), vocab(FunderIdentifierType::ALL, texts), of(uri(texts))));
    (text(texts), identifier, opt_text(texts), of(uri(texts)), opt_text(texts))
        .prop_map(|(funder_name, identifier, award_number, award_uri, award_title)| {
            let (funder_identifier, funder_identifier_type, scheme_uri) = match identifier {
                Some((id, kind, scheme)) => (Some(id), Some(kind), scheme),
                None => (None, None, None),
            };
            FundingReference {
                funder_name,
                funder_identifier,
                funder_identifier_type,
                scheme_uri,
                award_number,
                award_uri,
                award_title,
            }
        })
        .boxed()
}

fn related_item(texts: Texts) -> BoxedStrategy<RelatedItem> {
    let identifier =
        (text(texts), vocab(RelatedIdentifierType::ALL, texts), opt_text(texts), of(uri(texts)), opt_text(texts))
            .prop_map(|(id, kind, scheme, scheme_uri, scheme_type)| RelatedItemIdentifier {
                related_item_identifier: id,
                related_item_identifier_type: Some(kind),
                related_metadata_scheme: scheme,
                scheme_uri,
                scheme_type,
            });
    let creator = person(texts).prop_map(|(name, name_type, given_name, family_name, lang)| RelatedItemCreator {
        name,
        name_type,
        given_name,
        family_name,
        lang,
    });
    let contributor = (person(texts), vocab(ContributorType::ALL, texts)).prop_map(
        |((name, name_type, given_name, family_name, lang), kind)| RelatedItemContributor {
            name,
            name_type,
            given_name,
            family_name,
            lang,
            contributor_type: Some(kind),
        },
    );
    let numbers =
        (of(year(texts)), opt_text(texts), opt_text(texts), of((text(texts), of(vocab(NumberType::ALL, texts)))));
    let pages = (opt_text(texts), opt_text(texts), opt_text(texts), opt_text(texts));
    (
        (vocab(ResourceTypeGeneral::ALL, texts), vocab(RelationType::ALL, texts), opt_text(texts)),
        of(identifier),
        vec(creator, 0..3),
        vec(title(texts), 1..3),
        numbers,
        pages,
        vec(contributor, 0..3),
    )
        .prop_map(
            |(
                (kind, relation, information),
                related_item_identifier,
                creators,
                titles,
                (publication_year, volume, issue, number),
                (first_page, last_page, publisher, edition),
                contributors,
            )| {
                let (number, number_type) = match number {
                    Some((number, kind)) => (Some(number), kind),
                    None => (None, None),
                };
                RelatedItem {
                    related_item_type: Some(kind),
                    relation_type: Some(relation),
                    relation_type_information: information,
                    related_item_identifier,
                    creators,
                    titles,
                    publication_year,
                    volume,
                    issue,
                    number,
                    number_type,
                    first_page,
                    last_page,
                    publisher,
                    edition,
                    contributors,
                }
            },
        )
        .boxed()
}

/// A whole resource; every list may be empty, every option absent.
fn resource(texts: Texts) -> BoxedStrategy<Resource> {
    let identity = (
        of(doi(texts)),
        vec((text(texts), text(texts)), 0..3),
        vec(creator(texts), 0..3),
        vec(title(texts), 0..3),
        of(publisher(texts)),
        of(year(texts)),
    );
    let classification = (
        vec(subject(texts), 0..3),
        vec(contributor(texts), 0..3),
        vec(date(texts), 0..3),
        lang(texts),
        (of(vocab(ResourceTypeGeneral::ALL, texts)), opt_text(texts)),
    );
    let relations = (vec(related_identifier(texts), 0..3), vec(related_item(texts), 0..2));
    let rest = (
        vec(text(texts), 0..3),
        vec(text(texts), 0..3),
        opt_text(texts),
        vec(rights(texts), 0..3),
        vec(description(texts), 0..3),
        vec(geo_location(texts), 0..2),
        vec(funding_reference(texts), 0..2),
        (of(uri(texts)), vec(uri(texts), 0..2)),
    );
    (identity, classification, relations, rest)
        .prop_map(
            |(
                (doi, alternates, creators, titles, publisher, publication_year),
                (subjects, contributors, dates, language, (general, resource_type)),
                (related_identifiers, related_items),
                (
                    sizes,
                    formats,
                    version,
                    rights_list,
                    descriptions,
                    geo_locations,
                    funding_references,
                    (url, content_url),
                ),
            )| Resource {
                doi,
                alternate_identifiers: alternates
                    .into_iter()
                    .map(|(id, kind)| AlternateIdentifier {
                        alternate_identifier: id,
                        alternate_identifier_type: Some(kind),
                    })
                    .collect(),
                creators,
                titles,
                publisher,
                publication_year,
                subjects,
                contributors,
                dates,
                language,
                types: Types { resource_type_general: general, resource_type },
                related_identifiers,
                related_items,
                sizes,
                formats,
                version,
                rights_list,
                descriptions,
                geo_locations,
                funding_references,
                url,
                content_url,
            },
        )
        .boxed()
}

/// A resource with everything DataCite requires (DOI, creators, titles, publisher, year, a
/// listed general type) and only listed vocabulary values.
fn complete_resource() -> BoxedStrategy<Resource> {
    // Every strategy is built once (no `prop_flat_map`, which would build them, and compile their
    // patterns, for every case).
    (
        resource(Texts::Listed),
        (doi(Texts::Listed), creator(Texts::Listed), title(Texts::Listed)),
        (publisher(Texts::Listed), year(Texts::Listed), prop::sample::select(ResourceTypeGeneral::ALL)),
    )
        .prop_map(|(mut r, (doi, creator, title), (publisher, year, general))| {
            r.doi = Some(doi);
            if r.creators.is_empty() {
                r.creators.push(creator);
            }
            if r.titles.is_empty() {
                r.titles.push(title);
            }
            r.publisher.get_or_insert(publisher);
            r.publication_year.get_or_insert(year);
            r.types.resource_type_general.get_or_insert(general);
            r
        })
        .boxed()
}

/// The part of a resource DataCite XML holds: without the REST-only `url` and `contentUrl`.
fn xml_part(resource: &Resource) -> Resource {
    Resource { url: None, content_url: Vec::new(), ..resource.clone() }
}

fn errors(record: &crosswalk::Record) -> Vec<String> {
    record.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect()
}

/// The five styles of the citation tests, as text or HTML, decoded once.
static CITATIONS: std::sync::LazyLock<Vec<crosswalk::citation::Citations>> = std::sync::LazyLock::new(|| {
    use crosswalk::citation::{Citations, Output, Style};
    [
        ("apa", Output::Html),
        ("chicago-author-date", Output::Text),
        ("ieee", Output::Html),
        ("harvard-cite-them-right", Output::Text),
        ("vancouver", Output::Html),
    ]
    .into_iter()
    .map(|(style, output)| Citations::new(Style::by_name(style).unwrap(), None, output).unwrap())
    .collect()
});

/// Crossref's deposit schema, compiled once (`None` without `../shared`, said once).
static CROSSREF_XSD: std::sync::LazyLock<Option<crosswalk_validate::Schema>> = std::sync::LazyLock::new(|| {
    let Some(xsd) = crosswalk_testkit::crossref_xsd() else {
        crosswalk_testkit::skipped("Crossref deposits against Crossref's XSD (../shared is absent)");
        return None;
    };
    Some(crosswalk_validate::Schema::from_file(&xsd).unwrap())
});

/// The kinds of work the Crossref writer deposits (and two it refuses), as the model types them.
const CROSSREF_KINDS: &[(ResourceTypeGeneral, Option<&str>)] = &[
    (ResourceTypeGeneral::JournalArticle, None),
    (ResourceTypeGeneral::Book, Some("EditedBook")),
    (ResourceTypeGeneral::BookChapter, None),
    (ResourceTypeGeneral::ConferencePaper, None),
    (ResourceTypeGeneral::Dataset, None),
    (ResourceTypeGeneral::Dissertation, None),
    (ResourceTypeGeneral::Report, None),
    (ResourceTypeGeneral::Preprint, None),
    (ResourceTypeGeneral::PeerReview, Some("PostedContent")),
    (ResourceTypeGeneral::Software, None),
];

/// Checks that the Crossref deposit of `resource`, made depositable (a DOI, a URL, a kind, a
/// container), is valid against Crossref's XSD, or refused with an error and not written.
fn crossref_deposit_is_valid_or_refused(
    mut resource: Resource,
    kind: usize,
    container: RelatedItem,
) -> Result<(), TestCaseError> {
    let Some(schema) = CROSSREF_XSD.as_ref() else { return Ok(()) };
    let (general, specific) = CROSSREF_KINDS[kind % CROSSREF_KINDS.len()].clone();
    resource.types = Types::new(general, specific);
    resource.doi = Some("10.5555/property.1".into());
    resource.url = Some("https://example.org/property/1".into());
    resource.related_items.insert(0, RelatedItem { relation_type: Some(RelationType::IsPublishedIn), ..container });
    let head = crosswalk_crossref::write::Head { timestamp: Some(1), ..Default::default() };
    let written = crosswalk_crossref::write::write(&resource, &head);
    if written.text.is_empty() {
        prop_assert!(written.diagnostics.iter().any(|d| d.is_error()), "nothing written, no error");
        return Ok(());
    }
    let findings = schema.validate(written.text.as_bytes());
    let invalid: Vec<String> = findings.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    prop_assert!(invalid.is_empty(), "{:#?}\n{}", invalid, written.text);
    Ok(())
}

proptest! {
    // 256 cases unless PROPTEST_CASES says otherwise.
    #![proptest_config(ProptestConfig { max_shrink_iters: 4096, ..ProptestConfig::default() })]

    #[test]
    fn a_crossref_deposit_of_a_valid_model_is_valid_or_refused(
        resource in resource(Texts::Valid),
        kind in 0..CROSSREF_KINDS.len(),
        container in related_item(Texts::Valid),
    ) {
        crossref_deposit_is_valid_or_refused(resource, kind, container)?;
    }

    #[test]
    fn a_crossref_deposit_of_any_model_is_valid_or_refused(
        resource in resource(Texts::Arbitrary),
        kind in 0..CROSSREF_KINDS.len(),
        container in related_item(Texts::Arbitrary),
    ) {
        crossref_deposit_is_valid_or_refused(resource, kind, container)?;
    }

    #[test]
    fn datacite_xml_round_trip_is_the_identity(resource in resource(Texts::Valid)) {
        let written = crosswalk_datacite::xml::write(&resource);
        let back = crosswalk_datacite::xml::read(written.text.as_bytes());
        prop_assert!(errors(&back).is_empty(), "{:?}\n{}", errors(&back), written.text);
        prop_assert_eq!(&back.resource, &xml_part(&resource), "written:\n{}", written.text);
    }

    #[test]
    fn datacite_json_round_trip_is_the_identity(resource in resource(Texts::Valid)) {
        let written = crosswalk::write(&resource, Format::DataciteJson).unwrap();
        let back = crosswalk::read(written.text.as_bytes(), Format::DataciteJson).unwrap();
        prop_assert_eq!(back.len(), 1);
        prop_assert!(errors(&back[0]).is_empty(), "{:?}\n{}", errors(&back[0]), written.text);
        prop_assert_eq!(&back[0].resource, &resource, "written:\n{}", written.text);
    }

    #[test]
    fn a_tidied_model_reads_back_the_same_from_datacite_json(resource in resource(Texts::Blanky)) {
        let mut tidied = resource;
        crosswalk_model::tidy::tidy(&mut tidied);
        let mut again = tidied.clone();
        let changes = crosswalk_model::tidy::tidy(&mut again);
        prop_assert!(changes.is_empty(), "tidying is not idempotent: {:?}", changes);
        let json = crosswalk_datacite::json::write(&tidied).to_string();
        let back = crosswalk_datacite::json::read(json.as_bytes());
        prop_assert_eq!(back.len(), 1);
        prop_assert!(errors(&back[0]).is_empty(), "{:?}\n{}", errors(&back[0]), json);
        let said: Vec<_> = back[0].diagnostics.iter().filter(|d| d.code != "vocab.unknown").collect();
        prop_assert!(said.is_empty(), "{:?}\n{}", said, json);
        prop_assert_eq!(&back[0].resource, &tidied, "written:\n{}", json);
    }

    #[test]
    fn the_xml_written_for_a_tidied_model_is_written_the_same_after_reading_it_back(resource in resource(Texts::Blanky)) {
        let mut tidied = resource;
        crosswalk_model::tidy::tidy(&mut tidied);
        let first = crosswalk_datacite::xml::write(&tidied).text;
        let back = crosswalk_datacite::xml::read(first.as_bytes());
        prop_assert!(errors(&back).is_empty(), "{:?}\n{}", errors(&back), first);
        let second = crosswalk_datacite::xml::write(&back.resource).text;
        prop_assert_eq!(first, second);
    }

    #[test]
    fn every_writers_output_reads_back_as_one_record_without_errors(resource in resource(Texts::Valid)) {
        for format in Format::all().filter(|f| f.can_write() && f.can_read()) {
            let written = crosswalk::write(&resource, format).unwrap();
            if written.text.is_empty() {
                // A payload its rules refuse (no DOI and no prefix): nothing to read back.
                prop_assert!(written.diagnostics.iter().any(|d| d.is_error()), "{format}: empty output, no error");
                continue;
            }
            let back = crosswalk::read(written.text.as_bytes(), format).unwrap();
            prop_assert_eq!(back.len(), 1, "{}: {} records from:\n{}", format, back.len(), written.text);
            prop_assert!(errors(&back[0]).is_empty(), "{}: {:?}\n{}", format, errors(&back[0]), written.text);
        }
    }

    #[test]
    fn the_xml_written_for_a_complete_record_is_schema_valid(resource in complete_resource()) {
        let checked = crosswalk_datacite::xml::write_checked(&resource);
        let findings = crosswalk_validate::validate(checked.written.text.as_bytes());
        prop_assert!(crosswalk_validate::is_valid(&findings), "{:#?}\n{}", findings, checked.written.text);
        // The fast path applies to such records: validation need not parse them again.
        prop_assert!(checked.verdict.proven_valid, "not proven: {:#?}\n{}", checked.written.diagnostics, checked.written.text);
    }

    #[test]
    fn converting_any_model_never_panics(resource in resource(Texts::Arbitrary)) {
        for format in Format::all().filter(|f| f.can_write()) {
            let written = crosswalk::write(&resource, format).unwrap();
            let line = crosswalk::write_with(&resource, format, crosswalk::JsonLayout::Line).unwrap();
            if format.is_json() {
                prop_assert!(!line.text.contains('\n'), "{format}: a line break in one-line JSON");
            }
            if format.can_read() {
                let _ = crosswalk::read(written.text.as_bytes(), format).unwrap();
            }
        }
        let _ = crosswalk::payload(&resource, &crosswalk::PayloadOptions::default());
        for citations in CITATIONS.iter() {
            let written = citations.write(&resource, None, Some(7));
            // The processor never fails (a failure would be caught, and reported so), and an
            // entry is one line.
            prop_assert!(
                written.diagnostics.iter().all(|d| d.code != crosswalk::citation::CITATION_FAILED),
                "{}: {:?}", citations.style().name(), written.diagnostics
            );
            prop_assert!(!written.text.contains('\n'), "a line break in a citation: {}", written.text);
        }
        let _ = crosswalk::validate_converted(&resource, &crosswalk::ValidateOptions { strict: true, ..Default::default() });
        let _ = crosswalk_validate::rules::check_findable(&resource, resource.url.as_deref());
    }
}

// ----- the writer's proof against libxml2 -----

/// Years at the edges of `yearType` (`\d{4}` after collapsing white space; `\d` is any Unicode
/// decimal digit).
const EDGE_YEARS: &[&str] =
    &["2020", " 2020 ", "\t2020\n", "٢٠٢٠", "２０２０", "020", "20200", "2O20", "-2020", "+2020", "2020.0", "20 20"];
/// Language tags at the edges of `xs:language`.
const EDGE_LANGS: &[&str] = &[
    "en",
    "EN-gb",
    "de-CH-1996",
    "i-klingon",
    "x-private",
    "zh-Hant-TW",
    "a",
    "en-a1b2c3d4",
    "en-",
    "-en",
    "en--gb",
    "abcdefghi",
    "en-123456789",
    " en ",
    "en_US",
    "1en",
    "en gb",
    "é",
];
/// Coordinates at the edges of the XSD's `xs:float` ranges and lexical forms.
const EDGE_COORDINATES: &[&str] = &[
    "0",
    "180",
    "-180",
    "90",
    "-90",
    "-90.0",
    "180.0",
    "180.0000001",
    "90.000000000000001",
    "-180.1",
    "1e1",
    "1E2",
    "+5",
    ".5",
    "5.",
    " 12 ",
    "NaN",
    "INF",
    "-INF",
    "-0",
    "00012",
    "0012.5",
    "12.123456789012345",
    "12.1234567890123456789",
    "0x10",
    "1_0",
    "١٢",
    "12,5",
    "",
];
/// URIs at the edges of `xs:anyURI` as libxml2 reads it.
const EDGE_URIS: &[&str] = &[
    "https://example.org/a",
    "http://a:80/x?y=1#z",
    "urn:isbn:0451450523",
    "mailto:x@example.org",
    "info:eu-repo/semantics/openAccess",
    "a b",
    "https://example.org/a b",
    "%zz",
    "http://example.org/%7euser",
    "http://example.org/%7",
    "http://[::1]/x",
    "#a#b",
    "a#b#c",
    "1a:b",
    "http:",
    "//host/x",
    "ftp://user@host/",
    "https://exämple.org",
    "relative/path",
    "004.6",
    "FOS:1.2",
    "http://host:port/",
    "https://example.org/{x}",
    "https://example.org/a|b",
    "\\\\server\\share",
    "https://example.org/\"q\"",
    "http://",
    "http:///x",
    ":",
    "?",
    "#",
    "a:b:c",
    "HTTPS://EXAMPLE.ORG",
    "x+y-z.w:rest",
];
/// Text at the edges of what XML and the XSD's string types hold.
const EDGE_TEXTS: &[&str] = &[
    "",
    " ",
    "\u{1}",
    "a\u{0}b",
    "\u{FFFE}",
    "\u{FFFF}x",
    "x\u{2028}y",
    "\u{2028}",
    "  padded  ",
    "\u{A0}",
    "<br/>",
    "]]>",
    "&amp;",
    "\r\n",
    "\r",
    "\u{1F600}",
    "\u{10FFFF}",
    "\u{FDD0}",
    "a\u{85}b",
    "\u{200B}",
    "\u{1}\u{2}",
];

/// One change of a model towards an edge of the XSD: a value replaced by an edge value of its
/// kind, a required value taken away, a controlled value made unknown, a polygon cut short.
fn mutate(r: &mut Resource, which: usize, pick: prop::sample::Index) {
    let one = |list: &[&str]| pick.get(list).to_string();
    let text = one(EDGE_TEXTS);
    let uri = one(EDGE_URIS);
    let lang = one(EDGE_LANGS);
    let coordinate = Coordinate(one(EDGE_COORDINATES));
    match which % 30 {
        0 => r.publication_year = Some(one(EDGE_YEARS)),
        1 => r.language = Some(lang),
        2 => r.titles.iter_mut().for_each(|t| t.lang = Some(lang.clone())),
        3 => r.geo_locations.push(GeoLocation {
            points: vec![Point { point_latitude: coordinate, point_longitude: Coordinate("10".into()) }],
            ..GeoLocation::default()
        }),
        4 => r.geo_locations.push(GeoLocation {
            boxes: vec![GeoBox {
                west_bound_longitude: coordinate.clone(),
                east_bound_longitude: Coordinate("10".into()),
                south_bound_latitude: Coordinate("-10".into()),
                north_bound_latitude: coordinate,
            }],
            ..GeoLocation::default()
        }),
        5 => r.subjects.push(Subject { subject: "s".into(), value_uri: Some(uri), ..Subject::default() }),
        6 => r.subjects.push(Subject { subject: "s".into(), classification_code: Some(uri), ..Subject::default() }),
        7 => r.rights_list.push(Rights { rights_uri: Some(uri), ..Rights::default() }),
        8 => r.funding_references.push(FundingReference {
            funder_name: "F".into(),
            award_uri: Some(uri),
            ..FundingReference::default()
        }),
        9 => {
            if let Some(p) = r.publisher.as_mut() {
                p.scheme_uri = Some(uri);
            }
        }
        10 => r.doi = pick.get(&[None, Some(text), Some("10.5072/ü x".into())]).clone(),
        11 => r.creators.iter_mut().take(1).for_each(|c| c.name = text.clone()),
        12 => r.contributors.push(Contributor {
            name: text,
            contributor_type: Some(ContributorType::Editor),
            ..Contributor::default()
        }),
        13 => r.funding_references.push(FundingReference { funder_name: text, ..FundingReference::default() }),
        14 => {
            r.types.resource_type_general =
                Some(ResourceTypeGeneral::unknown(one(&["dataset", "Dataset ", "X"]).as_str()))
        }
        15 => r.dates.iter_mut().for_each(|d| d.date_type = Some(DateType::unknown("created"))),
        16 => r.descriptions.push(Description {
            description: text,
            description_type: Some(DescriptionType::Abstract),
            lang: None,
        }),
        17 => r.geo_locations.iter_mut().flat_map(|g| g.polygons.iter_mut()).for_each(|p| {
            let keep = pick.index(p.points.len() + 1);
            p.points.truncate(keep);
        }),
        18 => r.related_items.iter_mut().for_each(|item| {
            item.creators.push(RelatedItemCreator {
                name: text.clone(),
                given_name: Some("G".into()),
                ..RelatedItemCreator::default()
            })
        }),
        19 => match pick.index(5) {
            0 => r.creators.clear(),
            1 => r.titles.clear(),
            2 => r.publisher = None,
            3 => r.publication_year = None,
            _ => r.types.resource_type_general = None,
        },
        20 => r.alternate_identifiers.push(AlternateIdentifier {
            alternate_identifier: "a".into(),
            alternate_identifier_type: pick.get(&[None, Some(String::new()), Some(" ".into())]).clone(),
        }),
        21 => r.related_identifiers.iter_mut().for_each(|ri| ri.related_identifier_type = None),
        22 => r.creators.iter_mut().for_each(|c| {
            c.affiliation.push(Affiliation {
                name: text.clone(),
                affiliation_identifier: Some("https://ror.org/04wxnsj81".into()),
                ..Affiliation::default()
            })
        }),
        23 => r.titles.push(Title::new(text)),
        24 => r.creators.iter_mut().for_each(|c| {
            c.name_identifiers.push(NameIdentifier {
                name_identifier: "0000-0002-1825-0097".into(),
                name_identifier_scheme: None,
                scheme_uri: Some(uri.clone()),
            })
        }),
        25 => r.titles.push(Title { title: "t".into(), title_type: Some(TitleType::unknown(&text)), lang: None }),
        26 => r.related_items.iter_mut().for_each(|item| item.publication_year = Some(one(EDGE_YEARS))),
        27 => r.related_items.iter_mut().for_each(|item| item.number_type = Some(NumberType::unknown("issue"))),
        28 => r.contributors.iter_mut().for_each(|c| c.contributor_type = None),
        _ => r.titles.push(Title::new("x".repeat(pick.index(200_000)))),
    }
}

/// The models of the differential test: complete records (proven valid, mostly) changed by up
/// to three edge mutations, valid models with unknown values, and models of anything at all.
fn differential_model() -> BoxedStrategy<Resource> {
    let mutated =
        (complete_resource(), vec((0usize..30, any::<prop::sample::Index>()), 0..4)).prop_map(|(mut r, mutations)| {
            for (which, pick) in mutations {
                mutate(&mut r, which, pick);
            }
            r
        });
    prop_oneof![8 => mutated, 1 => resource(Texts::Valid), 1 => resource(Texts::Arbitrary)].boxed()
}

/// The writer's proof (`write_checked`) against libxml2 on generated models: a document proven
/// valid is valid, and one proven invalid only for missing required children of `<resource>`
/// gets from libxml2 exactly the findings the writer predicts. `DIFFERENTIAL_CASES` sets the number of models (default 200,000, shared by
/// two threads, each with its own random seed and its own compiled schema; `cargo xtask
/// differential` runs 300,000 in a release build). The generator's crates are optimised in test
/// builds (the workspace's `profile.dev.package` settings), or this would take many minutes.
#[test]
fn the_writers_proof_agrees_with_libxml2_on_generated_models() {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    let cases: u32 = std::env::var("DIFFERENTIAL_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(200_000);
    let [proven, unproven_valid, invalid, known_invalid] =
        [AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0)];
    let judge = |resource: Resource| {
        let checked = crosswalk_datacite::xml::write_checked(&resource);
        // The verdict without the document is the verdict with it.
        prop_assert_eq!(&crosswalk_datacite::xml::judge(&resource), &checked.verdict);
        if resource.doi.is_none() {
            // What a payload that names only a prefix relies on: proven with the identifier
            // DataCite puts in is what the document with that identifier is proven.
            let identified = Resource { doi: Some("10.5072/generated-by-datacite".into()), ..resource.clone() };
            let again = crosswalk_datacite::xml::write_checked(&identified);
            prop_assert_eq!(checked.verdict.proven_valid_with_identifier, again.verdict.proven_valid);
            prop_assert_eq!(checked.verdict.breaks_with_identifier(), again.verdict.breaks);
        }
        let findings = crosswalk_validate::validate(checked.written.text.as_bytes());
        let valid = crosswalk_validate::is_valid(&findings);
        if checked.verdict.breaks.as_ref().is_some_and(|b| !b.is_empty()) {
            // Known to be invalid in known ways: the writer's findings stand in for libxml2's,
            // compared as the user gets them (pointed at the REST attributes).
            known_invalid.fetch_add(1, Relaxed);
            let (_, predicted) = crosswalk::write_validated_xml(&resource, &crosswalk::ValidateOptions::default());
            let forced = crosswalk::ValidateOptions { force_xsd: true, ..Default::default() };
            let (_, found) = crosswalk::write_validated_xml(&resource, &forced);
            let difference = crosswalk_robustness::findings_differ(&predicted, &found);
            prop_assert!(difference.is_none(), "{}\n{}", difference.unwrap_or_default(), checked.written.text);
        }
        let counter = match (checked.verdict.proven_valid, valid) {
            (true, _) => &proven,
            (false, true) => &unproven_valid,
            (false, false) => &invalid,
        };
        counter.fetch_add(1, Relaxed);
        prop_assert!(
            valid || !checked.verdict.proven_valid,
            "proven valid, but libxml2 says {:#?}\n{}",
            findings.iter().filter(|d| d.is_error()).collect::<Vec<_>>(),
            checked.written.text
        );
        Ok(())
    };
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = [cases / 2, cases - cases / 2]
            .into_iter()
            .map(|share| {
                let judge = &judge;
                scope.spawn(move || {
                    let config = ProptestConfig {
                        cases: share,
                        max_shrink_iters: 4096,
                        failure_persistence: None,
                        ..ProptestConfig::default()
                    };
                    proptest::test_runner::TestRunner::new(config).run(&differential_model(), judge).err()
                })
            })
            .collect();
        workers
            .into_iter()
            .filter_map(|w| w.join().expect("a differential worker panicked"))
            .map(|e| e.to_string())
            .collect()
    });
    let [proven, unproven_valid, invalid, known_invalid] =
        [proven, unproven_valid, invalid, known_invalid].map(AtomicUsize::into_inner);
    eprintln!(
        "{cases} generated models: {proven} proven valid, {unproven_valid} not proven but valid, {invalid} invalid \
         ({known_invalid} with predicted findings)"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Both sides of the proof are exercised.
    assert!(proven >= cases as usize / 5 && invalid >= cases as usize / 5, "too one-sided a sample");
    assert!(known_invalid >= cases as usize / 50, "too few documents with predicted findings");
}
