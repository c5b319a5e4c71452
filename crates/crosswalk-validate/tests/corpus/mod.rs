//! The mutation corpus: documents derived from the hand-written valid base documents in
//! `tests/fixtures/` by removing, repeating, emptying, reordering and rewriting their parts, for
//! the conformance test to compare verdicts on (Crosswalk's schema against DataCite's).
//!
//! Each document has a name saying what was changed, so a disagreement names its cause.

use crosswalk_model::{
    ContributorType, DateType, DescriptionType, FunderIdentifierType, NameType, NumberType, RelatedIdentifierType,
    RelationType, ResourceTypeGeneral, TitleType, Vocabulary,
};
use roxmltree::{Document, Node};

/// One corpus document.
pub struct Case {
    /// What was done to which base document.
    pub name: String,
    /// The document.
    pub xml: String,
}

/// The base documents, valid against both schemas.
pub fn bases() -> Vec<(&'static str, String)> {
    // From the crate directory of either user (this crate, or crosswalk-robustness beside it).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../crosswalk-validate/tests/fixtures");
    ["minimal", "full", "prefixed"]
        .into_iter()
        .map(|name| (name, std::fs::read_to_string(dir.join(format!("{name}.xml"))).expect("read a base document")))
        .collect()
}

/// `text` with `range` replaced by `with`.
fn splice(text: &str, range: std::ops::Range<usize>, with: &str) -> String {
    format!("{}{with}{}", &text[..range.start], &text[range.end..])
}

/// A readable path of a node, for case names.
fn label(node: Node<'_, '_>) -> String {
    let mut steps: Vec<String> = node
        .ancestors()
        .filter(Node::is_element)
        .map(|n| {
            let same = n.prev_siblings().filter(|s| s.is_element() && s.tag_name() == n.tag_name()).count();
            format!("{}[{}]", n.tag_name().name(), same)
        })
        .collect();
    steps.reverse();
    steps.join("/")
}

/// Every mutation of every base document.
pub fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for (base, xml) in bases() {
        cases.push(Case { name: format!("{base}: unchanged"), xml: xml.clone() });
        structural(base, &xml, &mut cases);
    }
    let full = bases().into_iter().find(|(name, _)| *name == "full").map(|(_, xml)| xml).expect("full base");
    vocabularies(&full, &mut cases);
    values(&full, &mut cases);
    namespaces(&full, &mut cases);
    order(&full, &mut cases);
    schema_quirks(&full, &mut cases);
    cases
}

/// Removing, repeating and emptying each element; removing, emptying and garbling each attribute.
fn structural(base: &str, xml: &str, cases: &mut Vec<Case>) {
    let doc = Document::parse(xml).expect("base documents parse");
    for node in doc.descendants().filter(Node::is_element) {
        let range = node.range();
        let element = &xml[range.clone()];
        if node.parent().is_some_and(|p| p.is_element()) {
            cases.push(Case { name: format!("{base}: remove {}", label(node)), xml: splice(xml, range.clone(), "") });
            cases.push(Case {
                name: format!("{base}: repeat {}", label(node)),
                xml: splice(xml, range.end..range.end, element),
            });
        }
        let text_children: Vec<_> = node.children().filter(|c| c.is_text()).collect();
        if node.children().all(|c| c.is_text()) && !text_children.is_empty() {
            let first = text_children.first().map(|t| t.range()).unwrap_or(0..0);
            cases.push(Case { name: format!("{base}: empty {}", label(node)), xml: splice(xml, first.clone(), "") });
            cases.push(Case { name: format!("{base}: spaces in {}", label(node)), xml: splice(xml, first, "   ") });
        }
        for attribute in node.attributes() {
            let what = format!("{}/@{}", label(node), attribute.name());
            cases.push(Case { name: format!("{base}: remove {what}"), xml: splice(xml, attribute.range(), "") });
            cases.push(Case { name: format!("{base}: empty {what}"), xml: splice(xml, attribute.range_value(), "") });
            cases.push(Case {
                name: format!("{base}: garble {what}"),
                xml: splice(xml, attribute.range_value(), "not a value at all"),
            });
        }
    }
}

/// The value of the first attribute named `name` replaced by `value`.
fn set_attribute(xml: &str, name: &str, value: &str) -> String {
    let doc = Document::parse(xml).expect("parses");
    let attribute = doc
        .descendants()
        .flat_map(|n| n.attributes().collect::<Vec<_>>())
        .find(|a| a.name() == name)
        .unwrap_or_else(|| panic!("no attribute {name}"));
    splice(xml, attribute.range_value(), value)
}

/// The text of the first element named `name` (its first text child) replaced by `value`.
fn set_text(xml: &str, name: &str, value: &str) -> String {
    let doc = Document::parse(xml).expect("parses");
    let node = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == name)
        .unwrap_or_else(|| panic!("no element {name}"));
    match node.children().find(|c| c.is_text()) {
        Some(text) => splice(xml, text.range(), value),
        None => {
            let end = node.range().end;
            let open_end = xml[node.range()].find("/>").map(|i| node.range().start + i).expect("an empty element");
            splice(xml, open_end..end, &format!(">{value}</{}>", node.tag_name().name()))
        }
    }
}

/// `fragment` inserted just before the end tag of the first element named `parent`.
fn insert_into(xml: &str, parent: &str, fragment: &str) -> String {
    let close = format!("</{parent}>");
    let at = xml.find(&close).unwrap_or_else(|| panic!("no </{parent}>"));
    splice(xml, at..at, fragment)
}

/// Every value of each controlled list, and near misses (other case, a space, unknown).
fn vocabularies(full: &str, cases: &mut Vec<Case>) {
    fn list<V: Vocabulary>(full: &str, attribute: &str, cases: &mut Vec<Case>) {
        for value in V::VALUES {
            cases.push(Case { name: format!("{attribute}={value}"), xml: set_attribute(full, attribute, value) });
        }
        let first = V::VALUES.first().copied().unwrap_or("x");
        for bad in [first.to_lowercase(), format!(" {first}"), format!("{first} "), "Unknown".to_owned(), String::new()]
        {
            cases.push(Case { name: format!("{attribute}={bad:?}"), xml: set_attribute(full, attribute, &bad) });
        }
    }
    list::<ResourceTypeGeneral>(full, "resourceTypeGeneral", cases);
    list::<ResourceTypeGeneral>(full, "relatedItemType", cases);
    list::<NameType>(full, "nameType", cases);
    list::<TitleType>(full, "titleType", cases);
    list::<ContributorType>(full, "contributorType", cases);
    list::<DateType>(full, "dateType", cases);
    list::<DescriptionType>(full, "descriptionType", cases);
    list::<FunderIdentifierType>(full, "funderIdentifierType", cases);
    list::<NumberType>(full, "numberType", cases);
    list::<RelatedIdentifierType>(full, "relatedIdentifierType", cases);
    list::<RelatedIdentifierType>(full, "relatedItemIdentifierType", cases);
    list::<RelationType>(full, "relationType", cases);
    // Values from older kernels that 4.7 dropped or never had.
    for (attribute, value) in [
        ("contributorType", "Funder"),
        ("resourceTypeGeneral", "Film"),
        ("relationType", "isPartOf"),
        ("dateType", "StartDate"),
        ("relatedIdentifierType", "arxiv"),
    ] {
        cases.push(Case {
            name: format!("{attribute}={value} (old kernel)"),
            xml: set_attribute(full, attribute, value),
        });
    }
}

/// Values with a form: years, languages, coordinates, URIs, required non-empty texts.
fn values(full: &str, cases: &mut Vec<Case>) {
    for year in ["2020", " 2020 ", "\n2020\n", "20", "20200", "abcd", "٢٠٢٠", "-202", "2020-01", "0000", "2 020"] {
        cases.push(Case { name: format!("publicationYear {year:?}"), xml: set_text(full, "publicationYear", year) });
    }
    // The DOI's form is not checked by the schema since kernel 4.2: any non-empty text.
    for doi in ["10.5072/X", "not a doi", "https://doi.org/10.5072/x", "10.5072/with space", "\t"] {
        cases.push(Case { name: format!("identifier {doi:?}"), xml: set_text(full, "identifier", doi) });
        cases.push(Case { name: format!("relatedIdentifier {doi:?}"), xml: set_text(full, "relatedIdentifier", doi) });
    }
    for language in
        ["en", "en-GB", "EN", "de-CH-1996", "en_GB", "", "english-language-x", "toolongsubtag", "x-klingon", "e"]
    {
        cases.push(Case { name: format!("language {language:?}"), xml: set_text(full, "language", language) });
    }
    for lang in ["", "en", "e n", "en-", "zh-Hant-TW", "123"] {
        cases.push(Case { name: format!("xml:lang {lang:?}"), xml: set_attribute(full, "lang", lang) });
    }
    for (element, values) in [
        (
            "pointLatitude",
            &["0", "-90", "90", "90.0001", "-91", "1e1", "1e2", "INF", "NaN", "abc", " 12 ", "+5", ""][..],
        ),
        ("pointLongitude", &["180", "-180", "180.5", "-180.0001", "-INF", "0x10", "1,5"][..]),
        ("westBoundLongitude", &["181", "-179.99"][..]),
        ("northBoundLatitude", &["95", "-0"][..]),
    ] {
        for value in values {
            cases.push(Case { name: format!("{element} {value:?}"), xml: set_text(full, element, value) });
        }
    }
    for (attribute, value) in [
        ("schemeURI", "not a uri but text"),
        ("schemeURI", "https://example.org/a b"),
        ("rightsURI", "%zz"),
        ("rightsURI", ""),
        ("valueURI", "::"),
        ("awardURI", "https://[::1"),
        ("classificationCode", "551.46 x"),
    ] {
        cases.push(Case { name: format!("{attribute} {value:?}"), xml: set_attribute(full, attribute, value) });
    }
    for (element, value) in [
        ("identifier", ""),
        ("identifier", " "),
        ("publisher", ""),
        ("contributorName", ""),
        ("creatorName", ""),
        ("funderName", ""),
        ("nameIdentifier", ""),
        ("affiliation", ""),
        ("title", ""),
        ("date", "not a date"),
        ("date", ""),
        ("size", ""),
        ("version", ""),
        ("geoLocationPlace", ""),
        ("awardTitle", ""),
    ] {
        cases.push(Case { name: format!("{element} text {value:?}"), xml: set_text(full, element, value) });
    }
}

/// Wrong, missing and mixed namespaces.
fn namespaces(full: &str, cases: &mut Vec<Case>) {
    const KERNEL_4: &str = "http://datacite.org/schema/kernel-4";
    for namespace in [
        "http://datacite.org/schema/kernel-3",
        "http://datacite.org/schema/kernel-4.0",
        "http://datacite.org/schema/kernel-4/",
        "https://datacite.org/schema/kernel-4",
    ] {
        cases.push(Case {
            name: format!("namespace {namespace}"),
            xml: full.replacen(&format!("xmlns=\"{KERNEL_4}\""), &format!("xmlns=\"{namespace}\""), 1),
        });
    }
    cases.push(Case { name: "no namespace".into(), xml: full.replacen(&format!(" xmlns=\"{KERNEL_4}\""), "", 1) });
    cases.push(Case {
        name: "foreign element".into(),
        xml: insert_into(full, "resource", "<x:extra xmlns:x=\"http://example.org/x\">1</x:extra>"),
    });
    cases.push(Case {
        name: "title in no namespace".into(),
        xml: full.replacen("<title xml:lang=\"en\">", "<title xmlns=\"\" xml:lang=\"en\">", 1),
    });
    cases.push(Case {
        name: "foreign attribute".into(),
        xml: full.replacen("<publisher ", "<publisher xmlns:x=\"http://example.org/x\" x:note=\"n\" ", 1),
    });
    cases.push(Case {
        name: "root named record".into(),
        xml: full.replacen("<resource ", "<record ", 1).replace("</resource>", "</record>"),
    });
}

/// Element order: free among the resource's properties and a geoLocation's parts, fixed in the
/// sequences (creator, polygon, related item).
fn order(full: &str, cases: &mut Vec<Case>) {
    let swap = |first: &str, second: &str| -> String {
        let doc = Document::parse(full).expect("parses");
        let find = |name: &str| {
            doc.descendants()
                .find(|n| n.is_element() && n.tag_name().name() == name)
                .map(|n| n.range())
                .expect("element")
        };
        let (a, b) = (find(first), find(second));
        let (a_text, b_text) = (&full[a.clone()], &full[b.clone()]);
        let (early, late, early_text, late_text) =
            if a.start < b.start { (a, b, b_text, a_text) } else { (b, a, a_text, b_text) };
        format!("{}{early_text}{}{late_text}{}", &full[..early.start], &full[early.end..late.start], &full[late.end..])
    };
    for (first, second) in [
        ("identifier", "relatedItems"),
        ("creators", "titles"),
        ("publicationYear", "language"),
        ("givenName", "familyName"),
        ("creatorName", "givenName"),
        ("givenName", "nameIdentifier"),
        ("nameIdentifier", "affiliation"),
        ("geoLocationPlace", "geoLocationPolygon"),
        ("geoLocationPoint", "geoLocationBox"),
        ("pointLongitude", "pointLatitude"),
        ("westBoundLongitude", "northBoundLatitude"),
        ("polygonPoint", "inPolygonPoint"),
        ("funderName", "awardTitle"),
        ("relatedItemIdentifier", "contributors"),
        ("volume", "issue"),
        ("firstPage", "lastPage"),
        ("edition", "publisher"),
    ] {
        cases.push(Case { name: format!("swap {first} and {second}"), xml: swap(first, second) });
    }
}

/// The official schema's leniencies and type subtleties: untyped elements, xsi:type, polygons,
/// mixed descriptions.
fn schema_quirks(full: &str, cases: &mut Vec<Case>) {
    let xsi = "http://www.w3.org/2001/XMLSchema-instance";
    let replace = |from: &str, to: &str| full.replacen(from, to, 1);
    let quirks: Vec<(&str, String)> = vec![
        ("child element in givenName", replace("<givenName>Grace</givenName>", "<givenName><b>Grace</b></givenName>")),
        (
            "kernel-4 resource inside affiliation",
            replace("<affiliation>Example Institute</affiliation>", "<affiliation><resource/></affiliation>"),
        ),
        ("unknown attribute on givenName", replace("<givenName>Grace</givenName>", "<givenName foo=\"1\">Grace</givenName>")),
        ("xml:space=preserve on givenName", replace("<givenName>Grace</givenName>", "<givenName xml:space=\"preserve\">Grace</givenName>")),
        ("xml:space=bogus on givenName", replace("<givenName>Grace</givenName>", "<givenName xml:space=\"bogus\">Grace</givenName>")),
        ("xml:lang=bad on familyName", replace("<familyName>Hopper</familyName>", "<familyName xml:lang=\"not valid!\">Hopper</familyName>")),
        ("xml:id twice", replace("<givenName>Grace</givenName>", "<givenName xml:id=\"a\">Grace</givenName>").replacen("<familyName>Hopper</familyName>", "<familyName xml:id=\"a\">Hopper</familyName>", 1)),
        ("xml:base on awardTitle", replace("<awardTitle>", "<awardTitle xml:base=\"https://example.org/\">")),
        ("xml:lang on creator", replace("<creator>", "<creator xml:lang=\"en\">")),
        (
            "xsi:type nameIdentifier without scheme",
            replace(
                "<nameIdentifier nameIdentifierScheme=\"ISNI\" schemeURI=\"https://isni.org/isni/\">",
                &format!("<nameIdentifier xmlns:d=\"http://datacite.org/schema/kernel-4\" xmlns:i=\"{xsi}\" i:type=\"d:nameIdentifier\">"),
            ),
        ),
        (
            "xsi:type nameIdentifier with scheme",
            replace(
                "<nameIdentifier nameIdentifierScheme=\"ISNI\"",
                "<nameIdentifier xmlns:d=\"http://datacite.org/schema/kernel-4\" xsi:type=\"d:nameIdentifier\" nameIdentifierScheme=\"ISNI\"",
            ),
        ),
        (
            "xsi:type affiliation, empty",
            replace(
                "<affiliation>Example Institute</affiliation>",
                "<affiliation xmlns:d=\"http://datacite.org/schema/kernel-4\" xsi:type=\"d:affiliation\"></affiliation>",
            ),
        ),
        (
            "xsi:type edtf on givenName, a date",
            replace("<givenName>Grace</givenName>", "<givenName xmlns:d=\"http://datacite.org/schema/kernel-4\" xsi:type=\"d:edtf\">19??-0?~</givenName>"),
        ),
        (
            "xsi:type edtf on givenName, a name",
            replace("<givenName>Grace</givenName>", "<givenName xmlns:d=\"http://datacite.org/schema/kernel-4\" xsi:type=\"d:edtf\">Grace</givenName>"),
        ),
        (
            "xsi:type edtf on givenName, range",
            replace("<givenName>Grace</givenName>", "<givenName xmlns:d=\"http://datacite.org/schema/kernel-4\" xsi:type=\"d:edtf\">unknown/2001-02</givenName>"),
        ),
        (
            "xsi:type edtf on givenName, compact",
            replace("<givenName>Grace</givenName>", "<givenName xmlns:d=\"http://datacite.org/schema/kernel-4\" xsi:type=\"d:edtf\">200412??~</givenName>"),
        ),
        (
            "xsi:type edtf on givenName, date-time",
            replace("<givenName>Grace</givenName>", "<givenName xmlns:d=\"http://datacite.org/schema/kernel-4\" xsi:type=\"d:edtf\">-2004-12-01T10:00:00Z</givenName>"),
        ),
        (
            "xsi:type yearType on publicationYear",
            replace("<publicationYear>", "<publicationYear xmlns:d=\"http://datacite.org/schema/kernel-4\" xsi:type=\"d:yearType\">"),
        ),
        (
            "xsi:type yearType on volume",
            replace("<volume>7</volume>", "<volume xmlns:d=\"http://datacite.org/schema/kernel-4\" xsi:type=\"d:yearType\">7</volume>"),
        ),
        (
            "xsi:type point on geoLocationPlace",
            replace("<geoLocationPlace>Atlantic Ocean</geoLocationPlace>", "<geoLocationPlace xmlns:d=\"http://datacite.org/schema/kernel-4\" xsi:type=\"d:point\">Atlantic Ocean</geoLocationPlace>"),
        ),
        (
            "xsi:type nonemptycontentStringType on awardTitle, empty",
            replace("<awardTitle>Tests for everyone</awardTitle>", "<awardTitle xmlns:d=\"http://datacite.org/schema/kernel-4\" xsi:type=\"d:nonemptycontentStringType\"></awardTitle>"),
        ),
        (
            "xsi:type latitudeType on edition",
            replace("<edition>1</edition>", "<edition xmlns:d=\"http://datacite.org/schema/kernel-4\" xsi:type=\"d:latitudeType\">91</edition>"),
        ),
        (
            "xsi:type resourceType on firstPage",
            replace("<firstPage>1</firstPage>", "<firstPage xmlns:d=\"http://datacite.org/schema/kernel-4\" xsi:type=\"d:resourceType\">Dataset</firstPage>"),
        ),
        (
            "xsi:type of an unknown type",
            replace("<firstPage>1</firstPage>", "<firstPage xmlns:d=\"http://datacite.org/schema/kernel-4\" xsi:type=\"d:pageType\">1</firstPage>"),
        ),
        ("xsi:type xs:string on title", replace("<title xml:lang=\"en\">", "<title xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:string\" xml:lang=\"en\">")),
        ("xsi:type xs:string on size", replace("<size>3 GB</size>", "<size xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:string\">3 GB</size>")),
        ("xsi:type xs:integer on size", replace("<size>3 GB</size>", "<size xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:integer\">3 GB</size>")),
        ("xsi:nil on version", replace("<version>1.2</version>", "<version xsi:nil=\"true\"/>")),
        ("polygon with three points", {
            let point = "<polygonPoint><pointLongitude>-72.126</pointLongitude><pointLatitude>39.622</pointLatitude></polygonPoint>";
            replace(point, "")
        }),
        ("two inPolygonPoints", replace("</inPolygonPoint>", "</inPolygonPoint><inPolygonPoint><pointLongitude>1</pointLongitude><pointLatitude>1</pointLatitude></inPolygonPoint>")),
        ("empty geoLocation", replace("<geoLocations>", "<geoLocations><geoLocation/>")),
        ("two places in one geoLocation", replace("<geoLocationPlace>", "<geoLocationPlace>Second</geoLocationPlace><geoLocationPlace>")),
        ("point missing latitude", replace("<pointLatitude>31.233</pointLatitude>", "")),
        ("empty point", replace("<geoLocationPoint>", "<geoLocationPoint></geoLocationPoint><geoLocationPoint>")),
        ("description with an em element", replace("First paragraph.", "First <em>paragraph</em>.")),
        ("br with text", replace("<br/>", "<br>x</br>")),
        ("br with attribute", replace("<br/>", "<br clear=\"all\"/>")),
        ("description only br", replace("First paragraph.<br/>Second paragraph.", "<br/><br/>")),
        ("text inside creators", replace("<creators>", "<creators>stray text")),
        ("comment and PI inside title", replace("<title xml:lang=\"en\">", "<title xml:lang=\"en\"><!-- note --><?pi x?>")),
        ("CDATA title", replace("A record with every property", "<![CDATA[A <record> & more]]>")),
        ("character references", replace("A record with every property", "A &#x263A; &amp; &lt;record&gt;")),
        ("empty wrappers", replace("<sizes>", "<sizes></sizes><formats></formats><sizes>")),
        ("empty subjects wrapper", replace("<subject>metadata</subject>", "")),
        ("empty creators wrapper", {
            let doc = Document::parse(full).expect("parses");
            let creators = doc.descendants().find(|n| n.has_tag_name("creators")).expect("creators").range();
            splice(full, creators, "<creators></creators>")
        }),
        ("empty titles wrapper", {
            let doc = Document::parse(full).expect("parses");
            let titles = doc.descendants().find(|n| n.has_tag_name("titles")).expect("titles").range();
            splice(full, titles, "<titles/>")
        }),
        ("related item without parts", replace("<relatedItems>", "<relatedItems><relatedItem relatedItemType=\"Book\" relationType=\"Cites\"/>")),
        ("related item creator without name", replace("<creatorName nameType=\"Personal\">Editor, Erin</creatorName>", "")),
        ("funding reference without name", replace("<funderName>Example Research Foundation</funderName>", "")),
        ("funding reference, two awards", replace("<awardTitle>", "<awardNumber>2</awardNumber><awardTitle>")),
        ("resourceType with child", replace("Measurements</resourceType>", "<b>Measurements</b></resourceType>")),
        ("identifier without type", replace(" identifierType=\"DOI\"", "")),
        ("identifier type URL", replace("identifierType=\"DOI\"", "identifierType=\"URL\"")),
        ("not well-formed: unclosed", replace("</titles>", "")),
        ("not well-formed: bad entity", replace("Measurements", "Measure&ments")),
        ("not well-formed: two roots", format!("{full}<resource/>")),
        ("not well-formed: bad char", replace("Measurements", "Measure\u{1}ments")),
        ("UTF-8 BOM", format!("\u{feff}{full}")),
        ("no XML declaration", full.split_once("?>").map(|(_, rest)| rest.trim_start().to_owned()).unwrap_or_default()),
        ("latin-1 declared, ASCII content", full.replacen("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", 1)),
        ("xsi:schemaLocation to nowhere", replace("<resource ", "<resource xsi:schemaLocation=\"http://datacite.org/schema/kernel-4 http://example.invalid/none.xsd\" ")),
    ];
    for (name, xml) in quirks {
        cases.push(Case { name: name.to_owned(), xml });
    }
}
