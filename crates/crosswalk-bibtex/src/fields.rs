//! The field table: every BibTeX and BibLaTeX field the reader knows, what it becomes in the
//! model, and the fields it knowingly reports as lost. The reader looks fields up here, and the
//! crosswalk page's reading table is generated from it (a test keeps the page current).
//! A field missing from the table is reported as `field.unmapped` like the listed lost ones.

/// What the reader does with a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Creators.
    Author,
    /// Contributors with `contributorType` Editor.
    Editor,
    /// Contributors with `contributorType` Translator.
    Translator,
    /// Contributors with `contributorType` RightsHolder.
    Holder,
    /// Contributors with `contributorType` Other (annotators, commentators, authors of forewords).
    OtherRole,
    /// The container's creators.
    BookAuthor,
    /// The main title.
    Title,
    /// A title of type Subtitle.
    Subtitle,
    /// A title of type Other.
    TitleAddon,
    /// A title of type AlternativeTitle.
    AlternativeTitle,
    /// The container's title (journal, book, proceedings).
    ContainerTitle,
    /// The container's subtitle.
    ContainerSubtitle,
    /// The container's title addition (type Other).
    ContainerAddon,
    /// The container's short title (type AlternativeTitle).
    ContainerShortTitle,
    /// The series: a related item of its own.
    Series,
    /// The container's (or series') volume.
    Volume,
    /// The issue (articles) or number.
    Number,
    /// The container's issue.
    Issue,
    /// First and last page.
    Pages,
    /// The article number.
    Eid,
    /// The chapter number.
    Chapter,
    /// The edition: `version`, or the container's edition.
    Edition,
    /// `version`.
    Version,
    /// The publisher.
    Publisher,
    /// The degree-granting or issuing institution.
    Institution,
    /// The organisation sponsoring a conference or publishing a manual.
    Organization,
    /// How something unusual was published.
    HowPublished,
    /// An ISBN.
    Isbn,
    /// An ISSN.
    Issn,
    /// Another identifier of the resource, typed by the field name.
    OtherIdentifier,
    /// The DOI.
    Doi,
    /// The URL.
    Url,
    /// When the URL was visited.
    UrlDate,
    /// An e-print identifier, typed by `eprinttype`.
    Eprint,
    /// The type of `eprint`.
    EprintType,
    /// The class of `eprint` (an arXiv category).
    EprintClass,
    /// The PubMed id.
    Pmid,
    /// An abstract.
    Abstract,
    /// A note.
    Note,
    /// Keywords.
    Keywords,
    /// The language.
    Language,
    /// The BibLaTeX date.
    Date,
    /// The year.
    Year,
    /// The month.
    Month,
    /// The day (non-standard).
    Day,
    /// The date of the original edition.
    OrigDate,
    /// The date of the event.
    EventDate,
    /// Rights or a licence.
    Rights,
    /// The type of a thesis or report (or of anything).
    Type,
    /// The number of pages.
    PageTotal,
    /// The number of volumes.
    Volumes,
    /// Inheritance from a parent entry.
    Crossref,
    /// Inheritance from `@xdata` entries.
    Xdata,
    /// No home in the model: reported as `field.unmapped`.
    Unmapped,
}

impl Target {
    /// The model property, for the crosswalk page.
    pub fn property(self) -> &'static str {
        use Target as T;
        match self {
            T::Author => "`creators`",
            T::Editor => "`contributors` (`Editor`)",
            T::Translator => "`contributors` (`Translator`)",
            T::Holder => "`contributors` (`RightsHolder`)",
            T::OtherRole => "`contributors` (`Other`)",
            T::BookAuthor => "`relatedItems[].creators`",
            T::Title => "`titles[].title`",
            T::Subtitle => "`titles[]` (`Subtitle`)",
            T::TitleAddon => "`titles[]` (`Other`)",
            T::AlternativeTitle => "`titles[]` (`AlternativeTitle`)",
            T::ContainerTitle => "`relatedItems[].titles`",
            T::ContainerSubtitle => "`relatedItems[].titles` (`Subtitle`)",
            T::ContainerAddon => "`relatedItems[].titles` (`Other`)",
            T::ContainerShortTitle => "`relatedItems[].titles` (`AlternativeTitle`)",
            T::Series => "`relatedItems[].titles` (series item)",
            T::Volume => "`relatedItems[].volume`",
            T::Number => "`relatedItems[].issue` / `relatedItems[].number` / `alternateIdentifiers`",
            T::Issue => "`relatedItems[].issue`",
            T::Pages => "`relatedItems[].firstPage`, `lastPage`",
            T::Eid => "`relatedItems[].number` (`Article`)",
            T::Chapter => "`relatedItems[].number` (`Chapter`)",
            T::Edition => "`version` / `relatedItems[].edition`",
            T::Version => "`version`",
            T::Publisher => "`publisher`",
            T::Institution => "`publisher` / `contributors` (`HostingInstitution`)",
            T::Organization => "`publisher` / `contributors` (`Sponsor`)",
            T::HowPublished => "`publisher` / `url` / `descriptions` (`Other`)",
            T::Isbn => "`alternateIdentifiers` (`ISBN`) / `relatedItems[].relatedItemIdentifier`",
            T::Issn => "`alternateIdentifiers` (`ISSN`) / `relatedItems[].relatedItemIdentifier`",
            T::OtherIdentifier => "`alternateIdentifiers`",
            T::Doi => "`doi`",
            T::Url => "`url`",
            T::UrlDate => "`dates[]` (`Other`, \"Accessed\")",
            T::Eprint => "`alternateIdentifiers` / `doi`",
            T::EprintType => "(types `eprint`)",
            T::EprintClass => "`subjects`",
            T::Pmid => "`alternateIdentifiers` (`PMID`)",
            T::Abstract => "`descriptions` (`Abstract`)",
            T::Note => "`descriptions` (`Other`)",
            T::Keywords => "`subjects`",
            T::Language => "`language`",
            T::Date => "`dates[]` (`Issued`), `publicationYear`",
            T::Year => "`publicationYear`, `dates[]` (`Issued`)",
            T::Month => "`dates[]` (`Issued`)",
            T::Day => "`dates[]` (`Issued`)",
            T::OrigDate => "`dates[]` (`Other`, \"Original publication\")",
            T::EventDate => "`dates[]` (`Other`, \"Event\")",
            T::Rights => "`rightsList`",
            T::Type => "`types.resourceType`",
            T::PageTotal => "`sizes` (\"N pages\")",
            T::Volumes => "`sizes` (\"N volumes\")",
            T::Crossref => "(inheritance)",
            T::Xdata => "(inheritance)",
            T::Unmapped => "– (`field.unmapped`)",
        }
    }
}

/// One known field.
#[derive(Clone, Copy, Debug)]
pub struct FieldInfo {
    /// The field name, lowercase.
    pub name: &'static str,
    /// What the reader does with it.
    pub target: Target,
    /// Details for the crosswalk page.
    pub note: &'static str,
}

const fn f(name: &'static str, target: Target, note: &'static str) -> FieldInfo {
    FieldInfo { name, target, note }
}

use Target as T;

/// Every field the reader knows, sorted by name (the reader searches it).
pub const FIELDS: &[FieldInfo] = &[
    f("abstract", T::Abstract, "Not inherited through `crossref`."),
    f("addendum", T::Note, ""),
    f("address", T::Unmapped, "DataCite has no place of publication. Alias of `location`."),
    f("afterword", T::OtherRole, "Authors of an afterword."),
    f("annotation", T::Note, ""),
    f("annotator", T::OtherRole, ""),
    f("annote", T::Note, "Alias of `annotation`."),
    f("archiveprefix", T::EprintType, "Alias of `eprinttype` (arXiv's export)."),
    f("author", T::Author, "Names in every BibTeX form; `{Braced Name}` is `Organizational`; `and others` is reported (`bibtex.and-others`), not a person."),
    f("bibsource", T::Unmapped, "DBLP bookkeeping."),
    f("biburl", T::Unmapped, "DBLP bookkeeping."),
    f("bookauthor", T::BookAuthor, "The container's authors."),
    f("booksubtitle", T::ContainerSubtitle, ""),
    f("booktitle", T::ContainerTitle, "The book or proceedings an `@in…` entry is published in."),
    f("booktitleaddon", T::ContainerAddon, ""),
    f("chapter", T::Chapter, ""),
    f("commentator", T::OtherRole, ""),
    f("copyright", T::Rights, "A URL becomes `rightsUri`, other text `rights`."),
    f("crossref", T::Crossref, "The parent's fields are inherited (BibLaTeX rules); the parent may come before or after the child."),
    f("date", T::Date, "BibLaTeX/EDTF dates and ranges, kept as written."),
    f("day", T::Day, "Non-standard (Pure, some exports); joins `year` and `month`."),
    f("doi", T::Doi, "A resolver prefix is removed (`value.normalised`)."),
    f("edition", T::Edition, "`version` for a standalone entry; the container's `edition` for an `@in…` entry."),
    f("editor", T::Editor, "Same name forms as `author`."),
    f("editora", T::OtherRole, "The role `editoratype` names is not kept."),
    f("editoratype", T::Unmapped, ""),
    f("editorb", T::OtherRole, ""),
    f("editorbtype", T::Unmapped, ""),
    f("editorc", T::OtherRole, ""),
    f("editorctype", T::Unmapped, ""),
    f("editortype", T::Unmapped, "Editors are read as `Editor` whatever this says."),
    f("eid", T::Eid, "The electronic article number."),
    f("entryset", T::Unmapped, "The members of an `@set` are citation keys."),
    f("entrysubtype", T::Unmapped, ""),
    f("eprint", T::Eprint, "With `eprinttype` `doi`: the DOI; `arxiv`: an `arXiv` identifier; `pubmed`: `PMID`; `hdl`/`handle`: `Handle`; other types as written; without type: `eprint`."),
    f("eprintclass", T::EprintClass, "A subject in the scheme of `eprinttype` (arXiv categories)."),
    f("eprinttype", T::EprintType, ""),
    f("eventdate", T::EventDate, ""),
    f("eventtitle", T::Unmapped, "DataCite has no event."),
    f("eventtitleaddon", T::Unmapped, ""),
    f("file", T::Unmapped, "Local file links."),
    f("foreword", T::OtherRole, "Authors of a foreword."),
    f("holder", T::Holder, "Patent holders."),
    f("howpublished", T::HowPublished, "A URL, or the address of a link (`\\href{url}{text}`), becomes `url` (when there is none); other text (a link's text) the `publisher` when there is none, else a description."),
    f("ids", T::Unmapped, "Alternative citation keys."),
    f("indexsorttitle", T::Unmapped, ""),
    f("indextitle", T::Unmapped, ""),
    f("institution", T::Institution, "The `publisher` when there is none, else a contributor."),
    f("introduction", T::OtherRole, "Authors of an introduction."),
    f("isan", T::OtherIdentifier, ""),
    f("isbn", T::Isbn, "The resource's own for a standalone entry; the container's for an `@in…` entry (also a `relatedIdentifier` `IsPublishedIn`)."),
    f("ismn", T::OtherIdentifier, ""),
    f("isrn", T::OtherIdentifier, ""),
    f("issn", T::Issn, "The container's (journal, series; also a `relatedIdentifier` `IsPublishedIn`); the resource's own for `@periodical`."),
    f("issue", T::Issue, ""),
    f("issuesubtitle", T::Unmapped, ""),
    f("issuetitle", T::Unmapped, "The title of a special issue."),
    f("iswc", T::OtherIdentifier, ""),
    f("journal", T::ContainerTitle, "Alias of `journaltitle`."),
    f("journalsubtitle", T::ContainerSubtitle, ""),
    f("journaltitle", T::ContainerTitle, ""),
    f("journaltitleaddon", T::ContainerAddon, ""),
    f("key", T::Unmapped, "A sorting key."),
    f("keywords", T::Keywords, "Split at `,` and `;` outside braces."),
    f("label", T::Unmapped, ""),
    f("langid", T::Language, "A Babel or polyglossia name (`ngerman`, `british`, `chinese-traditional`), read as its BCP 47 tag (`de`, `en-GB`, `zh-Hant`); preferred to `language`."),
    f("language", T::Language, "Codes are kept; Babel names, biblatex keys (`langlatin`) and English names become BCP 47 tags (`value.normalised`); a list gives its first language (`bibtex.language-more`); what is no language is left out (`bibtex.language-unknown`)."),
    f("lccn", T::OtherIdentifier, ""),
    f("library", T::Unmapped, ""),
    f("licence", T::Rights, ""),
    f("license", T::Rights, "A URL becomes `rightsUri`, other text `rights`."),
    f("location", T::Unmapped, "DataCite has no place of publication."),
    f("mainsubtitle", T::Unmapped, ""),
    f("maintitle", T::Unmapped, "The title of a multi-volume work."),
    f("maintitleaddon", T::Unmapped, ""),
    f("month", T::Month, "Macros (`feb`), names, abbreviations and numbers; joined with `year` into a W3CDTF date (`bibtex.date-converted`)."),
    f("mrnumber", T::OtherIdentifier, ""),
    f("nameaddon", T::Unmapped, ""),
    f("note", T::Note, ""),
    f("number", T::Number, "An article's issue; the container's (or series') number for other entries; for a report or patent without series, an `alternateIdentifiers` entry (`Report number`, `Patent number`)."),
    f("options", T::Unmapped, ""),
    f("organization", T::Organization, "The `publisher` when there is none, else a contributor."),
    f("origdate", T::OrigDate, ""),
    f("origlanguage", T::Unmapped, ""),
    f("origlocation", T::Unmapped, ""),
    f("origpublisher", T::Unmapped, ""),
    f("origtitle", T::AlternativeTitle, ""),
    f("pages", T::Pages, "`12--34`, `12-34`, `12–34` split; a single page or article number is `firstPage`."),
    f("pagetotal", T::PageTotal, ""),
    f("pagination", T::Unmapped, ""),
    f("part", T::Unmapped, ""),
    f("pdf", T::Unmapped, "Alias of `file`."),
    f("pmcid", T::OtherIdentifier, ""),
    f("pmid", T::Pmid, ""),
    f("presort", T::Unmapped, ""),
    f("primaryclass", T::EprintClass, "Alias of `eprintclass`."),
    f("publisher", T::Publisher, "Also the container's `publisher` for an `@in…` entry or article."),
    f("pubstate", T::Unmapped, ""),
    f("related", T::Unmapped, "Citation keys of related entries."),
    f("relatedoptions", T::Unmapped, ""),
    f("relatedstring", T::Unmapped, ""),
    f("relatedtype", T::Unmapped, ""),
    f("reprinttitle", T::Unmapped, ""),
    f("school", T::Institution, "Alias of `institution`."),
    f("series", T::Series, "A related item (`Collection`, `IsPublishedIn`) holding the series title, and the volume and number of a standalone entry."),
    f("shortauthor", T::Unmapped, ""),
    f("shorteditor", T::Unmapped, ""),
    f("shorthand", T::Unmapped, ""),
    f("shorthandintro", T::Unmapped, ""),
    f("shortjournal", T::ContainerShortTitle, ""),
    f("shortseries", T::Unmapped, ""),
    f("shorttitle", T::AlternativeTitle, ""),
    f("sortkey", T::Unmapped, ""),
    f("sortname", T::Unmapped, ""),
    f("sortshorthand", T::Unmapped, ""),
    f("sorttitle", T::Unmapped, ""),
    f("sortyear", T::Unmapped, ""),
    f("subtitle", T::Subtitle, ""),
    f("timestamp", T::Unmapped, "DBLP and JabRef bookkeeping."),
    f("title", T::Title, "LaTeX decoded; protecting braces removed."),
    f("titleaddon", T::TitleAddon, ""),
    f("translator", T::Translator, ""),
    f("type", T::Type, "`mathesis` → \"Master's thesis\", `phdthesis`/`techreport` → nothing (the default); other text as written. Reported as lost when the entry type already sets `resourceType`."),
    f("url", T::Url, "The REST `url` attribute; a DOI URL also gives the DOI when there is no `doi`."),
    f("urldate", T::UrlDate, ""),
    f("venue", T::Unmapped, "The place of an event."),
    f("version", T::Version, ""),
    f("volume", T::Volume, "The container's volume; for a standalone entry the series' volume (lost, reported, when there is no series)."),
    f("volumes", T::Volumes, ""),
    f("xdata", T::Xdata, "Fields of the named `@xdata` entries are inherited."),
    f("xref", T::Unmapped, "A parent reference without inheritance."),
    f("year", T::Year, "Four digits; a range (`1999--2000`) becomes a date range; a year inside other text is taken with a warning."),
];

/// The table row of a (lowercase) field name.
pub fn field_info(name: &str) -> Option<&'static FieldInfo> {
    FIELDS.binary_search_by(|info| info.name.cmp(name)).ok().and_then(|i| FIELDS.get(i))
}

/// The name BibLaTeX uses for a field of classic BibTeX (`journal` → `journaltitle`), so that
/// inheritance does not give an entry both.
pub(crate) fn canonical(name: &str) -> &str {
    match name {
        "journal" => "journaltitle",
        "address" => "location",
        "school" => "institution",
        "annote" => "annotation",
        "archiveprefix" => "eprinttype",
        "primaryclass" => "eprintclass",
        "pdf" => "file",
        "license" | "licence" => "copyright",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_lowercase() {
        for pair in FIELDS.windows(2) {
            assert!(pair[0].name < pair[1].name, "{} before {}", pair[0].name, pair[1].name);
        }
        assert!(FIELDS.iter().all(|f| f.name == f.name.to_ascii_lowercase()));
        assert_eq!(field_info("journal").map(|f| f.target), Some(Target::ContainerTitle));
        assert!(field_info("nonsense").is_none());
    }
}
