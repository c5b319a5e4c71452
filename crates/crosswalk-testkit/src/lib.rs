//! Test support for Crosswalk's crates (a dev-dependency only).
//!
//! - [`shared_dir`] finds the reference material (`../shared` beside the checkout, or the
//!   directory in `CROSSWALK_SHARED`); tests that need it skip with a printed note when it is
//!   absent, as in a user's fresh clone ([`shared_or_skip!`]).
//! - [`assert_snapshot`] compares output with a file under `testdata/snapshots/`;
//!   `CROSSWALK_UPDATE_SNAPSHOTS=1` (or `cargo xtask snapshots`) rewrites them.
//! - [`official_xsd_verdict`] validates XML against the official kernel-4.7 XSD with `xmllint`.
//! - [`markdown_table_rows`], [`backticked`], [`update_section`] and [`json_has`] serve the tests
//!   that keep the crosswalk pages in `docs/crosswalks/` true.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (the directory holding `Cargo.lock`).
pub fn workspace_root() -> PathBuf {
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    while !dir.join("Cargo.lock").exists() && !dir.join("ARCHITECTURE.md").exists() {
        if !dir.pop() {
            return PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        }
    }
    dir
}

/// A path under the project's `testdata/`.
pub fn testdata(relative: &str) -> PathBuf {
    workspace_root().join("testdata").join(relative)
}

/// The bytes of the file at `path`; panics with the path when it cannot be read.
#[track_caller]
pub fn read_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The bytes of a file under the project's `testdata/` (a fixture of ours); panics with its path
/// when it cannot be read.
#[track_caller]
pub fn testdata_bytes(relative: &str) -> Vec<u8> {
    read_bytes(&testdata(relative))
}

/// The reference material directory, if present: `$CROSSWALK_SHARED`, else `../shared` beside
/// the workspace root.
pub fn shared_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CROSSWALK_SHARED") {
        let dir = PathBuf::from(dir);
        return dir.is_dir().then_some(dir);
    }
    let dir = workspace_root().parent()?.join("shared");
    dir.join("reference").is_dir().then_some(dir)
}

/// Says, where the user running the tests sees it, that (part of) a test was skipped and why.
/// The test harness captures what tests print with `print!`/`eprint!` and shows it only for
/// failures (or under `--nocapture`); this writes to the process's standard error directly, so
/// the note stands in the test output of every run. Each reason is said once per test binary
/// (naming the first test that met it), so that a check skipped for many inputs is one line.
pub fn skipped(reason: &str) {
    use std::io::Write;
    static SAID: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    if said.iter().any(|r| r == reason) {
        return;
    }
    said.push(reason.to_owned());
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    let _ = writeln!(std::io::stderr().lock(), "note: skipped: {reason} (first in {test})");
}

/// The shared directory for a `part` of a test, or `None` after saying that part was skipped.
pub fn shared_dir_for(part: &str) -> Option<PathBuf> {
    let dir = shared_dir();
    if dir.is_none() {
        skipped(&format!("{part} (../shared is absent)"));
    }
    dir
}

/// Evaluates to the shared directory, or says the test was skipped ([`skipped`]) and returns.
#[macro_export]
macro_rules! shared_or_skip {
    () => {
        match $crate::shared_dir() {
            Some(dir) => dir,
            None => {
                $crate::skipped("../shared is absent (set CROSSWALK_SHARED to run this test)");
                return;
            }
        }
    };
}

/// The files in `dir` whose names end with `suffix`, sorted.
pub fn files_with_suffix(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.to_string_lossy().ends_with(suffix))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// True when the tests are asked to rewrite snapshots and generated documentation
/// (`CROSSWALK_UPDATE_SNAPSHOTS` is set, as `cargo xtask snapshots` does) rather than compare.
pub fn updating_snapshots() -> bool {
    std::env::var_os("CROSSWALK_UPDATE_SNAPSHOTS").is_some()
}

/// Compares `actual` with the snapshot `testdata/snapshots/<name>`.
///
/// With `CROSSWALK_UPDATE_SNAPSHOTS=1` the snapshot is (re)written instead. A missing snapshot
/// fails the test and says how to create it.
#[track_caller]
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = testdata("snapshots").join(name);
    if updating_snapshots() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create snapshot directory");
        }
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(_) => panic!(
            "snapshot {} does not exist; run `cargo xtask snapshots` (or set CROSSWALK_UPDATE_SNAPSHOTS=1) and review it",
            path.display()
        ),
    };
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "snapshot {} differs from the output, first at line {}:\n  expected: {:?}\n  actual:   {:?}\n\
             run `cargo xtask snapshots` to accept the new output after reviewing it",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>")
        );
    }
}

/// The official kernel-4.7 `metadata.xsd` in the shared reference material.
pub fn official_xsd() -> Option<PathBuf> {
    let xsd = shared_dir()?.join("reference/datacite-schema/kernel-4.7/metadata.xsd");
    xsd.is_file().then_some(xsd)
}

/// Validates `xml` against the official kernel-4.7 XSD with `xmllint`: `None` when the XSD or
/// `xmllint` is not available, else `Ok` or the validator's messages.
pub fn official_xsd_verdict(xml: &str) -> Option<Result<(), String>> {
    let xsd = official_xsd()?;
    let dir = std::env::temp_dir().join(format!("crosswalk-xsd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let file = dir.join(format!("{n}-{:x}.xml", fxhash(xml)));
    std::fs::write(&file, xml).ok()?;
    let output = Command::new("xmllint").arg("--noout").arg("--nonet").arg("--schema").arg(&xsd).arg(&file).output();
    let _ = std::fs::remove_file(&file);
    let output = output.ok()?;
    if output.status.success() {
        Some(Ok(()))
    } else {
        Some(Err(String::from_utf8_lossy(&output.stderr).into_owned()))
    }
}

/// Asserts that `xml` is valid against the official XSD, or prints why the check was skipped.
#[track_caller]
pub fn assert_official_xsd_valid(label: &str, xml: &str) {
    match official_xsd_verdict(xml) {
        Some(Ok(())) => {}
        Some(Err(messages)) => panic!("{label}: not valid against the official kernel-4.7 XSD:\n{messages}\n{xml}"),
        None => skipped("the checks against DataCite's official XSD (xmllint or ../shared is absent)"),
    }
}

/// MathML's stand-in for Crossref's XSD: a `math` element holding anything (Crossref titles may
/// hold MathML; the deposit writer never writes it).
const MATHML_STANDIN: &str = r#"<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/1998/Math/MathML" elementFormDefault="qualified">
  <xs:element name="math"><xs:complexType><xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence><xs:anyAttribute processContents="skip"/></xs:complexType></xs:element>
</xs:schema>
"#;

/// XLink's stand-in for Crossref's XSD: the global attributes its JATS module refers to.
const XLINK_STANDIN: &str = r#"<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/1999/xlink">
  <xs:attribute name="type" type="xs:string"/>
  <xs:attribute name="href" type="xs:anyURI"/>
  <xs:attribute name="role" type="xs:string"/>
  <xs:attribute name="arcrole" type="xs:string"/>
  <xs:attribute name="title" type="xs:string"/>
  <xs:attribute name="show" type="xs:string"/>
  <xs:attribute name="actuate" type="xs:string"/>
</xs:schema>
"#;

/// Crossref's deposit schema 5.4.0 (`crossref5.4.0.xsd`) ready to compile without the network,
/// or `None` without `../shared`.
///
/// The schema in `../shared/reference/crossref-schema-5.4/` imports MathML, XLink and `xml.xsd`
/// from the W3C's web site, and its JATS driver looks for them in a `standard-modules/` folder
/// that is not there. The first call (once per test process) copies the schema's files into a
/// temporary directory, writes small local stand-ins for MathML and XLink, puts the schema's own
/// `xml.xsd` and ALI module where the JATS driver looks, and points every import there. Nothing
/// from `../shared` is copied into the repository.
pub fn crossref_xsd() -> Option<PathBuf> {
    static XSD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    XSD.get_or_init(|| {
        let source = shared_dir()?.join("reference/crossref-schema-5.4");
        source.join("crossref5.4.0.xsd").is_file().then_some(())?;
        let dir = std::env::temp_dir().join(format!("crosswalk-crossref-xsd-{}", std::process::id()));
        let modules = dir.join("standard-modules");
        std::fs::create_dir_all(modules.join("mathml3")).ok()?;
        for xsd in files_with_suffix(&source, ".xsd") {
            let text = std::fs::read_to_string(&xsd).ok()?;
            let text = text
                .replace("http://www.w3.org/Math/XMLSchema/mathml3/mathml3.xsd", "standard-modules/mathml3/mathml3.xsd")
                .replace("http://www.w3.org/2009/01/xml.xsd", "standard-modules/xml.xsd")
                .replace("http://www.w3.org/1999/xlink.xsd", "standard-modules/xlink.xsd");
            std::fs::write(dir.join(xsd.file_name()?), text).ok()?;
        }
        std::fs::copy(source.join("xml.xsd"), modules.join("xml.xsd")).ok()?;
        std::fs::copy(source.join("module-ali.xsd"), modules.join("module-ali.xsd")).ok()?;
        std::fs::write(modules.join("mathml3/mathml3.xsd"), MATHML_STANDIN).ok()?;
        std::fs::write(modules.join("xlink.xsd"), XLINK_STANDIN).ok()?;
        Some(dir.join("crossref5.4.0.xsd"))
    })
    .clone()
}

fn fxhash(text: &str) -> u64 {
    text.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
}

/// The text of a seed page in `../shared/seeds/` whose file name starts with `prefix` (e.g. `001`).
pub fn seed_page(shared: &Path, prefix: &str) -> String {
    let dir = shared.join("seeds");
    let file = std::fs::read_dir(&dir)
        .ok()
        .and_then(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        })
        .unwrap_or_else(|| panic!("no seed page {prefix}* in {}", dir.display()));
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()))
}

/// The JSON documents shown in a seed page, in order: every block starting with a line `{` that
/// parses as JSON (blocks abridged with `...` are skipped).
pub fn seed_json_blocks(page: &str) -> Vec<serde_json::Value> {
    let mut blocks = Vec::new();
    let mut offset = 0;
    for line in page.split_inclusive('\n') {
        if line.trim_end() == "{" {
            let mut values = serde_json::Deserializer::from_str(&page[offset..]).into_iter::<serde_json::Value>();
            if let Some(Ok(value)) = values.next() {
                blocks.push(value);
            }
        }
        offset += line.len();
    }
    blocks
}

/// Removes every `null` member from JSON objects, recursively (DataCite's examples write
/// `"schemeType": null` where Crosswalk leaves the key out).
pub fn without_nulls(value: &serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => serde_json::Value::Object(
            map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), without_nulls(v))).collect(),
        ),
        serde_json::Value::Array(items) => serde_json::Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// The rows of the first Markdown table after `heading` in `page`, each as its cells (trimmed),
/// without the header row and the separator row.
///
/// Panics when `page` has no `heading`. Cells are split at ` | `, so a cell must not hold one.
#[track_caller]
pub fn markdown_table_rows(page: &str, heading: &str) -> Vec<Vec<String>> {
    let start = page.find(heading).unwrap_or_else(|| panic!("heading {heading:?} missing"));
    page[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.trim_matches('|').split(" | ").map(|c| c.trim().to_owned()).collect())
        .collect()
}

/// The backticked items of a Markdown text, in order: `` `creators[].name`, `titles[].title` ``
/// gives `creators[].name` and `titles[].title`.
pub fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// Puts `content` between the line `start_marker` and the next `end_marker` of `page` (a page
/// with generated sections): `Ok(true)` when the section differed and was replaced, `Ok(false)`
/// when it was up to date, and `Err` with the marker that is missing.
///
/// The caller decides what a stale section means: a failure, or (when
/// [`updating_snapshots`]) a page to write back.
pub fn update_section(page: &mut String, start_marker: &str, end_marker: &str, content: &str) -> Result<bool, String> {
    let start = page.find(start_marker).ok_or_else(|| start_marker.to_owned())? + start_marker.len();
    let end = page[start..].find(end_marker).ok_or_else(|| end_marker.to_owned())? + start;
    if page[start..end] == *content {
        return Ok(false);
    }
    page.replace_range(start..end, content);
    Ok(true)
}

/// True when a path such as `creators[].affiliation[].name` leads to a value that is not null in
/// `value`: dots separate keys, and `[]` after a key means "in some element of this list".
pub fn json_has(value: &serde_json::Value, path: &str) -> bool {
    fn walk(value: &serde_json::Value, segments: &[&str]) -> bool {
        let Some((first, rest)) = segments.split_first() else { return !value.is_null() };
        let (key, is_list) = match first.strip_suffix("[]") {
            Some(key) => (key, true),
            None => (*first, false),
        };
        let Some(child) = value.get(key) else { return false };
        if is_list {
            child.as_array().is_some_and(|items| items.iter().any(|item| walk(item, rest)))
        } else {
            walk(child, rest)
        }
    }
    walk(value, &path.split('.').collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "# Page\n\n## Mapping\n\n| A | B |\n|---|---|\n| `x` | `a.b`, `c[].d` |\n| y | – |\n\nAfter.\n\n<!-- s -->\nold\n<!-- e -->\n";

    #[test]
    fn table_rows_and_backticked_items() {
        let rows = markdown_table_rows(PAGE, "## Mapping");
        assert_eq!(rows, vec![vec!["`x`", "`a.b`, `c[].d`"], vec!["y", "–"]]);
        assert_eq!(backticked(&rows[0][1]), ["a.b", "c[].d"]);
        assert!(backticked("no code").is_empty());
    }

    #[test]
    #[should_panic(expected = "heading \"## Nowhere\" missing")]
    fn a_missing_heading_fails() {
        markdown_table_rows(PAGE, "## Nowhere");
    }

    #[test]
    fn sections_are_replaced_when_stale() {
        let mut page = PAGE.to_owned();
        assert_eq!(update_section(&mut page, "<!-- s -->\n", "<!-- e -->", "old\n"), Ok(false));
        assert_eq!(update_section(&mut page, "<!-- s -->\n", "<!-- e -->", "new\n"), Ok(true));
        assert!(page.ends_with("<!-- s -->\nnew\n<!-- e -->\n"));
        assert_eq!(update_section(&mut page, "<!-- t -->", "<!-- e -->", ""), Err("<!-- t -->".to_owned()));
        assert_eq!(update_section(&mut page, "<!-- e -->", "<!-- s -->", ""), Err("<!-- s -->".to_owned()));
    }

    #[test]
    fn fixtures_are_read_or_named() {
        assert!(!testdata_bytes("../Cargo.toml").is_empty());
        let missing = std::panic::catch_unwind(|| testdata_bytes("no/such/file"));
        let message = *missing.unwrap_err().downcast::<String>().unwrap();
        assert!(message.contains("no/such/file"), "{message}");
    }

    #[test]
    fn json_paths() {
        let value = serde_json::json!({"creators": [{"name": "A"}, {"affiliation": [{"name": "B"}]}], "x": null});
        assert!(json_has(&value, "creators[].name"));
        assert!(json_has(&value, "creators[].affiliation[].name"));
        assert!(json_has(&value, "creators"));
        assert!(!json_has(&value, "x"));
        assert!(!json_has(&value, "creators[].nameType"));
        assert!(!json_has(&value, "creators.name"));
    }
}
