//! Reference lists keep their records' identity through a conversion: the key a record is cited
//! by in its source (`Origin::citation_key`) is the key, `id` or `ID` written by `write_record`,
//! and the `Assembler` keeps keys unique in one output.

use crosswalk::{read, write_record, Assembler, Format, JsonLayout, Record};

fn fixture(name: &str, format: Format) -> Vec<Record> {
    read(&crosswalk_testkit::testdata_bytes(name), format).unwrap()
}

fn written(record: &Record, format: Format) -> crosswalk::Written {
    write_record(record, format, JsonLayout::Line).unwrap()
}

#[test]
fn bibtex_to_bibtex_keeps_every_citation_key() {
    let records = fixture("bibtex/citation-keys.bib", Format::Bibtex);
    assert_eq!(records[0].origin.citation_key.as_deref(), Some("Okafor2021:salinity"));
    let first = written(&records[0], Format::Bibtex);
    assert!(first.text.starts_with("@article{Okafor2021:salinity,\n"), "{}", first.text);
    let second = written(&records[1], Format::Bibtex);
    assert!(second.text.starts_with("@misc{tide-gauges_2019,\n"), "{}", second.text);
    // Read back, the key is the same.
    let again = read(first.text.as_bytes(), Format::Bibtex).unwrap();
    assert_eq!(again[0].origin.citation_key.as_deref(), Some("Okafor2021:salinity"));
    // Without the record (the resource alone), the key is made from the metadata.
    let made = crosswalk::write_with(&records[0].resource, Format::Bibtex, JsonLayout::Line).unwrap();
    assert!(made.text.starts_with("@article{okafor2021salinity,"), "{}", made.text);
}

#[test]
fn bibtex_keys_become_csl_ids_and_ris_ids() {
    let records = fixture("bibtex/citation-keys.bib", Format::Bibtex);
    let csl: serde_json::Value = serde_json::from_str(&written(&records[0], Format::Citeproc).text).unwrap();
    assert_eq!(csl["id"], "Okafor2021:salinity");
    assert_eq!(csl["DOI"], "10.80007/ll.2021.4");
    let ris = written(&records[0], Format::Ris);
    assert!(ris.text.contains("\r\nID  - Okafor2021:salinity\r\n"), "{}", ris.text);
}

#[test]
fn ris_to_ris_keeps_the_id() {
    let records = fixture("ris/record-ids.ris", Format::Ris);
    assert_eq!(records[0].origin.citation_key.as_deref(), Some("LAG-0042"));
    let ris = written(&records[0], Format::Ris);
    assert!(ris.text.starts_with("TY  - JOUR\r\nID  - LAG-0042\r\n"), "{}", ris.text);
    let again = read(ris.text.as_bytes(), Format::Ris).unwrap();
    assert_eq!(again[0].origin.citation_key.as_deref(), Some("LAG-0042"));
    // A RIS record without ID: none is written, nor made up.
    let doi_only = read(b"TY  - JOUR\r\nTI  - T\r\nDO  - 10.80007/x\r\nER  - \r\n", Format::Ris).unwrap();
    assert_eq!(doi_only[0].origin.citation_key, None);
    assert!(!written(&doi_only[0], Format::Ris).text.contains("ID  - "));
}

#[test]
fn csl_to_csl_keeps_the_id_and_bibtex_takes_it_where_it_can() {
    let records = fixture("citeproc/item-ids.json", Format::Citeproc);
    let ids: Vec<Option<&str>> = records.iter().map(|r| r.origin.citation_key.as_deref()).collect();
    assert_eq!(ids, [Some("eze2020mangrove"), Some("https://doi.org/10.80007/mangrove-plots")]);
    for record in &records {
        let item: serde_json::Value = serde_json::from_str(&written(record, Format::Citeproc).text).unwrap();
        assert_eq!(item["id"].as_str(), record.origin.citation_key.as_deref());
    }
    assert!(written(&records[0], Format::Bibtex).text.starts_with("@article{eze2020mangrove,"));
    // A DOI's URL is no citation key: the key is made from the record, and said so.
    let bib = written(&records[1], Format::Bibtex);
    assert!(bib.text.starts_with("@dataset{eze2020mangrove,"), "{}", bib.text);
    let note = bib.diagnostics.iter().find(|d| d.code == "bibtex.key-replaced").expect("a note");
    assert!(note.message.contains("DOI or URL"), "{note}");
}

#[test]
fn keys_stay_unique_in_one_output() {
    let mut records = fixture("bibtex/citation-keys.bib", Format::Bibtex);
    records.extend(fixture("bibtex/citation-keys-more.bib", Format::Bibtex));
    for (format, key_of) in [
        (Format::Bibtex, "@misc{tide-gauges_2019,|@techreport{tide-gauges_2019a,"),
        (Format::Citeproc, r#""id":"tide-gauges_2019"|"id":"tide-gauges_2019a""#),
        (Format::Ris, "ID  - tide-gauges_2019\r\n|ID  - tide-gauges_2019a\r\n"),
    ] {
        let mut assembler = Assembler::new();
        let mut out = Vec::new();
        let mut notes = Vec::new();
        for record in &records {
            let (text, note) = assembler.add(format, written(record, format).text);
            out.push(text);
            notes.extend(note);
        }
        let (first, second) = key_of.split_once('|').unwrap();
        assert!(out[1].contains(first), "{format}: {}", out[1]);
        assert!(out[2].contains(second), "{format}: {}", out[2]);
        assert_eq!(notes.len(), 1, "{format}: {notes:?}");
        assert!(notes[0].message.contains("tide-gauges_2019a"), "{}", notes[0]);
    }
}
