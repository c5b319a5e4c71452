//! The mapping rules that several readers share, written once.
//!
//! Format crates never depend on each other, so a rule that two readers need (which
//! `resourceTypeGeneral` a Crossref work type is, how JATS markup becomes text, when editors
//! are creators, how "Given Family" is split) would otherwise be written twice and drift apart.
//! It lives here instead, below every format crate and above the model only:
//!
//! - [`crossref_types`]: Crossref's work types, both as the deposit schema's elements
//!   ([`crossref_types::WORK_TYPES`], read by the Crossref XML reader) and as the REST API and
//!   doi.org's CSL-JSON name them ([`crossref_types::CROSSREF_TYPES`], `journal-article`, read by
//!   the CSL reader);
//! - [`markup`]: JATS, MathML and face markup reduced to plain text (Crossref XML titles and
//!   abstracts, the JATS abstracts Crossref puts into CSL-JSON);
//! - [`editors`]: a work with editors and no creator has its editors as creators;
//! - [`names`]: a person's name written "Given Family" in one string split into its parts
//!   (particles, suffixes, CJK order), and organisations told from people;
//! - [`languages`]: language values (`en_US`, `eng`, `ger`, `English`) read as BCP 47 tags;
//! - [`licences`]: Creative Commons and spdx.org licence URLs identified as SPDX identifiers.
//!
//! Each rule reports what it did with a code of [`CODES`], the same code whichever reader
//! applied it; the reader supplies the location. The crate knows no format: rules take and give
//! model values and plain text.
//!
//! ```
//! use crosswalk_rules::names::split_personal_name;
//!
//! let name = split_personal_name("Ludwig van Beethoven").unwrap();
//! assert_eq!(name.family, "van Beethoven");
//! assert_eq!(name.display(), "van Beethoven, Ludwig");
//! assert!(split_personal_name("Max Planck Institute").is_none());
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

pub mod crossref_types;
pub mod editors;
pub mod languages;
pub mod licences;
pub mod markup;
pub mod names;

use crosswalk_model::{CodeInfo, Severity};

/// Code: a work without creators has its editors as creators (they stay contributors too).
pub const EDITORS_AS_CREATORS: &str = "people.editors-as-creators";
/// Code: a person's name in one string was split into family and given names.
pub const NAME_SPLIT: &str = "people.name-split";
/// Code: markup (JATS, face markup) was reduced to its text.
pub const MARKUP_REMOVED: &str = "markup.removed";
/// Code: MathML was reduced to the text of its symbols.
pub const MATH_FLATTENED: &str = "markup.math-flattened";

/// The documentation of [`EDITORS_AS_CREATORS`], for the `CODES` tables of the readers that
/// apply the rule.
pub const EDITORS_AS_CREATORS_INFO: CodeInfo = CodeInfo {
    code: EDITORS_AS_CREATORS,
    severity: Severity::Info,
    summary: "The work names editors but no author, and DataCite requires a creator: its editors are its creators too (they stay contributors of type Editor). The same rule in every reader. A citation writer (CSL, BibTeX, RIS) writes such creators once, as the editors they are.",
};

/// The documentation of [`NAME_SPLIT`].
pub const NAME_SPLIT_INFO: CodeInfo = CodeInfo {
    code: NAME_SPLIT,
    severity: Severity::Info,
    summary: "A person's name given as one string (\"Given Family\") was split into familyName and givenName (particles such as van or de la stay with the family name, a suffix such as Jr. follows after a comma, Chinese, Japanese and Korean names are family-first) and written \"Family, Given\" as DataCite asks; the message shows both forms. Organisations are never split.",
};

/// The documentation of [`MARKUP_REMOVED`].
pub const MARKUP_REMOVED_INFO: CodeInfo = CodeInfo {
    code: MARKUP_REMOVED,
    severity: Severity::Info,
    summary: "Face markup (<i>, <b>, <sup> …) or JATS markup (<jats:p>, <jats:italic> …) was reduced to its text, an abstract's paragraphs separated by a blank line; DataCite titles and descriptions hold plain text. The message names the elements removed.",
};

/// The documentation of [`MATH_FLATTENED`].
pub const MATH_FLATTENED_INFO: CodeInfo = CodeInfo {
    code: MATH_FLATTENED,
    severity: Severity::Warning,
    summary: "MathML was reduced to the text of its symbols (x² becomes x2); check the formula in the output.",
};

/// Every code the shared rules emit (through the readers that apply them).
pub const CODES: &[CodeInfo] = &[EDITORS_AS_CREATORS_INFO, NAME_SPLIT_INFO, MARKUP_REMOVED_INFO, MATH_FLATTENED_INFO];

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_unique_and_dotted() {
        let mut seen = std::collections::BTreeSet::new();
        for info in super::CODES {
            assert!(info.code.contains('.'), "{}", info.code);
            assert!(seen.insert(info.code), "{} twice", info.code);
        }
    }
}
