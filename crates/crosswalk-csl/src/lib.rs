//! Citeproc JSON (CSL-JSON, CSL 1.0.2) for Crosswalk: a reader into the DataCite model and a
//! writer from it.
//!
//! - [`read`] and the streaming [`Reader`] take one item, a JSON array of items or JSON Lines and
//!   give one [`Record`](crosswalk_model::Record) per item. Reading is lenient where real data
//!   is (numbers as strings and strings as numbers, names as objects or strings, dates as
//!   `date-parts`, `raw`, `literal`, EDTF strings or bare years, Crossref's lists and ORCIDs) and
//!   reports everything it cannot carry over with the value's JSON pointer and `line:column`.
//! - [`write()`] turns one resource into one CSL item (the facade frames several as an array) and
//!   reports what CSL cannot hold.
//! - [`item`] holds our serde types of the CSL item; [`types`] the item-type table both ways;
//!   [`mapping`] the field and name-role tables that `docs/crosswalks/citeproc.md` is generated
//!   from.
//!
//! # Caps
//!
//! | what | cap | over it |
//! |---|---|---|
//! | the input of [`read`] | [`MAX_DOCUMENT_BYTES`] (64 MiB) | one failed record, [`CSL_TOO_LARGE`]; nothing of it decoded or parsed |
//! | one item of [`Reader`] (and of the facade's streams) | [`MAX_DOCUMENT_BYTES`] (64 MiB, `crosswalk_text::MAX_ITEM_BYTES`) | skipped without being held: one failed record, `input.item-too-large`, and the items after it are read (an item that does not end within four times the cap is the last: the rest of the input is not read) |
//! | nesting of arrays and objects | 128 levels (`serde_json`'s limit) | the item is one failed record, [`CSL_SYNTAX`] |
//! | diagnostics per record | [`MAX_DIAGNOSTICS`] (10,000) | the rest counted in one warning, [`CSL_DIAGNOSTICS_TRUNCATED`] (the first error kept) |

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

pub mod item;
pub mod mapping;
mod read;
pub mod types;
mod write;

use crosswalk_model::{codes, CodeInfo, Severity};

pub use read::{read, Reader};
pub use write::{write, write_item, write_item_keyed, write_keyed, UniqueIds};

/// Code: the input (or an item of it) is not valid JSON.
pub const CSL_SYNTAX: &str = "csl.syntax";
/// Code: an element of the input is not a JSON object, so it is no CSL item.
pub const CSL_NOT_AN_ITEM: &str = "csl.not-an-item";
/// Code: the input holds no item.
pub const CSL_NO_ITEMS: &str = "csl.no-items";
/// Code: the input could not be read to its end.
pub const CSL_IO: &str = "csl.io";
/// Code: the input of [`read`] is larger than [`MAX_DOCUMENT_BYTES`]; it was not read. (An item
/// of a stream over the cap is `input.item-too-large`, `crosswalk_text::ITEM_TOO_LARGE`.)
pub const CSL_TOO_LARGE: &str = "csl.too-large";

/// The largest input [`read`] reads, and the largest item [`Reader`] (and the facade's streams)
/// read: 64 MiB, `crosswalk_text::MAX_ITEM_BYTES`. An item is parsed whole (a `serde_json` tree
/// and the model: about ten times its size at the peak); real CSL items take kilobytes. An input
/// of [`read`] over it is one failed record ([`CSL_TOO_LARGE`]), none of it parsed; an item of a
/// stream over it is skipped without being held, one failed record (`input.item-too-large`),
/// and the items after it are read.
pub const MAX_DOCUMENT_BYTES: usize = crosswalk_text::MAX_ITEM_BYTES;

/// Code: a record has more than [`MAX_DIAGNOSTICS`] diagnostics; the rest are not listed.
pub const CSL_DIAGNOSTICS_TRUNCATED: &str = "csl.diagnostics-truncated";

/// The most diagnostics one record keeps: 10,000; further ones are counted in one warning
/// ([`CSL_DIAGNOSTICS_TRUNCATED`]), and the first error among them is kept.
pub const MAX_DIAGNOSTICS: usize = 10_000;
/// Code: a value has a JSON type its variable cannot have.
pub const CSL_TYPE: &str = "csl.type";
/// Code: an object names the same key twice.
pub const CSL_DUPLICATE_KEY: &str = "csl.duplicate-key";
/// Code: the item has no `type`.
pub const CSL_NO_TYPE: &str = "csl.no-type";
/// Code: the CSL type has no exact home; what was kept says the message.
pub const CSL_TYPE_APPROXIMATED: &str = "csl.type-approximated";
/// Code: the CSL type is a Crossref work type id (`journal-article`), read by Crossref's table.
pub const CSL_CROSSREF_TYPE: &str = "csl.crossref-type";
/// Code: the CSL type `article` was refined by the item's genre or journal.
pub const CSL_ARTICLE_TYPE: &str = "csl.article-type";
/// Code: the note gives CSL variables in Zotero's `variable: value` form.
pub const CSL_NOTE_VARIABLES: &str = "csl.note-variables";
/// Code: a variable that citation processors set, or a rendering flag: not metadata.
pub const CSL_PROCESSOR_VARIABLE: &str = "csl.processor-variable";
/// Code: a name role was mapped onto the nearest DataCite contributor type.
pub const CSL_ROLE_APPROXIMATED: &str = "csl.role-approximated";
/// Code: a name role has no DataCite contributor type; the names are kept as `Other`.
pub const CSL_ROLE_LOST: &str = "csl.role-lost";
/// Code: a name was written as a plain string.
pub const CSL_NAME_STRING: &str = "csl.name-string";
/// Code: a CSL date was converted to W3CDTF/EDTF.
pub const CSL_DATE_CONVERTED: &str = "csl.date-converted";
/// Code: a date could not be read as W3CDTF/EDTF and is kept as written.
pub const CSL_DATE_UNPARSED: &str = "csl.date-unparsed";
/// Code: a `page` text with several ranges was reduced to its first and last page.
pub const CSL_PAGE_RANGE: &str = "csl.page-range";
/// Code: container data (volume, issue, pages …) without a `container-title`.
pub const CSL_CONTAINER_UNTITLED: &str = "csl.container-untitled";
/// Code: `id` names another DOI than `DOI`.
pub const CSL_ID_MISMATCH: &str = "csl.id-mismatch";
/// Code: a `keyword` text was split into several subjects.
pub const CSL_KEYWORDS_SPLIT: &str = "csl.keywords-split";
/// Code: a key Crossref adds about its own records (counts, deposit dates): not metadata.
pub const CSL_CROSSREF_BOOKKEEPING: &str = "csl.crossref-bookkeeping";
/// Code (writer): the resource has no type, so the item is written with type `document`.
pub const CSL_WRITE_NO_TYPE: &str = "csl.write-no-type";
/// Code (writer): `resourceType` is a Crossref type name, said by the CSL type; not repeated.
pub const CSL_WRITE_TYPE_NAME: &str = "csl.write-type-name";
/// Code (writer): a subtitle was joined to the title, as CSL has no subtitle variable.
pub const CSL_WRITE_SUBTITLE_JOINED: &str = "csl.write-subtitle-joined";
/// Code (output): an item `id` already written in the same output got a letter appended.
pub const CSL_ID_DISAMBIGUATED: &str = "csl.id-disambiguated";

/// The codes this crate defines and emits, with the codes of the shared rules
/// (`crosswalk-rules`) the reader applies. The reader and writer also emit the shared codes
/// listed in [`SHARED_CODES`], and `crosswalk-text`'s `input.*` codes for input that is not UTF-8,
/// for lone surrogate escapes (`input.lone-surrogate`) and for an item too large to hold
/// (`input.item-too-large`).
pub const CODES: &[CodeInfo] = &[
    crosswalk_rules::MARKUP_REMOVED_INFO,
    crosswalk_rules::MATH_FLATTENED_INFO,
    crosswalk_rules::EDITORS_AS_CREATORS_INFO,
    crosswalk_rules::NAME_SPLIT_INFO,
    CodeInfo {
        code: CSL_SYNTAX,
        severity: Severity::Error,
        summary: "The input, or one item of it, is not valid JSON at the position given; that item could not be read (the others were). Fix the syntax, often a missing comma or quote.",
    },
    CodeInfo {
        code: CSL_NOT_AN_ITEM,
        severity: Severity::Error,
        summary: "An element of the input is a string, number or nested list, not a JSON object, so no CSL item can be read from it. Give each item as an object.",
    },
    CodeInfo {
        code: CSL_NO_ITEMS,
        severity: Severity::Error,
        summary: "The input holds no CSL item (it is empty or an empty list); there is nothing to convert.",
    },
    CodeInfo {
        code: CSL_IO,
        severity: Severity::Error,
        summary: "The input could not be read to its end; the items before the error were read, the rest are missing.",
    },
    CodeInfo {
        code: CSL_DIAGNOSTICS_TRUNCATED,
        severity: Severity::Warning,
        summary: "A record has more than 10,000 diagnostics; the first 10,000 are listed (and the first error after them, if any), the rest only counted. Fix the ones listed and read it again.",
    },
    CodeInfo {
        code: CSL_TOO_LARGE,
        severity: Severity::Error,
        summary: "The input is larger than 64 MiB, the most read as one CSL document; it was not read. Real CSL items take kilobytes: split it into smaller files, or read it as a stream (the command line does), which holds one item at a time (an item over 64 MiB is then input.item-too-large).",
    },
    CodeInfo {
        code: CSL_TYPE,
        severity: Severity::Warning,
        summary: "A value has a JSON type its CSL variable cannot have (e.g. a boolean title or an object where a name belongs); it is not carried over. Correct the value.",
    },
    CodeInfo {
        code: CSL_DUPLICATE_KEY,
        severity: Severity::Warning,
        summary: "An object names the same key twice; the last value is used, as JSON parsers do, and the earlier ones are lost. Remove the repetition.",
    },
    CodeInfo {
        code: CSL_NO_TYPE,
        severity: Severity::Warning,
        summary: "The item has no type, which CSL requires; resourceTypeGeneral is left empty. Add a CSL type.",
    },
    CodeInfo {
        code: CSL_TYPE_APPROXIMATED,
        severity: Severity::Info,
        summary: "The CSL type was mapped to a resourceTypeGeneral that does not name it exactly, and the genre took the resourceType that would have kept it; written back as CSL, the item gets the general type's CSL type.",
    },
    CodeInfo {
        code: CSL_CROSSREF_TYPE,
        severity: Severity::Info,
        summary: "The item's type is a Crossref work type (journal-article, posted-content, book-chapter …), as the CSL-JSON doi.org serves for Crossref DOIs has it, not a CSL type; it is read with Crossref's own type table (the one the Crossref XML reader uses): resourceTypeGeneral and the Crossref type name as resourceType, and the container of the CSL type it stands for (journal-article: article-journal, in a Journal).",
    },
    CodeInfo {
        code: CSL_ARTICLE_TYPE,
        severity: Severity::Info,
        summary: "The CSL type article (a self-contained work not published in a journal; DataCite also writes it for collections, awards, projects and other types) says only that the item is a text; the item's genre named a resourceTypeGeneral or a preprint, or its container-title with a volume, issue or ISSN named its journal, and that type was used (Preprint, Collection, JournalArticle …).",
    },
    CodeInfo {
        code: CSL_NOTE_VARIABLES,
        severity: Severity::Info,
        summary: "The note (Zotero's Extra field) gives CSL variables as Zotero users write them and citeproc-js reads them: lines of \"variable: value\" (original-date: 1859-11-24, DOI: …, author: Family || Given) or {:variable: value}; the variables CSL has were read as if the item held them, the rest stays the note. A variable the item gives itself wins (its line stays in the note), except type, which the note sets. The message names them.",
    },
    CodeInfo {
        code: CSL_PROCESSOR_VARIABLE,
        severity: Severity::Info,
        summary: "A variable that citation processors set while citing (citation-number, locator, year-suffix …) or a name's rendering flag; it is not metadata of the work and is not carried over.",
    },
    CodeInfo {
        code: CSL_ROLE_APPROXIMATED,
        severity: Severity::Info,
        summary: "A CSL name role was mapped onto the nearest DataCite contributorType (e.g. executive-producer to Producer); the message names both.",
    },
    CodeInfo {
        code: CSL_ROLE_LOST,
        severity: Severity::Warning,
        summary: "A CSL name role (e.g. illustrator) has no DataCite contributorType; the names are kept as contributors of type Other and the role is lost.",
    },
    CodeInfo {
        code: CSL_NAME_STRING,
        severity: Severity::Info,
        summary: "A name was given as a plain string rather than a CSL name object; it is kept as written as the name, without splitting it and without a nameType.",
    },
    CodeInfo {
        code: CSL_DATE_CONVERTED,
        severity: Severity::Info,
        summary: "A CSL date (date-parts, a season, circa, a bare year or a free-text raw date) was converted to its W3CDTF/EDTF form; the message shows both.",
    },
    CodeInfo {
        code: CSL_DATE_UNPARSED,
        severity: Severity::Warning,
        summary: "A date is not in a form Crosswalk can read as W3CDTF or EDTF; it is kept as written, which DataCite may reject. Give it as date-parts or YYYY-MM-DD.",
    },
    CodeInfo {
        code: CSL_PAGE_RANGE,
        severity: Severity::Warning,
        summary: "The page text holds several pages or ranges; DataCite has a first and a last page, so only the outer bounds are kept.",
    },
    CodeInfo {
        code: CSL_CONTAINER_UNTITLED,
        severity: Severity::Warning,
        summary: "Container data (volume, issue, pages, ISSN …) was given without container-title; it is kept in a relatedItem that has no title, which the DataCite documentation requires. Add the container-title.",
    },
    CodeInfo {
        code: CSL_ID_MISMATCH,
        severity: Severity::Warning,
        summary: "The item's id is a DOI other than its DOI variable; the DOI variable is used. Make them agree.",
    },
    CodeInfo {
        code: CSL_KEYWORDS_SPLIT,
        severity: Severity::Info,
        summary: "The keyword text holds several keywords separated by commas or semicolons; each became a subject.",
    },
    CodeInfo {
        code: CSL_CROSSREF_BOOKKEEPING,
        severity: Severity::Info,
        summary: "A key Crossref adds to the CSL it serves about its own records (citation counts, deposit and index dates, member ids); it is not metadata of the work and is not carried over.",
    },
    CodeInfo {
        code: CSL_WRITE_NO_TYPE,
        severity: Severity::Warning,
        summary: "The resource has no resourceTypeGeneral, but CSL requires a type; the item is written with type document.",
    },
    CodeInfo {
        code: CSL_WRITE_TYPE_NAME,
        severity: Severity::Info,
        summary: "The resourceType is a Crossref work type name (JournalArticle, BookChapter …), which the CSL type already says; it is not repeated as genre, so reading the item back gives no resourceType.",
    },
    CodeInfo {
        code: CSL_WRITE_SUBTITLE_JOINED,
        severity: Severity::Info,
        summary: "CSL has no subtitle variable; the subtitle was joined to the title with a colon, as citations print it.",
    },
    CodeInfo {
        code: CSL_ID_DISAMBIGUATED,
        severity: Severity::Info,
        summary: "The item's id (its key in the source, or the one made from its DOI or URL) was already written for an earlier item of the same output; a letter was appended, as citeproc needs the ids of one list unique.",
    },
];

/// The shared codes ([`crosswalk_model::codes`]) the reader and writer emit.
pub const SHARED_CODES: &[&str] = &[
    codes::FIELD_UNMAPPED,
    codes::FIELD_REPEATED,
    codes::VALUE_EMPTY,
    codes::VALUE_TRIMMED,
    codes::TEXT_CP1252,
    codes::TEXT_CONTROL,
    codes::TEXT_SEPARATOR,
    codes::TEXT_BIDI,
    codes::VALUE_NORMALISED,
    codes::VALUE_INVALID,
    codes::VOCAB_UNKNOWN,
    codes::VOCAB_NORMALISED,
    codes::WRITE_UNREPRESENTABLE,
];
