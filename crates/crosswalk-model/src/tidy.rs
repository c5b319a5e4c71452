//! The last step of every reader: blank values are absent, white space around a value is not
//! part of it, a list entry without the text that makes it an entry is left out, and a person
//! known only by given and family names gets the name `Family, Given`. Each change is reported,
//! at the JSON pointer of the value in the record's REST form.
//!
//! Why one pass for all readers: the REST JSON form cannot say "a title whose text is empty".
//! The JSON reader (like the REST API) takes `""` for absent and an entry without its text for
//! no entry, and the XML writer leaves such an entry out; a reader that kept one would produce a
//! record that changes when it is written and read back, in a way no writer reports. With every
//! record tidied, writing DataCite JSON and reading it back gives the same resource.
//!
//! "Blank" and "white space" mean JSON's and XML's white space, the same four characters: space,
//! tab, line feed, carriage return. Other spaces (a no-break space) are characters of the value.
//!
//! Characters that are not text get one rule for every reader here too (see
//! [`crate::chars`]), before the white space is looked at:
//!
//! - a C1 control (U+0080–U+009F) that is the number of a Windows-1252 character is that
//!   character (`text.cp1252`): no text means a C1 control, and the usual source is Windows-1252
//!   text read as Latin-1 (`\u0096` for an en dash);
//! - other control characters, tab, line feed and carriage return apart, are dropped
//!   (`text.control`);
//! - U+2029 PARAGRAPH SEPARATOR, and U+2028 LINE SEPARATOR outside a description, become a space;
//!   in a description, U+2028 is the model's line break ([`crate::chars::LINE_BREAK`]) and stays,
//!   and U+2029 becomes a blank line, the model's paragraph break (`text.separator`);
//! - controls of bidirectional text are kept (right-to-left text needs them) and reported
//!   (`text.bidi`), since they can make a displayed value lie about its order. This is a note,
//!   not a change: [`tidy`] leaves it out, so that a tidy resource still gives no diagnostic;
//!   [`crate::Record::tidy`] adds it.

use std::fmt::Write as _;

use crate::chars::{code_point, cp1252_for_c1, is_bidi_control, is_stray_control, LINE_BREAK};
use crate::diagnostic::{codes, Diagnostic, Location};
use crate::resource::{
    Affiliation, Coordinate, FundingReference, GeoBox, GeoLocation, NameIdentifier, Point, Polygon, RelatedItem,
    Resource, Title,
};
use crate::vocab::{Match, NameType, Vocabulary};

/// For each REST list attribute whose entries need a text, the keys of which an entry needs one
/// (the first is the entry's text; the others also say what the entry is about). An entry with
/// none of them is no entry: readers leave it out and report `required.missing`.
pub const ENTRY_NEEDS: &[(&str, &[&str])] = &[
    ("titles", &["title"]),
    ("descriptions", &["description"]),
    ("subjects", &["subject", "valueUri", "classificationCode"]),
    ("dates", &["date"]),
    ("alternateIdentifiers", &["alternateIdentifier", "identifier"]),
    ("relatedIdentifiers", &["relatedIdentifier"]),
    ("fundingReferences", &["funderName", "funderIdentifier", "awardNumber", "awardTitle", "awardUri"]),
    ("creators", &["name", "givenName", "familyName", "nameIdentifiers", "affiliation"]),
    ("contributors", &["name", "givenName", "familyName", "nameIdentifiers", "affiliation"]),
    ("rightsList", &["rights", "rightsUri", "rightsIdentifier"]),
];

/// The keys of which an entry of list attribute `list` needs one (see [`ENTRY_NEEDS`]).
///
/// ```
/// assert_eq!(crosswalk_model::tidy::entry_needs("titles"), Some(&["title"][..]));
/// assert_eq!(crosswalk_model::tidy::entry_needs("sizes"), None);
/// ```
pub fn entry_needs(list: &str) -> Option<&'static [&'static str]> {
    ENTRY_NEEDS.iter().find(|(key, _)| *key == list).map(|(_, needs)| *needs)
}

/// The message for an entry of list `list` that is left out because it lacks what makes it an
/// entry; the DataCite JSON reader says the same of a source entry it leaves out.
///
/// ```
/// let message = crosswalk_model::tidy::entry_left_out("dates");
/// assert_eq!(message, "this entry of \"dates\" has no \"date\"; it is left out");
/// ```
pub fn entry_left_out(list: &str) -> String {
    format!("this entry of \"{list}\" {}; it is left out", what_makes(list))
}

/// What an entry of list `key` lacks when it is left out, for messages.
fn what_makes(key: &str) -> String {
    if let Some(needs) = entry_needs(key) {
        return format!("has no {}", needs.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(" or "));
    }
    match key {
        "geoLocationPoint" | "polygonPoint" | "inPolygonPoint" => {
            "lacks \"pointLatitude\" or \"pointLongitude\", and a point needs both".to_owned()
        }
        "geoLocationBox" => "lacks one of its four bounds, and a box needs them all".to_owned(),
        "nameIdentifiers" => "has no \"nameIdentifier\"".to_owned(),
        "affiliation" => "has neither \"name\" nor \"affiliationIdentifier\"".to_owned(),
        _ => "holds nothing".to_owned(),
    }
}

fn trimmed(text: &str) -> &str {
    // By bytes: the four are ASCII, so no cut falls inside a character; and most values start
    // and end with neither, which this sees at once (a character pattern decodes from each end).
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|b| !space(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !space(b)).map_or(start, |last| last + 1);
    text.get(start..end).unwrap_or_default()
}

/// Tidies `resource` in place and returns what was changed, one diagnostic per change, located
/// by the JSON pointer of the value (`/creators/0/affiliation/1`; indices as the reader built
/// the lists). A resource that is already tidy is not touched and gives no diagnostic.
///
/// ```
/// use crosswalk_model::{Affiliation, Creator, Resource, Title};
///
/// let mut resource = Resource::default();
/// resource.titles.push(Title::new(" A title "));
/// resource.titles.push(Title { lang: Some("en".into()), ..Title::default() });
/// let mut creator = Creator::named("Doe, Jane");
/// creator.affiliation.push(Affiliation::named("\n"));
/// resource.creators.push(creator);
///
/// let diagnostics = crosswalk_model::tidy::tidy(&mut resource);
/// assert_eq!(resource.titles, vec![Title::new("A title")]);
/// assert!(resource.creators[0].affiliation.is_empty());
/// let places: Vec<_> = diagnostics.iter().map(|d| d.location.path.as_deref().unwrap()).collect();
/// assert_eq!(places, ["/creators/0/affiliation/0", "/titles/0/title", "/titles/1"]);
/// ```
pub fn tidy(resource: &mut Resource) -> Vec<Diagnostic> {
    let mut diagnostics = tidy_and_note(resource);
    diagnostics.retain(|d| d.code != codes::TEXT_BIDI);
    diagnostics
}

/// [`tidy`], and what it notes without changing: the values that hold controls of bidirectional
/// text (`text.bidi`). What [`crate::Record::tidy`] reports.
///
/// ```
/// use crosswalk_model::{Resource, Title};
///
/// let mut resource = Resource::default();
/// resource.titles.push(Title::new("abc\u{202E}fed"));
/// let notes = crosswalk_model::tidy::tidy_and_note(&mut resource);
/// assert_eq!(notes[0].code, "text.bidi");
/// assert_eq!(resource.titles[0].title, "abc\u{202E}fed");
/// assert!(crosswalk_model::tidy::tidy(&mut resource).is_empty());
/// ```
pub fn tidy_and_note(resource: &mut Resource) -> Vec<Diagnostic> {
    let mut t = Tidier { path: String::new(), diagnostics: Vec::new() };
    t.resource(resource);
    t.diagnostics
}

/// True when UTF-8 `bytes` hold a character [`Tidier::characters`] fixes or reports: a control
/// character other than tab and line ends (C0, DEL, C1), U+2028, U+2029, or a control of
/// bidirectional text. Their encodings are told apart by their bytes.
fn holds_non_text(bytes: &[u8]) -> bool {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let is_one_at = |i: usize| match at(i) {
        0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F => true,
        // U+0080 to U+009F.
        0xC2 => matches!(at(i + 1), 0x80..=0x9F),
        // U+061C.
        0xD8 => at(i + 1) == 0x9C,
        // U+200E, U+200F, U+2028 to U+202E; U+2066 to U+2069.
        0xE2 => matches!((at(i + 1), at(i + 2)), (0x80, 0x8E | 0x8F | 0xA8..=0xAE) | (0x81, 0xA6..=0xA9)),
        _ => false,
    };
    // Every value of every record is asked: blocks without a byte that may start one are passed
    // over whole (a test without early exit, which the compiler turns into vector instructions).
    const BLOCK: usize = 32;
    bytes.chunks(BLOCK).enumerate().any(|(n, block)| {
        let may = block
            .iter()
            .fold(false, |may, &b| may | (b < 0x20) | (b == 0x7F) | (b == 0xC2) | (b == 0xD8) | (b == 0xE2));
        may && (0..block.len()).any(|j| is_one_at(n * BLOCK + j))
    })
}

/// A segment of a JSON pointer, appended without the formatting machinery: the tidier enters a
/// key or an index for every value of every record.
trait PathSegment {
    fn push_to(self, path: &mut String);
}

impl PathSegment for &str {
    fn push_to(self, path: &mut String) {
        path.push_str(self);
    }
}

impl PathSegment for usize {
    fn push_to(self, path: &mut String) {
        if self >= 10 {
            (self / 10).push_to(path);
        }
        path.push(char::from(b'0' + u8::try_from(self % 10).unwrap_or(0)));
    }
}

/// How a value treats line and paragraph separators.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Breaks {
    /// A description: U+2028 is its line break, U+2029 a blank line.
    Kept,
    /// Any other value: each is a space.
    Spaces,
}

/// Characters of one kind met in a value: how many, and the first few, for the message.
#[derive(Default)]
struct Seen {
    count: usize,
    first: Vec<String>,
}

impl Seen {
    fn add(&mut self, shown: String) {
        self.count += 1;
        if self.first.len() < 3 && !self.first.contains(&shown) {
            self.first.push(shown);
        }
    }

    /// The first few, and how many more.
    fn list(&self) -> String {
        let shown = self.first.len();
        let mut list = self.first.join(", ");
        if self.count > shown {
            let _ = write!(list, " and {} more", self.count - shown);
        }
        list
    }
}

/// What [`Tidier::characters`] met in one value.
#[derive(Default)]
struct Found {
    cp1252: Seen,
    controls: Seen,
    separators: Seen,
    bidi: Seen,
}

impl Found {
    /// True when the value changes (bidirectional controls are only noted).
    fn changed(&self) -> bool {
        self.cp1252.count + self.controls.count + self.separators.count > 0
    }
}

/// The JSON pointers of the values of `resource` that hold control characters (those that
/// [`tidy`] would read as Windows-1252 characters or drop: `text.cp1252`, `text.control`), in
/// the order `tidy` walks them. For writers given a resource that was not read (and so not
/// tidied), to say where the controls they leave out were. Walks a copy of the resource.
///
/// ```
/// use crosswalk_model::{Resource, Title};
///
/// let mut resource = Resource::default();
/// resource.titles.push(Title::new("fine"));
/// resource.titles.push(Title::new("bell\u{7}"));
/// assert_eq!(crosswalk_model::tidy::control_pointers(&resource), ["/titles/1/title"]);
/// ```
pub fn control_pointers(resource: &Resource) -> Vec<String> {
    let mut copy = resource.clone();
    let mut pointers: Vec<String> = tidy(&mut copy)
        .into_iter()
        .filter(|d| matches!(d.code.as_ref(), codes::TEXT_CONTROL | codes::TEXT_CP1252))
        .filter_map(|d| d.location.path)
        .collect();
    pointers.dedup();
    pointers
}

struct Tidier {
    /// The JSON pointer of the value being tidied.
    path: String,
    diagnostics: Vec<Diagnostic>,
}

impl Tidier {
    fn resource(&mut self, r: &mut Resource) {
        self.text(&mut r.doi, "doi");
        self.entries(&mut r.alternate_identifiers, "alternateIdentifiers", |t, a| {
            t.text(&mut a.alternate_identifier_type, "alternateIdentifierType");
            t.required(&mut a.alternate_identifier, "alternateIdentifier")
        });
        self.entries(&mut r.creators, "creators", |t, c| {
            let named = t.person(&mut c.name, &mut c.name_type, &mut c.given_name, &mut c.family_name, &mut c.lang);
            t.identified(&mut c.name_identifiers, &mut c.affiliation) || named
        });
        self.entries(&mut r.titles, "titles", Self::title);
        if let Some(publisher) = &mut r.publisher {
            let at = self.enter("publisher");
            let mark = self.diagnostics.len();
            let named = self.required(&mut publisher.name, "name");
            let identified = self.text(&mut publisher.publisher_identifier, "publisherIdentifier");
            self.text(&mut publisher.publisher_identifier_scheme, "publisherIdentifierScheme");
            self.text(&mut publisher.scheme_uri, "schemeUri");
            self.text(&mut publisher.lang, "lang");
            let keep = named || identified;
            if !keep {
                self.left_out(mark, "the publisher has neither a name nor an identifier; it is left out".to_owned());
            }
            self.leave(at);
            if !keep {
                r.publisher = None;
            }
        }
        self.text(&mut r.publication_year, "publicationYear");
        self.entries(&mut r.subjects, "subjects", |t, s| {
            let named = t.required(&mut s.subject, "subject");
            t.text(&mut s.subject_scheme, "subjectScheme");
            t.text(&mut s.scheme_uri, "schemeUri");
            let valued = t.text(&mut s.value_uri, "valueUri");
            let coded = t.text(&mut s.classification_code, "classificationCode");
            t.text(&mut s.lang, "lang");
            named || valued || coded
        });
        self.entries(&mut r.contributors, "contributors", |t, c| {
            t.vocab(&mut c.contributor_type, "contributorType");
            let named = t.person(&mut c.name, &mut c.name_type, &mut c.given_name, &mut c.family_name, &mut c.lang);
            t.identified(&mut c.name_identifiers, &mut c.affiliation) || named
        });
        self.entries(&mut r.dates, "dates", |t, d| {
            t.vocab(&mut d.date_type, "dateType");
            t.text(&mut d.date_information, "dateInformation");
            t.required(&mut d.date, "date")
        });
        self.text(&mut r.language, "language");
        let at = self.enter("types");
        self.vocab(&mut r.types.resource_type_general, "resourceTypeGeneral");
        self.text(&mut r.types.resource_type, "resourceType");
        self.leave(at);
        self.entries(&mut r.related_identifiers, "relatedIdentifiers", |t, ri| {
            t.vocab(&mut ri.related_identifier_type, "relatedIdentifierType");
            t.vocab(&mut ri.relation_type, "relationType");
            t.text(&mut ri.relation_type_information, "relationTypeInformation");
            t.text(&mut ri.related_metadata_scheme, "relatedMetadataScheme");
            t.text(&mut ri.scheme_uri, "schemeUri");
            t.text(&mut ri.scheme_type, "schemeType");
            t.vocab(&mut ri.resource_type_general, "resourceTypeGeneral");
            t.required(&mut ri.related_identifier, "relatedIdentifier")
        });
        self.entries(&mut r.related_items, "relatedItems", Self::related_item);
        self.texts(&mut r.sizes, "sizes");
        self.texts(&mut r.formats, "formats");
        self.text(&mut r.version, "version");
        self.entries(&mut r.rights_list, "rightsList", |t, rights| {
            let stated = t.text(&mut rights.rights, "rights");
            let linked = t.text(&mut rights.rights_uri, "rightsUri");
            let identified = t.text(&mut rights.rights_identifier, "rightsIdentifier");
            t.text(&mut rights.rights_identifier_scheme, "rightsIdentifierScheme");
            t.text(&mut rights.scheme_uri, "schemeUri");
            t.text(&mut rights.lang, "lang");
            stated || linked || identified
        });
        self.entries(&mut r.descriptions, "descriptions", |t, d| {
            t.vocab(&mut d.description_type, "descriptionType");
            t.text(&mut d.lang, "lang");
            // A description keeps line breaks: the model's U+2028 (DataCite XML's `<br/>`).
            t.clean_as(&mut d.description, "description", "description", Breaks::Kept)
        });
        self.entries(&mut r.geo_locations, "geoLocations", Self::geo_location);
        self.entries(&mut r.funding_references, "fundingReferences", Self::funding_reference);
        self.text(&mut r.url, "url");
        self.texts(&mut r.content_url, "contentUrl");
    }

    fn title(&mut self, title: &mut Title) -> bool {
        self.vocab(&mut title.title_type, "titleType");
        self.text(&mut title.lang, "lang");
        self.required(&mut title.title, "title")
    }

    /// The names of a person or organisation; true when any is left.
    fn person(
        &mut self,
        name: &mut String,
        name_type: &mut Option<NameType>,
        given: &mut Option<String>,
        family: &mut Option<String>,
        lang: &mut Option<String>,
    ) -> bool {
        self.vocab(name_type, "nameType");
        let named = self.required(name, "name");
        let has_given = self.text(given, "givenName");
        let has_family = self.text(family, "familyName");
        self.text(lang, "lang");
        if !named {
            // As the XML reader does for a creator without <creatorName>, and as the schema's
            // documentation asks ("Family, Given"): every writer then has a name to write.
            let built = match (family.as_deref(), given.as_deref()) {
                (Some(family), Some(given)) => format!("{family}, {given}"),
                (Some(part), None) | (None, Some(part)) => part.to_owned(),
                (None, None) => return false,
            };
            let message = format!("\"name\" is empty; built from familyName and givenName: \"{built}\"");
            self.report("name", Diagnostic::info(codes::VALUE_NORMALISED, message));
            *name = built;
        }
        named || has_given || has_family
    }

    /// The name identifiers and affiliations of a creator or contributor; true when any is left.
    fn identified(&mut self, identifiers: &mut Vec<NameIdentifier>, affiliations: &mut Vec<Affiliation>) -> bool {
        self.entries(identifiers, "nameIdentifiers", |t, id| {
            t.text(&mut id.name_identifier_scheme, "nameIdentifierScheme");
            t.text(&mut id.scheme_uri, "schemeUri");
            t.required(&mut id.name_identifier, "nameIdentifier")
        });
        self.entries(affiliations, "affiliation", |t, a| {
            let named = t.required(&mut a.name, "name");
            let identified = t.text(&mut a.affiliation_identifier, "affiliationIdentifier");
            t.text(&mut a.affiliation_identifier_scheme, "affiliationIdentifierScheme");
            t.text(&mut a.scheme_uri, "schemeUri");
            t.text(&mut a.lang, "lang");
            named || identified
        });
        !identifiers.is_empty() || !affiliations.is_empty()
    }

    fn funding_reference(&mut self, f: &mut FundingReference) -> bool {
        let named = self.required(&mut f.funder_name, "funderName");
        let identified = self.text(&mut f.funder_identifier, "funderIdentifier");
        self.vocab(&mut f.funder_identifier_type, "funderIdentifierType");
        self.text(&mut f.scheme_uri, "schemeUri");
        let numbered = self.text(&mut f.award_number, "awardNumber");
        let linked = self.text(&mut f.award_uri, "awardUri");
        let titled = self.text(&mut f.award_title, "awardTitle");
        named || identified || numbered || linked || titled
    }

    /// A related item is kept when anything of it is left.
    fn related_item(&mut self, item: &mut RelatedItem) -> bool {
        self.vocab(&mut item.related_item_type, "relatedItemType");
        self.vocab(&mut item.relation_type, "relationType");
        self.text(&mut item.relation_type_information, "relationTypeInformation");
        if let Some(id) = &mut item.related_item_identifier {
            let at = self.enter("relatedItemIdentifier");
            let mark = self.diagnostics.len();
            self.vocab(&mut id.related_item_identifier_type, "relatedItemIdentifierType");
            self.text(&mut id.related_metadata_scheme, "relatedMetadataScheme");
            self.text(&mut id.scheme_uri, "schemeUri");
            self.text(&mut id.scheme_type, "schemeType");
            let keep = self.required(&mut id.related_item_identifier, "relatedItemIdentifier");
            if !keep {
                self.left_out(mark, "the related item identifier has no identifier; it is left out".to_owned());
            }
            self.leave(at);
            if !keep {
                item.related_item_identifier = None;
            }
        }
        self.entries(&mut item.creators, "creators", |t, c| {
            t.person(&mut c.name, &mut c.name_type, &mut c.given_name, &mut c.family_name, &mut c.lang)
        });
        self.entries(&mut item.titles, "titles", Self::title);
        for (value, key) in [
            (&mut item.publication_year, "publicationYear"),
            (&mut item.volume, "volume"),
            (&mut item.issue, "issue"),
            (&mut item.number, "number"),
            (&mut item.first_page, "firstPage"),
            (&mut item.last_page, "lastPage"),
            (&mut item.publisher, "publisher"),
            (&mut item.edition, "edition"),
        ] {
            self.text(value, key);
        }
        self.vocab(&mut item.number_type, "numberType");
        self.entries(&mut item.contributors, "contributors", |t, c| {
            t.vocab(&mut c.contributor_type, "contributorType");
            t.person(&mut c.name, &mut c.name_type, &mut c.given_name, &mut c.family_name, &mut c.lang)
        });
        *item != RelatedItem::default()
    }

    /// A geo location is kept when any place, point, box or polygon is left.
    fn geo_location(&mut self, g: &mut GeoLocation) -> bool {
        self.texts(&mut g.places, "geoLocationPlace");
        self.entries(&mut g.points, "geoLocationPoint", Self::point);
        self.entries(&mut g.boxes, "geoLocationBox", Self::geo_box);
        self.entries(&mut g.polygons, "geoLocationPolygon", Self::polygon);
        !g.is_empty()
    }

    /// A point needs both coordinates (as the XSD says, and as the XML reader reads one).
    fn point(&mut self, p: &mut Point) -> bool {
        let latitude = self.coordinate(&mut p.point_latitude, "pointLatitude");
        let longitude = self.coordinate(&mut p.point_longitude, "pointLongitude");
        latitude && longitude
    }

    /// A box needs all four bounds.
    fn geo_box(&mut self, b: &mut GeoBox) -> bool {
        let mut all = true;
        for (value, key) in [
            (&mut b.west_bound_longitude, "westBoundLongitude"),
            (&mut b.east_bound_longitude, "eastBoundLongitude"),
            (&mut b.south_bound_latitude, "southBoundLatitude"),
            (&mut b.north_bound_latitude, "northBoundLatitude"),
        ] {
            all &= self.coordinate(value, key);
        }
        all
    }

    fn polygon(&mut self, polygon: &mut Polygon) -> bool {
        self.entries(&mut polygon.points, "polygonPoint", Self::point);
        if let Some(inside) = &mut polygon.in_polygon_point {
            let at = self.enter("inPolygonPoint");
            let mark = self.diagnostics.len();
            let keep = self.point(inside);
            if !keep {
                self.left_out(mark, format!("the in-polygon point {}; it is left out", what_makes("inPolygonPoint")));
            }
            self.leave(at);
            if !keep {
                polygon.in_polygon_point = None;
            }
        }
        !polygon.points.is_empty() || polygon.in_polygon_point.is_some()
    }

    fn coordinate(&mut self, value: &mut Coordinate, key: &str) -> bool {
        self.required(&mut value.0, key)
    }

    // ----- the building blocks -----

    /// An optional text: blank becomes absent, white space around it goes. True when a value is left.
    fn text(&mut self, value: &mut Option<String>, key: &str) -> bool {
        let Some(text) = value else { return false };
        if self.required(text, key) {
            return true;
        }
        *value = None;
        false
    }

    /// A text that is always there (empty meaning absent): blank becomes empty, white space
    /// around it goes. True when a value is left.
    fn required(&mut self, text: &mut String, key: &str) -> bool {
        self.clean(text, key, key)
    }

    /// [`Self::required`] for the value at `key` of the current path (`""`: the current path
    /// itself), named `name` in messages.
    fn clean(&mut self, text: &mut String, key: &str, name: &str) -> bool {
        self.clean_as(text, key, name, Breaks::Spaces)
    }

    /// [`Self::clean`], with line and paragraph separators treated as `breaks` says.
    fn clean_as(&mut self, text: &mut String, key: &str, name: &str, breaks: Breaks) -> bool {
        if text.is_empty() {
            return false;
        }
        self.characters(text, key, name, breaks);
        let kept = trimmed(text);
        if kept.is_empty() {
            let message = format!("\"{name}\" holds only white space; it is left out");
            self.report(key, Diagnostic::info(codes::VALUE_EMPTY, message));
            text.clear();
            return false;
        }
        if kept.len() != text.len() {
            let kept = kept.to_owned();
            let message = format!("white space around \"{name}\" is not part of its value");
            self.report(key, Diagnostic::info(codes::VALUE_TRIMMED, message));
            *text = kept;
        }
        true
    }

    /// The characters of a value that are not text (see the module's documentation): fixed in
    /// place, each kind reported once per value. True when the value changed.
    fn characters(&mut self, text: &mut String, key: &str, name: &str, breaks: Breaks) -> bool {
        // Most values hold none of them: looked for in the bytes, without decoding characters.
        if !holds_non_text(text.as_bytes()) {
            return false;
        }
        let mut found = Found::default();
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if let Some(mapped) = cp1252_for_c1(c) {
                found.cp1252.add(format!("{} → \"{mapped}\"", code_point(c)));
                out.push(mapped);
            } else if is_stray_control(c) {
                found.controls.add(code_point(c));
            } else if c == LINE_BREAK && breaks == Breaks::Kept {
                out.push(c);
            } else if c == LINE_BREAK || c == '\u{2029}' {
                found.separators.add(code_point(c));
                out.push_str(if c == '\u{2029}' && breaks == Breaks::Kept { "\n\n" } else { " " });
            } else {
                if is_bidi_control(c) {
                    found.bidi.add(code_point(c));
                }
                out.push(c);
            }
        }
        if found.cp1252.count > 0 {
            let message = format!(
                "\"{name}\" holds C1 control characters that stand for Windows-1252 characters (the text was decoded as Latin-1 on its way): {}; read as those characters",
                found.cp1252.list()
            );
            self.report(key, Diagnostic::warning(codes::TEXT_CP1252, message));
        }
        if found.controls.count > 0 {
            let message = format!(
                "\"{name}\" holds control characters that are not text ({}); they are dropped",
                found.controls.list()
            );
            self.report(key, Diagnostic::warning(codes::TEXT_CONTROL, message));
        }
        if found.separators.count > 0 {
            let becomes = match breaks {
                Breaks::Kept => "U+2029 became a blank line, the description's paragraph break",
                Breaks::Spaces => "each became a space, since the value keeps no line breaks of that kind",
            };
            let message =
                format!("\"{name}\" holds line or paragraph separators ({}); {becomes}", found.separators.list());
            self.report(key, Diagnostic::info(codes::TEXT_SEPARATOR, message));
        }
        if found.bidi.count > 0 {
            let message = format!(
                "\"{name}\" holds controls of bidirectional text ({}); they are kept (right-to-left text needs them), but they can make the displayed text read in another order than it is written",
                found.bidi.list()
            );
            self.report(key, Diagnostic::warning(codes::TEXT_BIDI, message));
        }
        let changed = found.changed();
        if changed {
            *text = out;
        }
        changed
    }

    /// A controlled value: blank becomes absent; one with white space around it is looked up
    /// without it.
    fn vocab<V: Vocabulary>(&mut self, value: &mut Option<V>, key: &str) {
        let Some(v) = value else { return };
        if v.is_known() {
            return;
        }
        let mut checked = v.as_str().to_owned();
        if self.characters(&mut checked, key, key, Breaks::Spaces) {
            // Looked up again without what is not text.
            *v = match V::lookup(&checked) {
                (known, Match::Exact) => known,
                _ => V::unknown(&checked),
            };
        }
        let text = v.as_str();
        let kept = trimmed(text);
        if kept.is_empty() {
            self.report(key, Diagnostic::info(codes::VALUE_EMPTY, format!("\"{key}\" is blank; it is left out")));
            *value = None;
        } else if kept.len() != text.len() {
            let looked_up = match V::lookup(kept) {
                (known, Match::Exact) => known,
                _ => V::unknown(kept),
            };
            self.report(
                key,
                Diagnostic::info(
                    codes::VALUE_TRIMMED,
                    format!("white space around \"{key}\" is not part of its value"),
                ),
            );
            *value = Some(looked_up);
        }
    }

    /// A list of texts: blank entries are left out, white space around the others goes.
    fn texts(&mut self, list: &mut Vec<String>, key: &str) {
        let at = self.enter(key);
        let mut index = 0usize;
        list.retain_mut(|text| {
            let here = self.enter(index);
            let mark = self.diagnostics.len();
            index = index.saturating_add(1);
            let keep = self.clean(text, "", key);
            if !keep {
                self.left_out(mark, format!("an empty entry of \"{key}\" is left out"));
            }
            self.leave(here);
            keep
        });
        self.leave(at);
    }

    /// A list of entries: each is tidied by `tidy_entry`, which says whether it is still an
    /// entry; those that are not are left out, reported.
    fn entries<T>(&mut self, list: &mut Vec<T>, key: &str, mut tidy_entry: impl FnMut(&mut Self, &mut T) -> bool) {
        if list.is_empty() {
            return;
        }
        let at = self.enter(key);
        let mut index = 0usize;
        list.retain_mut(|entry| {
            let here = self.enter(index);
            let mark = self.diagnostics.len();
            index = index.saturating_add(1);
            let keep = tidy_entry(self, entry);
            if !keep {
                self.left_out(mark, entry_left_out(key));
            }
            self.leave(here);
            keep
        });
        self.leave(at);
    }

    /// Reports that the value at the current path is left out; what was said about its parts
    /// since `mark` (blank or trimmed fields) goes, as those parts go with it.
    fn left_out(&mut self, mark: usize, message: String) {
        self.diagnostics.truncate(mark);
        let location = Location::path(self.path.clone());
        self.diagnostics.push(Diagnostic::warning(codes::REQUIRED_MISSING, message).at(location));
    }

    /// Reports a change to the value `key` of the current path (`""`: the current path itself).
    fn report(&mut self, key: &str, diagnostic: Diagnostic) {
        let here = if key.is_empty() { self.path.len() } else { self.enter(key) };
        let location = Location::path(self.path.clone());
        self.diagnostics.push(diagnostic.at(location));
        self.leave(here);
    }

    fn enter(&mut self, segment: impl PathSegment) -> usize {
        let len = self.path.len();
        self.path.push('/');
        segment.push_to(&mut self.path);
        len
    }

    fn leave(&mut self, len: usize) {
        self.path.truncate(len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::{Creator, Date, Subject, Title};
    use crate::vocab::{DateType, TitleType};

    fn paths(diagnostics: &[Diagnostic]) -> Vec<(&str, &str)> {
        diagnostics.iter().map(|d| (d.code.as_ref(), d.location.path.as_deref().unwrap_or(""))).collect()
    }

    #[test]
    fn a_tidy_resource_is_untouched() {
        let mut r = Resource::default();
        r.titles.push(Title::new("A"));
        r.dates.push(Date { date: "2020".into(), date_type: Some(DateType::Issued), date_information: None });
        let before = r.clone();
        assert!(tidy(&mut r).is_empty());
        assert_eq!(r, before);
    }

    #[test]
    fn entries_without_their_text_are_left_out_and_reported_where_they_were() {
        let mut r = Resource::default();
        r.titles.push(Title { title: " ".into(), title_type: Some(TitleType::Subtitle), lang: None });
        r.titles.push(Title::new("Kept"));
        r.subjects.push(Subject { value_uri: Some("https://example.org/s".into()), ..Subject::default() });
        r.subjects.push(Subject { lang: Some("en".into()), ..Subject::default() });
        let d = tidy(&mut r);
        assert_eq!(r.titles, vec![Title::new("Kept")]);
        assert_eq!(r.subjects.len(), 1);
        assert_eq!(paths(&d), [("required.missing", "/titles/0"), ("required.missing", "/subjects/1")]);
        assert!(d[0].message.contains("\"title\""), "{}", d[0].message);
    }

    #[test]
    fn a_person_is_kept_for_any_name_identifier_or_affiliation() {
        let mut r = Resource::default();
        let mut only_affiliated = Creator::default();
        only_affiliated.affiliation.push(Affiliation::named("Lab"));
        let mut empty_affiliation = Creator::default();
        empty_affiliation.affiliation.push(Affiliation { lang: Some("en".into()), ..Affiliation::default() });
        r.creators = vec![only_affiliated.clone(), empty_affiliation];
        let d = tidy(&mut r);
        assert_eq!(r.creators, vec![only_affiliated]);
        assert_eq!(paths(&d), [("required.missing", "/creators/1")]);
    }

    #[test]
    fn blank_values_become_absent_and_unknown_vocabulary_is_looked_up_without_its_white_space() {
        let mut r = Resource {
            language: Some("\t".into()),
            titles: vec![Title { title: "T".into(), title_type: Some(TitleType::unknown(" Subtitle ")), lang: None }],
            sizes: vec!["".into(), "2 MB ".into()],
            publisher: Some(crate::resource::Publisher { lang: Some("en".into()), ..Default::default() }),
            ..Resource::default()
        };
        let d = tidy(&mut r);
        assert_eq!(r.language, None);
        assert_eq!(r.titles[0].title_type, Some(TitleType::Subtitle));
        assert_eq!(r.sizes, ["2 MB"]);
        assert_eq!(r.publisher, None);
        assert_eq!(
            paths(&d),
            [
                ("value.trimmed", "/titles/0/titleType"),
                ("required.missing", "/publisher"),
                ("value.empty", "/language"),
                ("required.missing", "/sizes/0"),
                ("value.trimmed", "/sizes/1"),
            ]
        );
    }

    #[test]
    fn indices_enter_the_path_as_decimal_numbers() {
        for n in [0usize, 7, 10, 99, 123, 1_000_000, usize::MAX] {
            let mut path = String::from("/creators/");
            n.push_to(&mut path);
            assert_eq!(path, format!("/creators/{n}"));
        }
    }

    #[test]
    fn the_byte_test_finds_exactly_the_characters_that_are_not_text() {
        let needs_a_look = |c: char| {
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || c == LINE_BREAK
                || c == '\u{2029}'
                || is_bidi_control(c)
        };
        for c in (0..0x3000).filter_map(char::from_u32).chain(['\u{FEFF}', '\u{1F600}', '\u{10FFFF}']) {
            let text = format!("a{c}b");
            assert_eq!(holds_non_text(text.as_bytes()), needs_a_look(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn characters_that_are_not_text_get_one_rule() {
        let mut r = Resource::default();
        r.titles.push(Title::new("Pre\u{96}post \u{93}q\u{94} bell\u{7}\u{0} end\u{81}"));
        r.titles.push(Title::new("one\u{2028}two\u{2029}three"));
        r.descriptions.push(crate::resource::Description {
            description: "line\u{2028}next\u{2029}para\u{1b}".into(),
            description_type: Some(crate::vocab::DescriptionType::Abstract),
            lang: None,
        });
        r.creators.push(Creator::named("\u{202E}evil\u{202C} name"));
        let d = tidy_and_note(&mut r);
        assert_eq!(r.titles[0].title, "Pre–post “q” bell end");
        assert_eq!(r.titles[1].title, "one two three");
        assert_eq!(r.descriptions[0].description, "line\u{2028}next\n\npara");
        assert_eq!(r.creators[0].name, "\u{202E}evil\u{202C} name", "kept");
        assert_eq!(
            paths(&d),
            [
                ("text.bidi", "/creators/0/name"),
                ("text.cp1252", "/titles/0/title"),
                ("text.control", "/titles/0/title"),
                ("text.separator", "/titles/1/title"),
                ("text.control", "/descriptions/0/description"),
                ("text.separator", "/descriptions/0/description"),
            ]
        );
        assert!(d[1].message.contains("U+0096 → \"–\", U+0093 → \"“\", U+0094 → \"”\""), "{}", d[1].message);
        assert!(d[2].message.contains("U+0007, U+0000, U+0081"), "{}", d[2].message);
        // Tidy again: nothing left to change, and the bidirectional controls are only a note.
        assert!(tidy(&mut r).is_empty());
        assert_eq!(paths(&tidy_and_note(&mut r)), [("text.bidi", "/creators/0/name")]);
        // A value of a controlled list is looked up without what is not text.
        let mut r = Resource::default();
        r.titles.push(Title { title: "T".into(), title_type: Some(TitleType::unknown("Sub\u{0}title")), lang: None });
        let d = tidy(&mut r);
        assert_eq!(r.titles[0].title_type, Some(TitleType::Subtitle));
        assert_eq!(paths(&d), [("text.control", "/titles/0/titleType")]);
    }

    #[test]
    fn geo_locations_keep_what_has_coordinates() {
        let mut r = Resource::default();
        let blank = Point { point_latitude: Coordinate::from(" "), point_longitude: Coordinate::default() };
        let half = Point { point_latitude: Coordinate::from("1"), point_longitude: Coordinate::default() };
        let whole = Point { point_latitude: Coordinate::from("1"), point_longitude: Coordinate::from("2") };
        let kept = GeoLocation { points: vec![whole.clone()], ..GeoLocation::default() };
        r.geo_locations.push(GeoLocation { points: vec![blank.clone(), half, whole], ..GeoLocation::default() });
        r.geo_locations.push(GeoLocation {
            polygons: vec![Polygon { points: vec![blank.clone()], in_polygon_point: Some(blank) }],
            ..GeoLocation::default()
        });
        let d = tidy(&mut r);
        assert_eq!(r.geo_locations, vec![kept]);
        assert_eq!(
            paths(&d),
            [
                ("required.missing", "/geoLocations/0/geoLocationPoint/0"),
                ("required.missing", "/geoLocations/0/geoLocationPoint/1"),
                ("required.missing", "/geoLocations/1"),
            ]
        );
        assert!(d[1].message.contains("needs both"), "{}", d[1].message);
    }
}
