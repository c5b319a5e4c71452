//! Hostile XML against every XML reader (DataCite XML, Crossref XML, the DataCite XML embedded in a
//! JSON payload, and format detection with the facade) and against schema validation.
//!
//! Each case runs in a child thread with a worker's stack and a deadline, with resident memory
//! sampled where an input could blow it up, and must end with a clear diagnostic: external
//! entities to local files and to the network (nothing read, nothing fetched), billion laughs and
//! quadratic blow-up, 100,000-deep nesting, a 100 MB attribute and text node, a DTD, invalid
//! UTF-8, UTF-16 with a BOM, a BOM plus white space before the declaration, mixed namespaces.
//!
//! "Nothing read" is checked three ways: the secret of a local file appears nowhere in the
//! output, a FIFO named as an entity's system identifier is never opened (opening it would block
//! the reader past its deadline), and a loopback listener named as a URL sees no connection.

use std::io::ErrorKind;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use crosswalk::{Diagnostic, Format, Record};
use crosswalk_robustness::{describe, measure_peak, memory_lock, with_deadline};

/// Time a hostile input may take to read (debug build, shared machine).
const DEADLINE: Duration = Duration::from_secs(30);

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

/// Runs `consumer` on `bytes` in a child thread with the deadline.
fn consume(label: &str, consumer: Consumer, bytes: Arc<Vec<u8>>) -> Output {
    let label = format!("{label} / {consumer:?}");
    with_deadline(&label, DEADLINE, move || {
        let records: Vec<Record> = match consumer {
            Consumer::DataciteXml => vec![crosswalk_datacite::xml::read(&bytes)],
            Consumer::CrossrefXml => crosswalk_crossref::read(&bytes),
            Consumer::EmbeddedInPayload => {
                let encoded = base64::engine::general_purpose::STANDARD.encode(bytes.as_slice());
                let payload = format!(r#"{{"data": {{"type": "dois", "attributes": {{"xml": "{encoded}"}}}}}}"#);
                crosswalk::read(payload.as_bytes(), Format::Payload).unwrap_or_default()
            }
            Consumer::Detected => match crosswalk::detect(&bytes) {
                Ok(detection) => crosswalk::read(&bytes, detection.format).unwrap_or_default(),
                Err(e) => vec![Record::failed(Diagnostic::error("test.undetected", e.to_string()))],
            },
            Consumer::Validator => {
                let diagnostics = crosswalk_validate::validate(&bytes);
                return Output { consumer, text: String::new(), diagnostics, records: Vec::new() };
            }
        };
        let text = records.iter().map(|r| crosswalk_datacite::json::write(&r.resource).to_string()).collect();
        let diagnostics = records.iter().flat_map(|r| r.diagnostics.clone()).collect();
        Output { consumer, diagnostics, text, records }
    })
}

/// Runs every consumer of a case on its document; checks the general contract (an answer within
/// the deadline, at least one diagnostic, documented codes, no secret anywhere).
fn run_case(case: &Case) -> Vec<Output> {
    let documented: Vec<&str> = crosswalk::codes().into_iter().map(|c| c.code).collect();
    let mut outputs = Vec::new();
    for &consumer in CONSUMERS {
        let bytes = if consumer == Consumer::CrossrefXml { &case.crossref } else { &case.datacite };
        let output = consume(case.label, consumer, Arc::new(bytes.clone()));
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

    #[track_caller]
    fn assert_untouched(&self, label: &str) {
        std::thread::sleep(Duration::from_millis(50));
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

/// Entity expansion bombs: a DTD is refused before any entity is declared, so they cost nothing.
#[test]
fn billion_laughs_and_quadratic_blowup_end_quickly_in_little_memory() {
    let _lock = memory_lock();
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
        let (outputs, measured) = measure_peak(|| run_case(case));
        assert_dtd_refused(case, &outputs);
        assert!(measured.growth_mib() < 256, "{}: memory grew by {} MiB", case.label, measured.growth_mib());
        assert!(measured.elapsed < DEADLINE, "{}: took {:?}", case.label, measured.elapsed);
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
    let _lock = memory_lock();
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
        let (outputs, measured) = measure_peak(|| run_case(case));
        for out in &outputs {
            assert!(!out.diagnostics.is_empty(), "{} / {:?}: no diagnostic", case.label, out.consumer);
        }
        output(&outputs, Consumer::Validator).expect_any(case.label, &["xsd.not-well-formed"]);
        assert!(measured.growth_mib() < 512, "{}: memory grew by {} MiB", case.label, measured.growth_mib());
    }
}

/// A 100 MB text node and a 100 MB attribute value: read (or refused) within the deadline, with
/// memory a small multiple of the input, and messages that quote them shortened.
#[test]
fn hundred_megabyte_text_and_attribute_values_are_bounded() {
    let _lock = memory_lock();
    const SIZE: usize = 100 * 1024 * 1024;
    let huge = "a".repeat(SIZE);
    let text_case = Case { label: "100 MB text node", datacite: datacite("", &huge), crossref: crossref("", &huge) };
    let attribute_case = Case {
        label: "100 MB attribute",
        datacite: format!(
            "<resource xmlns=\"{KERNEL_4}\"><titles><title xml:lang=\"{huge}\" bogus=\"{huge}\">T</title></titles></resource>"
        )
        .into_bytes(),
        crossref: crossref("", &format!("T</title><title language=\"{huge}\">U")),
    };
    drop(huge);
    for case in [text_case, attribute_case] {
        let documented: Vec<&str> = crosswalk::codes().into_iter().map(|c| c.code).collect();
        // The payload consumer would base64 a 100 MB document; the other four are enough here.
        for consumer in [Consumer::DataciteXml, Consumer::CrossrefXml, Consumer::Detected, Consumer::Validator] {
            let bytes =
                Arc::new(if consumer == Consumer::CrossrefXml { case.crossref.clone() } else { case.datacite.clone() });
            let (out, measured) = measure_peak(|| consume(case.label, consumer, bytes));
            for d in &out.diagnostics {
                assert!(documented.contains(&d.code.as_ref()), "{} / {consumer:?}: undocumented {d}", case.label);
                assert!(
                    d.message.len() < 10_000,
                    "{} / {consumer:?}: a message of {} bytes",
                    case.label,
                    d.message.len()
                );
            }
            // The input is held once by the test; a reader may copy the value a few times.
            let limit = 6 * SIZE as u64 / (1024 * 1024);
            assert!(
                measured.growth_mib() < limit,
                "{} / {consumer:?}: memory grew by {} MiB (limit {limit} MiB) in {:?}",
                case.label,
                measured.growth_mib(),
                measured.elapsed
            );
            match (consumer, case.label) {
                // Size alone changes no verdict: the title is valid however long (libxml2's
                // 10 MB text-node limit does not apply to a tree built by xmlReadMemory's SAX2
                // handler for one long run of characters; memory is what bounds it).
                (Consumer::Validator, "100 MB text node") => {
                    assert!(out.diagnostics.is_empty(), "{}: {:#?}", case.label, out.diagnostics);
                }
                // libxml2 refuses attribute values over 10 MB ("AttValue length too long").
                (Consumer::Validator, _) => out.expect_any(case.label, &["xsd.not-well-formed"]),
                (_, "100 MB text node") => {
                    assert_eq!(
                        out.title().map(str::len),
                        Some(SIZE),
                        "{} / {consumer:?}:\n{}",
                        case.label,
                        out.describe()
                    );
                }
                _ => out.expect_any(case.label, &["xml.unknown-attribute", "vocab.unknown", "value.invalid"]),
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
        out.expect_any(case.label, &["input.encoding"]);
        let warning = out.diagnostics.iter().find(|d| d.code == "input.encoding");
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
