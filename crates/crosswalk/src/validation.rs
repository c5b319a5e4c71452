//! Validating records: will DataCite accept them, and why not, in terms of the user's input.
//!
//! A record read from kernel-4 DataCite XML (a file, or the XML embedded in a payload) is checked
//! as the user wrote it, so every finding has its `line:column` and element path in that XML.
//! Any other record is checked in the DataCite XML Crosswalk writes for it, and each finding
//! is pointed at the record's REST attributes (`/creators/0/nameIdentifiers/0`), which is where
//! the user fixes it in JSON, and the property to fix in any other format. With `strict`, the
//! checks no XSD can make follow (identifier check digits, dates, languages, licences, URLs,
//! and a Findable DOI's requirements).

use std::path::Path;

use crosswalk_model::{Diagnostic, Location, Record, Resource, Severity};
use crosswalk_validate::Schema;

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
}

/// Validates a record; the findings are errors (or warnings for doubtful values).
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
    let source = record.origin.document.as_deref().filter(|_| is_kernel_4(record));
    let mut findings = match source {
        Some(text) => options.schema.validate(text.as_bytes()),
        None => validate_converted(&record.resource, options),
    };
    if options.strict {
        let mut rules = crosswalk_validate::rules::check(&record.resource);
        if let Some(url) = &options.findable {
            rules.extend(crosswalk_validate::rules::check_findable(&record.resource, url.as_deref()));
        }
        if let Some(text) = source {
            for d in &mut rules {
                locate_in_xml(&mut d.location, text);
            }
        }
        findings.extend(rules);
    }
    findings
}

/// Validates the XML Crosswalk writes for `resource`, pointing findings at its REST attributes.
pub fn validate_converted(resource: &Resource, options: &ValidateOptions) -> Vec<Diagnostic> {
    let written = crosswalk_datacite::xml::write(resource);
    validate_written(&written.text, options)
}

/// Validates XML that Crosswalk wrote, pointing findings at the record's REST attributes.
pub fn validate_written(xml: &str, options: &ValidateOptions) -> Vec<Diagnostic> {
    let mut findings = options.schema.validate(xml.as_bytes());
    for d in &mut findings {
        let pointer = d.location.path.as_deref().and_then(crosswalk_validate::xml_path_to_pointer);
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
fn locate_in_xml(location: &mut Location, text: &str) {
    let Some(xml_path) = location.path.as_deref().and_then(crosswalk_validate::pointer_to_xml_path) else { return };
    if let Some(found) = crosswalk_validate::locate(text, &xml_path) {
        location.line = found.line;
        location.column = found.column;
    }
    location.path = Some(xml_path);
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
