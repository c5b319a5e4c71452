//! Detection decides on the document's shape without needing its whole first record, and
//! compressed inputs read as they are: large list pages, landing pages whose JSON-LD comes late,
//! JSON Lines of API records (gzip-compressed, as DataCite's public data file), npm package.json.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn crosswalk_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run crosswalk");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written from another thread: a large input would otherwise fill the pipe both ways.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    output
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// A `GET /dois` list page of `n` records, each with `authors` creators.
fn list_page(n: usize, authors: usize) -> String {
    let records: Vec<String> = (0..n)
        .map(|i| {
            let creators: Vec<String> = (0..authors)
                .map(|a| format!("{{\"name\": \"Author {a}, Given\", \"nameType\": \"Personal\"}}"))
                .collect();
            format!(
                "{{\"id\": \"10.5072/page-{i}\", \"type\": \"dois\", \"attributes\": {{\"doi\": \"10.5072/page-{i}\", \
                 \"creators\": [{}], \"titles\": [{{\"title\": \"Record {i}\"}}]}}}}",
                creators.join(", ")
            )
        })
        .collect();
    format!("{{\"data\": [{}], \"meta\": {{\"total\": {n}}}, \"links\": {{}}}}", records.join(", "))
}

#[test]
fn a_list_page_larger_than_the_head_is_recognised() {
    let page = list_page(20, 300);
    assert!(page.len() > 4 * 64 * 1024, "{}", page.len());
    let o = crosswalk_stdin(&["convert", "--to", "datacite-json", "--no-validate"], page.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(lines(&o).len(), 20);
}

#[test]
fn a_landing_page_with_json_ld_after_a_large_style_block_is_read() {
    let style = "body { color: black; }\n".repeat(10_000);
    let page = format!(
        "<!DOCTYPE html>\n<html><head><style>{style}</style>\n<script type=\"application/ld+json\">\
         {{\"@context\": \"https://schema.org\", \"@type\": \"Dataset\", \"@id\": \"https://doi.org/10.5072/late\", \
         \"name\": \"Late JSON-LD\", \"author\": {{\"@type\": \"Organization\", \"name\": \"Example Lab\"}}}}</script></head></html>"
    );
    let o = crosswalk_stdin(&["convert", "--to", "datacite-json", "--no-validate"], page.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let record: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(record["doi"], "10.5072/late");
}

#[test]
fn gzip_json_lines_of_api_records_read_as_records() {
    let records = std::fs::read(crosswalk_testkit::testdata("datacite-json/api-records.jsonl")).unwrap();
    let gzip = Command::new("gzip").arg("-c").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn();
    let Ok(mut gzip) = gzip else {
        crosswalk_testkit::skipped("the gzip check (gzip is not installed)");
        return;
    };
    gzip.stdin.take().unwrap().write_all(&records).unwrap();
    let compressed = gzip.wait_with_output().unwrap().stdout;
    let o = crosswalk_stdin(&["convert", "--to", "datacite-json", "--no-validate"], &compressed);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dois: Vec<String> = lines(&o).iter().map(|v| v["doi"].as_str().unwrap().to_owned()).collect();
    assert_eq!(dois, ["10.5072/harvest-1", "10.5072/harvest-2"]);
    // Named as a payload, the same: the records, not an identifier-only document.
    let o =
        crosswalk_stdin(&["convert", "--from", "payload", "--to", "datacite-xml", "-q", "-o", "/dev/null"], &records);
    assert_eq!(o.status.code(), Some(2), "several records need a directory: {}", stderr(&o));

    // A directory of parts, as DataCite's public data file comes: a walk reads `.jsonl.gz`.
    let dir = std::env::temp_dir().join(format!("crosswalk-gz-parts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("2024")).unwrap();
    std::fs::write(dir.join("2024/part-0001.jsonl.gz"), &compressed).unwrap();
    std::fs::write(dir.join("MANIFEST.csv"), b"doi\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(["convert", "--to", "datacite-json", "--no-validate"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dois: Vec<String> = lines(&o).iter().map(|v| v["doi"].as_str().unwrap().to_owned()).collect();
    assert_eq!(dois, ["10.5072/harvest-1", "10.5072/harvest-2"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_npm_package_json_is_recognised() {
    let package = br#"{"name": "tiny-tool", "version": "2.1.0", "description": "A tool", "license": "MIT",
        "author": "Jane Doe <jane@example.org>", "repository": "github:example/tiny-tool"}"#;
    let o = crosswalk_stdin(&["convert", "--to", "datacite-json", "--no-validate"], package);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let record: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(record["titles"][0]["title"], "tiny-tool");
}

/// A DataCite JSON record of a catalog, with everything a published payload needs.
fn datacite_line(i: usize) -> String {
    format!(
        "{{\"doi\": \"10.5072/mixed-{i}\", \"creators\": [{{\"name\": \"Curie, Marie\"}}], \"titles\": [{{\"title\": \"T{i}\"}}], \
         \"publisher\": \"P\", \"publicationYear\": 2020, \"types\": {{\"resourceTypeGeneral\": \"Dataset\"}}}}\n"
    )
}

#[test]
fn a_catalog_s_format_is_decided_by_several_lines_and_a_stranger_fails_alone() {
    // Issue 14, item 6: a CSL first line made every DataCite record of the file a
    // publisher-only Draft (exit 0), and an undecidable first line failed the whole catalog (exit 2).
    let csl = "{\"id\": \"c\", \"type\": \"book\", \"title\": \"CSL\", \"issued\": {\"date-parts\": [[2020]]}}\n";
    for first in [csl, "{\"name\": \"Curie, Marie\"}\n"] {
        let mut input = first.to_owned();
        for i in 1..6 {
            input.push_str(&datacite_line(i));
        }
        let o = crosswalk_stdin(
            &["payload", "--prefix", "10.5072", "--publisher", "Default", "--no-validate", "--message-format", "json"],
            input.as_bytes(),
        );
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let dois: Vec<String> =
            lines(&o).iter().map(|v| v["data"]["attributes"]["doi"].as_str().unwrap_or_default().to_owned()).collect();
        assert_eq!(dois, (1..6).map(|i| format!("10.5072/mixed-{i}")).collect::<Vec<_>>());
        let errors: Vec<serde_json::Value> = stderr(&o)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|d| d["severity"] == "error")
            .collect();
        assert_eq!(errors.len(), 1, "{}", stderr(&o));
        assert_eq!(errors[0]["code"], "input.format-mismatch");
        assert_eq!(errors[0]["record"], 1);
        assert_eq!(errors[0]["location"]["line"], 1);
        if first == csl {
            assert!(errors[0]["message"].as_str().unwrap().contains("--from citeproc"), "{}", errors[0]);
        }
    }
}
