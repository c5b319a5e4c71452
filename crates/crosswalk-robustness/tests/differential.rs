//! The differential test of the DataCite XML writer's proof against libxml2.
//!
//! `crosswalk_datacite::xml::write_checked` says whether the document it wrote is proven valid
//! against the kernel-4.7 XSD, and validation then skips libxml2 for it. That is only sound if a
//! proven document is one libxml2 accepts, always. This test writes documents from every model it
//! can find and judges each both ways, failing on any document proven valid that libxml2 rejects,
//! and on any document whose findings the writer predicts (valid but for required children of
//! `<resource>` it lacks) where libxml2's findings differ:
//!
//! - every record of every fixture (the project's `testdata/`, and `../shared`'s DataCite examples
//!   and bolognese fixtures in every format, when present);
//! - every record of the mutation corpus (`crosswalk-validate/tests/corpus`), read and written again;
//! - documents at the size limit of the proof.
//!
//! The generated models (hundreds of thousands, with every enum variant, unknown values, empty and
//! odd strings, boundary coordinates) are in `properties.rs`, next to their generators.
//! A document the writer does not prove goes to libxml2, so "not proven but valid" is no
//! disagreement; the counts printed show how often the fast path applies, and
//! `SHOW_UNPROVEN=1` lists each valid document the proof left to libxml2, with the writer's
//! notes (where the proof could be made more precise).

#[path = "../../crosswalk-validate/tests/corpus/mod.rs"]
#[allow(dead_code)]
mod corpus;

use std::path::Path;

use crosswalk::{Format, Resource};

/// How the two judges saw a set of documents.
#[derive(Default, Debug)]
struct Tally {
    proven: usize,
    unproven_valid: usize,
    unproven_invalid: usize,
    /// Invalid documents whose findings the writer predicted (counted among the invalid ones).
    known_invalid: usize,
    disagreements: Vec<String>,
}

impl Tally {
    /// Writes `resource` and judges the document both ways; a resource without DOI also as
    /// DataCite judges a payload that names only a prefix (with the identifier it puts in).
    fn judge(&mut self, label: &str, resource: &Resource) {
        let checked = crosswalk_datacite::xml::write_checked(resource);
        // The verdict without the document is the verdict with it.
        assert_eq!(crosswalk_datacite::xml::judge(resource), checked.verdict, "{label}: judged without writing");
        if resource.doi.is_none() {
            let identified = Resource { doi: Some("10.5072/generated-by-datacite".into()), ..resource.clone() };
            let again = crosswalk_datacite::xml::write_checked(&identified);
            assert_eq!(
                checked.verdict.proven_valid_with_identifier, again.verdict.proven_valid,
                "{label}: with an identifier"
            );
            assert_eq!(checked.verdict.breaks_with_identifier(), again.verdict.breaks, "{label}: with an identifier");
            self.judge(&format!("{label} (identified)"), &identified);
        }
        let findings = crosswalk_validate::validate(checked.written.text.as_bytes());
        let valid = crosswalk_validate::is_valid(&findings);
        if checked.verdict.breaks.as_ref().is_some_and(|b| !b.is_empty()) {
            // Known to be invalid in known ways: the writer's findings stand in for libxml2's.
            self.known_invalid += 1;
            if let Some(difference) = predicted_findings_differ(resource) {
                self.disagreements.push(format!("{label}: {difference}\n{}", checked.written.text));
            }
        }
        match (checked.verdict.proven_valid, valid) {
            (true, true) => self.proven += 1,
            (true, false) => self.disagreements.push(format!(
                "{label}: proven valid, but libxml2 says {:#?}\n{}",
                findings.iter().filter(|d| d.is_error()).collect::<Vec<_>>(),
                checked.written.text
            )),
            (false, true) => {
                self.unproven_valid += 1;
                if std::env::var_os("SHOW_UNPROVEN").is_some() {
                    eprintln!(
                        "UNPROVEN {label}: {:?}",
                        checked.written.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
                    );
                }
            }
            (false, false) => self.unproven_invalid += 1,
        }
    }

    fn assert_agreement(&self, what: &str) {
        eprintln!(
            "{what}: {} proven valid, {} not proven but valid, {} invalid ({} with predicted findings), {} disagreements",
            self.proven,
            self.unproven_valid,
            self.unproven_invalid,
            self.known_invalid,
            self.disagreements.len()
        );
        assert!(self.disagreements.is_empty(), "{}", self.disagreements.join("\n\n"));
    }
}

/// How the findings validation gives for `resource` from the writer's known breaks differ from
/// libxml2's (`--validate xsd`): compared as the user gets them, pointed at the REST attributes.
fn predicted_findings_differ(resource: &Resource) -> Option<String> {
    let (_, predicted) = crosswalk::write_validated_xml(resource, &crosswalk::ValidateOptions::default());
    let forced = crosswalk::ValidateOptions { force_xsd: true, ..Default::default() };
    let (_, found) = crosswalk::write_validated_xml(resource, &forced);
    crosswalk_robustness::findings_differ(&predicted, &found)
}

/// Judges every record of every file under `dir` whose format is detected.
fn judge_files(dir: &Path, tally: &mut Tally) -> usize {
    let mut records = 0;
    for file in crosswalk_robustness::files_under(dir) {
        let Ok(bytes) = std::fs::read(&file) else { continue };
        let Ok(detection) = crosswalk::detect(&bytes) else { continue };
        let Ok(read) = crosswalk::read(&bytes, detection.format) else { continue };
        for (i, record) in read.iter().enumerate() {
            tally.judge(&format!("{} #{i}", file.display()), &record.resource);
            records += 1;
        }
    }
    records
}

#[test]
fn the_proof_agrees_with_libxml2_on_every_fixture() {
    let mut tally = Tally::default();
    let ours = judge_files(&crosswalk_testkit::workspace_root().join("testdata"), &mut tally);
    assert!(ours >= 300, "only {ours} records in testdata/");
    match crosswalk_testkit::shared_dir() {
        Some(shared) => {
            let theirs = judge_files(&shared.join("reference"), &mut tally);
            assert!(theirs >= 50, "only {theirs} records in ../shared");
        }
        None => crosswalk_testkit::skipped("the proof against libxml2 on ../shared's fixtures (../shared is absent)"),
    }
    tally.assert_agreement("fixtures");
    assert!(tally.proven >= 100, "the proof applies to only {} fixture records", tally.proven);
}

#[test]
fn the_proof_agrees_with_libxml2_on_the_mutation_corpus() {
    let mut tally = Tally::default();
    let cases = corpus::cases();
    assert!(cases.len() >= 300, "only {} corpus documents", cases.len());
    for case in &cases {
        let record = crosswalk_datacite::xml::read(case.xml.as_bytes());
        tally.judge(&case.name, &record.resource);
    }
    tally.assert_agreement("mutation corpus");
    assert!(tally.proven > 0 && tally.unproven_invalid > 0, "{tally:?}");
}

/// A complete, valid resource whose only title is `title`.
fn with_title(title: String) -> Resource {
    let ris = b"TY  - DATA\nAU  - Doe, Jane\nTI  - T\nPB  - Example Press\nPY  - 2024\nDO  - 10.5072/big\nER  - \n";
    let mut resource = crosswalk::read(ris, Format::Ris).unwrap().remove(0).resource;
    resource.titles[0].title = title;
    resource
}

#[test]
fn the_proof_stops_at_its_size_limit() {
    let limit = crosswalk_datacite::xml::write::MAX_PROVEN_BYTES;
    let mut tally = Tally::default();
    let small = with_title("x".repeat(limit / 2));
    assert!(crosswalk_datacite::xml::write_checked(&small).verdict.proven_valid);
    tally.judge("half the limit", &small);
    let large = with_title("x".repeat(limit + 1));
    assert!(!crosswalk_datacite::xml::write_checked(&large).verdict.proven_valid);
    tally.judge("over the limit", &large);
    // libxml2's own limit on a text node (10,000,000 bytes without its "huge" option).
    tally.judge("over libxml2's text limit", &with_title("x".repeat(10_000_001)));
    tally.assert_agreement("sizes");
}
