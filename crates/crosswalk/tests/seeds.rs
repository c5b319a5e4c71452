//! DataCite's REST API pages (the seeds in `../shared/seeds/`) are the contract: the payloads
//! they show must come out of Crosswalk the same.

use crosswalk::{payload, read, Event, Format, PayloadOptions};
use crosswalk_testkit::{seed_json_blocks, seed_page, shared_or_skip, without_nulls};
use serde_json::{json, Value};

/// The `data.attributes` of a JSON:API document.
fn attributes(document: &Value) -> &Value {
    &document["data"]["attributes"]
}

/// Removes the derived citation types, which DataCite's request examples leave out.
fn without_derived_types(mut attributes: Value) -> Value {
    if let Some(types) = attributes.get_mut("types").and_then(Value::as_object_mut) {
        for key in ["schemaOrg", "citeproc", "bibtex", "ris"] {
            types.remove(key);
        }
    }
    attributes
}

fn only_record(bytes: &[u8], format: Format) -> crosswalk::Record {
    let mut records = read(bytes, format).expect("readable format");
    assert_eq!(records.len(), 1, "one record expected");
    let record = records.remove(0);
    assert!(!record.has_errors(), "unexpected errors: {:#?}", record.diagnostics);
    record
}

#[test]
fn minimal_xml_example_gives_the_seed_xml_payload() {
    let shared = shared_or_skip!();
    let page = seed_page(&shared, "001");
    let start = page.find("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<resource").expect("example XML in the page");
    let end = page[start..].find("</resource>").expect("end of the example XML") + start + "</resource>".len();
    let xml = &page[start..end];

    let record = only_record(xml.as_bytes(), Format::DataciteXml);
    let options = PayloadOptions {
        doi: Some("10.5438/2wnw-c484".into()),
        event: Some(Event::Publish),
        url: Some("https://example.org/".into()),
        xml: true,
        ..Default::default()
    };
    let built = payload(&record.resource, &options).expect("payload");
    let ours: Value = serde_json::to_value(&built).unwrap();

    let expected = seed_json_blocks(&page)
        .into_iter()
        .find(|block| attributes(block).get("xml").is_some() && attributes(block).get("event").is_some())
        .expect("the XML request payload in the page");
    assert_eq!(ours, expected, "payload differs from the seed's request payload");
}

#[test]
fn minimal_json_example_gives_the_seed_prefix_payload() {
    let shared = shared_or_skip!();
    let page = seed_page(&shared, "001");
    let request = seed_json_blocks(&page)
        .into_iter()
        .find(|block| attributes(block).get("prefix").is_some() && attributes(block).get("event").is_some())
        .expect("the prefix request payload in the page");
    let record = only_record(serde_json::to_string(&request).unwrap().as_bytes(), Format::Payload);
    let options = PayloadOptions {
        prefix: Some("10.5438".into()),
        event: Some(Event::Publish),
        url: Some("https://example.org".into()),
        ..Default::default()
    };
    let built = serde_json::to_value(payload(&record.resource, &options).expect("payload")).unwrap();
    assert_eq!(built["data"]["type"], "dois");
    assert_eq!(without_derived_types(attributes(&built).clone()), *attributes(&request));
}

#[test]
fn rich_json_example_converts_to_xml_and_back_to_the_same_attributes() {
    let shared = shared_or_skip!();
    let page = seed_page(&shared, "001");
    let request = seed_json_blocks(&page)
        .into_iter()
        .find(|block| attributes(block).get("doi").and_then(Value::as_str) == Some("10.17596/qf5s-pc52"))
        .expect("the rich request payload in the page");
    let record = only_record(serde_json::to_string(&request).unwrap().as_bytes(), Format::Payload);

    let xml = crosswalk::write(&record.resource, Format::DataciteXml).unwrap();
    crosswalk_testkit::assert_official_xsd_valid("rich seed example as XML", &xml.text);
    let back = only_record(xml.text.as_bytes(), Format::DataciteXml);
    let ours = without_derived_types(serde_json::to_value(&back.resource).unwrap());

    // `event` and `url` are payload attributes, not metadata: DataCite XML does not carry them.
    let mut expected = without_nulls(attributes(&request));
    let expected_map = expected.as_object_mut().unwrap();
    expected_map.remove("event");
    expected_map.remove("url");
    assert_eq!(ours, expected);
}

#[test]
fn get_response_converts_with_its_base64_xml_merged() {
    let shared = shared_or_skip!();
    let page = seed_page(&shared, "002");
    let response = seed_json_blocks(&page).into_iter().next().expect("the GET response");
    let record = only_record(serde_json::to_string(&response).unwrap().as_bytes(), Format::Payload);
    let r = &record.resource;
    assert_eq!(r.doi.as_deref(), Some("10.5438/0012"));
    // `version` is null in the attributes; the embedded XML says 4.0.
    assert_eq!(r.version.as_deref(), Some("4.0"));
    assert_eq!(r.contributors.len(), 17);
    assert_eq!(r.sizes, ["45 pages"]);
    let json = serde_json::to_value(r).unwrap();
    assert_eq!(
        json["types"],
        json!({"resourceTypeGeneral": "Text", "resourceType": "Documentation",
        "schemaOrg": "ScholarlyArticle", "citeproc": "article-journal", "bibtex": "article", "ris": "RPRT"})
    );
    let xml = crosswalk::write(r, Format::DataciteXml).unwrap();
    crosswalk_testkit::assert_official_xsd_valid("GET response as XML", &xml.text);
}

#[test]
fn every_seed_json_document_reads_without_errors() {
    let shared = shared_or_skip!();
    for page_name in ["001", "002", "004"] {
        let page = seed_page(&shared, page_name);
        for (i, block) in seed_json_blocks(&page).iter().enumerate() {
            let records = read(serde_json::to_string(block).unwrap().as_bytes(), Format::Payload).unwrap();
            assert!(!records.is_empty(), "seed {page_name} block {i}: no record");
            // The pages also show fragments of a record (one creator): none of a DataCite
            // document's keys, so one failed record rather than an emptied one.
            let fragment =
                block.as_object().is_some_and(|o| !o.keys().any(|k| crosswalk_datacite::json::read::is_known_key(k)));
            for record in records {
                if fragment {
                    let codes: Vec<&str> = record.diagnostics.iter().map(|d| d.code.as_ref()).collect();
                    assert_eq!(codes, [crosswalk::INPUT_FORMAT_MISMATCH], "seed {page_name} block {i}");
                } else {
                    assert!(!record.has_errors(), "seed {page_name} block {i}: {:#?}", record.diagnostics);
                }
            }
        }
    }
}
