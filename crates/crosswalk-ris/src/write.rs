//! Writing one resource as one RIS record: `TY  - ` first, `ER  - ` last, one tag per line in the
//! 2011 specification's spelling (`ED` for editors, as reference managers read it), CRLF line ends
//! as the specification asks.
//!
//! The type is the model's derived RIS type, refined by the reader's labels (`Magazine article` →
//! `MGZN`), so every `TY` the reader knows comes back. Free text keeps its line breaks as
//! continuation lines (a line that would read as a tag is indented by a space); one-line tags get
//! spaces for line breaks. What RIS cannot hold is reported, one diagnostic per kind of value,
//! located by the JSON pointer of its first occurrence.

use std::borrow::Cow;

use crosswalk_model::chars::{line_breaks_as, line_breaks_note, without_controls};
use crosswalk_model::tidy::control_pointers;
use crosswalk_model::types::crossref_type;
use crosswalk_model::{
    codes, ContributorType, DateType, DescriptionType, Diagnostic, Location, NameType, NumberType,
    RelatedIdentifierType, RelatedItem, RelationType, Resource, TitleType, Written,
};

use crate::lines::{classify, LineKind};
use crate::map::{
    ACCESSED, ACCESSION_NUMBER, ADDITIONAL_URL, CALL_NUMBER, PATENT_NUMBER, RELATED_RECORD, REPORT_NUMBER,
    SERIAL_NUMBER,
};
use crate::types::{self, Family};
use crate::{dates, names, TYPE_DEFAULTED, WRITTEN_APPROXIMATELY};

/// One row of the writer's mapping: a model property and the tag it is written under.
#[derive(Clone, Copy, Debug)]
pub struct WrittenTag {
    /// The model property (REST JSON path, `[]` for lists).
    pub model: &'static str,
    /// The RIS tag.
    pub tag: &'static str,
    /// How, and what is lost.
    pub note: &'static str,
}

const fn row(model: &'static str, tag: &'static str, note: &'static str) -> WrittenTag {
    WrittenTag { model, tag, note }
}

/// What the writer writes, in output order: the crosswalk page's table for model → RIS.
pub const WRITTEN: &[WrittenTag] = &[
    row("types", "TY", "the model's derived RIS type, refined by a `resourceType` that is one of the reader's labels (`Magazine article` → `MGZN`); `GEN` without a type"),
    row("(the record's citation key in its source)", "ID", "not a model property: the key a reference list cites the record by (a RIS `ID`, a BibTeX key, a CSL `id`), which `crosswalk::write_record` passes, kept unique in one output (`ris.id-disambiguated`)"),
    row("titles[] (the first main title)", "TI", "a `Subtitle` is joined to it after `: `"),
    row("titles[] (further main titles)", "TI", "read back as `AlternativeTitle`"),
    row("titles[] `AlternativeTitle`, `Other`", "ST", ""),
    row("titles[] `TranslatedTitle`", "TT", ""),
    row("creators[]", "AU", "`Family, Given` when both are known, else `name`; an `Organizational` name in braces"),
    row("contributors[] `Editor`", "ED", ""),
    row("contributors[] `Producer` (audiovisual types)", "A3", ""),
    row("contributors[] `Translator`", "A4", ""),
    row("relatedItems[] `IsPublishedIn`: titles", "T2", "the first main title; its `AlternativeTitle`s as `J2`"),
    row("relatedItems[] `IsPublishedIn`: titles `AlternativeTitle`", "J2", ""),
    row("relatedItems[] `IsPublishedIn`: volume", "VL", ""),
    row("relatedItems[] `IsPublishedIn`: issue", "IS", ""),
    row("relatedItems[] `IsPublishedIn`: firstPage", "SP", ""),
    row("relatedItems[] `IsPublishedIn`: lastPage", "EP", ""),
    row("relatedItems[] `IsPublishedIn`: number (journal types)", "C7", ""),
    row("relatedItems[] `IsPublishedIn`: edition (parts of books)", "ET", ""),
    row("relatedItems[] `IsPublishedIn`: ISSN or ISBN identifier", "SN", ""),
    row("relatedIdentifiers[] ISSN or ISBN `IsPublishedIn`", "SN", ""),
    row("sizes[] `N pages` (books, theses)", "SP", ""),
    row("publicationYear", "PY", ""),
    row("dates[] `Issued`", "DA", "as `YYYY/MM/DD/information`; left out when it is the publication year alone"),
    row("dates[] `Other` `Accessed`", "Y2", ""),
    row("dates[] `Available` (journal types)", "ET", "the e-publication date"),
    row("doi", "DO", ""),
    row("url", "UR", ""),
    row("relatedIdentifiers[] URL `Other` `Additional URL (RIS UR)`", "UR", ""),
    row("contentUrl[]", "L1", ""),
    row("relatedIdentifiers[] URL `Other` `Related record (RIS L3)`", "L3", ""),
    row("descriptions[] `Abstract`", "AB", "line breaks (DataCite XML's `<br/>` among them) as continuation lines"),
    row("descriptions[] `SeriesInformation`", "T3", ""),
    row("descriptions[] `Other`", "N1", "`Methods`, `TechnicalInfo`, `TableOfContents` too, with a note that the type is not kept"),
    row("subjects[]", "KW", "the subject text; scheme, URIs and code are lost"),
    row("publisher", "PB", "the name"),
    row("language", "LA", ""),
    row("version (whole works)", "ET", ""),
    row("types.resourceType", "M3", "when it says more than the `TY`"),
    row("alternateIdentifiers[] `Accession number`", "AN", ""),
    row("alternateIdentifiers[] `Call number`", "CN", ""),
    row("alternateIdentifiers[] `ISBN`, `ISSN`, `Report number`, `Patent number`, `Serial number`", "SN", ""),
    row("alternateIdentifiers[] `PMCID`, `PMID` (journal types)", "C2", ""),
    row("rightsList[]", "CR", "the statement, or the URI when there is no statement"),
    row("–", "ER", "ends the record"),
];

/// Values RIS cannot hold, gathered by kind so that each kind is reported once.
#[derive(Default)]
struct Losses {
    kinds: Vec<(&'static str, String, usize)>,
}

impl Losses {
    fn add(&mut self, kind: &'static str, path: impl FnOnce() -> String) {
        match self.kinds.iter_mut().find(|(k, _, _)| *k == kind) {
            Some((_, _, count)) => *count += 1,
            None => self.kinds.push((kind, path(), 1)),
        }
    }
}

struct Writer {
    text: String,
    diagnostics: Vec<Diagnostic>,
    losses: Losses,
}

impl Writer {
    /// Writes a one-line tag; line breaks (a lone CR among them, which readers take for a line
    /// end) become spaces (reported).
    fn line(&mut self, tag: &str, value: &str, path: impl FnOnce() -> String) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        self.text.push_str(tag);
        self.text.push_str("  - ");
        if value.contains(['\n', '\r']) {
            let joined: Vec<&str> = value.split(['\n', '\r']).map(str::trim).filter(|l| !l.is_empty()).collect();
            self.text.push_str(&joined.join(" "));
            self.diagnostics.push(
                Diagnostic::info(
                    WRITTEN_APPROXIMATELY,
                    format!("the value of {tag} has line breaks, which the tag cannot hold; written with spaces"),
                )
                .at(Location::path(path())),
            );
        } else {
            self.text.push_str(value);
        }
        self.text.push_str("\r\n");
    }

    /// Writes a free-text tag: each further line of the value on a line of its own, blank lines
    /// kept, a line that would read as a tag indented by a space.
    fn text_lines(&mut self, tag: &str, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        self.text.push_str(tag);
        self.text.push_str("  - ");
        // Lines end at LF, CRLF or a lone CR, as readers take them.
        let value = value.replace("\r\n", "\n");
        for (i, line) in value.split(['\n', '\r']).enumerate() {
            let line = line.trim_end();
            if i > 0 {
                self.text.push_str("\r\n");
                if line.trim().is_empty() {
                    continue;
                }
                if classify(line) != LineKind::Text {
                    self.text.push(' ');
                }
            }
            self.text.push_str(line);
        }
        self.text.push_str("\r\n");
    }

    fn lose(&mut self, kind: &'static str, path: impl FnOnce() -> String) {
        self.losses.add(kind, path);
    }

    fn approximately(&mut self, message: String, path: String) {
        self.diagnostics.push(Diagnostic::info(WRITTEN_APPROXIMATELY, message).at(Location::path(path)));
    }
}

/// Writes one resource as one RIS record, ending with `ER  - ` and a line break; reports what RIS
/// cannot hold.
///
/// ```
/// use crosswalk_model::{Creator, Resource, ResourceTypeGeneral, Title, Types};
///
/// let mut r = Resource::default();
/// r.types = Types::new(ResourceTypeGeneral::Text, Some("Magazine article"));
/// r.titles.push(Title::new("On Crosswalks"));
/// r.creators.push(Creator::named("Doe, Jane"));
/// let written = crosswalk_ris::write(&r);
/// assert_eq!(written.text, "TY  - MGZN\r\nTI  - On Crosswalks\r\nAU  - Doe, Jane\r\nER  - \r\n");
/// assert!(written.diagnostics.is_empty());
/// ```
pub fn write(resource: &Resource) -> Written {
    write_keyed(resource, None)
}

/// The `ID`s written so far in one output, to keep each one unique (a repeated one gets `a`, `b`,
/// … appended): used by whoever puts records written separately (in parallel) into one file, in
/// file order.
#[derive(Debug, Default)]
pub struct UniqueIds {
    ids: crosswalk_text::keys::UniqueKeys,
}

impl UniqueIds {
    /// No IDs yet.
    pub fn new() -> Self {
        UniqueIds::default()
    }

    /// Makes the `ID` of a written record unique, rewriting the record if needed and saying so.
    ///
    /// ```
    /// let mut ids = crosswalk_ris::UniqueIds::new();
    /// let record = "TY  - GEN\r\nID  - doe2020\r\nER  - \r\n".to_owned();
    /// assert_eq!(ids.take_record(record.clone()).0, record);
    /// let (again, note) = ids.take_record(record);
    /// assert_eq!(again, "TY  - GEN\r\nID  - doe2020a\r\nER  - \r\n");
    /// assert!(note.is_some());
    /// ```
    pub fn take_record(&mut self, record: String) -> (String, Option<Diagnostic>) {
        let Some(start) = record.find("\r\nID  - ").map(|i| i + 2 + "ID  - ".len()) else { return (record, None) };
        let end = record.get(start..).and_then(|rest| rest.find("\r\n")).map_or(record.len(), |e| start + e);
        let Some(id) = record.get(start..end).map(str::to_owned) else { return (record, None) };
        match self.ids.take(&id) {
            None => (record, None),
            Some(renamed) => {
                let message = format!("ID {id} was already written for an earlier record; this one is {renamed}");
                let text = format!(
                    "{}{renamed}{}",
                    record.get(..start).unwrap_or_default(),
                    record.get(end..).unwrap_or_default()
                );
                (text, Some(Diagnostic::info(crate::ID_DISAMBIGUATED, message)))
            }
        }
    }
}

/// Writes one resource as one RIS record with `ID  - key`, the record's citation key in its
/// source (a RIS `ID`, a BibTeX key, a CSL `id`: `Origin::citation_key`, which the facade's
/// `write_record` passes), so that RIS → RIS keeps the records' identity; its white space runs
/// are one space (an `ID` is one line).
///
/// ```
/// use crosswalk_model::{Resource, Title};
///
/// let mut resource = Resource::default();
/// resource.titles.push(Title::new("On Crosswalks"));
/// let written = crosswalk_ris::write_keyed(&resource, Some("doe2020"));
/// assert!(written.text.starts_with("TY  - GEN\r\nID  - doe2020\r\nTI  - On Crosswalks\r\n"));
/// ```
pub fn write_keyed(resource: &Resource, key: Option<&str>) -> Written {
    let mut w = Writer { text: String::with_capacity(1024), diagnostics: Vec::new(), losses: Losses::default() };
    let (ty, family) = record_type(resource, &mut w);
    w.line("TY", ty, || "/types".to_owned());
    if let Some(key) = key.map(|k| k.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|k| !k.is_empty()) {
        w.text.push_str("ID  - ");
        w.text.push_str(&key);
        w.text.push_str("\r\n");
    }
    titles(resource, &mut w);
    names_of(resource, family, &mut w);
    let container =
        resource.related_items.iter().position(|item| item.relation_type == Some(RelationType::IsPublishedIn));
    if let Some(i) = container {
        if let Some(item) = resource.related_items.get(i) {
            write_container(item, i, family, &mut w);
        }
    }
    for (i, item) in resource.related_items.iter().enumerate() {
        if Some(i) != container {
            let _ = item;
            w.lose("related items other than the container (IsPublishedIn)", || format!("/relatedItems/{i}"));
        }
    }
    for (i, size) in resource.sizes.iter().enumerate() {
        let pages = size.strip_suffix(" pages").filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        match pages {
            Some(n) if matches!(family, Family::Book | Family::Thesis) => w.line("SP", n, || format!("/sizes/{i}")),
            _ => w.lose("sizes", || format!("/sizes/{i}")),
        }
    }
    dates_of(resource, family, &mut w);
    identifiers(resource, family, &mut w);
    descriptions(resource, &mut w);
    for (i, subject) in resource.subjects.iter().enumerate() {
        w.line("KW", &subject.subject, || format!("/subjects/{i}/subject"));
        if subject.subject_scheme.is_some()
            || subject.scheme_uri.is_some()
            || subject.value_uri.is_some()
            || subject.classification_code.is_some()
        {
            w.lose("subject schemes, URIs and classification codes", || format!("/subjects/{i}"));
        }
        if subject.lang.is_some() {
            w.lose("languages of subjects", || format!("/subjects/{i}/lang"));
        }
    }
    if let Some(publisher) = &resource.publisher {
        w.line("PB", &publisher.name, || "/publisher".to_owned());
        if !publisher.is_name_only() {
            w.lose("publisher identifiers and language", || "/publisher".to_owned());
        }
    }
    if let Some(language) = &resource.language {
        w.line("LA", language, || "/language".to_owned());
    }
    if let Some(version) = &resource.version {
        if family.is_part() {
            w.lose("the version of a part (RIS ET is the container's edition)", || "/version".to_owned());
        } else {
            w.line("ET", version, || "/version".to_owned());
        }
    }
    type_of_work(resource, ty, &mut w);
    for (i, rights) in resource.rights_list.iter().enumerate() {
        match (&rights.rights, &rights.rights_uri) {
            (Some(text), uri) => {
                w.text_lines("CR", text);
                if uri.is_some() {
                    w.lose("rights URIs beside a rights statement", || format!("/rightsList/{i}/rightsUri"));
                }
            }
            (None, Some(uri)) => w.line("CR", uri, || format!("/rightsList/{i}/rightsUri")),
            (None, None) => {}
        }
        if rights.rights_identifier.is_some()
            || rights.rights_identifier_scheme.is_some()
            || rights.scheme_uri.is_some()
        {
            w.lose("rights identifiers", || format!("/rightsList/{i}"));
        }
    }
    for (i, _) in resource.formats.iter().enumerate() {
        w.lose("formats", || format!("/formats/{i}"));
    }
    for (i, _) in resource.geo_locations.iter().enumerate() {
        w.lose("geolocations", || format!("/geoLocations/{i}"));
    }
    for (i, _) in resource.funding_references.iter().enumerate() {
        w.lose("funding references", || format!("/fundingReferences/{i}"));
    }
    w.text.push_str("ER  - \r\n");
    // No control character but the line ends goes out: a NUL or an escape in a RIS file breaks
    // the programs that read it. A resource read by Crosswalk has none (the tidy pass); one
    // built otherwise may.
    if let Cow::Owned(clean) = without_controls(&w.text) {
        w.text = clean;
        for pointer in control_pointers(resource) {
            w.diagnostics.push(
                Diagnostic::warning(
                    codes::WRITE_UNREPRESENTABLE,
                    "the value holds control characters, which RIS cannot hold; they are not written (one that stands for a Windows-1252 character is written as that character)",
                )
                .at(Location::path(pointer)),
            );
        }
    }
    let mut diagnostics = w.diagnostics;
    for (kind, path, count) in w.losses.kinds {
        let values = if count == 1 { "1 value".to_owned() } else { format!("{count} values") };
        diagnostics.push(
            Diagnostic::warning(
                codes::WRITE_UNREPRESENTABLE,
                format!("RIS has no tag for {kind}; {values} not written"),
            )
            .at(Location::path(path)),
        );
    }
    Written { text: w.text, diagnostics }
}

/// The `TY` and the family of the record.
fn record_type(resource: &Resource, w: &mut Writer) -> (&'static str, Family) {
    let types = &resource.types;
    if let (Some(general), Some(label)) = (&types.resource_type_general, &types.resource_type) {
        if let Some(row) = types::by_label(general, label) {
            return (row.ty, row.family);
        }
    }
    match types.derived() {
        Some(derived) => (derived.ris, types::by_ty(derived.ris).map_or(Family::Work, |row| row.family)),
        None => {
            w.diagnostics.push(
                Diagnostic::info(TYPE_DEFAULTED, "the resource has no resourceTypeGeneral; written as TY  - GEN")
                    .at(Location::path("/types")),
            );
            ("GEN", Family::Work)
        }
    }
}

/// `M3`: a `resourceType` that says more than the `TY`.
fn type_of_work(resource: &Resource, ty: &str, w: &mut Writer) {
    let Some(label) = &resource.types.resource_type else { return };
    let restates_label = types::by_ty(ty).and_then(|row| row.label).is_some_and(|l| fold(l) == fold(label));
    let restates_crossref = crossref_type(label).is_some_and(|d| d.ris == ty);
    if !restates_label && !restates_crossref {
        w.line("M3", label, || "/types/resourceType".to_owned());
    }
}

fn fold(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).map(|c| c.to_ascii_lowercase()).collect()
}

fn titles(resource: &Resource, w: &mut Writer) {
    let main = resource.titles.iter().position(|t| t.title_type.is_none()).or(if resource.titles.is_empty() {
        None
    } else {
        Some(0)
    });
    let subtitle = resource.titles.iter().position(|t| t.title_type == Some(TitleType::Subtitle));
    if let Some(i) = main {
        if let Some(title) = resource.titles.get(i) {
            match subtitle.and_then(|s| resource.titles.get(s).map(|t| (s, t))) {
                Some((s, sub)) => {
                    w.line("TI", &format!("{}: {}", title.title.trim(), sub.title.trim()), || format!("/titles/{i}"));
                    w.approximately(
                        "RIS has no subtitle: the subtitle was joined to the title after \": \"".to_owned(),
                        format!("/titles/{s}"),
                    );
                }
                None => w.line("TI", &title.title, || format!("/titles/{i}")),
            }
        }
    }
    for (i, title) in resource.titles.iter().enumerate() {
        if title.lang.is_some() {
            w.lose("languages of titles", || format!("/titles/{i}/lang"));
        }
        if Some(i) == main || Some(i) == subtitle {
            continue;
        }
        match &title.title_type {
            None => {
                w.line("TI", &title.title, || format!("/titles/{i}"));
                w.approximately(
                    "a second main title is written as another TI, which reads back as an AlternativeTitle".to_owned(),
                    format!("/titles/{i}"),
                );
            }
            Some(TitleType::AlternativeTitle) => w.line("ST", &title.title, || format!("/titles/{i}")),
            Some(TitleType::TranslatedTitle) => w.line("TT", &title.title, || format!("/titles/{i}")),
            Some(other) => {
                w.line("ST", &title.title, || format!("/titles/{i}"));
                w.approximately(
                    format!("RIS has no title of type {other}: written as a short title (ST), read back as an AlternativeTitle"),
                    format!("/titles/{i}/titleType"),
                );
            }
        }
    }
}

fn names_of(resource: &Resource, family: Family, w: &mut Writer) {
    // Editors made creators are written once, as editors (ED): reading them back makes them
    // creators again.
    let editors_only = crosswalk_rules::editors::creators_are_the_editors(resource);
    if editors_only {
        w.diagnostics.push(crosswalk_rules::editors::written_once());
    }
    for (i, c) in resource.creators.iter().enumerate().filter(|_| !editors_only) {
        let organizational = c.name_type == Some(NameType::Organizational);
        let name = names::written(&c.name, c.given_name.as_deref(), c.family_name.as_deref(), organizational);
        w.line("AU", &name, || format!("/creators/{i}/name"));
        if !c.name_identifiers.is_empty() {
            w.lose("name identifiers (ORCID, ROR …)", || format!("/creators/{i}/nameIdentifiers"));
        }
        if !c.affiliation.is_empty() {
            w.lose("affiliations", || format!("/creators/{i}/affiliation"));
        }
        if c.lang.is_some() {
            w.lose("languages of names", || format!("/creators/{i}/lang"));
        }
    }
    for (i, c) in resource.contributors.iter().enumerate() {
        let tag = match &c.contributor_type {
            Some(ContributorType::Editor) => Some("ED"),
            Some(ContributorType::Translator) => Some("A4"),
            Some(ContributorType::Producer) if family == Family::Audiovisual => Some("A3"),
            _ => None,
        };
        let Some(tag) = tag else {
            w.lose("contributors other than editors and translators (and producers of audiovisual works)", || {
                format!("/contributors/{i}")
            });
            continue;
        };
        let organizational = c.name_type == Some(NameType::Organizational);
        let name = names::written(&c.name, c.given_name.as_deref(), c.family_name.as_deref(), organizational);
        w.line(tag, &name, || format!("/contributors/{i}/name"));
        if !c.name_identifiers.is_empty() {
            w.lose("name identifiers (ORCID, ROR …)", || format!("/contributors/{i}/nameIdentifiers"));
        }
        if !c.affiliation.is_empty() {
            w.lose("affiliations", || format!("/contributors/{i}/affiliation"));
        }
        if c.lang.is_some() {
            w.lose("languages of names", || format!("/contributors/{i}/lang"));
        }
    }
}

fn write_container(item: &RelatedItem, i: usize, family: Family, w: &mut Writer) {
    let base = format!("/relatedItems/{i}");
    let main =
        item.titles.iter().position(|t| t.title_type.is_none()).or(if item.titles.is_empty() { None } else { Some(0) });
    if let Some(title) = main.and_then(|m| item.titles.get(m)) {
        w.line("T2", &title.title, || format!("{base}/titles/0"));
    }
    for (j, title) in item.titles.iter().enumerate() {
        if Some(j) == main {
            continue;
        }
        match title.title_type {
            Some(TitleType::AlternativeTitle) => w.line("J2", &title.title, || format!("{base}/titles/{j}")),
            _ => w.lose("titles of the container other than its title and alternative titles", || {
                format!("{base}/titles/{j}")
            }),
        }
    }
    if item.titles.iter().any(|t| t.lang.is_some()) {
        w.lose("languages of titles", || format!("{base}/titles"));
    }
    if let Some(v) = &item.volume {
        w.line("VL", v, || format!("{base}/volume"));
    }
    if let Some(v) = &item.issue {
        w.line("IS", v, || format!("{base}/issue"));
    }
    if let Some(v) = &item.first_page {
        w.line("SP", v, || format!("{base}/firstPage"));
    }
    if let Some(v) = &item.last_page {
        w.line("EP", v, || format!("{base}/lastPage"));
    }
    if let Some(number) = &item.number {
        if family == Family::Article && matches!(item.number_type, None | Some(NumberType::Article)) {
            w.line("C7", number, || format!("{base}/number"));
        } else {
            w.lose("numbers of containers other than article numbers", || format!("{base}/number"));
        }
    }
    if let Some(edition) = &item.edition {
        if family.is_part() && family != Family::Article {
            w.line("ET", edition, || format!("{base}/edition"));
        } else {
            w.lose("editions of containers of this type", || format!("{base}/edition"));
        }
    }
    if let Some(id) = &item.related_item_identifier {
        match id.related_item_identifier_type {
            Some(RelatedIdentifierType::Issn | RelatedIdentifierType::Isbn) => {
                w.line("SN", &id.related_item_identifier, || format!("{base}/relatedItemIdentifier"));
            }
            _ => w.lose("container identifiers other than ISSN and ISBN", || format!("{base}/relatedItemIdentifier")),
        }
    }
    if item.related_item_type.as_ref().is_some_and(|t| *t != family.container_type()) {
        w.lose(
            "container types other than the record type's (Journal, Book, ConferenceProceeding, Collection)",
            || format!("{base}/relatedItemType"),
        );
    }
    if !item.creators.is_empty() || !item.contributors.is_empty() {
        w.lose("creators and contributors of the container", || format!("{base}/creators"));
    }
    if item.publisher.is_some() {
        w.lose("publishers of the container", || format!("{base}/publisher"));
    }
    if item.publication_year.is_some() {
        w.lose("publication years of the container", || format!("{base}/publicationYear"));
    }
    if item.relation_type_information.is_some() {
        w.lose("relation type information", || format!("{base}/relationTypeInformation"));
    }
}

/// `YYYY-MM-DD` (or shorter) as RIS `YYYY/MM/DD/information`; other texts as written.
fn ris_date(date: &str, information: Option<&str>) -> String {
    let parts = dates::parse(date);
    let simple = parts.kept.is_none() && parts.info.is_none() && parts.year.is_some() && !date.contains('/');
    if !simple {
        return date.to_owned();
    }
    let year = parts.year.as_deref().unwrap_or_default();
    let month = parts.month.map(|m| format!("{m:02}")).unwrap_or_default();
    let day = parts.day.map(|d| format!("{d:02}")).unwrap_or_default();
    format!("{year}/{month}/{day}/{}", information.unwrap_or_default())
}

fn dates_of(resource: &Resource, family: Family, w: &mut Writer) {
    if let Some(year) = &resource.publication_year {
        w.line("PY", year, || "/publicationYear".to_owned());
    }
    let mut issued_written = false;
    for (i, date) in resource.dates.iter().enumerate() {
        let info = date.date_information.as_deref();
        match &date.date_type {
            Some(DateType::Issued) if !issued_written => {
                issued_written = true;
                let just_the_year = info.is_none() && resource.publication_year.as_deref() == Some(date.date.trim());
                if !just_the_year {
                    let written = ris_date(&date.date, info);
                    w.line("DA", &written, || format!("/dates/{i}/date"));
                    if info.is_some() && written == date.date {
                        w.lose("information of dates that RIS cannot write beside them", || {
                            format!("/dates/{i}/dateInformation")
                        });
                    }
                }
            }
            Some(DateType::Other) if info.is_some_and(|t| t.starts_with(ACCESSED)) => {
                let rest = info.and_then(|t| t.strip_prefix(ACCESSED)).map(|r| r.trim_start_matches(';').trim());
                let rest = rest.filter(|r| !r.is_empty());
                w.line("Y2", &ris_date(&date.date, rest), || format!("/dates/{i}/date"));
            }
            Some(DateType::Available) if family == Family::Article && info.is_none() => {
                w.line("ET", &ris_date(&date.date, None), || format!("/dates/{i}/date"));
            }
            _ => w.lose("dates other than the issue, access and e-publication dates", || format!("/dates/{i}")),
        }
    }
}

fn identifiers(resource: &Resource, family: Family, w: &mut Writer) {
    if let Some(doi) = &resource.doi {
        w.line("DO", doi, || "/doi".to_owned());
    }
    if let Some(url) = &resource.url {
        w.line("UR", url, || "/url".to_owned());
    }
    for (i, r) in resource.related_identifiers.iter().enumerate() {
        let information = r.relation_type_information.as_deref();
        let tag = match (&r.related_identifier_type, &r.relation_type) {
            (Some(RelatedIdentifierType::Url), Some(RelationType::Other)) if information == Some(ADDITIONAL_URL) => {
                Some("UR")
            }
            (Some(RelatedIdentifierType::Url), Some(RelationType::Other)) if information == Some(RELATED_RECORD) => {
                Some("L3")
            }
            (Some(RelatedIdentifierType::Issn | RelatedIdentifierType::Isbn), Some(RelationType::IsPublishedIn)) => {
                Some("SN")
            }
            _ => None,
        };
        match tag {
            Some(tag) => w.line(tag, &r.related_identifier, || format!("/relatedIdentifiers/{i}")),
            None => w.lose("related identifiers", || format!("/relatedIdentifiers/{i}")),
        }
    }
    for (i, url) in resource.content_url.iter().enumerate() {
        w.line("L1", url, || format!("/contentUrl/{i}"));
    }
    for (i, a) in resource.alternate_identifiers.iter().enumerate() {
        let kind = a.alternate_identifier_type.as_deref().unwrap_or_default();
        let tag = match kind {
            ACCESSION_NUMBER => Some("AN"),
            CALL_NUMBER => Some("CN"),
            "ISBN" | "ISSN" | REPORT_NUMBER | PATENT_NUMBER | SERIAL_NUMBER => Some("SN"),
            "PMCID" | "PMID" if family == Family::Article => Some("C2"),
            _ => None,
        };
        match tag {
            Some(tag) => w.line(tag, &a.alternate_identifier, || format!("/alternateIdentifiers/{i}")),
            None => w.lose("alternate identifiers of other types", || format!("/alternateIdentifiers/{i}")),
        }
    }
}

fn descriptions(resource: &Resource, w: &mut Writer) {
    for (i, d) in resource.descriptions.iter().enumerate() {
        // The model's line break (DataCite XML's `<br/>`) is a line break in RIS's free text.
        let text = line_breaks_as(&d.description, "\n");
        w.diagnostics.extend(line_breaks_note(&d.description, &format!("/descriptions/{i}/description")));
        match &d.description_type {
            Some(DescriptionType::Abstract) => w.text_lines("AB", &text),
            Some(DescriptionType::SeriesInformation) => w.line("T3", &text, || format!("/descriptions/{i}")),
            Some(DescriptionType::Other) | None => w.text_lines("N1", &text),
            Some(other) => {
                w.text_lines("N1", &text);
                w.approximately(
                    format!("RIS has no description of type {other}: written as a note (N1), read back as Other"),
                    format!("/descriptions/{i}/descriptionType"),
                );
            }
        }
        if d.lang.is_some() {
            w.lose("languages of descriptions", || format!("/descriptions/{i}/lang"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ris_dates() {
        assert_eq!(ris_date("2014-05-17", None), "2014/05/17/");
        assert_eq!(ris_date("2014", Some("Spring")), "2014///Spring");
        assert_eq!(ris_date("2014-05", None), "2014/05//");
        assert_eq!(ris_date("2020-01-20T10:15:00Z", None), "2020-01-20T10:15:00Z");
        assert_eq!(ris_date("2014/2015", None), "2014/2015");
    }

    #[test]
    fn free_text_lines_that_look_like_tags_are_indented() {
        let mut w = Writer { text: String::new(), diagnostics: Vec::new(), losses: Losses::default() };
        w.text_lines("AB", "First line\nAU  - not a tag\n\nLast");
        assert_eq!(w.text, "AB  - First line\r\n AU  - not a tag\r\n\r\nLast\r\n");
    }
}
