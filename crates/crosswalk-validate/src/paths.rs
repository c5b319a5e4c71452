//! Paths between the two forms of a DataCite record: XML element paths
//! (`/resource/creators/creator[1]/nameIdentifier[1]`) and JSON pointers into the REST
//! `attributes` form (`/creators/0/nameIdentifiers/0`), and finding an element of a path in the
//! XML text.
//!
//! Element paths follow the convention of Crosswalk's DataCite XML reader: a 1-based index on
//! every element that may repeat (or that does), none on single elements; `/@name` names an
//! attribute. Both directions use one table of the kernel-4 structure ([`RESOURCE`]).

use crosswalk_model::Location;
use crosswalk_text::json::{push_key, unescape_segment};
use crosswalk_text::LineIndex;

/// True when elements named `name` may repeat among their siblings.
pub(crate) fn is_repeatable(name: &str) -> bool {
    crosswalk_model::diagnostic::is_repeatable_xml_element(name)
}

/// Joins `(name, index)` steps into an element path.
pub(crate) fn join_steps<'a>(steps: impl Iterator<Item = (&'a str, Option<usize>)>) -> String {
    let mut path = String::new();
    for (name, index) in steps {
        path.push('/');
        path.push_str(name);
        if let Some(index) = index {
            path.push('[');
            path.push_str(&index.to_string());
            path.push(']');
        }
    }
    path
}

/// How an element appears in the REST form.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// A list wrapper (`creators`): the JSON key of the list; its children are [`Kind::Item`]s.
    Wrapper(&'static str),
    /// One entry of the parent wrapper's list: an array index.
    Item,
    /// A repeated element without wrapper (`nameIdentifier`): a list under this key.
    Unwrapped(&'static str),
    /// A geoLocation part: one value under this key, or a list when there are several.
    OneOrList(&'static str),
    /// One point of a polygon: an entry of the polygon's list, holding a `polygonPoint` object.
    PolygonEntry,
    /// A nested object under this key (`publisher`, `types`).
    Object(&'static str),
    /// A value of the enclosing object under this key; its attributes are keys of that object.
    Field(&'static str),
    /// Part of the enclosing element's value (`br` in a description).
    Same,
}

/// One element of the kernel-4 structure.
#[derive(Clone, Copy)]
struct Element {
    /// The XML name.
    xml: &'static str,
    kind: Kind,
    /// The JSON key of the element's text, when it is an object with a text member.
    text: Option<&'static str>,
    /// Attributes: (XML name, JSON key).
    attributes: &'static [(&'static str, &'static str)],
    children: &'static [Element],
}

const fn el(xml: &'static str, kind: Kind) -> Element {
    Element { xml, kind, text: None, attributes: &[], children: &[] }
}

const fn field(xml: &'static str, key: &'static str) -> Element {
    el(xml, Kind::Field(key))
}

const LANG: (&str, &str) = ("xml:lang", "lang");
const SCHEME_URI: (&str, &str) = ("schemeURI", "schemeUri");

const GIVEN_NAME: Element = field("givenName", "givenName");
const FAMILY_NAME: Element = field("familyName", "familyName");

const CREATOR_NAME: Element = Element { attributes: &[("nameType", "nameType"), LANG], ..field("creatorName", "name") };
const CONTRIBUTOR_NAME: Element =
    Element { attributes: &[("nameType", "nameType"), LANG], ..field("contributorName", "name") };

const NAME_IDENTIFIER: Element = Element {
    text: Some("nameIdentifier"),
    attributes: &[("nameIdentifierScheme", "nameIdentifierScheme"), SCHEME_URI],
    ..el("nameIdentifier", Kind::Unwrapped("nameIdentifiers"))
};

const AFFILIATION: Element = Element {
    text: Some("name"),
    attributes: &[
        ("affiliationIdentifier", "affiliationIdentifier"),
        ("affiliationIdentifierScheme", "affiliationIdentifierScheme"),
        SCHEME_URI,
        LANG,
    ],
    ..el("affiliation", Kind::Unwrapped("affiliation"))
};

const CREATOR: &[Element] = &[CREATOR_NAME, GIVEN_NAME, FAMILY_NAME, NAME_IDENTIFIER, AFFILIATION];

const CONTRIBUTOR: &[Element] = &[CONTRIBUTOR_NAME, GIVEN_NAME, FAMILY_NAME, NAME_IDENTIFIER, AFFILIATION];

const TITLE: Element =
    Element { text: Some("title"), attributes: &[("titleType", "titleType"), LANG], ..el("title", Kind::Item) };

const POINT: &[Element] = &[field("pointLongitude", "pointLongitude"), field("pointLatitude", "pointLatitude")];

const RELATED_ITEM: &[Element] = &[
    Element {
        text: Some("relatedItemIdentifier"),
        attributes: &[
            ("relatedItemIdentifierType", "relatedItemIdentifierType"),
            ("relatedMetadataScheme", "relatedMetadataScheme"),
            SCHEME_URI,
            ("schemeType", "schemeType"),
        ],
        ..el("relatedItemIdentifier", Kind::Object("relatedItemIdentifier"))
    },
    Element {
        children: &[Element { children: &[CREATOR_NAME, GIVEN_NAME, FAMILY_NAME], ..el("creator", Kind::Item) }],
        ..el("creators", Kind::Wrapper("creators"))
    },
    Element { children: &[TITLE], ..el("titles", Kind::Wrapper("titles")) },
    field("publicationYear", "publicationYear"),
    field("volume", "volume"),
    field("issue", "issue"),
    Element { attributes: &[("numberType", "numberType")], ..field("number", "number") },
    field("firstPage", "firstPage"),
    field("lastPage", "lastPage"),
    field("publisher", "publisher"),
    field("edition", "edition"),
    Element {
        children: &[Element {
            attributes: &[("contributorType", "contributorType")],
            children: &[CONTRIBUTOR_NAME, GIVEN_NAME, FAMILY_NAME],
            ..el("contributor", Kind::Item)
        }],
        ..el("contributors", Kind::Wrapper("contributors"))
    },
];

/// The kernel-4 `resource` element and everything under it.
const RESOURCE: &[Element] = &[
    field("identifier", "doi"),
    Element {
        children: &[Element { children: CREATOR, ..el("creator", Kind::Item) }],
        ..el("creators", Kind::Wrapper("creators"))
    },
    Element { children: &[TITLE], ..el("titles", Kind::Wrapper("titles")) },
    Element {
        text: Some("name"),
        attributes: &[
            ("publisherIdentifier", "publisherIdentifier"),
            ("publisherIdentifierScheme", "publisherIdentifierScheme"),
            SCHEME_URI,
            LANG,
        ],
        ..el("publisher", Kind::Object("publisher"))
    },
    field("publicationYear", "publicationYear"),
    Element {
        text: Some("resourceType"),
        attributes: &[("resourceTypeGeneral", "resourceTypeGeneral")],
        ..el("resourceType", Kind::Object("types"))
    },
    Element {
        children: &[Element {
            text: Some("subject"),
            attributes: &[
                ("subjectScheme", "subjectScheme"),
                SCHEME_URI,
                ("valueURI", "valueUri"),
                ("classificationCode", "classificationCode"),
                LANG,
            ],
            ..el("subject", Kind::Item)
        }],
        ..el("subjects", Kind::Wrapper("subjects"))
    },
    Element {
        children: &[Element {
            attributes: &[("contributorType", "contributorType")],
            children: CONTRIBUTOR,
            ..el("contributor", Kind::Item)
        }],
        ..el("contributors", Kind::Wrapper("contributors"))
    },
    Element {
        children: &[Element {
            text: Some("date"),
            attributes: &[("dateType", "dateType"), ("dateInformation", "dateInformation")],
            ..el("date", Kind::Item)
        }],
        ..el("dates", Kind::Wrapper("dates"))
    },
    field("language", "language"),
    Element {
        children: &[Element {
            text: Some("alternateIdentifier"),
            attributes: &[("alternateIdentifierType", "alternateIdentifierType")],
            ..el("alternateIdentifier", Kind::Item)
        }],
        ..el("alternateIdentifiers", Kind::Wrapper("alternateIdentifiers"))
    },
    Element {
        children: &[Element {
            text: Some("relatedIdentifier"),
            attributes: &[
                ("resourceTypeGeneral", "resourceTypeGeneral"),
                ("relatedIdentifierType", "relatedIdentifierType"),
                ("relationType", "relationType"),
                ("relatedMetadataScheme", "relatedMetadataScheme"),
                SCHEME_URI,
                ("schemeType", "schemeType"),
                ("relationTypeInformation", "relationTypeInformation"),
            ],
            ..el("relatedIdentifier", Kind::Item)
        }],
        ..el("relatedIdentifiers", Kind::Wrapper("relatedIdentifiers"))
    },
    Element { children: &[el("size", Kind::Item)], ..el("sizes", Kind::Wrapper("sizes")) },
    Element { children: &[el("format", Kind::Item)], ..el("formats", Kind::Wrapper("formats")) },
    field("version", "version"),
    Element {
        children: &[Element {
            text: Some("rights"),
            attributes: &[
                ("rightsURI", "rightsUri"),
                ("rightsIdentifier", "rightsIdentifier"),
                ("rightsIdentifierScheme", "rightsIdentifierScheme"),
                SCHEME_URI,
                LANG,
            ],
            ..el("rights", Kind::Item)
        }],
        ..el("rightsList", Kind::Wrapper("rightsList"))
    },
    Element {
        children: &[Element {
            text: Some("description"),
            attributes: &[("descriptionType", "descriptionType"), LANG],
            children: &[el("br", Kind::Same)],
            ..el("description", Kind::Item)
        }],
        ..el("descriptions", Kind::Wrapper("descriptions"))
    },
    Element {
        children: &[Element {
            children: &[
                el("geoLocationPlace", Kind::OneOrList("geoLocationPlace")),
                Element { children: POINT, ..el("geoLocationPoint", Kind::OneOrList("geoLocationPoint")) },
                Element {
                    children: &[
                        field("westBoundLongitude", "westBoundLongitude"),
                        field("eastBoundLongitude", "eastBoundLongitude"),
                        field("southBoundLatitude", "southBoundLatitude"),
                        field("northBoundLatitude", "northBoundLatitude"),
                    ],
                    ..el("geoLocationBox", Kind::OneOrList("geoLocationBox"))
                },
                Element {
                    children: &[
                        Element { children: POINT, ..el("polygonPoint", Kind::PolygonEntry) },
                        Element { children: POINT, ..el("inPolygonPoint", Kind::Same) },
                    ],
                    ..el("geoLocationPolygon", Kind::OneOrList("geoLocationPolygon"))
                },
            ],
            ..el("geoLocation", Kind::Item)
        }],
        ..el("geoLocations", Kind::Wrapper("geoLocations"))
    },
    Element {
        children: &[Element {
            children: &[
                field("funderName", "funderName"),
                Element {
                    attributes: &[("funderIdentifierType", "funderIdentifierType"), SCHEME_URI],
                    ..field("funderIdentifier", "funderIdentifier")
                },
                Element { attributes: &[("awardURI", "awardUri")], ..field("awardNumber", "awardNumber") },
                field("awardTitle", "awardTitle"),
            ],
            ..el("fundingReference", Kind::Item)
        }],
        ..el("fundingReferences", Kind::Wrapper("fundingReferences"))
    },
    Element {
        children: &[Element {
            attributes: &[
                ("relatedItemType", "relatedItemType"),
                ("relationType", "relationType"),
                ("relationTypeInformation", "relationTypeInformation"),
            ],
            children: RELATED_ITEM,
            ..el("relatedItem", Kind::Item)
        }],
        ..el("relatedItems", Kind::Wrapper("relatedItems"))
    },
];

/// One step of an element path: a name and its 1-based index (1 when absent).
fn parse_step(step: &str) -> Option<(&str, usize)> {
    match step.split_once('[') {
        Some((name, rest)) => {
            let index = rest.strip_suffix(']')?.parse::<usize>().ok().filter(|&i| i > 0)?;
            Some((name, index))
        }
        None => Some((step, 1)),
    }
}

/// The local part of a possibly prefixed name (`dc:creator` → `creator`); `xml:lang` is kept.
fn local(name: &str) -> &str {
    if name.starts_with("xml:") {
        return name;
    }
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// The JSON pointer into the REST `attributes` form of the element (or attribute) at an XML
/// element path, or `None` when the path is not a kernel-4 path.
///
/// Indices are 1-based in paths and 0-based in pointers. A geoLocation's place, point, box or
/// polygon maps to a list index only from the second one on, since the REST form writes a single
/// one as a value. A step without index counts as the first.
///
/// ```
/// use crosswalk_validate::xml_path_to_pointer;
///
/// let pointer = xml_path_to_pointer("/resource/creators/creator[1]/nameIdentifier[1]");
/// assert_eq!(pointer.as_deref(), Some("/creators/0/nameIdentifiers/0"));
/// let pointer = xml_path_to_pointer("/resource/resourceType/@resourceTypeGeneral");
/// assert_eq!(pointer.as_deref(), Some("/types/resourceTypeGeneral"));
/// assert_eq!(xml_path_to_pointer("/resource/creators/creator[2]/creatorName").as_deref(), Some("/creators/1/name"));
/// ```
pub fn xml_path_to_pointer(path: &str) -> Option<String> {
    let mut steps = path.strip_prefix('/')?.split('/');
    let (root, _) = parse_step(steps.next()?)?;
    if local(root) != "resource" {
        return None;
    }
    let mut pointer = String::new();
    // The pointer of the object that holds the current element's fields.
    let mut owner = String::new();
    let mut elements = RESOURCE;
    let mut current: Option<&Element> = None;
    for step in steps {
        if let Some(attribute) = step.strip_prefix('@') {
            let element = current?;
            let attribute = local(attribute);
            return Some(match element.attributes.iter().find(|(xml, _)| *xml == attribute) {
                Some((_, key)) => {
                    let mut base = if matches!(element.kind, Kind::Field(_)) { owner } else { pointer };
                    push_key(&mut base, key);
                    base
                }
                None => pointer,
            });
        }
        let (name, index) = parse_step(step)?;
        let element = elements.iter().find(|e| e.xml == local(name))?;
        let before = pointer.clone();
        match element.kind {
            Kind::Wrapper(key) | Kind::Object(key) | Kind::Field(key) => push_key(&mut pointer, key),
            Kind::Item => pointer.push_str(&format!("/{}", index.saturating_sub(1))),
            Kind::Unwrapped(key) => {
                push_key(&mut pointer, key);
                pointer.push_str(&format!("/{}", index.saturating_sub(1)));
            }
            Kind::OneOrList(key) => {
                push_key(&mut pointer, key);
                if index > 1 {
                    pointer.push_str(&format!("/{}", index.saturating_sub(1)));
                }
            }
            Kind::PolygonEntry => pointer.push_str(&format!("/{}/polygonPoint", index.saturating_sub(1))),
            Kind::Same => {}
        }
        owner = before;
        elements = element.children;
        current = Some(element);
    }
    Some(pointer)
}

/// The XML element path of a JSON pointer into the REST form, for locating a model-level finding
/// in an XML source: `/creators/0/nameIdentifiers/0` → `/resource/creators/creator[1]/nameIdentifier[1]`.
///
/// A pointer to an attribute-backed key ends in `/@name`; a pointer to an element's text member
/// (`/titles/0/title`) gives the element. `None` when the pointer has no kernel-4 counterpart
/// (`/url`, `/types/schemaOrg`).
///
/// ```
/// use crosswalk_validate::pointer_to_xml_path;
///
/// assert_eq!(pointer_to_xml_path("/creators/0/nameIdentifiers/0").as_deref(),
///            Some("/resource/creators/creator[1]/nameIdentifier[1]"));
/// assert_eq!(pointer_to_xml_path("/types/resourceTypeGeneral").as_deref(),
///            Some("/resource/resourceType/@resourceTypeGeneral"));
/// assert_eq!(pointer_to_xml_path("/publicationYear").as_deref(), Some("/resource/publicationYear"));
/// ```
pub fn pointer_to_xml_path(pointer: &str) -> Option<String> {
    let segments: Vec<String> = if pointer.is_empty() {
        Vec::new()
    } else {
        pointer.strip_prefix('/')?.split('/').map(|s| unescape_segment(s).into_owned()).collect()
    };
    let mut path = String::from("/resource");
    let mut elements = RESOURCE;
    let mut current: Option<&Element> = None;
    let mut rest = segments.iter().map(String::as_str).peekable();
    while let Some(segment) = rest.next() {
        // A key of the current object: its text, one of its attributes, or an attribute of one
        // of its field elements.
        if let Some(element) = current {
            if element.text == Some(segment) {
                return rest.next().is_none().then_some(path);
            }
            if let Some((xml, _)) = element.attributes.iter().find(|(_, key)| *key == segment) {
                return rest.next().is_none().then(|| format!("{path}/@{xml}"));
            }
        }
        if let Some((child, (xml, _))) = elements
            .iter()
            .filter(|e| matches!(e.kind, Kind::Field(_)))
            .find_map(|e| e.attributes.iter().find(|(_, key)| *key == segment).map(|attribute| (e, attribute)))
        {
            return rest.next().is_none().then(|| format!("{path}/{}/@{xml}", child.xml));
        }
        let element = elements.iter().find(|e| match e.kind {
            Kind::Wrapper(key) | Kind::Object(key) | Kind::Field(key) | Kind::Unwrapped(key) | Kind::OneOrList(key) => {
                key == segment
            }
            _ => false,
        })?;
        path.push('/');
        path.push_str(element.xml);
        match element.kind {
            Kind::Wrapper(_) => {
                let index: usize = rest.next()?.parse().ok()?;
                let item = element.children.first()?;
                path.push_str(&format!("/{}[{}]", item.xml, index.saturating_add(1)));
                elements = item.children;
                current = Some(item);
                continue;
            }
            Kind::Unwrapped(_) => {
                let index: usize = rest.next()?.parse().ok()?;
                path.push_str(&format!("[{}]", index.saturating_add(1)));
            }
            Kind::OneOrList(_) if element.xml == "geoLocationPolygon" => {
                // One polygon is a list of entries (`/<entry>/polygonPoint`), several are a list
                // of such lists (`/<polygon>/<entry>/polygonPoint`).
                let mut numbers = Vec::new();
                while let Some(number) = rest.peek().and_then(|s| s.parse::<usize>().ok()) {
                    rest.next();
                    numbers.push(number);
                }
                let (polygon, entry) = match (numbers.as_slice(), rest.peek()) {
                    ([], _) => (0, None),
                    ([polygon], None) => (*polygon, None),
                    ([entry], Some(_)) => (0, Some(*entry)),
                    ([polygon, entry], _) => (*polygon, Some(*entry)),
                    _ => return None,
                };
                path.push_str(&format!("[{}]", polygon.saturating_add(1)));
                if let Some(entry) = entry {
                    let key = rest.next()?;
                    let point = element.children.iter().find(|e| e.xml == key)?;
                    path.push_str(&format!("/{}", point.xml));
                    if point.xml == "polygonPoint" {
                        path.push_str(&format!("[{}]", entry.saturating_add(1)));
                    }
                    elements = point.children;
                    current = Some(point);
                    continue;
                }
            }
            Kind::OneOrList(_) => {
                let index = match rest.peek().and_then(|s| s.parse::<usize>().ok()) {
                    Some(index) => {
                        rest.next();
                        index
                    }
                    None => 0,
                };
                path.push_str(&format!("[{}]", index.saturating_add(1)));
            }
            _ => {}
        }
        elements = element.children;
        current = Some(element);
    }
    Some(path)
}

/// The `line:column` of the start tag of the element at `xml_path` in `xml_text` (of the
/// attribute, for a path ending in `/@name`), with the path itself; `None` when the text does not
/// parse or has no such element. Steps match local names; a step without index is the first.
///
/// ```
/// use crosswalk_validate::locate;
///
/// let xml = "<resource xmlns=\"http://datacite.org/schema/kernel-4\">\n  <titles>\n    <title>A</title>\n    <title xml:lang=\"en\">B</title>\n  </titles>\n</resource>";
/// let location = locate(xml, "/resource/titles/title[2]").unwrap();
/// assert_eq!((location.line, location.column), (Some(4), Some(5)));
/// let location = locate(xml, "/resource/titles/title[2]/@xml:lang").unwrap();
/// assert_eq!((location.line, location.column), (Some(4), Some(12)));
/// ```
pub fn locate(xml_text: &str, xml_path: &str) -> Option<Location> {
    let document = roxmltree::Document::parse(xml_text).ok()?;
    let offset = offset_of(&document, xml_path)?;
    let index = LineIndex::new(xml_text);
    Some(index.location(xml_text, offset).with_path(xml_path))
}

/// The byte offset in the document's text of the element or attribute at `xml_path`.
pub(crate) fn offset_of(document: &roxmltree::Document<'_>, xml_path: &str) -> Option<usize> {
    let mut steps = xml_path.strip_prefix('/')?.split('/');
    let root = document.root_element();
    let (name, index) = parse_step(steps.next()?)?;
    if root.tag_name().name() != local(name) || index != 1 {
        return None;
    }
    let mut node = root;
    for step in steps {
        if let Some(attribute) = step.strip_prefix('@') {
            let (prefix_is_xml, name) = match attribute.strip_prefix("xml:") {
                Some(name) => (true, name),
                None => (false, local(attribute)),
            };
            let found = node.attributes().find(|a| {
                a.name() == name && (a.namespace() == Some("http://www.w3.org/XML/1998/namespace")) == prefix_is_xml
            })?;
            return Some(found.range().start);
        }
        let (name, index) = parse_step(step)?;
        let name = local(name);
        node =
            node.children().filter(|c| c.is_element() && c.tag_name().name() == name).nth(index.saturating_sub(1))?;
    }
    Some(node.range().start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_paths_map_to_pointers() {
        let cases = [
            ("/resource/identifier", "/doi"),
            ("/resource/identifier/@identifierType", "/doi"),
            ("/resource/creators", "/creators"),
            ("/resource/creators/creator[3]", "/creators/2"),
            ("/resource/creators/creator[1]/creatorName/@nameType", "/creators/0/nameType"),
            ("/resource/creators/creator[1]/creatorName/@xml:lang", "/creators/0/lang"),
            ("/resource/creators/creator[1]/affiliation[2]/@schemeURI", "/creators/0/affiliation/1/schemeUri"),
            ("/resource/contributors/contributor[1]/@contributorType", "/contributors/0/contributorType"),
            ("/resource/titles/title[2]/@titleType", "/titles/1/titleType"),
            ("/resource/publisher/@schemeURI", "/publisher/schemeUri"),
            ("/resource/resourceType", "/types"),
            ("/resource/subjects/subject[1]/@valueURI", "/subjects/0/valueUri"),
            ("/resource/dates/date[2]", "/dates/1"),
            ("/resource/sizes/size[1]", "/sizes/0"),
            ("/resource/rightsList/rights[1]/@rightsURI", "/rightsList/0/rightsUri"),
            ("/resource/descriptions/description[1]/br[2]", "/descriptions/0"),
            ("/resource/geoLocations/geoLocation[1]/geoLocationPlace[1]", "/geoLocations/0/geoLocationPlace"),
            (
                "/resource/geoLocations/geoLocation[1]/geoLocationPoint[2]/pointLatitude",
                "/geoLocations/0/geoLocationPoint/1/pointLatitude",
            ),
            (
                "/resource/geoLocations/geoLocation[1]/geoLocationPolygon[1]/polygonPoint[3]/pointLongitude",
                "/geoLocations/0/geoLocationPolygon/2/polygonPoint/pointLongitude",
            ),
            (
                "/resource/fundingReferences/fundingReference[1]/funderIdentifier/@funderIdentifierType",
                "/fundingReferences/0/funderIdentifierType",
            ),
            ("/resource/fundingReferences/fundingReference[1]/awardNumber/@awardURI", "/fundingReferences/0/awardUri"),
            ("/resource/relatedItems/relatedItem[1]/number/@numberType", "/relatedItems/0/numberType"),
            (
                "/resource/relatedItems/relatedItem[1]/creators/creator[2]/creatorName",
                "/relatedItems/0/creators/1/name",
            ),
            (
                "/resource/relatedItems/relatedItem[1]/relatedItemIdentifier/@relatedItemIdentifierType",
                "/relatedItems/0/relatedItemIdentifier/relatedItemIdentifierType",
            ),
            ("/dc:resource/dc:titles/dc:title[1]", "/titles/0"),
        ];
        for (path, pointer) in cases {
            assert_eq!(xml_path_to_pointer(path).as_deref(), Some(pointer), "{path}");
        }
        assert_eq!(xml_path_to_pointer("/record/titles"), None);
        assert_eq!(xml_path_to_pointer("/resource/unknown"), None);
        assert_eq!(xml_path_to_pointer("/resource/creators/creator[0]"), None);
    }

    #[test]
    fn pointers_map_to_xml_paths() {
        let cases = [
            ("/doi", "/resource/identifier"),
            ("/creators/1", "/resource/creators/creator[2]"),
            ("/creators/0/name", "/resource/creators/creator[1]/creatorName"),
            ("/creators/0/nameType", "/resource/creators/creator[1]/creatorName/@nameType"),
            ("/creators/0/nameIdentifiers/1/nameIdentifier", "/resource/creators/creator[1]/nameIdentifier[2]"),
            (
                "/creators/0/affiliation/0/affiliationIdentifier",
                "/resource/creators/creator[1]/affiliation[1]/@affiliationIdentifier",
            ),
            ("/contributors/0/contributorType", "/resource/contributors/contributor[1]/@contributorType"),
            ("/titles/0/title", "/resource/titles/title[1]"),
            ("/titles/0/lang", "/resource/titles/title[1]/@xml:lang"),
            ("/publisher/name", "/resource/publisher"),
            ("/types/resourceType", "/resource/resourceType"),
            ("/language", "/resource/language"),
            ("/rightsList/0/rightsIdentifier", "/resource/rightsList/rights[1]/@rightsIdentifier"),
            (
                "/fundingReferences/0/funderIdentifierType",
                "/resource/fundingReferences/fundingReference[1]/funderIdentifier/@funderIdentifierType",
            ),
            ("/fundingReferences/0/awardUri", "/resource/fundingReferences/fundingReference[1]/awardNumber/@awardURI"),
            (
                "/geoLocations/0/geoLocationPoint/pointLatitude",
                "/resource/geoLocations/geoLocation[1]/geoLocationPoint[1]/pointLatitude",
            ),
            ("/geoLocations/0/geoLocationPlace/1", "/resource/geoLocations/geoLocation[1]/geoLocationPlace[2]"),
            (
                "/geoLocations/0/geoLocationPolygon/3/polygonPoint/pointLatitude",
                "/resource/geoLocations/geoLocation[1]/geoLocationPolygon[1]/polygonPoint[4]/pointLatitude",
            ),
            (
                "/geoLocations/0/geoLocationPolygon/1/0/polygonPoint",
                "/resource/geoLocations/geoLocation[1]/geoLocationPolygon[2]/polygonPoint[1]",
            ),
            (
                "/relatedItems/0/relatedItemIdentifier/relatedItemIdentifierType",
                "/resource/relatedItems/relatedItem[1]/relatedItemIdentifier/@relatedItemIdentifierType",
            ),
            ("/relatedItems/0/numberType", "/resource/relatedItems/relatedItem[1]/number/@numberType"),
            ("/relatedItems/0/titles/0", "/resource/relatedItems/relatedItem[1]/titles/title[1]"),
        ];
        for (pointer, path) in cases {
            assert_eq!(pointer_to_xml_path(pointer).as_deref(), Some(path), "{pointer}");
        }
        assert_eq!(pointer_to_xml_path("/url"), None);
        assert_eq!(pointer_to_xml_path("/creators/x"), None);
        assert_eq!(pointer_to_xml_path("no-slash"), None);
        assert!(pointer_to_xml_path(&format!("/creators/{}", usize::MAX)).is_some());
    }

    #[test]
    fn round_trips() {
        for path in [
            "/resource/creators/creator[2]/nameIdentifier[1]",
            "/resource/titles/title[1]/@titleType",
            "/resource/relatedItems/relatedItem[2]/contributors/contributor[1]/contributorName",
            "/resource/fundingReferences/fundingReference[1]/funderName",
        ] {
            let pointer = xml_path_to_pointer(path).unwrap();
            assert_eq!(pointer_to_xml_path(&pointer).as_deref(), Some(path), "{pointer}");
        }
    }

    #[test]
    fn locates_elements_and_attributes() {
        let xml = "<r:resource xmlns:r=\"http://datacite.org/schema/kernel-4\">\n<r:creators><r:creator><r:creatorName/></r:creator><r:creator>\n  <r:creatorName nameType=\"Personal\">x</r:creatorName></r:creator></r:creators></r:resource>";
        let at = locate(xml, "/resource/creators/creator[2]/creatorName").unwrap();
        assert_eq!((at.line, at.column), (Some(3), Some(3)));
        let at = locate(xml, "/resource/creators/creator[2]/creatorName/@nameType").unwrap();
        assert_eq!((at.line, at.column), (Some(3), Some(18)));
        assert_eq!(at.path.as_deref(), Some("/resource/creators/creator[2]/creatorName/@nameType"));
        assert!(locate(xml, "/resource/creators/creator[3]").is_none());
        assert!(locate("<not-xml", "/resource").is_none());
    }
}
