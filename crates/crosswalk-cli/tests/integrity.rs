//! Outputs are complete or clearly not, and the report says exactly which records reached them:
//! writes that fail, outputs that are inputs, stale outputs, streamed reports, file names in a
//! directory (links, existing files, case, hidden and reserved names, long DOIs).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn crosswalk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosswalk")).args(args).output().expect("run crosswalk")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosswalk-integrity-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

fn report(p: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

/// A RIS catalog of `n` complete records with DOIs `10.5072/r{i}` (or as `doi` says).
fn catalog(n: usize, doi: impl Fn(usize) -> String) -> String {
    (0..n)
        .map(|i| {
            format!("TY  - JOUR\nTI  - Title {i}\nAU  - Doe, Jane\nPY  - 2020\nPB  - Pub\nDO  - {}\nER  - \n\n", doi(i))
        })
        .collect()
}

#[test]
fn a_full_output_stops_the_run_and_the_report_says_what_reached_it() {
    if !Path::new("/dev/full").exists() {
        crosswalk_testkit::skipped("the full-disk check (/dev/full is absent)");
        return;
    }
    let dir = temp_dir("full");
    let input = dir.join("many.ris");
    std::fs::write(&input, catalog(3000, |i| format!("10.5072/r{i}"))).unwrap();
    let report_path = dir.join("report.json");
    let o = crosswalk(&[
        "convert",
        &path(&input),
        "--to",
        "datacite-json",
        "-o",
        "/dev/full",
        "--report",
        &path(&report_path),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("No space left on device"), "{}", stderr(&o));
    let r = report(&report_path);
    assert_eq!(r["written"], 0, "nothing reached /dev/full");
    assert_eq!(r["accounted"], true);
    assert_eq!(r["stopped"], true);
    let (read, failed) = (r["read"].as_u64().unwrap(), r["failed"].as_u64().unwrap());
    assert_eq!(read, failed);
    assert_eq!(r["failures"].as_array().unwrap().len() as u64, failed, "every failed record is listed");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_that_cannot_be_written_is_a_failed_record_and_the_run_goes_on() {
    let dir = temp_dir("long");
    let input = dir.join("in.ris");
    // The third record's file already exists: it fails, the others are written.
    std::fs::write(&input, catalog(5, |i| format!("10.5072/r{i}"))).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("10.5072_r2.xml"), "mine").unwrap();
    let report_path = dir.join("report.json");
    let o = crosswalk(&[
        "convert",
        &path(&input),
        "--to",
        "datacite-xml",
        "-o",
        &format!("{}/", path(&out)),
        "--report",
        &path(&report_path),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("exists; --force replaces it"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(out.join("10.5072_r2.xml")).unwrap(), "mine", "never replaced without --force");
    let r = report(&report_path);
    assert_eq!((r["written"].as_u64(), r["failed"].as_u64()), (Some(4), Some(1)), "{r:#}");
    assert_eq!(r["failures"][0]["record"], 3);
    // --force replaces it.
    let o =
        crosswalk(&["convert", &path(&input), "--to", "datacite-xml", "-o", &format!("{}/", path(&out)), "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read_to_string(out.join("10.5072_r2.xml")).unwrap().contains("<resource"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_directory_output_of_several_batches_places_every_file_and_leaves_no_temporary_one() {
    // More records than one batch of files synced together (256), with one name taken.
    let dir = temp_dir("batches");
    let input = dir.join("in.ris");
    std::fs::write(&input, catalog(600, |i| format!("10.5072/r{i}"))).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("10.5072_r300.xml"), "mine").unwrap();
    let report_path = dir.join("report.json");
    let target = format!("{}/", path(&out));
    let args = ["convert", &path(&input), "--to", "datacite-xml", "-o", &target, "--report", &path(&report_path)];
    let o = crosswalk(&args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let r = report(&report_path);
    assert_eq!((r["written"].as_u64(), r["failed"].as_u64()), (Some(599), Some(1)), "{r:#}");
    assert_eq!(r["failures"][0]["record"], 301);
    let names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 600, "599 written and the one that was there");
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "a temporary file is left: {names:?}");
    assert_eq!(std::fs::read_to_string(out.join("10.5072_r300.xml")).unwrap(), "mine");
    assert!(std::fs::read_to_string(out.join("10.5072_r599.xml")).unwrap().contains("<identifier"));
    // A second run writes nothing twice: every name is taken.
    let o = crosswalk(&args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(report(&report_path)["written"], 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_link_in_the_output_directory_is_never_written_through() {
    let dir = temp_dir("link");
    let input = dir.join("in.ris");
    std::fs::write(&input, catalog(2, |i| format!("10.5072/r{i}"))).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let outside = dir.join("outside.xml");
    std::os::unix::fs::symlink(&outside, out.join("10.5072_r0.xml")).unwrap();
    for force in [false, true] {
        let mut args = vec!["convert", &*path(&input).leak(), "--to", "datacite-xml", "-o"];
        let target = format!("{}/", path(&out));
        args.push(&target);
        if force {
            args.push("--force");
        }
        let o = crosswalk(&args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("symbolic link"), "{}", stderr(&o));
        assert!(!outside.exists(), "written through the link");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn file_names_are_portable_and_unique_ignoring_case() {
    let dir = temp_dir("names");
    let input = dir.join("in.ris");
    let dois =
        ["10.5072/ABC", "10.5072/abc", "10.5072/.hidden", "10.5072/CON", &format!("10.5072/{}", "x".repeat(300))];
    std::fs::write(&input, catalog(dois.len(), |i| dois[i].to_owned())).unwrap();
    let out = dir.join("out");
    let o = crosswalk(&["convert", &path(&input), "--to", "datacite-xml", "-o", &format!("{}/", path(&out))]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names.len(), dois.len(), "{names:?}");
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    assert!(names.iter().all(|n| n.len() <= 200), "{names:?}");
    assert!(names.contains(&"10.5072_abc.xml".to_owned()) && names.contains(&"10.5072_abc-2.xml".to_owned()));
    assert!(names.contains(&"10.5072_con.xml".to_owned()), "only CON alone is reserved: {names:?}");
    assert!(stderr(&o).contains("output.renamed"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_output_cannot_be_an_input() {
    let dir = temp_dir("same");
    let input = dir.join("in.ris");
    let content = catalog(50, |i| format!("10.5072/r{i}"));
    std::fs::write(&input, &content).unwrap();
    let alias = dir.join("alias.ris");
    std::fs::hard_link(&input, &alias).unwrap();
    let o = crosswalk(&["convert", &path(&input), "--to", "ris", "-o", &path(&alias)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is the input"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), content, "the input is untouched");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_output_is_replaced_whole_or_not_at_all() {
    let dir = temp_dir("stale");
    let out = dir.join("out.jsonl");
    std::fs::write(&out, "previous run\n").unwrap();
    // A run that writes no record replaces the previous output (with nothing).
    let broken = dir.join("broken.ris");
    std::fs::write(&broken, "TI  - no TY\nER  - \n").unwrap();
    let o = crosswalk(&["convert", &path(&broken), "--from", "ris", "--to", "datacite-json", "-o", &path(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "", "no stale content");
    assert!(!dir.join("out.jsonl.partial").exists());
    // A run that writes records replaces it with them.
    let good = dir.join("good.ris");
    std::fs::write(&good, catalog(3, |i| format!("10.5072/r{i}"))).unwrap();
    let o = crosswalk(&["convert", &path(&good), "--to", "datacite-json", "-o", &path(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 3);
    // The report is written whole too.
    let report_path = dir.join("report.json");
    std::fs::write(&report_path, "old").unwrap();
    let o = crosswalk(&["convert", &path(&good), "--to", "datacite-json", "--report", &path(&report_path)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(report(&report_path)["read"], 3);
    assert!(!dir.join("report.json.partial").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_report_that_cannot_be_written_stops_the_run_before_it_starts() {
    let dir = temp_dir("no-report");
    let input = dir.join("in.ris");
    std::fs::write(&input, catalog(1, |i| format!("10.5072/r{i}"))).unwrap();
    let out = dir.join("out.jsonl");
    let report_path = dir.join("missing-dir/report.json");
    let o = crosswalk(&[
        "convert",
        &path(&input),
        "--to",
        "datacite-json",
        "-o",
        &path(&out),
        "--report",
        &path(&report_path),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!out.exists() && !dir.join("out.jsonl.partial").exists(), "no work was done");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn index_counts_the_whole_run_and_duplicates_are_refused() {
    let dir = temp_dir("index");
    let split = dir.join("split");
    std::fs::create_dir_all(&split).unwrap();
    for i in 1..=3 {
        std::fs::write(
            split.join(format!("r{i}.ris")),
            format!("TY  - JOUR\nTI  - T{i}\nAU  - Doe, Jane\nPY  - 2020\nPB  - Pub\nER  - \n"),
        )
        .unwrap();
    }
    let args = ["payload", split.to_str().unwrap(), "--prefix", "10.5072", "--event", "publish"];
    let o = crosswalk(&[&args[..], &["--url-template", "https://x.org/{index}"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let urls: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["data"]["attributes"]["url"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(urls, ["https://x.org/1", "https://x.org/2", "https://x.org/3"]);

    // One url for every record: the later ones are refused, located.
    let o = crosswalk(&[&args[..], &["--url", "https://x.org/same"]].concat());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 1);
    assert_eq!(stderr(&o).matches("error[batch.duplicate]").count(), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("r2.ris:1: error[batch.duplicate]"), "{}", stderr(&o));

    // One DOI twice, in other letter case.
    let input = dir.join("twice.ris");
    std::fs::write(&input, catalog(2, |i| if i == 0 { "10.5072/ABC".into() } else { "10.5072/abc".into() })).unwrap();
    let o = crosswalk(&["payload", input.to_str().unwrap(), "--url-template", "https://x.org/{index}"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("doi 10.5072/abc is already that of an earlier record"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_stopped_run_says_where_to_go_on_and_the_two_runs_give_every_record_once() {
    let dir = temp_dir("resume");
    let input = dir.join("in.ris");
    // Record 400 of 1,000 has no TY: it fails, and --fail-fast stops the run there.
    let mut text = String::new();
    for i in 0..1000 {
        if i == 399 {
            text.push_str("TI  - broken\nER  - \n\n");
        } else {
            text.push_str(&catalog(1, |_| format!("10.5072/r{i}")));
        }
    }
    std::fs::write(&input, text).unwrap();
    let first = dir.join("first.jsonl");
    let report_path = dir.join("report.json");
    let args = ["convert", input.to_str().unwrap(), "--to", "datacite-json", "--no-validate", "-q"];
    let o = crosswalk(
        &[&args[..], &["-o", first.to_str().unwrap(), "--fail-fast", "--report", report_path.to_str().unwrap()]]
            .concat(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let r = report(&report_path);
    let skip_to = r["resume"]["skip_to"].as_u64().expect("the report says where to go on");
    assert!(skip_to > 400, "{r:#}");
    let partial = dir.join("first.jsonl.partial");
    assert!(!first.exists() && partial.exists(), "a stopped run's output is left .partial");
    let second = dir.join("second.jsonl");
    let o = crosswalk(&[&args[..], &["-o", second.to_str().unwrap(), "--skip-to", &skip_to.to_string()]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dois: Vec<String> = [partial, second]
        .iter()
        .flat_map(|p| std::fs::read_to_string(p).unwrap().lines().map(str::to_owned).collect::<Vec<_>>())
        .map(|l| serde_json::from_str::<serde_json::Value>(&l).unwrap()["doi"].as_str().unwrap().to_owned())
        .collect();
    let expected: Vec<String> = (0..1000).filter(|i| *i != 399).map(|i| format!("10.5072/r{i}")).collect();
    assert_eq!(dois, expected, "every good record once, in order");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_payload_report_lists_each_payload_with_its_source_key() {
    let dir = temp_dir("listed");
    let input = dir.join("in.ris");
    let records: String = (0..3)
        .map(|i| format!("TY  - JOUR\nID  - cat-{i}\nTI  - T{i}\nAU  - Doe, Jane\nPY  - 2020\nPB  - Pub\nER  - \n\n"))
        .collect();
    std::fs::write(&input, records).unwrap();
    let report_path = dir.join("report.json");
    let o = crosswalk(&[
        "payload",
        input.to_str().unwrap(),
        "--prefix",
        "10.5072",
        "--event",
        "publish",
        "--url-template",
        "https://x.org/{key}",
        "--report",
        report_path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r = report(&report_path);
    let listed = r["payloads"].as_array().unwrap();
    assert_eq!(listed.len(), 3, "{r:#}");
    assert_eq!(listed[2]["key"], "cat-2");
    assert_eq!(listed[2]["position"], 3);
    assert_eq!(listed[2]["url"], "https://x.org/cat-2");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn too_many_jobs_are_capped_with_a_note() {
    let o = crosswalk(&["convert", "--from", "ris", "--to", "ris", "--jobs", "100000", "-v", "/dev/null"]);
    assert!(stderr(&o).contains("--jobs 100000:") && stderr(&o).contains("workers are used"), "{}", stderr(&o));
}

#[test]
fn an_input_that_cannot_be_read_to_its_end_is_an_io_error_with_its_records_accounted() {
    // A gzip stream cut short: the records before the cut are read and written, the read error
    // is a failed record, and the run exits 2 (it did not read all its input).
    let dir = temp_dir("corrupt-gzip");
    let plain = dir.join("catalog.ris");
    std::fs::write(&plain, catalog(4000, |i| format!("10.5072/r{i}"))).unwrap();
    let Ok(gzip) = Command::new("gzip").arg("-c").arg(&plain).output() else {
        crosswalk_testkit::skipped("the corrupt gzip check (gzip is not installed)");
        return;
    };
    let mut compressed = gzip.stdout;
    compressed.truncate(compressed.len() / 2);
    let input = dir.join("catalog.ris.gz");
    std::fs::write(&input, &compressed).unwrap();
    let report_path = dir.join("report.json");
    let o = crosswalk(&[
        "convert",
        &path(&input),
        "--to",
        "datacite-json",
        "--no-validate",
        "-o",
        &path(&dir.join("out.jsonl")),
        "--report",
        &path(&report_path),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let report = report(&report_path);
    let (read, written, failed) =
        (report["read"].as_u64().unwrap(), report["written"].as_u64().unwrap(), report["failed"].as_u64().unwrap());
    assert!(written > 1000 && written < 4000, "{report}");
    // The read error, and perhaps the record it cut short.
    assert!((1..=2).contains(&failed) && read == written + failed, "{report}");
    let failures = report["failures"].as_array().unwrap();
    let last = failures.last().unwrap();
    assert!(last["diagnostics"].to_string().contains("ris.io"), "{last}");
    assert_eq!(last["record"].as_u64(), Some(read), "{last}");
    std::fs::remove_dir_all(&dir).unwrap();
}
