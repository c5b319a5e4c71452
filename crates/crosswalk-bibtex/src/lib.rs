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
//! # Caps
//!
//! The reader streams: memory holds one entry (and the inheritance windows), whatever the
//! input's size, also for input without line ends (lines are read in 64 KiB pieces).
//!
//! | what | cap | over it |
//! |---|---|---|
//! | one entry, as written and with its macros expanded | [`MAX_ENTRY_BYTES`] (4 MiB) | one failed record, [`ENTRY_TOO_LARGE`]; the rest of it skipped without being held, to its end or the next line that starts an entry |
//! | one `@string`, `@comment` or `@preamble` | [`MAX_ENTRY_BYTES`] | skipped likewise, reported ([`STRING_REFUSED`], [`BLOCK_TOO_LARGE`]); a comment ends before the first entry line in it |
//! | one macro's value, expanded | [`MAX_STRING_BYTES`] (1 MiB) | the macro is refused (undefined), [`STRING_REFUSED`]: macros that double with each definition stop there |
//! | all macros of the input | [`MAX_STRINGS_BYTES`] (16 MiB) | further definitions refused, [`STRING_REFUSED`] |
//! | inheritance windows (parents remembered, records waiting for a parent) | [`INHERITANCE_WINDOW`] (10,000 entries) and [`INHERITANCE_WINDOW_BYTES`] (64 MiB) each | the oldest parent forgotten / the waiting child converted without its parent, `bibtex.parent-missing` |
//! | UTF-16 input (decoded whole) | [`MAX_UTF16_BYTES`] (64 MiB) | the rest not read, [`UTF16_TOO_LARGE`] |
//! | diagnostics per record | [`MAX_DIAGNOSTICS`] (10,000) | the rest counted in one warning, [`DIAGNOSTICS_TRUNCATED`] (the first error kept) |
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

use crosswalk_model::{codes, CodeInfo, Diagnostic, Record, Severity};

pub use map::{
    AND_OTHERS, DATE_CONFLICT, DATE_CONVERTED, LANGUAGE_MORE, LANGUAGE_UNKNOWN, LATEX_LINK, LATEX_MATH, LATEX_UNKNOWN,
    NAME_OPTION, NAME_PART, PUBLISHER_TAKEN,
};
pub use parse::{
    BLOCK_TOO_LARGE, ENTRY_TOO_LARGE, MISSING_KEY, STRING_REFUSED, STRING_SYNTAX, SYNTAX, UNCLOSED, UNCLOSED_COMMENT,
    UNDEFINED_MACRO,
};
pub use reader::{
    Reader, DUPLICATE_KEY, INHERITANCE_WINDOW, INHERITANCE_WINDOW_BYTES, INHERITED, NO_ENTRIES, PARENT_MISSING,
    PREAMBLE, STRAY_TEXT,
};
pub use source::{READ_ERROR, UTF16_TOO_LARGE};
pub use write::{write, write_keyed, UniqueKeys, Writer, KEY_DISAMBIGUATED, KEY_REPLACED};

/// The largest entry read: 4 MiB, as written from its `@` to its closing delimiter, and again
/// with its `@string` macros expanded. The largest real entries (thousands of authors, a long
/// abstract) take some hundreds of KiB; an entry is parsed and mapped whole (its mapped record
/// can take 20 to 60 times its text when it is a list of thousands of short names), so a larger
/// one would let one entry take gigabytes. Over it, the entry is one failed record
/// ([`ENTRY_TOO_LARGE`]): the scanner keeps its first bytes (for the citation key) and skips the
/// rest without holding it, to its closing delimiter or the next line that starts an entry. An
/// `@string`, `@comment` or `@preamble` over it is reported ([`STRING_REFUSED`],
/// [`BLOCK_TOO_LARGE`]) and skipped the same way.
pub const MAX_ENTRY_BYTES: usize = 4 << 20;

/// The longest value one `@string` macro may have, expanded: 1 MiB. A macro is a journal name
/// or an abbreviation; macros defined from each other double with each step
/// (`@string{a1 = a0 # a0}`), so that a file of a kilobyte could define a value of gigabytes. A
/// macro whose value would be longer is refused ([`STRING_REFUSED`]): it stays undefined, so an
/// entry naming it reads the name as text and says so.
pub const MAX_STRING_BYTES: usize = 1 << 20;

/// The most text all `@string` macros of one input may hold together: 16 MiB (they are kept for
/// the whole input). A definition that would pass it is refused ([`STRING_REFUSED`]).
pub const MAX_STRINGS_BYTES: usize = 16 << 20;

/// The largest UTF-16 input: 64 MiB. UTF-16 is decoded whole before it is read (UTF-8 and
/// single-byte input are read line by line, at any size); past this, the rest is not read
/// ([`UTF16_TOO_LARGE`]).
pub const MAX_UTF16_BYTES: usize = 64 << 20;

/// The most diagnostics one record keeps: 10,000. Further ones are counted in one warning
/// ([`DIAGNOSTICS_TRUNCATED`]); an error among them is kept.
pub const MAX_DIAGNOSTICS: usize = 10_000;

/// Code: a record has more than [`MAX_DIAGNOSTICS`] diagnostics; the rest are not listed.
pub const DIAGNOSTICS_TRUNCATED: &str = "bibtex.diagnostics-truncated";

/// Adds `diagnostic` to diagnostics gathered for a record, holding at most [`MAX_DIAGNOSTICS`]
/// of them as they come: one warning then says that more are not listed, and the others are
/// dropped, but for the first error. (An entry of a million undefined macros, or a file of a million
/// unclosed comments before an entry, must not gather a million warnings first; the record's
/// whole list is capped again when it is made, `Record::truncate_diagnostics`.)
pub(crate) fn push_capped(list: &mut Vec<Diagnostic>, diagnostic: Diagnostic) {
    // Past the cap, one error is still kept, so that the record fails as it should.
    let first_error = diagnostic.is_error() && !list.iter().skip(MAX_DIAGNOSTICS).any(Diagnostic::is_error);
    if list.len() < MAX_DIAGNOSTICS || first_error {
        list.push(diagnostic);
    } else if !list.iter().skip(MAX_DIAGNOSTICS).any(|d| d.code == DIAGNOSTICS_TRUNCATED) {
        let message = format!("more diagnostics here are not listed: a record keeps at most {MAX_DIAGNOSTICS}");
        list.push(Diagnostic::warning(DIAGNOSTICS_TRUNCATED, message).at(diagnostic.location));
    }
}

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
        code: ENTRY_TOO_LARGE,
        severity: Severity::Error,
        summary: "An entry is larger than 4 MiB, as written or with its @string macros expanded; it was not read (nor held: the rest of it was skipped to its end, or to the next line that starts an entry). Real entries take some hundreds of KiB at most: check for a missing closing brace, or a field holding a file's contents.",
    },
    CodeInfo {
        code: STRING_REFUSED,
        severity: Severity::Warning,
        summary: "An @string macro was not defined: its value would be longer than 1 MiB expanded (macros defined from each other double with each step), the input's macros would hold more than 16 MiB together, or the @string is larger than 4 MiB. Entries naming it read its name as text (bibtex.undefined-macro).",
    },
    CodeInfo {
        code: BLOCK_TOO_LARGE,
        severity: Severity::Warning,
        summary: "An @comment or @preamble is larger than 4 MiB; it was skipped without being held, and ended before the first line in it that starts an entry (so the entries from there on are read), or at its closing delimiter.",
    },
    CodeInfo {
        code: UTF16_TOO_LARGE,
        severity: Severity::Error,
        summary: "The input is UTF-16, which is decoded whole before it is read, and larger than 64 MiB: only its first 64 MiB were read. Convert it to UTF-8, which is read as a stream of any size.",
    },
    CodeInfo {
        code: DIAGNOSTICS_TRUNCATED,
        severity: Severity::Warning,
        summary: "A record has more than 10,000 diagnostics; the first 10,000 are listed (and the first error after them, if any), the rest only counted. Fix the ones listed and read it again.",
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
