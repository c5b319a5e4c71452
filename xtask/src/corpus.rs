//! A deterministic synthetic corpus of realistic records, written in every input format, for
//! benchmarks: 1–8 creators with ORCIDs and ROR affiliations, Unicode titles, subjects, dates,
//! related identifiers, funding. The same seed gives the same bytes on every machine.

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// A small, fast, deterministic generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const GIVEN: &[&str] = &[
    "Aiko", "Björn", "Chidi", "Dolores", "Émile", "Fatima", "Gonzalo", "Hanna", "Iñaki", "Jun", "Kwame", "Léa",
    "Mikhail", "Nadia", "Oğuz", "Priya", "Quentin", "Rūta", "Søren", "Thandiwe",
];
const FAMILY: &[&str] = &[
    "Nakamura",
    "Lindqvist",
    "Okafor",
    "García",
    "Dupont",
    "Haddad",
    "Pérez",
    "Virtanen",
    "Etxeberria",
    "Wang",
    "Mensah",
    "Moreau",
    "Ivanov",
    "Karimi",
    "Yılmaz",
    "Raman",
    "Leclerc",
    "Kazlauskaitė",
    "Jørgensen",
    "Ndlovu",
];
const ORGS: &[(&str, &str)] = &[
    ("Universidad de los Andes", "https://ror.org/02mhbdp94"),
    ("Uppsala University", "https://ror.org/048a87296"),
    ("University of Lagos", "https://ror.org/05rk03822"),
    ("ETH Zürich", "https://ror.org/05a28rw58"),
    ("Kyoto University", "https://ror.org/02kpeqv85"),
    ("University of Cape Town", "https://ror.org/03p74gp79"),
];
const TOPICS: &[&str] = &[
    "sea-surface temperature",
    "lichen diversity",
    "urban heat islands",
    "glacier mass balance",
    "soil microbiomes",
    "language contact",
    "protein folding",
    "river discharge",
    "coral bleaching",
    "seismic noise",
];
const PLACES: &[&str] = &[
    "the Baltic coast",
    "the Gulf of Panama",
    "the Andes",
    "Lake Victoria",
    "Hokkaidō",
    "the Karoo",
    "Svalbard",
    "the Po valley",
];
const SUBJECTS: &[&str] = &[
    "oceanography",
    "ecology",
    "climatology",
    "glaciology",
    "microbiology",
    "linguistics",
    "biochemistry",
    "hydrology",
    "marine biology",
    "geophysics",
];
const JOURNALS: &[(&str, &str)] = &[
    ("Journal of Synthetic Observations", "2049-3630"),
    ("Annals of Example Science", "1234-5679"),
    ("Reports in Data Stewardship", "0317-8471"),
];
const FUNDERS: &[(&str, &str)] = &[
    ("European Research Council", "https://doi.org/10.13039/501100000781"),
    ("National Science Foundation", "https://doi.org/10.13039/100000001"),
    ("Swedish Research Council", "https://doi.org/10.13039/501100004359"),
];

/// One synthetic record, format-neutral.
pub struct Synthetic {
    pub doi: String,
    pub creators: Vec<(String, String, String, usize)>, // given, family, orcid, org
    pub title: String,
    pub year: u64,
    pub date: String,
    pub subjects: Vec<&'static str>,
    pub journal: usize,
    pub volume: u64,
    pub issue: u64,
    pub first_page: u64,
    pub abstract_text: String,
    pub related_doi: String,
    pub funder: usize,
    pub award: String,
}

/// An ORCID iD with a valid ISO 7064 11,2 check digit.
fn orcid(rng: &mut Rng) -> String {
    let digits: Vec<u32> = (0..15).map(|i| if i == 0 { 0 } else { (rng.below(10)) as u32 }).collect();
    let mut total = 0u32;
    for d in &digits {
        total = (total + d) * 2;
    }
    let check = (12 - total % 11) % 11;
    let check = if check == 10 { 'X' } else { char::from_digit(check, 10).unwrap_or('0') };
    let s: String =
        digits.iter().map(|d| char::from_digit(*d, 10).unwrap_or('0')).chain(std::iter::once(check)).collect();
    format!("https://orcid.org/{}-{}-{}-{}", &s[0..4], &s[4..8], &s[8..12], &s[12..16])
}

pub fn record(rng: &mut Rng, index: usize) -> Synthetic {
    let creators = (0..1 + rng.below(8))
        .map(|_| {
            (rng.pick(GIVEN).to_owned(), rng.pick(FAMILY).to_owned(), orcid(rng), rng.below(ORGS.len() as u64) as usize)
        })
        .collect();
    let year = 2000 + rng.below(25);
    let topic = rng.pick(TOPICS);
    let place = rng.pick(PLACES);
    let subjects = (0..1 + rng.below(4)).map(|_| rng.pick(SUBJECTS)).collect();
    Synthetic {
        doi: format!("10.5072/bench.{index:07}"),
        creators,
        title: format!("Observations of {topic} in {place}, {year}–{}", year + 1 + rng.below(3)),
        year,
        date: format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
        subjects,
        journal: rng.below(JOURNALS.len() as u64) as usize,
        volume: 1 + rng.below(60),
        issue: 1 + rng.below(12),
        first_page: 1 + rng.below(900),
        abstract_text: format!(
            "We report {} observations of {topic} collected in {place} with calibrated instruments; data & code are \"open\" <under review>.",
            100 + rng.below(10_000)
        ),
        related_doi: format!("10.5072/related.{}", rng.below(1_000_000)),
        funder: rng.below(FUNDERS.len() as u64) as usize,
        award: format!("AW-{}-{}", year, rng.below(100_000)),
    }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub fn datacite_xml(r: &Synthetic) -> String {
    let mut x = String::with_capacity(4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<resource xmlns=\"http://datacite.org/schema/kernel-4\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://datacite.org/schema/kernel-4 http://schema.datacite.org/meta/kernel-4/metadata.xsd\">\n");
    let _ = writeln!(x, "  <identifier identifierType=\"DOI\">{}</identifier>\n  <creators>", r.doi);
    for (given, family, orcid, org) in &r.creators {
        let (org_name, ror) = ORGS[*org];
        let _ = writeln!(
            x,
            "    <creator>\n      <creatorName nameType=\"Personal\">{family}, {given}</creatorName>\n      <givenName>{given}</givenName>\n      <familyName>{family}</familyName>\n      <nameIdentifier nameIdentifierScheme=\"ORCID\" schemeURI=\"https://orcid.org\">{orcid}</nameIdentifier>\n      <affiliation affiliationIdentifier=\"{ror}\" affiliationIdentifierScheme=\"ROR\" schemeURI=\"https://ror.org\">{org_name}</affiliation>\n    </creator>"
        );
    }
    let (journal, issn) = JOURNALS[r.journal];
    let (funder, funder_id) = FUNDERS[r.funder];
    let _ = writeln!(x, "  </creators>\n  <titles>\n    <title xml:lang=\"en\">{}</title>\n  </titles>\n  <publisher>Synthetic Data Archive</publisher>\n  <publicationYear>{}</publicationYear>\n  <resourceType resourceTypeGeneral=\"Dataset\">Observations</resourceType>\n  <subjects>", xml_escape(&r.title), r.year);
    for s in &r.subjects {
        let _ = writeln!(x, "    <subject xml:lang=\"en\">{s}</subject>");
    }
    let _ = writeln!(x, "  </subjects>\n  <dates>\n    <date dateType=\"Issued\">{}</date>\n    <date dateType=\"Collected\">{}-01-01/{}-12-31</date>\n  </dates>\n  <language>en</language>\n  <relatedIdentifiers>\n    <relatedIdentifier relatedIdentifierType=\"DOI\" relationType=\"IsSupplementTo\">{}</relatedIdentifier>\n    <relatedIdentifier relatedIdentifierType=\"ISSN\" relationType=\"IsPublishedIn\">{issn}</relatedIdentifier>\n  </relatedIdentifiers>\n  <formats>\n    <format>text/csv</format>\n  </formats>\n  <version>1.0</version>\n  <rightsList>\n    <rights rightsURI=\"https://creativecommons.org/licenses/by/4.0/\" rightsIdentifier=\"CC-BY-4.0\" rightsIdentifierScheme=\"SPDX\" schemeURI=\"https://spdx.org/licenses/\">Creative Commons Attribution 4.0 International</rights>\n  </rightsList>\n  <descriptions>\n    <description descriptionType=\"Abstract\" xml:lang=\"en\">{}</description>\n  </descriptions>\n  <fundingReferences>\n    <fundingReference>\n      <funderName>{funder}</funderName>\n      <funderIdentifier funderIdentifierType=\"Crossref Funder ID\">{funder_id}</funderIdentifier>\n      <awardNumber>{}</awardNumber>\n    </fundingReference>\n  </fundingReferences>\n</resource>", r.date, r.year - 1, r.year - 1, r.related_doi, xml_escape(&r.abstract_text), r.award);
    let _ = journal;
    x
}

pub fn ris(r: &Synthetic) -> String {
    let mut x = String::with_capacity(1024);
    x.push_str("TY  - JOUR\n");
    for (given, family, _, _) in &r.creators {
        let _ = writeln!(x, "AU  - {family}, {given}");
    }
    let (journal, issn) = JOURNALS[r.journal];
    let _ = write!(
        x,
        "TI  - {}\nT2  - {journal}\nPY  - {}\nDA  - {}\nVL  - {}\nIS  - {}\nSP  - {}\nEP  - {}\nSN  - {issn}\nDO  - {}\nUR  - https://doi.org/{}\nAB  - {}\nLA  - en\nPB  - Synthetic Press\n",
        r.title, r.year, r.date.replace('-', "/"), r.volume, r.issue, r.first_page, r.first_page + 14, r.doi, r.doi, r.abstract_text
    );
    for s in &r.subjects {
        let _ = writeln!(x, "KW  - {s}");
    }
    x.push_str("ER  - \n\n");
    x
}

fn latex(text: &str) -> String {
    text.replace('&', "\\&").replace('%', "\\%").replace('_', "\\_").replace('#', "\\#")
}

pub fn bibtex(r: &Synthetic, index: usize) -> String {
    let authors: Vec<String> = r.creators.iter().map(|(g, f, _, _)| format!("{f}, {g}")).collect();
    let (journal, issn) = JOURNALS[r.journal];
    format!(
        "@article{{bench{index},\n  author = {{{}}},\n  title = {{{}}},\n  journal = {{{journal}}},\n  year = {{{}}},\n  month = {},\n  volume = {{{}}},\n  number = {{{}}},\n  pages = {{{}--{}}},\n  issn = {{{issn}}},\n  doi = {{{}}},\n  abstract = {{{}}},\n  keywords = {{{}}},\n  publisher = {{Synthetic Press}}\n}}\n\n",
        latex(&authors.join(" and ")),
        latex(&r.title),
        r.year,
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"][(r.volume % 12) as usize],
        r.volume,
        r.issue,
        r.first_page,
        r.first_page + 14,
        r.doi,
        latex(&r.abstract_text),
        r.subjects.join(", ")
    )
}

fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn csl(r: &Synthetic, index: usize) -> String {
    let authors: Vec<String> = r
        .creators
        .iter()
        .map(|(g, f, _, _)| format!("{{\"family\": {}, \"given\": {}}}", json_string(f), json_string(g)))
        .collect();
    let (journal, issn) = JOURNALS[r.journal];
    let parts: Vec<&str> = r.date.split('-').collect();
    format!(
        "{{\"id\": \"bench{index}\", \"type\": \"article-journal\", \"title\": {}, \"author\": [{}], \"container-title\": {}, \"ISSN\": \"{issn}\", \"volume\": \"{}\", \"issue\": \"{}\", \"page\": \"{}-{}\", \"DOI\": \"{}\", \"URL\": \"https://doi.org/{}\", \"issued\": {{\"date-parts\": [[{}, {}, {}]]}}, \"abstract\": {}, \"publisher\": \"Synthetic Press\", \"language\": \"en\"}}",
        json_string(&r.title),
        authors.join(", "),
        json_string(journal),
        r.volume,
        r.issue,
        r.first_page,
        r.first_page + 14,
        r.doi,
        r.doi,
        parts[0].trim_start_matches('0'),
        parts[1].trim_start_matches('0'),
        parts[2].trim_start_matches('0'),
        json_string(&r.abstract_text)
    )
}

pub fn crossref_work(r: &Synthetic) -> String {
    let (journal, issn) = JOURNALS[r.journal];
    let mut x = String::with_capacity(2048);
    let _ = write!(x, "    <journal>\n      <journal_metadata language=\"en\">\n        <full_title>{journal}</full_title>\n        <issn media_type=\"electronic\">{issn}</issn>\n      </journal_metadata>\n      <journal_issue>\n        <publication_date media_type=\"online\"><year>{}</year></publication_date>\n        <journal_volume><volume>{}</volume></journal_volume>\n        <issue>{}</issue>\n      </journal_issue>\n      <journal_article publication_type=\"full_text\">\n        <titles><title>{}</title></titles>\n        <contributors>\n", r.year, r.volume, r.issue, xml_escape(&r.title));
    for (i, (given, family, orcid, _)) in r.creators.iter().enumerate() {
        let sequence = if i == 0 { "first" } else { "additional" };
        let _ = write!(x, "          <person_name sequence=\"{sequence}\" contributor_role=\"author\">\n            <given_name>{given}</given_name>\n            <surname>{family}</surname>\n            <ORCID>{orcid}</ORCID>\n          </person_name>\n");
    }
    let _ = write!(x, "        </contributors>\n        <jats:abstract><jats:p>{}</jats:p></jats:abstract>\n        <publication_date media_type=\"online\"><year>{}</year></publication_date>\n        <pages><first_page>{}</first_page><last_page>{}</last_page></pages>\n        <doi_data>\n          <doi>{}</doi>\n          <resource>https://example.org/articles/{}</resource>\n        </doi_data>\n      </journal_article>\n    </journal>\n", xml_escape(&r.abstract_text), r.year, r.first_page, r.first_page + 14, r.doi, r.doi);
    x
}

/// One work as Crossref's REST API gives it (one line of JSON Lines), with Crossref's
/// bookkeeping keys, as a harvest of `/works` saves it.
pub fn crossref_json_work(r: &Synthetic) -> String {
    let (journal, issn) = JOURNALS[r.journal];
    let (funder, funder_id) = FUNDERS[r.funder];
    let authors: Vec<String> = r
        .creators
        .iter()
        .enumerate()
        .map(|(i, (given, family, orcid, org))| {
            let (org_name, ror) = ORGS[*org];
            format!(
                "{{\"given\":{},\"family\":{},\"ORCID\":\"{orcid}\",\"authenticated-orcid\":false,\"sequence\":\"{}\",\"affiliation\":[{{\"name\":{},\"id\":[{{\"id\":\"{ror}\",\"id-type\":\"ROR\",\"asserted-by\":\"publisher\"}}]}}]}}",
                json_string(given),
                json_string(family),
                if i == 0 { "first" } else { "additional" },
                json_string(org_name)
            )
        })
        .collect();
    let parts: Vec<&str> = r.date.split('-').collect();
    let date = format!("[[{},{},{}]]", parts[0], parts[1].trim_start_matches('0'), parts[2].trim_start_matches('0'));
    let subjects: Vec<String> = r.subjects.iter().map(|s| json_string(s)).collect();
    format!(
        "{{\"indexed\":{{\"date-parts\":[[2024,1,1]],\"date-time\":\"2024-01-01T00:00:00Z\",\"timestamp\":1704067200000}},\"reference-count\":1,\"publisher\":\"Synthetic Press\",\"issue\":\"{}\",\"license\":[{{\"start\":{{\"date-parts\":{date}}},\"content-version\":\"vor\",\"delay-in-days\":0,\"URL\":\"https://creativecommons.org/licenses/by/4.0/\"}}],\"funder\":[{{\"DOI\":\"{}\",\"name\":{},\"doi-asserted-by\":\"publisher\",\"award\":[\"{}\"]}}],\"abstract\":{},\"DOI\":\"{}\",\"type\":\"journal-article\",\"page\":\"{}-{}\",\"source\":\"Crossref\",\"is-referenced-by-count\":0,\"title\":[{}],\"prefix\":\"10.5072\",\"volume\":\"{}\",\"author\":[{}],\"member\":\"99999\",\"published-online\":{{\"date-parts\":{date}}},\"reference\":[{{\"key\":\"ref1\",\"doi-asserted-by\":\"publisher\",\"DOI\":\"{}\"}}],\"container-title\":[{}],\"language\":\"en\",\"score\":1,\"resource\":{{\"primary\":{{\"URL\":\"https://example.org/articles/{}\"}}}},\"issued\":{{\"date-parts\":{date}}},\"URL\":\"https://doi.org/{}\",\"ISSN\":[\"{issn}\"],\"issn-type\":[{{\"type\":\"electronic\",\"value\":\"{issn}\"}}],\"subject\":[{}],\"published\":{{\"date-parts\":{date}}}}}",
        r.issue,
        funder_id.trim_start_matches("https://doi.org/"),
        json_string(funder),
        r.award,
        json_string(&format!("<jats:p>{}</jats:p>", xml_escape(&r.abstract_text))),
        r.doi,
        r.first_page,
        r.first_page + 14,
        json_string(&r.title),
        r.volume,
        authors.join(","),
        r.related_doi,
        json_string(journal),
        r.doi,
        r.doi,
        subjects.join(",")
    )
}

/// One record as DataCite's REST API gives it (a JSON:API resource object, one line of the
/// public data file), with the API's bookkeeping attributes.
pub fn datacite_api_record(r: &Synthetic) -> String {
    let (journal, issn) = JOURNALS[r.journal];
    let (funder, funder_id) = FUNDERS[r.funder];
    let creators: Vec<String> = r
        .creators
        .iter()
        .map(|(given, family, orcid, org)| {
            let (org_name, ror) = ORGS[*org];
            format!(
                "{{\"name\":{},\"nameType\":\"Personal\",\"givenName\":{},\"familyName\":{},\"nameIdentifiers\":[{{\"nameIdentifier\":\"{orcid}\",\"nameIdentifierScheme\":\"ORCID\",\"schemeUri\":\"https://orcid.org\"}}],\"affiliation\":[{{\"name\":{},\"affiliationIdentifier\":\"{ror}\",\"affiliationIdentifierScheme\":\"ROR\",\"schemeUri\":\"https://ror.org\"}}]}}",
                json_string(&format!("{family}, {given}")),
                json_string(given),
                json_string(family),
                json_string(org_name)
            )
        })
        .collect();
    let subjects: Vec<String> =
        r.subjects.iter().map(|s| format!("{{\"subject\":{},\"lang\":\"en\"}}", json_string(s))).collect();
    let _ = journal;
    format!(
        "{{\"id\":\"{doi}\",\"type\":\"dois\",\"attributes\":{{\"doi\":\"{doi}\",\"identifiers\":[],\"creators\":[{}],\"titles\":[{{\"title\":{},\"lang\":\"en\"}}],\"publisher\":\"Synthetic Data Archive\",\"container\":{{}},\"publicationYear\":{},\"subjects\":[{}],\"contributors\":[],\"dates\":[{{\"date\":\"{}\",\"dateType\":\"Issued\"}},{{\"date\":\"{}-01-01/{}-12-31\",\"dateType\":\"Collected\"}}],\"language\":\"en\",\"types\":{{\"ris\":\"DATA\",\"bibtex\":\"misc\",\"citeproc\":\"dataset\",\"schemaOrg\":\"Dataset\",\"resourceType\":\"Observations\",\"resourceTypeGeneral\":\"Dataset\"}},\"relatedIdentifiers\":[{{\"relationType\":\"IsSupplementTo\",\"relatedIdentifier\":\"{}\",\"relatedIdentifierType\":\"DOI\"}},{{\"relationType\":\"IsPublishedIn\",\"relatedIdentifier\":\"{issn}\",\"relatedIdentifierType\":\"ISSN\"}}],\"relatedItems\":[],\"sizes\":[],\"formats\":[\"text/csv\"],\"version\":\"1.0\",\"rightsList\":[{{\"rights\":\"Creative Commons Attribution 4.0 International\",\"rightsUri\":\"https://creativecommons.org/licenses/by/4.0/legalcode\",\"schemeUri\":\"https://spdx.org/licenses/\",\"rightsIdentifier\":\"cc-by-4.0\",\"rightsIdentifierScheme\":\"SPDX\"}}],\"descriptions\":[{{\"description\":{},\"descriptionType\":\"Abstract\",\"lang\":\"en\"}}],\"geoLocations\":[],\"fundingReferences\":[{{\"funderName\":{},\"funderIdentifier\":\"{funder_id}\",\"funderIdentifierType\":\"Crossref Funder ID\",\"awardNumber\":\"{}\"}}],\"url\":\"https://example.org/datasets/{doi}\",\"contentUrl\":null,\"metadataVersion\":1,\"schemaVersion\":\"http://datacite.org/schema/kernel-4\",\"source\":\"api\",\"isActive\":true,\"state\":\"findable\",\"reason\":null,\"viewCount\":0,\"downloadCount\":0,\"referenceCount\":0,\"citationCount\":0,\"partCount\":0,\"partOfCount\":0,\"versionCount\":0,\"versionOfCount\":0,\"created\":\"{}T00:00:00.000Z\",\"registered\":\"{}T00:00:00.000Z\",\"published\":\"{}\",\"updated\":\"2024-01-01T00:00:00.000Z\"}},\"relationships\":{{\"client\":{{\"data\":{{\"id\":\"bench.archive\",\"type\":\"clients\"}}}}}}}}",
        creators.join(","),
        json_string(&r.title),
        r.year,
        subjects.join(","),
        r.date,
        r.year - 1,
        r.year - 1,
        r.related_doi,
        json_string(&r.abstract_text),
        json_string(funder),
        r.award,
        r.date,
        r.date,
        r.year,
        doi = r.doi
    )
}

/// The formats the corpus is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    DataciteXml,
    Ris,
    Bibtex,
    Csl,
    CrossrefXml,
    /// Crossref REST JSON, as JSON Lines of works.
    CrossrefJson,
    /// DataCite REST API records as JSON Lines, the layout of DataCite's public data file.
    DataciteApiJsonl,
    /// InvenioRDM record JSON (an array): the API records converted by the release binary
    /// (`cargo xtask bench` makes it; [`write()`] does not).
    Invenio,
    /// `CITATION.cff` files, one a record: the DataCite XML records converted by the release
    /// binary (`cargo xtask bench` makes them; [`write()`] does not).
    Cff,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::DataciteXml => "datacite-xml",
            Kind::Ris => "ris",
            Kind::Bibtex => "bibtex",
            Kind::Csl => "citeproc",
            Kind::CrossrefXml => "crossref-xml",
            Kind::CrossrefJson => "crossref-json",
            Kind::DataciteApiJsonl => "datacite-api",
            Kind::Invenio => "invenio-rdm",
            Kind::Cff => "cff",
        }
    }
}

/// Writes `count` records of `kind` under `dir`: one file for multi-record formats, a directory
/// of files for DataCite XML. Returns the input path. Existing outputs of the same size are kept.
pub fn write(dir: &Path, kind: Kind, count: usize) -> io::Result<std::path::PathBuf> {
    fs::create_dir_all(dir)?;
    let mut rng = Rng::new(0x5EED ^ count as u64);
    let records = (0..count).map(move |i| (i, record(&mut rng, i)));
    match kind {
        Kind::Invenio | Kind::Cff => Err(io::Error::other(format!(
            "{} records are converted from others by the release binary: cargo xtask bench makes them",
            kind.name()
        ))),
        Kind::DataciteXml => {
            let path = dir.join(format!("datacite-xml-{count}"));
            if path.join(format!("{:07}.xml", count - 1)).exists() {
                return Ok(path);
            }
            fs::create_dir_all(&path)?;
            for (i, r) in records {
                fs::write(path.join(format!("{i:07}.xml")), datacite_xml(&r))?;
            }
            Ok(path)
        }
        _ => {
            let extension = match kind {
                Kind::Ris => "ris",
                Kind::Bibtex => "bib",
                Kind::Csl => "json",
                Kind::CrossrefJson | Kind::DataciteApiJsonl => "jsonl",
                _ => "xml",
            };
            let path = dir.join(format!("{}-{count}.{extension}", kind.name()));
            if path.exists() {
                return Ok(path);
            }
            let tmp = path.with_extension("partial");
            let mut out = BufWriter::new(File::create(&tmp)?);
            match kind {
                Kind::Ris => {
                    for (_, r) in records {
                        out.write_all(ris(&r).as_bytes())?;
                    }
                }
                Kind::Bibtex => {
                    for (i, r) in records {
                        out.write_all(bibtex(&r, i).as_bytes())?;
                    }
                }
                Kind::Csl => {
                    out.write_all(b"[\n")?;
                    for (i, r) in records {
                        if i > 0 {
                            out.write_all(b",\n")?;
                        }
                        out.write_all(csl(&r, i).as_bytes())?;
                    }
                    out.write_all(b"\n]\n")?;
                }
                Kind::CrossrefJson => {
                    for (_, r) in records {
                        out.write_all(crossref_json_work(&r).as_bytes())?;
                        out.write_all(b"\n")?;
                    }
                }
                Kind::DataciteApiJsonl => {
                    for (_, r) in records {
                        out.write_all(datacite_api_record(&r).as_bytes())?;
                        out.write_all(b"\n")?;
                    }
                }
                _ => {
                    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<doi_batch xmlns=\"http://www.crossref.org/schema/5.3.1\" xmlns:jats=\"http://www.ncbi.nlm.nih.gov/JATS1\" version=\"5.3.1\">\n  <head>\n    <doi_batch_id>bench</doi_batch_id>\n    <timestamp>20240101000000</timestamp>\n    <depositor><depositor_name>Bench</depositor_name><email_address>bench@example.org</email_address></depositor>\n    <registrant>Bench</registrant>\n  </head>\n  <body>\n")?;
                    for (_, r) in records {
                        out.write_all(crossref_work(&r).as_bytes())?;
                    }
                    out.write_all(b"  </body>\n</doi_batch>\n")?;
                }
            }
            out.flush()?;
            drop(out);
            fs::rename(&tmp, &path)?;
            Ok(path)
        }
    }
}
