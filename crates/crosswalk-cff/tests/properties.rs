//! Properties of the CFF writer over generated records (tidied, as every reader leaves them):
//! what it writes follows the CFF 1.2.0 schema's rules whatever the values (a value of a form the
//! schema refuses is reported, not written), reads back without errors, and what is read from it
//! survives writing and reading again unchanged.

mod common;

use common::schema::{check, yaml_to_json};
use crosswalk_model::{
    AlternateIdentifier, Contributor, ContributorType, Creator, Date, DateType, Description, DescriptionType,
    NameIdentifier, NameType, Record, RelatedIdentifier, RelatedIdentifierType, RelatedItem, RelatedItemCreator,
    RelatedItemIdentifier, RelationType, Resource, ResourceTypeGeneral, Rights, Subject, Title, TitleType, Types,
};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

/// Text of every kind: plain words, what YAML reads as something else, any printable character.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        "[A-Za-z][a-z]{0,8}( [A-Za-z][a-z]{0,8}){0,2}",
        prop::sample::select(vec![
            "yes",
            "null",
            "~",
            "1.10",
            "2021-07-18",
            "- x",
            "a: b",
            "# c",
            "x #y",
            "'q'",
            "\"d\"",
            "[f]",
            "{f}",
            "&a",
            "*a",
            "!t",
            "%d",
            "@at",
            "`t",
            "|",
            ">",
            "?",
            "Ünïcödé ✓",
            "tab\there",
            "two\nlines",
            "back\\slash",
        ])
        .prop_map(str::to_owned),
        "\\PC{1,24}",
    ]
    .boxed()
}

fn doi() -> BoxedStrategy<String> {
    prop_oneof!["10\\.[0-9]{4,6}/[a-z0-9.]{1,12}", "10\\.[0-9]{1,3}/[a-z]{1,4}", "10\\.5281/zenodo [0-9]{2}"].boxed()
}

fn url() -> BoxedStrategy<String> {
    prop_oneof![
        "https://[a-z]{1,10}\\.org/[a-z0-9/]{0,12}",
        "ftp://[a-z]{1,6}\\.net/x",
        "www\\.[a-z]{1,8}\\.org",
        text()
    ]
    .boxed()
}

fn orcid() -> BoxedStrategy<String> {
    prop_oneof![
        "https://orcid\\.org/[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]",
        "[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{4}",
        text()
    ]
    .boxed()
}

fn creator() -> BoxedStrategy<Creator> {
    let person =
        (text(), of(text()), of(orcid()), vec(text(), 0..3)).prop_map(|(family, given, orcid, affiliations)| {
            let name = match &given {
                Some(g) => format!("{family}, {g}"),
                None => family.clone(),
            };
            Creator {
                name,
                name_type: Some(NameType::Personal),
                given_name: given,
                family_name: Some(family),
                name_identifiers: orcid
                    .map(|o| NameIdentifier {
                        name_identifier: o,
                        name_identifier_scheme: Some("ORCID".into()),
                        scheme_uri: None,
                    })
                    .into_iter()
                    .collect(),
                affiliation: affiliations.into_iter().map(crosswalk_model::Affiliation::named).collect(),
                ..Creator::default()
            }
        });
    let organisation = (text(), of(prop_oneof!["https://ror\\.org/0[a-z0-9]{8}", text()]), any::<bool>()).prop_map(
        |(name, ror, typed)| Creator {
            name,
            name_type: typed.then_some(NameType::Organizational),
            name_identifiers: ror
                .map(|r| NameIdentifier {
                    name_identifier: r,
                    name_identifier_scheme: Some("ROR".into()),
                    scheme_uri: None,
                })
                .into_iter()
                .collect(),
            ..Creator::default()
        },
    );
    prop_oneof![
        person,
        organisation,
        text().prop_map(|n| Creator { name_type: Some(NameType::Personal), ..Creator::named(n) })
    ]
    .boxed()
}

fn related_item() -> BoxedStrategy<RelatedItem> {
    let kinds = vec![
        ResourceTypeGeneral::JournalArticle,
        ResourceTypeGeneral::Software,
        ResourceTypeGeneral::Text,
        ResourceTypeGeneral::Dataset,
        ResourceTypeGeneral::Book,
    ];
    let relations =
        vec![RelationType::References, RelationType::IsDescribedBy, RelationType::Cites, RelationType::IsPartOf];
    let identifier = prop_oneof![
        doi().prop_map(|d| (d, RelatedIdentifierType::Doi)),
        url().prop_map(|u| (u, RelatedIdentifierType::Url)),
        "[0-9]{3}-[0-9]-[0-9]{3}-[0-9]{5}-[0-9]".prop_map(|i| (i, RelatedIdentifierType::Isbn)),
        text().prop_map(|t| (t, RelatedIdentifierType::Handle)),
    ];
    (
        prop::sample::select(kinds),
        prop::sample::select(relations),
        vec(text(), 0..3),
        vec(text(), 0..2),
        of(identifier),
        of("[0-9]{4}"),
        of(text()),
        of(text()),
    )
        .prop_map(|(kind, relation, creators, titles, identifier, year, volume, publisher)| RelatedItem {
            related_item_type: Some(kind),
            relation_type: Some(relation),
            creators: creators
                .into_iter()
                .map(|name| RelatedItemCreator {
                    name,
                    name_type: Some(NameType::Organizational),
                    ..Default::default()
                })
                .collect(),
            titles: titles.into_iter().map(Title::new).collect(),
            related_item_identifier: identifier.map(|(value, kind)| RelatedItemIdentifier {
                related_item_identifier: value,
                related_item_identifier_type: Some(kind),
                ..Default::default()
            }),
            publication_year: year,
            volume,
            publisher,
            ..RelatedItem::default()
        })
        .boxed()
}

fn resource() -> BoxedStrategy<Resource> {
    let identity = (
        vec((text(), any::<bool>()), 0..3),
        vec(creator(), 0..4),
        of(doi()),
        of(url()),
        of(text()),
        prop::sample::select(vec![
            Some(ResourceTypeGeneral::Software),
            Some(ResourceTypeGeneral::Dataset),
            Some(ResourceTypeGeneral::Report),
            None,
        ]),
    );
    let more = (
        vec(
            prop_oneof![
                doi().prop_map(|d| ("DOI", d)),
                url().prop_map(|u| ("URL", u)),
                text().prop_map(|t| ("Local", t))
            ],
            0..3,
        ),
        vec(
            prop_oneof![
                "MIT|Apache-2\\.0|CC-BY-4\\.0".prop_map(|id| (Some(id), None)),
                url().prop_map(|u| (None, Some(u))),
                text().prop_map(|t| (Some(t), None))
            ],
            0..3,
        ),
        vec(text(), 0..4),
        vec((prop_oneof!["20[0-9]{2}-0[1-9]-[12][0-9]", "20[0-9]{2}", text()], any::<bool>()), 0..3),
        vec(
            (
                text(),
                prop::sample::select(vec![Some(DescriptionType::Abstract), Some(DescriptionType::TechnicalInfo), None]),
            ),
            0..3,
        ),
        vec(
            (
                url(),
                prop::sample::select(vec![
                    RelationType::IsVersionOf,
                    RelationType::IsVariantFormOf,
                    RelationType::Other,
                    RelationType::Cites,
                ]),
            ),
            0..3,
        ),
        vec(related_item(), 0..3),
        vec(creator(), 0..2),
    );
    (identity, more)
        .prop_map(
            |(
                (titles, creators, doi, url, version, general),
                (alternates, rights, subjects, dates, descriptions, related, items, contacts),
            )| {
                let mut r = Resource {
                    titles: titles
                        .into_iter()
                        .map(|(t, alternative)| Title {
                            title_type: alternative.then_some(TitleType::AlternativeTitle),
                            ..Title::new(t)
                        })
                        .collect(),
                    creators,
                    doi,
                    url,
                    version,
                    ..Resource::default()
                };
                r.types = general.map(|g| Types::new(g, None)).unwrap_or_default();
                r.alternate_identifiers = alternates
                    .into_iter()
                    .map(|(kind, value)| AlternateIdentifier {
                        alternate_identifier: value,
                        alternate_identifier_type: Some(kind.into()),
                    })
                    .collect();
                r.rights_list = rights
                    .into_iter()
                    .map(|(id, uri)| Rights { rights_identifier: id, rights_uri: uri, ..Rights::default() })
                    .collect();
                r.subjects = subjects.into_iter().map(|s| Subject { subject: s, ..Subject::default() }).collect();
                r.dates = dates
                    .into_iter()
                    .map(|(date, issued)| Date {
                        date,
                        date_type: Some(if issued { DateType::Issued } else { DateType::Created }),
                        date_information: None,
                    })
                    .collect();
                r.descriptions = descriptions
                    .into_iter()
                    .map(|(text, kind)| Description { description: text, description_type: kind, lang: None })
                    .collect();
                r.related_identifiers = related
                    .into_iter()
                    .map(|(url, relation)| RelatedIdentifier {
                        related_identifier: url,
                        related_identifier_type: Some(RelatedIdentifierType::Url),
                        relation_type: Some(relation.clone()),
                        relation_type_information: (relation == RelationType::Other).then(|| "repository".to_owned()),
                        ..RelatedIdentifier::default()
                    })
                    .collect();
                r.related_items = items;
                r.contributors = contacts
                    .into_iter()
                    .map(|c| Contributor {
                        name: c.name,
                        name_type: c.name_type,
                        given_name: c.given_name,
                        family_name: c.family_name,
                        name_identifiers: c.name_identifiers,
                        affiliation: c.affiliation,
                        contributor_type: Some(ContributorType::ContactPerson),
                        lang: None,
                    })
                    .collect();
                // As every reader leaves a record.
                let mut record = Record::new(r);
                record.tidy();
                record.resource
            },
        )
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn what_is_written_follows_the_schema_and_is_a_fixed_point(r in resource()) {
        let written = crosswalk_cff::write(&r);
        let json = yaml_to_json(&written.text);
        let mut problems = check(&json);
        // A record without title or creators is written without them, with an error: the only
        // rules broken then are those.
        if written.diagnostics.iter().any(|d| d.is_error()) {
            problems.retain(|p| !p.contains("required key title") && !p.contains("required key authors"));
        }
        prop_assert!(problems.is_empty(), "{}\n{}", problems.join("\n"), written.text);
        for d in &written.diagnostics {
            prop_assert!(crosswalk_cff::CODES.iter().any(|c| c.code == d.code), "{}", d);
        }
        let back = crosswalk_cff::read(written.text.as_bytes()).remove(0);
        prop_assert!(!back.has_errors() || written.diagnostics.iter().any(|d| d.is_error()), "{:?}\n{}", back.diagnostics, written.text);
        // What was read from CFF survives writing and reading again (the first write loses what
        // CFF cannot hold; after it, nothing more is lost).
        let again = crosswalk_cff::write(&back.resource);
        let back_again = crosswalk_cff::read(again.text.as_bytes()).remove(0);
        prop_assert_eq!(&back_again.resource, &back.resource, "{}", again.text);
        prop_assert_eq!(&crosswalk_cff::write(&back_again.resource).text, &again.text);
    }
}
