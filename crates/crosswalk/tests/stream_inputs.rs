//! `batch::stream` and `batch::walk`: what a program handed paths one at a time (the Python
//! binding, a Spark partition) reads, the batch's way: gzip on the way, formats detected, every
//! input accounted for.

use std::io::Write;
use std::path::{Path, PathBuf};

use crosswalk::batch::{is_catalog_file, stream, walk, Input, INPUT_FORMAT, INPUT_UNREADABLE};
use crosswalk::Format;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosswalk-stream-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn api_records(dois: &[&str]) -> String {
    dois.iter()
        .map(|doi| format!("{{\"id\":\"{doi}\",\"type\":\"dois\",\"attributes\":{{\"doi\":\"{doi}\"}}}}\n"))
        .collect()
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_directory_of_gzip_parts_reads_every_record_in_path_order() {
    let dir = scratch("parts");
    write(&dir.join("2024/part-0002.jsonl.gz"), &gzip(api_records(&["10.5072/c", "10.5072/d"]).as_bytes()));
    write(&dir.join("2024/part-0001.jsonl.gz"), &gzip(api_records(&["10.5072/a", "10.5072/b"]).as_bytes()));
    write(&dir.join("extra.jsonl"), api_records(&["10.5072/e"]).as_bytes());
    write(&dir.join("MANIFEST.csv"), b"doi\n10.5072/a\n");
    write(&dir.join(".hidden.jsonl"), api_records(&["10.5072/hidden"]).as_bytes());
    std::os::unix::fs::symlink(dir.join("extra.jsonl"), dir.join("link.jsonl")).unwrap();

    let inputs = walk(&dir);
    let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    let tail: Vec<&str> = names.iter().map(|n| n.strip_prefix(dir.to_str().unwrap()).unwrap()).collect();
    assert_eq!(tail, ["/2024/part-0001.jsonl.gz", "/2024/part-0002.jsonl.gz", "/extra.jsonl"]);

    let records: Vec<_> = stream(inputs, None).collect();
    let dois: Vec<&str> = records.iter().filter_map(|r| r.resource.doi.as_deref()).collect();
    assert_eq!(dois, ["10.5072/a", "10.5072/b", "10.5072/c", "10.5072/d", "10.5072/e"]);
    assert!(records.iter().all(|r| !r.has_errors()));
    let numbers: Vec<(usize, Option<u64>, Option<u32>)> =
        records.iter().map(|r| (r.origin.index, r.origin.position, r.origin.line)).collect();
    assert_eq!(
        numbers,
        [
            (0, Some(1), Some(1)),
            (1, Some(2), Some(2)),
            (0, Some(3), Some(1)),
            (1, Some(4), Some(2)),
            (0, Some(5), Some(1))
        ]
    );
    assert!(records[2].origin.input.as_deref().unwrap().ends_with("part-0002.jsonl.gz"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_input_is_accounted_for() {
    let dir = scratch("failing");
    let inputs = vec![
        Input::path(dir.join("missing.json")),
        Input::bytes("words", b"neither XML nor JSON nor RIS".to_vec()),
        Input::bytes("gz", gzip(b"TY  - JOUR\nTI  - One\nER  - \n\nTY  - JOUR\nTI  - Two\nER  - \n")),
    ];
    let records: Vec<_> = stream(inputs, None).collect();
    assert_eq!(records.len(), 4);
    assert_eq!(records[0].diagnostics[0].code, INPUT_UNREADABLE);
    assert_eq!(records[1].diagnostics[0].code, INPUT_FORMAT);
    assert_eq!(records[3].resource.titles[0].title, "Two");
    assert_eq!(records.iter().map(|r| r.origin.position.unwrap()).collect::<Vec<_>>(), [1, 2, 3, 4]);
    // A named format is not detected.
    let named: Vec<_> =
        stream(vec![Input::bytes("x", b"{\"doi\": \"10.5072/x\"}".to_vec())], Some(Format::Citeproc)).collect();
    assert_eq!(named.len(), 1);
    assert!(named[0].resource.doi.is_none(), "read as CSL-JSON, which has no doi key: {:?}", named[0].resource);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_is_one_input_whatever_its_name() {
    let dir = scratch("file");
    write(&dir.join("export.dat"), b"TY  - JOUR\nTI  - One\nER  - \n");
    let inputs = walk(&dir.join("export.dat"));
    assert_eq!(inputs.len(), 1);
    let records: Vec<_> = stream(inputs, None).collect();
    assert_eq!(records[0].resource.titles[0].title, "One");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn catalog_files_by_extension() {
    for (name, taken) in [
        ("a.jsonl.gz", true),
        ("a.JSON.GZ", true),
        ("a.ris", true),
        ("a.gz", false),
        ("a.tar.gz", false),
        ("a.csv", false),
        ("jsonl", false),
    ] {
        assert_eq!(is_catalog_file(Path::new(name)), taken, "{name}");
    }
}
