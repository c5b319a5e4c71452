//! Merging the metadata of the embedded `xml` attribute with the JSON attributes beside it.
//!
//! Which side wins depends on what the document is:
//!
//! - In a **request payload** (what a client sends to `POST`/`PUT /dois`) the attributes win, as
//!   the REST API stores them: an attribute given (not `null`, not empty) replaces the XML's whole
//!   property ([`Rule::AttributesWin`]).
//! - In a **response** (`GET /dois/{id}`, a list item) the XML is the stored record and the
//!   attributes are the API's reduced view of it: affiliations as plain names without their ROR
//!   ids, the publisher as a name, lists left empty or cut short. The XML wins, and the attributes
//!   only fill what it lacks ([`Rule::XmlWins`]): a whole property the XML does not have, and
//!   within a property the details of an entry that both sides hold (matched, see below) that the
//!   XML's entry lacks. An entry of the attributes that matches none of the XML is not added: the
//!   XML's list stands.
//!
//! Either way, every value the losing side held that the winning side lacks is a [`Finding`] of
//! kind [`Kind::Lost`], which the reader reports as a warning, down to the single detail (an
//! affiliation's identifier, a title's language), so that nothing vanishes unsaid.
//!
//! The comparison works on the model's REST form (`serde_json::to_value` of each property), so
//! that one walk covers every property. Entries of two lists are matched by what identifies them
//! ([`same_entry`]): a person by a name identifier or the name, an affiliation by its identifier
//! or name, a title by its text, a related identifier by identifier and relation, and so on; an
//! entry left unmatched is matched with the entry at the same position when both lists have the
//! same length (the API's view keeps the XML's order), except geo locations, which match only
//! when equal. Values are the same when they say the same: texts equal after collapsing white
//! space and DataCite's `<br/>` line breaks, numbers equal as numbers (`2016` and `"2016"`),
//! identifiers equal ignoring case, scheme and resolver (`0000-0002-7285-027X` and
//! `https://orcid.org/0000-0002-7285-027X`), and derived types (`types.ris`, …) not compared.

use serde_json::{Map, Value};

use super::pointer::Seg;

/// Which side of the document wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Rule {
    /// A request payload: an attribute given replaces the XML's property.
    AttributesWin,
    /// A response: the XML is the record, the attributes fill only what it lacks.
    XmlWins,
}

/// What happened to one value of the losing side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// The winner lacked it, and it was taken over (only under [`Rule::XmlWins`]).
    Filled,
    /// The winner lacks it or holds another value, and it is not used.
    Lost,
}

/// One value of the losing side that the winner did not hold as it is.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Finding {
    /// Filled or lost.
    pub kind: Kind,
    /// The path of the value in the loser's property (below the property's key).
    pub loser_at: Vec<Seg>,
    /// The path of the place in the winner's property that stands for it: the value itself when
    /// the winner has one there, else the nearest entry or object that both sides hold.
    pub winner_at: Vec<Seg>,
    /// The loser's value.
    pub value: Value,
    /// The winner's value at the same place, when it has a different one.
    pub kept: Option<Value>,
}

/// Merges the loser's property `key` into the winner's; both are the model's REST form of the
/// property (`Value::Null` when unset). With `fill`, the winner takes what it lacks (the value
/// is changed in place); without, it is left as it is. Returns what the loser held that the
/// winner did not.
pub(super) fn merge(key: &str, winner: &mut Value, loser: &Value, fill: bool) -> Vec<Finding> {
    let mut walk = Walk { fill, findings: Vec::new() };
    let mut loser = loser.clone();
    normalise(key, winner);
    normalise(key, &mut loser);
    walk.value(key, winner, &loser, &mut Vec::new(), &mut Vec::new());
    walk.findings
}

/// True when two values of property `key` say the same (see the module's documentation).
pub(super) fn equivalent(key: &str, a: &Value, b: &Value) -> bool {
    let (mut a, mut b) = (a.clone(), b.clone());
    normalise(key, &mut a);
    normalise(key, &mut b);
    same_value(key, &a, &b)
}

/// Brings the one property whose REST form has two shapes into one: a publisher with only a name
/// is written as a string, otherwise as an object.
fn normalise(key: &str, value: &mut Value) {
    if key == "publisher" {
        if let Value::String(name) = value {
            let mut object = Map::new();
            object.insert("name".to_owned(), Value::String(std::mem::take(name)));
            *value = Value::Object(object);
        }
    }
}

/// The derived citation types: the model derives them from the resource type, so they are not
/// values of either side.
const DERIVED: &[&str] = &["schemaOrg", "citeproc", "bibtex", "ris"];

struct Walk {
    fill: bool,
    findings: Vec<Finding>,
}

impl Walk {
    /// Merges `loser` into `winner`, both found under member `key` (the property's own key at the
    /// top), at `w_at` and `l_at`.
    fn value(&mut self, key: &str, winner: &mut Value, loser: &Value, w_at: &mut Vec<Seg>, l_at: &mut Vec<Seg>) {
        match (&mut *winner, loser) {
            (_, Value::Null) => {}
            (Value::Null, _) => {
                let kind = if self.fill { Kind::Filled } else { Kind::Lost };
                self.found(kind, w_at, l_at, loser, None);
                if self.fill {
                    *winner = loser.clone();
                }
            }
            (Value::Object(w), Value::Object(l)) => {
                for (member, l_value) in l {
                    if key == "types" && DERIVED.contains(&member.as_str()) {
                        continue;
                    }
                    w_at.push(Seg::Key(member.clone()));
                    l_at.push(Seg::Key(member.clone()));
                    match w.get_mut(member) {
                        Some(w_value) => self.value(member, w_value, l_value, w_at, l_at),
                        None => {
                            let mut slot = Value::Null;
                            // The place that stands for it in the winner is the object.
                            w_at.pop();
                            self.value(member, &mut slot, l_value, w_at, l_at);
                            w_at.push(Seg::Key(member.clone()));
                            if !slot.is_null() {
                                w.insert(member.clone(), slot);
                            }
                        }
                    }
                    w_at.pop();
                    l_at.pop();
                }
            }
            (Value::Array(w), Value::Array(l)) => self.list(key, w, l, w_at, l_at),
            (w, l) => {
                if !same_value(key, w, l) {
                    let kept = Some(w.clone());
                    self.found(Kind::Lost, w_at, l_at, l, kept);
                }
            }
        }
    }

    /// Merges the entries of list `key`: each of the loser's entries into the winner's entry it
    /// matches; an entry matching none is lost.
    fn list(&mut self, key: &str, w: &mut [Value], l: &[Value], w_at: &mut Vec<Seg>, l_at: &mut Vec<Seg>) {
        for (l_index, w_index) in pair(key, w, l).into_iter().enumerate() {
            let Some(l_entry) = l.get(l_index) else { continue };
            l_at.push(Seg::Index(l_index));
            match w_index.and_then(|i| w.get_mut(i).map(|entry| (i, entry))) {
                Some((i, w_entry)) => {
                    w_at.push(Seg::Index(i));
                    self.value(key, w_entry, l_entry, w_at, l_at);
                    w_at.pop();
                }
                None => self.found(Kind::Lost, w_at, l_at, l_entry, None),
            }
            l_at.pop();
        }
    }

    fn found(&mut self, kind: Kind, w_at: &[Seg], l_at: &[Seg], value: &Value, kept: Option<Value>) {
        self.findings.push(Finding {
            kind,
            loser_at: l_at.to_vec(),
            winner_at: w_at.to_vec(),
            value: value.clone(),
            kept,
        });
    }
}

/// For each entry of `l`, the index of the entry of `w` it matches, each used once: first the
/// entry at the same position, then any entry that is the same, then (lists of equal length) the
/// entries nothing matched, in order.
fn pair(key: &str, w: &[Value], l: &[Value]) -> Vec<Option<usize>> {
    let mut taken = vec![false; w.len()];
    let mut pairs: Vec<Option<usize>> = vec![None; l.len()];
    // Most often both lists are in the same order: one pass.
    for (index, ((w_entry, l_entry), slot)) in w.iter().zip(l).zip(pairs.iter_mut()).enumerate() {
        if same_entry(key, w_entry, l_entry) {
            *slot = Some(index);
            if let Some(used) = taken.get_mut(index) {
                *used = true;
            }
        }
    }
    for (l_entry, slot) in l.iter().zip(pairs.iter_mut()) {
        if slot.is_some() {
            continue;
        }
        let found = w.iter().zip(taken.iter()).position(|(w_entry, used)| !used && same_entry(key, w_entry, l_entry));
        if let Some(w_index) = found {
            *slot = Some(w_index);
            if let Some(used) = taken.get_mut(w_index) {
                *used = true;
            }
        }
    }
    // Lists of one length have as many entries left on each side: they pair up in order.
    if w.len() == l.len() && key != "geoLocations" {
        let free = taken.iter().enumerate().filter(|(_, used)| !**used).map(|(index, _)| index);
        for (slot, index) in pairs.iter_mut().filter(|slot| slot.is_none()).zip(free) {
            *slot = Some(index);
        }
    }
    pairs
}

/// True when two entries of list `key` stand for the same thing.
fn same_entry(key: &str, a: &Value, b: &Value) -> bool {
    let text = |v: &Value, member: &str| v.get(member).and_then(Value::as_str).map(str::to_owned);
    let same_text_at = |member: &str| match (text(a, member), text(b, member)) {
        (Some(x), Some(y)) => same_text(&x, &y),
        _ => false,
    };
    let same_id_at = |member: &str| match (text(a, member), text(b, member)) {
        (Some(x), Some(y)) => same_identifier(&x, &y),
        _ => false,
    };
    let agree_at = |member: &str| match (a.get(member), b.get(member)) {
        (Some(x), Some(y)) => same_value(member, x, y),
        _ => true,
    };
    match key {
        "creators" | "contributors" => {
            let ids = |v: &Value| -> Vec<String> {
                v.get("nameIdentifiers")
                    .and_then(Value::as_array)
                    .map(|list| list.iter().filter_map(|n| text(n, "nameIdentifier")).collect())
                    .unwrap_or_default()
            };
            let (a_ids, b_ids) = (ids(a), ids(b));
            let same_person = a_ids.iter().any(|x| b_ids.iter().any(|y| same_identifier(x, y))) || same_text_at("name");
            same_person && agree_at("contributorType")
        }
        "nameIdentifiers" => same_id_at("nameIdentifier"),
        "affiliation" => same_id_at("affiliationIdentifier") || same_text_at("name"),
        "alternateIdentifiers" => same_id_at("alternateIdentifier"),
        "titles" => same_text_at("title"),
        "subjects" => same_text_at("subject"),
        "dates" => same_text_at("date") && agree_at("dateType"),
        "relatedIdentifiers" => same_id_at("relatedIdentifier") && agree_at("relationType"),
        "relatedItems" => {
            let identifier = |v: &Value| v.get("relatedItemIdentifier").and_then(|i| text(i, "relatedItemIdentifier"));
            let first_title = |v: &Value| {
                v.get("titles").and_then(Value::as_array).and_then(|t| t.first()).and_then(|t| text(t, "title"))
            };
            match (identifier(a), identifier(b)) {
                (Some(x), Some(y)) => same_identifier(&x, &y),
                _ => matches!((first_title(a), first_title(b)), (Some(x), Some(y)) if same_text(&x, &y)),
            }
        }
        "rightsList" => same_id_at("rightsUri") || same_text_at("rights") || same_id_at("rightsIdentifier"),
        "descriptions" => same_text_at("description") && agree_at("descriptionType"),
        "fundingReferences" => {
            (same_id_at("funderIdentifier") || same_text_at("funderName")) && agree_at("awardNumber")
        }
        _ => same_value(key, a, b),
    }
}

/// True when two values under member `key` say the same.
fn same_value(key: &str, a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys = |o: &Map<String, Value>| -> Vec<String> {
                o.keys().filter(|k| !(key == "types" && DERIVED.contains(&k.as_str()))).cloned().collect()
            };
            keys(x) == keys(y)
                && keys(x).iter().all(|k| matches!((x.get(k), y.get(k)), (Some(p), Some(q)) if same_value(k, p, q)))
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(key, p, q)),
        (Value::String(x), Value::String(y)) => {
            same_text(x, y) || (is_identifier(key) && same_identifier(x, y)) || same_number(a, b)
        }
        (Value::Number(_), _) | (_, Value::Number(_)) => same_number(a, b),
        _ => a == b,
    }
}

/// The members that hold identifiers or URIs.
fn is_identifier(key: &str) -> bool {
    matches!(
        key,
        "nameIdentifier"
            | "affiliationIdentifier"
            | "publisherIdentifier"
            | "relatedIdentifier"
            | "alternateIdentifier"
            | "funderIdentifier"
            | "relatedItemIdentifier"
            | "rightsUri"
            | "schemeUri"
            | "valueUri"
            | "awardUri"
    )
}

/// Texts equal after collapsing white space and DataCite's `<br/>` line-break text, and with
/// the Unicode hyphens (U+2010, U+2011) taken for the ASCII one (the same word, typed another way).
fn same_text(a: &str, b: &str) -> bool {
    let words = |t: &str| {
        t.replace("<br/>", " ").replace(['\u{2010}', '\u{2011}'], "-").split_whitespace().collect::<Vec<_>>().join(" ")
    };
    a == b || words(a) == words(b)
}

/// Identifiers equal ignoring ASCII case, the scheme, `www.` and `doi:`, or one the other's
/// last path segments behind a resolver (`https://orcid.org/0000-0002-7285-027X` and
/// `0000-0002-7285-027X`).
pub(super) fn same_identifier(a: &str, b: &str) -> bool {
    fn bare(text: &str) -> String {
        let lower = text.trim().to_ascii_lowercase();
        let mut rest = lower.as_str();
        for prefix in ["https://", "http://", "doi:", "info:doi/"] {
            if let Some(stripped) = rest.strip_prefix(prefix) {
                rest = stripped;
            }
        }
        let rest = rest.strip_prefix("www.").unwrap_or(rest);
        let rest = rest.strip_prefix("dx.").unwrap_or(rest);
        rest.trim_end_matches('/').to_owned()
    }
    let (x, y) = (bare(a), bare(b));
    if x.is_empty() || y.is_empty() {
        return x == y;
    }
    let (long, short) = if x.len() >= y.len() { (&x, &y) } else { (&y, &x) };
    long == short || long.strip_suffix(short.as_str()).is_some_and(is_resolver)
}

/// True for what stands before an identifier in a resolver's URL (scheme removed): a host and
/// words (`orcid.org/`, `isni.org/isni/`, `hdl.handle.net/`), not part of another identifier's
/// path (`doi.org/10.5438/` before `0013`).
fn is_resolver(head: &str) -> bool {
    let Some(path) = head.strip_suffix('/') else { return false };
    let mut segments = path.split('/');
    let host = segments.next().unwrap_or_default();
    host.contains('.')
        && !host.starts_with('.')
        && segments.all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_'))
}

/// Numbers (or numeric texts) with the same value.
fn same_number(a: &Value, b: &Value) -> bool {
    let number = |v: &Value| match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    matches!((number(a), number(b)), (Some(x), Some(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key(k: &str) -> Seg {
        Seg::Key(k.to_owned())
    }

    #[test]
    fn identifiers_are_the_same_behind_a_resolver() {
        assert!(same_identifier("0000-0002-7285-027X", "https://orcid.org/0000-0002-7285-027x"));
        assert!(same_identifier("https://ror.org/04wxnsj81", "http://ror.org/04wxnsj81/"));
        assert!(same_identifier("10.5438/0013", "https://doi.org/10.5438/0013"));
        assert!(same_identifier("doi:10.5438/0013", "https://dx.doi.org/10.5438/0013"));
        assert!(!same_identifier("10.5438/0013", "10.5439/0013"));
        assert!(!same_identifier("0013", "https://doi.org/10.5438/0013"), "a suffix of a DOI is no DOI");
        assert!(!same_identifier("", "x"));
        assert!(same_identifier("0000000121032683", "https://isni.org/isni/0000000121032683"));
        assert!(same_identifier("10013/epic.1", "http://hdl.handle.net/10013/epic.1"));
    }

    #[test]
    fn texts_and_numbers_are_the_same_when_they_say_the_same() {
        assert!(same_text("1 Introduction<br/>\n1.1 The Consortium", "1 Introduction\n1.1 The  Consortium"));
        assert!(!same_text("Elliot, Jannean", "Elliott, Jannean"));
        assert!(same_text("Ciolek\u{2010}Figiel, Anne", "Ciolek-Figiel, Anne"));
        assert!(same_value("publicationYear", &json!(2016), &json!("2016")));
        assert!(same_value("pointLatitude", &json!("41.090"), &json!(41.09)));
        assert!(equivalent("publisher", &json!("DataCite"), &json!({"name": "DataCite"})));
        assert!(equivalent(
            "types",
            &json!({"resourceTypeGeneral": "Text", "ris": "RPRT"}),
            &json!({"resourceTypeGeneral": "Text"})
        ));
    }

    #[test]
    fn a_response_keeps_the_xml_and_fills_what_it_lacks() {
        // The XML's creator has a ROR affiliation; the API's view gives the name only, and a
        // name type the XML lacks.
        let mut xml = json!([{"name": "Doe, Jane", "nameIdentifiers": [{"nameIdentifier": "0000-0001-5000-0007",
            "nameIdentifierScheme": "ORCID", "schemeUri": "https://orcid.org"}],
            "affiliation": [{"name": "DataCite", "affiliationIdentifier": "https://ror.org/04wxnsj81"}]}]);
        let json = json!([{"name": "Doe, Jane", "nameType": "Personal",
            "nameIdentifiers": [{"nameIdentifier": "https://orcid.org/0000-0001-5000-0007", "nameIdentifierScheme": "ORCID"}],
            "affiliation": [{"name": "DataCite"}]}]);
        let findings = merge("creators", &mut xml, &json, true);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].kind, Kind::Filled);
        assert_eq!(findings[0].loser_at, [Seg::Index(0), key("nameType")]);
        assert_eq!(findings[0].winner_at, [Seg::Index(0)]);
        assert_eq!(xml[0]["nameType"], "Personal");
        assert_eq!(xml[0]["affiliation"][0]["affiliationIdentifier"], "https://ror.org/04wxnsj81");
        assert_eq!(xml[0]["nameIdentifiers"][0]["nameIdentifier"], "0000-0001-5000-0007");
    }

    #[test]
    fn a_request_reports_every_value_of_the_xml_it_replaces() {
        let mut json = json!([{"name": "Doe, Jane", "affiliation": [{"name": "DataCite"}]},
            {"name": "Roe, Richard"}]);
        let xml = json!([{"name": "Doe, Jane", "affiliation": [{"name": "DataCite", "affiliationIdentifier": "https://ror.org/04wxnsj81"}]},
            {"name": "Moe, Mary"}, {"name": "Poe, Paul"}]);
        let before = json.clone();
        let findings = merge("creators", &mut json, &xml, false);
        assert_eq!(json, before, "the winner is left as it is");
        let lost: Vec<(Vec<Seg>, Vec<Seg>, Value)> =
            findings.iter().map(|f| (f.loser_at.clone(), f.winner_at.clone(), f.value.clone())).collect();
        assert_eq!(
            lost,
            [
                (
                    vec![Seg::Index(0), key("affiliation"), Seg::Index(0), key("affiliationIdentifier")],
                    vec![Seg::Index(0), key("affiliation"), Seg::Index(0)],
                    json!("https://ror.org/04wxnsj81")
                ),
                // Lists of different lengths: no match by position.
                (vec![Seg::Index(1)], vec![], json!({"name": "Moe, Mary"})),
                (vec![Seg::Index(2)], vec![], json!({"name": "Poe, Paul"})),
            ]
        );
        assert!(findings.iter().all(|f| f.kind == Kind::Lost));
    }

    #[test]
    fn entries_match_by_identity_then_by_position() {
        let w = [json!({"title": "A"}), json!({"title": "B", "titleType": "Subtitle"})];
        let l = [json!({"title": "B"}), json!({"title": "A2"})];
        assert_eq!(pair("titles", &w, &l), [Some(1), Some(0)]);
        let w = [json!({"date": "2016", "dateType": "Issued"})];
        let l = [json!({"date": "2016", "dateType": "Created"}), json!({"date": "2016", "dateType": "Issued"})];
        assert_eq!(pair("dates", &w, &l), [None, Some(0)]);
        let w = [json!({"geoLocationPlace": "Oslo"})];
        let l = [json!({"geoLocationPlace": "Bergen"})];
        assert_eq!(pair("geoLocations", &w, &l), [None]);
    }
}
