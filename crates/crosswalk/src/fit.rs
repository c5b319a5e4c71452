//! Does one item of a JSON catalog fit the format its input is read as?
//!
//! An input's format is decided once, named with `--from` or detected from its head, and every
//! item of it is handed to that format's reader. A catalog may still hold records of another
//! format (files concatenated, a harvest of several sources): a DataCite record read by the CSL
//! reader, or a CSL item read by the DataCite reader, gives a record holding next to nothing
//! and no error, which a payload run turns into a publisher-only Draft. So before an item is
//! parsed, an outline of its keys (the scan detection makes of a head, [`detect::outline`]: no
//! parse, nothing held but the keys of the first three levels) decides whether it fits:
//!
//! - an item that detection takes for a format of another family (DataCite JSON and payloads;
//!   CSL-JSON and Crossref REST JSON, which share CSL's vocabulary; Schema.org and Codemeta
//!   JSON-LD) and that has neither a `type` of its input's family (a CSL item type, `dois`) nor
//!   a top-level key of its input's family that the other family lacks, does not fit: it *looks
//!   like* that format;
//! - an item with keys, none of which its input's family reads (`{"a": 1}`, a creator's
//!   `{"name": …}` on a line of its own), does not fit either. An empty object fits: it is an
//!   empty record in every JSON format (a Draft needs no metadata), not an emptied one.
//!
//! Such an item is one failed record ([`INPUT_FORMAT_MISMATCH`](crate::INPUT_FORMAT_MISMATCH)) at
//! its place, naming the format it looks like and the `--from` that reads it; it is never read
//! into an emptied record. An item that is not a whole object (broken JSON, a list, a scalar) is
//! left to the reader, which reports what is wrong with it.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::detect;
use crate::formats::Format;

/// Formats whose readers share a vocabulary of keys: an item of one read as another of the same
/// family is read, not emptied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    /// DataCite JSON attributes, JSON:API documents and resource objects (payloads, responses).
    DataCite,
    /// CSL-JSON and Crossref REST JSON (Crossref's works are CSL with more keys; the CSL reader
    /// reads Crossref's keys and the Crossref reader CSL's).
    Csl,
    /// Schema.org and Codemeta JSON-LD.
    JsonLd,
    /// InvenioRDM records (whose metadata shares some of DataCite's key names: `creators`,
    /// `publisher`, `dates`).
    Invenio,
}

fn family(format: Format) -> Option<Family> {
    match format {
        Format::DataciteJson | Format::Payload => Some(Family::DataCite),
        Format::Citeproc | Format::CrossrefJson => Some(Family::Csl),
        Format::SchemaOrg | Format::Codemeta => Some(Family::JsonLd),
        Format::InvenioRdm => Some(Family::Invenio),
        _ => None,
    }
}

/// The top-level keys the readers of CSL-JSON and Crossref REST JSON know, from their mapping
/// tables (which generate the crosswalk pages, so they list every key read).
fn csl_keys() -> &'static HashSet<&'static str> {
    static KEYS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let csl = crosswalk_csl::mapping::READ.iter().map(|row| row.csl);
        let crossref = crosswalk_crossref::json::MAPPING.iter().map(|row| row.source);
        csl.chain(crossref)
            .flat_map(|source| source.split(", "))
            // `author[].family`, `issued.date-parts`, `author/affiliation`: the top-level key.
            .filter_map(|source| source.split(['/', '[', '.']).next())
            .filter(|key| !key.is_empty() && !key.contains(' '))
            .collect()
    })
}

/// The properties the Schema.org and Codemeta readers know.
fn json_ld_keys() -> &'static HashSet<&'static str> {
    static KEYS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    KEYS.get_or_init(|| {
        crosswalk_schemaorg::schema_org_properties()
            .chain(crosswalk_schemaorg::codemeta_properties())
            .map(|doc| doc.property)
            .collect()
    })
}

/// True when the readers of `family` know `key` at the top of a record.
fn knows(family: Family, key: &str) -> bool {
    match family {
        Family::DataCite => crosswalk_datacite::json::read::is_known_key(key),
        Family::Csl => csl_keys().contains(key),
        Family::JsonLd => key.starts_with('@') || json_ld_keys().contains(key),
        Family::Invenio => crosswalk_invenio::is_known_key(key),
    }
}

/// The families whose readers know `key` at the top of a record, as a set of [`FAMILIES`] bits.
///
/// Asked for every top-level key of every item, so remembered per thread: a catalog's items
/// share their keys. At most [`REMEMBERED_KEYS`] keys are remembered (an input of ever new keys
/// is answered, not hoarded).
fn families_knowing(key: &str) -> u8 {
    thread_local! {
        static KNOWN: std::cell::RefCell<std::collections::HashMap<Box<str>, u8>> = Default::default();
    }
    let compute = || FAMILIES.iter().enumerate().filter(|(_, f)| knows(**f, key)).fold(0u8, |m, (i, _)| m | 1 << i);
    KNOWN.with(|known| {
        let mut known = known.borrow_mut();
        if let Some(&mask) = known.get(key) {
            return mask;
        }
        let mask = compute();
        if known.len() < REMEMBERED_KEYS {
            known.insert(key.into(), mask);
        }
        mask
    })
}

/// How many keys [`families_knowing`] remembers per thread.
const REMEMBERED_KEYS: usize = 4096;

/// True when the item's `type` is one of its input family's own: a CSL item type or a Crossref
/// type id (CSL-JSON with DataCite's spelling of a key, `doi`, is still CSL), `dois` (a JSON:API
/// resource object), or a JSON-LD `@type`.
fn own_type(family: Family, outline: &detect::Outline) -> bool {
    match family {
        Family::Csl => outline.string("type").is_some_and(|t| {
            crosswalk_csl::types::ITEM_TYPES.iter().any(|item| item.csl == t)
                || crosswalk_rules::crossref_types::crossref_type(t).is_some()
        }),
        Family::DataCite => outline.string("type") == Some("dois") || outline.string("data/type") == Some("dois"),
        Family::JsonLd => outline.string("@type").is_some(),
        // InvenioRDM names a resource type by its vocabulary id, a creator as a person_or_org.
        Family::Invenio => detect::invenio_record(outline),
    }
}

/// What the user reads for a format in a message.
fn label(format: Format) -> &'static str {
    match format {
        Format::DataciteJson => "DataCite JSON",
        Format::Payload => "a DataCite JSON:API document (payload or API record)",
        Format::Citeproc => "CSL-JSON (citeproc)",
        Format::CrossrefJson => "Crossref REST JSON",
        Format::SchemaOrg => "Schema.org JSON-LD",
        Format::Codemeta => "Codemeta JSON-LD",
        Format::InvenioRdm => "an InvenioRDM record",
        _ => format.name(),
    }
}

/// Why the item `bytes` (one value of a JSON input read as `format`) does not fit that format,
/// as a message for its failed record; `None` when it fits, or when it is not a whole object
/// (its reader says what is wrong with it).
///
/// The item is scanned once, without being parsed: its keys down to three levels and some short
/// strings (a `type`, an `@context`).
pub(crate) fn misfit(bytes: &[u8], format: Format) -> Option<String> {
    let own = family(format)?;
    if has_own_key(bytes, own) {
        return None;
    }
    misfit_by_outline(bytes, format, own)
}

/// [`misfit`] decided from the item's outline.
fn misfit_by_outline(bytes: &[u8], format: Format, own: Family) -> Option<String> {
    // Which families know each top-level key, as a set of the sixteen combinations seen: all of
    // them are looked at however many keys the item has, in constant memory.
    let mut seen = [false; 1 << FAMILIES.len()];
    let mut count = 0usize;
    let mut shown: Vec<String> = Vec::new();
    let outline = detect::outline_with(bytes, &mut |key| {
        count += 1;
        if shown.len() < 6 {
            shown.push(format!("\"{}\"", crosswalk_text::message::shorten(key, 40)));
        }
        if let Some(slot) = seen.get_mut(usize::from(families_knowing(key))) {
            *slot = true;
        }
    });
    if !outline.complete || outline.broken || outline.first != Some(b'{') {
        return None;
    }
    // Whether a top-level key is known to `yes` and not to `no` (`None`: to anyone else).
    let any_key = |yes: Family, no: Option<Family>| {
        seen.iter().enumerate().any(|(m, &s)| s && m & bit(yes) != 0 && no.is_none_or(|no| m & bit(no) == 0))
    };
    if let Some(looks) = detect::detect_json_outline(&outline) {
        if let Some(other) = family(looks.format).filter(|f| *f != own) {
            if !own_type(own, &outline) && !any_key(own, Some(other)) {
                return Some(format!(
                    "this item looks like {} ({}), not like {}, which this input is read as; it was \
                     not read. Convert the records of that format on their own, with --from {}",
                    label(looks.format),
                    looks.rule,
                    label(format),
                    looks.format.name()
                ));
            }
        }
    }
    // `{}` is an empty record as every JSON format writes one (a Draft needs no metadata): it
    // was empty, not emptied.
    if count == 0 || any_key(own, None) {
        return None;
    }
    let has = match count {
        n if n > shown.len() => format!("it has {} and {} more", shown.join(", "), n - shown.len()),
        _ => format!("it has {}", shown.join(", ")),
    };
    Some(format!(
        "this item has none of the keys of {} ({has}), which this input is read as; it was not read. \
         If the input mixes formats, convert the records of each on its own, with --from FORMAT",
        label(format)
    ))
}

/// True when a top-level key of the object `bytes` (or of the first object of a list) is read by
/// `own`'s readers and by no other family's: such an item fits whatever else it holds (neither
/// rule of [`misfit`] can refuse it), and nearly every item of a catalog has one among its first
/// keys. This answers that common case allocation-free, without the outline, stopping at the
/// first such key; `false` sends the item to the outline (a key with an escape, a syntax
/// problem, no such key).
fn has_own_key(bytes: &[u8], own: Family) -> bool {
    let exclusive = |key: &str| usize::from(families_knowing(key)) == bit(own);
    let mut i = detect::skip_white(bytes, 0);
    if bytes.get(i) == Some(&b'[') {
        i = detect::skip_white(bytes, i + 1);
    }
    if bytes.get(i) != Some(&b'{') {
        return false;
    }
    i += 1;
    loop {
        i = detect::skip_white(bytes, i);
        if bytes.get(i) != Some(&b'"') {
            return false;
        }
        let Some(end) = detect::string_end(bytes, i) else { return false };
        match bytes.get(i + 1..end - 1).map(std::str::from_utf8) {
            Some(Ok(key)) if !key.contains('\\') => {
                if exclusive(key) {
                    return true;
                }
            }
            _ => return false,
        }
        i = detect::skip_white(bytes, end);
        if bytes.get(i) != Some(&b':') {
            return false;
        }
        i = detect::skip_white(bytes, i + 1);
        i = match bytes.get(i) {
            Some(b'"') => match detect::string_end(bytes, i) {
                Some(end) => end,
                None => return false,
            },
            Some(b'{' | b'[') => match detect::skip_value(bytes, i) {
                Some(end) => end,
                None => return false,
            },
            Some(_) => {
                let rest = bytes.get(i..).unwrap_or_default();
                i + rest
                    .iter()
                    .position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
                    .unwrap_or(rest.len())
            }
            None => return false,
        };
        i = detect::skip_white(bytes, i);
        if bytes.get(i) != Some(&b',') {
            return false;
        }
        i += 1;
    }
}

/// The families, in the order of their bits in a set of them.
const FAMILIES: [Family; 4] = [Family::DataCite, Family::Csl, Family::JsonLd, Family::Invenio];

/// The bit of `family` in a set of families.
fn bit(family: Family) -> usize {
    1 << FAMILIES.iter().position(|f| *f == family).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATACITE: &str = r#"{"doi": "10.5072/a", "creators": [{"name": "Curie, Marie"}], "titles": [{"title": "Stars"}], "publisher": "P", "publicationYear": 2020, "types": {"resourceTypeGeneral": "Dataset"}}"#;
    const CSL: &str = r#"{"id": "a", "type": "article-journal", "title": "Stars", "author": [{"family": "Curie"}], "issued": {"date-parts": [[1903]]}, "publisher": "P"}"#;
    const CROSSREF: &str = r#"{"DOI": "10.5555/a", "type": "journal-article", "title": ["A"], "container-title": ["J"], "author": [{"family": "Curie"}]}"#;
    const SCHEMA_ORG: &str =
        r#"{"@context": "https://schema.org", "@type": "Dataset", "name": "Stars", "publisher": "P"}"#;

    fn fits(item: &str, format: Format) -> bool {
        misfit(item.as_bytes(), format).is_none()
    }

    #[test]
    fn the_quick_answer_agrees_with_the_outline() {
        let items = [
            DATACITE,
            CSL,
            CROSSREF,
            SCHEMA_ORG,
            r#"{"a": 1, "b": {"c": 2}}"#,
            r#"{"name": "Curie, Marie"}"#,
            r#"[{"issued": {"date-parts": [[1903]]}, "title": "T"}]"#,
            r#"{"title": "T", "author": [{"family": "Curie"}], "publisher": "P"}"#,
            r#"{"data": {"type": "dois", "attributes": {"doi": "10.5072/a"}}}"#,
            r#"{"x": [1, "}", {"y": null}], "creators": []}"#,
            r#"{"x": tru"#,
            "{}",
        ];
        let formats = [
            Format::DataciteJson,
            Format::Payload,
            Format::Citeproc,
            Format::CrossrefJson,
            Format::SchemaOrg,
            Format::Codemeta,
        ];
        for item in items {
            for format in formats {
                let own = family(format).unwrap();
                if has_own_key(item.as_bytes(), own) {
                    assert_eq!(misfit_by_outline(item.as_bytes(), format, own), None, "{item} as {format:?}");
                }
            }
        }
        assert!(has_own_key(CSL.as_bytes(), Family::Csl));
        assert!(has_own_key(DATACITE.as_bytes(), Family::DataCite));
        assert!(!has_own_key(br#"{"a": 1}"#, Family::Csl));
        assert!(!has_own_key(br#"{"x": [1, "}", {"y": null}], "titles": []}"#, Family::Csl));
        assert!(has_own_key(br#"{"x": [1, "}", {"y": null}], "titles": []}"#, Family::DataCite));
        // `creators` is InvenioRDM's key too: no longer DataCite's alone.
        assert!(!has_own_key(br#"{"creators": []}"#, Family::DataCite));
    }

    #[test]
    fn invenio_records_and_datacite_records_do_not_pass_for_each_other() {
        const INVENIO: &str = r#"{"id": "a1b2c-d3e4f", "pids": {"doi": {"identifier": "10.5072/a"}}, "metadata": {"resource_type": {"id": "dataset"}, "title": "T", "creators": [{"person_or_org": {"name": "A"}}]}}"#;
        const BARE: &str = r#"{"creators": [{"person_or_org": {"name": "A"}}], "title": "T", "publisher": "P"}"#;
        assert!(fits(INVENIO, Format::InvenioRdm));
        assert!(fits(BARE, Format::InvenioRdm));
        assert!(misfit(DATACITE.as_bytes(), Format::InvenioRdm).unwrap().contains("--from datacite-json"));
        assert!(misfit(CSL.as_bytes(), Format::InvenioRdm).is_some());
        assert!(misfit(INVENIO.as_bytes(), Format::DataciteJson).unwrap().contains("--from invenio-rdm"));
        assert!(misfit(BARE.as_bytes(), Format::DataciteJson).unwrap().contains("--from invenio-rdm"));
    }

    #[test]
    fn records_fit_their_own_format_and_its_family() {
        for format in [Format::DataciteJson, Format::Payload] {
            assert!(fits(DATACITE, format));
            assert!(fits(r#"{"data": {"type": "dois", "attributes": {"doi": "10.5072/a"}}}"#, format));
            assert!(fits(r#"{"id": "10.5072/a", "type": "dois", "attributes": {}}"#, format));
            // The older crosscite spellings, a record holding only the server's attributes.
            assert!(fits(r#"{"title": "T", "publication-year": 2000, "creator": []}"#, format));
            assert!(fits(r#"{"state": "findable"}"#, format));
        }
        for format in [Format::Citeproc, Format::CrossrefJson] {
            assert!(fits(CSL, format));
            assert!(fits(CROSSREF, format));
        }
        // A CSL item with DataCite's spelling of one key still has CSL's own.
        assert!(fits(r#"{"id": "x", "type": "book", "title": "T", "doi": "10.1/x"}"#, Format::Citeproc));
        assert!(fits(r#"{"status": "ok", "message-type": "work", "message": {}}"#, Format::CrossrefJson));
    }

    #[test]
    fn another_format_s_records_do_not_fit() {
        let message = misfit(CSL.as_bytes(), Format::DataciteJson).unwrap();
        assert!(message.contains("looks like CSL-JSON") && message.contains("--from citeproc"), "{message}");
        let message = misfit(DATACITE.as_bytes(), Format::Citeproc).unwrap();
        assert!(message.contains("looks like DataCite JSON") && message.contains("--from datacite-json"), "{message}");
        let message = misfit(DATACITE.as_bytes(), Format::CrossrefJson).unwrap();
        assert!(message.contains("--from datacite-json"), "{message}");
        let message = misfit(SCHEMA_ORG.as_bytes(), Format::DataciteJson).unwrap();
        assert!(message.contains("--from schema-org"), "{message}");
        let record = r#"{"data": {"type": "dois", "attributes": {"doi": "10.5072/a"}}}"#;
        assert!(misfit(record.as_bytes(), Format::Citeproc).unwrap().contains("--from payload"));
        // Keys of no format it is read as.
        let message = misfit(br#"{"a": 1, "b": {"c": 2}}"#, Format::DataciteJson).unwrap();
        assert!(message.contains("none of the keys of DataCite JSON (it has \"a\", \"b\")"), "{message}");
        assert!(misfit(br#"{"name": "Curie, Marie"}"#, Format::Citeproc).unwrap().contains("it has \"name\""));
        // An empty record is what it says.
        assert_eq!(misfit(b"{}", Format::Citeproc), None);
        assert_eq!(misfit(b" { } ", Format::DataciteJson), None);
    }

    #[test]
    fn a_key_of_the_format_after_thousands_of_others_is_seen() {
        let keys: String = (0..5000).map(|i| format!("\"k{i}\": 1, ")).collect();
        assert_eq!(misfit(format!("{{{keys} \"doi\": \"10.5072/x\"}}").as_bytes(), Format::DataciteJson), None);
        let message = misfit(format!("{{{keys} \"z\": 1}}").as_bytes(), Format::DataciteJson).unwrap();
        assert!(message.contains("and 4995 more"), "{message}");
    }

    #[test]
    fn what_is_not_a_whole_object_is_left_to_the_reader() {
        for item in ["{\"doi\": ", "[1, 2]", "null", "{\"a\" 1}", "#x"] {
            assert_eq!(misfit(item.as_bytes(), Format::DataciteJson), None, "{item}");
        }
        assert_eq!(misfit(CSL.as_bytes(), Format::Ris), None);
    }
}
