//! The command line: subcommands, options and their help texts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use crosswalk::{Event, Format};

/// Convert research metadata between formats and build DataCite REST API payloads.
///
/// Crosswalk reads DataCite XML (kernels 2.2 to 4.7), DataCite REST JSON (attributes, request payloads, GET
/// responses), RIS, BibTeX/BibLaTeX, Citeproc (CSL-JSON), Schema.org JSON-LD, Codemeta and Crossref XML into the
/// DataCite Metadata Schema 4.7, and writes DataCite XML, DataCite JSON, payloads for POST /dois, RIS, BibTeX,
/// Citeproc, Schema.org and Codemeta. DataCite output is validated against the kernel-4.7 XSD. Every problem,
/// loss and normalisation is reported with a code and a source location; nothing is dropped silently.
/// Conversion never touches the network. `crosswalk formats` lists the formats, `crosswalk explain` the codes.
#[derive(Debug, Parser)]
#[command(name = "crosswalk", version, propagate_version = true, max_term_width = 120)]
#[command(after_help = "Examples:\n  \
    crosswalk convert record.xml --to datacite-json\n  \
    crosswalk convert attrs.json --to datacite-xml -o record.xml\n  \
    crosswalk payload record.xml --doi 10.5438/2wnw-c484 --event publish \\\n      \
        --url https://example.org/ --xml\n  \
    crosswalk payload catalog.ris --prefix 10.1234 --event publish \\\n      \
        --url-template 'https://repo.org/{id}' -o out.jsonl\n  \
    crosswalk validate record.xml --strict\n  \
    crosswalk formats\n\n\
    Exit status: 0 every record converted (or valid), 1 some record failed (the others are still written), \
    2 usage or I/O error, 130 stopped by Ctrl-C (the records read until then are finished and accounted).")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,

    /// How to print diagnostics on standard error: `human` lines, or `json` (one JSON object per line with
    /// file, record, severity, code, message and location).
    #[arg(long, value_enum, default_value_t = MessageFormat::Human, global = true)]
    pub message_format: MessageFormat,

    /// Also print informational notes (normalisations and mappings), not only warnings and errors.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,

    /// Print only errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert records from one format to another.
    ///
    /// Reads every INPUT (files, or `-` or nothing for standard input), detects each one's format from its
    /// content unless --from names it, and writes every record in the --to format. One record is written as
    /// one document; several are written as JSON Lines for JSON formats, and for XML need `-o DIR` (one file
    /// per record, named by DOI). Records with errors are reported and not written.
    #[command(after_help = "Examples:\n  \
        crosswalk convert record.xml --to datacite-json\n  \
        crosswalk convert attrs.json --from datacite-json --to datacite-xml\n  \
        # a GET /dois/{id} response; its base64 xml is decoded\n  \
        crosswalk convert response.json --to datacite-xml\n  \
        # a GET /dois?query= list: one file per DOI\n  \
        crosswalk convert harvest.json --to datacite-xml -o out/\n  \
        crosswalk convert export.ris --to datacite-json -o out.jsonl \\\n      \
            --report report.json\n  \
        # a directory, recursively\n  \
        crosswalk convert old-xml/ --to datacite-json -o converted/\n  \
        # also ris, citeproc, schema-org, codemeta\n  \
        crosswalk convert record.xml --to bibtex\n  \
        # a formatted citation: APA in en-US by default\n  \
        crosswalk convert record.xml --to citation\n  \
        crosswalk convert export.ris --to citation \\\n      \
            --style chicago-author-date --locale de-DE\n  \
        crosswalk convert record.xml --to citation \\\n      \
            --style path/to/custom.csl --format html")]
    Convert(ConvertArgs),

    /// Build DataCite REST API payloads (JSON:API documents for POST /dois).
    ///
    /// Each record becomes `{"data": {"type": "dois", "attributes": {...}}}` with the metadata as attributes,
    /// or with --xml as base64 DataCite XML in `xml`. --doi names the DOI (one record only); --prefix asks
    /// DataCite to generate a suffix for records without a DOI under that prefix; with neither, the record's
    /// own DOI is used. --event publish|register|hide sets the state (without it DataCite creates a Draft). For
    /// publish, register and hide the payload is refused, with one error per missing property, unless the
    /// record has creators, titles, publisher, publicationYear, resourceTypeGeneral and a url (from --url or the
    /// record), and the attributes DataCite requires beyond its XSD (nameIdentifierScheme, …). Payloads are
    /// validated against the kernel-4.7 XSD: findings are errors with --event, warnings for a Draft.
    #[command(after_help = "Examples:\n  \
        crosswalk payload record.xml --doi 10.5438/2wnw-c484 --event publish \\\n      \
            --url https://example.org/ --xml\n  \
        crosswalk payload record.xml --prefix 10.5438 --event publish \\\n      \
            --url https://example.org/\n  \
        # a Draft with the record's own DOI\n  \
        crosswalk payload attrs.json -o payload.json")]
    Payload(PayloadArgs),

    /// Register DOIs with DataCite: send payloads, every record exactly once, resumable.
    ///
    /// Reads payloads (as `crosswalk payload` writes them), or records of any format with the payload options
    /// (--prefix, --event, --url-template, …), and sends each to DataCite's REST API: POST /dois to create (a DOI
    /// that exists is a failed record unless --update, which sends PUT /dois/{doi}). Credentials come from
    /// DATACITE_USERNAME and DATACITE_PASSWORD only. The test system is used unless --production. Every step is
    /// recorded in the --state file before it is taken: rerun the same command after a crash, Ctrl-C or outage
    /// and it continues; a payload registered already is skipped (unchanged). Requests stay under --rate, and
    /// failures that pass (429, 500-504, broken connections) are retried with back-off. Exit status 0 when every
    /// record is created, updated or unchanged, 1 when some failed, 2 on a usage or I/O error (missing
    /// credentials, refused credentials), 130 when interrupted (the state is consistent).
    #[command(after_help = "Examples:\n  \
        export DATACITE_USERNAME=ORG.REPO DATACITE_PASSWORD=...\n  \
        crosswalk upload payloads.jsonl --state upload.db\n  \
        crosswalk upload catalog.ris --prefix 10.1234 --event publish \\\n      \
            --url-template 'https://repo.example.org/{key}' --state upload.db\n  \
        crosswalk upload payloads.jsonl --state upload.db --production\n  \
        crosswalk upload payloads.jsonl --state upload.db --dry-run\n  \
        crosswalk upload changed.jsonl --state upload.db --update\n  \
        crosswalk upload --state upload.db --summary --dois-out dois.csv")]
    Upload(UploadArgs),

    /// Fetch DOIs from DataCite's REST API (GET /dois/{doi}).
    ///
    /// Writes what the API returned (the JSON:API document, with affiliations and publisher as objects and the
    /// DataCite XML base64 in `xml`), or converts it with --to. Reads DataCite production unless --test or
    /// --endpoint; with DATACITE_USERNAME and DATACITE_PASSWORD set, a repository's own drafts and registered DOIs
    /// are visible too. Exit status 0 when every DOI was fetched, 1 when some was not (not found, not visible).
    #[command(after_help = "Examples:\n  \
        crosswalk fetch 10.5438/0012\n  \
        crosswalk fetch 10.5438/0012 10.5438/0013 --to datacite-xml -o records/")]
    Fetch(FetchArgs),

    /// Harvest DataCite: every record a query and filters select (GET /dois by cursor), resumable.
    ///
    /// Follows DataCite's cursors with the query and filters kept on every page, to the end exactly, each DOI
    /// once (cursors have returned duplicates), and records each page in a state file (default OUT.harvest.db) so
    /// that the same command run again goes on where it stopped. Writes what the API returned as JSON Lines
    /// (gzip-compressed when OUT ends with .gz), or converts each record with --to (a format of one record a
    /// document needs -o DIR/). OUT is written as OUT.partial until the harvest ends. Reads DataCite production
    /// unless --test or --endpoint; credentials are optional (with them, the repository's drafts and registered
    /// DOIs too). The rate stays in DataCite's tier for the client (500 requests per 5 minutes anonymous, 1,000
    /// with DATACITE_MAILTO, 3,000 with credentials).
    ///
    /// With --oai URL, harvests an OAI-PMH repository instead: ListRecords of --metadata-prefix (oai_dc by
    /// default; oai_datacite and datacite are read too), perhaps of one --set and --from/--until dates, page
    /// after page by resumptionToken, each record once (by its header's identifier), resumable the same way. An
    /// expired token (badResumptionToken) starts the list again, records written already left out;
    /// noRecordsMatch is an empty harvest. Writes the records as harvested, deleted ones included: one OAI-PMH
    /// document when OUT ends with .xml (or .xml.gz), JSON Lines otherwise (identifier, datestamp, setSpec,
    /// deleted, metadataPrefix, and the metadata as XML text); `crosswalk convert` reads both. With --to, each
    /// record's metadata is converted and deleted records are counted and left out. At most 1 request a second
    /// unless --rate; plain http:// is allowed (many repositories have no https), no credentials are sent.
    #[command(after_help = "Examples:\n  \
        crosswalk harvest --client-id datacite.datacite -o harvest.jsonl.gz\n  \
        crosswalk harvest --query 'publicationYear:2020' --client-id my.repo \\\n      \
            -o 2020.jsonl.gz\n  \
        crosswalk harvest --client-id my.repo --to datacite-xml -o dump/\n  \
        crosswalk harvest --oai https://oai.datacite.org/oai --metadata-prefix oai_datacite \\\n      \
            --set MY.REPO --from 2024-01-01 -o oai.jsonl.gz\n  \
        crosswalk harvest --oai https://repository.example.org/oai --to datacite-json -o dc.jsonl")]
    Harvest(HarvestArgs),

    /// Validate records: will DataCite accept them as they are?
    ///
    /// DataCite XML in the kernel-4 namespace is checked as written against the kernel-4.7 XSD (each finding with
    /// its line:column and element path); a payload's base64 xml likewise. DataCite XML of kernel 2.2, 3 or 3.1,
    /// or without namespace, is invalid (DataCite accepts only kernel 4 since 2025; `crosswalk convert --to
    /// datacite-xml` migrates it). Any other record (JSON attributes, other formats) is checked in the DataCite
    /// XML Crosswalk writes for it, each finding pointed at the attribute to fix (`/creators/0/nameIdentifiers/0`).
    /// Also reported: attributes DataCite requires beyond its XSD (nameIdentifierScheme, and the schemes of
    /// affiliation and publisher identifiers: warnings, errors with --findable or --strict), and empty name
    /// identifiers and affiliations the reader left out. Prints one verdict per record on standard output. Exit
    /// status 0 when every record is valid, 1 otherwise.
    #[command(after_help = "Examples:\n  \
        crosswalk validate record.xml\n  \
        # decodes its base64 xml, or checks its attributes\n  \
        crosswalk validate payload.json\n  \
        # also the checks the XSD cannot make; every warning fails\n  \
        crosswalk validate record.xml --strict\n  \
        # against the official schema\n  \
        crosswalk validate record.xml --schema metadata.xsd\n  \
        # a whole directory, with a JSON report\n  \
        crosswalk validate exports/ --report report.json")]
    Validate(ValidateArgs),

    /// List the formats Crosswalk knows: names, aliases, MIME types, and whether it reads and writes them (with
    /// --styles or --locales, the citation styles or locales).
    Formats(FormatsArgs),

    /// Explain diagnostic codes: what each means and what to do (all codes when none is named).
    Explain(ExplainArgs),
}

/// Input options shared by the converting subcommands.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Input files, directories (walked recursively: files with known extensions) and glob patterns
    /// (`'exports/**/*.json'`); `-` or nothing reads standard input.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Follow symbolic links met while walking directories and `**` patterns (never in a loop). Without it they
    /// are counted and reported, not read; a link named as an INPUT is always followed.
    #[arg(long)]
    pub follow_links: bool,

    /// The input format (name, alias or MIME type; see `crosswalk formats`). Detected from the content when
    /// omitted.
    #[arg(long, value_name = "FORMAT", value_parser = parse_readable)]
    pub from: Option<Format>,
}

/// `crosswalk convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// The output format (name, alias or MIME type; see `crosswalk formats`).
    #[arg(long, value_name = "FORMAT", value_parser = parse_writable)]
    pub to: Format,

    /// Where to write: a file, or a directory (one file per record). Standard output when omitted.
    /// A file is written as PATH.partial and renamed into place when the run has read all its input.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Replace files that exist in the output directory (never a symbolic link).
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub citation: CitationArgs,

    #[command(flatten)]
    pub deposit: DepositArgs,

    #[command(flatten)]
    pub batch: BatchArgs,

    #[command(flatten)]
    pub checks: OutputChecks,
}

/// The options of `--to crossref-xml`: the deposit's `<head>`.
#[derive(Debug, Args)]
pub struct DepositArgs {
    /// With --to crossref-xml: the depositor's name in the deposit's head [default: "Crosswalk", reported as a
    /// placeholder].
    #[arg(long, value_name = "NAME")]
    pub depositor_name: Option<String>,

    /// With --to crossref-xml: the depositor's e-mail address, where Crossref sends its submission log
    /// [default: depositor@example.org, reported as a placeholder].
    #[arg(long, value_name = "EMAIL")]
    pub depositor_email: Option<String>,

    /// With --to crossref-xml: the registrant, the organisation that owns the DOIs [default: "Crosswalk", reported
    /// as a placeholder].
    #[arg(long, value_name = "NAME")]
    pub registrant: Option<String>,

    /// With --to crossref-xml: the deposit's doi_batch_id, 4 to 100 characters [default: crosswalk-TIMESTAMP].
    #[arg(long, value_name = "ID")]
    pub batch_id: Option<String>,

    /// With --to crossref-xml: the deposit's timestamp, a number that must grow from one deposit of a DOI to the
    /// next [default: the time the run started, UTC, as yyyymmddhhmmss].
    #[arg(long, value_name = "NUMBER")]
    pub timestamp: Option<u64>,
}

impl DepositArgs {
    /// The head's options not given, whose placeholders the deposit holds.
    pub fn placeholders(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        for (set, name) in [
            (self.depositor_name.is_some(), "--depositor-name"),
            (self.depositor_email.is_some(), "--depositor-email"),
            (self.registrant.is_some(), "--registrant"),
        ] {
            if !set {
                missing.push(name);
            }
        }
        missing
    }

    /// The option names given, for refusing them with another --to.
    pub fn given(&self) -> Vec<&'static str> {
        let mut given = Vec::new();
        for (set, name) in [
            (self.depositor_name.is_some(), "--depositor-name"),
            (self.depositor_email.is_some(), "--depositor-email"),
            (self.registrant.is_some(), "--registrant"),
            (self.batch_id.is_some(), "--batch-id"),
            (self.timestamp.is_some(), "--timestamp"),
        ] {
            if set {
                given.push(name);
            }
        }
        given
    }
}

/// The options of `--to citation`.
#[derive(Debug, Args)]
pub struct CitationArgs {
    /// With --to citation: the CSL style, by name (apa, chicago-author-date, ieee, harvard-cite-them-right,
    /// elsevier-harvard, vancouver, modern-language-association, nature, …: `crosswalk formats --styles` lists them
    /// all) or as a path to a .csl file (read from disk, at most 4 MiB; a dependent style's parent must be one of the
    /// named styles) [default: apa].
    #[arg(long, value_name = "STYLE")]
    pub style: Option<String>,

    /// With --to citation: the locale of the style's terms, dates and punctuation, e.g. de-DE, fr-FR or just de
    /// (`crosswalk formats --locales` lists them) [default: the style's own, else en-US].
    #[arg(long, value_name = "LOCALE")]
    pub locale: Option<String>,

    /// With --to citation: text (plain, one entry a line) or html (one <div class="csl-entry"> a line, every value
    /// escaped) [default: text].
    #[arg(long, value_name = "FORMAT", value_parser = parse_citation_output)]
    pub format: Option<crosswalk::citation::Output>,
}

impl CitationArgs {
    /// The option names given, for refusing them with another --to.
    pub fn given(&self) -> Vec<&'static str> {
        let mut given = Vec::new();
        if self.style.is_some() {
            given.push("--style");
        }
        if self.locale.is_some() {
            given.push("--locale");
        }
        if self.format.is_some() {
            given.push("--format");
        }
        given
    }
}

fn parse_citation_output(name: &str) -> Result<crosswalk::citation::Output, String> {
    name.parse()
}

/// Options for runs over many records.
#[derive(Clone, Debug, Args)]
pub struct BatchArgs {
    /// Worker threads [default: the number of cores; at most 4 per core and 256]. The records in flight are
    /// bounded by their number (4 chunks a worker) and by their input bytes (about 16 MiB), not by this alone.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Stop reading at the first record that fails (the records already read are still finished and counted).
    #[arg(long)]
    pub fail_fast: bool,

    /// Write a JSON report to FILE: counts (read, written, failed), diagnostics per code, and every failed record
    /// with its source location and diagnostics.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Go on from run position N (1-based, counting every record of every input in order): the records before it
    /// are read but not processed or written. A run that stops early says which N to give (and its --report
    /// holds it as `resume.skip_to`).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub skip_to: u64,

    /// Print at most N diagnostics (the summary counts the rest; --report has them all).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_messages: usize,
}

/// Checks of the DataCite output of `convert` and `payload`.
#[derive(Debug, Args)]
pub struct OutputChecks {
    /// Do not validate the DataCite output against the kernel-4 XSD (validation is on by default: findings are
    /// warnings, and errors for a payload with --event).
    #[arg(long)]
    pub no_validate: bool,

    /// How the DataCite XML is judged: `auto` takes the writer's proof that a document is valid (it checks, on the
    /// values it writes, every XSD constraint its output can break) and runs libxml2 against the XSD on every
    /// document it cannot prove; `xsd` runs libxml2 on every document. Both give the same verdict.
    #[arg(long, value_name = "HOW", value_enum, default_value_t = Judge::Auto)]
    pub validate: Judge,

    /// Also run the checks the XSD cannot make (identifier check digits, dates, languages, licences, URLs, the
    /// attributes DataCite requires beyond its XSD), and treat every warning as an error: a record with any
    /// warning fails.
    #[arg(long)]
    pub strict: bool,
}

/// `crosswalk validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Also run the checks the XSD cannot make: DOI syntax; ORCID, ISNI and ROR forms and check digits; dates
    /// (W3CDTF, ranges, EDTF); languages as BCP 47; SPDX licence identifiers; URLs; a plausible publicationYear;
    /// empty affiliations and name identifiers; and treat every warning as an error: a record with any warning
    /// is invalid.
    #[arg(long)]
    pub strict: bool,

    /// Also check what a Findable DOI needs: creators, titles, publisher, publicationYear, resourceTypeGeneral and
    /// a url (from the record's REST attributes).
    #[arg(long)]
    pub findable: bool,

    /// Validate against this XSD (e.g. DataCite's official metadata.xsd, with its include files beside it) instead
    /// of Crosswalk's built-in kernel-4.7 schema. Its includes are read from disk; nothing is fetched.
    #[arg(long, value_name = "XSD")]
    pub schema: Option<PathBuf>,

    /// How the DataCite XML written for a record read from another format is judged: `auto` takes the writer's
    /// proof that it is valid and runs libxml2 on every document the writer cannot prove; `xsd` runs libxml2 on
    /// every document. Kernel-4 XML input, and every document under --schema, always goes to libxml2.
    #[arg(long, value_name = "HOW", value_enum, default_value_t = Judge::Auto)]
    pub validate: Judge,

    #[command(flatten)]
    pub batch: BatchArgs,
}

/// Who judges the DataCite XML Crosswalk writes (`--validate`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Judge {
    /// The writer's proof, and libxml2 where there is none.
    #[default]
    Auto,
    /// libxml2 against the XSD, always.
    Xsd,
}

impl Judge {
    /// True when libxml2 runs on every document.
    pub fn force_xsd(self) -> bool {
        self == Judge::Xsd
    }
}

/// How payloads are built from records (`crosswalk payload` and `crosswalk upload`).
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The DOI to create or update (overrides the record's own DOI; only for a single record).
    #[arg(long, value_name = "DOI", conflicts_with = "prefix")]
    pub doi: Option<String>,

    /// A DOI prefix such as 10.5438: a suffix is generated. A record whose own DOI is under this prefix keeps it; a
    /// record with a DOI under another prefix (a journal article's, say) gets a new DOI, and its own is kept as a
    /// relatedIdentifier with relationType IsIdenticalTo (a warning says so).
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,

    /// The state change: publish (Findable), register (Registered) or hide (Findable to Registered).
    /// Without it DataCite creates a Draft (a payload document's own event is kept).
    #[arg(long, value_name = "EVENT", value_parser = parse_event)]
    pub event: Option<Event>,

    /// The landing page the DOI resolves to (overrides the record's own url).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// Send the metadata as base64-encoded DataCite XML (kernel 4.7) in the `xml` attribute instead of as
    /// JSON attributes.
    #[arg(long)]
    pub xml: bool,

    /// Build the landing-page url from each record: {doi}, {suffix}, {key} (the record's ID or citation key, else its
    /// DOI), {id} (the same) and {index} (its position in the whole run, from 1) are replaced. Used when --url is not
    /// given.
    #[arg(long, value_name = "TEMPLATE", conflicts_with = "url")]
    pub url_template: Option<String>,

    /// The publisher of records that name none (each use is reported).
    #[arg(long, value_name = "NAME")]
    pub publisher: Option<String>,

    /// The resourceTypeGeneral of records that have none, e.g. Text or Dataset (each use is reported).
    #[arg(long, value_name = "TYPE", value_parser = parse_resource_type_general)]
    pub resource_type_general: Option<crosswalk::model::ResourceTypeGeneral>,

    /// Take a missing publicationYear from the record's dates (Issued first; each use is reported).
    #[arg(long)]
    pub publication_year_from_date: bool,

    /// A partial payload, for updating a DOI that exists: only what the record holds (an event alone, a url alone,
    /// some attributes), without the properties a new Findable DOI needs, and not checked against the schema
    /// (DataCite checks the DOI as updated). Not with --xml.
    #[arg(long, conflicts_with = "xml")]
    pub partial: bool,
}

/// `crosswalk payload`.
#[derive(Debug, Args)]
pub struct PayloadArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub build: BuildArgs,

    /// Where to write: a file (several payloads as JSON Lines), or a directory (one file per payload).
    /// Standard output when omitted. A file is written as PATH.partial and renamed into place when the run has
    /// read all its input.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Replace files that exist in the output directory (never a symbolic link).
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub batch: BatchArgs,

    #[command(flatten)]
    pub checks: OutputChecks,
}

/// `crosswalk upload`.
#[derive(Debug, Args)]
pub struct UploadArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// The state file (SQLite): what was sent, created and refused, so that a rerun continues where a run stopped
    /// and never registers a record twice. Made on first use; bound to one endpoint and account.
    #[arg(long, value_name = "FILE")]
    pub state: PathBuf,

    /// Send to DataCite's production system (https://api.datacite.org). Without it (and without --endpoint), the
    /// test system (https://api.test.datacite.org).
    #[arg(long, conflicts_with = "endpoint")]
    pub production: bool,

    /// Send to another server with DataCite's API: an https:// URL (http:// only on a loopback address).
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,

    /// Requests per 5 minutes, N/5m (also N/min, N/s) [default: 750/5m on the test system, 500/5m on production;
    /// never above DataCite's 3000/5m; `unlimited` only with --endpoint].
    #[arg(long, value_name = "RATE")]
    pub rate: Option<String>,

    /// Retries of a request that failed for a while (429, 500-504, a broken connection, a timeout) [default: 8].
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub retries: u32,

    /// The longest one request may take, in seconds [default: 120].
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub timeout: u64,

    /// Update DOIs that exist (PUT /dois/{doi}); without it, a DOI that exists is a failed record, never changed.
    #[arg(long)]
    pub update: bool,

    /// Say what would be created, updated or skipped, from the state alone: nothing is sent, nothing changes.
    #[arg(long)]
    pub dry_run: bool,

    /// Let DataCite generate the suffixes of prefix-only payloads (POST with a prefix). A lost answer then cannot be
    /// looked up: such a record is marked uncertain and not sent again. Without it, Crosswalk draws the suffix (in
    /// DataCite's style) and records it before sending, so a retry can never create a second DOI.
    #[arg(long)]
    pub server_suffix: bool,

    /// Write key,doi,state,url of every record of the state to FILE (CSV with a header), for the catalog.
    #[arg(long, value_name = "FILE")]
    pub dois_out: Option<PathBuf>,

    /// Print what the state file holds (counts by status) and stop; with --dois-out, write that file too.
    #[arg(long)]
    pub summary: bool,

    #[command(flatten)]
    pub build: BuildArgs,

    #[command(flatten)]
    pub batch: BatchArgs,

    #[command(flatten)]
    pub checks: OutputChecks,
}

/// Where a reading command reads: DataCite production by default.
#[derive(Debug, Args)]
pub struct ReadEndpoint {
    /// Read DataCite's test system (https://api.test.datacite.org) instead of production.
    #[arg(long, conflicts_with = "endpoint")]
    pub test: bool,

    /// Read another server with DataCite's API: an https:// URL (http:// only on a loopback address).
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,

    /// Requests per 5 minutes, N/5m [default: DataCite's tier for the client: 500/5m anonymous, 1000/5m with
    /// DATACITE_MAILTO, 3000/5m with credentials, 750/5m on the test system].
    #[arg(long, value_name = "RATE")]
    pub rate: Option<String>,

    /// Retries of a request that failed for a while (429, 500-504, a broken connection) [default: 8].
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub retries: u32,

    /// The longest one request may take, in seconds [default: 120].
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub timeout: u64,
}

/// `crosswalk fetch`.
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// The DOIs (any form: 10.5438/0012, doi:…, https://doi.org/…).
    #[arg(value_name = "DOI", required = true)]
    pub dois: Vec<String>,

    /// Convert each record to this format instead of writing the API's JSON.
    #[arg(long, value_name = "FORMAT", value_parser = parse_writable)]
    pub to: Option<Format>,

    /// Where to write: a file, or a directory (one file per DOI). Standard output when omitted.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub endpoint: ReadEndpoint,
}

/// The query and filters of `GET /dois` (those of DataCite's query page).
#[derive(Debug, Args)]
pub struct ListFilters {
    /// An Elasticsearch query string (e.g. `publicationYear:2020`, `creators.familyName:mil*`).
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
    /// Repositories (comma-separated ids, e.g. datacite.datacite).
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,
    /// Members (comma-separated ids).
    #[arg(long, value_name = "ID")]
    pub provider_id: Option<String>,
    /// A consortium.
    #[arg(long, value_name = "ID")]
    pub consortium_id: Option<String>,
    /// Resource types (comma-separated, e.g. dataset,software).
    #[arg(long, value_name = "TYPE")]
    pub resource_type_id: Option<String>,
    /// A person, by ORCID iD.
    #[arg(long, value_name = "ORCID")]
    pub person_id: Option<String>,
    /// Registered in a year, or a range of years (2019,2021).
    #[arg(long, value_name = "YEARS")]
    pub registered: Option<String>,
    /// Created in a year, or a range of years.
    #[arg(long, value_name = "YEARS")]
    pub created: Option<String>,
    /// Schema version (e.g. 4).
    #[arg(long, value_name = "N")]
    pub schema_version: Option<String>,
    /// Any other filter of the API, NAME=VALUE (repeatable), e.g. --filter affiliation-id=https://ror.org/…
    #[arg(long, value_name = "NAME=VALUE")]
    pub filter: Vec<String>,
}

impl ListFilters {
    /// The parameters, in the order given.
    pub fn params(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (name, value) in [
            ("query", &self.query),
            ("client-id", &self.client_id),
            ("provider-id", &self.provider_id),
            ("consortium-id", &self.consortium_id),
            ("resource-type-id", &self.resource_type_id),
            ("person-id", &self.person_id),
            ("registered", &self.registered),
            ("created", &self.created),
            ("schema-version", &self.schema_version),
        ] {
            if let Some(value) = value {
                out.push((name.to_owned(), value.clone()));
            }
        }
        for pair in &self.filter {
            if let Some((name, value)) = pair.split_once('=') {
                out.push((name.trim().to_owned(), value.trim().to_owned()));
            }
        }
        out
    }
}

/// `crosswalk harvest`.
#[derive(Debug, Args)]
pub struct HarvestArgs {
    #[command(flatten)]
    pub filters: ListFilters,

    #[command(flatten)]
    pub oai: OaiOptions,

    /// Records per page (at most 1000).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub page_size: u32,

    /// Ask for each record's DataCite XML too (detail=true).
    #[arg(long)]
    pub detail: bool,

    /// Convert each record to this format instead of writing the API's JSON.
    #[arg(long, value_name = "FORMAT", value_parser = parse_writable)]
    pub to: Option<Format>,

    /// Where to write: a file (JSON Lines; gzip when it ends with .gz), or a directory (one file per record).
    #[arg(short, long, value_name = "PATH")]
    pub output: PathBuf,

    /// The state file recording the harvest's cursor and the DOIs written [default: OUT.harvest.db].
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,

    #[command(flatten)]
    pub endpoint: ReadEndpoint,
}

/// `crosswalk harvest --oai`: an OAI-PMH repository instead of DataCite's REST API.
#[derive(Debug, Args)]
pub struct OaiOptions {
    /// Harvest an OAI-PMH repository (ListRecords by resumptionToken) at this base URL instead of DataCite's REST
    /// API, e.g. https://oai.datacite.org/oai; never sent DataCite credentials.
    #[arg(
        long,
        value_name = "URL",
        conflicts_with_all = ["query", "client_id", "provider_id", "consortium_id", "resource_type_id", "person_id",
            "registered", "created", "schema_version", "filter", "detail", "test", "endpoint"]
    )]
    pub oai: Option<String>,

    /// With --oai: the metadata format (oai_dc, oai_datacite, datacite) [default: oai_dc].
    #[arg(long, value_name = "PREFIX", requires = "oai")]
    pub metadata_prefix: Option<String>,

    /// With --oai: only the records of this set (setSpec), e.g. a DataCite repository's ID in capitals.
    #[arg(long, value_name = "SET", requires = "oai")]
    pub set: Option<String>,

    /// With --oai: only records changed on or after this date (YYYY-MM-DD, or YYYY-MM-DDThh:mm:ssZ).
    #[arg(long, value_name = "DATE", requires = "oai")]
    pub from: Option<String>,

    /// With --oai: only records changed on or before this date.
    #[arg(long, value_name = "DATE", requires = "oai")]
    pub until: Option<String>,
}

/// `crosswalk explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Codes to explain, e.g. xml.unknown-element; a prefix such as `xsd.` lists a family.
    #[arg(value_name = "CODE")]
    pub codes: Vec<String>,
}

/// `crosswalk formats`.
#[derive(Debug, Args)]
pub struct FormatsArgs {
    /// Print the registry as JSON.
    #[arg(long)]
    pub json: bool,

    /// List the citation styles `--to citation --style` takes by name (the official CSL styles bundled), with their
    /// titles, instead of the formats.
    #[arg(long, conflicts_with = "locales")]
    pub styles: bool,

    /// List the locales `--to citation --locale` takes, instead of the formats.
    #[arg(long)]
    pub locales: bool,
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// `file:line:column: severity[code]: message`.
    Human,
    /// One JSON object per line.
    Json,
}

fn known_names() -> String {
    Format::all().map(Format::name).collect::<Vec<_>>().join(", ")
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| format!("unknown format {name:?}; known formats: {}", known_names()))
}

fn parse_readable(name: &str) -> Result<Format, String> {
    let format = parse_format(name)?;
    if format.can_read() {
        Ok(format)
    } else {
        let readable: Vec<&str> = Format::all().filter(|f| f.can_read()).map(Format::name).collect();
        Err(format!("reading {format} is not supported yet; Crosswalk reads {}", readable.join(", ")))
    }
}

fn parse_writable(name: &str) -> Result<Format, String> {
    let format = parse_format(name)?;
    if format.can_write() {
        Ok(format)
    } else {
        let writable: Vec<&str> = Format::all().filter(|f| f.can_write()).map(Format::name).collect();
        Err(format!("writing {format} is not supported yet; Crosswalk writes {}", writable.join(", ")))
    }
}

fn parse_resource_type_general(name: &str) -> Result<crosswalk::model::ResourceTypeGeneral, String> {
    use crosswalk::model::{ResourceTypeGeneral, Vocabulary};
    match ResourceTypeGeneral::lookup(name) {
        (value, crosswalk::model::Match::Exact | crosswalk::model::Match::Normalised) => Ok(value),
        _ => {
            Err(format!("{name:?} is not a resourceTypeGeneral; use one of {}", ResourceTypeGeneral::VALUES.join(", ")))
        }
    }
}

fn parse_event(name: &str) -> Result<Event, String> {
    Event::from_name(name).ok_or_else(|| format!("unknown event {name:?}; use publish, register or hide"))
}
