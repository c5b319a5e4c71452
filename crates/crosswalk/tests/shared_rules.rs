//! The rules readers share (`crosswalk-rules`) give the same answer and the same code whichever
//! reader applies them: the same work in two formats reads the same (`testdata/rules/`).

use crosswalk::{Format, Record};

fn read(name: &str, format: Format) -> Vec<Record> {
    let bytes = std::fs::read(crosswalk_testkit::testdata("rules").join(name)).expect("fixture exists");
    crosswalk::read(&bytes, format).expect("reads")
}

fn codes(record: &Record) -> Vec<&str> {
    record.diagnostics.iter().map(|d| d.code.as_ref()).collect()
}

#[test]
fn a_crossref_work_reads_the_same_from_crossref_xml_and_from_its_csl() {
    let xml = read("journal-article.xml", Format::CrossrefXml);
    let csl = read("journal-article.json", Format::Citeproc);
    let rest = read("journal-article.crossref.json", Format::CrossrefJson);
    let (xml, csl, rest) = (&xml[0], &csl[0], &rest[0]);
    // Crossref's REST JSON too: the same types, container, abstract and notes.
    assert_eq!(xml.resource.types, rest.resource.types);
    assert_eq!(xml.resource.descriptions, rest.resource.descriptions);
    for code in [crosswalk_rules::MARKUP_REMOVED, crosswalk_rules::MATH_FLATTENED] {
        assert!(codes(rest).contains(&code), "{code}: {:?}", codes(rest));
    }
    // One type table: the same types, and the container a Journal in both.
    assert_eq!(xml.resource.types, csl.resource.types);
    assert_eq!(csl.resource.types.derived().map(|d| d.citeproc), Some("article-journal"));
    let container = |r: &Record| r.resource.related_items.first().and_then(|i| i.related_item_type.clone());
    assert_eq!(container(xml), container(csl));
    assert_eq!(container(xml), container(rest));
    // One JATS rule: the same text and the same notes.
    assert_eq!(xml.resource.descriptions, csl.resource.descriptions);
    assert_eq!(
        csl.resource.descriptions[0].description,
        "We grew Example coli at 37 °C & pH 7.\n\nGrowth scaled as t2 ."
    );
    for code in [crosswalk_rules::MARKUP_REMOVED, crosswalk_rules::MATH_FLATTENED] {
        assert!(codes(xml).contains(&code), "{code}: {:?}", codes(xml));
        assert!(codes(csl).contains(&code), "{code}: {:?}", codes(csl));
    }
}

#[test]
fn editors_without_authors_are_the_creators_in_every_reader() {
    for (name, format) in [
        ("editors.json", Format::Citeproc),
        ("editors.bib", Format::Bibtex),
        ("editors.ris", Format::Ris),
        ("editors.xml", Format::CrossrefXml),
        ("editors.crossref.json", Format::CrossrefJson),
        ("editors.jsonld", Format::SchemaOrg),
    ] {
        let records = read(name, format);
        let record = &records[0];
        let r = &record.resource;
        let creators: Vec<&str> = r.creators.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(creators, ["Okonkwo, Adaeze", "Lindqvist, Per"], "{name}");
        let editors: Vec<&str> = r
            .contributors
            .iter()
            .filter(|c| c.contributor_type == Some(crosswalk_model::ContributorType::Editor))
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(editors, creators, "{name}: the editors stay contributors");
        let note = record.diagnostics.iter().find(|d| d.code == crosswalk_rules::EDITORS_AS_CREATORS);
        let note = note.unwrap_or_else(|| panic!("{name}: not reported: {:?}", codes(record)));
        assert!(note.location.line.is_some(), "{name}: {note}");
        // Citation formats write them once, as editors; reading that back gives the same people.
        for (to, author, editor) in [
            (Format::Bibtex, "author", "editor"),
            (Format::Ris, "AU  - ", "ED  - "),
            (Format::Citeproc, "\"author\"", "\"editor\""),
        ] {
            let written = crosswalk::write(r, to).expect("writes");
            assert!(
                !written.text.contains(author) && written.text.contains(editor),
                "{name} → {to:?}:\n{}",
                written.text
            );
            assert!(
                written.diagnostics.iter().any(|d| d.code == crosswalk_rules::EDITORS_AS_CREATORS),
                "{name} → {to:?}"
            );
            let back = crosswalk::read(written.text.as_bytes(), to).expect("reads");
            let again: Vec<&str> = back[0].resource.creators.iter().map(|c| c.name.as_str()).collect();
            assert_eq!(again, creators, "{name} → {to:?}");
        }
    }
}

#[test]
fn a_persons_name_in_one_string_is_split_alike_in_every_reader() {
    for (name, format) in [
        ("person.jsonld", Format::SchemaOrg),
        ("person.json", Format::Citeproc),
        ("person.xml", Format::CrossrefXml),
        ("person.crossref.json", Format::CrossrefJson),
    ] {
        let records = read(name, format);
        let record = &records[0];
        let creator = &record.resource.creators[0];
        assert_eq!(
            (creator.name.as_str(), creator.family_name.as_deref(), creator.given_name.as_deref()),
            ("da Silva, Ana María", Some("da Silva"), Some("Ana María")),
            "{name}"
        );
        assert_eq!(creator.name_type, Some(crosswalk_model::NameType::Personal), "{name}");
        assert!(codes(record).contains(&crosswalk_rules::NAME_SPLIT), "{name}: {:?}", codes(record));
    }
}
