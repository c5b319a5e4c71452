//! What the README and `--help` promise, checked as a new user would meet it: `--strict`
//! verdicts, what `validate` says about the document the user wrote, old kernels, the
//! attributes DataCite requires beyond its XSD, `--prefix` and a record's own DOI, runs that can
//! take one record only, diagnostics reported once, record numbers, walked directories, help
//! texts that fit a terminal.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crosswalk_testkit::testdata;

fn crosswalk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosswalk")).args(args).output().expect("run crosswalk")
}

fn crosswalk_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run crosswalk");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn example() -> String {
    std::fs::read_to_string(testdata("examples/dataset.xml")).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosswalk-contract-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

const ORCID_IDENTIFIER: &str = r#"<nameIdentifier nameIdentifierScheme="ORCID" schemeURI="https://orcid.org">https://orcid.org/0000-0002-1825-0097</nameIdentifier>"#;

#[test]
fn strict_makes_every_warning_an_error() {
    let input = example().replace("CC-BY-4.0", "CC-BY-FOO").replace("<publicationYear>2022", "<publicationYear>3021");
    let o = crosswalk_stdin(&["validate"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = crosswalk_stdin(&["validate", "--strict"], input.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("error[strict.spdx-unknown]"), "{err}");
    assert!(err.contains("error[strict.publication-year-implausible]"), "{err}");
    assert!(stdout(&o).contains("invalid (2 errors)"), "{}", stdout(&o));

    // A reader's warning counts too: an unknown element of the document.
    let input = example().replace("<version>1.1</version>", "<version>1.1</version><shoeSize>42</shoeSize>");
    let o = crosswalk_stdin(&["validate", "--strict"], input.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));

    // convert --strict likewise fails the record.
    let input = example().replace("CC-BY-4.0", "CC-BY-FOO");
    let o = crosswalk_stdin(&["convert", "--to", "datacite-json", "--strict"], input.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn an_empty_name_identifier_is_reported_about_the_document() {
    let input =
        example().replace(ORCID_IDENTIFIER, r#"<nameIdentifier nameIdentifierScheme="ORCID"></nameIdentifier>"#);
    let o = crosswalk_stdin(&["validate"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("<stdin>:11:7: warning[strict.empty]") && err.contains("nameIdentifier[1]"), "{err}");
    let o = crosswalk_stdin(&["validate", "--strict"], input.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("error[strict.empty]"), "{}", stderr(&o));

    // The same in REST JSON, located by the attribute's pointer.
    let json = br#"{"doi": "10.5072/j", "creators": [{"name": "A", "nameIdentifiers": [{"nameIdentifier": "", "nameIdentifierScheme": "ORCID"}],
        "affiliation": [{"name": " "}]}], "titles": [{"title": "T"}], "publisher": "P", "publicationYear": 2020,
        "types": {"resourceTypeGeneral": "Dataset"}}"#;
    let o = crosswalk_stdin(&["validate", "--strict", "--from", "datacite-json"], json);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("/creators/0/nameIdentifiers/0"), "{err}");
    assert!(err.contains("/creators/0/affiliation/0"), "{err}");
}

#[test]
fn old_kernels_are_refused_by_validate_and_converted_by_convert() {
    let kernel_3 = path(&testdata("datacite-xml/read-kernel-3.1-legacy.xml"));
    let o = crosswalk(&["validate", &kernel_3]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("error[validate.not-kernel-4]"), "{err}");
    assert!(err.contains("kernel 3") && err.contains("crosswalk convert"), "{err}");
    assert_eq!(err.matches("error[").count(), 1, "one error, whatever the document holds: {err}");

    let no_namespace = path(&testdata("datacite-xml/read-no-namespace.xml"));
    let o = crosswalk(&["validate", &no_namespace]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("error[validate.not-kernel-4]"), "{}", stderr(&o));

    let o = crosswalk(&["convert", &kernel_3, "--to", "datacite-xml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("http://datacite.org/schema/kernel-4"));
}

#[test]
fn a_name_identifier_without_its_scheme_is_an_error_where_datacite_checks() {
    let input = example().replace(r#"<nameIdentifier nameIdentifierScheme="ORCID" "#, "<nameIdentifier ");
    let o = crosswalk_stdin(&["validate"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning[strict.attribute-missing]"), "{}", stderr(&o));
    for flag in ["--strict", "--findable"] {
        let o = crosswalk_stdin(&["validate", flag], input.as_bytes());
        assert_eq!(o.status.code(), Some(1), "{flag}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("error[strict.attribute-missing]") && err.contains("<nameIdentifier>"), "{err}");
        assert!(err.contains("<stdin>:11:7:"), "located at the element: {err}");
    }
    let publish = ["payload", "--event", "publish", "--url", "https://example.org/x"];
    let o = crosswalk_stdin(&publish, input.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("error[strict.attribute-missing]"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    // A Draft is stored as it is: a warning.
    let o = crosswalk_stdin(&["payload"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning[strict.attribute-missing]"), "{}", stderr(&o));

    // An affiliation identifier without its scheme, likewise.
    let input = example().replace(r#" affiliationIdentifierScheme="ROR""#, "");
    let o = crosswalk_stdin(&publish, input.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("affiliationIdentifierScheme"), "{}", stderr(&o));
}

#[test]
fn a_prefix_keeps_the_records_other_doi_as_a_related_identifier() {
    let args = ["payload", "--prefix", "10.5438", "--event", "publish", "--url", "https://example.org/x"];
    let o = crosswalk_stdin(&args, example().as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A warning, shown without -v.
    assert!(stderr(&o).contains("warning[payload.doi-replaced]"), "{}", stderr(&o));
    let payload: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let attributes = &payload["data"]["attributes"];
    assert_eq!(attributes["prefix"], "10.5438");
    let kept = attributes["relatedIdentifiers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["relatedIdentifier"] == "10.5072/crosswalk-example-1")
        .expect("the replaced DOI is kept");
    assert_eq!(kept["relationType"], "IsIdenticalTo");
    assert_eq!(kept["relatedIdentifierType"], "DOI");

    // Under its own prefix the record keeps its DOI, and nothing is added.
    let args = ["payload", "--prefix", "10.5072", "--event", "publish", "--url", "https://example.org/x"];
    let o = crosswalk_stdin(&args, example().as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("doi-replaced"), "{}", stderr(&o));
    let payload: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(payload["data"]["attributes"]["doi"], "10.5072/crosswalk-example-1");
    assert!(!stdout(&o).contains("IsIdenticalTo"));
}

const TWO_RIS_RECORDS: &[u8] = b"TY  - JOUR\nTI  - A title\nAU  - Doe, Jane\nPY  - 2020\nPB  - Pub\nER  - \n\n\
TY  - JOUR\nTI  - B title\nAU  - Doe, Jane\nPY  - 2020\nPB  - Pub\nER  - \n";

#[test]
fn one_doi_for_several_records_is_a_usage_error_before_anything_is_written() {
    let dir = temp_dir("one-doi");
    let input = dir.join("two.ris");
    std::fs::write(&input, TWO_RIS_RECORDS).unwrap();
    let out = dir.join("out.jsonl");
    let o = crosswalk(&["payload", &path(&input), "--doi", "10.5072/x", "-o", &path(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--doi names one DOI"), "{}", stderr(&o));
    assert!(!out.exists(), "nothing is written");
    // Several inputs: refused before reading.
    let o = crosswalk(&["payload", &path(&input), &path(&input), "--doi", "10.5072/x"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn several_xml_records_need_a_directory_and_nothing_is_called_written() {
    let dir = temp_dir("xml-several");
    let input = dir.join("two.ris");
    std::fs::write(&input, TWO_RIS_RECORDS).unwrap();
    let report = dir.join("report.json");
    let o = crosswalk(&["convert", &path(&input), "--to", "datacite-xml", "--report", &path(&report)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    assert!(stderr(&o).contains("-o DIR/"), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(report["written"], 0, "{report:#}");
    assert_eq!(report["cancelled"], false, "{report:#}");
    assert_eq!(report["accounted"], true, "{report:#}");
    // With a directory, each record gets its file.
    let out = dir.join("out");
    let o = crosswalk(&["convert", &path(&input), "--to", "datacite-xml", "-o", &format!("{}/", path(&out))]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_required_element_is_named_and_a_value_is_reported_once() {
    // A record without a DOI: one finding naming <identifier>, not libxml2's list of ten.
    let o = crosswalk_stdin(&["convert", "--to", "datacite-xml"], &TWO_RIS_RECORDS[..66]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("the required element <identifier> is missing"), "{err}");
    assert!(!err.contains("subjects"), "{err}");

    // An unknown value: once, at its source location, whatever the stages.
    let json = br#"{"doi": "10.5072/abc", "creators": [{"name": "Doe, Jane"}], "titles": [{"title": "T"}],
        "publisher": "P", "publicationYear": "2020", "types": {"resourceTypeGeneral": "Foo"}}"#;
    let o = crosswalk_stdin(&["convert", "--to", "datacite-xml", "--from", "datacite-json"], json);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.matches("\"Foo\"").count() + err.matches("'Foo'").count(), 1, "{err}");
    assert!(err.contains("<stdin>:2:") && err.contains("(at /types/resourceTypeGeneral)"), "at the source: {err}");
    let o = crosswalk_stdin(&["payload", "--event", "publish", "--url", "https://x.org/", "--xml"], json);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.matches("error[").count(), 1, "{err}");
    assert_eq!(err.matches("warning[").count(), 0, "{err}");
}

#[test]
fn record_numbers_have_one_base_everywhere() {
    let dir = temp_dir("numbers");
    let input = dir.join("two.ris");
    let mut bytes = TWO_RIS_RECORDS.to_vec();
    bytes.extend_from_slice(b"\nTI  - no TY line\nER  - \n");
    std::fs::write(&input, bytes).unwrap();
    let report = dir.join("report.json");
    let o = crosswalk(&["convert", &path(&input), "--to", "datacite-json", "--report", &path(&report)]);
    let human = stderr(&o);
    assert!(human.contains("[record 3]"), "{human}");
    let o = crosswalk(&["convert", &path(&input), "--to", "datacite-json", "--message-format", "json"]);
    let record_three = stderr(&o)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["severity"] == "error")
        .map(|v| v["record"].as_u64())
        .collect::<Vec<_>>();
    assert!(!record_three.is_empty() && record_three.iter().all(|r| *r == Some(3)), "{record_three:?}");
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(report["failures"][0]["record"], 3, "{report:#}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn landing_pages_in_a_walked_directory_are_read() {
    let dir = temp_dir("html");
    let page = r#"<!DOCTYPE html><html><head><script type="application/ld+json">
        {"@context": "https://schema.org", "@type": "Dataset", "@id": "https://doi.org/10.5072/page",
         "name": "A page", "author": {"@type": "Person", "name": "Doe, Jane"}}
        </script></head><body></body></html>"#;
    std::fs::write(dir.join("landing.html"), page).unwrap();
    let o = crosswalk(&["convert", &path(&dir), "--to", "datacite-json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("10.5072/page"), "{}", stdout(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn summaries_count_in_words_that_fit_the_command() {
    let input = example().replace("CC-BY-4.0", "CC-BY-FOO");
    let o = crosswalk_stdin(&["validate", "--strict", "-v"], input.as_bytes());
    let err = stderr(&o);
    assert!(err.contains("validated 1 record: 0 valid, 1 invalid (1 error, 0 warnings"), "{err}");
    assert!(err.contains("1 read = 0 valid + 1 invalid"), "{err}");
    assert!(!err.contains("written"), "{err}");
    let o = crosswalk_stdin(&["convert", "--to", "ris", "--from", "ris"], TWO_RIS_RECORDS);
    let err = stderr(&o);
    assert!(err.contains("converted 2 of 2 records"), "{err}");
    assert!(!err.contains(" 1 notes") && !err.contains(" 1 warnings") && !err.contains(" 1 errors"), "{err}");
}

#[test]
fn help_examples_fit_an_80_column_terminal() {
    for command in [&[][..], &["convert"], &["payload"], &["validate"]] {
        let mut args: Vec<&str> = command.to_vec();
        args.push("--help");
        let narrow = Command::new(env!("CARGO_BIN_EXE_crosswalk")).args(&args).env("COLUMNS", "80").output().unwrap();
        let wide = Command::new(env!("CARGO_BIN_EXE_crosswalk")).args(&args).env("COLUMNS", "200").output().unwrap();
        let examples = |o: &Output| -> Vec<String> {
            stdout(o)
                .lines()
                .skip_while(|l| !l.starts_with("Examples:"))
                .take_while(|l| !l.is_empty())
                .map(String::from)
                .collect()
        };
        let (narrow, wide) = (examples(&narrow), examples(&wide));
        assert!(narrow.len() > 2, "{command:?}: {narrow:?}");
        assert_eq!(narrow, wide, "{command:?}: an example wraps at 80 columns");
        for line in &narrow[1..] {
            let line = line.trim_start();
            assert!(line.starts_with("crosswalk ") || line.starts_with("# ") || line.starts_with("--"), "{line}");
        }
    }
}

#[test]
fn the_readme_installs_with_the_locked_dependencies() {
    let readme = std::fs::read_to_string(crosswalk_testkit::workspace_root().join("README.md")).unwrap();
    for line in readme.lines().filter(|l| l.contains("cargo install")) {
        assert!(line.contains("--locked"), "{line}");
    }
}

#[test]
fn every_code_the_command_line_emits_is_explained() {
    for code in
        ["cli.usage", "cli.io", "cli.inputs", "output.write", "output.renamed", "upload.state", "batch.duplicate"]
    {
        let o = crosswalk(&["explain", code]);
        assert_eq!(o.status.code(), Some(0), "{code}: {}", stderr(&o));
        assert!(stdout(&o).starts_with(code), "{code}: {}", stdout(&o));
    }
}
