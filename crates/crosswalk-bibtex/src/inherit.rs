//! Inheritance: `crossref` (a child takes the fields it lacks from its parent, with BibLaTeX's
//! renaming rules) and `xdata` (an entry takes the fields it lacks from `@xdata` entries, as
//! they are).
//!
//! BibLaTeX's default rules (manual, appendix B) rename the parent's titles and authors where
//! the parent is the child's container: a `@proceedings` title becomes an `@inproceedings`
//! child's `booktitle`, a `@book`'s author also its `@inbook` child's `bookauthor`, a
//! `@periodical` title an `@article`'s `journaltitle`, a multi-volume parent's title the child's
//! `maintitle`. Other fields are inherited under their own name, except BibLaTeX's
//! never-inherited ones (`crossref`, `ids`, `sortkey`, `shorthand`, …). Crosswalk also keeps the
//! parent's identity and content from the child (`doi`, `url`, `eprint`, `pmid`, `abstract`,
//! `file`): a chapter must not get its book's DOI; the parent's DOI is recorded as a related
//! identifier instead.

use crate::fields::canonical;
use crate::parse::{Entry, Field};
use crate::types::entry_type;

/// Fields BibLaTeX never inherits, and those Crosswalk keeps to their own entry.
const NOT_INHERITED: &[&str] = &[
    "ids",
    "crossref",
    "xref",
    "xdata",
    "entryset",
    "entrysubtype",
    "execute",
    "label",
    "options",
    "presort",
    "related",
    "relatedoptions",
    "relatedstring",
    "relatedtype",
    "shorthand",
    "shorthandintro",
    "sortkey",
    "key",
    "doi",
    "url",
    "urldate",
    "eprint",
    "eprinttype",
    "eprintclass",
    "archiveprefix",
    "primaryclass",
    "pmid",
    "pmcid",
    "abstract",
    "file",
    "pdf",
];

/// Title fields not inherited where a renaming rule applies.
const TITLE_HELPERS: &[&str] = &["shorttitle", "sorttitle", "indextitle", "indexsorttitle"];

type Rule = (&'static str, &'static str);

const MAIN_TITLE: &[Rule] = &[("title", "maintitle"), ("subtitle", "mainsubtitle"), ("titleaddon", "maintitleaddon")];
const BOOK_TITLE: &[Rule] = &[("title", "booktitle"), ("subtitle", "booksubtitle"), ("titleaddon", "booktitleaddon")];
const MV_BOOK_PART: &[Rule] = &[
    ("author", "author"),
    ("author", "bookauthor"),
    ("title", "maintitle"),
    ("subtitle", "mainsubtitle"),
    ("titleaddon", "maintitleaddon"),
];
const BOOK: &[Rule] = &[
    ("author", "author"),
    ("author", "bookauthor"),
    ("title", "booktitle"),
    ("subtitle", "booksubtitle"),
    ("titleaddon", "booktitleaddon"),
];
const PERIODICAL: &[Rule] = &[("title", "journaltitle"), ("subtitle", "journalsubtitle")];

/// The renaming rules from a parent type to a child type (canonical type names).
fn rules(parent: &str, child: &str) -> &'static [Rule] {
    match (parent, child) {
        ("mvbook", "book") => MAIN_TITLE,
        ("mvbook", "inbook" | "bookinbook" | "suppbook") => MV_BOOK_PART,
        (
            "mvcollection" | "mvreference",
            "collection" | "reference" | "incollection" | "inreference" | "suppcollection",
        ) => MAIN_TITLE,
        ("mvproceedings", "proceedings" | "inproceedings") => MAIN_TITLE,
        ("book", "inbook" | "bookinbook" | "suppbook") => BOOK,
        ("collection" | "reference", "incollection" | "inreference" | "suppcollection") => BOOK_TITLE,
        ("proceedings", "inproceedings") => BOOK_TITLE,
        ("periodical", "article" | "suppperiodical") => PERIODICAL,
        _ => &[],
    }
}

/// The BibLaTeX type an entry type stands for (`conference` → `inproceedings`).
fn canonical_type(kind: &str) -> &str {
    entry_type(kind).and_then(|row| row.alias_of).unwrap_or(kind)
}

/// True when the entry has the field (under its name or its alias).
fn has(entry: &Entry, name: &str) -> bool {
    let wanted = canonical(name);
    entry.fields.iter().any(|f| canonical(&f.name) == wanted)
}

/// Adds to `child` the fields it lacks from its `crossref` parent; returns their names.
pub(crate) fn crossref(child: &mut Entry, parent: &Entry) -> Vec<String> {
    let rules = rules(canonical_type(&parent.kind), canonical_type(&child.kind));
    let mut inherited = Vec::new();
    for field in &parent.fields {
        if NOT_INHERITED.contains(&field.name.as_str()) {
            continue;
        }
        let renamed: Vec<&str> = rules.iter().filter(|(from, _)| *from == field.name).map(|&(_, to)| to).collect();
        let targets: Vec<&str> = if !renamed.is_empty() {
            renamed
        } else if !rules.is_empty() && TITLE_HELPERS.contains(&field.name.as_str()) {
            Vec::new()
        } else {
            vec![field.name.as_str()]
        };
        for target in targets {
            if !has(child, target) {
                child.fields.push(inherit(field, target, &parent.key));
                inherited.push(target.to_owned());
            }
        }
    }
    inherited
}

/// Adds to `entry` the fields it lacks from an `@xdata` entry; returns their names.
pub(crate) fn xdata(entry: &mut Entry, data: &Entry) -> Vec<String> {
    let mut inherited = Vec::new();
    for field in &data.fields {
        if NOT_INHERITED.contains(&field.name.as_str()) || has(entry, &field.name) {
            continue;
        }
        entry.fields.push(inherit(field, &field.name, &data.key));
        inherited.push(field.name.clone());
    }
    inherited
}

fn inherit(field: &Field, name: &str, from: &str) -> Field {
    Field {
        name: name.to_owned(),
        raw: field.raw.clone(),
        location: field.location.clone().with_path(name.to_owned()),
        macro_name: field.macro_name.clone(),
        inherited_from: Some(from.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosswalk_model::Location;

    fn entry(kind: &str, key: &str, fields: &[(&str, &str)]) -> Entry {
        Entry {
            kind: kind.into(),
            key: key.into(),
            line: 1,
            location: Location::at(1, 1),
            fields: fields
                .iter()
                .map(|(n, v)| Field {
                    name: (*n).into(),
                    raw: (*v).into(),
                    location: Location::at(1, 1),
                    macro_name: None,
                    inherited_from: None,
                })
                .collect(),
            diagnostics: Vec::new(),
        }
    }

    fn value<'e>(e: &'e Entry, name: &str) -> Option<&'e str> {
        e.field(name).map(|f| f.raw.as_str())
    }

    #[test]
    fn proceedings_title_becomes_booktitle() {
        let parent = entry(
            "proceedings",
            "p",
            &[("title", "Proc"), ("shorttitle", "P"), ("year", "2001"), ("doi", "10.1/p"), ("publisher", "ACM")],
        );
        let mut child = entry("conference", "c", &[("title", "Paper"), ("year", "2000")]);
        let inherited = crossref(&mut child, &parent);
        assert_eq!(inherited, ["booktitle", "publisher"]);
        assert_eq!(value(&child, "title"), Some("Paper"));
        assert_eq!(value(&child, "booktitle"), Some("Proc"));
        assert_eq!(value(&child, "year"), Some("2000"));
        assert_eq!(value(&child, "doi"), None);
        assert_eq!(child.field("booktitle").and_then(|f| f.inherited_from.as_deref()), Some("p"));
    }

    #[test]
    fn book_author_and_aliases() {
        let parent = entry("book", "b", &[("author", "A. Writer"), ("title", "Book"), ("journal", "J")]);
        let mut child = entry("inbook", "c", &[("journaltitle", "K")]);
        crossref(&mut child, &parent);
        assert_eq!(value(&child, "author"), Some("A. Writer"));
        assert_eq!(value(&child, "bookauthor"), Some("A. Writer"));
        assert_eq!(value(&child, "booktitle"), Some("Book"));
        assert_eq!(value(&child, "title"), None);
        assert_eq!(value(&child, "journal"), None);
    }

    #[test]
    fn unrelated_types_inherit_as_is_and_xdata() {
        let parent = entry("misc", "m", &[("title", "T"), ("note", "N")]);
        let mut child = entry("misc", "c", &[]);
        crossref(&mut child, &parent);
        assert_eq!(value(&child, "title"), Some("T"));
        let data = entry("xdata", "x", &[("publisher", "P"), ("crossref", "m")]);
        assert_eq!(xdata(&mut child, &data), ["publisher"]);
    }
}
