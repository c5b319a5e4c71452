//! Crossref REST JSON through the facade: detected from content, streamed as units that the
//! batch's workers map, the same records as the reader gives, gzip'd JSON Lines read as they come,
//! and every complete work converted to DataCite XML that our schema accepts.

use std::io::Write;
use std::sync::atomic::AtomicBool;

use crosswalk::batch::{run, Batch, Input, Outcome, Processed, Progress, Sunk};
use crosswalk::{detect, read, validate_converted, Format, JsonLayout, Record, ValidateOptions};
use crosswalk_testkit::{files_with_suffix, testdata, testdata_bytes};

fn fixtures() -> Vec<std::path::PathBuf> {
    let dir = testdata("crossref-json");
    let mut files = files_with_suffix(&dir, ".json");
    files.extend(files_with_suffix(&dir, ".jsonl"));
    files.push(dir.join("pair/article.json"));
    files
}

#[test]
fn the_facade_reads_what_the_reader_reads_and_detects_the_format() {
    for path in fixtures() {
        let bytes = std::fs::read(&path).unwrap();
        let label = path.display().to_string();
        if !label.contains("malformed") {
            assert_eq!(detect(&bytes).map(|d| d.format), Ok(Format::CrossrefJson), "{label}");
        }
        let facade = read(&bytes, Format::CrossrefJson).unwrap();
        let reader = crosswalk_crossref::json::read(&bytes);
        assert!(facade == reader, "{label}");
        let documented: Vec<&str> = crosswalk::codes().into_iter().map(|c| c.code).collect();
        for d in facade.iter().flat_map(|r| &r.diagnostics) {
            assert!(documented.contains(&d.code.as_ref()), "{label}: undocumented {d}");
        }
    }
}

#[test]
fn complete_works_convert_to_datacite_xml_our_schema_accepts() {
    let mut checked = 0;
    for path in fixtures() {
        let label = path.display().to_string();
        if label.contains("malformed") {
            continue;
        }
        for record in read(&std::fs::read(&path).unwrap(), Format::CrossrefJson).unwrap() {
            let r = &record.resource;
            // Complete: what DataCite requires is there (a journal issue without creators is not).
            let complete = !r.creators.is_empty()
                && !r.titles.is_empty()
                && r.publisher.is_some()
                && r.publication_year.is_some()
                && r.types.resource_type_general.is_some();
            if !complete {
                continue;
            }
            let findings = validate_converted(r, &ValidateOptions::default());
            let errors: Vec<String> = findings.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
            assert!(errors.is_empty(), "{label} {:?}: {errors:#?}", r.doi);
            checked += 1;
        }
    }
    assert!(checked >= 12, "{checked} complete works");
}

#[test]
fn the_same_work_from_xml_and_json_is_detected_and_reads_the_same() {
    let xml = testdata_bytes("crossref-json/pair/article.xml");
    let json = testdata_bytes("crossref-json/pair/article.json");
    assert_eq!(detect(&xml).map(|d| d.format), Ok(Format::CrossrefXml));
    assert_eq!(detect(&json).map(|d| d.format), Ok(Format::CrossrefJson));
    let xml = read(&xml, Format::CrossrefXml).unwrap();
    let json = read(&json, Format::CrossrefJson).unwrap();
    assert_eq!(xml[0].resource, json[0].resource);
    assert!(validate_converted(&json[0].resource, &ValidateOptions::default()).iter().all(|d| !d.is_error()));
}

fn run_batch(input: Input, jobs: usize) -> Vec<Outcome> {
    let cancel = AtomicBool::new(false);
    let progress = Progress::default();
    let batch = Batch { from: None, jobs, cancel: &cancel, fail_fast: false, progress: &progress, skip_to: 0 };
    let mut outcomes = Vec::new();
    run(
        &batch,
        vec![input],
        |record: &Record, _: JsonLayout| {
            let written = crosswalk::write(&record.resource, Format::DataciteJson).unwrap();
            Processed::output(written.text, Vec::new())
        },
        |outcome| {
            outcomes.push(outcome);
            Sunk::Kept
        },
    );
    outcomes
}

#[test]
fn gzipped_json_lines_and_a_public_data_file_part_run_through_the_batch_in_order() {
    for name in ["works.jsonl", "public-data-part.json", "works-list.json"] {
        let bytes = testdata_bytes(&format!("crossref-json/{name}"));
        let expected: Vec<Option<String>> =
            crosswalk_crossref::json::read(&bytes).into_iter().map(|r| r.resource.doi).collect();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&bytes).unwrap();
        let compressed = gz.finish().unwrap();
        for jobs in [1, 3] {
            let outcomes = run_batch(Input::bytes(format!("{name}.gz"), compressed.clone()), jobs);
            let dois: Vec<Option<String>> = outcomes.iter().map(|o| o.doi.clone()).collect();
            assert_eq!(dois, expected, "{name}, {jobs} job(s)");
            assert_eq!(
                outcomes.iter().map(|o| o.origin.index).collect::<Vec<_>>(),
                (0..expected.len()).collect::<Vec<_>>()
            );
            assert!(outcomes.iter().all(|o| !o.failed()), "{name}");
        }
    }
}
