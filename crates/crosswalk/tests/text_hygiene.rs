//! Text hygiene, one rule for every reader and writer: stray bytes in UTF-8, lone surrogate
//! escapes in JSON, control and bidirectional-control characters, values cut short. The inputs
//! are our own, in `testdata/text/`.

use crosswalk::{read, Format, Record};
use crosswalk_testkit::testdata_bytes;

/// Every reader of text, with its fixture of a title that is UTF-8 but for two stray bytes.
const STRAY_BYTES: &[(&str, Format)] = &[
    ("text/stray-bytes.datacite.xml", Format::DataciteXml),
    ("text/stray-bytes.datacite.json", Format::DataciteJson),
    ("text/stray-bytes.csl.json", Format::Citeproc),
    ("text/stray-bytes.schema.jsonld", Format::SchemaOrg),
    ("text/stray-bytes.crossref.xml", Format::CrossrefXml),
    ("text/stray-bytes.ris", Format::Ris),
    ("text/stray-bytes.bib", Format::Bibtex),
];

fn records(path: &str, format: Format) -> Vec<Record> {
    read(&testdata_bytes(path), format).expect("a format Crosswalk reads")
}

fn with_code<'r>(record: &'r Record, code: &str) -> Vec<&'r crosswalk_model::Diagnostic> {
    record.diagnostics.iter().filter(|d| d.code == code).collect()
}

/// 14.16: one invalid byte no longer re-decodes a whole line, item or document as Windows-1252
/// (`café` → `cafÃ©`): the valid UTF-8 stays, the stray bytes are read on their own, and the
/// record says which byte, where.
#[test]
fn stray_bytes_in_utf8_keep_the_utf8_around_them_in_every_reader() {
    for &(path, format) in STRAY_BYTES {
        let records = records(path, format);
        let first = &records[0];
        let title = &first.resource.titles[0].title;
        assert_eq!(title, "Café culture naïve – a study", "{path}");
        let name = &first.resource.creators.first().map(|c| c.name.clone()).unwrap_or_default();
        assert!(name.is_empty() || name.contains("Müller"), "{path}: {name}");
        let warnings = with_code(first, crosswalk_text::ENCODING_INVALID);
        assert_eq!(warnings.len(), 1, "{path}: {:#?}", first.diagnostics);
        let warning = warnings[0];
        assert!(warning.message.contains("byte 0xEF (read as Windows-1252 \"ï\")"), "{path}: {warning}");
        assert!(warning.location.line.is_some(), "{path}: {warning}");
        assert!(with_code(first, crosswalk_text::ENCODING_ASSUMED).is_empty(), "{path}: {:#?}", first.diagnostics);
        for later in &records[1..] {
            assert!(with_code(later, crosswalk_text::ENCODING_INVALID).is_empty(), "{path}: {later:#?}");
        }
    }
}

/// 14.16: a 1.2 MB RIS title is cut to 1 MiB: the record converts with `value.cut`, but a payload
/// with an event is refused (`payload.value-cut`) rather than publish the cut title; a Draft is
/// still built.
#[test]
fn a_cut_value_is_never_registered() {
    let template = String::from_utf8(testdata_bytes("text/cut-title.ris")).expect("UTF-8");
    let input = template.replace("@LONG@", &"words ".repeat(200_000));
    let records = read(input.as_bytes(), Format::Ris).expect("RIS");
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert!(!record.has_errors(), "{:#?}", record.diagnostics);
    let cut = with_code(record, crosswalk_model::codes::VALUE_CUT);
    assert_eq!(cut.len(), 1);
    let options = |event| crosswalk::PayloadOptions { event, ..Default::default() };
    for event in [crosswalk::Event::Publish, crosswalk::Event::Register] {
        let refused = crosswalk::payload_for_record(record, &options(Some(event))).expect_err("refused");
        let errors: Vec<_> = refused.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert_eq!(errors[0].code, "payload.value-cut");
        assert_eq!(errors[0].location, cut[0].location);
    }
    let draft = crosswalk::payload_for_record(record, &options(None)).expect("a Draft is built");
    assert!(draft.resource.titles[0].title.len() < input.len());
    // The same record without the cut registers.
    let whole = read(template.replace("@LONG@", "words").as_bytes(), Format::Ris).expect("RIS");
    assert!(crosswalk::payload_for_record(&whole[0], &options(Some(crosswalk::Event::Publish))).is_ok());
}

/// 14.16: a lone surrogate escape (`"\ud800x"`) gives the same result in every JSON reader: the
/// escape is U+FFFD, nothing else is lost (serde_json alone would refuse the whole value; the
/// Schema.org parser used to swallow the escape after it), one warning at its line and column.
#[test]
fn a_lone_surrogate_escape_is_one_replacement_character_in_every_json_reader() {
    for (path, format, line, column) in [
        ("text/lone-surrogate.datacite.json", Format::DataciteJson, 1, 91),
        ("text/lone-surrogate.csl.json", Format::Citeproc, 1, 50),
        ("text/lone-surrogate.schema.jsonld", Format::SchemaOrg, 2, 18),
    ] {
        let records = records(path, format);
        let first = &records[0];
        assert!(!first.has_errors(), "{path}: {:#?}", first.diagnostics);
        assert_eq!(first.resource.titles[0].title, "Broken \u{FFFD}x emoji 😀 kept", "{path}");
        let warnings = with_code(first, crosswalk_text::LONE_SURROGATE);
        assert_eq!(warnings.len(), 1, "{path}: {:#?}", first.diagnostics);
        assert_eq!((warnings[0].location.line, warnings[0].location.column), (Some(line), Some(column)), "{path}");
        assert!(warnings[0].message.contains("\\ud800"), "{path}: {}", warnings[0]);
        for later in &records[1..] {
            assert!(with_code(later, crosswalk_text::LONE_SURROGATE).is_empty(), "{path}: {later:#?}");
        }
    }
}

/// 15.25: text is text. What the source escaped (`&lt;br&gt;` in XML) or wrote as text (RIS)
/// stays text in DataCite XML, escaped; the `<br/>` element stays an element; DataCite JSON
/// shows the element as `<br/>` and reports text it cannot tell from it.
#[test]
fn escaped_markup_stays_text_and_the_line_break_element_stays_an_element() {
    let record = &records("text/br.datacite.xml", Format::DataciteXml)[0];
    assert_eq!(record.resource.descriptions[0].description, "First line\u{2028}second line; the tag <br> is text.");
    let written = crosswalk::write(&record.resource, Format::DataciteXml).expect("XML");
    let line = ">First line<br/>second line; the tag &lt;br&gt; is text.</description>";
    assert!(written.text.contains(line), "{}", written.text);
    assert_eq!(read(written.text.as_bytes(), Format::DataciteXml).expect("XML")[0].resource, record.resource);
    let json = crosswalk::write(&record.resource, Format::DataciteJson).expect("JSON");
    assert!(json.text.contains("\"First line<br/>second line; the tag <br> is text.\""), "{}", json.text);
    let notes: Vec<_> = json.diagnostics.iter().map(|d| (d.code.as_ref(), d.location.path.as_deref())).collect();
    assert_eq!(notes, [("write.unrepresentable", Some("/descriptions/0/description"))]);

    let ris = &records("text/br.ris", Format::Ris)[0];
    let written = crosswalk::write(&ris.resource, Format::DataciteXml).expect("XML");
    assert!(
        written.text.contains(">Write &lt;br&gt; or &lt;br/&gt; to break a line.</description>"),
        "{}",
        written.text
    );
}

/// 15.27 and 14.16: one rule for every reader (the tidy pass): a C1 control that stands for a
/// Windows-1252 character is that character (`text.cp1252`), other controls go
/// (`text.control`), a paragraph separator in a title is a space (`text.separator`); controls of
/// bidirectional text stay and are reported (`text.bidi`).
#[test]
fn control_characters_and_separators_get_one_rule_in_every_reader() {
    for (path, format) in [
        ("text/controls.csl.json", Format::Citeproc),
        ("text/controls.ris", Format::Ris),
        ("text/controls.datacite.xml", Format::DataciteXml),
        ("text/controls.bib", Format::Bibtex),
    ] {
        let record = &records(path, format)[0];
        assert_eq!(record.resource.titles[0].title, "Heat–wave data  2020", "{path}");
        assert_eq!(record.resource.creators[0].name, "\u{202E}evil\u{202C} Lab", "{path}");
        for (code, pointer) in [
            ("text.cp1252", "/titles/0/title"),
            ("text.control", "/titles/0/title"),
            ("text.separator", "/titles/0/title"),
            ("text.bidi", "/creators/0/name"),
        ] {
            let found = with_code(record, code);
            assert_eq!(found.len(), 1, "{path}: {code}: {:#?}", record.diagnostics);
            // (A CSL array's item index prefixes the pointer.)
            assert!(found[0].location.path.as_deref().is_some_and(|p| p.ends_with(pointer)), "{path}: {}", found[0]);
        }
    }
}

/// 14.16: the writers that write text by hand never write a raw NUL or another control, and a line
/// break in a value never starts a new RIS line, whatever resource they are given (this one is
/// deserialised directly, so no reader tidied it); what they leave out is reported at the value's
/// pointer. BibTeX citation keys hold ASCII letters and digits only.
#[test]
fn text_writers_write_no_control_characters() {
    let resource: crosswalk::Resource =
        serde_json::from_slice(&testdata_bytes("text/untidy-model.json")).expect("a DataCite JSON model");
    for format in [Format::Ris, Format::Bibtex] {
        let written = crosswalk::write(&resource, format).expect("a format Crosswalk writes");
        let bad: Vec<char> =
            written.text.chars().filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')).collect();
        assert!(bad.is_empty(), "{format:?}: {bad:?} in\n{}", written.text);
        assert!(written.text.contains("dash"), "{format:?}");
        assert!(written.text.contains('–'), "{format:?}: U+0096 is written as the Windows-1252 dash");
        let pointers: Vec<_> = written
            .diagnostics
            .iter()
            .filter(|d| d.code == "write.unrepresentable" && d.message.contains("control characters"))
            .filter_map(|d| d.location.path.as_deref())
            .collect();
        assert_eq!(pointers, ["/titles/0/title", "/publisher/name", "/descriptions/0/description"], "{format:?}");
        let back = read(written.text.as_bytes(), format).expect("readable");
        assert_eq!(back.len(), 1, "{format:?}: {}", written.text);
        assert!(!back[0].has_errors(), "{format:?}: {:#?}", back[0].diagnostics);
        assert_eq!(back[0].resource.creators[0].name, "\u{202E}evil\u{202C} Lab", "{format:?}: values keep them");
    }
    let ris = crosswalk::write(&resource, Format::Ris).expect("RIS").text;
    assert!(ris.contains("TI  - Bell and NUL[31m red – dash ER  - fake\r\n"), "{ris}");
    assert!(ris.contains("AB  - First\r\n AU  - not a tag\r\nlast\r\n"), "{ris}");
    let bibtex = crosswalk::write(&resource, Format::Bibtex).expect("BibTeX").text;
    let key = bibtex.split_once('{').and_then(|(_, rest)| rest.split_once(',')).map(|(key, _)| key).unwrap_or("");
    assert!(!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric()), "{key:?}");
}

/// A source's own key (a BibTeX citation key, a RIS `ID`) is no value of the resource, so the
/// tidy pass does not see it; `Record::tidy` reports controls in it, since it may name an output
/// file or fill a URL template (which leave them out).
#[test]
fn a_key_with_bidirectional_controls_is_reported() {
    for (path, format) in [("text/bidi-key.bib", Format::Bibtex), ("text/bidi-key.ris", Format::Ris)] {
        let record = &records(path, format)[0];
        assert_eq!(record.origin.key.as_deref(), Some("gpj\u{202E}exe.txt"), "{path}");
        let notes = with_code(record, "text.bidi");
        assert_eq!(notes.len(), 1, "{path}: {:#?}", record.diagnostics);
        assert!(notes[0].message.contains("U+202E"), "{path}: {}", notes[0]);
    }
}
