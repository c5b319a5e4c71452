//! `crosswalk fetch` and `crosswalk harvest` against the fake DataCite server on 127.0.0.1:
//! records fetched and converted, a harvest of thousands of records by cursor to a gzip file,
//! killed at a chosen request and run again: every record exactly once.
// Killing the child at a chosen request needs libc's `kill`.
#![allow(unsafe_code)]

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use crosswalk_fake_datacite::{FakeDataCite, Fault, Options};
use serde_json::json;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosswalk-harvest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn crosswalk(server: &FakeDataCite, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crosswalk"));
    command
        .args(args)
        .args(["--endpoint", &server.url(), "--rate", "unlimited"])
        .env_remove("DATACITE_USERNAME")
        .env_remove("DATACITE_PASSWORD")
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn filled(options: Options, n: usize) -> FakeDataCite {
    let server = FakeDataCite::start(options);
    for i in 0..n {
        server.insert(
            &format!("10.5072/h-{i:05}"),
            "findable",
            json!({"creators": [{"name": "Doe, Jane"}], "titles": [{"title": format!("Record {i}")}],
                   "publisher": "Example Press", "publicationYear": 2024, "types": {"resourceTypeGeneral": "Dataset"},
                   "url": format!("https://x.org/{i}")}),
        );
    }
    server
}

fn gunzip(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_string(&mut text).unwrap();
    text
}

#[test]
fn fetch_writes_what_the_api_returned_or_converts_it() {
    let server = filled(Options::default(), 3);
    let o = crosswalk(&server, &["fetch", "10.5072/h-00001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let body: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(body["data"]["id"], "10.5072/h-00001");
    let dir = temp_dir("fetch");
    let out = format!("{}/", dir.display());
    let o = crosswalk(
        &server,
        &[
            "fetch",
            "https://doi.org/10.5072/h-00000",
            "10.5072/h-00002",
            "10.5072/missing",
            "--to",
            "datacite-xml",
            "-o",
            &out,
        ],
    )
    .output()
    .unwrap();
    assert_eq!(o.status.code(), Some(1), "one DOI is not found: {}", stderr(&o));
    assert!(stderr(&o).contains("datacite.not-found"), "{}", stderr(&o));
    let files = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(files, 2);
    assert!(std::fs::read_to_string(dir.join("10.5072_h-00002.xml")).unwrap().contains("<title>Record 2</title>"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_harvest_killed_mid_way_goes_on_and_writes_every_record_once() {
    let pid = Arc::new(AtomicU32::new(0));
    let target = Arc::clone(&pid);
    let hook: crosswalk_fake_datacite::Hook = Arc::new(move || {
        // SAFETY: signalling the child process this test started (not yet reaped).
        unsafe {
            libc::kill(libc::pid_t::try_from(target.load(Ordering::SeqCst)).unwrap_or(0), libc::SIGKILL);
        }
    });
    // The 6th page's answer never arrives: the client is killed while the server answers it.
    let script: crosswalk_fake_datacite::Script =
        Arc::new(move |n| (n == 6).then(|| Fault::ProcessThen(Arc::clone(&hook))));
    let options = Options {
        script: Some(script),
        duplicate_across_pages: true,
        drop_filters_in_next: true,
        ..Options::default()
    };
    let server = filled(options, 3000);
    let dir = temp_dir("kill");
    let out = dir.join("all.jsonl.gz");
    let args = ["harvest", "-o", out.to_str().unwrap(), "--page-size", "250", "--query", "Record"];
    let child = crosswalk(&server, &args).spawn().unwrap();
    pid.store(child.id(), Ordering::SeqCst);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), None, "killed: {}", stderr(&o));
    assert!(!out.exists(), "an unfinished harvest is not put in place");
    let o = crosswalk(&server, &args).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = gunzip(&out);
    let mut dois: Vec<String> = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(dois.len(), 3000, "every record once");
    dois.sort();
    dois.dedup();
    assert_eq!(dois.len(), 3000);
    // Run again: complete already, nothing asked.
    let requests = server.requests();
    let o = crosswalk(&server, &args).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(server.requests(), requests);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_harvest_converts_on_the_fly() {
    let server = filled(Options::default(), 40);
    let dir = temp_dir("convert");
    let out = dir.join("dump");
    let o = crosswalk(
        &server,
        &["harvest", "--to", "datacite-xml", "-o", &format!("{}/", out.display()), "--page-size", "15"],
    )
    .output()
    .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 40);
    let jsonl = dir.join("all.jsonl");
    let o = crosswalk(&server, &["harvest", "--to", "datacite-json", "-o", jsonl.to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&jsonl).unwrap().lines().count(), 40);
    let _ = std::fs::remove_dir_all(&dir);
}
