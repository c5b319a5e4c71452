//! Conformance: Crosswalk's kernel-4 schema gives the same verdict as DataCite's official
//! kernel-4.7 XSD on the official examples, the converter fixtures that use the kernel-4
//! namespace, and a mutation corpus generated from our own base documents; and the validator
//! (embedded schema) agrees with both.
//!
//! The oracle is `xmllint --noout --nonet --schema <official metadata.xsd>`, run in batches. The
//! tests skip with a note when `../shared` or `xmllint` is absent.

mod corpus;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crosswalk_validate::{is_valid, validate, Schema};

/// Our schema's main file in the repository (the same text the crate embeds).
fn our_xsd() -> PathBuf {
    crosswalk_testkit::workspace_root().join("schemas/kernel-4/metadata.xsd")
}

fn xmllint_available() -> bool {
    Command::new("xmllint").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// xmllint's verdict on each file (true: valid), in batches of files per call. A file that does
/// not parse gets no "validates" line and counts as invalid.
fn xmllint_verdicts(schema: &Path, files: &[PathBuf]) -> Vec<bool> {
    let mut verdicts: HashMap<String, bool> = HashMap::new();
    for batch in files.chunks(250) {
        let output = Command::new("xmllint")
            .arg("--noout")
            .arg("--nonet")
            .arg("--schema")
            .arg(schema)
            .args(batch)
            .output()
            .expect("run xmllint");
        let stderr = String::from_utf8_lossy(&output.stderr);
        for line in stderr.lines() {
            if let Some(file) = line.strip_suffix(" validates") {
                verdicts.insert(file.to_owned(), true);
            } else if let Some(file) = line.strip_suffix(" fails to validate") {
                verdicts.insert(file.to_owned(), false);
            }
        }
    }
    files.iter().map(|f| verdicts.get(&f.to_string_lossy().into_owned()).copied().unwrap_or(false)).collect()
}

/// Compares the three verdicts on every file and fails with the disagreements.
fn assert_agreement(official: &Path, files: &[PathBuf], names: &[String]) -> (usize, usize) {
    let oracle = xmllint_verdicts(official, files);
    let ours = xmllint_verdicts(&our_xsd(), files);
    let mut disagreements = Vec::new();
    let mut valid = 0;
    for ((file, name), (expected, ours)) in files.iter().zip(names).zip(oracle.iter().zip(&ours)) {
        let bytes = std::fs::read(file).expect("read corpus file");
        let diagnostics = validate(&bytes);
        let validator = is_valid(&diagnostics);
        if *expected {
            valid += 1;
        }
        if expected != ours || *expected != validator {
            disagreements.push(format!(
                "{name} ({}): official {expected}, our XSD {ours}, validator {validator}: {:?}",
                file.display(),
                diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>()
            ));
        }
    }
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
    (valid, files.len() - valid)
}

fn official_or_skip() -> Option<PathBuf> {
    let Some(official) = crosswalk_testkit::official_xsd() else {
        crosswalk_testkit::skipped("../shared is absent (set CROSSWALK_SHARED to run this test)");
        return None;
    };
    if !xmllint_available() {
        crosswalk_testkit::skipped("xmllint is not installed (apt-get install libxml2-utils)");
        return None;
    }
    Some(official)
}

#[test]
fn official_examples_and_fixtures_get_the_same_verdicts() {
    let Some(official) = official_or_skip() else { return };
    let shared = crosswalk_testkit::shared_or_skip!();
    let reference = shared.join("reference");
    let mut files = Vec::new();
    for dir in ["datacite-schema/kernel-4.7/example", "datacite-schema/kernel-4-examples"] {
        files.extend(crosswalk_testkit::files_with_suffix(&reference.join(dir), ".xml"));
    }
    let examples = files.len();
    for file in crosswalk_testkit::files_with_suffix(&reference.join("bolognese-fixtures"), ".xml") {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if text.contains("\"http://datacite.org/schema/kernel-4\"") {
            files.push(file);
        }
    }
    assert!(examples >= 40, "only {examples} official examples found");
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let (valid, invalid) = assert_agreement(&official, &files, &names);
    eprintln!("{} documents agree ({valid} valid, {invalid} invalid)", files.len());
}

#[test]
fn mutation_corpus_gets_the_same_verdicts() {
    let Some(official) = official_or_skip() else { return };
    let cases = corpus::cases();
    assert!(cases.len() >= 300, "only {} corpus documents", cases.len());
    let dir = std::env::temp_dir().join(format!("crosswalk-validate-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create corpus directory");
    let files: Vec<PathBuf> = cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let file = dir.join(format!("{i:04}.xml"));
            std::fs::write(&file, &case.xml).expect("write corpus document");
            file
        })
        .collect();
    let names: Vec<String> = cases.iter().map(|c| c.name.clone()).collect();
    let result = std::panic::catch_unwind(|| assert_agreement(&official, &files, &names));
    let _ = std::fs::remove_dir_all(&dir);
    let (valid, invalid) = result.unwrap_or_else(|e| std::panic::resume_unwind(e));
    eprintln!("{} corpus documents agree ({valid} valid, {invalid} invalid)", cases.len());
    assert!(
        valid >= 100 && invalid >= 100,
        "the corpus should hold both verdicts in number: {valid} valid, {invalid} invalid"
    );
}

#[test]
fn the_official_schema_loads_from_file_and_agrees() {
    let Some(official) = crosswalk_testkit::official_xsd() else {
        crosswalk_testkit::skipped("../shared is absent (set CROSSWALK_SHARED to run this test)");
        return;
    };
    let schema = Schema::from_file(&official).expect("the official XSD compiles with its includes");
    for case in corpus::cases().iter().step_by(7) {
        let theirs = is_valid(&schema.validate(case.xml.as_bytes()));
        let ours = is_valid(&validate(case.xml.as_bytes()));
        assert_eq!(theirs, ours, "{}", case.name);
    }
}
