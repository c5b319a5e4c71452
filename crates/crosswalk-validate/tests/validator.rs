//! The validator's diagnostics (codes, messages, line, column, path), user-supplied schemas, and
//! use from many threads. (What a validation costs: `tests/cost.rs`.)

use std::path::Path;

use crosswalk_model::Severity;
use crosswalk_validate::{codes, is_valid, validate, Schema, CODES};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).expect("read fixture")
}

/// A document with one mistake of each common kind, each on a known line.
const BROKEN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<resource xmlns="http://datacite.org/schema/kernel-4">
  <identifier identifierType="DOI">10.5072/broken</identifier>
  <creators>
    <creator><creatorName>Doe, Jane</creatorName></creator>
    <creator>
      <givenName>John</givenName>
    </creator>
  </creators>
  <titles>
    <title titleType="Main">A title</title>
  </titles>
  <publisher>Press</publisher>
  <publicationYear>23</publicationYear>
  <resourceType resourceTypeGeneral="Dataset"/>
  <dates><date>2020</date></dates>
  <colour>blue</colour>
</resource>
"#;

#[test]
fn diagnostics_carry_code_line_column_and_path() {
    let diagnostics = validate(BROKEN.as_bytes());
    let summary: Vec<String> = diagnostics.iter().map(|d| format!("{} {}", d.code, d.location)).collect();
    let expect = |code: &str, line: u32, column: u32, path: &str| format!("{code} {line}:{column} {path}");
    assert_eq!(
        summary,
        vec![
            expect(codes::UNEXPECTED_ELEMENT, 7, 7, "/resource/creators/creator[2]/givenName"),
            expect(codes::NOT_IN_LIST, 11, 12, "/resource/titles/title[1]/@titleType"),
            expect(codes::BAD_VALUE, 14, 3, "/resource/publicationYear"),
            expect(codes::BAD_ATTRIBUTE, 16, 10, "/resource/dates/date[1]"),
            expect(codes::UNEXPECTED_ELEMENT, 17, 3, "/resource/colour"),
        ],
        "{diagnostics:#?}"
    );
    assert!(diagnostics.iter().all(|d| d.severity == Severity::Error));
    assert!(!diagnostics.iter().any(|d| d.message.contains("{http")), "{diagnostics:#?}");
    crosswalk_testkit::assert_snapshot(
        "validate/broken.txt",
        &diagnostics.iter().map(|d| format!("{d}\n")).collect::<String>(),
    );
}

#[test]
fn missing_elements_name_what_is_expected() {
    let xml =
        String::from_utf8(fixture("minimal.xml")).unwrap().replace("<publisher>Crosswalk Test Press</publisher>", "");
    let diagnostics = validate(xml.as_bytes());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d.code, codes::MISSING_ELEMENT);
    assert_eq!(d.location.path.as_deref(), Some("/resource"));
    assert_eq!((d.location.line, d.location.column), (Some(2), Some(1)));
    assert!(d.message.contains("publisher"), "{}", d.message);
}

#[test]
fn parse_errors_have_libxml2_positions() {
    let diagnostics = validate(b"<resource xmlns=\"http://datacite.org/schema/kernel-4\">\n  <titles>\n</resource>");
    assert!(!is_valid(&diagnostics));
    let d = &diagnostics[0];
    assert_eq!(d.code, codes::NOT_WELL_FORMED);
    assert_eq!(d.location.line, Some(3));
    assert!(d.location.column.is_some());
    assert!(d.message.contains("titles"), "{}", d.message);
    let empty = validate(b"");
    assert_eq!(empty[0].code, codes::NOT_WELL_FORMED);
}

#[test]
fn wrong_roots_and_namespaces() {
    for (xml, needle) in [
        (r#"<resource xmlns="http://datacite.org/schema/kernel-3"/>"#, "kernel-3"),
        ("<resource/>", "no namespace"),
        (r#"<record xmlns="http://datacite.org/schema/kernel-4"/>"#, "<record>"),
    ] {
        let diagnostics = validate(xml.as_bytes());
        assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
        assert_eq!(diagnostics[0].code, codes::WRONG_ROOT);
        assert!(diagnostics[0].message.contains(needle), "{}", diagnostics[0].message);
        assert_eq!(diagnostics[0].location.line, Some(1));
    }
}

#[test]
fn base_documents_are_valid_and_encodings_are_read() {
    for name in ["minimal.xml", "full.xml", "prefixed.xml"] {
        assert_eq!(validate(&fixture(name)), vec![], "{name}");
    }
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            String::from_utf8(fixture("minimal.xml"))
                .unwrap()
                .replace("UTF-8", "UTF-16")
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    assert_eq!(validate(&utf16), vec![]);
}

#[test]
fn columns_count_characters_and_find_the_right_sibling_on_one_line() {
    let xml = r#"<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">10.5072/x</identifier><creators><creator><creatorName>Ünal, Ça</creatorName></creator><creator><creatorName>B</creatorName><bad/></creator></creators><titles><title>T</title></titles><publisher>P</publisher><publicationYear>2020</publicationYear><resourceType resourceTypeGeneral="Text"/></resource>"#;
    let diagnostics = validate(xml.as_bytes());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d.location.path.as_deref(), Some("/resource/creators/creator[2]/bad"));
    let column = xml.find("<bad/>").map(|at| xml[..at].chars().count() + 1).unwrap();
    assert_eq!(d.location.column, Some(u32::try_from(column).unwrap()));
}

#[test]
fn user_schemas_load_from_disk() {
    let ours = crosswalk_testkit::workspace_root().join("schemas/kernel-4/metadata.xsd");
    let schema = Schema::from_file(&ours).expect("our schema compiles from disk");
    assert_eq!(schema.path(), ours.as_path());
    assert!(is_valid(&schema.validate(&fixture("full.xml"))));
    let diagnostics = schema.validate(BROKEN.as_bytes());
    assert_eq!(diagnostics, validate(BROKEN.as_bytes()));

    let missing = Schema::from_file(Path::new("/nonexistent/metadata.xsd")).unwrap_err();
    assert_eq!(missing.code, codes::SCHEMA_UNUSABLE);
    assert!(missing.message.contains("/nonexistent/metadata.xsd"), "{}", missing.message);

    if let Some(official) = crosswalk_testkit::official_xsd() {
        let official = Schema::from_file(&official).expect("the official schema compiles");
        assert!(is_valid(&official.validate(&fixture("full.xml"))));
        assert!(!is_valid(&official.validate(BROKEN.as_bytes())));
    } else {
        crosswalk_testkit::skipped("the official-XSD part of this test (../shared is absent)");
    }
}

#[test]
fn user_schemas_never_reach_the_network() {
    let dir = std::env::temp_dir().join(format!("crosswalk-validate-remote-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let main = dir.join("remote.xsd");
    std::fs::write(
        &main,
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="http://www.w3.org/2001/xml.xsd"/>
  <xs:element name="a"><xs:complexType><xs:attribute ref="xml:lang"/></xs:complexType></xs:element>
</xs:schema>"#,
    )
    .unwrap();
    let error = Schema::from_file(&main).unwrap_err();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(error.code, codes::SCHEMA_UNUSABLE);
    assert!(
        error.message.contains("refused to load the external resource \"http://www.w3.org/2001/xml.xsd\""),
        "{error}"
    );
}

#[test]
fn schemas_and_the_validator_work_from_many_threads() {
    let ours = crosswalk_testkit::workspace_root().join("schemas/kernel-4/metadata.xsd");
    let schema = Schema::from_file(&ours).unwrap();
    let good = fixture("full.xml");
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                for _ in 0..50 {
                    assert!(is_valid(&validate(&good)));
                    assert!(is_valid(&schema.validate(&good)));
                    assert!(!is_valid(&validate(BROKEN.as_bytes())));
                }
            });
        }
    });
}

#[test]
fn every_code_is_documented_once() {
    let mut seen = std::collections::HashSet::new();
    for info in CODES {
        assert!(seen.insert(info.code), "{} twice", info.code);
        assert!(info.code.starts_with("xsd.") || info.code.starts_with("strict."), "{}", info.code);
        assert!(info.summary.ends_with('.'), "{}", info.code);
    }
    for code in [codes::NOT_WELL_FORMED, codes::INVALID, codes::DOCTYPE, crosswalk_validate::rules::codes::EMPTY] {
        assert!(seen.contains(code), "{code}");
    }
}

#[test]
fn any_input_gets_diagnostics_and_never_a_panic() {
    // Byte-level damage of a valid record, deterministic.
    let record = fixture("full.xml");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..300 {
        let mut damaged = record.clone();
        for _ in 0..(1 + round % 5) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = usize::try_from(state % damaged.len() as u64).unwrap();
            damaged[at] = b"<>&\"'/=x\0\xff "[usize::try_from(state % 11).unwrap()];
        }
        let _ = validate(&damaged);
    }
    for garbage in [&b"\xff\xfe\x00"[..], b"<", b"<?xml version=\"1.0\"?>", b"\xef\xbb\xbf", b"<a xmlns=\"\"/>"] {
        assert!(!is_valid(&validate(garbage)), "{garbage:?}");
    }
    let Some(shared) = crosswalk_testkit::shared_dir() else {
        crosswalk_testkit::skipped("the reference-files part of this test (../shared is absent)");
        return;
    };
    let reference = shared.join("reference");
    for dir in ["bolognese-fixtures", "datacite-schema/kernel-3-examples"] {
        for file in crosswalk_testkit::files_with_suffix(&reference.join(dir), ".xml") {
            let diagnostics = validate(&std::fs::read(&file).unwrap());
            if dir.ends_with("kernel-3-examples") {
                assert_eq!(diagnostics[0].code, codes::WRONG_ROOT, "{}", file.display());
            }
        }
    }
}

/// libxml2 alone stops at a NUL byte and accepts a valid document followed by NULs (found by the
/// `validate` fuzz target); the validator refuses it where the NUL stands, as the readers do.
#[test]
fn a_nul_byte_makes_the_document_not_well_formed() {
    let mut xml = fixture_valid();
    xml.extend_from_slice(b"\0\0\0");
    let diagnostics = validate(&xml);
    assert!(!is_valid(&diagnostics), "{diagnostics:#?}");
    let first = &diagnostics[0];
    assert_eq!(first.code, codes::NOT_WELL_FORMED, "{first}");
    let lines = xml.iter().filter(|&&b| b == b'\n').count() as u32;
    assert_eq!((first.location.line, first.location.column), (Some(lines + 1), Some(1)), "{first}");
    // In UTF-16 NUL bytes are half of every ASCII character: no such check.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(String::from_utf8(fixture_valid()).unwrap().encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert!(!validate(&utf16).iter().any(|d| d.message.contains("NUL")), "{:#?}", validate(&utf16));
}

fn fixture_valid() -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/examples/dataset.xml");
    std::fs::read(root).expect("read the bundled example")
}
