//! `crosswalk upload` against the fake DataCite server on 127.0.0.1: records registered once,
//! a rerun sends nothing, a run killed at any request continues without a duplicate or a gap,
//! credentials never appear, the state answers `--summary` and `--dois-out`.
// Killing the child at a chosen request needs libc's `kill`.
#![allow(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use crosswalk_fake_datacite::{FakeDataCite, Fault, Options};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosswalk-upload-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `crosswalk upload` with the fake server's credentials in the environment.
fn upload(server: &FakeDataCite, args: &[&str]) -> Command {
    let options = Options::default();
    let mut command = Command::new(env!("CARGO_BIN_EXE_crosswalk"));
    command
        .arg("upload")
        .args(args)
        .args(["--endpoint", &server.url(), "--rate", "unlimited"])
        .env("DATACITE_USERNAME", options.username)
        .env("DATACITE_PASSWORD", options.password)
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// A RIS catalog of `n` publishable records with IDs `cat-{i}`.
fn catalog(dir: &Path, n: usize) -> PathBuf {
    let text: String = (0..n)
        .map(|i| format!("TY  - DATA\nID  - cat-{i}\nTI  - Title {i}\nAU  - Doe, Jane\nPY  - 2024\nPB  - Example Press\nER  - \n\n"))
        .collect();
    let path = dir.join("catalog.ris");
    std::fs::write(&path, text).unwrap();
    path
}

fn build_args<'a>(catalog: &'a str, state: &'a str) -> Vec<&'a str> {
    vec![
        catalog,
        "--prefix",
        "10.5072",
        "--event",
        "publish",
        "--url-template",
        "https://repo.example.org/{key}",
        "--state",
        state,
    ]
}

#[test]
fn a_catalog_is_registered_once_and_a_rerun_sends_nothing() {
    let server = FakeDataCite::start(Options::default());
    let dir = temp_dir("once");
    let catalog = catalog(&dir, 30);
    let state = dir.join("upload.db");
    let (catalog, state_arg) = (catalog.display().to_string(), state.display().to_string());
    let o = upload(&server, &build_args(&catalog, &state_arg)).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("30 created, 0 updated, 0 unchanged, 0 failed"), "{}", stderr(&o));
    assert_eq!(server.dois().len(), 30);
    assert!(server.seen().iter().all(|s| s.user_agent.starts_with("crosswalk/")), "{:?}", server.seen()[0]);
    let requests = server.requests();
    let o = upload(&server, &build_args(&catalog, &state_arg)).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 created, 0 updated, 30 unchanged"), "{}", stderr(&o));
    assert_eq!(server.requests(), requests, "nothing was sent again");
    // The state answers for the catalog.
    let dois = dir.join("dois.csv");
    let o =
        upload(&server, &["--state", &state_arg, "--summary", "--dois-out", dois.to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("30 records: 30 unchanged"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let csv = std::fs::read_to_string(&dois).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "key,doi,state,url");
    assert_eq!(lines.len(), 31);
    assert!(
        lines[1].starts_with("cat-0,10.5072/") && lines[1].ends_with(",findable,https://repo.example.org/cat-0"),
        "{}",
        lines[1]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_credentials_are_a_usage_error_before_anything_is_read() {
    let o = Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(["upload", "/nonexistent/catalog.ris", "--state", "/nonexistent/upload.db"])
        .env_remove("DATACITE_USERNAME")
        .env_remove("DATACITE_PASSWORD")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("DATACITE_USERNAME"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("nonexistent/catalog"), "nothing was read: {}", stderr(&o));
}

#[test]
fn refused_credentials_stop_the_run_and_never_appear() {
    let server = FakeDataCite::start(Options { password: "the-right-one".into(), ..Options::default() });
    let dir = temp_dir("credentials");
    let catalog = catalog(&dir, 5);
    let state = dir.join("upload.db");
    let report = dir.join("report.json");
    let (catalog, state_arg) = (catalog.display().to_string(), state.display().to_string());
    let mut args = build_args(&catalog, &state_arg);
    args.extend(["--report", report.to_str().unwrap()]);
    let o = upload(&server, &args).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("datacite.credentials"), "{}", stderr(&o));
    let secret = Options::default().password;
    for text in [stderr(&o), String::from_utf8_lossy(&o.stdout).into_owned(), std::fs::read_to_string(&report).unwrap()]
    {
        assert!(!text.contains(&secret), "the password appears");
    }
    assert!(
        !String::from_utf8_lossy(&std::fs::read(&state).unwrap()).contains(&secret),
        "the password is in the state"
    );
    assert!(server.dois().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_run_killed_at_any_request_continues_without_a_duplicate_or_a_gap() {
    let total = 40;
    // Killed after the server did request 7 (its answer never arrives), before it did 19,
    // and after 31; each time the same command runs again.
    for (kill_at, after) in [(7u64, true), (19, false), (31, true)] {
        let dir = temp_dir(&format!("kill-{kill_at}"));
        let catalog = catalog(&dir, total);
        let state = dir.join("upload.db");
        let (catalog, state_arg) = (catalog.display().to_string(), state.display().to_string());
        let pid = Arc::new(AtomicU32::new(0));
        let target = Arc::clone(&pid);
        let hook: crosswalk_fake_datacite::Hook = Arc::new(move || {
            let pid = target.load(Ordering::SeqCst);
            // SAFETY: signalling the child process this test started (not yet reaped).
            unsafe {
                libc::kill(libc::pid_t::try_from(pid).unwrap_or(0), libc::SIGKILL);
            }
        });
        let script: crosswalk_fake_datacite::Script = Arc::new(move |n| {
            (n == kill_at).then(|| {
                if after {
                    Fault::ProcessThen(Arc::clone(&hook))
                } else {
                    Fault::Before(Arc::clone(&hook))
                }
            })
        });
        let server = FakeDataCite::start(Options { script: Some(script), ..Options::default() });
        let mut args = build_args(&catalog, &state_arg);
        args.extend(["--jobs", "1"]);
        let child = upload(&server, &args).spawn().unwrap();
        pid.store(child.id(), Ordering::SeqCst);
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), None, "killed by the signal: {}", stderr(&o));
        // The rerun: no fault now (requests are numbered on).
        let o = upload(&server, &args).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let held = server.dois();
        assert_eq!(held.len(), total, "killed at {kill_at}: every record once");
        let mut urls: Vec<String> = held.values().map(|s| s.attributes["url"].as_str().unwrap().to_owned()).collect();
        urls.sort();
        urls.dedup();
        assert_eq!(urls.len(), total, "killed at {kill_at}: no record twice");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn a_dry_run_says_what_would_happen_and_sends_nothing() {
    let server = FakeDataCite::start(Options::default());
    let dir = temp_dir("dry");
    let catalog = catalog(&dir, 3);
    let state = dir.join("upload.db");
    let (catalog, state_arg) = (catalog.display().to_string(), state.display().to_string());
    let mut args = build_args(&catalog, &state_arg);
    args.push("--dry-run");
    let o = upload(&server, &args).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("3 would create"), "{}", stderr(&o));
    assert_eq!(server.requests(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn payloads_written_by_crosswalk_payload_are_sent_as_they_are() {
    let server = FakeDataCite::start(Options::default());
    let dir = temp_dir("payloads");
    let catalog = catalog(&dir, 12);
    let payloads = dir.join("payloads.jsonl");
    let o = Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(["payload", catalog.to_str().unwrap(), "--prefix", "10.5072", "--event", "publish", "--url-template"])
        .arg("https://repo.example.org/{key}")
        .arg("-o")
        .arg(&payloads)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let state = dir.join("upload.db");
    let o = upload(&server, &[payloads.to_str().unwrap(), "--state", state.to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let held = server.dois();
    assert_eq!(held.len(), 12);
    assert!(held.values().all(|s| s.state == "findable"), "the payloads' event was kept");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn existing_dois_are_updated_with_partial_payloads_only_when_asked() {
    let server = FakeDataCite::start(Options::default());
    let dir = temp_dir("update");
    let catalog = catalog(&dir, 3);
    let state = dir.join("upload.db");
    let (catalog, state_arg) = (catalog.display().to_string(), state.display().to_string());
    let o = upload(&server, &build_args(&catalog, &state_arg)).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The catalog's DOIs, from the state, with a new landing page each and the DOI hidden.
    let dois = dir.join("dois.csv");
    let o =
        upload(&server, &["--state", &state_arg, "--summary", "--dois-out", dois.to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let changed: String = std::fs::read_to_string(&dois)
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| {
            let doi = line.split(',').nth(1).unwrap();
            format!("{{\"doi\": \"{doi}\", \"url\": \"https://new.example.org/{doi}\"}}\n")
        })
        .collect();
    let changed_path = dir.join("changed.jsonl");
    std::fs::write(&changed_path, changed).unwrap();
    let partial = [changed_path.to_str().unwrap(), "--state", &state_arg, "--partial", "--event", "hide"];
    // Without --update: refused, nothing changed.
    let o = upload(&server, &partial).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(server.dois().values().all(|s| s.state == "findable"));
    // With it: every DOI updated and hidden, none created.
    let o = upload(&server, &[&partial[..], &["--update"]].concat()).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 created, 3 updated"), "{}", stderr(&o));
    let held = server.dois();
    assert_eq!(held.len(), 3);
    for (doi, stored) in &held {
        assert_eq!(stored.state, "registered", "{doi}");
        assert_eq!(stored.attributes["url"], format!("https://new.example.org/{doi}"));
        assert_eq!(stored.attributes["titles"].as_array().map(Vec::len), Some(1), "the metadata stays");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
