//! Hostile input: external entities and DTDs pointing at local files and at URLs are neither read
//! nor fetched, entity expansion bombs and deep nesting end in little memory, and each case ends
//! with a diagnostic.
//!
//! "Not fetched" is observed with a listener on a loopback port that the document points to:
//! nothing may connect to it. Memory is counted, not sampled: the binary's global allocator is
//! `crosswalk_robustness::CountingAllocator`, and libxml2 allocates through it.

mod counted;

use std::io::ErrorKind;
use std::net::TcpListener;

use counted::{validate, validate_bounded};
use crosswalk_model::Diagnostic;
use crosswalk_validate::{codes, is_valid};

const SECRET: &str = "CROSSWALK-SECRET-7f3a9c";

/// A file holding [`SECRET`], removed on drop.
struct SecretFile(std::path::PathBuf);

impl SecretFile {
    fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("crosswalk-{name}-{}", std::process::id()));
        std::fs::write(&path, format!("<title>{SECRET}</title>")).unwrap();
        SecretFile(path)
    }

    fn url(&self) -> String {
        format!("file://{}", self.0.display())
    }
}

impl Drop for SecretFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A loopback listener that must see no connection.
struct Trap(TcpListener);

impl Trap {
    fn new() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        Trap(listener)
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.0.local_addr().unwrap().port())
    }

    /// No waiting is needed: a client's `connect` returns only once the kernel has completed the
    /// handshake and queued the connection in the listener's backlog, so a connection made by the
    /// validator, which has returned, is already there for a non-blocking `accept`.
    #[track_caller]
    fn assert_untouched(&self) {
        match self.0.accept() {
            Err(e) if e.kind() == ErrorKind::WouldBlock => {}
            Ok(_) => panic!("the validator connected to the network"),
            Err(e) => panic!("listener error: {e}"),
        }
    }
}

fn record(doctype: &str, title: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
{doctype}
<resource xmlns="http://datacite.org/schema/kernel-4">
  <identifier identifierType="DOI">10.5072/hostile</identifier>
  <creators><creator><creatorName>Mallory</creatorName></creator></creators>
  <titles><title>{title}</title></titles>
  <publisher>P</publisher>
  <publicationYear>2024</publicationYear>
  <resourceType resourceTypeGeneral="Text"/>
</resource>"#
    )
}

#[track_caller]
fn assert_rejected_without_secret(diagnostics: &[Diagnostic]) {
    assert!(!is_valid(diagnostics), "{diagnostics:#?}");
    for d in diagnostics {
        assert!(!d.message.contains(SECRET), "the secret leaked: {d}");
    }
}

#[test]
fn external_entity_to_a_local_file_is_not_read() {
    let secret = SecretFile::new("xxe");
    let xml = record(&format!("<!DOCTYPE resource [<!ENTITY xxe SYSTEM \"{}\">]>", secret.url()), "&xxe;");
    let diagnostics = validate(xml.as_bytes());
    assert_rejected_without_secret(&diagnostics);
    assert!(diagnostics.iter().any(|d| d.code == codes::ENTITY_REFERENCE), "{diagnostics:#?}");
    assert!(diagnostics.iter().any(|d| d.code == codes::DOCTYPE), "{diagnostics:#?}");
}

#[test]
fn external_entity_to_a_url_is_not_fetched() {
    let trap = Trap::new();
    let xml = record(&format!("<!DOCTYPE resource [<!ENTITY xxe SYSTEM \"{}\">]>", trap.url("entity")), "&xxe;");
    let diagnostics = validate(xml.as_bytes());
    assert!(!is_valid(&diagnostics));
    trap.assert_untouched();
}

#[test]
fn external_dtds_and_parameter_entities_are_not_loaded() {
    let trap = Trap::new();
    let secret = SecretFile::new("dtd");
    for doctype in [
        format!("<!DOCTYPE resource SYSTEM \"{}\">", trap.url("x.dtd")),
        format!("<!DOCTYPE resource SYSTEM \"{}\">", secret.url()),
        format!("<!DOCTYPE resource [<!ENTITY % remote SYSTEM \"{}\"> %remote;]>", trap.url("p")),
        format!("<!DOCTYPE resource [<!ENTITY % local SYSTEM \"{}\"> %local;]>", secret.url()),
    ] {
        let diagnostics = validate(record(&doctype, "T").as_bytes());
        for d in &diagnostics {
            assert!(!d.message.contains(SECRET), "{doctype}: the secret leaked: {d}");
        }
        assert!(!diagnostics.is_empty(), "{doctype}: no diagnostic");
    }
    trap.assert_untouched();
}

#[test]
fn entity_expansion_bombs_end_in_little_memory() {
    let mut entities = String::from("<!ENTITY lol0 \"lol\">");
    for level in 1..=10 {
        let previous = format!("&lol{};", level - 1);
        entities.push_str(&format!("<!ENTITY lol{level} \"{}\">", previous.repeat(10)));
    }
    let doctype = format!("<!DOCTYPE resource [{entities}]>");
    for xml in
        [record(&doctype, "&lol10;"), record(&doctype, "T").replacen("<title>", "<title titleType=\"&lol10;\">", 1)]
    {
        // Expanded, the entities would take gigabytes.
        let diagnostics = validate_bounded(xml.as_bytes(), 16);
        assert!(!is_valid(&diagnostics), "{diagnostics:#?}");
    }
}

#[test]
fn deep_nesting_hits_the_depth_limit() {
    let depth = 100_000;
    let xml = format!(
        "<resource xmlns=\"http://datacite.org/schema/kernel-4\">{}{}</resource>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    let diagnostics = validate_bounded(xml.as_bytes(), 16);
    assert_eq!(diagnostics.first().map(|d| d.code.as_ref()), Some(codes::NOT_WELL_FORMED), "{diagnostics:#?}");
    assert!(diagnostics[0].message.to_lowercase().contains("depth"), "{}", diagnostics[0].message);
}

#[test]
fn many_errors_are_capped_and_counted() {
    let titles = "<title titleType=\"Bad\">T</title>".repeat(2000);
    let xml = record("", "T").replacen("<title>T</title>", &titles, 1);
    let diagnostics = validate(xml.as_bytes());
    assert!(diagnostics.len() <= 502, "{}", diagnostics.len());
    assert!(diagnostics.iter().any(|d| d.message.contains("more messages were not kept")), "{:#?}", diagnostics.last());
}
