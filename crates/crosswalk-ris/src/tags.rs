//! The RIS tags: every tag of the RIS specification (the 2011 edition and the 2001 one it
//! replaced), the variants EndNote, Zotero, Mendeley, Scopus and Web of Science write, and where
//! the reader puts each in the model.
//!
//! The reader dispatches on each entry's target, so this table *is* the mapping: the crosswalk
//! page `docs/crosswalks/ris.md` is generated from it and a test keeps the two equal. A tag that
//! is not in the table is read like an unmapped one (`field.unmapped`, naming the tag).

/// How lines after a tag's line that carry no tag of their own are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Continuation {
    /// Free text: each further line is a line of the value (joined with a line break).
    Text,
    /// A list: each further line is one more value of the tag (EndNote writes keywords and
    /// ISSN/ISBN lists that way).
    List,
    /// A single-line value wrapped by the exporter: further lines are joined with a space.
    Wrapped,
}

/// What the reader does with a tag's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// `TY`: the record type.
    Type,
    /// `ER`: the end of the record.
    End,
    /// `ID`: the record's key.
    Key,
    /// The main title.
    Title,
    /// `BT`: the main title of a whole book, the container's title otherwise.
    BookTitle,
    /// `T2`: the secondary title: the container's (journal, book, proceedings, website, series).
    SecondaryTitle,
    /// `T3`: the tertiary (series) title.
    SeriesTitle,
    /// `ST`: a short title.
    ShortTitle,
    /// `TT`: a translated title.
    TranslatedTitle,
    /// `J2`: an alternate (abbreviated) title of the container, or of the work itself.
    AlternateTitle,
    /// `JF`, `JO`: the periodical's full name.
    Periodical,
    /// `JA`, `J1`, `J9`, `JI`: an abbreviation of the periodical's name.
    PeriodicalAbbreviation,
    /// `AU`, `A1`: an author.
    Author,
    /// `A2`, `ED`: an editor (the secondary author).
    Editor,
    /// `A3`: the tertiary author (series editor; producer of audiovisual works).
    TertiaryAuthor,
    /// `A4`: the subsidiary author (translator).
    SubsidiaryAuthor,
    /// `PY`, `Y1`: the publication year or primary date.
    Year,
    /// `DA`: the date.
    Date,
    /// `Y2`: the access date (secondary date in the 2001 specification).
    AccessDate,
    /// `DO`: the DOI.
    Doi,
    /// `UR`: the URL.
    Url,
    /// `L1`, `L2`, `L4`: links to the content (PDF, full text, images).
    ContentLink,
    /// `L3`: a link to related records.
    RelatedLink,
    /// `AB`, `N2`: the abstract.
    Abstract,
    /// `N1`: notes.
    Note,
    /// `KW`: a keyword.
    Keyword,
    /// `PB`, `PU`: the publisher.
    Publisher,
    /// `LA`: the language.
    Language,
    /// `ET`: the edition (the e-publication date of journal articles).
    Edition,
    /// `VL`: the volume.
    Volume,
    /// `IS`: the issue.
    Issue,
    /// `CP`: the issue (2001 specification); a conference name in Web of Science exports.
    IssueOrConference,
    /// `SP`: the start page or page range.
    StartPage,
    /// `EP`: the end page.
    EndPage,
    /// `SN`: ISSN, ISBN, or a report or patent number.
    SerialNumber,
    /// `AN`: the accession number.
    AccessionNumber,
    /// `CN`: the call number.
    CallNumber,
    /// `M3`: the type of work (a DOI in old EndNote exports).
    TypeOfWork,
    /// `C2`: PMCID (Scopus: PMID) of journal articles.
    Custom2,
    /// `C3`: the proceedings title of conference papers.
    Custom3,
    /// `C7`: the article number of journal articles.
    Custom7,
    /// `CR`: copyright (written by some exporters).
    Rights,
    /// Not carried into the model; reported as `field.unmapped`.
    Unmapped,
}

/// One RIS tag: its meaning, where it goes in the model, and how continuation lines are read.
#[derive(Clone, Copy, Debug)]
pub struct TagInfo {
    /// The two-character tag.
    pub tag: &'static str,
    /// What the tag holds, after the RIS specification (and the exporters that use it otherwise).
    pub meaning: &'static str,
    /// Where the reader puts it in the model (Markdown, as in the crosswalk page).
    pub model: &'static str,
    /// How lines without a tag after this tag's line are read.
    pub continuation: Continuation,
    pub(crate) target: Target,
}

const fn tag(
    tag: &'static str,
    meaning: &'static str,
    model: &'static str,
    continuation: Continuation,
    target: Target,
) -> TagInfo {
    TagInfo { tag, meaning, model, continuation, target }
}

use Continuation::{List, Text, Wrapped};
use Target as T;

/// Every tag the reader knows, in the order of the crosswalk page.
pub const TAGS: &[TagInfo] = &[
    tag("TY", "Type of reference, the first tag of a record", "`types.resourceTypeGeneral`, `types.resourceType` (see the type table)", Wrapped, T::Type),
    tag("ER", "End of reference, the last tag of a record", "– (ends the record)", Wrapped, T::End),
    tag("ID", "Reference ID", "the record's key (`Origin.key`), used for `{id}` in URL templates, and its citation key (`Origin.citation_key`), which writers of reference lists reuse; not part of the DataCite record", Wrapped, T::Key),
    tag("TI", "Title", "`titles[]` (the first main title; another is an `AlternativeTitle`)", Wrapped, T::Title),
    tag("T1", "Primary title, 2001 specification", "as `TI`", Wrapped, T::Title),
    tag("CT", "Title of unpublished reference, 2001 specification", "as `TI`", Wrapped, T::Title),
    tag("BT", "Book title, 2001 specification", "as `TI` for `BOOK` and `UNPB`; as `T2` otherwise", Wrapped, T::BookTitle),
    tag("T2", "Secondary title: journal, book, proceedings, website, or the series of a whole work", "`relatedItems[]` (`IsPublishedIn`) `.titles[]`", Wrapped, T::SecondaryTitle),
    tag("T3", "Tertiary title: series", "`descriptions[]` with `descriptionType` `SeriesInformation`", Wrapped, T::SeriesTitle),
    tag("ST", "Short title", "`titles[]` with `titleType` `AlternativeTitle`, after the main title whatever the tag order; not repeated when equal to a title", Wrapped, T::ShortTitle),
    tag("TT", "Translated title", "`titles[]` with `titleType` `TranslatedTitle`, after the main title whatever the tag order", Wrapped, T::TranslatedTitle),
    tag("J2", "Alternate title: the abbreviated journal or book title", "the container's `titles[]` with `titleType` `AlternativeTitle` when the record has a container, else `titles[]` `AlternativeTitle`", Wrapped, T::AlternateTitle),
    tag("JF", "Periodical name in full, 2001 specification", "the container's `titles[]` (main title unless `T2` gave one)", Wrapped, T::Periodical),
    tag("JO", "Periodical name, 2001 specification; written by Mendeley", "as `JF`", Wrapped, T::Periodical),
    tag("JA", "Periodical name, standard abbreviation, 2001 specification", "the container's `titles[]` with `titleType` `AlternativeTitle`", Wrapped, T::PeriodicalAbbreviation),
    tag("J1", "Periodical name, user abbreviation, 2001 specification", "as `JA`", Wrapped, T::PeriodicalAbbreviation),
    tag("J9", "Source abbreviation of 29 characters, in Web of Science exports", "as `JA`", Wrapped, T::PeriodicalAbbreviation),
    tag("JI", "ISO source abbreviation, in Web of Science exports", "as `JA`", Wrapped, T::PeriodicalAbbreviation),
    tag("AU", "Author", "`creators[]`: `name` as written; `Family, Given` also fills `familyName`, `givenName`; a name in braces is `Organizational`", Wrapped, T::Author),
    tag("A1", "Primary author, 2001 specification; a group author in Web of Science exports", "as `AU`", Wrapped, T::Author),
    tag("A2", "Secondary author: the editor; the series editor of books, performers of audiovisual works", "`contributors[]` with `contributorType` `Editor`", Wrapped, T::Editor),
    tag("ED", "Editor, 2001 specification", "as `A2`", Wrapped, T::Editor),
    tag("A3", "Tertiary author: the series editor; the producer of audiovisual works", "`contributors[]` with `contributorType` `Editor` (`Producer` for `ADVS`, `MPCT`, `VIDEO`, `MULTI`, `SOUND`)", Wrapped, T::TertiaryAuthor),
    tag("A4", "Subsidiary author: translator", "`contributors[]` with `contributorType` `Translator`", Wrapped, T::SubsidiaryAuthor),
    tag("PY", "Publication year; the primary date `YYYY/MM/DD/other` in the 2001 specification", "`publicationYear` (its four-digit year) and a `dates[]` entry `Issued` (converted to `YYYY-MM-DD`, the rest in `dateInformation`) unless `DA` gives the date", Wrapped, T::Year),
    tag("Y1", "Primary date, 2001 specification", "as `PY`", Wrapped, T::Year),
    tag("DA", "Date: `YYYY/MM/DD/other`, or free text such as `NOV` or `May 17`", "the `Issued` date, completed with the year of `PY`; a date whose year differs from `PY` is a `dates[]` entry `Other`", Wrapped, T::Date),
    tag("Y2", "Access date; the secondary date in the 2001 specification", "`dates[]` with `dateType` `Other` and `dateInformation` `Accessed`", Wrapped, T::AccessDate),
    tag("DO", "DOI", "`doi` (resolver prefix removed); a value that is not a DOI is an `alternateIdentifiers[]` entry of type `DOI`", Wrapped, T::Doi),
    tag("UR", "URL", "`url` (the first web address); a DOI resolver link gives `doi`; further addresses are `relatedIdentifiers[]` (`URL`, `relationType` `Other`, `relationTypeInformation` `Additional URL (RIS UR)`)", List, T::Url),
    tag("L1", "File attachments, link to PDF", "`contentUrl[]` (web addresses only; local file paths are reported)", List, T::ContentLink),
    tag("L2", "Link to full text, 2001 specification", "as `L1`", List, T::ContentLink),
    tag("L3", "Related records, 2001 specification", "`relatedIdentifiers[]` (`URL`, `relationType` `Other`, `relationTypeInformation` `Related record (RIS L3)`)", List, T::RelatedLink),
    tag("L4", "Figure, images", "as `L1`", List, T::ContentLink),
    tag("AB", "Abstract; notes in the 2001 specification", "`descriptions[]` with `descriptionType` `Abstract`", Text, T::Abstract),
    tag("N2", "Abstract, 2001 specification", "as `AB` (a text equal to an `AB` is read once)", Text, T::Abstract),
    tag("N1", "Notes", "`descriptions[]` with `descriptionType` `Other`", Text, T::Note),
    tag("KW", "Keywords, one per tag or per line", "`subjects[]`, one per value, as written", List, T::Keyword),
    tag("PB", "Publisher", "`publisher`", Wrapped, T::Publisher),
    tag("PU", "Publisher, in Web of Science exports", "as `PB`", Wrapped, T::Publisher),
    tag("LA", "Language", "`language`; English names of common languages become their ISO 639-1 code (reported)", Wrapped, T::Language),
    tag("ET", "Edition; the e-publication date of journal articles", "`version` for whole works; the container's `edition` for parts; for journal articles a date is an `Available` date", Wrapped, T::Edition),
    tag("VL", "Volume", "the container's `volume`", Wrapped, T::Volume),
    tag("IS", "Issue", "the container's `issue`", Wrapped, T::Issue),
    tag("CP", "Issue in the 2001 specification; a conference name in Web of Science exports", "the container's `issue` when it is a number; a conference name is reported", Wrapped, T::IssueOrConference),
    tag("SP", "Start page, or the pages (`379-423`); the number of pages of books and theses", "the container's `firstPage` (and `lastPage` from a range); a page count of `BOOK`, `EBOOK`, `EDBOOK`, `THES` is `sizes[]` (`250 pages`)", Wrapped, T::StartPage),
    tag("EP", "End page", "the container's `lastPage`", Wrapped, T::EndPage),
    tag("SN", "ISSN, ISBN, report or patent number", "an ISSN is the container's `relatedItemIdentifier` (a further one a `relatedIdentifiers[]` entry `IsPublishedIn`); an ISBN is the container's for parts of books, an `alternateIdentifiers[]` entry `ISBN` for whole works; anything else an `alternateIdentifiers[]` entry (`Report number`, `Patent number`, `Serial number`)", List, T::SerialNumber),
    tag("AN", "Accession number", "`alternateIdentifiers[]` with type `Accession number`", Wrapped, T::AccessionNumber),
    tag("CN", "Call number", "`alternateIdentifiers[]` with type `Call number`", Wrapped, T::CallNumber),
    tag("M3", "Type of work; a DOI in old EndNote exports", "`types.resourceType`; a DOI is read as `DO`", Wrapped, T::TypeOfWork),
    tag("C2", "Custom 2: PMCID of journal articles; PMID in Scopus exports", "`alternateIdentifiers[]` `PMCID` (`PMC…`) or `PMID` (digits) for journal types; reported otherwise", Wrapped, T::Custom2),
    tag("C3", "Custom 3: proceedings title of conference papers; an organisation in Web of Science exports", "the container's `titles[]` for `CPAPER`; reported otherwise", Wrapped, T::Custom3),
    tag("C7", "Custom 7: article number of journal articles", "the container's `number` with `numberType` `Article` for journal types; reported otherwise", Wrapped, T::Custom7),
    tag("CR", "Copyright, written by some exporters", "`rightsList[].rights`", Text, T::Rights),
    tag("TA", "Translated author", "reported (`field.unmapped`): the model has no second form of a name", Wrapped, T::Unmapped),
    tag("AD", "Author address", "reported: RIS does not say whose address it is", Text, T::Unmapped),
    tag("AV", "Availability or location in archives, 2001 specification", "reported", Wrapped, T::Unmapped),
    tag("C1", "Custom 1: legal note; the place of a conference", "reported", Wrapped, T::Unmapped),
    tag("C4", "Custom 4", "reported", Wrapped, T::Unmapped),
    tag("C5", "Custom 5: format of media", "reported", Wrapped, T::Unmapped),
    tag("C6", "Custom 6: NIHMSID; the early access date in Web of Science exports", "reported", Wrapped, T::Unmapped),
    tag("C8", "Custom 8", "reported", Wrapped, T::Unmapped),
    tag("CA", "Caption", "reported", Text, T::Unmapped),
    tag("CY", "Place published", "reported: the model has no place of publication", Wrapped, T::Unmapped),
    tag("PP", "Place of publication, written by some exporters", "reported", Wrapped, T::Unmapped),
    tag("DB", "Name of database", "reported", Wrapped, T::Unmapped),
    tag("DP", "Database provider", "reported", Wrapped, T::Unmapped),
    tag("LB", "Label", "reported", Wrapped, T::Unmapped),
    tag("M1", "Miscellaneous 1: a number whose meaning depends on the type", "reported", Wrapped, T::Unmapped),
    tag("M2", "Miscellaneous 2: start page; Zotero's extra field", "reported", Text, T::Unmapped),
    tag("NV", "Number of volumes", "reported", Wrapped, T::Unmapped),
    tag("OP", "Original publication", "reported", Wrapped, T::Unmapped),
    tag("RI", "Reviewed item", "reported", Wrapped, T::Unmapped),
    tag("RN", "Research notes", "reported: private annotations are not carried into public metadata", Text, T::Unmapped),
    tag("RP", "Reprint edition, reprint status", "reported", Wrapped, T::Unmapped),
    tag("SE", "Section, screens", "reported", Wrapped, T::Unmapped),
    tag("SV", "Series volume", "reported", Wrapped, T::Unmapped),
    tag("U1", "User definable 1, 2001 specification", "reported", Wrapped, T::Unmapped),
    tag("U2", "User definable 2, 2001 specification", "reported", Wrapped, T::Unmapped),
    tag("U3", "User definable 3, 2001 specification", "reported", Wrapped, T::Unmapped),
    tag("U4", "User definable 4, 2001 specification", "reported", Wrapped, T::Unmapped),
    tag("U5", "User definable 5, 2001 specification", "reported", Wrapped, T::Unmapped),
    tag("PI", "Publisher city, in Web of Science exports", "reported", Wrapped, T::Unmapped),
    tag("PA", "Publisher address, in Web of Science exports", "reported", Wrapped, T::Unmapped),
    tag("WE", "Web of Science edition, in Web of Science exports", "reported", Wrapped, T::Unmapped),
    tag("FU", "Funding agencies and grant numbers, in Web of Science exports", "reported: the funder names and awards are not split reliably", Text, T::Unmapped),
    tag("FX", "Funding text, in Web of Science exports", "reported", Text, T::Unmapped),
];

/// The entry of a tag, if the table has one.
pub fn lookup(tag: &str) -> Option<&'static TagInfo> {
    TAGS.iter().find(|t| t.tag == tag)
}

/// The slot of a tag in [`INDEX`]: 26 letters times 36 letters and digits; `None` for a byte
/// pair that cannot be a tag.
const fn slot(first: u8, second: u8) -> Option<usize> {
    if !first.is_ascii_uppercase() {
        return None;
    }
    let column = match second {
        b'A'..=b'Z' => second - b'A',
        b'0'..=b'9' => second - b'0' + 26,
        _ => return None,
    };
    Some((first - b'A') as usize * 36 + column as usize)
}

/// `TAGS` positions by tag, built at compile time: the reader looks up every line's tag, so the
/// lookup is one array access rather than a scan.
static INDEX: [u8; 26 * 36] = {
    // Positions are `u8`s, with `u8::MAX` for "no entry"; a longer table must fail the build.
    assert!(TAGS.len() < u8::MAX as usize);
    let mut index = [u8::MAX; 26 * 36];
    let mut rest: &[TagInfo] = TAGS;
    let mut position: u8 = 0;
    while let [entry, tail @ ..] = rest {
        if let [first, second, ..] = entry.tag.as_bytes() {
            if let Some(at) = slot(*first, *second) {
                if let Some((_, [cell, ..])) = index.split_at_mut_checked(at) {
                    *cell = position;
                }
            }
        }
        rest = tail;
        position += 1;
    }
    index
};

/// The entry of a two-byte tag, if known.
pub(crate) fn lookup_bytes(tag: [u8; 2]) -> Option<&'static TagInfo> {
    let at = slot(tag[0], tag[1])?;
    let position = *INDEX.get(at)?;
    TAGS.get(usize::from(position))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_unique_two_character_codes() {
        let mut seen = std::collections::BTreeSet::new();
        for t in TAGS {
            assert_eq!(t.tag.len(), 2, "{}", t.tag);
            assert!(t.tag.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()), "{}", t.tag);
            assert!(seen.insert(t.tag), "{} twice", t.tag);
        }
        assert_eq!(lookup("KW").map(|t| t.continuation), Some(Continuation::List));
        assert!(lookup_bytes(*b"XX").is_none());
    }
}
