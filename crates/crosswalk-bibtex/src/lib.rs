//! BibTeX and BibLaTeX for Crosswalk: a tolerant, streaming reader and a writer.
//!
//! # Reading
//!
//! [`Reader`] reads any [`BufRead`](std::io::BufRead) line by line and yields one
//! [`crosswalk_model::Record`] per entry, in order, with `Origin.index`, the citation
//! key as `Origin.key` and the entry's line as `Origin.line`; [`read`] collects them from bytes.
//! The parser is our own: it takes `@string` macros (braces or parentheses) and `#`
//! concatenation, month macros, `@comment`, `@preamble`, entries in braces or parentheses,
//! `crossref` and `xdata` inheritance (BibLaTeX rules, the parent before or after the child),
//! decodes LaTeX into Unicode, and reads names in every BibTeX form. A malformed entry becomes
//! one record with one error (`bibtex.syntax`, `bibtex.unclosed-entry`) at its line, and the
//! rest of the file still converts.
//!
//! Every field is either mapped into the model (see [`fields::FIELDS`] and
//! `docs/crosswalks/bibtex.md`) or reported as `field.unmapped`; every entry type maps to a
//! `resourceTypeGeneral` ([`types::ENTRY_TYPES`]).
//!
//! # Writing
//!
//! [`Writer`] writes entries with unique, stable citation keys; [`write()`] writes one. See
//! [`write`](mod@write) for the dialect and the choice of UTF-8 output.

// Library code never panics on input: these lints hold outside unit tests (`cfg(test)` code may
// unwrap and index freely; integration tests and doc tests are separate crates).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

mod dates;
pub mod fields;
mod inherit;
mod languages;
mod latex;
mod map;
mod names;
mod parse;
mod reader;
mod scan;
mod source;
pub mod types;
pub mod write;

use crosswalk_model::{codes, CodeInfo, Record, Severity};

pub use map::{
    AND_OTHERS, DATE_CONFLICT, DATE_CONVERTED, LANGUAGE_MORE, LANGUAGE_UNKNOWN, LATEX_LINK, LATEX_MATH, LATEX_UNKNOWN,
    NAME_OPTION, NAME_PART, PUBLISHER_TAKEN,
};
pub use parse::{MISSING_KEY, STRING_SYNTAX, SYNTAX, UNCLOSED, UNCLOSED_COMMENT, UNDEFINED_MACRO};
pub use reader::{
    Reader, DUPLICATE_KEY, INHERITANCE_WINDOW, INHERITED, NO_ENTRIES, PARENT_MISSING, PREAMBLE, STRAY_TEXT,
};
pub use source::READ_ERROR;
pub use write::{write, write_keyed, UniqueKeys, Writer, KEY_DISAMBIGUATED, KEY_REPLACED};

/// Reads every entry of a BibTeX or BibLaTeX file from bytes; never panics.
///
/// ```
/// let bib = br#"@string{elife = "eLife"}
/// @article{Sankar_2014,
///   author = {Sankar, Martial and Nieminen, Kaisa},
///   title = {Automated {Arabidopsis} histology},
///   journal = elife, volume = {3}, pages = {e01567},
///   year = 2014, month = feb, doi = {10.7554/elife.01567}
/// }"#;
/// let records = crosswalk_bibtex::read(bib);
/// let r = &records[0].resource;
/// assert_eq!(records[0].origin.key.as_deref(), Some("Sankar_2014"));
/// assert_eq!(r.creators[0].family_name.as_deref(), Some("Sankar"));
/// assert_eq!(r.titles[0].title, "Automated Arabidopsis histology");
/// assert_eq!(r.related_items[0].titles[0].title, "eLife");
/// assert_eq!(r.dates[0].date, "2014-02");
/// assert_eq!(r.publication_year.as_deref(), Some("2014"));
/// ```
pub fn read(bytes: &[u8]) -> Vec<Record> {
    Reader::new(bytes).collect()
}

/// Reads every entry of a BibTeX or BibLaTeX text.
pub fn read_str(text: &str) -> Vec<Record> {
    Reader::new(text.as_bytes()).collect()
}

/// Every diagnostic code this crate emits, with the severity it is emitted with and what to do.
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: SYNTAX,
        severity: Severity::Error,
        summary: "An entry is malformed (a field without `=`, a value without delimiter, a missing comma between fields); the entry was not read and the message gives the position. Fix it there; the other entries are read.",
    },
    CodeInfo {
        code: UNCLOSED,
        severity: Severity::Error,
        summary: "An entry is not closed before the next entry or the end of the input (a missing `}` or an extra `{`); it was not read. The other entries are read.",
    },
    CodeInfo {
        code: MISSING_KEY,
        severity: Severity::Warning,
        summary: "An entry has no citation key; it was read, but nothing can refer to it and the record has no key.",
    },
    CodeInfo {
        code: DUPLICATE_KEY,
        severity: Severity::Warning,
        summary: "A citation key is used by an earlier entry too; both are read, and `crossref`/`xdata` find the earlier one. Make the keys unique.",
    },
    CodeInfo {
        code: UNDEFINED_MACRO,
        severity: Severity::Warning,
        summary: "A value names a macro that no earlier `@string` defines (styles define journal abbreviations that a file cannot see); the macro's name is kept as the text. Define it with `@string` or write the text.",
    },
    CodeInfo {
        code: STRING_SYNTAX,
        severity: Severity::Warning,
        summary: "An `@string` is malformed or not closed; the macros after the problem are not defined, so later entries may report them as undefined.",
    },
    CodeInfo {
        code: UNCLOSED_COMMENT,
        severity: Severity::Warning,
        summary: "An `@comment` or `@preamble` is not closed (a missing `}`): it was ended before the first line after it that starts an entry, and the entries from there on were read as entries (check whether they were meant to be commented out), or, when no entry follows, at the end of the input.",
    },
    CodeInfo {
        code: STRAY_TEXT,
        severity: Severity::Warning,
        summary: "Text stands outside any entry (after an entry closed too early, or before a missing `@`); BibTeX ignores it and so does Crosswalk. Check the entry before it.",
    },
    CodeInfo {
        code: PREAMBLE,
        severity: Severity::Info,
        summary: "An `@preamble` (LaTeX definitions for typesetting) has no place in the model and was ignored.",
    },
    CodeInfo {
        code: NO_ENTRIES,
        severity: Severity::Error,
        summary: "The input is empty or holds no BibTeX entry (only comments, `@string` or `@preamble`, blank lines, other text); it is one failed record, so that every input is accounted for. Check the input format.",
    },
    CodeInfo {
        code: READ_ERROR,
        severity: Severity::Error,
        summary: "Reading the input failed (an I/O error); the entries before the failure were read.",
    },
    CodeInfo {
        code: INHERITED,
        severity: Severity::Info,
        summary: "Fields were inherited from the `crossref` parent (BibLaTeX's rules: a parent's title becomes the child's `booktitle` …) or from `@xdata` entries; the message lists them.",
    },
    CodeInfo {
        code: PARENT_MISSING,
        severity: Severity::Warning,
        summary: "The `crossref` parent or `@xdata` entry is not in the input (or too far from the entry; see the reader's inheritance window), so nothing was inherited from it.",
    },
    CodeInfo {
        code: LATEX_UNKNOWN,
        severity: Severity::Warning,
        summary: "A LaTeX command that Crosswalk cannot turn into text is kept as written (with its arguments); replace it with the text it stands for.",
    },
    CodeInfo {
        code: LATEX_MATH,
        severity: Severity::Warning,
        summary: "Math (`$…$`, `\\(…\\)`) is kept as written in LaTeX, since DataCite text has no math; write it in Unicode if you can.",
    },
    CodeInfo {
        code: LATEX_LINK,
        severity: Severity::Warning,
        summary: "A `\\href{url}{text}` link in a text field (a title, a note) was read as its text, and its address is not carried over; put the address in `url` if it belongs to the record. (In `url` the address is read, in `howpublished` it becomes the record's url.)",
    },
    CodeInfo {
        code: AND_OTHERS,
        severity: Severity::Warning,
        summary: "A name list ends with `and others`: the other names are unknown to the source and are not in the record.",
    },
    CodeInfo {
        code: NAME_OPTION,
        severity: Severity::Info,
        summary: "A name in Biber's extended name format (`family=…, given=…`) gives initials (`given-i=…`) or options (`useprefix=false`, `id=…`, a list's `nosortothers=true`): they say how to sort and label the name, not what it is, and are not carried over. The prefix stays in the family name (`van Dijk`).",
    },
    CodeInfo {
        code: NAME_PART,
        severity: Severity::Warning,
        summary: "A name in Biber's extended name format has a part that DataCite's name has no place for (a custom name part such as `patronymic=…`, or text without `key=`); it is not carried over. Family, given, prefix and suffix are read.",
    },
    crosswalk_rules::EDITORS_AS_CREATORS_INFO,
    CodeInfo {
        code: LANGUAGE_UNKNOWN,
        severity: Severity::Warning,
        summary: "A `language` or `langid` value is not a language Crosswalk can name as a BCP 47 tag (a code such as `en`, a Babel or polyglossia name such as `ngerman`, a biblatex key such as `langlatin`, an English language name); it was left out, since DataCite refuses what is not a language tag.",
    },
    CodeInfo {
        code: LANGUAGE_MORE,
        severity: Severity::Warning,
        summary: "The entry names more languages than DataCite's one `language` holds (a list such as `Italian, English, French`, or `langid` and `language` disagreeing): the one kept (`langid` first, else the first of `language`) and the others are named; the others are not carried over.",
    },
    CodeInfo {
        code: DATE_CONVERTED,
        severity: Severity::Info,
        summary: "`year`, `month` (a macro, name or number) and `day` were joined into a W3CDTF date (`2014-02`), or a year range into an EDTF range (`1999/2000`).",
    },
    CodeInfo {
        code: DATE_CONFLICT,
        severity: Severity::Warning,
        summary: "`year` or `month` contradicts BibLaTeX's `date`; the `date` is kept and the other is lost.",
    },
    CodeInfo {
        code: PUBLISHER_TAKEN,
        severity: Severity::Info,
        summary: "The entry has no `publisher`; `school`/`institution`, `organization` or `howpublished` was read as the publisher.",
    },
    CodeInfo {
        code: KEY_DISAMBIGUATED,
        severity: Severity::Info,
        summary: "This citation key was already written for an earlier record (the source's own key or one made from the record); a letter was appended to keep keys unique.",
    },
    CodeInfo {
        code: KEY_REPLACED,
        severity: Severity::Info,
        summary: "The record's key in its source (a CSL id, a RIS ID) cannot be a BibTeX citation key (white space, braces, a DOI or URL); a key was made from the record instead.",
    },
    CodeInfo {
        code: codes::FIELD_UNMAPPED,
        severity: Severity::Warning,
        summary: "A field has no place in the DataCite model (see docs/crosswalks/bibtex.md); its value is not carried over.",
    },
    CodeInfo {
        code: codes::FIELD_REPEATED,
        severity: Severity::Warning,
        summary: "A field occurs twice, or two fields (an alias and its BibLaTeX name, `issue` and `number`) give the same value; the first is kept and the other is lost.",
    },
    CodeInfo {
        code: codes::VALUE_EMPTY,
        severity: Severity::Info,
        summary: "An empty field was skipped.",
    },
    codes::TEXT_CODES[0],
    codes::TEXT_CODES[1],
    codes::TEXT_CODES[2],
    codes::TEXT_CODES[3],
    CodeInfo {
        code: codes::VALUE_NORMALISED,
        severity: Severity::Info,
        summary: "A value was rewritten into its documented normal form: a DOI without its resolver, a DOI taken from a `doi.org` URL, a language name or biblatex key as its BCP 47 tag.",
    },
    CodeInfo {
        code: codes::VALUE_INVALID,
        severity: Severity::Warning,
        summary: "A value does not have the form its field needs (a DOI, a year, a month, an ISO 8601/EDTF date, a name with too many commas); the message says what was kept.",
    },
    CodeInfo {
        code: codes::VOCAB_UNKNOWN,
        severity: Severity::Warning,
        summary: "The entry type is not a BibTeX or BibLaTeX type; it was read as resourceTypeGeneral Other with the type kept in resourceType.",
    },
    CodeInfo {
        code: codes::WRITE_UNREPRESENTABLE,
        severity: Severity::Warning,
        summary: "BibTeX has no field for a value of the record (name identifiers, affiliations, funding, geolocations, most related identifiers …); it is not in the output.",
    },
    CodeInfo {
        code: crosswalk_text::ENCODING_ASSUMED,
        severity: Severity::Warning,
        summary: "A line is not valid UTF-8 and holds no UTF-8 character beyond ASCII; it was decoded as Windows-1252 (one warning per entry, naming the first byte that is not UTF-8). Check its accented characters, or convert the file to UTF-8.",
    },
    CodeInfo {
        code: crosswalk_text::ENCODING_UTF16,
        severity: Severity::Info,
        summary: "The input is UTF-16 (recognised by its byte-order mark, or without one by the zero bytes of its first characters) and was transcoded to UTF-8.",
    },
    CodeInfo {
        code: crosswalk_text::ENCODING_INVALID,
        severity: Severity::Warning,
        summary: crosswalk_text::INVALID_BYTES_SUMMARY,
    },
];
