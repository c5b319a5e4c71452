//! The differential test of the DataCite JSON reader's plain path against its careful reader.
//!
//! `crosswalk_datacite::json::read` reads a plain JSON:API resource object straight from its text
//! (the plain path) and everything else with the careful reader, which parses a `Value` tree,
//! tidies it and reads it attribute by attribute. That is only sound if the plain path gives what
//! the careful reader gives, always: the same resource, the same diagnostics with the same codes,
//! messages, pointers, lines and columns, the same origin. This test reads inputs both ways
//! (`read_carefully` is the careful reader alone) and fails on any difference:
//!
//! - every record of every fixture (the project's `testdata/`, and `../shared`'s fixtures in
//!   every format, when present), written as DataCite JSON attributes and wrapped the way the
//!   REST API and its public data file serve them (a resource object with server attributes and
//!   `relationships`), as it is, and under mutations: each at a node of the tree picked by a
//!   seeded generator (white space around a string, an empty, `null` or odd value, an entry
//!   added or taken away, an unknown key, a list for an object and an object for a list, line
//!   break spellings), or in the text (a key given twice, older key spellings, a request's
//!   `event`, a number beyond `f64`, a lone surrogate escape, another `type`, another `id`);
//! - the same records as JSON Lines, several to an input;
//! - the attributes objects on their own (what Crosswalk writes as DataCite JSON), as they are,
//!   mutated, and as JSON Lines.
//!
//! The counts printed show how often the plain path applies.

use std::path::Path;

use crosswalk::Resource;
use crosswalk_datacite::json::read::{read_carefully, reads_plainly};
use serde_json::{json, Value};

/// A small deterministic generator (xorshift64*): the same mutations on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[derive(Default, Debug)]
struct Tally {
    inputs: usize,
    plain: usize,
    differences: Vec<String>,
}

impl Tally {
    /// Reads `text` both ways; a difference is recorded with the input.
    fn compare(&mut self, label: &str, text: &str) {
        self.inputs += 1;
        self.plain += usize::from(reads_plainly(text));
        let fast = crosswalk_datacite::json::read(text.as_bytes());
        let careful = read_carefully(text.as_bytes());
        if fast != careful {
            let detail = match (fast.first(), careful.first()) {
                (Some(f), Some(c)) if f.resource != c.resource => {
                    format!("resource:\n  plain:   {:?}\n  careful: {:?}", f.resource, c.resource)
                }
                (Some(f), Some(c)) if f.diagnostics != c.diagnostics => {
                    format!("diagnostics:\n  plain:   {:#?}\n  careful: {:#?}", f.diagnostics, c.diagnostics)
                }
                _ => format!("records:\n  plain:   {fast:?}\n  careful: {careful:?}"),
            };
            self.differences.push(format!("{label}: {detail}\ninput: {text}"));
        }
    }

    fn assert_agreement(&self, what: &str) {
        eprintln!("{what}: {} inputs, {} read on the plain path", self.inputs, self.plain);
        if let Some(first) = self.differences.first() {
            panic!("{what}: {} inputs read differently on the plain path; the first:\n{first}", self.differences.len());
        }
    }
}

/// A resource as the REST API serves it: a resource object with the server's attributes.
fn served(resource: &Resource, index: usize) -> Value {
    let mut attributes = crosswalk_datacite::json::write(resource);
    if let Value::Object(map) = &mut attributes {
        map.insert("identifiers".into(), json!([]));
        map.insert("contentUrl".into(), Value::Null);
        map.insert("xml".into(), Value::Null);
        map.insert("state".into(), json!("findable"));
        map.insert("created".into(), json!("2024-01-01T00:00:00.000Z"));
        map.insert("viewCount".into(), json!(index));
        map.insert("container".into(), json!({}));
        map.insert("citationsOverTime".into(), json!([{"year": 2024, "total": 1}]));
    }
    json!({
        "id": resource.doi.clone().unwrap_or_else(|| format!("10.5072/plain.{index}")),
        "type": "dois",
        "attributes": attributes,
        "relationships": {"client": {"data": {"id": "example.archive", "type": "clients"}}},
    })
}

/// The pointers of every node under `/attributes`.
fn nodes(value: &Value, pointer: &mut String, out: &mut Vec<String>) {
    out.push(pointer.clone());
    let base = pointer.len();
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                nodes(member, pointer, out);
                pointer.truncate(base);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                pointer.push('/');
                pointer.push_str(&index.to_string());
                nodes(item, pointer, out);
                pointer.truncate(base);
            }
        }
        _ => {}
    }
}

/// One mutation of the node at `pointer` (the kind picked by `rng`).
fn mutate_node(document: &mut Value, pointer: &str, rng: &mut Rng) -> Option<String> {
    let node = document.pointer_mut(pointer)?;
    let kind = rng.below(8);
    let what = match (node, kind) {
        (Value::String(text), 0) => {
            *text = format!(" {text}");
            "space before"
        }
        (Value::String(text), 1) => {
            text.push('\n');
            "line feed after"
        }
        (Value::String(text), 2) => {
            text.clear();
            "empty"
        }
        (Value::String(text), 3) => {
            text.push_str(["<br>", "<br />", "<br/>", "\u{2028}", " <b>"][rng.below(5)]);
            "markup"
        }
        (node @ Value::String(_), 4) => {
            *node = json!(7);
            "number"
        }
        (Value::Object(map), 0) => {
            map.insert("unknownKey".into(), json!("value"));
            "unknown key"
        }
        (Value::Object(map), 1) => {
            let key = map.keys().nth(rng.below(map.len())).cloned()?;
            map.insert(key, Value::Null);
            "member null"
        }
        (Value::Object(map), 2) => {
            let key = map.keys().nth(rng.below(map.len())).cloned()?;
            map.insert(key, json!([]));
            "member []"
        }
        (Value::Object(map), 3) => {
            let key = map.keys().nth(rng.below(map.len())).cloned()?;
            map.remove(&key);
            "member removed"
        }
        (Value::Object(map), 4) => {
            map.insert("type".into(), json!("Person"));
            map.insert("id".into(), json!("https://orcid.org/0000-0002-1825-0097"));
            "schema.org person"
        }
        (node @ Value::Object(_), 5) => {
            *node = Value::Array(vec![node.take()]);
            "object in a list"
        }
        (node @ Value::Object(_), 6) => {
            let values: Vec<Value> = node.as_object()?.values().cloned().collect();
            *node = Value::Array(values);
            "list for an object"
        }
        (Value::Array(items), 0) => {
            items.insert(rng.below(items.len() + 1), Value::Null);
            "null entry"
        }
        (Value::Array(items), 1) => {
            items.push([json!(""), json!({}), json!([]), json!(" x "), json!({"lang": null})][rng.below(5)].clone());
            "odd entry"
        }
        (node @ Value::Array(_), 2) => {
            let first = node.as_array()?.first().cloned()?;
            *node = first;
            "an entry for the list"
        }
        (Value::Array(items), 3) => {
            items.clear();
            "emptied"
        }
        (node, 7) => {
            *node = [Value::Null, json!({}), json!(true), json!(-1.5)][rng.below(4)].clone();
            "replaced"
        }
        _ => return None,
    };
    Some(format!("{what} at {pointer}"))
}

/// A mutation of the text of a served record.
fn mutate_text(text: &str, rng: &mut Rng) -> (String, &'static str) {
    let attributes = "\"attributes\":{";
    let at = text.find(attributes).map_or(0, |i| i + attributes.len());
    let (head, tail) = text.split_at(at);
    match rng.below(12) {
        0 => (format!("{head}\"titles\":[{{\"title\":\"Twice\"}}],{tail}"), "key given twice"),
        1 => (format!("{head}\"publication-year\":\"2020\",{tail}"), "older spelling"),
        2 => (format!("{head}\"event\":\"publish\",{tail}"), "a request's event"),
        3 => (format!("{head}\"version\":1e400,{tail}"), "number beyond f64"),
        4 => (format!("{head}\"language\":\"e\\ud800n\",{tail}"), "lone surrogate"),
        5 => (text.replacen("\"type\":\"dois\"", "\"type\":\"works\"", 1), "another type"),
        6 => (text.replacen("\"id\":\"", "\"id\":\"https://doi.org/10.9999/other", 1), "another id"),
        7 => (format!("{head}\"id\":\"https://doi.org/10.5072/x\",{tail}"), "id attribute"),
        8 => (format!("  \n{text}\n "), "white space around"),
        9 => (text.replacen("\"types\":{", "\"types\":{\"ris\":\" DATA\",\"bibtex\":5,", 1), "odd derived types"),
        10 => (text.replacen("\"types\":{", "\"types\":{\"resource-type\":\"Set\",", 1), "older types key"),
        _ => (format!("{head}\"rightsList\":{{\"rights\":\"CC0\"}},\"schemaOrg\":\"Dataset\",{tail}"), "shapes"),
    }
}

/// The resources of every file under `dir` whose format is detected.
fn resources_under(dir: &Path) -> Vec<(String, Resource)> {
    let mut out = Vec::new();
    for file in crosswalk_robustness::files_under(dir) {
        let Ok(bytes) = std::fs::read(&file) else { continue };
        let Ok(detection) = crosswalk::detect(&bytes) else { continue };
        let Ok(read) = crosswalk::read(&bytes, detection.format) else { continue };
        for (i, record) in read.into_iter().enumerate() {
            out.push((format!("{} #{i}", file.display()), record.resource));
        }
    }
    out
}

/// Reads every resource served, as JSON Lines, and under mutations, both ways.
fn compare_all(resources: &[(String, Resource)], mutations: usize, tally: &mut Tally) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut lines = Vec::new();
    let mut attribute_lines = Vec::new();
    for (index, (label, resource)) in resources.iter().enumerate() {
        let document = served(resource, index);
        let text = document.to_string();
        tally.compare(label, &text);
        lines.push(text.clone());
        if lines.len() == 4 {
            tally.compare(&format!("{label} (JSON Lines)"), &lines.join("\n"));
            lines.clear();
        }
        let mut pointers = Vec::new();
        if let Some(attributes) = document.get("attributes") {
            nodes(attributes, &mut "/attributes".to_owned(), &mut pointers);
        }
        for _ in 0..mutations {
            let mut mutated = document.clone();
            let pointer = &pointers[rng.below(pointers.len())];
            if let Some(what) = mutate_node(&mut mutated, pointer, &mut rng) {
                tally.compare(&format!("{label}: {what}"), &mutated.to_string());
            }
        }
        let (mutated, what) = mutate_text(&text, &mut rng);
        tally.compare(&format!("{label}: {what}"), &mutated);
        // The attributes object on its own (what Crosswalk writes as DataCite JSON), as it is
        // and mutated.
        if let Some(attributes) = document.get("attributes") {
            let text = attributes.to_string();
            tally.compare(&format!("{label} (attributes)"), &text);
            attribute_lines.push(text);
            if attribute_lines.len() == 4 {
                tally.compare(&format!("{label} (attributes, JSON Lines)"), &attribute_lines.join("\n"));
                attribute_lines.clear();
            }
            for _ in 0..mutations / 4 {
                let mut mutated = attributes.clone();
                let pointer = &pointers[rng.below(pointers.len())];
                let inner = pointer.strip_prefix("/attributes").unwrap_or_default();
                if let Some(what) = mutate_node(&mut mutated, inner, &mut rng) {
                    tally.compare(&format!("{label} (attributes): {what}"), &mutated.to_string());
                }
            }
        }
    }
}

#[test]
fn the_plain_path_agrees_with_the_careful_reader_on_every_fixture() {
    let mut resources = resources_under(&crosswalk_testkit::workspace_root().join("testdata"));
    assert!(resources.len() >= 300, "only {} records in testdata/", resources.len());
    match crosswalk_testkit::shared_dir() {
        Some(shared) => resources.extend(resources_under(&shared.join("reference"))),
        None => crosswalk_testkit::skipped("the plain path on ../shared's fixtures (../shared is absent)"),
    }
    let mut tally = Tally::default();
    compare_all(&resources, 16, &mut tally);
    tally.assert_agreement("fixtures");
    // Served as they are, nearly all records are plain; mutated, many are not.
    assert!(tally.plain * 4 >= tally.inputs, "the plain path read only {} of {} inputs", tally.plain, tally.inputs);
}

#[test]
fn the_plain_path_reads_the_api_records_of_the_fixtures() {
    let path = crosswalk_testkit::workspace_root().join("testdata/datacite-json/api-records.jsonl");
    let text = std::fs::read_to_string(&path).expect("api-records.jsonl");
    let mut tally = Tally::default();
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        tally.compare(&format!("api-records.jsonl line {}", i + 1), line);
    }
    tally.compare("api-records.jsonl", &text);
    tally.assert_agreement("API records");
}
