//! The `crosswalk` command as users run it: outputs, exit codes, messages.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use crosswalk_testkit::{assert_official_xsd_valid, assert_snapshot, testdata};

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

fn example() -> String {
    testdata("examples/dataset.xml").display().to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosswalk-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn converts_the_bundled_example_to_datacite_json() {
    let o = crosswalk(&["convert", &example(), "--to", "datacite-json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_snapshot("cli/dataset.json", &stdout(&o));
}

#[test]
fn converts_json_back_to_valid_xml() {
    let json = crosswalk(&["convert", &example(), "--to", "datacite-json"]);
    let o = crosswalk_stdin(&["convert", "--from", "datacite-json", "--to", "datacite-xml"], &json.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let xml = stdout(&o);
    assert_official_xsd_valid("bundled example through JSON", &xml);
    assert_snapshot("cli/dataset.xml", &xml);
}

#[test]
fn builds_payloads() {
    let o = crosswalk(&[
        "payload",
        &example(),
        "--prefix",
        "10.5438",
        "--event",
        "publish",
        "--url",
        "https://example.org/x",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_snapshot("cli/dataset-payload.json", &stdout(&o));

    // A record whose DOI is under the prefix keeps it.
    let o = crosswalk(&[
        "payload",
        &example(),
        "--prefix",
        "10.5072",
        "--event",
        "publish",
        "--url",
        "https://example.org/x",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["data"]["attributes"]["doi"], "10.5072/crosswalk-example-1");
    assert!(doc["data"]["attributes"].get("prefix").is_none());

    let o = crosswalk(&["payload", &example(), "--event", "publish", "--url", "https://example.org/x", "--xml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["data"]["attributes"]["doi"], "10.5072/crosswalk-example-1");
    assert!(doc["data"]["attributes"]["xml"].as_str().is_some_and(|x| !x.is_empty()));
}

#[test]
fn refuses_to_publish_without_a_url() {
    let o = crosswalk(&["payload", &example(), "--event", "publish"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(err.contains("error[required.missing]") && err.contains("url"), "{err}");
}

#[test]
fn a_draft_needs_no_metadata() {
    let o = crosswalk_stdin(&["payload", "--from", "datacite-json", "--doi", "10.5072/draft"], b"{}");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc, serde_json::json!({"data": {"type": "dois", "attributes": {"doi": "10.5072/draft"}}}));
}

#[test]
fn several_records_are_json_lines_or_one_xml_file_each() {
    let input =
        br#"[{"doi": "10.5072/a", "titles": [{"title": "A"}]}, {"doi": "10.5072/b", "titles": [{"title": "B"}]}]"#;
    let o = crosswalk_stdin(&["convert", "--from", "datacite-json", "--to", "datacite-json"], input);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<&str> = std::str::from_utf8(&o.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()));

    let o = crosswalk_stdin(&["convert", "--from", "datacite-json", "--to", "datacite-xml"], input);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("-o DIR"), "{}", stderr(&o));

    let dir = temp_dir("xml-dir");
    let out = format!("{}/", dir.display());
    let o = crosswalk_stdin(&["convert", "--from", "datacite-json", "--to", "datacite-xml", "-o", &out], input);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.join("10.5072_a.xml").is_file() && dir.join("10.5072_b.xml").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_and_io_errors_exit_2_with_advice() {
    let o = crosswalk(&["convert", &example(), "--to", "marc"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("known formats"), "{}", stderr(&o));

    let o = crosswalk(&["convert", "/nonexistent/file.xml", "--to", "datacite-json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read /nonexistent/file.xml"), "{}", stderr(&o));

    let o = crosswalk_stdin(&["convert", "--to", "datacite-json"], b"just some words");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--from"), "{}", stderr(&o));

    // HTML is recognised as a landing page; one without JSON-LD is a failed record saying so.
    let o = crosswalk_stdin(&["convert", "--to", "datacite-json"], b"<html><body>not metadata</body></html>");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("without a <script type=\"application/ld+json\">"), "{}", stderr(&o));
}

#[test]
fn a_broken_record_fails_with_exit_1_and_a_located_error() {
    let o = crosswalk_stdin(
        &["convert", "--from", "datacite-xml", "--to", "datacite-json"],
        b"<resource xmlns=\"http://datacite.org/schema/kernel-4\">\n  <titles>\n</resource>",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("<stdin>:"), "{err}");
    assert!(err.contains("error[xml.malformed]"), "{err}");
}

#[test]
fn json_message_format_prints_one_object_per_line() {
    let o = crosswalk_stdin(
        &["convert", "--from", "datacite-xml", "--to", "datacite-json", "--message-format", "json", "-v"],
        b"<resource xmlns=\"http://datacite.org/schema/kernel-4\"><identifier identifierType=\"DOI\">10.5072/x</identifier><bogus/></resource>",
    );
    let err = stderr(&o);
    let lines: Vec<serde_json::Value> =
        err.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    assert!(!lines.is_empty());
    for line in &lines {
        assert!(line["severity"].is_string() && line["code"].is_string() && line["message"].is_string(), "{line}");
        assert!(line["location"].is_object(), "{line}");
    }
    assert!(lines.iter().any(|l| l["code"] == "xml.unknown-element" && l["location"]["line"] == 1), "{err}");
}

#[test]
fn formats_lists_every_format() {
    let o = crosswalk(&["formats"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for name in [
        "datacite-xml",
        "datacite-json",
        "payload",
        "ris",
        "bibtex",
        "schema-org",
        "citeproc",
        "codemeta",
        "crossref-xml",
        "dublin-core",
        "oai-pmh",
        "crossref-json",
        "jats",
        "citation",
        "cff",
        "invenio-rdm",
    ] {
        assert!(text.contains(name), "{name} missing from\n{text}");
    }
    let o = crosswalk(&["formats", "--json"]);
    let list: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(list.len(), 16);
}

#[test]
fn citations_in_a_style_locale_and_form_one_entry_a_line() {
    let dataset = testdata("citation/dataset.xml").display().to_string();
    let article = testdata("citation/article.bib").display().to_string();
    let report = testdata("citation/report.ris").display().to_string();
    // APA in en-US, as text, without options.
    let o = crosswalk(&["convert", &dataset, "--to", "citation"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Ollomo, B., Durand, P., & Prugnolle, F. (2011). Data from: A new malaria agent in African hominids \
         (Version 1) [Dataset]. Dryad. https://doi.org/10.5061/DRYAD.8515\n"
    );
    // Several inputs: one entry a line, numbered in order in a numbered style.
    let o = crosswalk(&["convert", &article, &report, &dataset, "--to", "citation", "--style", "ieee", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("[1] M. García et al., “Persistent identifiers"), "{text}");
    assert!(lines[1].starts_with("[2] World Bank, “Open data for development"), "{text}");
    assert!(lines[2].starts_with("[3] B. Ollomo, P. Durand, and F. Prugnolle,"), "{text}");
    // A locale, and HTML.
    let o = crosswalk(&[
        "convert",
        &article,
        "--to",
        "citation",
        "--style",
        "chicago-author-date",
        "--locale",
        "de-DE",
        "--format",
        "html",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "<div class=\"csl-entry\">García, María, Jan van der Berg, John A. Smith, u.\u{a0}a. 2021. „Persistent identifiers \
         for research data: a survey“. <i>Journal of Data Practice</i> 12 (3): 45–67. \
         <a href=\"https://doi.org/10.1234/jdp.2021.045\">https://doi.org/10.1234/jdp.2021.045</a>.</div>\n"
    );
    // A style file by path.
    let custom = testdata("citation/custom.csl").display().to_string();
    let o = crosswalk(&["convert", &report, "--to", "citation", "--style", &custom, "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "WORLD BANK | 2019 | Open data for development: lessons learned.\n");
    // One file each in a directory: .html for HTML.
    let dir = temp_dir("citations");
    let o =
        crosswalk(&["convert", &dataset, "--to", "citation", "--format", "html", "-o", &format!("{}/", dir.display())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(dir.join("10.5061_dryad.8515.html")).unwrap();
    assert!(html.starts_with("<div class=\"csl-entry\">Ollomo, B.,"), "{html}");
    let _ = std::fs::remove_dir_all(&dir);
    // A record with nothing to cite fails; the others are written.
    let o = crosswalk_stdin(
        &["convert", "--from", "ris", "--to", "citation"],
        b"TY  - DATA\nPY  - 2020\nER  - \nTY  - BOOK\nTI  - A title\nER  - \n",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o), "A title. (n.d.).\n");
    assert!(stderr(&o).contains("error[citation.unrenderable]"), "{}", stderr(&o));
}

#[test]
fn citation_options_are_checked_before_anything_is_read() {
    let article = testdata("citation/article.bib").display().to_string();
    for (args, message) in [
        (
            vec!["--style", "apa-9th"],
            "unknown citation style \"apa-9th\"; `crosswalk formats --styles` lists the styles by name",
        ),
        (vec!["--locale", "xx-YY"], "unknown locale \"xx-YY\"; `crosswalk formats --locales` lists the locales"),
        (vec!["--style", "missing/style.csl"], "cannot read style missing/style.csl"),
    ] {
        let mut all = vec!["convert", article.as_str(), "--to", "citation"];
        all.extend(args);
        let o = crosswalk(&all);
        assert_eq!(o.status.code(), Some(2), "{all:?}");
        assert!(stderr(&o).contains(message), "{all:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
    let o = crosswalk(&["convert", &article, "--to", "ris", "--style", "apa", "--format", "html"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--style, --format can only be used with --to citation (the output format is ris)"),
        "{}",
        stderr(&o)
    );
    let o = crosswalk(&["convert", &article, "--to", "citation", "--format", "rtf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown citation format \"rtf\"; use text or html"), "{}", stderr(&o));
    // The names to give.
    let styles = stdout(&crosswalk(&["formats", "--styles"]));
    for name in [
        "apa ",
        "chicago-author-date ",
        "ieee ",
        "harvard-cite-them-right ",
        "elsevier-harvard ",
        "nlm-citation-sequence ",
    ] {
        assert!(styles.lines().any(|l| l.starts_with(name)), "{name}: {styles}");
    }
    assert!(styles.contains("(also vancouver)"));
    let locales: Vec<String> = serde_json::from_slice(&crosswalk(&["formats", "--locales", "--json"]).stdout).unwrap();
    assert!(locales.iter().any(|l| l == "de-DE") && locales.iter().any(|l| l == "en-US"));
}

#[test]
fn help_and_version_work() {
    for args in
        [&["--help"][..], &["convert", "--help"], &["payload", "--help"], &["formats", "--help"], &["--version"]]
    {
        let o = crosswalk(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(!o.stdout.is_empty());
    }
}

#[test]
fn validate_says_valid_or_where_it_is_not() {
    let o = crosswalk(&["validate", &example()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).ends_with(": valid\n"), "{}", stdout(&o));

    let broken = b"<resource xmlns=\"http://datacite.org/schema/kernel-4\">\n  <identifier identifierType=\"DOI\">10.5072/x</identifier>\n  <creators><creator><creatorName>A</creatorName></creator></creators>\n  <titles><title>T</title></titles>\n  <publisher>P</publisher>\n  <publicationYear>20XX</publicationYear>\n  <resourceType resourceTypeGeneral=\"Dataset\"/>\n</resource>\n";
    let o = crosswalk_stdin(&["validate"], broken);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("invalid (1 error)"), "{}", stdout(&o));
    assert!(stderr(&o).contains("<stdin>:6:3: error[xsd.bad-value]"), "{}", stderr(&o));
}

#[test]
fn validate_strict_checks_what_the_xsd_cannot() {
    let input = std::fs::read_to_string(example()).unwrap().replace("0000-0002-1825-0097", "0000-0002-1825-0098");
    let o = crosswalk_stdin(&["validate"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = crosswalk_stdin(&["validate", "--strict"], input.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("error[strict.orcid]") && err.contains("nameIdentifier[1]"), "{err}");
}

#[test]
fn validate_points_json_findings_at_attributes() {
    let input = br#"{"doi": "10.5072/j", "creators": [{"name": "A"}], "titles": [{"title": "T", "titleType": "Bogus"}],
        "publisher": "P", "publicationYear": 2020, "types": {"resourceTypeGeneral": "Dataset"}}"#;
    let o = crosswalk_stdin(&["validate", "--from", "datacite-json"], input);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("(at /titles/0/titleType)"), "{}", stderr(&o));
}

#[test]
fn validate_against_the_official_schema() {
    let Some(xsd) = crosswalk_testkit::official_xsd() else {
        crosswalk_testkit::skipped("../shared is absent (set CROSSWALK_SHARED to run this test)");
        return;
    };
    let o = crosswalk(&["validate", &example(), "--schema", &xsd.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_catalog_run_is_accounted_in_its_report() {
    let dir = temp_dir("catalog");
    let records = dir.join("records");
    std::fs::create_dir_all(&records).unwrap();
    std::fs::copy(example(), records.join("a.xml")).unwrap();
    std::fs::write(records.join("b.json"), br#"[{"doi": "10.5072/b1", "titles": [{"title": "B1"}]}, {"titles": "#)
        .unwrap();
    std::fs::write(records.join("c.xml"), b"<resource xmlns=\"http://datacite.org/schema/kernel-4\"><titles>").unwrap();
    std::fs::write(records.join("notes.md"), b"not metadata").unwrap();
    let report = dir.join("report.json");
    let out = dir.join("out.jsonl");
    let o = crosswalk(&[
        "convert",
        &records.display().to_string(),
        "--to",
        "datacite-json",
        "-o",
        &out.display().to_string(),
        "--report",
        &report.display().to_string(),
        "--no-validate",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(report["accounted"], true);
    let (read, written, failed) =
        (report["read"].as_u64().unwrap(), report["written"].as_u64().unwrap(), report["failed"].as_u64().unwrap());
    assert_eq!(read, written + failed);
    assert_eq!(written, 2, "{report:#}");
    assert_eq!(failed, 2, "{report:#}");
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 2);
    assert!(stderr(&o).contains("read = 2 written + 2 failed"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn catalog_defaults_and_url_templates_are_reported_per_record() {
    let input = br#"[{"doi": "10.5072/one", "creators": [{"name": "A"}], "titles": [{"title": "One"}],
                     "dates": [{"date": "2019-04-01", "dateType": "Issued"}], "types": {"resourceTypeGeneral": "Text"}},
                    {"doi": "10.5072/two", "creators": [{"name": "B"}], "titles": [{"title": "Two"}], "publisher": "Own",
                     "publicationYear": 2020}]"#;
    let o = crosswalk_stdin(
        &[
            "payload",
            "--from",
            "datacite-json",
            "--event",
            "publish",
            "--url-template",
            "https://repo.example.org/records/{suffix}",
            "--publisher",
            "Example Repository",
            "--resource-type-general",
            "dataset",
            "--publication-year-from-date",
            "-v",
        ],
        input,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    let first = &lines[0]["data"]["attributes"];
    assert_eq!(first["url"], "https://repo.example.org/records/one");
    assert_eq!(first["publisher"], "Example Repository");
    assert_eq!(first["publicationYear"], 2019);
    assert_eq!(first["types"]["resourceTypeGeneral"], "Text");
    let second = &lines[1]["data"]["attributes"];
    assert_eq!(second["publisher"], "Own");
    assert_eq!(second["types"]["resourceTypeGeneral"], "Dataset");
    assert_eq!(stderr(&o).matches("info[payload.default-used]").count(), 3, "{}", stderr(&o));
}

#[test]
fn explain_documents_codes() {
    let o = crosswalk(&["explain", "xml.unknown-element"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("xml.unknown-element (warning)"), "{}", stdout(&o));
    let all = crosswalk(&["explain"]);
    assert!(stdout(&all).lines().filter(|l| !l.starts_with(' ') && !l.is_empty()).count() > 50);
    assert_eq!(crosswalk(&["explain", "no.such-code"]).status.code(), Some(2));
}

#[test]
fn ris_catalogs_convert_both_ways() {
    let ris = b"TY  - JOUR\r\nAU  - Okafor, Chidi\r\nTI  - First\r\nPY  - 2020\r\nDO  - 10.5072/ris-1\r\nER  - \r\n\r\nTY  - BOOK\r\nAU  - Lindqvist, Maja\r\nTI  - Second\r\nPY  - 2021\r\nER  - \r\n";
    let o = crosswalk_stdin(&["convert", "--to", "datacite-json", "--no-validate"], ris);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["titles"][0]["title"], "First");
    assert_eq!(lines[1]["types"]["ris"], "BOOK");

    let back = crosswalk_stdin(&["convert", "--from", "datacite-json", "--to", "ris"], &o.stdout);
    assert_eq!(back.status.code(), Some(0), "{}", stderr(&back));
    let text = stdout(&back);
    assert_eq!(text.matches("TY  - ").count(), 2, "{text}");
    assert_eq!(text.matches("ER  - ").count(), 2, "{text}");
}

#[test]
fn citeproc_items_read_and_write_as_an_array() {
    let csl =
        br#"[{"id": "a", "type": "article-journal", "title": "One", "author": [{"family": "Okafor", "given": "Chidi"}],
                  "issued": {"date-parts": [[2020, 5]]}, "DOI": "10.5072/csl-1", "container-title": "Journal of Tests"},
                 {"id": "b", "type": "book", "title": "Two", "author": [{"literal": "Coastal Observatory Consortium"}],
                  "issued": {"date-parts": [[2019]]}}]"#;
    let o = crosswalk_stdin(&["convert", "--to", "datacite-json", "--no-validate"], csl);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["doi"], "10.5072/csl-1");
    assert_eq!(lines[1]["creators"][0]["nameType"], "Organizational");

    let back = crosswalk_stdin(&["convert", "--from", "datacite-json", "--to", "csl"], &o.stdout);
    assert_eq!(back.status.code(), Some(0), "{}", stderr(&back));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&back.stdout).unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["type"], "book");
}

#[test]
fn citation_cff_converts_in_and_out() {
    // In: detected from its cff-version key; CFF has no publisher, which DataCite's schema says.
    let input = testdata("cff/preferred-citation.cff").display().to_string();
    let o = crosswalk(&["convert", &input, "--to", "datacite-xml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("<title>spectralfit</title>"), "{}", stdout(&o));
    assert!(stdout(&o).contains("relationType=\"IsDescribedBy\""));
    assert!(stderr(&o).contains("<publisher> is missing"), "{}", stderr(&o));
    // Out: one CITATION.cff, what CFF cannot hold reported at its attribute.
    let o = crosswalk(&["convert", &example(), "--to", "cff"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("cff-version: 1.2.0\nmessage: "), "{}", stdout(&o));
    assert!(stdout(&o).ends_with("\n") && !stdout(&o).ends_with("\n\n"));
    assert!(
        stderr(&o).contains(
            "warning[write.unrepresentable]: CFF has no place for the publisher; not written (at /publisher)"
        ),
        "{}",
        stderr(&o)
    );
    // And what it wrote reads back.
    let o = crosswalk_stdin(&["convert", "-", "--to", "datacite-json", "--no-validate"], &o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"doi\": \"10.5072/crosswalk-example-1\""), "{}", stdout(&o));
}

#[test]
fn invenio_records_convert_in_and_out() {
    // In: detected from its metadata.resource_type.id; the serializer's mapping.
    let input = testdata("invenio-rdm/dataset-record.json").display().to_string();
    let o = crosswalk(&["convert", &input, "--to", "datacite-json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"doi\": \"10.5281/zenodo.14820117\""), "{}", stdout(&o));
    assert!(stdout(&o).contains("\"affiliationIdentifier\": \"https://ror.org/05phns765\""));
    // Out: one record is one object, with the DOI under pids.
    let o = crosswalk(&["convert", &example(), "--to", "invenio-rdm"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let record: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(record["pids"]["doi"]["identifier"], "10.5072/crosswalk-example-1");
    assert!(record["metadata"]["resource_type"]["id"].is_string());
    // And what it wrote reads back.
    let o = crosswalk_stdin(&["convert", "-", "--to", "datacite-json", "--no-validate"], &o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"doi\": \"10.5072/crosswalk-example-1\""), "{}", stdout(&o));
    // Several records are one JSON array, which reads back as as many records.
    let catalog = testdata("invenio-rdm/catalog.jsonl").display().to_string();
    let o = crosswalk(&["convert", &catalog, "--to", "invenio-rdm"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[1]["metadata"]["resource_type"]["id"], "image-photo");
}

#[test]
fn an_oai_pmh_response_converts_with_deleted_records_accounted() {
    let dir = temp_dir("oai-pmh");
    let report = dir.join("report.json");
    let input = testdata("oai-pmh/list-records-oai-dc.xml").display().to_string();
    let o = crosswalk(&["convert", &input, "--to", "datacite-json", "--report", &report.display().to_string()]);
    // The deleted record has no metadata: it is the run's one failure.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let titles: Vec<&str> = lines.iter().map(|l| l["titles"][0]["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Groundwater recharge under irrigated maize", "Working paper on soil moisture sensors"]);
    assert!(stderr(&o).contains("oai.deleted"), "{}", stderr(&o));
    assert!(stderr(&o).contains("[record 2, oai:repository.example.edu:20.500.12345/102]"), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(
        (report["read"].as_u64(), report["written"].as_u64(), report["failed"].as_u64()),
        (Some(3), Some(2), Some(1))
    );

    // noRecordsMatch: nothing to convert, nothing failed.
    let empty = testdata("oai-pmh/no-records-match.xml").display().to_string();
    let o = crosswalk(&["convert", &empty, "--to", "datacite-json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    // A Dublin Core record, detected, to DataCite XML.
    let record = testdata("dublin-core/eprints.xml").display().to_string();
    let o = crosswalk(&["convert", &record, "--to", "datacite-xml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("<title>Bilingual lexical access in early readers</title>"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn crossref_deposits_give_one_payload_per_work() {
    let deposit = br#"<?xml version="1.0" encoding="UTF-8"?>
<doi_batch xmlns="http://www.crossref.org/schema/5.3.1" version="5.3.1">
  <head><doi_batch_id>t</doi_batch_id><timestamp>1</timestamp><depositor><depositor_name>D</depositor_name><email_address>d@example.org</email_address></depositor><registrant>Example Press</registrant></head>
  <body>
    <journal>
      <journal_metadata><full_title>Journal of Tests</full_title><issn media_type="electronic">2049-3630</issn></journal_metadata>
      <journal_article publication_type="full_text">
        <titles><title>First article</title></titles>
        <contributors><person_name sequence="first" contributor_role="author"><given_name>Chidi</given_name><surname>Okafor</surname></person_name></contributors>
        <publication_date media_type="online"><year>2021</year></publication_date>
        <doi_data><doi>10.5072/cr-1</doi><resource>https://example.org/cr-1</resource></doi_data>
      </journal_article>
      <journal_article publication_type="full_text">
        <titles><title>Second article</title></titles>
        <contributors><person_name sequence="first" contributor_role="author"><given_name>Maja</given_name><surname>Lindqvist</surname></person_name></contributors>
        <publication_date media_type="online"><year>2022</year></publication_date>
        <doi_data><doi>10.5072/cr-2</doi><resource>https://example.org/cr-2</resource></doi_data>
      </journal_article>
    </journal>
  </body>
</doi_batch>"#;
    let o = crosswalk_stdin(&["payload", "--event", "publish", "--xml"], deposit);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["data"]["attributes"]["doi"], "10.5072/cr-1");
    assert_eq!(lines[1]["data"]["attributes"]["url"], "https://example.org/cr-2");
}

#[test]
fn crossref_rest_json_lists_and_lines_convert_work_by_work() {
    // A /works page as the API answers it, detected without --from: one line per work.
    let page = br#"{"status":"ok","message-type":"work-list","message-version":"1.0.0","message":{"next-cursor":"c1","total-results":2,"items":[
{"DOI":"10.5072/rest-1","type":"journal-article","title":["First"],"author":[{"given":"Chidi","family":"Okafor","sequence":"first","affiliation":[]}],"container-title":["Journal of Tests"],"published-online":{"date-parts":[[2021,5]]},"publisher":"Example Press","resource":{"primary":{"URL":"https://example.org/rest-1"}},"member":"1","indexed":{"date-parts":[[2024,1,1]]}},
{"DOI":"10.5072/rest-2","type":"posted-content","subtype":"preprint","title":["Second"],"author":[{"given":"Maja","family":"Lindqvist","sequence":"first","affiliation":[]}],"posted":{"date-parts":[[2022]]},"publisher":"Example Press","resource":{"primary":{"URL":"https://example.org/rest-2"}}}
],"items-per-page":20}}"#;
    let o = crosswalk_stdin(&["convert", "--to", "datacite-json", "-q"], page);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["relatedItems"][0]["titles"][0]["title"], "Journal of Tests");
    assert_eq!(lines[1]["types"]["resourceTypeGeneral"], "Preprint");
    // Named by its alias, the works of JSON Lines become payloads; the journal issue has no
    // creator or landing page, which registering needs, and fails alone.
    let jsonl =
        std::fs::read(format!("{}/../../testdata/crossref-json/works.jsonl", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let o = crosswalk_stdin(&["payload", "--from", "crossref-rest", "--event", "register", "-q"], &jsonl);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 3, "{}", stderr(&o));
    assert!(stderr(&o).contains("[record 4, 10.5555/limnol.2021.66.3]"), "{}", stderr(&o));
    let o = crosswalk(&["explain", "crossref-json.api-error"]);
    assert!(stdout(&o).starts_with("crossref-json.api-error (error)"), "{}", stdout(&o));
}

#[test]
fn bibtex_files_convert_with_bad_entries_accounted_and_unique_keys() {
    let bib = b"@string{jt = {Journal of Tests}}\n\
@article{one, author = {M{\\\"u}ller, J{\\\"o}rg and {Coastal Observatory Consortium}}, title = {First}, journal = jt, year = 2020, doi = {10.5072/bib-1}}\n\
@article{two, author = {Broken, Entry, title = {Missing brace}\n\
@book{three, author = {M{\\\"u}ller, J{\\\"o}rg}, title = {First}, year = 2020, publisher = {Example Press}}\n";
    let o = crosswalk_stdin(&["convert", "--to", "datacite-json", "--no-validate"], bib);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["creators"][0]["familyName"], "Müller");
    assert_eq!(lines[0]["creators"][1]["nameType"], "Organizational");
    assert!(stderr(&o).contains("read = 2 written + 1 failed"), "{}", stderr(&o));

    let back = crosswalk_stdin(&["convert", "--from", "datacite-json", "--to", "bibtex"], &o.stdout);
    let text = stdout(&back);
    assert!(text.contains("@article{muller2020first,") && text.contains("@book{muller2020firsta,"), "{text}");
}

#[test]
fn schema_org_and_codemeta_convert_both_ways() {
    let jsonld = br#"{"@context": "https://schema.org", "@type": "Dataset", "@id": "https://doi.org/10.5072/so-1",
        "name": "Sea-surface temperature", "author": [{"@type": "Person", "givenName": "Aiko", "familyName": "Nakamura"},
        {"@type": "Organization", "name": "Coastal Observatory Consortium"}], "publisher": {"@type": "Organization", "name": "Archive"},
        "datePublished": "2022-03-15", "keywords": "ocean, temperature (surface), moorings"}"#;
    let o = crosswalk_stdin(&["convert", "--to", "datacite-json"], jsonld);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let record: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(record["doi"], "10.5072/so-1");
    assert_eq!(record["creators"][1]["nameType"], "Organizational");
    assert_eq!(record["subjects"].as_array().map(Vec::len), Some(3));

    let html = format!(
        "<!DOCTYPE html><html><head><script type=\"application/ld+json\">{}</script></head><body></body></html>",
        String::from_utf8_lossy(jsonld)
    );
    let o = crosswalk_stdin(&["convert", "--to", "datacite-json"], html.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let o = crosswalk(&["convert", &example(), "--to", "codemeta"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let codemeta: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(codemeta["@context"], "https://w3id.org/codemeta/3.0");
    let back = crosswalk_stdin(&["convert", "--to", "datacite-json"], &o.stdout);
    assert_eq!(back.status.code(), Some(0), "{}", stderr(&back));
}

/// Ctrl-C: the run stops, exits 130, and its report still accounts for every record it read.
/// No timing: the child starts with SIGINT blocked (the mask survives `exec`), the interrupt is
/// sent at once and stays pending until `crosswalk` has its handler in place and unblocks it.
#[test]
#[allow(unsafe_code)]
fn an_interrupted_run_exits_130_with_an_accounted_report() {
    use std::os::unix::process::CommandExt;

    let dir = temp_dir("interrupt");
    let report = dir.join("report.json");
    let mut command = Command::new(env!("CARGO_BIN_EXE_crosswalk"));
    command
        .args(["convert", "--to", "datacite-json", "--report"])
        .arg(&report)
        .arg(testdata("ris/zotero.ris"))
        .arg(testdata("ris/complete.ris"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: between fork and exec only async-signal-safe calls: building a signal set and
    // changing the mask.
    unsafe {
        command.pre_exec(|| {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, libc::SIGINT);
            libc::sigprocmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
            Ok(())
        });
    }
    let child = command.spawn().expect("run crosswalk");
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    // SAFETY: signalling our own child, which has not been reaped (we wait for it below).
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(stderr(&out).contains("stopped early"), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(report["cancelled"], true, "{report:#}");
    assert_eq!(report["accounted"], true, "{report:#}");
    let count = |key: &str| report[key].as_u64().unwrap();
    assert_eq!(count("read"), count("written") + count("failed"), "{report:#}");
}

#[test]
fn citation_keys_survive_a_conversion_and_stay_unique_across_inputs() {
    let first = testdata("bibtex/citation-keys.bib").display().to_string();
    let second = testdata("bibtex/citation-keys-more.bib").display().to_string();
    let o = crosswalk(&["convert", &first, &second, "--to", "bibtex", "--jobs", "2", "-v"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("@article{Okafor2021:salinity,"), "{text}");
    assert!(text.contains("@misc{tide-gauges_2019,"), "{text}");
    // The second file's entry of the same key is renamed in the output, and said so.
    assert!(text.contains("@techreport{tide-gauges_2019a,"), "{text}");
    assert!(stderr(&o).contains("tide-gauges_2019a"), "{}", stderr(&o));

    // BibTeX → CSL: the ids are the keys (what pandoc cites by).
    let o = crosswalk(&["convert", &first, "--to", "citeproc"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let items: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(items[0]["id"], "Okafor2021:salinity");
    assert_eq!(items[1]["id"], "tide-gauges_2019");
}

#[test]
fn jats_is_one_citation_alone_and_a_ref_list_of_several() {
    let input = testdata("datacite-xml/every-property.xml").display().to_string();
    let one = crosswalk(&["convert", &input, "--to", "jats", "-q"]);
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    let text = stdout(&one);
    assert!(text.starts_with("<element-citation publication-type=\"data\">"), "{text}");
    let input = testdata("ris/record-ids.ris").display().to_string();
    let several = crosswalk(&["convert", &input, "--to", "jats", "-q"]);
    assert_eq!(several.status.code(), Some(0), "{}", stderr(&several));
    let text = stdout(&several);
    assert!(text.starts_with("<ref-list>\n  <ref id=\"r1\"><element-citation"), "{text}");
    assert!(text.ends_with("</ref-list>\n"), "{text}");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let refs = doc.root_element().children().filter(|n| n.has_tag_name("ref")).count();
    assert!(refs >= 2);
}

/// The options of every `--to crossref-xml` test: the head given, the timestamp fixed (never the
/// clock).
const DEPOSIT_HEAD: &[&str] = &[
    "--to",
    "crossref-xml",
    "--depositor-name",
    "Example Depositor",
    "--depositor-email",
    "deposits@example.org",
    "--registrant",
    "Example Press",
    "--timestamp",
    "20240315120000",
];

#[test]
fn records_are_written_as_one_crossref_deposit() {
    let dir = temp_dir("deposit");
    let preprint = std::fs::read_to_string(testdata("crossref-deposit/preprint.json")).unwrap();
    let mut second: serde_json::Value = serde_json::from_str(&preprint).unwrap();
    second["doi"] = "10.5555/deposit.99".into();
    let lines = format!(
        "{}\n{}\n",
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&preprint).unwrap()).unwrap(),
        second
    );
    let input = dir.join("preprints.jsonl");
    std::fs::write(&input, lines).unwrap();
    let mut args = vec!["convert", input.to_str().unwrap()];
    args.extend(DEPOSIT_HEAD);
    let o = crosswalk(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let xml = stdout(&o);
    assert!(xml.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<doi_batch xmlns=\"http://www.crossref.org/schema/5.4.0\""
    ));
    assert_eq!(xml.matches("<doi_batch ").count(), 1);
    assert_eq!(xml.matches("<body>").count(), 1);
    assert_eq!(xml.matches("<posted_content type=\"preprint\">").count(), 2);
    assert!(xml.contains("<doi_batch_id>crosswalk-20240315120000</doi_batch_id>"));
    assert!(xml.contains("<timestamp>20240315120000</timestamp>"));
    assert!(xml.contains("<depositor_name>Example Depositor</depositor_name>"));
    assert!(xml.trim_end().ends_with("</body>\n</doi_batch>"), "{xml}");
    roxmltree::Document::parse(&xml).expect("well-formed");

    // It reads back as the two works.
    let back = crosswalk_stdin(&["convert", "--from", "crossref-xml", "--to", "datacite-json"], xml.as_bytes());
    assert_eq!(back.status.code(), Some(0), "{}", stderr(&back));
    let text = stdout(&back);
    assert!(
        text.contains("\"doi\":\"10.5555/deposit.8\"") && text.contains("\"doi\":\"10.5555/deposit.99\""),
        "{text}"
    );
}

#[test]
fn a_deposit_holds_one_kind_of_work_and_refuses_what_crossref_cannot_take() {
    let dir = temp_dir("deposit-kinds");
    let read = |name: &str| {
        let text = std::fs::read_to_string(testdata(name)).unwrap();
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&text).unwrap()).unwrap()
    };
    let lines = [
        read("crossref-deposit/preprint.json"),
        read("crossref-deposit/dataset.json"),
        read("crossref-deposit/refused/award.json"),
    ]
    .join("\n");
    let input = dir.join("mixed.jsonl");
    std::fs::write(&input, lines).unwrap();
    let mut args = vec!["convert", input.to_str().unwrap()];
    args.extend(DEPOSIT_HEAD);
    let o = crosswalk(&args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let xml = stdout(&o);
    assert_eq!(xml.matches("<posted_content").count(), 1, "{xml}");
    assert!(!xml.contains("<database>"));
    roxmltree::Document::parse(&xml).expect("well-formed");
    let err = stderr(&o);
    assert!(err.contains("holds one kind of work: this record is a database"), "{err}");
    assert!(err.contains("crossref.write-no-type"), "{err}");

    // Refused options with another format.
    let o = crosswalk(&[
        "convert",
        input.to_str().unwrap(),
        "--to",
        "datacite-json",
        "--registrant",
        "X",
        "--timestamp",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--registrant, --timestamp can only be used with --to crossref-xml"), "{}", stderr(&o));
    // A head Crossref would refuse is a usage error before anything is read.
    let o = crosswalk(&[
        "convert",
        input.to_str().unwrap(),
        "--to",
        "crossref-xml",
        "--batch-id",
        "b1",
        "--timestamp",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("batch id must have 4 to 100 characters"), "{}", stderr(&o));
}

#[test]
fn a_deposit_without_its_head_options_is_warned_of_once() {
    let preprint = testdata("crossref-deposit/preprint.json").display().to_string();
    let o = crosswalk(&["convert", &preprint, "--to", "crossref-xml", "--timestamp", "7"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.matches("--depositor-name").count(), 1, "{err}");
    assert!(err.contains("crosswalk: warning: no --depositor-name, --depositor-email, --registrant given"), "{err}");
    let xml = stdout(&o);
    assert!(xml.contains("<depositor_name>Crosswalk</depositor_name>") && xml.contains("<timestamp>7</timestamp>"));
}
