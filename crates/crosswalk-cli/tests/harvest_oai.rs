//! `crosswalk harvest --oai` against the fake DataCite server's OAI-PMH endpoint on 127.0.0.1:
//! pages by resumptionToken to JSON Lines and to one OAI-PMH document (both read back by
//! `convert`), sets and dates, converted on the fly with deleted records left out, an expired
//! token, a 503 mid-harvest, noRecordsMatch, a protocol error, and a harvest killed at a chosen
//! request and run again: every record exactly once.
// Killing the child at a chosen request needs libc's `kill`.
#![allow(unsafe_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use crosswalk_fake_datacite::{FakeDataCite, Fault, Options};
use serde_json::{json, Value};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosswalk-harvest-oai-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `crosswalk ARGS --oai URL/oai`, without credentials or proxies, at full speed.
fn crosswalk(server: &FakeDataCite, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crosswalk"));
    command
        .args(args)
        .args(["--oai", &format!("{}/oai", server.url()), "--rate", "unlimited", "--retries", "3"])
        .env("DATACITE_USERNAME", "SECRET.USER")
        .env("DATACITE_PASSWORD", "secret-password")
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// A server with `n` findable DOIs of two repositories (even: `EX.ONE`, odd: `EX.TWO`), and
/// `hidden` registered ones (deleted records in OAI-PMH).
fn filled(options: Options, n: usize, hidden: usize) -> FakeDataCite {
    let server = FakeDataCite::start(options);
    for i in 0..n + hidden {
        let state = if i < n { "findable" } else { "registered" };
        let client = if i % 2 == 0 { "ex.one" } else { "ex.two" };
        let updated = format!("2024-{:02}-01T00:00:00Z", 1 + i % 12);
        server.insert(
            &format!("10.5072/o-{i:05}"),
            state,
            json!({"creators": [{"name": "Doe, Jane", "nameType": "Personal"}], "titles": [{"title": format!("Record {i}")}],
                   "publisher": "Example Press", "publicationYear": 2024, "types": {"resourceTypeGeneral": "Dataset"},
                   "url": format!("https://x.org/{i}"), "clientId": client, "updated": updated}),
        );
    }
    server
}

fn gunzip(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_string(&mut text).unwrap();
    text
}

fn lines(text: &str) -> Vec<Value> {
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The identifiers of JSON Lines records, checked unique.
fn identifiers(records: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = records.iter().map(|r| r["identifier"].as_str().unwrap().to_owned()).collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "every record once");
    ids
}

#[test]
fn a_harvest_follows_tokens_to_json_lines_that_convert_reads() {
    let options = Options { oai_page_size: 40, duplicate_across_pages: true, ..Options::default() };
    let server = filled(options, 200, 10);
    let dir = temp_dir("jsonl");
    let out = dir.join("oai.jsonl.gz");
    let o = crosswalk(&server, &["harvest", "--metadata-prefix", "oai_datacite", "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("harvested 210 records"), "{}", stderr(&o));
    let records = lines(&gunzip(&out));
    assert_eq!(identifiers(&records).len(), 210);
    assert_eq!(records.iter().filter(|r| r["deleted"] == true).count(), 10);
    assert!(records.iter().all(|r| r["metadataPrefix"] == "oai_datacite"));
    // Credentials are never sent to an OAI-PMH server, and the first page asks with the
    // arguments, the others with the token alone.
    let seen = server.seen();
    assert!(seen.iter().all(|s| s.path.starts_with("/oai?verb=ListRecords&")));
    assert!(seen[0].path.contains("metadataPrefix=oai_datacite"));
    assert!(seen[1..].iter().all(|s| s.path.contains("resumptionToken=") && !s.path.contains("metadataPrefix")));
    assert!(!seen.iter().any(|s| s.authorized), "no Authorization header");

    // convert reads the harvest: 200 records, 10 deleted ones accounted as failed.
    let o = Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(["convert", out.to_str().unwrap(), "--to", "datacite-json", "-o"])
        .arg(dir.join("converted.jsonl"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "deleted records fail: {}", stderr(&o));
    assert!(stderr(&o).contains("oai.deleted"), "{}", stderr(&o));
    let converted = std::fs::read_to_string(dir.join("converted.jsonl")).unwrap();
    let converted = lines(&converted);
    assert_eq!(converted.len(), 200);
    assert_eq!(converted[0]["titles"][0]["title"], "Record 0");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_harvest_to_xml_is_one_oai_pmh_document_of_a_set_and_dates() {
    let server = filled(Options { oai_page_size: 7, ..Options::default() }, 60, 0);
    let dir = temp_dir("xml");
    let out = dir.join("two.xml");
    let args =
        ["harvest", "--set", "EX.TWO", "--from", "2024-03-01", "--until", "2024-06-30", "-o", out.to_str().unwrap()];
    let o = crosswalk(&server, &args).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("<?xml") && text.ends_with("</OAI-PMH>\n"), "{text}");
    // Odd records of months 3 to 6 (months 4 and 6: i % 12 in {3, 5}): 10 of 60.
    assert_eq!(text.matches("<record>").count(), 10, "{text}");
    assert!(text.matches("<setSpec>EX.TWO</setSpec>").count() == 10);
    // convert reads it as any OAI-PMH response (oai_dc: Dublin Core).
    let o = Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(["convert", out.to_str().unwrap(), "--to", "datacite-json", "-o"])
        .arg(dir.join("converted.jsonl"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let converted = lines(&std::fs::read_to_string(dir.join("converted.jsonl")).unwrap());
    assert_eq!(converted.len(), 10);
    assert!(converted.iter().all(|r| r["titles"][0]["title"].as_str().unwrap().starts_with("Record ")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_harvest_converts_on_the_fly_leaving_deleted_records_out() {
    let server = filled(Options { oai_page_size: 25, ..Options::default() }, 50, 5);
    let dir = temp_dir("to");
    let out = format!("{}/xml/", dir.display());
    let o = crosswalk(&server, &["harvest", "--metadata-prefix", "datacite", "--to", "datacite-xml", "-o", &out])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("5 deleted records left out"), "{}", stderr(&o));
    let files: Vec<_> = std::fs::read_dir(dir.join("xml")).unwrap().flatten().collect();
    assert_eq!(files.len(), 50);
    let one = std::fs::read_to_string(dir.join("xml/10.5072_o-00007.xml")).unwrap();
    assert!(one.contains("<title>Record 7</title>"), "{one}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_expired_token_starts_the_list_again_and_a_503_is_waited_out() {
    // Request 3 asks with an expired token (badResumptionToken); request 6 gets a 503 with
    // Retry-After: 0 (no test waits), request 7 a 429.
    let script: crosswalk_fake_datacite::Script = Arc::new(|n| match n {
        6 => Some(Fault::Unavailable(Some(0))),
        7 => Some(Fault::TooMany(Some(0))),
        _ => None,
    });
    let options = Options { oai_page_size: 10, oai_bad_token_at: vec![3], script: Some(script), ..Options::default() };
    let server = filled(options, 45, 0);
    let dir = temp_dir("expired");
    let out = dir.join("all.jsonl");
    let o = crosswalk(&server, &["harvest", "-o", out.to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let records = lines(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(identifiers(&records).len(), 45);
    assert!(stderr(&o).contains("duplicates left out"), "{}", stderr(&o));
    let statuses: Vec<u16> = server.seen().iter().map(|s| s.status).collect();
    assert!(statuses.contains(&503) && statuses.contains(&429));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_records_match_is_an_empty_harvest_and_a_protocol_error_stops_it() {
    let server = filled(Options::default(), 5, 0);
    let dir = temp_dir("errors");
    let out = dir.join("none.xml");
    let o = crosswalk(&server, &["harvest", "--set", "NO.SUCH", "-o", out.to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("harvested 0 records"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap().matches("<record>").count(), 0);

    let out = dir.join("marc.jsonl");
    let o =
        crosswalk(&server, &["harvest", "--metadata-prefix", "marc21", "-o", out.to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannotDisseminateFormat"), "{}", stderr(&o));
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_oai_harvest_killed_mid_way_goes_on_and_writes_every_record_once() {
    let pid = Arc::new(AtomicU32::new(0));
    let target = Arc::clone(&pid);
    let hook: crosswalk_fake_datacite::Hook = Arc::new(move || {
        // SAFETY: signalling the child process this test started (not yet reaped).
        unsafe {
            libc::kill(libc::pid_t::try_from(target.load(Ordering::SeqCst)).unwrap_or(0), libc::SIGKILL);
        }
    });
    // The 5th page's answer never arrives: the client is killed while the server answers it.
    let script: crosswalk_fake_datacite::Script =
        Arc::new(move |n| (n == 5).then(|| Fault::ProcessThen(Arc::clone(&hook))));
    let options =
        Options { script: Some(script), oai_page_size: 50, duplicate_across_pages: true, ..Options::default() };
    let server = filled(options, 1000, 20);
    let dir = temp_dir("kill");
    for name in ["all.xml.gz", "all.jsonl.gz"] {
        let out = dir.join(name);
        let args = ["harvest", "--metadata-prefix", "oai_datacite", "-o", out.to_str().unwrap()];
        if name == "all.xml.gz" {
            let child = crosswalk(&server, &args).spawn().unwrap();
            pid.store(child.id(), Ordering::SeqCst);
            let o = child.wait_with_output().unwrap();
            assert_eq!(o.status.code(), None, "killed: {}", stderr(&o));
            assert!(!out.exists(), "an unfinished harvest is not put in place");
        }
        let o = crosswalk(&server, &args).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = gunzip(&out);
        let ids: Vec<String> = if name.ends_with(".xml.gz") {
            assert_eq!(text.matches("<OAI-PMH").count(), 1, "one document");
            assert!(text.ends_with("</OAI-PMH>\n"));
            text.split("<identifier>").skip(1).map(|s| s.split('<').next().unwrap().to_owned()).collect()
        } else {
            lines(&text).iter().map(|r| r["identifier"].as_str().unwrap().to_owned()).collect()
        };
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!((ids.len(), unique.len()), (1020, 1020), "{name}: every record once");
    }
    // Run again: complete already, nothing asked.
    let requests = server.requests();
    let out = dir.join("all.jsonl.gz");
    let o = crosswalk(&server, &["harvest", "--metadata-prefix", "oai_datacite", "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("complete already"), "{}", stderr(&o));
    assert_eq!(server.requests(), requests);
    let _ = std::fs::remove_dir_all(&dir);
}
