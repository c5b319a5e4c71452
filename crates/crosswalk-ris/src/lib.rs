//! RIS for Crosswalk: a streaming reader of multi-record RIS files into the DataCite model, and a
//! writer of one RIS record per resource.
//!
//! RIS is the tagged format of reference managers and library systems (EndNote, Zotero,
//! Mendeley, Reference Manager, Scopus, Web of Science exports): each line `XX  - value`, a
//! record from `TY  - ` to `ER  - `. The reader accepts both editions of the specification (2001
//! and 2011), every tag of them ([`TAGS`]) and every reference type ([`TYPES`]), and what
//! exporters write around them: a byte-order mark, CRLF, blank lines, continuation lines, tags with
//! irregular spacing, lower-case tags, a missing `ER`, text outside records, lines that are not
//! UTF-8 (decoded as Windows-1252 with one warning per record), UTF-16 files.
//!
//! - [`read`] reads a whole input; [`Reader`] streams records from any `BufRead`, holding one
//!   record at a time, so memory stays flat however large the catalog.
//! - [`write()`] writes one record; the facade concatenates records for a multi-record file.
//! - [`CODES`] documents every diagnostic code the crate emits.
//!
//! The mapping, in both directions, is the crosswalk page `docs/crosswalks/ris.md`, generated
//! from [`TAGS`], [`TYPES`] and [`WRITTEN`] and kept equal to them by a test.
//!
//! # Caps
//!
//! | what | cap | over it |
//! |---|---|---|
//! | one line | 1 MiB, cut between characters | the rest of the line skipped, so the value it holds is cut short (`value.cut`) |
//! | one record | 16 MiB of text, 100,000 tags | the rest of the record skipped, [`RECORD_TOO_LARGE`] |
//! | diagnostics per record | 10,000 | the rest not listed, [`DIAGNOSTICS_TRUNCATED`] |
//!
//! ```
//! let input = "TY  - JOUR\r\nAU  - Shannon, Claude E.\r\nPY  - 1948\r\nDA  - July\r\n\
//!              TI  - A Mathematical Theory of Communication\r\nT2  - Bell System Technical Journal\r\n\
//!              SP  - 379\r\nEP  - 423\r\nVL  - 27\r\nER  - \r\n";
//! let records = crosswalk_ris::read(input.as_bytes());
//! let r = &records[0].resource;
//! assert_eq!(r.creators[0].family_name.as_deref(), Some("Shannon"));
//! assert_eq!(r.publication_year.as_deref(), Some("1948"));
//! assert_eq!(r.dates[0].date, "1948-07");
//! assert_eq!(r.related_items[0].titles[0].title, "Bell System Technical Journal");
//! assert_eq!(r.related_items[0].first_page.as_deref(), Some("379"));
//!
//! let written = crosswalk_ris::write(r);
//! assert!(written.text.starts_with("TY  - JOUR\r\n"));
//! assert!(written.text.ends_with("ER  - \r\n"));
//! ```

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
mod ids;
mod lines;
mod map;
mod names;
mod reader;
pub mod tags;
pub mod types;
mod write;

use crosswalk_model::{codes, CodeInfo, Record, Severity};

pub use reader::{Pending, PendingReader, Reader};
pub use tags::{Continuation, TagInfo, TAGS};
pub use types::{Family, RisType, TYPES};
pub use write::{write, write_keyed, UniqueIds, WrittenTag, WRITTEN};

/// Code: tag lines outside a record, ended by an `ER` line, are a record without `TY` line.
pub const MISSING_TY: &str = "ris.missing-ty";
/// Code: a record has no `ER` line.
pub const MISSING_ER: &str = "ris.missing-er";
/// Code: text outside any record (tag lines that no `ER` ends included) was skipped.
pub const OUTSIDE_RECORD: &str = "ris.outside-record";
/// Code: the input holds no RIS record.
pub const NO_RECORDS: &str = "ris.no-records";
/// Code: tags written in another form than `XX  - `.
pub const TAG_IRREGULAR: &str = "ris.tag-irregular";
/// Code: a single-line value wrapped over several lines was joined.
pub const CONTINUATION: &str = "ris.continuation";
/// Code: a date was converted from a RIS form to W3CDTF.
pub const DATE_CONVERTED: &str = "ris.date-converted";
/// Code: a value was read under another tag's meaning, as its form or the record type says.
pub const REMAPPED: &str = "ris.remapped";
/// Code: a name with a comma was kept whole because it reads like an organisation's.
pub const NAME_KEPT: &str = "ris.name-kept";
/// Code: a record larger than the limits was cut.
pub const RECORD_TOO_LARGE: &str = "ris.record-too-large";
/// Code: reading the input failed.
pub const IO_ERROR: &str = "ris.io";
/// Code: a record has so many diagnostics that the rest are not listed.
pub const DIAGNOSTICS_TRUNCATED: &str = "ris.diagnostics-truncated";
/// Code (writer): the resource has no type; `TY  - GEN` was written.
pub const TYPE_DEFAULTED: &str = "ris.type-defaulted";
/// Code (writer): a value was written under a tag that keeps it only in part (a subtitle joined
/// to the title, a description type written as a note, line breaks of a one-line tag).
pub const WRITTEN_APPROXIMATELY: &str = "ris.written-approximately";
/// Code: an `ID` already written in the same output got a letter appended.
pub const ID_DISAMBIGUATED: &str = "ris.id-disambiguated";

/// The most diagnostics one record keeps.
pub(crate) const DIAGNOSTIC_LIMIT: usize = 10_000;

/// Every code this crate emits (reader and writer), with its severity and what to do.
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: MISSING_TY,
        severity: Severity::Error,
        summary: "Tag lines outside a record end with an ER line, so they are a record whose TY line is missing: it was read without a type and counts as failed; the records around it are read as usual. Add the TY line.",
    },
    CodeInfo {
        code: MISSING_ER,
        severity: Severity::Warning,
        summary: "A record has no ER line: it was ended at the next TY line or at the end of the input. Check that no record was cut or merged, and add the ER line.",
    },
    CodeInfo {
        code: OUTSIDE_RECORD,
        severity: Severity::Warning,
        summary: "Text stands outside any record (before the first TY, between ER and the next TY, or after the last record) and was skipped; the message quotes its start. Tag lines there that no ER line ends (Ovid writes NL and UK after a record's ER) belong to no record and are skipped too; the message names their tags.",
    },
    CodeInfo {
        code: NO_RECORDS,
        severity: Severity::Error,
        summary: "The input is empty, blank, or holds text but no RIS record (no line \"TY  - \"); it is one failed record, so that every input is accounted for. Check the input format.",
    },
    CodeInfo {
        code: TAG_IRREGULAR,
        severity: Severity::Info,
        summary: "Tags are written in another form than the standard \"XX  - \" (other spacing around the dash, lower case) and were read as tags.",
    },
    CodeInfo {
        code: CONTINUATION,
        severity: Severity::Info,
        summary: "A one-line value (a title, a name) continues on lines without a tag; the lines were joined with spaces.",
    },
    CodeInfo {
        code: DATE_CONVERTED,
        severity: Severity::Info,
        summary: "A RIS date (YYYY/MM/DD/other, a month name, a date with dots or dashes such as 2015.10.05 or 2015-) was written as a W3CDTF date; text that is not part of the date is kept as dateInformation and separators at its end are dropped, as the message says.",
    },
    CodeInfo {
        code: REMAPPED,
        severity: Severity::Info,
        summary: "A value was read under another meaning than its tag's, as its form or the record type says: a DOI in M3 or UR, the page count of a book in SP, the e-publication date of an article in ET, a DOI link that is not a landing page.",
    },
    CodeInfo {
        code: NAME_KEPT,
        severity: Severity::Info,
        summary: "A name with a comma reads like an organisation's, so it was not split into family and given names; write it in braces ({Name}) to mark it as an organisation.",
    },
    crosswalk_rules::EDITORS_AS_CREATORS_INFO,
    CodeInfo {
        code: codes::VALUE_CUT,
        severity: Severity::Warning,
        summary: "A line is longer than 1 MiB; the rest of it was skipped, so the value it holds is cut short. The record converts with the warning, but a payload that registers it (with an event) is refused.",
    },
    CodeInfo {
        code: RECORD_TOO_LARGE,
        severity: Severity::Error,
        summary: "A record holds more than 16 MiB of text or 100,000 tags (a missing ER can merge a whole file into one record); the rest of it was skipped. Check the record's ER lines.",
    },
    CodeInfo {
        code: IO_ERROR,
        severity: Severity::Error,
        summary: "Reading the input failed; the records before were read, reading stopped there.",
    },
    CodeInfo {
        code: DIAGNOSTICS_TRUNCATED,
        severity: Severity::Warning,
        summary: "A record has more than 10,000 diagnostics; the rest are not listed (the record was still read in full).",
    },
    CodeInfo {
        code: TYPE_DEFAULTED,
        severity: Severity::Info,
        summary: "The resource has no resourceTypeGeneral, so the RIS record was written as TY  - GEN.",
    },
    CodeInfo {
        code: WRITTEN_APPROXIMATELY,
        severity: Severity::Info,
        summary: "A value was written under a RIS tag that keeps it only in part: a subtitle joined to the title, a description of another type written as a note (N1), line breaks of a one-line value written as spaces.",
    },
    CodeInfo {
        code: ID_DISAMBIGUATED,
        severity: Severity::Info,
        summary: "The record's ID (its key in the source) was already written for an earlier record of the same output; a letter was appended to keep IDs unique.",
    },
    CodeInfo {
        code: codes::VOCAB_UNKNOWN,
        severity: Severity::Warning,
        summary: "A TY value is not a RIS reference type (or is empty): resourceTypeGeneral is Other and the value is kept in resourceType.",
    },
    CodeInfo {
        code: codes::VOCAB_NORMALISED,
        severity: Severity::Info,
        summary: "A TY value was read in another spelling (lower case, a variant such as UNPD or WEB) as the type it names.",
    },
    CodeInfo {
        code: codes::FIELD_UNMAPPED,
        severity: Severity::Warning,
        summary: "A RIS tag has no home in the DataCite model (or is not a RIS tag, or holds what the model cannot use, such as a local file path); its value is not carried over. The crosswalk page lists each tag.",
    },
    CodeInfo {
        code: codes::FIELD_REPEATED,
        severity: Severity::Warning,
        summary: "A single-valued tag (PB, LA, PY, VL, IS, DO …) occurs again with another value; the first is kept and the others are lost.",
    },
    CodeInfo {
        code: codes::VALUE_EMPTY,
        severity: Severity::Info,
        summary: "Tags without a value were skipped (the message lists them).",
    },
    CodeInfo {
        code: codes::VALUE_TRIMMED,
        severity: Severity::Info,
        summary: "White space around values was removed (the message names the first tag and counts the others).",
    },
    codes::TEXT_CODES[0],
    codes::TEXT_CODES[1],
    codes::TEXT_CODES[2],
    codes::TEXT_CODES[3],
    CodeInfo {
        code: codes::VALUE_NORMALISED,
        severity: Severity::Info,
        summary: "A value was rewritten into its normal form: a DOI without its resolver prefix, an ISSN or ISBN without the text around it, a language name as its ISO 639-1 code.",
    },
    CodeInfo {
        code: codes::VALUE_INVALID,
        severity: Severity::Warning,
        summary: "A value does not have the form its tag needs (a DOI, a date with a year, an ISSN or ISBN, a web address); the message says whether it was kept elsewhere or dropped.",
    },
    CodeInfo {
        code: codes::WRITE_UNREPRESENTABLE,
        severity: Severity::Warning,
        summary: "RIS has no tag for a value of the resource (identifiers and affiliations of names, languages of titles, geolocations, funding, most related identifiers …); it is not in the output.",
    },
    CodeInfo {
        code: crosswalk_text::ENCODING_ASSUMED,
        severity: Severity::Warning,
        summary: "Lines of a record are not valid UTF-8 and hold no UTF-8 character beyond ASCII; each was decoded as Windows-1252 (one warning per record, at the first such line's first byte that is not UTF-8, which it names). Check accented characters, or convert the file to UTF-8.",
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

/// Reads every record of a RIS input; never panics, never fails (see [`Reader`]).
///
/// ```
/// let records = crosswalk_ris::read(b"TY  - DATA\nTI  - Soil samples\nER  - \n");
/// assert_eq!(records.len(), 1);
/// assert_eq!(records[0].resource.types.resource_type_general, Some(crosswalk_model::ResourceTypeGeneral::Dataset));
/// ```
pub fn read(bytes: &[u8]) -> Vec<Record> {
    Reader::new(bytes).collect()
}

/// The longest value quoted in a message, in characters.
const QUOTE_LIMIT: usize = 60;

/// A value for a message: in double quotes, shortened with `…` past [`QUOTE_LIMIT`] characters.
pub(crate) fn quote(value: &str) -> String {
    let mut quoted = String::with_capacity(value.len().min(QUOTE_LIMIT * 4) + 2);
    quoted.push('"');
    for (i, c) in value.chars().enumerate() {
        if i == QUOTE_LIMIT {
            quoted.push('…');
            break;
        }
        match c {
            '"' => quoted.push_str("\\\""),
            '\n' => quoted.push_str("\\n"),
            _ => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}
