use super::work::{valid_isbn, valid_issn};
use super::*;
use crosswalk_model::{
    Affiliation, Creator, Date, DateType, Description, DescriptionType, FundingReference, NameIdentifier, NameType,
    Publisher, RelatedIdentifier, RelatedIdentifierType, RelatedItem, RelationType, Resource, ResourceTypeGeneral,
    Rights, Subject, Title, TitleType, Types,
};

fn base(general: ResourceTypeGeneral) -> Resource {
    let mut r = Resource {
        doi: Some("10.5555/test.1".into()),
        url: Some("https://example.org/test/1".into()),
        ..Resource::default()
    };
    r.titles.push(Title::new("A Study of Things"));
    let mut t = Title::new("With Details");
    t.title_type = Some(TitleType::Subtitle);
    r.titles.push(t);
    let mut c = Creator::named("Lovelace, Ada");
    c.name_type = Some(NameType::Personal);
    c.given_name = Some("Ada".into());
    c.family_name = Some("Lovelace".into());
    c.name_identifiers.push(NameIdentifier {
        name_identifier: "0000-0002-1825-0097".into(),
        name_identifier_scheme: Some("ORCID".into()),
        scheme_uri: None,
    });
    c.affiliation.push(Affiliation {
        name: "Example University".into(),
        affiliation_identifier: Some("https://ror.org/05dxps055".into()),
        affiliation_identifier_scheme: Some("ROR".into()),
        ..Affiliation::default()
    });
    r.creators.push(c);
    let mut org = Creator::named("The Example Consortium");
    org.name_type = Some(NameType::Organizational);
    r.creators.push(org);
    r.publisher = Some(Publisher::named("Example Press"));
    r.publication_year = Some("2024".into());
    r.dates.push(Date { date: "2024-03-15".into(), date_type: Some(DateType::Issued), date_information: None });
    r.types = Types::new(general, None);
    r
}

/// The text with each line's indentation taken off, so that needles need not know the levels.
fn flat(text: &str) -> String {
    text.lines().map(str::trim_start).collect::<Vec<_>>().join("\n")
}

fn head() -> Head {
    Head {
        depositor_name: Some("Example Depositor".into()),
        depositor_email: Some("deposits@example.org".into()),
        registrant: Some("Example Press".into()),
        batch_id: None,
        timestamp: Some(20240315120000),
    }
}

fn journal(r: &mut Resource) {
    let mut item = RelatedItem {
        relation_type: Some(RelationType::IsPublishedIn),
        related_item_type: Some(ResourceTypeGeneral::Journal),
        ..RelatedItem::default()
    };
    item.titles.push(Title::new("Journal of Examples"));
    item.volume = Some("12".into());
    item.issue = Some("3".into());
    item.first_page = Some("10".into());
    item.last_page = Some("19".into());
    r.related_items.push(item);
    r.related_identifiers.push(RelatedIdentifier {
        related_identifier: "1234-5678".into(),
        related_identifier_type: Some(RelatedIdentifierType::Issn),
        relation_type: Some(RelationType::IsPartOf),
        ..RelatedIdentifier::default()
    });
}

#[test]
fn a_journal_article_is_written_in_the_schemas_order() {
    let mut r = base(ResourceTypeGeneral::JournalArticle);
    journal(&mut r);
    r.descriptions.push(Description {
        description: "First paragraph.\n\nSecond & last.".into(),
        description_type: Some(DescriptionType::Abstract),
        lang: None,
    });
    r.funding_references.push(FundingReference {
        funder_name: "Example Foundation".into(),
        funder_identifier: Some("https://doi.org/10.13039/100000001".into()),
        award_number: Some("ABC-123".into()),
        ..FundingReference::default()
    });
    r.rights_list
        .push(Rights { rights_uri: Some("https://creativecommons.org/licenses/by/4.0/".into()), ..Rights::default() });
    r.related_identifiers.push(RelatedIdentifier {
        related_identifier: "10.5555/data".into(),
        related_identifier_type: Some(RelatedIdentifierType::Doi),
        relation_type: Some(RelationType::IsSupplementedBy),
        ..RelatedIdentifier::default()
    });
    let w = write(&r, &head());
    assert!(!w.diagnostics.iter().any(|d| d.is_error()), "{:?}", w.diagnostics);
    let t = &flat(&w.text);
    for needle in [
        "<full_title>Journal of Examples</full_title>",
        "<issn>1234-5678</issn>",
        "<volume>12</volume>",
        "<issue>3</issue>",
        "<title>A Study of Things</title>\n<subtitle>With Details</subtitle>",
        "<person_name contributor_role=\"author\" sequence=\"first\">\n<given_name>Ada</given_name>\n<surname>Lovelace</surname>",
        "<institution_id type=\"ror\">https://ror.org/05dxps055</institution_id>",
        "<ORCID>https://orcid.org/0000-0002-1825-0097</ORCID>",
        "<organization contributor_role=\"author\" sequence=\"additional\">The Example Consortium</organization>",
        "<jats:p>First paragraph.</jats:p>\n<jats:p>Second &amp; last.</jats:p>",
        "<month>03</month>\n<day>15</day>\n<year>2024</year>",
        "<first_page>10</first_page>\n<last_page>19</last_page>",
        "<fr:assertion name=\"funder_identifier\">https://doi.org/10.13039/100000001</fr:assertion>",
        "<fr:assertion name=\"award_number\">ABC-123</fr:assertion>",
        "<ai:license_ref applies_to=\"vor\">https://creativecommons.org/licenses/by/4.0/</ai:license_ref>",
        "<rel:inter_work_relation relationship-type=\"isSupplementedBy\" identifier-type=\"doi\">10.5555/data</rel:inter_work_relation>",
        "<doi>10.5555/test.1</doi>\n<resource>https://example.org/test/1</resource>",
        "<doi_batch_id>crosswalk-20240315120000</doi_batch_id>",
    ] {
        assert!(t.contains(needle), "{needle}\n{t}");
    }
    // The order of the schema: titles, contributors, abstract, date, pages, programs, doi_data.
    let at = |s: &str| t.find(s).unwrap();
    assert!(at("<titles>") < at("<contributors>"));
    assert!(at("<contributors>") < at("<jats:abstract>"));
    assert!(at("<pages>") < at("<fr:program"));
    assert!(at("<ai:program") < at("<rel:program"));
    assert!(at("<rel:program") < at("<doi_data>"));
    // The journal's publisher has no place: reported.
    assert!(w
        .diagnostics
        .iter()
        .any(|d| d.code == UNREPRESENTABLE && d.location.path.as_deref() == Some("/publisher")));
}

#[test]
fn a_record_without_doi_or_url_is_refused_with_both_reasons() {
    let mut r = base(ResourceTypeGeneral::Preprint);
    r.doi = None;
    r.url = Some("not a url".into());
    let w = write(&r, &head());
    assert!(w.text.is_empty());
    let codes: Vec<&str> = w.diagnostics.iter().map(|d| d.code.as_ref()).collect();
    assert!(codes.contains(&MISSING_DOI) && codes.contains(&MISSING_URL), "{codes:?}");
}

#[test]
fn a_work_crossref_has_no_type_for_is_refused() {
    for general in [ResourceTypeGeneral::Award, ResourceTypeGeneral::Instrument, ResourceTypeGeneral::Software] {
        let w = write(&base(general.clone()), &head());
        assert!(w.text.is_empty(), "{general:?}");
        assert!(w.diagnostics.iter().any(|d| d.code == NO_TYPE && d.is_error()));
    }
    let mut r = base(ResourceTypeGeneral::Dataset);
    r.types.resource_type_general = None;
    assert!(write(&r, &head()).diagnostics.iter().any(|d| d.code == NO_TYPE));
}

#[test]
fn an_article_without_its_journal_and_a_book_without_its_publisher_are_refused() {
    let w = write(&base(ResourceTypeGeneral::JournalArticle), &head());
    assert!(w.text.is_empty());
    assert!(w.diagnostics.iter().any(|d| d.code == MISSING_REQUIRED && d.message.contains("journal")));
    let mut book = base(ResourceTypeGeneral::Book);
    book.publisher = None;
    let w = write(&book, &head());
    assert!(w.diagnostics.iter().any(|d| d.code == MISSING_REQUIRED && d.message.contains("publisher")));
}

#[test]
fn every_kind_is_written_with_its_element() {
    for (general, specific, needle) in [
        (ResourceTypeGeneral::Book, None, "<book book_type=\"monograph\">"),
        (ResourceTypeGeneral::Book, Some("EditedBook"), "<book book_type=\"edited_book\">"),
        (ResourceTypeGeneral::Dataset, None, "<dataset dataset_type=\"record\">"),
        (ResourceTypeGeneral::Dissertation, None, "<dissertation publication_type=\"full_text\">"),
        (ResourceTypeGeneral::Report, None, "<report-paper_metadata>"),
        (ResourceTypeGeneral::Preprint, None, "<posted_content type=\"preprint\">"),
        (ResourceTypeGeneral::Report, Some("PostedContent"), "<posted_content type=\"report\">"),
    ] {
        let mut r = base(general);
        r.types.resource_type = specific.map(str::to_owned);
        let w = write(&r, &head());
        assert!(w.text.contains(needle), "{needle}: {:?}", w.diagnostics);
    }
}

#[test]
fn what_crossref_has_no_place_for_is_reported_once_per_property() {
    let mut r = base(ResourceTypeGeneral::Preprint);
    r.subjects.push(Subject { subject: "Things".into(), ..Subject::default() });
    r.subjects.push(Subject { subject: "Stuff".into(), ..Subject::default() });
    r.sizes.push("3 pages".into());
    // A language without an ISO 639-1 code has no place in Crossref's list.
    r.language = Some("tlh".into());
    let w = write(&r, &head());
    let lost: Vec<&str> =
        w.diagnostics.iter().filter(|d| d.code == UNREPRESENTABLE).filter_map(|d| d.location.path.as_deref()).collect();
    assert_eq!(lost.iter().filter(|p| **p == "/subjects").count(), 1);
    assert!(lost.contains(&"/sizes") && lost.contains(&"/language"), "{lost:?}");
}

#[test]
fn values_the_schema_refuses_are_left_out_and_reported() {
    let mut r = base(ResourceTypeGeneral::Preprint);
    if let Some(c) = r.creators.get_mut(0) {
        c.name_identifiers[0].name_identifier = "not-an-orcid".into();
    }
    r.rights_list.push(Rights { rights_uri: Some("CC-BY".into()), ..Rights::default() });
    let w = write(&r, &head());
    assert!(!w.text.contains("<ORCID>"));
    assert!(!w.text.contains("ai:program"));
    assert_eq!(w.diagnostics.iter().filter(|d| d.code == INVALID_VALUE).count(), 2, "{:?}", w.diagnostics);
}

#[test]
fn the_head_has_placeholders_that_are_reported_and_a_batch_id_from_the_timestamp() {
    let w = write(&base(ResourceTypeGeneral::Preprint), &Head::default());
    assert!(w.text.contains("<timestamp>0</timestamp>"));
    assert!(w.text.contains("<doi_batch_id>crosswalk-0</doi_batch_id>"));
    assert!(w.text.contains("<email_address>depositor@example.org</email_address>"));
    assert_eq!(w.diagnostics.iter().filter(|d| d.code == HEAD_DEFAULT).count(), 3);
    assert!(Head { batch_id: Some("x".into()), ..Head::default() }.check().is_err());
    assert!(Head { depositor_email: Some("nobody".into()), ..Head::default() }.check().is_err());
    assert!(head().check().is_ok());
}

#[test]
fn documents_split_and_join_into_one_deposit() {
    let a = write(&base(ResourceTypeGeneral::Preprint), &head()).text;
    let mut other = base(ResourceTypeGeneral::Preprint);
    other.doi = Some("10.5555/test.2".into());
    let b = write(&other, &head()).text;
    let (open, work_a, close) = split(&a).unwrap();
    let (_, work_b, _) = split(&b).unwrap();
    assert_eq!(body_kind(work_a), Some("posted_content"));
    let joined = format!("{open}{work_a}{work_b}{close}");
    assert_eq!(joined, deposit([work_a, work_b], &head()));
    assert_eq!(joined.matches("<body>").count(), 1);
    assert_eq!(joined.matches("<posted_content").count(), 2);
}

#[test]
fn identifiers_dates_and_relations_follow_the_schemas_patterns() {
    assert!(valid_issn("1234-5678") && valid_issn("1234567X") && !valid_issn("12345-678"));
    assert!(valid_isbn("978-3-16-148410-0") && valid_isbn("0306406152") && !valid_isbn("ISBN 123"));
    assert_eq!(work::ymd_parts("2024-03-15T10:00:00Z"), Some(("2024".into(), Some("03".into()), Some("15".into()))));
    assert_eq!(work::ymd_parts("2024-13"), Some(("2024".into(), None, None)));
    assert_eq!(work::ymd_parts("0999"), None);
    assert_eq!(work::ymd_parts("20240"), None);
    // Every relationship type the reader knows is written back as itself.
    for t in crate::RELATIONSHIP_TYPES {
        let (relation, _) = crate::relation_type(t).unwrap();
        let (back, _) = crossref_relation(&relation, Some(t)).unwrap();
        assert_eq!(&back, t);
    }
}

#[test]
fn the_language_is_its_iso_639_1_code_where_the_work_has_the_attribute() {
    let mut r = base(ResourceTypeGeneral::Preprint);
    r.language = Some("de-AT".into());
    let w = write(&r, &head());
    assert!(w.text.contains(r#"<posted_content type="preprint" language="de">"#), "{}", w.text);
    assert!(!w.diagnostics.iter().any(|d| d.location.path.as_deref() == Some("/language")));
    // A dataset has no language attribute: reported.
    let mut d = base(ResourceTypeGeneral::Dataset);
    d.language = Some("de".into());
    let w = write(&d, &head());
    assert!(!w.text.contains("language="));
    assert!(w.diagnostics.iter().any(|d| d.code == UNREPRESENTABLE && d.location.path.as_deref() == Some("/language")));
}

#[test]
fn a_container_identifier_without_a_container_is_a_relation() {
    let mut r = base(ResourceTypeGeneral::Preprint);
    r.related_identifiers.push(RelatedIdentifier {
        related_identifier: "1234-5678".into(),
        related_identifier_type: Some(RelatedIdentifierType::Issn),
        relation_type: Some(RelationType::IsPartOf),
        ..RelatedIdentifier::default()
    });
    let w = write(&r, &head());
    assert!(
        w.text.contains(r#"<rel:inter_work_relation relationship-type="isPartOf" identifier-type="issn">1234-5678</rel:inter_work_relation>"#),
        "{}",
        w.text
    );
    // In a journal article it is the journal's ISSN, and not a relation too.
    let mut a = base(ResourceTypeGeneral::JournalArticle);
    journal(&mut a);
    let w = write(&a, &head());
    assert!(w.text.contains("<issn>1234-5678</issn>"));
    assert!(!w.text.contains("identifier-type=\"issn\""));
}

#[test]
fn works_are_indented_and_values_keep_their_line_breaks() {
    let mut r = base(ResourceTypeGeneral::Preprint);
    r.descriptions.push(Description {
        description: "One line\nand the next.".into(),
        description_type: Some(DescriptionType::Abstract),
        lang: None,
    });
    let w = write(&r, &head());
    assert!(w.text.contains("\n    <posted_content type=\"preprint\">\n      <contributors>\n"), "{}", w.text);
    assert!(w.text.contains("<jats:p>One line\nand the next.</jats:p>"), "{}", w.text);
    assert!(w.text.contains("\n    </posted_content>\n  </body>"), "{}", w.text);
}

#[test]
fn a_family_name_crossref_refuses_is_cut_and_the_given_name_kept() {
    let mut r = base(ResourceTypeGeneral::Preprint);
    if let Some(c) = r.creators.get_mut(0) {
        c.family_name = Some("Lovelace2".into());
    }
    let w = write(&r, &head());
    let t = flat(&w.text);
    assert!(t.contains("<given_name>Ada</given_name>\n<surname>Lovelace</surname>"), "{t}");
    assert!(w.diagnostics.iter().any(|d| d.code == INVALID_VALUE && d.message.contains("Lovelace2")));
    // A name with nothing a surname can hold is left out, said; the others stay.
    if let Some(c) = r.creators.get_mut(0) {
        c.family_name = Some("1234".into());
        c.given_name = None;
        c.name = "1234".into();
    }
    let w = write(&r, &head());
    assert!(!w.text.contains("1234"));
    assert!(w.text.contains("<organization contributor_role=\"author\" sequence=\"first\">"), "{}", w.text);
}

#[test]
fn funders_are_known_by_registry_dois_and_ror_ids_only() {
    use crosswalk_model::FunderIdentifierType;
    let mut r = base(ResourceTypeGeneral::Preprint);
    for (name, id, kind) in [
        ("Registry", "10.13039/501100000780", FunderIdentifierType::CrossrefFunderId),
        ("Ror", "05dxps055", FunderIdentifierType::Ror),
        ("Isni", "0000 0001 2284 9329", FunderIdentifierType::Isni),
    ] {
        r.funding_references.push(FundingReference {
            funder_name: name.into(),
            funder_identifier: Some(id.into()),
            funder_identifier_type: Some(kind),
            ..FundingReference::default()
        });
    }
    r.funding_references.push(FundingReference { funder_name: " ".into(), ..FundingReference::default() });
    let w = write(&r, &head());
    assert!(w
        .text
        .contains(r#"<fr:assertion name="funder_identifier">https://doi.org/10.13039/501100000780</fr:assertion>"#));
    assert!(w.text.contains(r#"<fr:assertion name="ror">https://ror.org/05dxps055</fr:assertion>"#));
    assert!(!w.text.contains("0000 0001"));
    assert_eq!(w.text.matches(r#"name="fundgroup""#).count(), 3, "a funder without name or identifier is left out");
    assert!(w.diagnostics.iter().any(|d| d.code == UNREPRESENTABLE && d.message.contains("funder identifiers")));
}
