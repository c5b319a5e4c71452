//! Hostile XML against every XML reader (DataCite XML, Crossref XML, the DataCite XML embedded in a
//! JSON payload, and format detection with the facade) and against schema validation.
//!
//! Each case runs in a child thread with a worker's stack, with what it allocates counted (the
//! binary's global allocator is [`CountingAllocator`], and libxml2 allocates through it), and
//! must end with a clear diagnostic: external entities to local files and to the network
//! (nothing read, nothing fetched), billion laughs and quadratic blow-up, 100,000-deep nesting, a
//! 12 MiB (and, in release builds from `cargo xtask hostile`, a 100 MB: over the readers' caps,
//! so refused) attribute and text node, a
//! DTD, invalid UTF-8, UTF-16 with a BOM, a BOM plus white space before the declaration, mixed
//! namespaces. Costs are bounded by counts, never by time: the most bytes held at once and the
//! bytes allocated in all are at most a multiple of the input's size plus a constant.
//!
//! "Nothing read" is checked three ways: the secret of a local file appears nowhere in the
//! output, a FIFO named as an entity's system identifier is never opened (opening it would block
//! the reader forever: the CI job's timeout), and a loopback listener named as a URL sees no
//! connection.

use std::io::ErrorKind;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Once;

use base64::Engine as _;
use crosswalk::{Diagnostic, Format, Record};
use crosswalk_robustness::{allocations, describe, on_worker_stack, Allocations, CountingAllocator};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Makes libxml2 allocate through the Rust global allocator, so that the validator's memory is
/// counted like the readers'; each test reaches libxml2 through [`consume`] first, which calls
/// this.
#[allow(unsafe_code)]
fn libxml2_allocates_through_rust() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let allocator = crosswalk_validate::Libxml2Allocator {
            malloc: crosswalk_robustness::c_malloc,
            realloc: crosswalk_robustness::c_realloc,
            free: crosswalk_robustness::c_free,
        };
        // SAFETY: nothing in this binary has used libxml2 yet (each test first reaches it through
        // `consume`, after this `Once`); the three functions are a matching, thread-safe family.
        let installed = unsafe { crosswalk_validate::use_libxml2_allocator(allocator) };
        assert!(installed, "libxml2 was used before its allocator could be set");
    });
}

/// The most a hostile document of `input` bytes may make a consumer hold at once, and allocate in
/// all: `factor` times the input, plus a constant for the validator's compiled schema and the
/// readers' tables; four times that in all.
#[track_caller]
fn assert_cost(label: &str, out: &Output, input: usize, factor: u64) {
    const CONSTANT: u64 = 4 * 1024 * 1024;
    let limit = factor * input as u64 + CONSTANT;
    let cost = out.cost;
    eprintln!(
        "{label} / {:?}: input {input}, peak {} ({:.2}x), bytes {} ({:.2}x), allocations {}",
        out.consumer,
        cost.peak,
        cost.peak as f64 / input as f64,
        cost.bytes,
        cost.bytes as f64 / input as f64,
        cost.count
    );
    assert!(
        cost.peak <= limit && cost.bytes <= 4 * limit,
        "{label} / {:?}: held {} bytes at most (limit {limit}) and allocated {} bytes in all (limit {}) \
         for {input} bytes of input",
        out.consumer,
        cost.peak,
        cost.bytes,
        4 * limit
    );
}

const SECRET: &str = "CROSSWALK-ROBUSTNESS-SECRET-4d1f";
const KERNEL_4: &str = "http://datacite.org/schema/kernel-4";

// ----- what is read, and what it said -----

/// The XML consumers under test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Consumer {
    /// `crosswalk_datacite::xml::read`.
    DataciteXml,
    /// `crosswalk_crossref::read` (the same hostile constructs, in a Crossref deposit).
    CrossrefXml,
    /// The DataCite XML as the base64 `xml` attribute of a JSON:API payload.
    EmbeddedInPayload,
    /// `crosswalk::detect` then `crosswalk::read` with what it detected.
    Detected,
    /// `crosswalk_validate::validate`.
    Validator,
}

const CONSUMERS: &[Consumer] = &[
    Consumer::DataciteXml,
    Consumer::CrossrefXml,
    Consumer::EmbeddedInPayload,
    Consumer::Detected,
    Consumer::Validator,
];

/// What a consumer produced, flattened for checks.
struct Output {
    consumer: Consumer,
    diagnostics: Vec<Diagnostic>,
    /// Everything the records hold, as text (REST JSON of each resource), to look for secrets.
    text: String,
    records: Vec<Record>,
    /// What the consumer allocated.
    cost: Allocations,
}

impl Output {
    fn codes(&self) -> Vec<&str> {
        self.diagnostics.iter().map(|d| d.code.as_ref()).collect()
    }

    fn has(&self, code: &str) -> bool {
        self.diagnostics.iter().any(|d| d.code == code)
    }

    #[track_caller]
    fn expect_any(&self, label: &str, codes: &[&str]) {
        assert!(
            codes.iter().any(|c| self.has(c)),
            "{label} / {:?}: expected one of {codes:?}, got:\n{}",
            self.consumer,
            self.describe()
        );
    }

    fn describe(&self) -> String {
        if self.records.is_empty() {
            self.diagnostics.iter().map(|d| format!("  {d}\n")).collect()
        } else {
            describe(&self.records)
        }
    }

    /// The first title read, if any.
    fn title(&self) -> Option<&str> {
        self.records.first()?.resource.titles.first().map(|t| t.title.as_str())
    }
}

/// A hostile document in both vocabularies: `datacite` is a DataCite resource, `crossref` a
/// Crossref deposit with the same construct in the same place.
struct Case {
    label: &'static str,
    datacite: Vec<u8>,
    crossref: Vec<u8>,
}

/// Runs `consumer` on `bytes` in a child thread with a worker's stack, counting what it
/// allocates.
fn consume(label: &str, consumer: Consumer, bytes: &[u8]) -> Output {
    libxml2_allocates_through_rust();
    let label = format!("{label} / {consumer:?}");
    on_worker_stack(&label, move || {
        // The records, or the validator's findings.
        let (read, cost) = allocations(|| match consumer {
            Consumer::DataciteXml => Ok(vec![crosswalk_datacite::xml::read(bytes)]),
            Consumer::CrossrefXml => Ok(crosswalk_crossref::read(bytes)),
            Consumer::EmbeddedInPayload => {
                let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
                let payload = format!(r#"{{"data": {{"type": "dois", "attributes": {{"xml": "{encoded}"}}}}}}"#);
                Ok(crosswalk::read(payload.as_bytes(), Format::Payload).unwrap_or_default())
            }
            Consumer::Detected => Ok(match crosswalk::detect(bytes) {
                Ok(detection) => crosswalk::read(bytes, detection.format).unwrap_or_default(),
                Err(e) => vec![Record::failed(Diagnostic::error("test.undetected", e.to_string()))],
            }),
            Consumer::Validator => Err(crosswalk_validate::validate(bytes)),
        });
        // Flattening the diagnostics and writing the records' JSON (to look for secrets) are the
        // test's work, not the consumer's: outside the count.
        let (records, diagnostics) = match read {
            Ok(records) => {
                let diagnostics = records.iter().flat_map(|r| r.diagnostics.clone()).collect();
                (records, diagnostics)
            }
            Err(findings) => (Vec::new(), findings),
        };
        let text = records.iter().map(|r| crosswalk_datacite::json::write(&r.resource).to_string()).collect();
        Output { consumer, diagnostics, text, records, cost }
    })
}

/// Runs every consumer of a case on its document; checks the general contract (an answer, at
/// least one diagnostic, documented codes, no secret anywhere).
fn run_case(case: &Case) -> Vec<Output> {
    let documented: Vec<&str> = crosswalk::codes().into_iter().map(|c| c.code).collect();
    let mut outputs = Vec::new();
    for &consumer in CONSUMERS {
        let output = consume(case.label, consumer, case.input(consumer));
        for d in &output.diagnostics {
            assert!(!d.message.contains(SECRET), "{} / {consumer:?}: the secret leaked into {d}", case.label);
            if d.code != "test.undetected" {
                assert!(documented.contains(&d.code.as_ref()), "{} / {consumer:?}: undocumented {d}", case.label);
            }
        }
        assert!(!output.text.contains(SECRET), "{} / {consumer:?}: the secret leaked into the record", case.label);
        outputs.push(output);
    }
    outputs
}

fn output(outputs: &[Output], consumer: Consumer) -> &Output {
    outputs.iter().find(|o| o.consumer == consumer).unwrap_or_else(|| panic!("no output of {consumer:?}"))
}

// ----- documents -----

/// A DataCite resource with `prolog` before the root and `title` as the title's content.
fn datacite(prolog: &str, title: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{prolog}\n<resource xmlns=\"{KERNEL_4}\">\n  \
         <identifier identifierType=\"DOI\">10.5072/hostile</identifier>\n  \
         <creators><creator><creatorName>Mallory</creatorName></creator></creators>\n  \
         <titles><title>{title}</title></titles>\n  <publisher>P</publisher>\n  \
         <publicationYear>2024</publicationYear>\n  <resourceType resourceTypeGeneral=\"Text\"/>\n</resource>\n"
    )
    .into_bytes()
}

/// A Crossref deposit with `prolog` before the root and `title` as the work's title content.
fn crossref(prolog: &str, title: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{prolog}\n\
         <doi_batch xmlns=\"http://www.crossref.org/schema/5.4.0\" version=\"5.4.0\">\n  \
         <head><doi_batch_id>h</doi_batch_id><timestamp>1</timestamp><depositor><depositor_name>D</depositor_name>\
         <email_address>d@example.org</email_address></depositor><registrant>R</registrant></head>\n  <body>\n    \
         <posted_content type=\"preprint\"><titles><title>{title}</title></titles>\
         <posted_date><year>2020</year></posted_date><doi_data><doi>10.5555/hostile</doi>\
         <resource>https://example.org/h</resource></doi_data></posted_content>\n  </body>\n</doi_batch>\n"
    )
    .into_bytes()
}

impl Case {
    /// The document `consumer` reads.
    fn input(&self, consumer: Consumer) -> &[u8] {
        if consumer == Consumer::CrossrefXml {
            &self.crossref
        } else {
            &self.datacite
        }
    }
}

fn both(label: &'static str, prolog: &str, title: &str) -> Case {
    Case { label, datacite: datacite(prolog, title), crossref: crossref(prolog, title) }
}

/// A file holding [`SECRET`], and a FIFO that blocks whoever opens it for reading; both removed
/// on drop.
struct LocalFiles {
    dir: PathBuf,
    secret: PathBuf,
    fifo: Option<PathBuf>,
}

impl LocalFiles {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("crosswalk-hostile-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let secret = dir.join("secret.txt");
        std::fs::write(&secret, SECRET).unwrap();
        let fifo = dir.join("fifo");
        let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
        if !made {
            crosswalk_testkit::skipped("the FIFO check (mkfifo is not available)");
        }
        LocalFiles { dir, secret, fifo: made.then_some(fifo) }
    }

    fn secret_url(&self) -> String {
        format!("file://{}", self.secret.display())
    }

    fn fifo_url(&self) -> Option<String> {
        self.fifo.as_ref().map(|f| format!("file://{}", f.display()))
    }
}

impl Drop for LocalFiles {
    fn drop(&mut self) {
        // A reader stuck opening the FIFO is released by a writer (the test has failed by then).
        if let Some(fifo) = &self.fifo {
            let _ = std::fs::OpenOptions::new().write(true).custom_flags_nonblocking().open(fifo);
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Opening a FIFO for writing without blocking (O_NONBLOCK), to release a blocked reader.
trait NonBlocking {
    fn custom_flags_nonblocking(&mut self) -> &mut Self;
}

impl NonBlocking for std::fs::OpenOptions {
    fn custom_flags_nonblocking(&mut self) -> &mut Self {
        use std::os::unix::fs::OpenOptionsExt;
        const O_NONBLOCK: i32 = 0o4000;
        self.custom_flags(O_NONBLOCK)
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
    /// code under test, which has returned, is already there for a non-blocking `accept`.
    #[track_caller]
    fn assert_untouched(&self, label: &str) {
        match self.0.accept() {
            Err(e) if e.kind() == ErrorKind::WouldBlock => {}
            Ok((_, peer)) => panic!("{label}: something connected to the network trap (from {peer})"),
            Err(e) => panic!("{label}: listener error: {e}"),
        }
    }
}

const REFUSED: &[&str] = &["xml.dtd-refused"];
const VALIDATOR_DTD: &[&str] = &["xsd.doctype", "xsd.entity-reference", "xsd.external-refused", "xsd.not-well-formed"];

/// DTD cases: every reader refuses the document, the validator says why it is not valid.
#[track_caller]
fn assert_dtd_refused(case: &Case, outputs: &[Output]) {
    for consumer in [Consumer::DataciteXml, Consumer::CrossrefXml, Consumer::EmbeddedInPayload, Consumer::Detected] {
        let out = output(outputs, consumer);
        out.expect_any(case.label, REFUSED);
        assert!(out.title().is_none(), "{} / {consumer:?}: a title was read: {:?}", case.label, out.title());
    }
    output(outputs, Consumer::Validator).expect_any(case.label, VALIDATOR_DTD);
}

// ----- the cases -----

#[test]
fn external_entities_to_local_files_are_not_read() {
    let files = LocalFiles::new("xxe");
    let mut targets = vec![files.secret_url(), files.secret.display().to_string()];
    targets.extend(files.fifo_url());
    for target in targets {
        for prolog in [
            format!("<!DOCTYPE resource [<!ENTITY xxe SYSTEM \"{target}\">]>"),
            format!("<!DOCTYPE resource [<!ENTITY % p SYSTEM \"{target}\"> %p;]>"),
            format!("<!DOCTYPE resource SYSTEM \"{target}\">"),
            format!("<!DOCTYPE resource PUBLIC \"-//X//Y//EN\" \"{target}\">"),
        ] {
            let case = both("external entity to a local file", &prolog, "&xxe;");
            let outputs = run_case(&case);
            assert_dtd_refused(&case, &outputs);
        }
    }
}

#[test]
fn external_entities_xinclude_and_schema_locations_to_the_network_are_not_fetched() {
    let trap = Trap::new();
    let entity = trap.url("entity");
    let dtd = trap.url("dtd");
    for prolog in [
        format!("<!DOCTYPE resource [<!ENTITY xxe SYSTEM \"{entity}\">]>"),
        format!("<!DOCTYPE resource [<!ENTITY % p SYSTEM \"{entity}\"> %p;]>"),
        format!("<!DOCTYPE resource SYSTEM \"{dtd}\">"),
    ] {
        let case = both("external entity to a URL", &prolog, "&xxe;");
        let outputs = run_case(&case);
        assert_dtd_refused(&case, &outputs);
        trap.assert_untouched(case.label);
    }
    // No DTD at all: an XInclude, a stylesheet instruction and schema locations name the network.
    let xinclude = format!("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"{}\"/>", trap.url("xi"));
    let stylesheet = format!("<?xml-stylesheet type=\"text/xsl\" href=\"{}\"?>", trap.url("xsl"));
    let schema_location = format!(
        "<resource xmlns=\"{KERNEL_4}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"{KERNEL_4} {}\"><titles><title>T</title></titles></resource>",
        trap.url("xsd")
    );
    let no_namespace_location = format!(
        "<resource xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:noNamespaceSchemaLocation=\"{}\"><titles><title>T</title></titles></resource>",
        trap.url("nn-xsd")
    );
    let cases = [
        Case {
            label: "XInclude to a URL",
            datacite: datacite("", &format!("T{xinclude}")),
            crossref: crossref("", &format!("T{xinclude}")),
        },
        both("stylesheet instruction to a URL", &stylesheet, "T"),
        Case {
            label: "schemaLocation to a URL",
            datacite: schema_location.clone().into_bytes(),
            crossref: crossref("", "T"),
        },
        Case {
            label: "noNamespaceSchemaLocation to a URL",
            datacite: no_namespace_location.into_bytes(),
            crossref: crossref("", "T"),
        },
    ];
    for case in &cases {
        let outputs = run_case(case);
        trap.assert_untouched(case.label);
        let read = output(&outputs, Consumer::DataciteXml);
        assert!(read.title().is_some_and(|t| t.starts_with('T')), "{}: {}", case.label, read.describe());
    }
    // The XInclude element is reported where it stands, not followed.
    let outputs = run_case(&cases[0]);
    output(&outputs, Consumer::DataciteXml).expect_any(cases[0].label, &["xml.unknown-element"]);
    output(&outputs, Consumer::Validator).expect_any(cases[0].label, &["xsd.invalid", "xsd.unexpected-element"]);
}

/// Entity expansion bombs: a DTD is refused before any entity is declared, so they cost what
/// reading a document of their size costs (expanded, they would take gigabytes).
#[test]
fn billion_laughs_and_quadratic_blowup_are_refused_in_little_memory() {
    let mut laughs = String::from("<!DOCTYPE resource [\n<!ENTITY lol \"lol\">\n");
    for level in 1..=9 {
        let previous = if level == 1 { "lol".to_owned() } else { format!("lol{}", level - 1) };
        laughs.push_str(&format!("<!ENTITY lol{level} \"{}\">\n", format!("&{previous};").repeat(10)));
    }
    laughs.push_str("]>");
    let big = "x".repeat(50_000);
    let quadratic_prolog = format!("<!DOCTYPE resource [<!ENTITY big \"{big}\">]>");
    let quadratic_title = "&big;".repeat(50_000);
    let cases =
        [both("billion laughs", &laughs, "&lol9;"), both("quadratic blow-up", &quadratic_prolog, &quadratic_title)];
    for case in &cases {
        let outputs = run_case(case);
        assert_dtd_refused(case, &outputs);
        for out in &outputs {
            // libxml2 keeps each of the 50,000 references as a node (30 times the input).
            assert_cost(case.label, out, case.input(out.consumer).len(), 32);
        }
    }
}

#[test]
fn a_plain_dtd_is_refused_with_its_position() {
    let case = both("internal DTD", "<!DOCTYPE resource [\n  <!ELEMENT resource ANY>\n]>", "T");
    let outputs = run_case(&case);
    assert_dtd_refused(&case, &outputs);
    let refusal =
        output(&outputs, Consumer::DataciteXml).diagnostics.iter().find(|d| d.code == "xml.dtd-refused").cloned();
    assert_eq!(refusal.map(|d| (d.location.line, d.location.column)), Some((Some(2), Some(1))));
}

/// 100,000 nested elements: where the readers do not descend, and inside the text constructs
/// they do descend into (titles with markup, descriptions, JATS abstracts).
#[test]
fn deep_nesting_ends_without_exhausting_the_stack() {
    const DEPTH: usize = 100_000;
    let nested =
        |name: &str| format!("{}deep{}", format!("<{name}>").repeat(DEPTH), format!("</{name}>").repeat(DEPTH));
    let in_resource = format!("<resource xmlns=\"{KERNEL_4}\">{}</resource>", nested("a"));
    let in_description = format!(
        "<resource xmlns=\"{KERNEL_4}\"><descriptions><description descriptionType=\"Abstract\">{}</description>\
         </descriptions></resource>",
        nested("br")
    );
    let in_jats = crossref("", &format!("T</title></titles><jats:abstract xmlns:jats=\"http://www.ncbi.nlm.nih.gov/JATS1\">{}</jats:abstract><titles><title>U", nested("jats:p")));
    let cases = [
        Case {
            label: "100,000 nested unknown elements",
            datacite: in_resource.into_bytes(),
            crossref: crossref("", &nested("i")),
        },
        Case { label: "100,000 nested elements in a title", datacite: datacite("", &nested("i")), crossref: in_jats },
        Case {
            label: "100,000 nested elements in a description",
            datacite: in_description.into_bytes(),
            crossref: crossref("", &nested("b")),
        },
    ];
    for case in &cases {
        let outputs = run_case(case);
        for out in &outputs {
            assert!(!out.diagnostics.is_empty(), "{} / {:?}: no diagnostic", case.label, out.consumer);
            // A tree of 100,000 elements: tens of bytes per node for the 7 bytes of each tag pair.
            assert_cost(case.label, out, case.input(out.consumer).len(), 64);
        }
        output(&outputs, Consumer::Validator).expect_any(case.label, &["xsd.not-well-formed"]);
    }
}

/// A text node and an attribute value of 12 MiB: past libxml2's 10 MB limit on attribute values,
/// small enough for a debug build. The 100 MB case is [`hundred_megabyte_text_and_attribute_values_are_bounded`].
#[test]
fn twelve_megabyte_text_and_attribute_values_are_bounded() {
    huge_text_and_attribute_values_are_bounded("12 MiB", 12 * 1024 * 1024);
}

/// The same with 100 MB, over the readers' caps (refused with the cap's error, holding little):
/// too slow for a debug build, run in release by `cargo xtask hostile`.
#[test]
#[ignore = "100 MB inputs: run in a release build by `cargo xtask hostile`"]
fn hundred_megabyte_text_and_attribute_values_are_bounded() {
    huge_text_and_attribute_values_are_bounded("100 MB", 100 * 1024 * 1024);
}

/// A text node and an attribute value of `size` bytes: read (or refused, past a reader's cap on
/// one document or work), holding at most a small multiple of the input, with messages that
/// quote them shortened.
fn huge_text_and_attribute_values_are_bounded(name: &str, size: usize) {
    let huge = "a".repeat(size);
    let text_label = format!("{name} text node");
    let attribute_label = format!("{name} attribute");
    let text_case = (&text_label, datacite("", &huge), crossref("", &huge));
    let attribute_case = (
        &attribute_label,
        format!(
            "<resource xmlns=\"{KERNEL_4}\"><titles><title xml:lang=\"{huge}\" bogus=\"{huge}\">T</title></titles></resource>"
        )
        .into_bytes(),
        crossref("", &format!("T</title><title language=\"{huge}\">U")),
    );
    drop(huge);
    let documented: Vec<&str> = crosswalk::codes().into_iter().map(|c| c.code).collect();
    for (label, datacite, crossref) in [text_case, attribute_case] {
        let is_text = *label == text_label;
        // The payload consumer would base64 the whole document; the other four are enough here.
        for consumer in [Consumer::DataciteXml, Consumer::CrossrefXml, Consumer::Detected, Consumer::Validator] {
            let bytes = if consumer == Consumer::CrossrefXml { &crossref } else { &datacite };
            let out = consume(label, consumer, bytes);
            for d in &out.diagnostics {
                assert!(documented.contains(&d.code.as_ref()), "{label} / {consumer:?}: undocumented {d}");
                assert!(d.message.len() < 10_000, "{label} / {consumer:?}: a message of {} bytes", d.message.len());
            }
            // A reader may copy the value a few times; the input itself is the test's.
            assert_cost(label, &out, bytes.len(), 6);
            // A document over a reader's cap (64 MiB for DataCite XML, 16 MiB for a Crossref
            // work) is refused with the cap's error, not read.
            let cap = match consumer {
                Consumer::CrossrefXml => crosswalk_crossref::MAX_WORK_BYTES,
                _ => crosswalk_datacite::xml::read::MAX_DOCUMENT_BYTES,
            };
            if consumer != Consumer::Validator && bytes.len() > cap {
                out.expect_any(label, &["xml.too-large", "crossref.too-large"]);
                assert!(out.title().is_none(), "{label} / {consumer:?}: read past the cap");
                continue;
            }
            match consumer {
                // Size alone changes no verdict: the title is valid however long (libxml2's
                // 10 MB text-node limit does not apply to a tree built by xmlReadMemory's SAX2
                // handler for one long run of characters; memory is what bounds it).
                Consumer::Validator if is_text => {
                    assert!(out.diagnostics.is_empty(), "{label}: {:#?}", out.diagnostics);
                }
                // libxml2 refuses attribute values over 10 MB ("AttValue length too long").
                Consumer::Validator => out.expect_any(label, &["xsd.not-well-formed"]),
                _ if is_text => {
                    assert_eq!(out.title().map(str::len), Some(size), "{label} / {consumer:?}:\n{}", out.describe());
                }
                _ => out.expect_any(label, &["xml.unknown-attribute", "vocab.unknown", "value.invalid"]),
            }
        }
    }
}

#[test]
fn invalid_utf8_is_decoded_with_a_located_warning() {
    let mut datacite_bytes = datacite("", "Caf\u{e9} BAD");
    let mut crossref_bytes = crossref("", "Caf\u{e9} BAD");
    for bytes in [&mut datacite_bytes, &mut crossref_bytes] {
        let at = bytes.windows(3).position(|w| w == b"BAD").unwrap();
        bytes.splice(at..at + 3, [0xFF, 0xFE, 0x80]);
    }
    let case = Case { label: "invalid UTF-8", datacite: datacite_bytes, crossref: crossref_bytes };
    let outputs = run_case(&case);
    for consumer in [Consumer::DataciteXml, Consumer::CrossrefXml, Consumer::EmbeddedInPayload, Consumer::Detected] {
        let out = output(&outputs, consumer);
        // UTF-8 (`é`) with stray bytes: the UTF-8 is kept and the stray bytes are reported.
        out.expect_any(case.label, &["input.invalid-bytes"]);
        let warning = out.diagnostics.iter().find(|d| d.code == "input.invalid-bytes");
        assert!(
            warning.is_some_and(|d| d.location.line.is_some()),
            "{case:?}: the warning has no line",
            case = case.label
        );
    }
    output(&outputs, Consumer::Validator).expect_any(case.label, &["xsd.not-well-formed"]);
}

fn utf16(text: &[u8], little_endian: bool) -> Vec<u8> {
    let text = String::from_utf8_lossy(text).replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    let bom: [u8; 2] = if little_endian { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
    bom.into_iter()
        .chain(text.encode_utf16().flat_map(move |u| if little_endian { u.to_le_bytes() } else { u.to_be_bytes() }))
        .collect()
}

#[test]
fn utf16_with_a_bom_reads_like_utf8() {
    for little_endian in [true, false] {
        let case = Case {
            label: if little_endian { "UTF-16LE with BOM" } else { "UTF-16BE with BOM" },
            datacite: utf16(&datacite("", "Caf\u{e9} \u{1F600}"), little_endian),
            crossref: utf16(&crossref("", "Caf\u{e9} \u{1F600}"), little_endian),
        };
        let outputs = run_case(&case);
        for consumer in [Consumer::DataciteXml, Consumer::CrossrefXml, Consumer::EmbeddedInPayload, Consumer::Detected]
        {
            let out = output(&outputs, consumer);
            assert_eq!(out.title(), Some("Caf\u{e9} \u{1F600}"), "{} / {consumer:?}:\n{}", case.label, out.describe());
            out.expect_any(case.label, &["input.utf16"]);
            assert!(
                !out.diagnostics.iter().any(Diagnostic::is_error),
                "{} / {consumer:?}:\n{}",
                case.label,
                out.describe()
            );
        }
        let verdict = &output(&outputs, Consumer::Validator).diagnostics;
        assert_eq!(*verdict, crosswalk_validate::validate(&datacite("", "Caf\u{e9} \u{1F600}")), "{}", case.label);
    }
}

#[test]
fn a_bom_and_white_space_before_the_declaration_are_reported_and_read_past() {
    let mut datacite_bytes = b"\xEF\xBB\xBF \n\t".to_vec();
    datacite_bytes.extend(datacite("", "After white space"));
    let mut crossref_bytes = b"\xEF\xBB\xBF \n\t".to_vec();
    crossref_bytes.extend(crossref("", "After white space"));
    let case = Case {
        label: "BOM and white space before the declaration",
        datacite: datacite_bytes,
        crossref: crossref_bytes,
    };
    let outputs = run_case(&case);
    let read = output(&outputs, Consumer::DataciteXml);
    assert_eq!(read.title(), Some("After white space"), "{}", read.describe());
    read.expect_any(case.label, &["xml.leading-whitespace"]);
    let crossref_read = output(&outputs, Consumer::CrossrefXml);
    assert!(
        crossref_read.title() == Some("After white space")
            || crossref_read.diagnostics.iter().any(Diagnostic::is_error),
        "Crossref neither read it nor said why:\n{}",
        crossref_read.describe()
    );
    output(&outputs, Consumer::Detected).expect_any(case.label, &["xml.leading-whitespace"]);
    output(&outputs, Consumer::Validator).expect_any(case.label, &["xsd.not-well-formed"]);
}

#[test]
fn mixed_namespaces_are_reported_element_by_element() {
    let datacite_doc = format!(
        "<d:resource xmlns:d=\"{KERNEL_4}\" xmlns=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:k3=\"http://datacite.org/schema/kernel-3\">\n  \
         <d:titles><d:title>Kept</d:title><title>Dublin Core title</title><k3:title>Kernel 3 title</k3:title></d:titles>\n  \
         <d:creators><d:creator xmlns:d=\"http://example.org/rebound\"><d:creatorName>Rebound prefix</d:creatorName>\
         </d:creator></d:creators>\n</d:resource>\n"
    );
    let crossref_doc = crossref(
        "",
        "Kept</title><dc:title xmlns:dc=\"http://purl.org/dc/elements/1.1/\">Dublin Core</dc:title><title xmlns=\"http://example.org/other\">Other",
    );
    let case = Case { label: "mixed namespaces", datacite: datacite_doc.into_bytes(), crossref: crossref_doc };
    let outputs = run_case(&case);
    let read = output(&outputs, Consumer::DataciteXml);
    assert_eq!(read.title(), Some("Kept"), "{}", read.describe());
    let unknown: Vec<&Diagnostic> = read.diagnostics.iter().filter(|d| d.code == "xml.unknown-element").collect();
    assert!(unknown.len() >= 3, "foreign elements not each reported:\n{}", read.describe());
    assert!(unknown.iter().all(|d| d.location.line.is_some() && d.location.path.is_some()), "{unknown:#?}");
    let crossref_read = output(&outputs, Consumer::CrossrefXml);
    assert!(crossref_read.has("xml.unknown-element"), "{:?}\n{}", crossref_read.codes(), crossref_read.describe());
    output(&outputs, Consumer::Validator).expect_any(case.label, &["xsd.unexpected-element", "xsd.invalid"]);
}
