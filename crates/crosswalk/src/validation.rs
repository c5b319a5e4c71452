//! Validating records: will DataCite accept them, and why not, in terms of the user's input.
//!
//! A record read from kernel-4 DataCite XML (a file, or the XML embedded in a payload) is checked
//! as the user wrote it, so every finding has its `line:column` and element path in that XML;
//! DataCite XML of an older kernel (or without namespace) is refused as DataCite refuses it,
//! with the way to migrate it. Any other record is checked in the DataCite XML Crosswalk writes
//! for it, and each finding is pointed at the record's REST attributes
//! (`/creators/0/nameIdentifiers/0`), which is where the user fixes it in JSON, and the property
//! to fix in any other format. The attributes DataCite requires beyond its XSD
//! ([`crosswalk_validate::rules::REQUIRED_ATTRIBUTES`]) and the defects the reader tidied away
//! (an empty `<nameIdentifier>`) are reported too. With `strict`, the checks no XSD can make
//! follow (identifier check digits, dates, languages, licences, URLs), and every warning makes
//! the record invalid ([`escalate_warnings`]).
//!
//! [`fold`] reports each fact about a value once: what the reader, the writer and the
//! validation each say about the same value (`vocab.unknown` on reading and on writing, then
//! `xsd.not-in-list`) becomes one diagnostic at the source location.

use std::path::Path;

use crosswalk_model::{codes as shared, CodeInfo, Diagnostic, Location, Record, Resource, Severity};
use crosswalk_validate::{rules, Schema};

/// Code: the document is DataCite XML of an older kernel, or without namespace, which DataCite
/// no longer accepts.
pub const NOT_KERNEL_4: &str = "validate.not-kernel-4";

/// The codes of this module.
pub const CODES: &[CodeInfo] = &[CodeInfo {
    code: NOT_KERNEL_4,
    severity: Severity::Error,
    summary: "The document is DataCite XML of kernel 2.2, 3 or 3.1 (or has no namespace); since 1 January 2025 DataCite accepts only kernel-4 XML for new and updated DOIs. `crosswalk convert FILE --to datacite-xml` migrates it to kernel 4.7, reporting every change; `crosswalk payload` does so on the way.",
}];

/// Which schema to validate against.
#[derive(Debug, Default)]
pub enum SchemaChoice {
    /// Crosswalk's own kernel-4.7 XSD, compiled into the binary.
    #[default]
    Embedded,
    /// A schema file the user supplies (e.g. DataCite's official `metadata.xsd`).
    File(Schema),
}

impl SchemaChoice {
    /// The schema file at `path`, compiled to check that it is usable.
    pub fn from_file(path: &Path) -> Result<SchemaChoice, Diagnostic> {
        Schema::from_file(path).map(SchemaChoice::File)
    }

    fn validate(&self, xml: &[u8]) -> Vec<Diagnostic> {
        match self {
            SchemaChoice::Embedded => crosswalk_validate::validate(xml),
            SchemaChoice::File(schema) => schema.validate(xml),
        }
    }
}

/// How to validate.
#[derive(Debug, Default)]
pub struct ValidateOptions {
    /// The schema.
    pub schema: SchemaChoice,
    /// Also run the checks the XSD cannot make.
    pub strict: bool,
    /// Check what a Findable DOI needs (with this landing page, if known).
    pub findable: Option<Option<String>>,
    /// Run libxml2 over every document Crosswalk writes, even one its DataCite XML writer
    /// proved valid ([`crosswalk_datacite::xml::write_checked`]). Off by default: the proof and
    /// libxml2 give the same verdict (a differential test holds them to it), and the proof costs
    /// a fraction of parsing the document again. A schema from a file is always run.
    pub force_xsd: bool,
}

impl ValidateOptions {
    /// True when a document the writer proved valid needs no XSD run: the embedded schema (which
    /// the proof is held to) and no [`ValidateOptions::force_xsd`].
    fn trusts_proof(&self) -> bool {
        matches!(self.schema, SchemaChoice::Embedded) && !self.force_xsd
    }
}

/// Validates a record: will DataCite accept it as it is? The findings are errors (or warnings
/// for doubtful values); under `options.strict` a caller should also treat every warning,
/// the reader's included, as an error ([`escalate_warnings`]).
///
/// - DataCite XML that is not kernel 4 (an old kernel, no namespace) gets one
///   `validate.not-kernel-4` error: DataCite refuses it whatever it holds.
/// - Kernel-4 XML is checked as written; any other record in the XML written for it.
/// - The attributes DataCite requires beyond its XSD are warnings, errors with
///   `strict` or `findable`; the defects the reader tidied away are warnings.
///
/// ```
/// use crosswalk::{read, validate_record, Format, ValidateOptions};
///
/// let xml = br#"<resource xmlns="http://datacite.org/schema/kernel-4">
///   <identifier identifierType="DOI">10.5072/x</identifier>
///   <titles><title>No creators, no publisher</title></titles>
/// </resource>"#;
/// let record = read(xml, Format::DataciteXml).unwrap().remove(0);
/// let findings = validate_record(&record, &ValidateOptions::default());
/// assert!(findings.iter().any(|d| d.is_error() && d.location.line.is_some()));
/// ```
pub fn validate_record(record: &Record, options: &ValidateOptions) -> Vec<Diagnostic> {
    if let Some(refused) = not_kernel_4(record) {
        return vec![refused];
    }
    let source = record.origin.document.as_deref().filter(|_| is_kernel_4(record));
    let mut findings = match source {
        Some(text) => options.schema.validate(text.as_bytes()),
        None => validate_converted(&record.resource, options),
    };
    findings.extend(rules::tidied_defects(&record.diagnostics));
    let mut checks = rules::check_required_attributes(&record.resource);
    if options.strict || options.findable.is_some() {
        as_errors(&mut checks);
    }
    if options.strict {
        checks.extend(rules::check(&record.resource));
    }
    if let Some(url) = &options.findable {
        checks.extend(rules::check_findable(&record.resource, url.as_deref()));
    }
    if let Some(text) = source {
        for d in &mut checks {
            locate_in_xml(&mut d.location, text);
        }
    }
    findings.extend(checks);
    findings
}

/// The [`NOT_KERNEL_4`] error of a record read from DataCite XML that is not kernel 4.
fn not_kernel_4(record: &Record) -> Option<Diagnostic> {
    record.origin.document.as_ref()?;
    if is_kernel_4(record) {
        return None;
    }
    let found = match record.origin.schema.as_deref() {
        Some(namespace) => match namespace.rsplit_once("kernel-") {
            Some((_, version)) => format!("DataCite kernel {version} XML (namespace {namespace})"),
            None => format!("XML in the namespace {namespace}"),
        },
        None => "a <resource> without namespace".to_owned(),
    };
    let message = format!(
        "this is {found}; DataCite accepts only kernel-4 XML (namespace {}) since 1 January 2025. \
         `crosswalk convert FILE --to datacite-xml` migrates it to kernel 4.7 and reports every change",
        crosswalk_datacite::xml::KERNEL_4
    );
    let location = Location { line: record.origin.line, column: None, path: Some("/resource".to_owned()) };
    Some(Diagnostic::error(NOT_KERNEL_4, message).at(location))
}

/// Makes every warning an error.
fn as_errors(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        if d.severity == Severity::Warning {
            d.severity = Severity::Error;
        }
    }
}

/// What `--strict` means for a record's verdict: every warning, the reader's and the
/// validation's, becomes an error (and says so).
///
/// ```
/// use crosswalk::{escalate_warnings, Diagnostic};
///
/// let mut found = vec![Diagnostic::warning("strict.spdx-unknown", "\"CC-BY-FOO\" is not in the SPDX licence list")];
/// escalate_warnings(&mut found);
/// assert!(found[0].is_error());
/// assert!(found[0].message.ends_with("(an error under --strict)"));
/// ```
pub fn escalate_warnings(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        if d.severity == Severity::Warning {
            d.severity = Severity::Error;
            d.message.push_str(" (an error under --strict)");
        }
    }
}

/// Kinds of fact a diagnostic states about a value, so that what several stages say about the
/// same value can be recognised as one fact.
const UNLISTED: u8 = 1;
const ABSENT: u8 = 2;

/// The kinds of fact a code states (0: a fact of its own, never folded with another code).
fn fact_kinds(code: &str) -> u8 {
    match code {
        shared::VOCAB_UNKNOWN | crosswalk_validate::codes::NOT_IN_LIST => UNLISTED,
        shared::REQUIRED_MISSING
        | shared::VALUE_EMPTY
        | rules::codes::ATTRIBUTE_MISSING
        | rules::codes::EMPTY
        | crosswalk_validate::codes::MISSING_ELEMENT => ABSENT,
        crosswalk_validate::codes::BAD_VALUE => ABSENT | UNLISTED,
        _ => 0,
    }
}

/// The JSON pointer a diagnostic's path names (an XML element path is converted).
fn pointer_of(d: &Diagnostic) -> Option<String> {
    let path = d.location.path.as_deref()?;
    if path.starts_with("/resource") {
        crosswalk_validate::xml_path_to_pointer(path).filter(|p| !p.is_empty())
    } else {
        path.starts_with('/').then(|| path.to_owned())
    }
}

/// Reports each fact about a value once. Diagnostics are in stage order (the reader's, then
/// the writer's, then validation's); a later one about the same value (the same JSON pointer,
/// or XML path naming it) stating the same kind of fact (a value outside its list; a value
/// absent or empty) is folded into the first: the first keeps its source location (filled in
/// from the later one where it had none), takes the code, severity and message of the most
/// severe of them, and lists the folded codes.
///
/// ```
/// use crosswalk::{fold, Diagnostic, Location};
///
/// let read = Diagnostic::warning("vocab.unknown", "resourceTypeGeneral \"Foo\" is not a DataCite 4.7 value")
///     .at(Location::at(1, 153).with_path("/types/resourceTypeGeneral"));
/// let written = Diagnostic::warning("vocab.unknown", "written as stored").at(Location::path("/types/resourceTypeGeneral"));
/// let checked = Diagnostic::error("xsd.not-in-list", "the value 'Foo' is not in the controlled list")
///     .at(Location::path("/types/resourceTypeGeneral"));
/// let folded = fold(vec![read, written, checked]);
/// assert_eq!(folded.len(), 1);
/// assert_eq!(folded[0].code, "xsd.not-in-list");
/// assert_eq!(folded[0].location.line, Some(1));
/// assert!(folded[0].message.ends_with("(also reported as vocab.unknown)"));
/// ```
pub fn fold(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if diagnostics.len() < 2 {
        return diagnostics;
    }
    struct Kept {
        diagnostic: Diagnostic,
        pointer: Option<String>,
        kinds: u8,
        also: Vec<String>,
    }
    let mut kept: Vec<Kept> = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let kinds = fact_kinds(&d.code);
        let pointer = if kinds == 0 { None } else { pointer_of(&d) };
        let earlier = pointer
            .as_ref()
            .and_then(|p| kept.iter_mut().find(|k| k.kinds & kinds != 0 && k.pointer.as_deref() == Some(p.as_str())));
        let Some(earlier) = earlier else {
            kept.push(Kept { diagnostic: d, pointer, kinds, also: Vec::new() });
            continue;
        };
        let first = &mut earlier.diagnostic;
        if first.location.line.is_none() && d.location.line.is_some() {
            first.location.line = d.location.line;
            first.location.column = d.location.column;
        }
        // Severity orders Error < Warning < Info: the most severe statement of the fact is kept,
        // at the first one's location.
        let weaker_code = if d.severity < first.severity {
            let location = first.location.clone();
            let weaker = std::mem::replace(first, d);
            first.location = location;
            weaker.code
        } else {
            d.code
        };
        if weaker_code != first.code && !earlier.also.iter().any(|c| *c == weaker_code) {
            earlier.also.push(weaker_code.into_owned());
        }
        earlier.kinds |= kinds;
    }
    kept.into_iter()
        .map(|mut k| {
            k.also.retain(|c| *c != k.diagnostic.code);
            if !k.also.is_empty() {
                k.diagnostic.message.push_str(&format!(" (also reported as {})", k.also.join(", ")));
            }
            k.diagnostic
        })
        .collect()
}

/// Validates the XML Crosswalk writes for `resource`, pointing findings at its REST attributes.
///
/// The writer's verdict, taken without writing the document ([`crosswalk_datacite::xml::judge`]),
/// stands in for libxml2 when it holds and [`ValidateOptions::force_xsd`] is off; otherwise the
/// document is written and libxml2 judges it.
pub fn validate_converted(resource: &Resource, options: &ValidateOptions) -> Vec<Diagnostic> {
    if options.trusts_proof() {
        // The verdict alone: the document is written only when libxml2 must judge it.
        if let Some(breaks) = crosswalk_datacite::xml::judge(resource).breaks {
            return known_findings(&breaks);
        }
    }
    validate_written(&crosswalk_datacite::xml::write(resource).text, options)
}

/// Writes a resource as DataCite XML and validates that document, in one pass when the writer
/// proves it valid: the output of a conversion to DataCite XML and its findings.
///
/// ```
/// use crosswalk::{read, write_validated_xml, Format, ValidateOptions};
///
/// let ris = b"TY  - DATA\nAU  - Doe, Jane\nTI  - Readings\nPB  - Example Press\nPY  - 2024\nDO  - 10.5072/r1\nER  - \n";
/// let record = read(ris, Format::Ris).unwrap().remove(0);
/// let (written, findings) = write_validated_xml(&record.resource, &ValidateOptions::default());
/// assert!(written.text.contains("<creatorName>Doe, Jane</creatorName>"));
/// assert!(findings.is_empty(), "{findings:?}");
///
/// let mut broken = record.resource.clone();
/// broken.publication_year = Some("2024/25".into());
/// let (_, findings) = write_validated_xml(&broken, &ValidateOptions::default());
/// assert_eq!(findings[0].code, "xsd.bad-value");
/// assert_eq!(findings[0].location.path.as_deref(), Some("/publicationYear"));
/// ```
pub fn write_validated_xml(
    resource: &Resource,
    options: &ValidateOptions,
) -> (crosswalk_model::Written, Vec<Diagnostic>) {
    let checked = crosswalk_datacite::xml::write_checked(resource);
    let findings = match &checked.verdict.breaks {
        Some(breaks) if options.trusts_proof() => known_findings(breaks),
        _ => validate_written(&checked.written.text, options),
    };
    (checked.written, findings)
}

/// The findings of a document the writer proved valid but for the ways it knows it breaks the
/// XSD (none: valid), as [`validate_written`] gives them from libxml2, in libxml2's order (the
/// attributes as they come, then the children `<resource>` lacks at its end); the differential
/// test in `crosswalk-robustness` holds the two to the same findings.
fn known_findings(breaks: &crosswalk_datacite::xml::Breaks) -> Vec<Diagnostic> {
    if breaks.is_empty() {
        return Vec::new();
    }
    let mut findings: Vec<Diagnostic> = breaks
        .outside_lists
        .iter()
        .map(|outside| {
            let message = crosswalk_validate::not_in_list_message(
                &outside.element,
                outside.attribute,
                &outside.value,
                outside.allowed,
            );
            Diagnostic::error(crosswalk_validate::codes::NOT_IN_LIST, message)
                .at(Location::path(outside.pointer.as_str()))
        })
        .collect();
    findings.extend(crosswalk_validate::missing_required_children(&breaks.missing_required));
    in_written_xml(findings)
}

/// Validates XML that Crosswalk wrote, pointing findings at the record's REST attributes.
pub fn validate_written(xml: &str, options: &ValidateOptions) -> Vec<Diagnostic> {
    in_written_xml(options.schema.validate(xml.as_bytes()))
}

/// Findings on the XML written for a record, pointed at the record's REST attributes (an XML
/// path is turned into its pointer; a pointer stays) and worded as about that XML.
fn in_written_xml(mut findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    for d in &mut findings {
        let path = d.location.path.as_deref();
        let pointer = match path {
            Some(path) if path.starts_with("/resource") => crosswalk_validate::xml_path_to_pointer(path),
            Some(pointer) => Some(pointer.to_owned()),
            None => None,
        };
        d.location = match pointer {
            Some(pointer) if !pointer.is_empty() => Location::path(pointer),
            _ => Location::default(),
        };
        d.message = format!("in the DataCite XML written for this record: {}", d.message);
    }
    findings
}

fn is_kernel_4(record: &Record) -> bool {
    record.origin.schema.as_deref().is_some_and(|ns| ns == crosswalk_datacite::xml::KERNEL_4)
}

/// Turns a JSON pointer into the XML path and `line:column` of the element in `text`.
/// An attribute the document lacks (`…/@nameIdentifierScheme`) is found at its element.
fn locate_in_xml(location: &mut Location, text: &str) {
    let Some(xml_path) = location.path.as_deref().and_then(crosswalk_validate::pointer_to_xml_path) else { return };
    let element = xml_path.split_once("/@").map_or(xml_path.as_str(), |(element, _)| element);
    let found = crosswalk_validate::locate(text, &xml_path).or_else(|| crosswalk_validate::locate(text, element));
    if let Some(found) = found {
        location.line = found.line;
        location.column = found.column;
    }
    location.path = Some(xml_path);
}

/// Validates a payload as DataCite will: the XML it sends, or the XML written for its
/// attributes; a payload that only names a prefix is checked with a stand-in DOI, since DataCite
/// fills the identifier. DataCite validates Findable and Registered DOIs and stores a Draft as it
/// is, so the findings (and the attributes DataCite requires beyond its XSD) are errors for a
/// payload with an event and warnings for a Draft.
///
/// ```
/// use crosswalk::{payload, read, validate_payload, Event, Format, PayloadOptions, ValidateOptions};
///
/// let xml = br#"<resource xmlns="http://datacite.org/schema/kernel-4">
///   <identifier identifierType="DOI">10.5072/x</identifier>
///   <creators><creator><creatorName>Doe, Jane</creatorName>
///     <nameIdentifier>0000-0002-1825-0097</nameIdentifier></creator></creators>
///   <titles><title>A title</title></titles>
///   <publisher>P</publisher><publicationYear>2020</publicationYear>
///   <resourceType resourceTypeGeneral="Dataset"/>
/// </resource>"#;
/// let record = read(xml, Format::DataciteXml).unwrap().remove(0);
/// let options = PayloadOptions { event: Some(Event::Publish), url: Some("https://example.org/".into()), ..Default::default() };
/// let built = payload(&record.resource, &options).unwrap();
/// let findings = validate_payload(&built, &ValidateOptions::default());
/// assert!(findings.iter().any(|d| d.is_error() && d.code == "strict.attribute-missing"));
/// ```
pub fn validate_payload(payload: &crate::Payload, options: &ValidateOptions) -> Vec<Diagnostic> {
    if payload.partial {
        // What a partial payload leaves out is the DOI's as DataCite holds it: DataCite checks
        // the DOI as updated.
        return Vec::new();
    }
    let mut findings = match (&payload.metadata, &payload.prefix) {
        // The XML as sent (with the identifier DataCite puts in, for a prefix payload), when
        // the writer proved what is wrong with it.
        (crate::PayloadMetadata::Xml { breaks: Some(breaks), .. }, _) if options.trusts_proof() => {
            known_findings(breaks)
        }
        (crate::PayloadMetadata::Xml { text, .. }, None) => validate_written(text, options),
        // DataCite fills the identifier of a prefix payload: the attributes' XML is judged with
        // one by the writer's proof, or checked with a stand-in DOI.
        (crate::PayloadMetadata::Attributes, Some(prefix)) => {
            let proof = options
                .trusts_proof()
                .then(|| crosswalk_datacite::xml::judge(&payload.resource).breaks_with_identifier())
                .flatten();
            match proof {
                Some(breaks) => known_findings(&breaks),
                None => validate_with_stand_in(&payload.resource, prefix, options),
            }
        }
        (crate::PayloadMetadata::Xml { .. }, Some(prefix)) => {
            validate_with_stand_in(&payload.resource, prefix, options)
        }
        (crate::PayloadMetadata::Attributes, None) => validate_converted(&payload.resource, options),
    };
    let mut required = rules::check_required_attributes(&payload.resource);
    if payload.event.is_some() {
        as_errors(&mut required);
        findings.extend(required);
        findings
    } else {
        findings.extend(required);
        as_warnings(findings)
    }
}

/// Validates the XML of a payload that names only a prefix as DataCite will, with the identifier
/// it puts in (a stand-in DOI under `prefix`).
fn validate_with_stand_in(resource: &Resource, prefix: &str, options: &ValidateOptions) -> Vec<Diagnostic> {
    let mut resource = resource.clone();
    resource.doi = Some(format!("{prefix}/generated-by-datacite"));
    validate_converted(&resource, options)
}

/// Turns validation findings into warnings: for outputs that are written anyway (a conversion,
/// a Draft payload), where they tell the user without failing the record.
pub fn as_warnings(findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    findings
        .into_iter()
        .map(|mut d| {
            if d.severity == Severity::Error {
                d.severity = Severity::Warning;
            }
            d
        })
        .collect()
}
