//! Writing the model as kernel-4 DataCite XML.
//!
//! The document is built by hand in one `String` (no DOM): the XSD's element order, two spaces of
//! indentation per level, one element per line, `\n` line ends and no trailing newline, which is
//! the layout of DataCite's own payload examples. Attributes follow the order the XSD declares them
//! in, `xml:lang` last. An element is written only when it holds something: a wrapper whose items
//! are all empty is left out, and so is a leaf whose text is blank unless its attributes carry the
//! value (`<rights rightsURI="…"/>`, `<resourceType resourceTypeGeneral="Text"/>`).
//!
//! Everything the writer notices is a diagnostic located by a JSON pointer into the model's REST
//! form (`/creators/0/affiliation/1/lang`), because the resource may have come from any format:
//! values XML cannot hold, model fields the XSD has no place for, and values that will make the
//! document fail the kernel-4.7 XSD (a missing required property, an unknown vocabulary value, a
//! polygon of fewer than four points). Such values are still written as stored, so the user sees
//! them in the output and can fix the source. Characters XML 1.0 cannot hold are left out, and
//! with them the XML white space they leave at a value's ends, so that the document reads back as
//! written.

use std::fmt::Write as _;

use crosswalk_model::chars::LINE_BREAK;
use crosswalk_model::vocab::{
    DateType, DescriptionType, FunderIdentifierType, NumberType, RelatedIdentifierType, RelationType,
    ResourceTypeGeneral, TitleType, Vocabulary,
};
use crosswalk_model::{
    codes, Affiliation, CodeInfo, ContributorType, Coordinate, Diagnostic, GeoBox, GeoLocation, Location,
    NameIdentifier, NameType, Point, Polygon, RelatedItem, Resource, Severity, Written,
};

use super::{is_xml_space, trim_xml_space, trim_xml_space_bytes, KERNEL_4, KERNEL_4_SCHEMA_LOCATION};

/// Code: the resource has no DOI, so the document has no `<identifier>`.
pub const IDENTIFIER_OMITTED: &str = "xml.identifier-omitted";

/// The codes this module emits.
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: IDENTIFIER_OMITTED,
        severity: Severity::Info,
        summary: "The resource has no DOI, so no <identifier> was written: such a document suits a REST payload that asks DataCite to generate a suffix for its `prefix`, but it does not validate against the XSD on its own. Set a DOI to write one.",
    },
    CodeInfo {
        code: codes::REQUIRED_MISSING,
        severity: Severity::Warning,
        summary: "A property or attribute the kernel-4.7 XSD requires is missing or empty, so the XML will not validate; supply it in the source.",
    },
    CodeInfo {
        code: codes::WRITE_UNREPRESENTABLE,
        severity: Severity::Warning,
        summary: "DataCite XML has no place for a value (characters XML 1.0 cannot hold, an affiliation's language), so it is not in the output; `url` and `contentUrl` (info) travel in the REST payload instead.",
    },
    CodeInfo {
        code: codes::VALUE_INVALID,
        severity: Severity::Warning,
        summary: "A value was written as stored but does not fit its XSD type (a DOI, a year, a language tag, a coordinate, a polygon of fewer than four points or not closed); fix it in the source for the XML to validate.",
    },
    CodeInfo {
        code: codes::VALUE_EMPTY,
        severity: Severity::Warning,
        summary: "An element whose value is empty was left out together with the attributes that qualified it; supply the value or remove the attributes.",
    },
    CodeInfo {
        code: codes::VOCAB_UNKNOWN,
        severity: Severity::Warning,
        summary: "A controlled value is not in the DataCite 4.7 list; it is written as stored and the XML will not validate. Use a listed value.",
    },
];

/// Writes a resource as a kernel-4 DataCite XML document, with diagnostics on what the XML
/// cannot hold and on what will keep it from validating against the kernel-4.7 XSD.
///
/// ```
/// use crosswalk_datacite::xml;
/// use crosswalk_model::{Creator, Publisher, Resource, ResourceTypeGeneral, Title, Types};
///
/// let r = Resource {
///     doi: Some("10.5438/0012".into()),
///     creators: vec![Creator::named("DataCite Metadata Working Group")],
///     titles: vec![Title::new("DataCite Metadata Schema")],
///     publisher: Some(Publisher::named("DataCite")),
///     publication_year: Some("2016".into()),
///     types: Types::new(ResourceTypeGeneral::Text, None),
///     ..Resource::default()
/// };
/// let written = xml::write(&r);
/// assert!(written.text.contains("\n  <resourceType resourceTypeGeneral=\"Text\"/>\n</resource>"));
/// assert!(written.diagnostics.is_empty());
/// ```
pub fn write(resource: &Resource) -> Written {
    write_checked(resource).written
}

/// A document written by [`write_checked`], with the writer's verdict on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// The document and the writer's diagnostics, as [`write()`] returns them.
    pub written: Written,
    /// Whether the writer proved the document valid, and the ways it knows it breaks the XSD.
    pub verdict: Verdict,
}

/// The writer's verdict on a document: proven valid against the kernel-4.7 XSD, known to break
/// it in listed ways, or not proven either way. [`write_checked`] gives it with the document,
/// [`judge`] without writing one.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// True when the writer proved the document valid against the kernel-4.7 XSD: every
    /// constraint of the schema that its output can break was checked on the values written, and
    /// holds. False means *not proven*, not invalid: the document must then go to an XSD
    /// validator (libxml2), whose verdict and messages are the ones to report.
    pub proven_valid: bool,
    /// As `proven_valid`, except that a missing `<identifier>` (the resource has no DOI) is not
    /// counted: the document is proven valid once an identifier is put in, as DataCite does
    /// for a payload that names only a prefix. The same as `proven_valid` when there is a DOI.
    pub proven_valid_with_identifier: bool,
    /// `Some` when the writer proved every constraint of the XSD except the ones it lists as
    /// broken: required children of `<resource>` missing, controlled values outside their
    /// lists. Such a document breaks the XSD in exactly those ways, so its findings are known
    /// without libxml2. Empty breaks are `proven_valid`; `None` means not proven either way.
    pub breaks: Option<Breaks>,
}

/// The ways a document the writer judged breaks the XSD, each with the finding it gives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Breaks {
    /// The required children `<resource>` lacks, in the XSD's order (`identifier`, `creators`,
    /// `titles`, `publisher`, `publicationYear`, `resourceType`; `identifier` when the resource
    /// has no DOI): one finding, `crosswalk_validate::missing_required_children`.
    pub missing_required: Vec<&'static str>,
    /// The controlled values written outside their lists, in document order: a finding each,
    /// `crosswalk_validate::not_in_list_message`.
    pub outside_lists: Vec<OutsideList>,
}

impl Breaks {
    /// True when nothing breaks the XSD: the document is valid.
    pub fn is_empty(&self) -> bool {
        self.missing_required.is_empty() && self.outside_lists.is_empty()
    }
}

/// A controlled value written as stored though its list does not hold it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutsideList {
    /// Where the value is in the record's REST form (`/titles/1/titleType`).
    pub pointer: String,
    /// The element whose attribute holds it.
    pub element: String,
    /// The attribute.
    pub attribute: &'static str,
    /// The value.
    pub value: String,
    /// The values the list holds.
    pub allowed: &'static [&'static str],
}

impl Verdict {
    /// The required children of `<resource>` the document lacks, when the writer knows every
    /// way in which it breaks the XSD (see [`Verdict::breaks`]).
    pub fn missing_required(&self) -> Option<&[&'static str]> {
        self.breaks.as_ref().map(|b| b.missing_required.as_slice())
    }

    /// [`Verdict::breaks`] once an identifier is put in (see
    /// [`Verdict::proven_valid_with_identifier`]).
    ///
    /// ```
    /// use crosswalk_datacite::xml;
    /// use crosswalk_model::{Creator, Resource, Title};
    ///
    /// let r = Resource {
    ///     creators: vec![Creator::named("Doe, Jane")],
    ///     titles: vec![Title::new("Readings")],
    ///     publication_year: Some("2024".into()),
    ///     ..Resource::default()
    /// };
    /// let verdict = xml::judge(&r);
    /// assert_eq!(verdict.missing_required(), Some(&["identifier", "publisher", "resourceType"][..]));
    /// let identified = verdict.breaks_with_identifier().unwrap();
    /// assert_eq!(identified.missing_required, ["publisher", "resourceType"]);
    /// ```
    pub fn breaks_with_identifier(&self) -> Option<Breaks> {
        let breaks = self.breaks.as_ref()?;
        Some(Breaks {
            missing_required: breaks.missing_required.iter().copied().filter(|name| *name != "identifier").collect(),
            outside_lists: breaks.outside_lists.clone(),
        })
    }
}

/// Writes a resource as [`write()`] does, and says whether the document is proven valid against
/// the kernel-4.7 XSD without parsing it again.
///
/// The writer decides the document's structure (the XSD's element order, each property once,
/// no empty wrapper), so what can break the schema is only in the values: a required property,
/// element or attribute missing; a controlled value outside the 4.7 list; a year that is not
/// four digits; a language tag; a coordinate that is not a plain decimal number in range; a
/// polygon of fewer than four points; a URI attribute (`xs:anyURI`) that is not plainly a URI;
/// characters XML cannot hold (left out, which may empty a value); and a document too large to
/// take on trust (over [`MAX_PROVEN_BYTES`]). Where the writer cannot tell, it does not prove:
/// the verdict is conservative, and the differential test in `crosswalk-robustness` holds it to
/// libxml2's on every fixture, the mutation corpus and hundreds of thousands of generated models.
///
/// ```
/// use crosswalk_datacite::xml;
/// use crosswalk_model::{Creator, Publisher, Resource, ResourceTypeGeneral, Title, Types};
///
/// let mut r = Resource {
///     doi: Some("10.5438/0012".into()),
///     creators: vec![Creator::named("DataCite Metadata Working Group")],
///     titles: vec![Title::new("DataCite Metadata Schema")],
///     publisher: Some(Publisher::named("DataCite")),
///     publication_year: Some("2016".into()),
///     types: Types::new(ResourceTypeGeneral::Text, None),
///     ..Resource::default()
/// };
/// assert!(xml::write_checked(&r).verdict.proven_valid);
/// r.publication_year = Some("MMXVI".into());
/// assert!(!xml::write_checked(&r).verdict.proven_valid);
/// ```
pub fn write_checked(resource: &Resource) -> Checked {
    let mut writer = XmlWriter::new(String::with_capacity(estimate_capacity(resource)));
    writer.resource(resource);
    if writer.out.len() > MAX_PROVEN_BYTES {
        writer.doubt();
    }
    let (out, diagnostics, verdict) = writer.finish();
    Checked { written: Written { text: out, diagnostics }, verdict }
}

/// The verdict [`write_checked`] gives on the document it writes for a resource, without
/// writing it: what a conversion to another format needs from validation.
///
/// The same writer runs over the model, but its output only counts bytes and it raises no
/// diagnostics, so that no text is built, copied or escaped; a test holds the two verdicts equal
/// on every model the differential and property tests judge.
///
/// ```
/// use crosswalk_datacite::xml;
/// use crosswalk_model::{Creator, Publisher, Resource, ResourceTypeGeneral, Title, Types};
///
/// let mut r = Resource {
///     doi: Some("10.5438/0012".into()),
///     creators: vec![Creator::named("DataCite Metadata Working Group")],
///     titles: vec![Title::new("DataCite Metadata Schema")],
///     publisher: Some(Publisher::named("DataCite")),
///     publication_year: Some("2016".into()),
///     types: Types::new(ResourceTypeGeneral::Text, None),
///     ..Resource::default()
/// };
/// assert!(xml::judge(&r).proven_valid);
/// r.publication_year = Some("MMXVI".into());
/// assert_eq!(xml::judge(&r), xml::write_checked(&r).verdict);
/// ```
pub fn judge(resource: &Resource) -> Verdict {
    let mut writer = XmlWriter::new(Tally::default());
    writer.resource(resource);
    // Escaping makes a byte of a value at most six (`"` is `&quot;`): a document that may be
    // over the proof's limit is written to know. So is one with values outside their lists,
    // whose findings need the model paths that only the writer keeps.
    if writer.out.len() > MAX_PROVEN_BYTES / 6 || !writer.outside_lists.is_empty() {
        return write_checked(resource).verdict;
    }
    writer.finish().2
}

/// The largest document [`write_checked`] proves valid: libxml2 limits the length of a text node
/// or attribute value (10,000,000 bytes without its "huge" option), so a document near that size
/// is left to it. Real records are a few kilobytes.
pub const MAX_PROVEN_BYTES: usize = 1_000_000;

/// An attribute: its XML name and its value, left out when absent or blank.
type Attr<'a> = (&'static str, Option<&'a str>);

/// Where an element opened with [`XmlWriter::open`] starts and where its content starts, so that
/// it can be taken back when nothing was written inside.
#[derive(Clone, Copy)]
struct Mark {
    before: usize,
    after: usize,
}

/// Where [`XmlWriter::leave`] returns to: the length of the model path before the step, and
/// for a list entry where the output stood when it began.
#[derive(Clone, Copy)]
struct Step {
    len: usize,
    entry_start: Option<usize>,
}

/// Where text is being escaped.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Text,
    Attribute,
}

/// A creator or contributor of the resource or of a related item, as far as the XML needs it.
struct Person<'a> {
    /// `creator` or `contributor`.
    element: &'static str,
    /// `creatorName` or `contributorName`.
    name_element: &'static str,
    name: &'a str,
    name_type: Option<&'a NameType>,
    lang: Option<&'a str>,
    given_name: Option<&'a str>,
    family_name: Option<&'a str>,
    name_identifiers: &'a [NameIdentifier],
    affiliations: &'a [Affiliation],
    /// `Some` for contributors: the required role, which may itself be absent.
    contributor_type: Option<Option<&'a ContributorType>>,
}

struct XmlWriter<O> {
    /// The document ([`String`]), or its length only ([`Tally`]).
    out: O,
    diagnostics: Vec<Diagnostic>,
    /// The JSON pointer of the model value being written; segments are pushed and truncated as
    /// the writer descends, so that a diagnostic costs nothing until it is raised (empty when
    /// there are no diagnostics to locate: see [`Out::DIAGNOSES`]).
    path: String,
    /// False once something written may break the XSD (see [`write_checked`]), required
    /// children of `<resource>` that are missing aside.
    proven: bool,
    /// The required children of `<resource>` left out, in the XSD's order.
    missing: Vec<&'static str>,
    /// The controlled values written outside their lists.
    outside_lists: Vec<OutsideList>,
    /// A list entry wrote nothing, so the XML position of a later entry is not its place in
    /// the model: a finding's pointer, derived from the XML by libxml2's path, would differ.
    entry_skipped: bool,
}

impl<O: Out> XmlWriter<O> {
    fn new(out: O) -> XmlWriter<O> {
        XmlWriter {
            out,
            diagnostics: Vec::new(),
            path: if O::DIAGNOSES { String::with_capacity(64) } else { String::new() },
            proven: true,
            missing: Vec::new(),
            outside_lists: Vec::new(),
            entry_skipped: false,
        }
    }

    /// The output, the diagnostics and the verdict.
    fn finish(self) -> (O, Vec<Diagnostic>, Verdict) {
        let only_identifier_missing = self.missing.iter().all(|name| *name == "identifier");
        let proven = self.proven;
        let breaks = Breaks { missing_required: self.missing, outside_lists: self.outside_lists };
        let verdict = Verdict {
            proven_valid: proven && breaks.is_empty(),
            proven_valid_with_identifier: proven && only_identifier_missing && breaks.outside_lists.is_empty(),
            breaks: proven.then_some(breaks),
        };
        (self.out, self.diagnostics, verdict)
    }

    // ----- the document -----

    fn resource(&mut self, r: &Resource) {
        self.out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        self.out.push_str("<resource xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"");
        self.out.push_str(KERNEL_4);
        self.out.push_str("\" xsi:schemaLocation=\"");
        self.out.push_str(KERNEL_4);
        self.out.push_str(" ");
        self.out.push_str(KERNEL_4_SCHEMA_LOCATION);
        self.out.push_str("\">\n");
        let content_start = self.out.len();

        self.identifier(r);
        self.creators(r);
        self.titles(r);
        self.publisher(r);
        self.publication_year(r);
        self.resource_type(r);
        self.subjects(r);
        self.contributors(r);
        self.dates(r);
        self.language(r);
        self.alternate_identifiers(r);
        self.related_identifiers(r);
        self.text_list(r.sizes.as_slice(), "sizes", "size");
        self.text_list(r.formats.as_slice(), "formats", "format");
        if let Some(version) = r.version.as_deref() {
            let at = self.enter("version");
            self.value_leaf(1, "version", &[], version, "");
            self.leave(at);
        }
        self.rights_list(r);
        self.descriptions(r);
        self.geo_locations(r);
        self.funding_references(r);
        self.related_items(r);
        self.rest_only_attributes(r);

        if self.out.len() == content_start {
            // Nothing to put inside: the root closes itself rather than being an empty pair.
            self.out.truncate(content_start - 2);
            self.out.push_str("/>");
        } else {
            self.out.push_str("</resource>");
        }
    }

    fn identifier(&mut self, r: &Resource) {
        let at = self.enter("doi");
        match r.doi.as_deref().filter(|doi| !is_blank(doi)) {
            Some(doi) => {
                if !crosswalk_model::doi::is_doi(doi) {
                    self.warn(
                        codes::VALUE_INVALID,
                        format!("DOI \"{doi}\" is not a DOI name (10.<prefix>/<suffix>); written as stored"),
                        "",
                    );
                }
                self.value_leaf(1, "identifier", &[("identifierType", Some("DOI"))], doi, "");
            }
            None => self.omitted_identifier(),
        }
        self.leave(at);
    }

    fn omitted_identifier(&mut self) {
        self.missing.push("identifier");
        self.diagnose(
            Severity::Info,
            IDENTIFIER_OMITTED,
            "the resource has no DOI, so no <identifier> is written (a payload with only a `prefix` asks \
                 DataCite to generate the suffix); the XML alone will not validate against the XSD"
                .to_owned(),
            "",
        );
    }

    fn creators(&mut self, r: &Resource) {
        let at = self.enter("creators");
        let wrapper = self.open(1, "creators", &[]);
        for (i, c) in r.creators.iter().enumerate() {
            let item = self.enter_index(i);
            self.person(
                2,
                &Person {
                    element: "creator",
                    name_element: "creatorName",
                    name: &c.name,
                    name_type: c.name_type.as_ref(),
                    lang: c.lang.as_deref(),
                    given_name: c.given_name.as_deref(),
                    family_name: c.family_name.as_deref(),
                    name_identifiers: &c.name_identifiers,
                    affiliations: &c.affiliation,
                    contributor_type: None,
                },
            );
            self.leave(item);
        }
        if !self.close(wrapper, 1, "creators") {
            self.required_missing("creators", "no creator with a name");
        }
        self.leave(at);
    }

    fn titles(&mut self, r: &Resource) {
        let at = self.enter("titles");
        let wrapper = self.open(1, "titles", &[]);
        self.title_items(2, r.titles.as_slice());
        if !self.close(wrapper, 1, "titles") {
            self.required_missing("titles", "no title");
        }
        self.leave(at);
    }

    /// Writes the `<title>` elements of the resource or of a related item at `depth`.
    fn title_items(&mut self, depth: usize, titles: &[crosswalk_model::Title]) {
        for (i, t) in titles.iter().enumerate() {
            let item = self.enter_index(i);
            let title_type = self.vocab(t.title_type.as_ref());
            self.value_leaf(
                depth,
                "title",
                &[("titleType", title_type), ("xml:lang", t.lang.as_deref())],
                &t.title,
                "title",
            );
            self.leave(item);
        }
    }

    fn publisher(&mut self, r: &Resource) {
        let at = self.enter("publisher");
        match &r.publisher {
            Some(p) => {
                let attrs = [
                    ("publisherIdentifier", p.publisher_identifier.as_deref()),
                    ("publisherIdentifierScheme", p.publisher_identifier_scheme.as_deref()),
                    ("schemeURI", p.scheme_uri.as_deref()),
                    ("xml:lang", p.lang.as_deref()),
                ];
                let name_key = if p.is_name_only() { "" } else { "name" };
                if !is_blank(&p.name) {
                    self.leaf(1, "publisher", &attrs, &p.name, name_key);
                } else if has_value(p.publisher_identifier.as_deref()) {
                    // The identifier still names the publisher; keep it and say the name is missing.
                    self.leaf(1, "publisher", &attrs, "", name_key);
                    self.required_missing_at("<publisher> has an identifier but no name", name_key);
                } else {
                    self.required_missing("publisher", "the publisher's name is empty");
                }
            }
            None => self.required_missing("publisher", "no publisher"),
        }
        self.leave(at);
    }

    fn publication_year(&mut self, r: &Resource) {
        let at = self.enter("publicationYear");
        match r.publication_year.as_deref().filter(|y| !is_blank(y)) {
            Some(year) => {
                self.check_year(year);
                self.leaf(1, "publicationYear", &[], year, "");
            }
            None => self.required_missing("publicationYear", "no publication year"),
        }
        self.leave(at);
    }

    fn resource_type(&mut self, r: &Resource) {
        let at = self.enter("types");
        let general = self.vocab_at(r.types.resource_type_general.as_ref(), "resourceTypeGeneral");
        let text = r.types.resource_type.as_deref().unwrap_or("");
        if general.is_none() {
            let message = "resourceTypeGeneral is required by DataCite and is missing; the XML will not validate";
            if is_blank(text) {
                // No <resourceType> at all: a required child of <resource> is missing.
                self.missing.push("resourceType");
                self.warn(codes::REQUIRED_MISSING, message.to_owned(), "resourceTypeGeneral");
            } else {
                self.required_missing_at(message, "resourceTypeGeneral");
                self.leaf(1, "resourceType", &[], text, "resourceType");
            }
        } else {
            self.leaf(1, "resourceType", &[("resourceTypeGeneral", general)], text, "resourceType");
        }
        self.leave(at);
    }

    fn subjects(&mut self, r: &Resource) {
        let at = self.enter("subjects");
        let wrapper = self.open(1, "subjects", &[]);
        for (i, s) in r.subjects.iter().enumerate() {
            let item = self.enter_index(i);
            let attrs = [
                ("subjectScheme", s.subject_scheme.as_deref()),
                ("schemeURI", s.scheme_uri.as_deref()),
                ("valueURI", s.value_uri.as_deref()),
                ("classificationCode", s.classification_code.as_deref()),
                ("xml:lang", s.lang.as_deref()),
            ];
            // A term identified by its URI or code is a subject even without a label.
            if has_value(s.value_uri.as_deref()) || has_value(s.classification_code.as_deref()) {
                self.leaf(2, "subject", &attrs, &s.subject, "subject");
            } else {
                self.value_leaf(2, "subject", &attrs, &s.subject, "subject");
            }
            self.leave(item);
        }
        self.close(wrapper, 1, "subjects");
        self.leave(at);
    }

    fn contributors(&mut self, r: &Resource) {
        let at = self.enter("contributors");
        let wrapper = self.open(1, "contributors", &[]);
        for (i, c) in r.contributors.iter().enumerate() {
            let item = self.enter_index(i);
            self.person(
                2,
                &Person {
                    element: "contributor",
                    name_element: "contributorName",
                    name: &c.name,
                    name_type: c.name_type.as_ref(),
                    lang: c.lang.as_deref(),
                    given_name: c.given_name.as_deref(),
                    family_name: c.family_name.as_deref(),
                    name_identifiers: &c.name_identifiers,
                    affiliations: &c.affiliation,
                    contributor_type: Some(c.contributor_type.as_ref()),
                },
            );
            self.leave(item);
        }
        self.close(wrapper, 1, "contributors");
        self.leave(at);
    }

    fn dates(&mut self, r: &Resource) {
        let at = self.enter("dates");
        let wrapper = self.open(1, "dates", &[]);
        for (i, d) in r.dates.iter().enumerate() {
            let item = self.enter_index(i);
            let date_type = self.vocab(d.date_type.as_ref());
            let attrs = [("dateType", date_type), ("dateInformation", d.date_information.as_deref())];
            if self.value_leaf(2, "date", &attrs, &d.date, "date") {
                self.require(date_type, "date", "dateType");
            }
            self.leave(item);
        }
        self.close(wrapper, 1, "dates");
        self.leave(at);
    }

    fn language(&mut self, r: &Resource) {
        let Some(language) = r.language.as_deref() else { return };
        let at = self.enter("language");
        if !is_blank(language) && !is_language_tag(language) {
            self.doubt();
            self.warn(
                codes::VALUE_INVALID,
                format!("language \"{language}\" is not a language tag (BCP 47); written as stored"),
                "",
            );
        }
        self.value_leaf(1, "language", &[], language, "");
        self.leave(at);
    }

    fn alternate_identifiers(&mut self, r: &Resource) {
        let at = self.enter("alternateIdentifiers");
        let wrapper = self.open(1, "alternateIdentifiers", &[]);
        for (i, a) in r.alternate_identifiers.iter().enumerate() {
            let item = self.enter_index(i);
            let kind = a.alternate_identifier_type.as_deref();
            if self.value_leaf(
                2,
                "alternateIdentifier",
                &[("alternateIdentifierType", kind)],
                &a.alternate_identifier,
                "alternateIdentifier",
            ) {
                self.require(kind, "alternateIdentifier", "alternateIdentifierType");
            }
            self.leave(item);
        }
        self.close(wrapper, 1, "alternateIdentifiers");
        self.leave(at);
    }

    fn related_identifiers(&mut self, r: &Resource) {
        let at = self.enter("relatedIdentifiers");
        let wrapper = self.open(1, "relatedIdentifiers", &[]);
        for (i, ri) in r.related_identifiers.iter().enumerate() {
            let item = self.enter_index(i);
            let general = self.vocab(ri.resource_type_general.as_ref());
            let kind = self.vocab(ri.related_identifier_type.as_ref());
            let relation = self.vocab(ri.relation_type.as_ref());
            let attrs = [
                ("resourceTypeGeneral", general),
                ("relatedIdentifierType", kind),
                ("relationType", relation),
                ("relatedMetadataScheme", ri.related_metadata_scheme.as_deref()),
                ("schemeURI", ri.scheme_uri.as_deref()),
                ("schemeType", ri.scheme_type.as_deref()),
                ("relationTypeInformation", ri.relation_type_information.as_deref()),
            ];
            if self.value_leaf(2, "relatedIdentifier", &attrs, &ri.related_identifier, "relatedIdentifier") {
                self.require(kind, "relatedIdentifier", "relatedIdentifierType");
                self.require(relation, "relatedIdentifier", "relationType");
            }
            self.leave(item);
        }
        self.close(wrapper, 1, "relatedIdentifiers");
        self.leave(at);
    }

    /// Writes `sizes` or `formats`: a wrapper of plain text items.
    fn text_list(&mut self, items: &[String], wrapper_name: &'static str, item_name: &'static str) {
        let at = self.enter(wrapper_name);
        let wrapper = self.open(1, wrapper_name, &[]);
        for (i, text) in items.iter().enumerate() {
            let item = self.enter_index(i);
            self.value_leaf(2, item_name, &[], text, "");
            self.leave(item);
        }
        self.close(wrapper, 1, wrapper_name);
        self.leave(at);
    }

    fn rights_list(&mut self, r: &Resource) {
        let at = self.enter("rightsList");
        let wrapper = self.open(1, "rightsList", &[]);
        for (i, rights) in r.rights_list.iter().enumerate() {
            let item = self.enter_index(i);
            let attrs = [
                ("rightsURI", rights.rights_uri.as_deref()),
                ("rightsIdentifier", rights.rights_identifier.as_deref()),
                ("rightsIdentifierScheme", rights.rights_identifier_scheme.as_deref()),
                ("schemeURI", rights.scheme_uri.as_deref()),
                ("xml:lang", rights.lang.as_deref()),
            ];
            let text = rights.rights.as_deref().unwrap_or("");
            // A licence named by its URI or identifier alone is a complete rights statement.
            if has_value(rights.rights_uri.as_deref()) || has_value(rights.rights_identifier.as_deref()) {
                self.leaf(2, "rights", &attrs, text, "rights");
            } else {
                self.value_leaf(2, "rights", &attrs, text, "rights");
            }
            self.leave(item);
        }
        self.close(wrapper, 1, "rightsList");
        self.leave(at);
    }

    fn descriptions(&mut self, r: &Resource) {
        let at = self.enter("descriptions");
        let wrapper = self.open(1, "descriptions", &[]);
        for (i, d) in r.descriptions.iter().enumerate() {
            let item = self.enter_index(i);
            let kind = self.vocab(d.description_type.as_ref());
            let attrs = [("descriptionType", kind), ("xml:lang", d.lang.as_deref())];
            if is_blank(&d.description) {
                self.empty_value_skipped("description", &attrs, "description");
            } else {
                self.start_tag(2, "description", &attrs);
                self.out.push_str(">");
                self.description_text(&d.description);
                self.out.push_str("</description>\n");
                self.require(kind, "description", "descriptionType");
            }
            self.leave(item);
        }
        self.close(wrapper, 1, "descriptions");
        self.leave(at);
    }

    /// Writes description text: each line break of the model ([`LINE_BREAK`]) as the line-break
    /// element the schema allows there, everything else escaped as text (so text that reads
    /// `<br/>` stays text). Characters XML cannot hold are left out, and then so is the XML white
    /// space at the ends (see [`push_value`]).
    fn description_text(&mut self, text: &str) {
        let mark = self.out.len();
        if let Some(c) = self.description_parts(text) {
            self.out.truncate(mark);
            let kept: String = text.chars().filter(|&c| is_xml_char(c)).collect();
            self.description_parts(trim_xml_space(&kept));
            self.unrepresentable_char(c, "<description> text", "description");
        }
    }

    /// Writes the parts of description text; returns the first character left out because XML
    /// cannot hold it.
    fn description_parts(&mut self, text: &str) -> Option<char> {
        let mut dropped = None;
        for (i, part) in text.split(LINE_BREAK).enumerate() {
            if i > 0 {
                self.out.push_str("<br/>");
            }
            let first = self.out.push_escaped(part, Context::Text);
            dropped = dropped.or(first);
        }
        dropped
    }

    fn geo_locations(&mut self, r: &Resource) {
        let at = self.enter("geoLocations");
        let wrapper = self.open(1, "geoLocations", &[]);
        for (i, g) in r.geo_locations.iter().enumerate() {
            let item = self.enter_index(i);
            self.geo_location(g);
            self.leave(item);
        }
        self.close(wrapper, 1, "geoLocations");
        self.leave(at);
    }

    /// Writes one `<geoLocation>`: places, points, boxes, then polygons (the XSD allows any order
    /// and the model does not keep the source's interleaving).
    fn geo_location(&mut self, g: &GeoLocation) {
        let wrapper = self.open(2, "geoLocation", &[]);
        // The REST form writes a single value as a value and several as a list; the pointers follow.
        let index = |i: usize, len: usize| if len == 1 { None } else { Some(i) };
        let key = self.enter("geoLocationPlace");
        for (i, place) in g.places.iter().enumerate() {
            let item = self.enter_opt(index(i, g.places.len()));
            self.value_leaf(3, "geoLocationPlace", &[], place, "");
            self.leave(item);
        }
        self.leave(key);
        let key = self.enter("geoLocationPoint");
        for (i, point) in g.points.iter().enumerate() {
            let item = self.enter_opt(index(i, g.points.len()));
            self.point(3, "geoLocationPoint", point);
            self.leave(item);
        }
        self.leave(key);
        let key = self.enter("geoLocationBox");
        for (i, b) in g.boxes.iter().enumerate() {
            let item = self.enter_opt(index(i, g.boxes.len()));
            self.geo_box(b);
            self.leave(item);
        }
        self.leave(key);
        let key = self.enter("geoLocationPolygon");
        for (i, polygon) in g.polygons.iter().enumerate() {
            let item = self.enter_opt(index(i, g.polygons.len()));
            self.polygon(polygon);
            self.leave(item);
        }
        self.leave(key);
        self.close(wrapper, 2, "geoLocation");
    }

    /// Writes a point (`geoLocationPoint`, `polygonPoint`, `inPolygonPoint`) in the XSD's
    /// declaration order, longitude first; true when written.
    fn point(&mut self, depth: usize, name: &'static str, point: &Point) -> bool {
        self.coordinates(
            depth,
            name,
            &[("pointLongitude", &point.point_longitude, 180.0), ("pointLatitude", &point.point_latitude, 90.0)],
        )
    }

    fn geo_box(&mut self, b: &GeoBox) {
        self.coordinates(
            3,
            "geoLocationBox",
            &[
                ("westBoundLongitude", &b.west_bound_longitude, 180.0),
                ("eastBoundLongitude", &b.east_bound_longitude, 180.0),
                ("southBoundLatitude", &b.south_bound_latitude, 90.0),
                ("northBoundLatitude", &b.north_bound_latitude, 90.0),
            ],
        );
    }

    /// Writes an element of coordinates (named as in the model), each as stored, reporting a value
    /// outside the XSD's range and, when the element is written, each coordinate it lacks; an
    /// element whose coordinates are all blank is left out. True when written.
    fn coordinates(&mut self, depth: usize, name: &'static str, fields: &[(&'static str, &Coordinate, f64)]) -> bool {
        let mark = self.open(depth, name, &[]);
        for &(field, coordinate, limit) in fields {
            let text = coordinate.as_str();
            if is_blank(text) {
                continue;
            }
            match coordinate.value() {
                Some(v) if (-limit..=limit).contains(&v) => {
                    // xs:float takes forms (`1e1`, `+5`, `.5`) whose reading by libxml2 is left to it.
                    if !is_plain_decimal(text) {
                        self.doubt();
                    }
                }
                _ => {
                    self.doubt();
                    self.warn(
                        codes::VALUE_INVALID,
                        format!(
                            "<{field}> \"{text}\" is not a decimal number from -{limit} to {limit}; written as stored"
                        ),
                        field,
                    );
                }
            }
            self.leaf(depth + 1, field, &[], text, field);
        }
        let written = self.close(mark, depth, name);
        if written {
            for &(field, coordinate, _) in fields {
                if is_blank(coordinate.as_str()) {
                    self.required_missing_at(&format!("<{name}> has no <{field}>, which the schema requires"), field);
                }
            }
        }
        written
    }

    fn polygon(&mut self, polygon: &Polygon) {
        let wrapper = self.open(3, "geoLocationPolygon", &[]);
        // The REST form lists a polygon's points as `{"polygonPoint": …}` entries, the point
        // inside it last.
        let mut written = 0usize;
        for (i, point) in polygon.points.iter().enumerate() {
            let entry = self.enter_index(i);
            let key = self.enter("polygonPoint");
            if self.point(4, "polygonPoint", point) {
                written += 1;
            }
            self.leave(key);
            self.leave(entry);
        }
        if let Some(inside) = &polygon.in_polygon_point {
            let entry = self.enter_index(polygon.points.len());
            let key = self.enter("inPolygonPoint");
            self.point(4, "inPolygonPoint", inside);
            self.leave(key);
            self.leave(entry);
        }
        if self.close(wrapper, 3, "geoLocationPolygon") {
            if written < 4 {
                self.doubt();
                self.warn(
                    codes::VALUE_INVALID,
                    format!("<geoLocationPolygon> has {written} point(s); the schema requires at least 4, the last equal to the first; written as stored"),
                    "",
                );
            } else if !is_closed(&polygon.points) {
                self.warn(
                    codes::VALUE_INVALID,
                    "<geoLocationPolygon> is not closed: its last point differs from its first; written as stored"
                        .to_owned(),
                    "",
                );
            }
        }
    }

    fn funding_references(&mut self, r: &Resource) {
        let at = self.enter("fundingReferences");
        let wrapper = self.open(1, "fundingReferences", &[]);
        for (i, f) in r.funding_references.iter().enumerate() {
            let item = self.enter_index(i);
            let reference = self.open(2, "fundingReference", &[]);
            let named = self.value_leaf(3, "funderName", &[], &f.funder_name, "funderName");
            let kind = self.vocab(f.funder_identifier_type.as_ref());
            let identifier = f.funder_identifier.as_deref().unwrap_or("");
            let identifier_attrs = [("funderIdentifierType", kind), ("schemeURI", f.scheme_uri.as_deref())];
            if self.value_leaf(3, "funderIdentifier", &identifier_attrs, identifier, "funderIdentifier") {
                self.require(kind, "funderIdentifier", "funderIdentifierType");
            }
            let award_attrs = [("awardURI", f.award_uri.as_deref())];
            let award = f.award_number.as_deref().unwrap_or("");
            // An award known only by its URI is still an award.
            if has_value(f.award_uri.as_deref()) {
                self.leaf(3, "awardNumber", &award_attrs, award, "awardNumber");
            } else {
                self.value_leaf(3, "awardNumber", &award_attrs, award, "awardNumber");
            }
            self.value_leaf(3, "awardTitle", &[], f.award_title.as_deref().unwrap_or(""), "awardTitle");
            if self.close(reference, 2, "fundingReference") && !named {
                self.required_missing_at(
                    "<fundingReference> has no <funderName>, which the schema requires",
                    "funderName",
                );
            }
            self.leave(item);
        }
        self.close(wrapper, 1, "fundingReferences");
        self.leave(at);
    }

    fn related_items(&mut self, r: &Resource) {
        let at = self.enter("relatedItems");
        let wrapper = self.open(1, "relatedItems", &[]);
        for (i, item) in r.related_items.iter().enumerate() {
            let index = self.enter_index(i);
            self.related_item(item);
            self.leave(index);
        }
        self.close(wrapper, 1, "relatedItems");
        self.leave(at);
    }

    fn related_item(&mut self, item: &RelatedItem) {
        let kind = self.vocab_at(item.related_item_type.as_ref(), "relatedItemType");
        let relation = self.vocab_at(item.relation_type.as_ref(), "relationType");
        let attrs = [
            ("relatedItemType", kind),
            ("relationType", relation),
            ("relationTypeInformation", item.relation_type_information.as_deref()),
        ];
        let element = self.open(2, "relatedItem", &attrs);

        if let Some(id) = &item.related_item_identifier {
            let key = self.enter("relatedItemIdentifier");
            let id_kind = self.vocab_at(id.related_item_identifier_type.as_ref(), "relatedItemIdentifierType");
            let id_attrs = [
                ("relatedItemIdentifierType", id_kind),
                ("relatedMetadataScheme", id.related_metadata_scheme.as_deref()),
                ("schemeURI", id.scheme_uri.as_deref()),
                ("schemeType", id.scheme_type.as_deref()),
            ];
            self.value_leaf(
                3,
                "relatedItemIdentifier",
                &id_attrs,
                &id.related_item_identifier,
                "relatedItemIdentifier",
            );
            self.leave(key);
        }

        let key = self.enter("creators");
        let creators = self.open(3, "creators", &[]);
        for (j, c) in item.creators.iter().enumerate() {
            let entry = self.enter_index(j);
            self.person(
                4,
                &Person {
                    element: "creator",
                    name_element: "creatorName",
                    name: &c.name,
                    name_type: c.name_type.as_ref(),
                    lang: c.lang.as_deref(),
                    given_name: c.given_name.as_deref(),
                    family_name: c.family_name.as_deref(),
                    name_identifiers: &[],
                    affiliations: &[],
                    contributor_type: None,
                },
            );
            self.leave(entry);
        }
        self.close(creators, 3, "creators");
        self.leave(key);

        let key = self.enter("titles");
        let titles = self.open(3, "titles", &[]);
        self.title_items(4, item.titles.as_slice());
        self.close(titles, 3, "titles");
        self.leave(key);

        if let Some(year) = item.publication_year.as_deref().filter(|y| !is_blank(y)) {
            let key = self.enter("publicationYear");
            self.check_year(year);
            self.leaf(3, "publicationYear", &[], year, "");
            self.leave(key);
        }
        self.optional_leaf(3, "volume", item.volume.as_deref());
        self.optional_leaf(3, "issue", item.issue.as_deref());
        let number_type = self.vocab_at(item.number_type.as_ref(), "numberType");
        self.value_leaf(3, "number", &[("numberType", number_type)], item.number.as_deref().unwrap_or(""), "number");
        self.optional_leaf(3, "firstPage", item.first_page.as_deref());
        self.optional_leaf(3, "lastPage", item.last_page.as_deref());
        self.optional_leaf(3, "publisher", item.publisher.as_deref());
        self.optional_leaf(3, "edition", item.edition.as_deref());

        let key = self.enter("contributors");
        let contributors = self.open(3, "contributors", &[]);
        for (j, c) in item.contributors.iter().enumerate() {
            let entry = self.enter_index(j);
            self.person(
                4,
                &Person {
                    element: "contributor",
                    name_element: "contributorName",
                    name: &c.name,
                    name_type: c.name_type.as_ref(),
                    lang: c.lang.as_deref(),
                    given_name: c.given_name.as_deref(),
                    family_name: c.family_name.as_deref(),
                    name_identifiers: &[],
                    affiliations: &[],
                    contributor_type: Some(c.contributor_type.as_ref()),
                },
            );
            self.leave(entry);
        }
        self.close(contributors, 3, "contributors");
        self.leave(key);

        if self.close(element, 2, "relatedItem") {
            self.require_at(kind, "relatedItem", "relatedItemType", "relatedItemType");
            self.require_at(relation, "relatedItem", "relationType", "relationType");
        } else {
            self.empty_value_skipped("relatedItem", &attrs, "");
        }
    }

    /// Writes a creator or contributor: the name, given and family names, identifiers and
    /// affiliations, in the XSD's sequence order.
    fn person(&mut self, depth: usize, p: &Person<'_>) {
        let contributor_type = p.contributor_type.map(|t| self.vocab_at(t, "contributorType"));
        // Creators have no role: a `None` attribute is not written.
        let element = self.open(depth, p.element, &[("contributorType", contributor_type.flatten())]);
        let name_type = self.vocab_at(p.name_type, "nameType");
        let name_attrs = [("nameType", name_type), ("xml:lang", p.lang)];
        let named = !is_blank(p.name);
        if named {
            self.leaf(depth + 1, p.name_element, &name_attrs, p.name, "name");
        }
        self.optional_leaf(depth + 1, "givenName", p.given_name);
        self.optional_leaf(depth + 1, "familyName", p.family_name);
        let key = self.enter("nameIdentifiers");
        for (i, n) in p.name_identifiers.iter().enumerate() {
            let item = self.enter_index(i);
            let scheme = n.name_identifier_scheme.as_deref();
            let attrs = [("nameIdentifierScheme", scheme), ("schemeURI", n.scheme_uri.as_deref())];
            let written = self.value_leaf(depth + 1, "nameIdentifier", &attrs, &n.name_identifier, "nameIdentifier");
            if written && !has_value(scheme) {
                // DataCite requires the scheme, but its XSD leaves <nameIdentifier> untyped.
                self.warn(
                    codes::REQUIRED_MISSING,
                    "<nameIdentifier> has no nameIdentifierScheme, which the schema requires".to_owned(),
                    "nameIdentifierScheme",
                );
            }
            self.leave(item);
        }
        self.leave(key);
        let key = self.enter("affiliation");
        for (i, a) in p.affiliations.iter().enumerate() {
            let item = self.enter_index(i);
            self.affiliation(depth + 1, a);
            self.leave(item);
        }
        self.leave(key);
        if self.close(element, depth, p.element) {
            if !named {
                self.required_missing_at(
                    &format!("<{}> has no name; <{}> is required", p.element, p.name_element),
                    "name",
                );
            }
            if let Some(t) = contributor_type {
                self.require(t, p.element, "contributorType");
            }
        } else if contributor_type.flatten().is_some() || name_type.is_some() || has_value(p.lang) {
            self.empty_value_skipped(
                p.element,
                &[("contributorType", contributor_type.flatten()), ("nameType", name_type), ("xml:lang", p.lang)],
                "name",
            );
        }
    }

    fn affiliation(&mut self, depth: usize, a: &Affiliation) {
        let attrs = [
            ("affiliationIdentifier", a.affiliation_identifier.as_deref()),
            ("affiliationIdentifierScheme", a.affiliation_identifier_scheme.as_deref()),
            ("schemeURI", a.scheme_uri.as_deref()),
        ];
        let written = if !is_blank(&a.name) {
            self.leaf(depth, "affiliation", &attrs, &a.name, "name");
            true
        } else if has_value(a.affiliation_identifier.as_deref()) {
            // The identifier still names the organisation; keep it and say the name is missing.
            self.leaf(depth, "affiliation", &attrs, "", "name");
            // Not a break of the XSD, which leaves <affiliation> untyped: no doubt on the proof.
            self.warn(codes::REQUIRED_MISSING, "<affiliation> has an identifier but no name".to_owned(), "name");
            true
        } else {
            self.empty_value_skipped("affiliation", &attrs, "name");
            false
        };
        if let Some(lang) = a.lang.as_deref().filter(|l| written && !is_blank(l)) {
            self.warn(
                codes::WRITE_UNREPRESENTABLE,
                format!(
                    "the language \"{lang}\" of affiliation \"{}\" has no place in DataCite XML (the kernel-4.7 XSD gives <affiliation> no xml:lang); not written",
                    a.name
                ),
                "lang",
            );
        }
    }

    /// Reports the REST attributes that have no place in the XML.
    fn rest_only_attributes(&mut self, r: &Resource) {
        if !O::DIAGNOSES {
            // Notes only, which every API record (it has a `url`) would pay for.
            return;
        }
        if let Some(url) = r.url.as_deref().filter(|u| !is_blank(u)) {
            let at = self.enter("url");
            self.diagnose(
                Severity::Info,
                codes::WRITE_UNREPRESENTABLE,
                format!("url \"{url}\" is a REST attribute: it travels in the payload, not in the XML"),
                "",
            );
            self.leave(at);
        }
        if r.content_url.iter().any(|u| !is_blank(u)) {
            let at = self.enter("contentUrl");
            self.diagnose(
                Severity::Info,
                codes::WRITE_UNREPRESENTABLE,
                format!(
                    "contentUrl ({}) is a REST attribute: it travels in the payload, not in the XML",
                    r.content_url.join(", ")
                ),
                "",
            );
            self.leave(at);
        }
    }

    // ----- elements -----

    /// Writes the indentation, `<name` and the attributes that have a value; the caller ends the tag.
    fn start_tag(&mut self, depth: usize, name: &str, attrs: &[Attr<'_>]) {
        self.out.indent(depth);
        self.out.push_str("<");
        self.out.push_str(name);
        for &(attr, value) in attrs {
            if let Some(value) = value.filter(|v| !is_blank(v)) {
                self.attribute(name, attr, value);
            }
        }
    }

    fn attribute(&mut self, element: &str, name: &'static str, value: &str) {
        self.out.push_str(" ");
        self.out.push_str(name);
        self.out.push_str("=\"");
        let dropped = push_value(&mut self.out, value, Context::Attribute);
        self.out.push_str("\"");
        if let Some(c) = dropped {
            self.unrepresentable_char(c, &format!("attribute {name} of <{element}>"), json_key(name));
        }
        if is_uri_attribute(name) && !is_plain_uri(value) {
            self.doubt();
        }
        if let Some(allowed) = controlled_values(name) {
            if !allowed.contains(&value) {
                self.outside_list(element, name, value, allowed);
            }
        }
        if name == "xml:lang" && !is_language_tag(value) {
            self.doubt();
            self.warn(
                codes::VALUE_INVALID,
                format!("xml:lang \"{value}\" of <{element}> is not a language tag (BCP 47); written as stored"),
                "lang",
            );
        }
    }

    /// Opens an element whose content follows on its own lines.
    fn open(&mut self, depth: usize, name: &str, attrs: &[Attr<'_>]) -> Mark {
        let before = self.out.len();
        self.start_tag(depth, name, attrs);
        self.out.push_str(">\n");
        Mark { before, after: self.out.len() }
    }

    /// Closes an element opened with [`Self::open`], or takes it back when nothing was written
    /// inside, so that no empty wrapper is written; true when the element was kept.
    fn close(&mut self, mark: Mark, depth: usize, name: &str) -> bool {
        if self.out.len() == mark.after {
            self.out.truncate(mark.before);
            return false;
        }
        self.out.indent(depth);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
        true
    }

    /// Writes `<name attrs>text</name>`, or `<name attrs/>` when the text is blank; `key` names
    /// the text's model field below the current path, for diagnostics.
    fn leaf(&mut self, depth: usize, name: &str, attrs: &[Attr<'_>], text: &str, key: &str) {
        self.start_tag(depth, name, attrs);
        if is_blank(text) {
            self.out.push_str("/>\n");
            return;
        }
        self.out.push_str(">");
        let dropped = push_value(&mut self.out, text, Context::Text);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
        if let Some(c) = dropped {
            self.unrepresentable_char(c, &format!("<{name}> text"), key);
        }
    }

    /// Writes a leaf whose text is its value, or nothing when the text is blank (reporting
    /// attributes lost with it); true when written.
    fn value_leaf(&mut self, depth: usize, name: &str, attrs: &[Attr<'_>], text: &str, key: &str) -> bool {
        if is_blank(text) {
            self.empty_value_skipped(name, attrs, key);
            return false;
        }
        self.leaf(depth, name, attrs, text, key);
        true
    }

    /// Writes an optional attribute-less leaf whose model key is its element name.
    fn optional_leaf(&mut self, depth: usize, name: &str, text: Option<&str>) {
        if let Some(text) = text {
            self.value_leaf(depth, name, &[], text, name);
        }
    }

    // ----- checks and diagnostics -----

    /// The text of a controlled value, reporting a value outside the 4.7 list; `None` when absent
    /// or blank.
    fn vocab<'v, V: Vocabulary>(&mut self, value: Option<&'v V>) -> Option<&'v str> {
        self.vocab_at(value, V::PROPERTY)
    }

    /// Like [`Self::vocab`] for a property whose model key differs from the list's name
    /// (`relatedItemType`, `relatedItemIdentifierType`).
    fn vocab_at<'v, V: Vocabulary>(&mut self, value: Option<&'v V>, key: &str) -> Option<&'v str> {
        let value = value?;
        let text = value.as_str();
        if is_blank(text) {
            return None;
        }
        // The XSD's verdict is taken where the value is written, as an attribute (see
        // `Self::attribute`): only a value written can break it.
        if !value.is_known() {
            self.warn(
                codes::VOCAB_UNKNOWN,
                format!(
                    "{key} \"{text}\" is not a DataCite 4.7 {} value; written as stored, so the XML will not validate",
                    V::PROPERTY
                ),
                key,
            );
        }
        Some(text)
    }

    /// Reports a required attribute of a written element that has no value.
    fn require(&mut self, value: Option<&str>, element: &str, attr: &'static str) {
        self.require_at(value, element, attr, json_key(attr));
    }

    fn require_at(&mut self, value: Option<&str>, element: &str, attr: &str, key: &str) {
        if !has_value(value) {
            self.required_missing_at(&format!("<{element}> has no {attr}, which the schema requires"), key);
        }
    }

    /// Reports a required property of the resource that is missing or empty: the child of
    /// `<resource>` named `element` (the property's name) is not written.
    fn required_missing(&mut self, element: &'static str, what: &str) {
        self.missing.push(element);
        self.warn(
            codes::REQUIRED_MISSING,
            format!("{element} is required by DataCite and was not written ({what}); the XML will not validate"),
            "",
        );
    }

    fn required_missing_at(&mut self, message: &str, key: &str) {
        self.doubt();
        self.warn(codes::REQUIRED_MISSING, message.to_owned(), key);
    }

    /// Reports the attributes of an element left out because its value is blank.
    fn empty_value_skipped(&mut self, name: &str, attrs: &[Attr<'_>], key: &str) {
        let mut lost = String::new();
        for &(attr, value) in attrs {
            if let Some(value) = value.filter(|v| !is_blank(v)) {
                if !lost.is_empty() {
                    lost.push_str(", ");
                }
                let _ = write!(lost, "{attr}=\"{value}\"");
            }
        }
        if !lost.is_empty() {
            self.warn(
                codes::VALUE_EMPTY,
                format!("<{name}> has an empty value and is not written; lost with it: {lost}"),
                key,
            );
        }
    }

    fn unrepresentable_char(&mut self, c: char, place: &str, key: &str) {
        // Leaving characters out may have emptied a value the XSD requires to be non-empty.
        self.doubt();
        self.warn(
            codes::WRITE_UNREPRESENTABLE,
            format!(
                "{place} holds characters XML 1.0 cannot represent (first U+{:04X}); they were left out",
                u32::from(c)
            ),
            key,
        );
    }

    fn check_year(&mut self, year: &str) {
        let trimmed = year.trim_matches(is_xml_space);
        if !(trimmed.len() == 4 && trimmed.bytes().all(|b| b.is_ascii_digit())) {
            // `\d` in the XSD takes any Unicode digit: not proven is not invalid.
            self.doubt();
            self.warn(
                codes::VALUE_INVALID,
                format!("publication year \"{year}\" is not a four-digit year; written as stored"),
                "",
            );
        }
    }

    /// Notes that the document may break the XSD: it is not proven valid.
    fn doubt(&mut self) {
        self.proven = false;
    }

    fn warn(&mut self, code: &'static str, message: String, key: &str) {
        self.diagnose(Severity::Warning, code, message, key);
    }

    fn diagnose(&mut self, severity: Severity, code: &'static str, message: String, key: &str) {
        if !O::DIAGNOSES {
            return;
        }
        let mut path = self.path.clone();
        if !key.is_empty() {
            path.push('/');
            path.push_str(key);
        }
        if path.is_empty() {
            path.push('/');
        }
        self.diagnostics.push(Diagnostic::new(severity, code, message).at(Location::path(path)));
    }

    // ----- the model path -----

    /// Appends a key to the current JSON pointer; returns the step to [`Self::leave`].
    fn enter(&mut self, key: &str) -> Step {
        let len = self.path.len();
        if O::DIAGNOSES {
            self.path.push('/');
            self.path.push_str(key);
        }
        Step { len, entry_start: None }
    }

    /// Appends a list index to the current JSON pointer (without `fmt`: the writer enters one
    /// for every item it writes); returns the step to [`Self::leave`].
    fn enter_index(&mut self, index: usize) -> Step {
        let len = self.path.len();
        if O::DIAGNOSES {
            crosswalk_text::json::push_index(&mut self.path, index);
        }
        Step { len, entry_start: Some(self.out.len()) }
    }

    fn enter_opt(&mut self, segment: Option<usize>) -> Step {
        match segment {
            Some(i) => self.enter_index(i),
            None => Step { len: self.path.len(), entry_start: None },
        }
    }

    fn leave(&mut self, step: Step) {
        if step.entry_start == Some(self.out.len()) {
            // A list entry that wrote nothing.
            self.entry_skipped = true;
        }
        self.path.truncate(step.len);
    }

    /// Notes a controlled value written outside its list: a known break of the XSD, with its
    /// finding, when its pointer is the one libxml2's path gives and its text is plain (as
    /// libxml2 quotes it); otherwise a doubt.
    fn outside_list(&mut self, element: &str, attribute: &'static str, value: &str, allowed: &'static [&'static str]) {
        let plain = !value.is_empty() && value.chars().all(|c| c.is_ascii_graphic() && c != '\'' && c != '\\');
        if self.entry_skipped || !plain {
            self.doubt();
            return;
        }
        // Without diagnostics no path is kept, and [`judge`] writes the document to know it.
        let mut pointer = self.path.clone();
        pointer.push('/');
        pointer.push_str(json_key(attribute));
        self.outside_lists.push(OutsideList {
            pointer,
            element: element.to_owned(),
            attribute,
            value: value.to_owned(),
            allowed,
        });
    }
}

// ----- text -----

/// Appends `text` escaped for `context` and returns the first character it left out because
/// XML 1.0 cannot hold it (C0 controls other than tab, LF and CR; U+FFFE; U+FFFF).
///
/// Text escapes `&`, `<` and `>` (so `]]>` cannot occur); attribute values escape `&`, `<`, `"`
/// and write tab, newline and carriage return as character references, which survive
/// attribute-value normalisation. A carriage return in text is a reference too, since a parser
/// would otherwise turn `\r\n` into `\n`.
fn push_escaped(out: &mut String, text: &str, context: Context) -> Option<char> {
    let bytes = text.as_bytes();
    // Most values hold nothing to escape: find the first byte that may need it, eight at a
    // time, and copy everything before it at once. Those bytes: the context's marks, the C0
    // controls (tab and line feed among them, which text keeps) and 0xEF (which begins U+FFFE
    // and U+FFFF in UTF-8).
    let marks: &[u8] = match context {
        Context::Text => b"&<>\xEF",
        Context::Attribute => b"&<\"\xEF",
    };
    let Some(first) = crosswalk_text::bytes::find_byte(bytes, 0, marks, 0x20) else {
        out.push_str(text);
        return None;
    };
    let mut start = 0;
    let mut dropped = None;
    for (i, &b) in bytes.iter().enumerate().skip(first) {
        let (replacement, len) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' if context == Context::Text => ("&gt;", 1),
            b'"' if context == Context::Attribute => ("&quot;", 1),
            b'\t' if context == Context::Attribute => ("&#9;", 1),
            b'\n' if context == Context::Attribute => ("&#10;", 1),
            b'\r' => ("&#13;", 1),
            b'\t' | b'\n' => continue,
            0x00..=0x1F => {
                dropped = dropped.or(Some(char::from(b)));
                ("", 1)
            }
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            0xEF => match bytes.get(i + 1..i + 3) {
                Some([0xBF, 0xBE]) => {
                    dropped = dropped.or(Some('\u{FFFE}'));
                    ("", 3)
                }
                Some([0xBF, 0xBF]) => {
                    dropped = dropped.or(Some('\u{FFFF}'));
                    ("", 3)
                }
                _ => continue,
            },
            _ => continue,
        };
        out.push_str(text.get(start..i).unwrap_or(""));
        out.push_str(replacement);
        start = i + len;
    }
    out.push_str(text.get(start..).unwrap_or(""));
    dropped
}

/// Appends a value escaped for `context`, as [`push_escaped`] does, and returns the first
/// character it left out because XML 1.0 cannot hold it. When it left any out, the XML white space
/// that is then at the ends of the value is left out too: a reader trims it, so the value would
/// not read back as written (`"A title \u{15}"` is written `A title`, not `A title `).
#[inline]
fn push_value<O: Out>(out: &mut O, text: &str, context: Context) -> Option<char> {
    let mark = out.len();
    let dropped = out.push_escaped(text, context)?;
    out.truncate(mark);
    let kept: String = text.chars().filter(|&c| is_xml_char(c)).collect();
    out.push_escaped(trim_xml_space(&kept), context);
    Some(dropped)
}

/// Where the writer puts the document: the document itself ([`String`]), or a [`Tally`] of its
/// bytes when only the writer's verdict is wanted ([`judge`]). The writer's decisions depend on
/// its output only through [`Out::len`] (what an element holds, where a list entry starts), so
/// both give the same verdict.
trait Out {
    /// False when the writer's diagnostics are not wanted, so that their messages are not built
    /// and no model path is kept for them.
    const DIAGNOSES: bool;
    /// The length of the output so far (for a tally, of the text before escaping, which is never
    /// more and at most six times less).
    fn len(&self) -> usize;
    fn truncate(&mut self, len: usize);
    /// Appends markup (ASCII, nothing to escape).
    fn push_str(&mut self, markup: &str);
    /// Appends `text` escaped for `context` (see [`push_escaped`]) and returns the first character
    /// it left out because XML 1.0 cannot hold it.
    fn push_escaped(&mut self, text: &str, context: Context) -> Option<char>;

    /// Appends the indentation of an element at `depth`.
    fn indent(&mut self, depth: usize) {
        match INDENTATION.get(..2 * depth) {
            Some(spaces) => self.push_str(spaces),
            None => (0..depth).for_each(|_| self.push_str("  ")),
        }
    }
}

impl Out for String {
    const DIAGNOSES: bool = true;

    fn len(&self) -> usize {
        String::len(self)
    }

    fn truncate(&mut self, len: usize) {
        String::truncate(self, len);
    }

    fn push_str(&mut self, markup: &str) {
        String::push_str(self, markup);
    }

    fn push_escaped(&mut self, text: &str, context: Context) -> Option<char> {
        push_escaped(self, text, context)
    }
}

/// The length of a document not written: the bytes of its markup and of its values as they are
/// before escaping, those XML cannot hold left out.
#[derive(Default)]
struct Tally {
    len: usize,
}

impl Out for Tally {
    const DIAGNOSES: bool = false;

    fn len(&self) -> usize {
        self.len
    }

    fn truncate(&mut self, len: usize) {
        self.len = len;
    }

    fn push_str(&mut self, markup: &str) {
        self.len += markup.len();
    }

    #[inline]
    fn push_escaped(&mut self, text: &str, _context: Context) -> Option<char> {
        // Only the characters XML cannot hold matter here: the C0 controls and U+FFFE/U+FFFF
        // (which begin with 0xEF). Asked of every byte without stopping at the first, so that
        // the compiler checks sixteen at a time; a value that holds any is looked at closely.
        let suspect = text.as_bytes().iter().fold(false, |seen, &b| seen | (b < 0x20) | (b == 0xEF));
        let dropped = if suspect { text.chars().find(|&c| !is_xml_char(c)) } else { None };
        self.len += match dropped {
            None => text.len(),
            Some(_) => text.chars().filter(|&c| is_xml_char(c)).map(char::len_utf8).sum(),
        };
        dropped
    }
}

/// Two spaces per level, enough for the writer's deepest element (depth 4).
const INDENTATION: &str = "            ";

/// True when XML 1.0 can hold the character.
fn is_xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// True when a value holds nothing that would be written: only white space, or characters XML
/// cannot hold.
fn is_blank(text: &str) -> bool {
    // Most values begin with a visible ASCII character.
    if text.as_bytes().first().is_some_and(u8::is_ascii_graphic) {
        return false;
    }
    text.chars().all(|c| c.is_whitespace() || !is_xml_char(c))
}

fn has_value(value: Option<&str>) -> bool {
    value.is_some_and(|v| !is_blank(v))
}

/// True when `text` matches the XSD's `xs:language` pattern (`[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`
/// after white-space collapsing).
fn is_language_tag(text: &str) -> bool {
    let mut parts = text.trim_matches(is_xml_space).split('-');
    let first_ok =
        parts.next().is_some_and(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// True when the polygon's last point is its first (compared as numbers when both parse).
fn is_closed(points: &[Point]) -> bool {
    let same = |a: &Coordinate, b: &Coordinate| match (a.value(), b.value()) {
        (Some(x), Some(y)) => x == y,
        _ => a.as_str().trim() == b.as_str().trim(),
    };
    match (points.first(), points.last()) {
        (Some(first), Some(last)) => {
            same(&first.point_latitude, &last.point_latitude) && same(&first.point_longitude, &last.point_longitude)
        }
        _ => true,
    }
}

/// True for the attributes the XSD types `xs:anyURI`.
fn is_uri_attribute(name: &str) -> bool {
    matches!(name, "schemeURI" | "valueURI" | "classificationCode" | "rightsURI" | "awardURI")
}

/// True when `value` is plainly an `xs:anyURI` for libxml2: an absolute URI (`scheme:`, then an
/// optional `//host[:port]`, a path, a query and a fragment) or a relative path, in unreserved
/// and reserved ASCII characters and `%HH` escapes only. Anything else (spaces, non-ASCII,
/// brackets, user information, a second `#`) may still be a URI; it is left to libxml2.
fn is_plain_uri(value: &str) -> bool {
    let bytes = trim_xml_space_bytes(value.as_bytes());
    if bytes.is_empty() || bytes.len() > 4096 {
        return false;
    }
    // One pass over the bytes, a table lookup each (every URI attribute of every record is
    // asked), noting where the fragment, the query and the scheme's end are.
    let mut fragment = None;
    let mut query = None;
    let mut scheme_end = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let class = uri_byte(b);
        if class & URI_PLAIN == 0 {
            return false;
        }
        if class & URI_MARK != 0 {
            match b {
                b'%' if !bytes.get(i + 1..i + 3).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) => {
                    return false;
                }
                b'%' => i += 2,
                b'#' if fragment.is_some() => return false,
                b'#' => fragment = Some(i),
                b'?' if fragment.is_none() && query.is_none() => query = Some(i),
                b':' | b'/' if fragment.is_none() && query.is_none() && scheme_end.is_none() => scheme_end = Some(i),
                _ => {}
            }
        }
        i += 1;
    }
    let rest = bytes.get(..query.or(fragment).unwrap_or(bytes.len())).unwrap_or_default();
    let has_scheme = scheme_end.is_some_and(|end| rest.get(end) == Some(&b':'));
    let path = match scheme_end {
        Some(end) if has_scheme => {
            let scheme = rest.get(..end).unwrap_or_default();
            let scheme_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
                && scheme.iter().all(|&b| uri_byte(b) & URI_SCHEME != 0);
            if !scheme_ok {
                return false;
            }
            rest.get(end + 1..).unwrap_or_default()
        }
        _ => rest,
    };
    match path.strip_prefix(b"//") {
        Some(after) => {
            // The host runs to the port, the path or the end: a byte of another kind is not plain.
            let host_len = after.iter().position(|&b| uri_byte(b) & URI_HOST == 0).unwrap_or(after.len());
            let (host, end) = after.split_at(host_len);
            let port_ok = match end {
                [b':', port @ ..] => {
                    let digits = port.iter().position(|b| !b.is_ascii_digit()).unwrap_or(port.len());
                    matches!(port.get(digits), None | Some(b'/'))
                }
                [] | [b'/', ..] => true,
                _ => false,
            };
            has_scheme && !host.is_empty() && port_ok
        }
        None => true,
    }
}

/// [`uri_byte`] flag: the byte may be in a plain URI.
const URI_PLAIN: u8 = 1;
/// The byte needs a look: `%`, `#`, `?`, `:`, `/`.
const URI_MARK: u8 = 2;
/// The byte may be in a scheme after its first letter.
const URI_SCHEME: u8 = 4;
/// The byte may be in a host.
const URI_HOST: u8 = 8;

/// What a byte may be in a plain URI, as flags (see [`is_plain_uri`]): the unreserved and reserved
/// ASCII characters but `[` and `]`.
fn uri_byte(b: u8) -> u8 {
    /// The flags of every byte, so that a byte costs one lookup.
    static FLAGS: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut slots: &mut [u8] = &mut table;
        let mut b: u8 = 0;
        while let [slot, rest @ ..] = slots {
            *slot = uri_flags(b);
            slots = rest;
            b = b.wrapping_add(1);
        }
        table
    };
    FLAGS.get(usize::from(b)).copied().unwrap_or(0)
}

const fn uri_flags(b: u8) -> u8 {
    match b {
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => URI_PLAIN | URI_SCHEME | URI_HOST,
        b'-' | b'.' => URI_PLAIN | URI_SCHEME | URI_HOST,
        b'+' => URI_PLAIN | URI_SCHEME,
        b'_' | b'~' => URI_PLAIN | URI_HOST,
        b'%' | b'#' | b'?' | b':' | b'/' => URI_PLAIN | URI_MARK,
        b'@' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b',' | b';' | b'=' => URI_PLAIN,
        _ => 0,
    }
}

/// True when a coordinate is a plain decimal number (`-12.5`): an optional minus sign, up to three
/// digits, and up to fifteen decimals, with XML white space around it at most.
fn is_plain_decimal(text: &str) -> bool {
    let text = trim_xml_space(text);
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').map_or((unsigned, None), |(w, f)| (w, Some(f)));
    (1..=3).contains(&whole.len())
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| (1..=15).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()))
}

/// The values the XSD allows for a controlled attribute, in the schema's order; `None` for an
/// attribute that is no controlled list.
fn controlled_values(attribute: &str) -> Option<&'static [&'static str]> {
    use std::sync::OnceLock;
    // Looked up for every attribute written: a `match` on the name, then the list.
    let (slot, values): (usize, &'static [&'static str]) = match attribute {
        "titleType" => (0, TitleType::VALUES),
        "resourceTypeGeneral" | "relatedItemType" => (1, ResourceTypeGeneral::VALUES),
        "dateType" => (2, DateType::VALUES),
        "relatedIdentifierType" | "relatedItemIdentifierType" => (3, RelatedIdentifierType::VALUES),
        "relationType" => (4, RelationType::VALUES),
        "descriptionType" => (5, DescriptionType::VALUES),
        "funderIdentifierType" => (6, FunderIdentifierType::VALUES),
        "numberType" => (7, NumberType::VALUES),
        "contributorType" => (8, ContributorType::VALUES),
        "nameType" => (9, NameType::VALUES),
        _ => return None,
    };
    // Our XSD lists each enumeration in alphabetical order, ignoring case (`ARK`, `arXiv`,
    // `bibcode`); libxml2 names them in that order. The differential tests hold the two to the
    // same messages.
    static LISTS: [OnceLock<Vec<&'static str>>; 10] = [const { OnceLock::new() }; 10];
    let list = LISTS.get(slot)?.get_or_init(|| {
        let mut values = values.to_vec();
        values.sort_by_key(|v| v.to_ascii_lowercase());
        values
    });
    Some(list.as_slice())
}

/// The model (REST) key of an XML attribute, for diagnostics.
fn json_key(attr: &'static str) -> &'static str {
    match attr {
        "xml:lang" => "lang",
        "schemeURI" => "schemeUri",
        "valueURI" => "valueUri",
        "rightsURI" => "rightsUri",
        "awardURI" => "awardUri",
        other => other,
    }
}

/// A generous estimate of the document's length, so that the output grows at most once or twice.
fn estimate_capacity(r: &Resource) -> usize {
    let texts: usize = r.titles.iter().map(|t| t.title.len()).sum::<usize>()
        + r.descriptions.iter().map(|d| d.description.len()).sum::<usize>()
        + r.subjects.iter().map(|s| s.subject.len()).sum::<usize>()
        + r.creators.iter().map(|c| c.name.len()).sum::<usize>();
    let items = r.creators.iter().map(|c| 3 + c.name_identifiers.len() + c.affiliation.len()).sum::<usize>()
        + r.contributors.iter().map(|c| 3 + c.name_identifiers.len() + c.affiliation.len()).sum::<usize>()
        + r.titles.len()
        + r.subjects.len()
        + r.dates.len()
        + r.alternate_identifiers.len()
        + r.related_identifiers.len()
        + r.sizes.len()
        + r.formats.len()
        + r.rights_list.len()
        + r.descriptions.len()
        + r.geo_locations
            .iter()
            .map(|g| {
                g.places.len()
                    + 3 * g.points.len()
                    + 5 * g.boxes.len()
                    + g.polygons.iter().map(|p| 3 * p.points.len() + 4).sum::<usize>()
            })
            .sum::<usize>()
        + 4 * r.funding_references.len()
        + 16 * r.related_items.len();
    640 + texts + 120 * items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str, context: Context) -> (String, Option<char>) {
        let mut out = String::new();
        let dropped = push_escaped(&mut out, text, context);
        (out, dropped)
    }

    #[test]
    fn text_escapes_markup_and_carriage_returns() {
        assert_eq!(escaped("a & b < c > d \"e\" 'f'", Context::Text).0, "a &amp; b &lt; c &gt; d \"e\" 'f'");
        assert_eq!(escaped("tab\tline\nreturn\r", Context::Text).0, "tab\tline\nreturn&#13;");
        assert_eq!(escaped("plain ünïcödé – ok", Context::Text), ("plain ünïcödé – ok".to_owned(), None));
    }

    #[test]
    fn attributes_escape_quotes_and_white_space_that_normalisation_would_change() {
        assert_eq!(escaped("a&b<c>d\"e'", Context::Attribute).0, "a&amp;b&lt;c>d&quot;e'");
        assert_eq!(escaped("\t\n\r", Context::Attribute).0, "&#9;&#10;&#13;");
    }

    #[test]
    fn characters_xml_cannot_hold_are_dropped_and_the_first_returned() {
        assert_eq!(escaped("a\u{0}b\u{1f}c", Context::Text), ("abc".to_owned(), Some('\u{0}')));
        assert_eq!(escaped("x\u{FFFF}y\u{FFFE}", Context::Attribute), ("xy".to_owned(), Some('\u{FFFF}')));
        // Neighbours of the excluded code points are fine.
        assert_eq!(escaped("\u{FFFD}\u{FFEF}\u{7F}", Context::Text).1, None);
    }

    fn value(text: &str, context: Context) -> (String, Option<char>) {
        let mut out = String::new();
        let dropped = push_value(&mut out, text, context);
        (out, dropped)
    }

    #[test]
    fn dropping_characters_leaves_no_xml_white_space_at_the_ends() {
        assert_eq!(value("CHAP \u{1}", Context::Text), ("CHAP".to_owned(), Some('\u{1}')));
        assert_eq!(value("\u{FFFF}\t x\n", Context::Attribute), ("x".to_owned(), Some('\u{FFFF}')));
        assert_eq!(value("A \u{2} B & C", Context::Text), ("A  B &amp; C".to_owned(), Some('\u{2}')));
        // Other spaces are characters of the value.
        assert_eq!(value("\u{1}\u{a0}x\u{3000}", Context::Text), ("\u{a0}x\u{3000}".to_owned(), Some('\u{1}')));
        // Nothing dropped: written as stored.
        assert_eq!(value(" x\t", Context::Text), (" x\t".to_owned(), None));
    }

    #[test]
    fn what_is_written_after_dropping_characters_reads_back_as_written() {
        use crosswalk_model::{Description, ResourceTypeGeneral, Title, Types};
        let r = Resource {
            doi: Some("10.5072/x".into()),
            types: Types::new(ResourceTypeGeneral::BookChapter, Some("CHAP \u{1}")),
            titles: vec![
                Title::new("\u{a0}arER title \u{15}"),
                Title { lang: Some("\u{1} en".into()), ..Title::new("T") },
            ],
            descriptions: vec![Description {
                description: "\u{FFFE} line\u{2028}next \u{1F}".into(),
                ..Default::default()
            }],
            ..Resource::default()
        };
        let first = write(&r);
        assert!(first.text.contains("resourceTypeGeneral=\"BookChapter\">CHAP</resourceType>"), "{}", first.text);
        assert!(first.text.contains("<title>\u{a0}arER title</title>"), "{}", first.text);
        assert!(first.text.contains("<title xml:lang=\"en\">T</title>"), "{}", first.text);
        assert!(first.text.contains("<description>line<br/>next</description>"), "{}", first.text);
        let dropped: Vec<&str> = first
            .diagnostics
            .iter()
            .filter(|d| d.code == codes::WRITE_UNREPRESENTABLE)
            .filter_map(|d| d.location.path.as_deref())
            .collect();
        assert_eq!(
            dropped,
            ["/titles/0/title", "/titles/1/lang", "/types/resourceType", "/descriptions/0/description"]
        );
        let back = crate::xml::read(first.text.as_bytes());
        assert!(!back.diagnostics.iter().any(|d| d.code == codes::VALUE_TRIMMED), "{:?}", back.diagnostics);
        assert_eq!(back.resource.titles[0].title, "\u{a0}arER title");
        assert_eq!(write(&back.resource).text, first.text);
    }

    #[test]
    fn blank_means_nothing_to_write() {
        assert!(is_blank(""));
        assert!(is_blank(" \t\n\u{a0}"));
        assert!(is_blank("\u{1}\u{2}"));
        assert!(!is_blank(" x "));
        assert!(!has_value(None));
        assert!(!has_value(Some("  ")));
        assert!(has_value(Some("0")));
    }

    #[test]
    fn language_tags_follow_the_xsd_pattern() {
        for ok in ["en", "en-GB", "zh-Hant-TW", "x-klingon", "sgn-BE-FR", " de "] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "en_GB", "english (uk)", "en-", "-en", "toolonglang", "en-1234567890", "é"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn polygons_are_closed_when_the_last_point_is_the_first() {
        let p = |lat: &str, lon: &str| Point { point_latitude: lat.into(), point_longitude: lon.into() };
        assert!(is_closed(&[p("1", "2"), p("3", "4"), p("1.0", "2.00")]));
        assert!(!is_closed(&[p("1", "2"), p("3", "4"), p("1", "3")]));
        assert!(is_closed(&[]));
    }

    #[test]
    fn attribute_names_map_to_model_keys() {
        assert_eq!(json_key("xml:lang"), "lang");
        assert_eq!(json_key("schemeURI"), "schemeUri");
        assert_eq!(json_key("awardURI"), "awardUri");
        assert_eq!(json_key("relationType"), "relationType");
    }

    #[test]
    fn plain_uris_are_told_from_the_rest() {
        for plain in [
            "https://orcid.org",
            "https://ror.org/",
            "http://example.org:8080/a/b?c=d&e=f#g",
            "https://creativecommons.org/licenses/by/4.0/legalcode",
            "urn:nbn:de:0001-2024",
            "info:eu-repo/semantics/openAccess",
            "relative/path%20with%2Fescapes",
            "mailto:someone@example.org",
            "  https://example.org/trimmed  ",
            "?query-only",
            "#fragment-only",
        ] {
            assert!(is_plain_uri(plain), "{plain}");
        }
        for doubtful in [
            "",
            "   ",
            "https://example.org/with space",
            "https://exämple.org",
            "https://example.org/a#b#c",
            "https://[::1]/",
            "https://user@example.org/",
            "https://example.org:80a/",
            "//host-without-scheme",
            "1http://digit-first-scheme",
            "https://example.org/%2",
            "https://example.org/%zz",
            "https://example.org/\\back",
        ] {
            assert!(!is_plain_uri(doubtful), "{doubtful}");
        }
        assert!(!is_plain_uri(&format!("https://example.org/{}", "a".repeat(4096))));
    }

    #[test]
    fn every_code_is_listed_once() {
        let mut seen: Vec<&str> = CODES.iter().map(|c| c.code).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), CODES.len());
    }
}
