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
    let (xml, csl) = (&xml[0], &csl[0]);
    // One type table: the same types, and the container a Journal in both.
    assert_eq!(xml.resource.types, csl.resource.types);
    assert_eq!(csl.resource.types.derived().map(|d| d.citeproc), Some("article-journal"));
    let container = |r: &Record| r.resource.related_items.first().and_then(|i| i.related_item_type.clone());
    assert_eq!(container(xml), container(csl));
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
