//! Regression tests of what the fuzzers and the malformed corpus found, one test per finding
//! (`F1` … in `crates/crosswalk-robustness/FINDINGS.md`). Their inputs are in
//! `fuzz/regressions/<target>/`, where the fuzz runs replay them too.
//!
//! A finding waiting for its fix is `#[ignore]`d with the crate that fixes it (run them all with
//! `cargo test -p crosswalk-robustness --test regressions -- --include-ignored`); when the fix
//! lands, its test loses the `#[ignore]` and its entry in `fuzz/src/known.rs` goes. F1-F13 are
//! fixed: every test here runs.

use std::collections::HashSet;
use std::io::BufReader;

use crosswalk::{Format, Record};
use crosswalk_robustness::{describe, malformed_dir, malformed_files};

/// The bytes of `fuzz/regressions/<path>`.
fn input(path: &str) -> Vec<u8> {
    let file = crosswalk_testkit::workspace_root().join("fuzz/regressions").join(path);
    std::fs::read(&file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()))
}

fn read(path: &str, format: Format) -> Vec<Record> {
    crosswalk::read(&input(path), format).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every record reads back from the DataCite JSON written for it as one record, the same.
#[track_caller]
fn assert_json_round_trip(records: &[Record]) {
    assert!(!records.is_empty());
    for record in records {
        let json = crosswalk_datacite::json::write(&record.resource);
        let back = crosswalk_datacite::json::read(serde_json::to_string(&json).unwrap().as_bytes());
        assert_eq!(back.len(), 1, "{}", describe(&back));
        assert_eq!(back[0].resource, record.resource, "{}", describe(&back));
    }
}

fn codes(records: &[Record]) -> Vec<&str> {
    records.iter().flat_map(|r| r.diagnostics.iter().map(|d| d.code.as_ref())).collect()
}

/// What every regression input must already do: read within the contract (no panic, documented
/// codes, 1-based positions). The finding each input shows is checked by its own test below.
#[test]
fn every_regression_input_reads_without_panicking_and_with_documented_codes() {
    let documented: HashSet<&str> = crosswalk::codes().into_iter().map(|c| c.code).collect();
    let root = crosswalk_testkit::workspace_root().join("fuzz/regressions");
    let formats = [
        ("read_datacite_xml", Format::DataciteXml),
        ("read_datacite_json", Format::DataciteJson),
        ("read_ris", Format::Ris),
        ("read_citeproc", Format::Citeproc),
        ("read_crossref_xml", Format::CrossrefXml),
        ("read_crossref_json", Format::CrossrefJson),
        ("read_bibtex", Format::Bibtex),
        ("read_schema_org", Format::SchemaOrg),
        ("read_codemeta", Format::Codemeta),
        ("end_to_end", Format::Ris),
    ];
    let mut seen = 0;
    for (directory, format) in formats {
        for file in crosswalk_testkit::files_with_suffix(&root.join(directory), "") {
            let bytes = std::fs::read(&file).unwrap();
            let records = crosswalk::read(&bytes, format).unwrap();
            for d in records.iter().flat_map(|r| &r.diagnostics) {
                assert!(documented.contains(d.code.as_ref()), "{}: undocumented {d}", file.display());
                assert!(d.location.line != Some(0) && d.location.column != Some(0), "{}: {d}", file.display());
            }
            seen += 1;
        }
    }
    assert!(seen >= 10, "only {seen} regression inputs found under {}", root.display());
}

/// F1. An item of a top-level JSON array (or a value of JSON Lines) that its reader reads as
/// several records takes the numbers of the items after it: `origin.index` repeats.
#[test]
fn a_nested_array_item_does_not_renumber_the_records_after_it() {
    for (path, format) in [
        ("read_citeproc/f1-nested-array-item.json", Format::Citeproc),
        ("read_datacite_json/f1-nested-array-item.json", Format::DataciteJson),
    ] {
        let records = read(path, format);
        let indexes: Vec<usize> = records.iter().map(|r| r.origin.index).collect();
        assert_eq!(indexes, (0..records.len()).collect::<Vec<_>>(), "{path}: records numbered {indexes:?}");
    }
}

/// F2. Blank JSON input, an empty list, and input of nothing but byte-order-mark bytes (a lone
/// `EF`) give no record through the facade, so a batch does not account for the input at all;
/// the crates' own readers say `json.no-records` / `csl.no-items` / `json.syntax`.
#[test]
fn an_empty_json_list_or_blank_json_gives_a_record() {
    for (path, format) in [
        ("read_datacite_json/f2-empty-list.json", Format::DataciteJson),
        ("read_datacite_json/f2-blank.json", Format::DataciteJson),
        ("read_datacite_json/f2-lone-bom-byte.json", Format::DataciteJson),
        ("read_citeproc/f2-empty-list.json", Format::Citeproc),
    ] {
        let records = read(path, format);
        assert!(records.first().is_some_and(Record::has_errors), "{path}: no failed record:\n{}", describe(&records));
    }
}

/// F3. Blank RIS input and BibTeX input of comments only give no record and no diagnostic (text
/// that is not blank gives `ris.no-records` / `bibtex.no-entries`).
#[test]
fn blank_and_comment_only_input_gives_a_record() {
    for (path, format, code) in [
        ("read_ris/f3-blank-lines.ris", Format::Ris, "ris.no-records"),
        ("read_bibtex/f3-comment-only.bib", Format::Bibtex, "bibtex.no-entries"),
    ] {
        let records = read(path, format);
        assert!(codes(&records).contains(&code), "{path}: expected {code}:\n{}", describe(&records));
    }
}

/// F3 (BibTeX). An unclosed `@comment{` swallows every entry after it, silently: no record, no
/// diagnostic.
#[test]
fn an_unclosed_comment_does_not_swallow_entries_silently() {
    let records = read("read_bibtex/f3-unclosed-comment-swallows-entries.bib", Format::Bibtex);
    assert!(
        records.iter().flat_map(|r| &r.diagnostics).any(|d| d.severity <= crosswalk::Severity::Warning),
        "two entries lost without a word:\n{}",
        describe(&records)
    );
}

/// F4. A byte-order mark is recognised only when the first `fill_buf` delivers it whole: through
/// a reader that hands out a byte at a time (a pipe may), RIS fails its first record, BibTeX
/// reports stray text, and UTF-16 JSON is read as garbage.
#[test]
fn a_bom_split_across_reads_is_still_recognised() {
    for (path, format) in [
        ("read_ris/f4-utf8-bom.ris", Format::Ris),
        ("read_bibtex/f4-utf8-bom.bib", Format::Bibtex),
        ("read_datacite_json/f4-utf16le-bom.json", Format::DataciteJson),
    ] {
        let bytes = input(path);
        let whole = crosswalk::read(&bytes, format).unwrap();
        let trickled: Vec<Record> =
            crosswalk::records(BufReader::with_capacity(1, bytes.as_slice()), format).unwrap().collect();
        assert!(!whole.iter().any(Record::has_errors), "{path}: {}", describe(&whole));
        assert!(whole == trickled, "{path}: whole:\n{}one byte at a time:\n{}", describe(&whole), describe(&trickled));
    }
}

/// F5. Crossref XML's `input.encoding` warning goes to the record being read when the decoder,
/// up to 64 KiB ahead of the parser, meets the bad byte: here the first work's, though the bad
/// byte is in the third work's title.
#[test]
fn crossref_encoding_warning_goes_to_the_record_with_the_bad_byte() {
    let records = read("read_crossref_xml/f5-bad-byte-in-third-work.xml", Format::CrossrefXml);
    assert_eq!(records.len(), 3);
    let with_warning: Vec<usize> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.diagnostics.iter().any(|d| d.code == "input.encoding"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(with_warning, [2], "the warning is on records {with_warning:?}:\n{}", describe(&records));
}

/// F6. RIS: a `DA` of words (`the day after`) is dropped without a diagnostic when `PY` has no
/// year to attach it to.
#[test]
fn ris_date_words_are_not_dropped_silently() {
    let records = read("read_ris/f6-da-words-without-py-year.ris", Format::Ris);
    let kept = records.iter().any(|r| r.resource.dates.iter().any(|d| d.date.contains("day after")));
    let reported = records.iter().flat_map(|r| &r.diagnostics).any(|d| d.message.contains("the day after"));
    assert!(kept || reported, "DA \"the day after\" vanished:\n{}", describe(&records));
}

/// F7. JSON Lines: a line whose brackets do not balance takes the lines after it into its own
/// failed record, so those records are lost from the accounting.
#[test]
fn a_broken_json_line_does_not_swallow_the_lines_after_it() {
    for (path, format) in [
        ("read_datacite_json/f7-broken-line-swallows-lines.jsonl", Format::DataciteJson),
        ("read_citeproc/f7-broken-line-swallows-lines.jsonl", Format::Citeproc),
    ] {
        let records = read(path, format);
        assert_eq!(records.len(), 4, "{path}: 4 lines, {} records:\n{}", records.len(), describe(&records));
    }
}

/// F8. DataCite JSON: an object written as an array is read positionally (serde's derived
/// `visit_seq`): `"titles": [["T", "Subtitle"]]` becomes a Subtitle, without a diagnostic.
#[test]
fn objects_written_as_arrays_are_reported() {
    let records = read("read_datacite_json/f8-objects-as-arrays.json", Format::DataciteJson);
    let paths: Vec<&str> =
        records.iter().flat_map(|r| &r.diagnostics).filter_map(|d| d.location.path.as_deref()).collect();
    for pointer in ["/titles/0", "/types", "/creators/0"] {
        assert!(paths.iter().any(|p| p.starts_with(pointer)), "nothing said about {pointer}:\n{}", describe(&records));
    }
}

/// F9. DataCite XML that declares UTF-16 but is UTF-8 is read as UTF-8 without the
/// `xml.encoding` warning other contradictions get.
#[test]
fn a_declared_encoding_the_bytes_contradict_is_reported() {
    let records = read("read_datacite_xml/f9-declared-utf16-but-utf8.xml", Format::DataciteXml);
    assert!(codes(&records).contains(&"xml.encoding"), "{}", describe(&records));
}

/// F10. DataCite JSON: a number beyond f64 (`1e400`) anywhere fails the whole record with
/// `json.syntax`, where one bad attribute should lose only itself.
#[test]
fn a_number_out_of_range_loses_only_its_attribute() {
    let records = read("read_datacite_json/f10-number-out-of-range.json", Format::DataciteJson);
    assert_eq!(records.first().and_then(|r| r.resource.doi.as_deref()), Some("10.5072/huge"), "{}", describe(&records));
}

/// F11. Diagnostics without any location (neither line nor path), against the rule that every
/// diagnostic points into the source: `input.utf16`/`input.invalid-bytes` from crosswalk-text's
/// UTF-16 decoding, Crossref's `crossref.not-crossref` for empty input and `crossref.no-works`,
/// and the validator's `xsd.not-well-formed` for an empty document.
#[test]
fn every_diagnostic_of_the_malformed_corpus_has_a_location() {
    let mut unlocated = Vec::new();
    for file in malformed_files() {
        let directory = file.split('/').next().unwrap_or_default();
        let format = match directory {
            "datacite-xml" => Format::DataciteXml,
            "datacite-json" => Format::DataciteJson,
            "crossref-xml" => Format::CrossrefXml,
            other => Format::from_name(other).unwrap(),
        };
        let bytes = std::fs::read(malformed_dir().join(&file)).unwrap();
        for d in crosswalk::read(&bytes, format).unwrap().iter().flat_map(|r| &r.diagnostics) {
            if d.location.is_unknown() {
                unlocated.push(format!("{file}: {d}"));
            }
        }
    }
    for d in crosswalk_validate::validate(b"") {
        if d.location.is_unknown() {
            unlocated.push(format!("(validating an empty document): {d}"));
        }
    }
    assert!(unlocated.is_empty(), "diagnostics without a location:\n{}", unlocated.join("\n"));
}

/// F12. Schema.org JSON-LD (and Codemeta) read the input whole: a list of works whose tail is
/// truncated gives one failed record, and the complete works before the break are lost (the
/// DataCite JSON and CSL readers keep them).
#[test]
fn a_truncated_list_of_works_keeps_the_complete_ones() {
    let records = read("read_schema_org/f12-truncated-list-tail.jsonld", Format::SchemaOrg);
    assert!(
        records.iter().any(|r| r.resource.titles.first().is_some_and(|t| t.title == "A")),
        "the complete work \"A\" is lost:\n{}",
        describe(&records)
    );
}

/// F13. The DataCite XML writer drops characters XML 1.0 cannot hold (C0 controls, U+FFFE,
/// U+FFFF; reported as `write.unrepresentable`) but keeps the white space next to them, so a RIS
/// title `A title \x15` is written `<title>A title </title>`, which reads back trimmed: the XML
/// written for the record read back is not the XML written for it.
#[test]
fn dropping_unrepresentable_characters_leaves_no_white_space_at_the_ends() {
    let records = read("end_to_end/f13-control-character-after-space.ris", Format::Ris);
    let first = crosswalk_datacite::xml::write(&records[0].resource).text;
    let back = crosswalk_datacite::xml::read(first.as_bytes());
    let second = crosswalk_datacite::xml::write(&back.resource).text;
    assert_eq!(first, second, "written again after reading back, the XML changes");
}

/// F14. libxml2 took a NUL byte after the root element as the end of the input, so the validator
/// accepted a document the DataCite XML reader refuses (`xml.malformed`): both now refuse it.
#[test]
fn a_nul_byte_after_the_root_is_not_well_formed_for_the_validator_either() {
    let bytes = input("validate/f14-nul-bytes-after-the-root.xml");
    let findings = crosswalk_validate::validate(&bytes);
    assert!(!crosswalk_validate::is_valid(&findings), "{findings:#?}");
    let first = findings.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(first.code, "xsd.not-well-formed", "{first}");
    assert_eq!((first.location.line, first.location.column), (Some(94), Some(1)), "{first}");
    let records = read("validate/f14-nul-bytes-after-the-root.xml", Format::DataciteXml);
    assert!(records.iter().any(Record::has_errors), "{}", describe(&records));
}

/// F15. The BibTeX writer wrote a value line starting with `@misc(` as is; read back, it started
/// a second entry and the first was reported unclosed. Such an `@` is now written `{@}`.
#[test]
fn a_bibtex_value_line_starting_with_at_reads_back_as_one_entry() {
    let records = read("end_to_end/f15-bibtex-value-line-starting-with-at.ris", Format::Ris);
    assert!(!records.is_empty());
    for record in &records {
        let written = crosswalk::write(&record.resource, Format::Bibtex).unwrap();
        let back = crosswalk::read(written.text.as_bytes(), Format::Bibtex).unwrap();
        assert_eq!(back.len(), 1, "{}\n{}", written.text, describe(&back));
        assert!(!back[0].has_errors(), "{}\n{}", written.text, describe(&back));
    }
}

/// F16. A Crossref relation without `relationship-type` was read with an empty
/// `relationTypeInformation`, which DataCite JSON leaves out: the record did not read back the
/// same from the JSON written for it.
#[test]
fn a_crossref_relation_without_a_type_round_trips_through_datacite_json() {
    let records = read("end_to_end/f16-crossref-relation-without-type.xml", Format::CrossrefXml);
    assert_json_round_trip(&records);
}

/// F17. A DataCite JSON title object without `title` (a misspelt key) was read as a title with
/// empty text, which the JSON written for the record leaves out on reading: the record did not
/// read back the same. Such an entry is now left out and reported (`required.missing`).
#[test]
fn a_datacite_json_entry_without_its_text_is_left_out_and_reported() {
    let records = read("end_to_end/f17-datacite-json-title-without-title.jsonl", Format::DataciteJson);
    let first = &records[0];
    assert!(first.resource.titles.is_empty(), "{}", describe(&records));
    assert!(codes(&records).contains(&"required.missing"), "{}", describe(&records));
    assert_json_round_trip(&records);
}

/// F18. A Crossref `<institution>` without `<institution_name>` became a contributor without a
/// name, which DataCite JSON read back leaves out (F17): it is now reported and not read.
#[test]
fn a_crossref_institution_without_a_name_round_trips_through_datacite_json() {
    let records = read("end_to_end/f18-crossref-institution-without-name.xml", Format::CrossrefXml);
    for record in &records {
        assert!(record.resource.contributors.iter().all(|c| !c.name.is_empty()), "{}", describe(&records));
    }
    assert_json_round_trip(&records);
}

/// F19. A Crossref grant's funder without `<funder-name>` (but with an identifier and the award)
/// is kept, reported; the DataCite JSON reader dropped such a funding reference (F17's rule was
/// too wide): an entry is now left out only when it has none of its text and identifiers.
#[test]
fn a_funding_reference_without_a_funder_name_round_trips_through_datacite_json() {
    let records = read("end_to_end/f19-crossref-grant-funder-without-name.xml", Format::CrossrefXml);
    assert_json_round_trip(&records);
}

/// F20. A Crossref affiliation without an institution name or ROR id became an empty
/// affiliation, which DataCite JSON read back leaves out: it is now reported and not read.
#[test]
fn a_crossref_affiliation_without_a_name_round_trips_through_datacite_json() {
    let records = read("end_to_end/f20-crossref-affiliation-without-name.xml", Format::CrossrefXml);
    assert_json_round_trip(&records);
}
