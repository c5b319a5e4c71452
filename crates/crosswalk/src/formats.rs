//! The format registry: canonical names, aliases, MIME types, and what Crosswalk can read and
//! write today.

use std::fmt;

/// A metadata format Crosswalk knows by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// DataCite XML, kernels 2.2 to 4.7 (written as kernel 4.7).
    DataciteXml,
    /// The REST API's `attributes` object (DataCite JSON).
    DataciteJson,
    /// A JSON:API document for `POST /dois`, or a `GET /dois` response.
    Payload,
    /// RIS.
    Ris,
    /// BibTeX and BibLaTeX.
    Bibtex,
    /// Schema.org JSON-LD.
    SchemaOrg,
    /// Citeproc (CSL) JSON.
    Citeproc,
    /// Codemeta JSON-LD.
    Codemeta,
    /// Crossref XML (UNIXREF, UNIXSD, deposit files); written as a deposit (`doi_batch`, schema
    /// 5.4.0).
    CrossrefXml,
    /// Dublin Core XML (`oai_dc`, simple and qualified DC).
    DublinCore,
    /// OAI-PMH responses (`ListRecords`, `GetRecord`) of Dublin Core or DataCite XML.
    OaiPmh,
    /// Crossref REST API JSON (works, `/works` responses, the public data file).
    CrossrefJson,
    /// JATS `element-citation` (a `ref-list` of several), write only.
    Jats,
    /// A formatted citation: a bibliography entry in a CSL style (APA by default), as text or
    /// HTML; written only.
    Citation,
    /// Citation File Format 1.2.0 (`CITATION.cff`, YAML).
    Cff,
    /// InvenioRDM record JSON (a record of Zenodo's or another InvenioRDM repository's API).
    InvenioRdm,
}

/// Everything the registry says about one format.
#[derive(Clone, Copy, Debug)]
pub struct FormatInfo {
    /// The format.
    pub format: Format,
    /// The canonical name, as used by `--from` and `--to`.
    pub name: &'static str,
    /// Other accepted names (matched ignoring case, `-` and `_`).
    pub aliases: &'static [&'static str],
    /// The MIME type (also accepted as a name).
    pub mime: &'static str,
    /// Whether Crosswalk reads it now.
    pub read: bool,
    /// Whether Crosswalk writes it now.
    pub write: bool,
    /// One line on what it is.
    pub description: &'static str,
}

/// The registry, in the order `crosswalk formats` lists it.
pub const FORMATS: &[FormatInfo] = &[
    DATACITE_XML,
    DATACITE_JSON,
    PAYLOAD,
    RIS,
    BIBTEX,
    SCHEMA_ORG,
    CITEPROC,
    CODEMETA,
    CROSSREF_XML,
    DUBLIN_CORE,
    OAI_PMH,
    CROSSREF_JSON,
    JATS,
    CITATION,
    CFF,
    INVENIO_RDM,
];

const DATACITE_XML: FormatInfo = FormatInfo {
    format: Format::DataciteXml,
    name: "datacite-xml",
    aliases: &["datacite"],
    mime: "application/vnd.datacite.datacite+xml",
    read: true,
    write: true,
    description: "DataCite XML; reads kernels 2.2, 3, 3.1, 4.0-4.7, writes kernel 4.7",
};

const DATACITE_JSON: FormatInfo = FormatInfo {
    format: Format::DataciteJson,
    name: "datacite-json",
    aliases: &["datacite_json", "attributes"],
    mime: "application/vnd.datacite.datacite+json",
    read: true,
    write: true,
    description: "the REST API's attributes object; several records as JSON Lines",
};

const PAYLOAD: FormatInfo = FormatInfo {
    format: Format::Payload,
    name: "payload",
    aliases: &["jsonapi", "json-api"],
    mime: "application/vnd.api+json",
    read: true,
    write: true,
    description: "JSON:API document for POST /dois, or a GET /dois response (base64 xml decoded)",
};

const RIS: FormatInfo = FormatInfo {
    format: Format::Ris,
    name: "ris",
    aliases: &[],
    mime: "application/x-research-info-systems",
    read: true,
    write: true,
    description: "RIS: every tag and TY of the 2001/2011 specifications and the exporters' variants; multi-record",
};

const BIBTEX: FormatInfo = FormatInfo {
    format: Format::Bibtex,
    name: "bibtex",
    aliases: &["biblatex", "bib"],
    mime: "application/x-bibtex",
    read: true,
    write: true,
    description: "BibTeX and BibLaTeX: macros, crossref/xdata inheritance, LaTeX decoded; multi-record",
};

const SCHEMA_ORG: FormatInfo = FormatInfo {
    format: Format::SchemaOrg,
    name: "schema-org",
    aliases: &["schema_org", "schemaorg"],
    mime: "application/vnd.schemaorg.ld+json",
    read: true,
    write: true,
    description: "Schema.org JSON-LD: works, lists, @graph, landing-page HTML; written as a landing page embeds it",
};

const CITEPROC: FormatInfo = FormatInfo {
    format: Format::Citeproc,
    name: "citeproc",
    aliases: &["csl", "csl-json"],
    mime: "application/vnd.citationstyles.csl+json",
    read: true,
    write: true,
    description: "Citeproc / CSL-JSON 1.0.2 items: one item, an array, or JSON Lines; written as an array",
};

const CODEMETA: FormatInfo = FormatInfo {
    format: Format::Codemeta,
    name: "codemeta",
    aliases: &[],
    mime: "application/vnd.codemeta.ld+json",
    read: true,
    write: true,
    description: "Codemeta 1.0, 2.0, 3.0 JSON-LD (and npm package.json); written as Codemeta 3.0",
};

const CROSSREF_XML: FormatInfo = FormatInfo {
    format: Format::CrossrefXml,
    name: "crossref-xml",
    aliases: &["crossref"],
    mime: "application/vnd.crossref.unixref+xml",
    read: true,
    write: true,
    description: "Crossref XML: reads deposit files (schema 4.3-5.4, many works), UNIXREF, UNIXSD; writes deposits (schema 5.4.0, several records one doi_batch; --depositor-name, --depositor-email, --registrant, --batch-id, --timestamp)",
};

// Neither Dublin Core XML nor OAI-PMH has a registered media type (repositories serve both as
// `text/xml`, which names no format): these `x-` types name them for `--from` and the registry.
const DUBLIN_CORE: FormatInfo = FormatInfo {
    format: Format::DublinCore,
    name: "dublin-core",
    aliases: &["oai_dc", "dc", "dublincore"],
    mime: "application/x-dublin-core+xml",
    read: true,
    write: false,
    description:
        "Dublin Core XML: oai_dc records, simple and qualified DC (dc:, dcterms:); one record per document; read only",
};

const OAI_PMH: FormatInfo = FormatInfo {
    format: Format::OaiPmh,
    name: "oai-pmh",
    aliases: &["oai"],
    mime: "application/x-oai-pmh+xml",
    read: true,
    write: false,
    description:
        "OAI-PMH responses (ListRecords, GetRecord) of oai_dc, oai_datacite or datacite records, and the JSON Lines crosswalk harvest --oai writes; streamed; read only",
};

// JATS has no registered media type (NISO Z39.96 names none): an `x-` type names it.
const JATS: FormatInfo = FormatInfo {
    format: Format::Jats,
    name: "jats",
    aliases: &["jats-xml", "element-citation"],
    mime: "application/x-jats+xml",
    read: false,
    write: true,
    description:
        "JATS element-citation (JATS 1.3, JATS4R data and software citations); several records a ref-list; write only",
};

// Crossref's REST API answers `application/json`; its documentation names the media type of its
// messages `application/vnd.crossref-api-message+json`, which is also what clients ask for.
const CROSSREF_JSON: FormatInfo = FormatInfo {
    format: Format::CrossrefJson,
    name: "crossref-json",
    aliases: &["crossref-rest", "crossref-api"],
    mime: "application/vnd.crossref-api-message+json",
    read: true,
    write: false,
    description:
        "Crossref REST API JSON: a work, /works responses and lists, the public data file, JSON Lines; read only",
};

// DOI content negotiation serves formatted citations as `text/x-bibliography` (with the style
// and locale as parameters): the same thing, so the same name.
const CITATION: FormatInfo = FormatInfo {
    format: Format::Citation,
    name: "citation",
    aliases: &["bibliography", "formatted-citation"],
    mime: "text/x-bibliography",
    read: false,
    write: true,
    description: "a formatted citation (bibliography entry) in any bundled CSL style or a .csl file (--style, APA by default), --locale, --format text or html; one entry a line; write only",
};

// CFF has no registered media type. `application/x-cff+yaml` marks it unregistered (`x-`, as
// the Dublin Core and OAI-PMH entries do) and names its syntax with the `+yaml` suffix that
// RFC 9512 registered for YAML-based types, so that a client that knows only YAML still knows how
// to parse it. GitHub serves the file as text; no other name is in use.
const CFF: FormatInfo = FormatInfo {
    format: Format::Cff,
    name: "cff",
    aliases: &["citation-cff", "citation.cff"],
    mime: "application/x-cff+yaml",
    read: true,
    write: true,
    description: "Citation File Format 1.2.0 (CITATION.cff, YAML); one record per document",
};

// InvenioRDM serves its records as `application/json` (and `application/vnd.inveniordm.v1+json`
// for its UI serialization): the vendor type names this JSON, the record's own form.
const INVENIO_RDM: FormatInfo = FormatInfo {
    format: Format::InvenioRdm,
    name: "invenio-rdm",
    aliases: &["invenio", "inveniordm", "zenodo"],
    mime: "application/vnd.inveniordm.v1+json",
    read: true,
    write: true,
    description: "InvenioRDM record JSON (Zenodo's API records): a whole record or its metadata, an array, or JSON Lines; one record written as an object, several as an array",
};

fn fold(name: &str) -> String {
    name.trim().chars().filter(|c| !matches!(c, '-' | '_' | ' ')).map(|c| c.to_ascii_lowercase()).collect()
}

impl Format {
    /// Every format, in registry order.
    pub fn all() -> impl Iterator<Item = Format> {
        FORMATS.iter().map(|info| info.format)
    }

    /// Looks a format up by canonical name, alias or MIME type, ignoring case, `-` and `_`.
    ///
    /// ```
    /// use crosswalk::Format;
    ///
    /// assert_eq!(Format::from_name("DataCite_XML"), Some(Format::DataciteXml));
    /// assert_eq!(Format::from_name("csl"), Some(Format::Citeproc));
    /// assert_eq!(Format::from_name("application/x-bibtex"), Some(Format::Bibtex));
    /// assert_eq!(Format::from_name("marc"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Format> {
        let wanted = fold(name);
        FORMATS
            .iter()
            .find(|info| {
                fold(info.name) == wanted
                    || info.aliases.iter().any(|a| fold(a) == wanted)
                    || info.mime.eq_ignore_ascii_case(name.trim())
            })
            .map(|info| info.format)
    }

    /// The registry entry.
    pub fn info(self) -> &'static FormatInfo {
        match self {
            Format::DataciteXml => &DATACITE_XML,
            Format::DataciteJson => &DATACITE_JSON,
            Format::Payload => &PAYLOAD,
            Format::Ris => &RIS,
            Format::Bibtex => &BIBTEX,
            Format::SchemaOrg => &SCHEMA_ORG,
            Format::Citeproc => &CITEPROC,
            Format::Codemeta => &CODEMETA,
            Format::CrossrefXml => &CROSSREF_XML,
            Format::DublinCore => &DUBLIN_CORE,
            Format::OaiPmh => &OAI_PMH,
            Format::CrossrefJson => &CROSSREF_JSON,
            Format::Jats => &JATS,
            Format::Citation => &CITATION,
            Format::Cff => &CFF,
            Format::InvenioRdm => &INVENIO_RDM,
        }
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// True when Crosswalk reads the format now.
    pub fn can_read(self) -> bool {
        self.info().read
    }

    /// True when Crosswalk writes the format now.
    pub fn can_write(self) -> bool {
        self.info().write
    }

    /// True for formats whose documents are JSON (several records are written as JSON Lines).
    pub fn is_json(self) -> bool {
        !matches!(
            self,
            Format::DataciteXml
                | Format::CrossrefXml
                | Format::DublinCore
                | Format::OaiPmh
                | Format::Jats
                | Format::Ris
                | Format::Bibtex
                | Format::Citation
                | Format::Cff
        )
    }

    /// How several records of the format are written together.
    pub fn framing(self) -> Framing {
        match self {
            Format::DataciteXml | Format::DublinCore | Format::OaiPmh | Format::Cff => Framing::Single,
            Format::CrossrefXml => Framing::Deposit,
            Format::Ris | Format::Bibtex | Format::Citation => Framing::Concatenated,
            Format::Citeproc => Framing::JsonArray,
            Format::InvenioRdm => Framing::ObjectOrArray,
            Format::Jats => Framing::RefList,
            Format::DataciteJson | Format::Payload | Format::SchemaOrg | Format::Codemeta | Format::CrossrefJson => {
                Framing::JsonLines
            }
        }
    }

    /// The usual file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::DataciteXml | Format::CrossrefXml | Format::DublinCore | Format::OaiPmh | Format::Jats => "xml",
            Format::Ris => "ris",
            Format::Bibtex => "bib",
            Format::Cff => "cff",
            Format::SchemaOrg | Format::Codemeta => "jsonld",
            Format::DataciteJson | Format::Payload | Format::Citeproc | Format::CrossrefJson | Format::InvenioRdm => {
                "json"
            }
            Format::Citation => "txt",
        }
    }
}

/// How several records of one format are put in one output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framing {
    /// One record per document: several records need one file each.
    Single,
    /// Records one after another (RIS, BibTeX; citations one a line).
    Concatenated,
    /// One JSON document per line (JSON Lines).
    JsonLines,
    /// The records as the items of one JSON array (CSL-JSON).
    JsonArray,
    /// One record alone; several as the `ref`s of one JATS `ref-list`.
    RefList,
    /// One Crossref deposit alone; several as the works of one `doi_batch` (the head of the
    /// first, then every document's work in one `<body>`: [`crate::crossref::split`]). A body
    /// holds one kind of work ([`crate::crossref::body_kind`]), so a work of another kind than the
    /// first's cannot join it.
    Deposit,
    /// One record alone as its JSON object; several as the items of one JSON array
    /// (InvenioRDM, whose API takes one record as an object).
    ObjectOrArray,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_one_entry_and_names_round_trip() {
        for format in Format::all() {
            assert_eq!(Format::from_name(format.name()), Some(format));
            assert_eq!(Format::from_name(format.info().mime), Some(format));
            for alias in format.info().aliases {
                assert_eq!(Format::from_name(alias), Some(format), "{alias}");
            }
        }
        assert_eq!(FORMATS.len(), 16);
        assert_eq!(Format::from_name("InvenioRDM"), Some(Format::InvenioRdm));
        assert_eq!(Format::from_name("invenio_rdm"), Some(Format::InvenioRdm));
        assert_eq!(Format::InvenioRdm.framing(), Framing::ObjectOrArray);
        assert!(Format::InvenioRdm.is_json());
        assert_eq!(Format::from_name("text/x-bibliography"), Some(Format::Citation));
        assert!(!Format::Citation.can_read() && Format::Citation.can_write());
        assert_eq!(Format::from_name("CITATION.cff"), Some(Format::Cff));
        assert_eq!(Format::from_name("citation_cff"), Some(Format::Cff));
        assert_eq!(Format::from_name("application/x-cff+yaml"), Some(Format::Cff));
        assert!(Format::Cff.can_read() && Format::Cff.can_write());
        assert_eq!(Format::Cff.framing(), Framing::Single);
        assert_eq!(Format::from_name("oai_dc"), Some(Format::DublinCore));
        assert_eq!(Format::from_name("OAI-PMH"), Some(Format::OaiPmh));
        assert_eq!(Format::from_name("crossref_rest"), Some(Format::CrossrefJson));
        assert_eq!(Format::from_name("application/vnd.crossref-api-message+json"), Some(Format::CrossrefJson));
        assert!(Format::CrossrefJson.can_read() && !Format::CrossrefJson.can_write());
    }
}
