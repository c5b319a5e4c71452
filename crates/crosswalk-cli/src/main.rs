//! The `crosswalk` command: a thin layer over the `crosswalk` library that turns arguments into
//! a batch run (inputs, processing, output, progress, report) and gives the exit status.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod args;
mod harvest;
mod harvest_oai;
mod inputs;
mod output;
mod progress;
mod report;
mod signal;
mod upload;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;
use crosswalk::batch::{self, Batch, Outcome, Processed, Progress, Summary, Sunk};
use crosswalk::{
    as_warnings, validate_converted, validate_payload, validate_record, write_validated_xml, Defaults, Diagnostic,
    Format, Framing, JsonLayout, PayloadOptions, Record, Resource, SchemaChoice, Severity, ValidateOptions,
    WriteOptions,
};

use crate::args::{
    BatchArgs, BuildArgs, CitationArgs, Cli, Command, ConvertArgs, DepositArgs, ExplainArgs, FormatsArgs, InputArgs,
    OutputChecks, PayloadArgs, ValidateArgs,
};
use crate::output::{Destination, Sink};
use crate::report::{Reporter, ReporterOptions};

/// Code of messages about the command line itself.
pub(crate) const USAGE: &str = "cli.usage";
/// Code of messages about files that cannot be read or written.
pub(crate) const IO: &str = "cli.io";
/// Code of notes on entries of walked directories and patterns that were not read.
const INPUTS: &str = "cli.inputs";
/// Code: a record's output could not be written, or the output is incomplete.
const OUTPUT: &str = "output.write";

/// The codes of the command line itself (`crosswalk explain` lists them with the library's).
const CODES: &[crosswalk::CodeInfo] = &[
    crosswalk::CodeInfo {
        code: USAGE,
        severity: Severity::Error,
        summary: "The command line cannot be run as given (an option, an input that names nothing, several records where one fits); the message says why. Nothing was written.",
    },
    crosswalk::CodeInfo {
        code: IO,
        severity: Severity::Error,
        summary: "A file could not be read or written (an output, the report, the state); the message gives the system's reason. Exit status 2.",
    },
    crosswalk::CodeInfo {
        code: INPUTS,
        severity: Severity::Info,
        summary: "Entries of a walked directory or pattern that were not read (other extensions, hidden, links without --follow-links, FIFOs and devices, files named twice), counted per argument.",
    },
    crosswalk::CodeInfo {
        code: OUTPUT,
        severity: Severity::Error,
        summary: "A record's output could not be written (its file exists without --force, a link stands in its place, the disk is full), or the run stopped before writing it; the record counts as failed and the report lists it.",
    },
    crosswalk::CodeInfo {
        code: output::OUTPUT_RENAMED,
        severity: Severity::Warning,
        summary: "Another record of the run has the name this record's file would get (the same DOI, ignoring case, or key); this one got a -2, -3, … suffix.",
    },
    crosswalk::CodeInfo {
        code: upload::STATE,
        severity: Severity::Error,
        summary: "The upload state file could not be written; the run stops, since exactly-once could no longer be promised. Check the disk, then rerun: the state says where it stopped.",
    },
];

/// Exit status: every record converted (or valid).
const OK: u8 = 0;
/// Exit status: some record failed; the others were written.
const RECORD_FAILED: u8 = 1;
/// Exit status: a usage or I/O error.
pub(crate) const USAGE_OR_IO: u8 = 2;
/// Exit status: stopped by Ctrl-C or SIGTERM (130: 128 + SIGINT, as shells report it); the
/// report accounts for the records read until then. A second signal exits at once with
/// [`signal::FORCED`].
const INTERRUPTED: u8 = 130;
/// Exit status: the reader of standard output went away (128 + SIGPIPE, as a shell reports a
/// program killed by it); the report accounts for what was written.
const BROKEN_PIPE: u8 = 141;

fn main() -> ExitCode {
    libxml2_uses_mimalloc();
    let cli = Cli::parse();
    let status = match &cli.command {
        Command::Convert(args) => convert(&cli, args),
        Command::Payload(args) => payload(&cli, args),
        Command::Upload(args) => upload::upload(&cli, args),
        Command::Fetch(args) => harvest::fetch(&cli, args),
        Command::Harvest(args) => harvest::harvest(&cli, args),
        Command::Validate(args) => validate(&cli, args),
        Command::Formats(args) => formats(args),
        Command::Explain(args) => explain(args),
    };
    ExitCode::from(status)
}

fn reporter(cli: &Cli, batch: &BatchArgs) -> Reporter {
    Reporter::new(
        ReporterOptions {
            format: cli.message_format,
            verbose: cli.verbose,
            quiet: cli.quiet,
            max_messages: batch.max_messages,
            payloads: matches!(cli.command, Command::Payload(_)),
        },
        batch.report.clone(),
    )
}

/// What a run does with each outcome besides reporting it.
pub(crate) enum Output {
    /// Write documents of a format (the sink is opened once the inputs are known), in files
    /// of a directory with the format's extension unless `extension` says otherwise.
    Documents { destination: Destination, format: Format, force: bool, extension: Option<&'static str> },
    /// Print one verdict per record on standard output.
    Verdicts,
    /// Nothing: processing sent the records (`upload`); a diagnostic of
    /// [`upload::STOPPING`] stops the run. The function adds to the progress line.
    Uploads(std::sync::Arc<dyn Fn() -> String + Send + Sync>),
}

/// What is open for writing during a run.
enum Writing {
    Documents(Box<Sink>),
    Verdicts,
    Uploads,
}

/// Lets libxml2 allocate with mimalloc, as the Rust code does: validation spends a fifth of its
/// time in the C library's `malloc`/`free` otherwise.
#[allow(unsafe_code)]
fn libxml2_uses_mimalloc() {
    let allocator = crosswalk::validate::Libxml2Allocator {
        malloc: libmimalloc_sys::mi_malloc,
        realloc: libmimalloc_sys::mi_realloc,
        free: libmimalloc_sys::mi_free,
    };
    // SAFETY: first thing in `main`, before anything uses libxml2; mimalloc's functions are a
    // matching, thread-safe malloc/realloc/free family.
    unsafe {
        crosswalk::validate::use_libxml2_allocator(allocator);
    }
}

/// Runs the batch over the inputs, reports, writes, and gives the exit status.
///
/// `single`, when set, says why the run can take only one record (an XML document to one file
/// or standard output, a payload for one `--doi`): several inputs are refused before anything
/// is read, and an input that turns out to hold several records before anything is written.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run<P>(
    cli: &Cli,
    input: &InputArgs,
    batch_args: &BatchArgs,
    command: &str,
    verb: &str,
    single: Option<&str>,
    output: Output,
    process: P,
) -> u8
where
    P: Fn(&Record, JsonLayout) -> Processed + Sync,
{
    let mut reporter = reporter(cli, batch_args);
    if let Some(message) = reporter.report_problem() {
        // Before any work: a run whose report cannot be written does not start.
        reporter.message(Severity::Error, IO, &message);
        return USAGE_OR_IO;
    }
    let expanded = match inputs::expand(&input.inputs, input.follow_links) {
        Ok(expanded) => expanded,
        Err(message) => {
            reporter.message(Severity::Error, USAGE, &message);
            return reporter.abort(command);
        }
    };
    if let (Some(reason), true) = (single, expanded.inputs.len() > 1) {
        reporter.message(Severity::Error, USAGE, &format!("{} inputs are given, but {reason}", expanded.inputs.len()));
        return reporter.abort(command);
    }
    for ((argument, why), count) in &expanded.skipped {
        let (what, worth_a_warning) = why.describe(*count);
        let severity = if worth_a_warning { Severity::Warning } else { Severity::Info };
        reporter.message(severity, INPUTS, &format!("{argument}: {what} not read"));
    }
    let total_bytes = expanded.inputs.iter().map(batch::Input::size).sum::<Option<u64>>();
    reporter.start_progress(total_bytes);
    signal::install();

    let progress = Progress::default();
    let jobs = batch_args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if batch::effective_jobs(jobs) != jobs {
        let note = format!("--jobs {jobs}: {} workers are used (at most 4 per core)", batch::effective_jobs(jobs));
        reporter.message(Severity::Info, USAGE, &note);
    }
    let batch = Batch {
        from: input.from,
        jobs,
        cancel: &signal::INTERRUPTED,
        fail_fast: batch_args.fail_fast,
        progress: &progress,
        skip_to: batch_args.skip_to,
    };
    let mut writing = match output {
        Output::Verdicts => Writing::Verdicts,
        Output::Uploads(extra) => {
            reporter.progress_extra(extra);
            Writing::Uploads
        }
        Output::Documents { destination, format, force, extension } => {
            if let Some(message) = output_is_an_input(&destination, &expanded.inputs) {
                reporter.message(Severity::Error, USAGE, &message);
                return reporter.abort(command);
            }
            match Sink::new(destination, format, force) {
                Ok(sink) => Writing::Documents(Box::new(match extension {
                    Some(extension) => sink.with_extension(extension),
                    None => sink,
                })),
                Err(message) => {
                    reporter.message(Severity::Error, IO, &message);
                    return reporter.abort(command);
                }
            }
        }
    };
    let mut input_problem = false;
    let mut output_problem: Option<String> = None;
    let mut broken_pipe = false;
    let mut refused: Option<String> = None;
    let mut lost_records = 0u64;
    // The first record that was read but not written because the output failed: a rerun must
    // go on from there, not after the last record delivered.
    let mut first_unwritten: Option<u64> = None;
    let mut done = 0u64;
    let mut failed = 0u64;
    let mut summary: Summary = batch::run(&batch, expanded.inputs, process, |mut outcome: Outcome| {
        if let Some(why) = refused.as_ref().or(output_problem.as_ref()) {
            // The run is stopping: what is still in flight is not written, and the report
            // lists it as such.
            let position = outcome.origin.position;
            first_unwritten = first_unwritten.or(position);
            reporter.unwritten(&outcome, why);
            return Sunk::Lost;
        }
        if let (Some(reason), false) = (single, outcome.alone) {
            // Known at the first record, before anything is written.
            let message = format!("{} holds several records, but {reason}", outcome.input_name);
            reporter.unwritten(&outcome, &message);
            refused = Some(message);
            return Sunk::Stop;
        }
        let mut sunk = Sunk::Kept;
        let mut note = None;
        match &mut writing {
            Writing::Documents(sink) => {
                if let Some(text) = &outcome.text {
                    match sink.push(&outcome, text) {
                        Ok(written) => note = written,
                        Err(output::Failure::Record(message)) => {
                            // This record's file cannot be written; the others can.
                            outcome.diagnostics.push(Diagnostic::error(OUTPUT, message));
                            outcome.text = None;
                            sunk = Sunk::Lost;
                        }
                        Err(output::Failure::Run { message, lost, broken_pipe: pipe }) => {
                            first_unwritten = lost.iter().filter_map(|l| l.position).min().or(outcome.origin.position);
                            outcome.diagnostics.push(Diagnostic::error(OUTPUT, message.clone()));
                            outcome.text = None;
                            reporter.lost(&lost, &message);
                            lost_records += lost.len() as u64;
                            failed += lost.len() as u64;
                            broken_pipe = pipe;
                            output_problem = Some(message);
                            sunk = Sunk::Stop;
                        }
                    }
                }
            }
            Writing::Uploads => {
                if let Some(d) = outcome.diagnostics.iter().find(|d| upload::STOPPING.contains(&d.code.as_ref())) {
                    // Every later request would meet it too.
                    output_problem = Some(d.message.clone());
                    sunk = Sunk::Stop;
                }
            }
            Writing::Verdicts => {
                let line = format!("{}\n", verdict(&outcome));
                if let Err(e) = std::io::stdout().lock().write_all(line.as_bytes()) {
                    broken_pipe = e.kind() == std::io::ErrorKind::BrokenPipe;
                    output_problem = Some(format!("cannot write to standard output: {e}"));
                    sunk = Sunk::Stop;
                }
            }
        }
        done += 1;
        if outcome.failed() {
            failed += 1;
        }
        // An input that could not be opened, recognised or read to its end is an I/O error of
        // the run: records of it were not read, so none of them is counted.
        input_problem |= outcome.diagnostics.iter().any(|d| {
            d.code == batch::INPUT_UNREADABLE || d.code == batch::INPUT_FORMAT || batch::READ_ERRORS.contains(&&*d.code)
        });
        reporter.outcome(&outcome, &progress, done, failed);
        if let Some(note) = note {
            reporter.diagnostic(&report::Context::of(&outcome), &note);
        }
        sunk
    });
    if let Some(message) = &refused {
        // Nothing was written: the summary and the report say so (every record read failed).
        if let Writing::Documents(sink) = writing {
            sink.discard();
        }
        reporter.message(Severity::Error, USAGE, message);
        if let Err(message) = reporter.finish(command, verb, &summary) {
            reporter.message(Severity::Error, IO, &message);
        }
        return USAGE_OR_IO;
    }
    if let Writing::Documents(sink) = writing {
        let ended = if summary.cancelled || summary.stopped {
            let (note, written) = sink.abandon();
            if let Some(note) = note {
                reporter.message(Severity::Warning, OUTPUT, &note);
            }
            written
        } else {
            sink.finish()
        };
        match ended {
            Ok(()) => {}
            Err(output::Failure::Record(message)) => output_problem = output_problem.or(Some(message)),
            Err(output::Failure::Run { message, lost, broken_pipe: pipe }) => {
                first_unwritten = first_unwritten.or(lost.iter().filter_map(|l| l.position).min());
                reporter.lost(&lost, &message);
                lost_records += lost.len() as u64;
                broken_pipe |= pipe;
                output_problem = output_problem.or(Some(message));
            }
        }
    }
    // Records counted as written whose block then failed did not reach the output.
    summary.written = summary.written.saturating_sub(lost_records);
    summary.failed = summary.failed.saturating_add(lost_records);
    if summary.cancelled || summary.stopped {
        // Where a rerun goes on: after the last record delivered, or at the first one the
        // output did not take.
        let skip_to = first_unwritten.unwrap_or(summary.last_position.saturating_add(1));
        reporter.resume_at(serde_json::json!({ "skip_to": skip_to }));
        let note = format!("to go on where this run stopped, run the same command with --skip-to {skip_to}");
        reporter.message(Severity::Warning, USAGE, &note);
    }
    if broken_pipe {
        // The reader of standard output went away (`| head`): not worth a message.
        output_problem = None;
    }
    if let Some(message) = &output_problem {
        reporter.message(Severity::Error, IO, message);
    }
    if let Err(message) = reporter.finish(command, verb, &summary) {
        reporter.message(Severity::Error, IO, &message);
        return USAGE_OR_IO;
    }
    if broken_pipe {
        return BROKEN_PIPE;
    }
    if output_problem.is_some() || input_problem {
        USAGE_OR_IO
    } else if signal::INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst) {
        INTERRUPTED
    } else if summary.failed > 0 || summary.cancelled {
        RECORD_FAILED
    } else {
        OK
    }
}

/// `file: valid` or `file [record 3, key]: invalid (2 errors)`.
fn verdict(outcome: &Outcome) -> String {
    let mut name = outcome.input_name.clone();
    if outcome.several {
        name.push_str(&format!(" [record {}", outcome.origin.index + 1));
        if let Some(key) = outcome.origin.key.as_deref().or(outcome.doi.as_deref()) {
            name.push_str(&format!(", {key}"));
        }
        name.push(']');
    }
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = outcome.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    match (errors, warnings) {
        (0, 0) => format!("{name}: valid"),
        (0, w) => format!("{name}: valid ({w} warning{})", plural(w)),
        (e, _) => format!("{name}: invalid ({e} error{})", plural(e)),
    }
}

/// The refusal of an output file that is one of the inputs (the same file, whatever its name):
/// writing it would truncate the input while it is read.
fn output_is_an_input(destination: &Destination, inputs: &[batch::Input]) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let out = destination.file()?;
    let out_meta = std::fs::metadata(out).ok()?;
    inputs.iter().find_map(|input| {
        let batch::Source::Path(path) = &input.source else { return None };
        let meta = std::fs::metadata(path).ok()?;
        (meta.dev() == out_meta.dev() && meta.ino() == out_meta.ino()).then(|| {
            format!(
                "the output {} is the input {}: it would be overwritten while it is read; write elsewhere",
                out.display(),
                path.display()
            )
        })
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// True for the formats whose output is DataCite metadata that the XSD can check.
fn is_datacite(format: Format) -> bool {
    matches!(format, Format::DataciteXml | Format::DataciteJson | Format::Payload)
}

/// Under --strict, the checks no XSD can make: what DataCite requires beyond its XSD, and the
/// strict rules (the batch then makes every warning an error: `Processed::strict`).
pub(crate) fn strict_checks(resource: &Resource, checks: &OutputChecks) -> Vec<Diagnostic> {
    if !checks.strict {
        return Vec::new();
    }
    let mut found = crosswalk::validate::rules::check_required_attributes(resource);
    found.extend(crosswalk::validate::rules::check(resource));
    found
}

fn convert(cli: &Cli, args: &ConvertArgs) -> u8 {
    let citations = match citation_options(&args.citation, args.to) {
        Ok(citations) => citations,
        Err(message) => return usage_error(cli, &args.batch, &message),
    };
    let deposit = match deposit_head(&args.deposit, args.to) {
        Ok(deposit) => deposit,
        Err(message) => return usage_error(cli, &args.batch, &message),
    };
    if args.to == Format::CrossrefXml {
        // Said once for the run; each record's own note of it is shown with -v.
        let missing = args.deposit.placeholders();
        if !missing.is_empty() {
            let options = ReporterOptions {
                format: cli.message_format,
                verbose: cli.verbose,
                quiet: cli.quiet,
                max_messages: args.batch.max_messages,
                payloads: false,
            };
            let message = format!(
                "no {} given: the deposits' head has placeholders in their place; give real ones before depositing",
                missing.join(", ")
            );
            Reporter::new(options, None).message(Severity::Warning, "crossref.write-head-default", &message);
        }
    }
    let destination = Destination::from_option(args.output.as_deref());
    let one_file_each = destination.one_file_each();
    let single = (!one_file_each && args.to.framing() == Framing::Single).then(|| {
        format!("{} has no multi-record form: write the records to a directory with -o DIR/ (one file each)", args.to)
    });
    let html = citations.as_ref().is_some_and(|c| c.output() == crosswalk::citation::Output::Html);
    let extension = html.then_some("html");
    let output = Output::Documents { destination, format: args.to, force: args.force, extension };
    let to = args.to;
    let validate = !args.checks.no_validate && is_datacite(to);
    let options = ValidateOptions { force_xsd: args.checks.validate.force_xsd(), ..ValidateOptions::default() };
    let write_options = WriteOptions { citations, deposit, ..WriteOptions::default() };
    run(cli, &args.input, &args.batch, "convert", "converted", single.as_deref(), output, |record, layout| {
        let layout = if one_file_each { JsonLayout::Pretty } else { layout };
        let write_options = WriteOptions { layout, ..write_options.clone() };
        // DataCite XML is written and judged in one pass (the writer proves most documents valid).
        let (written, findings) = if validate && to == Format::DataciteXml {
            let (written, findings) = write_validated_xml(&record.resource, &options);
            (written, Some(findings))
        } else {
            // The record, not just its resource: a reference list keeps its source's keys.
            let written = match crosswalk::write_record_with(record, to, &write_options) {
                Ok(written) => written,
                Err(e) => return Processed::failed(vec![Diagnostic::error(USAGE, e.to_string())]),
            };
            (written, validate.then(|| validate_converted(&record.resource, &options)))
        };
        let mut diagnostics = written.diagnostics;
        if let Some(findings) = findings {
            diagnostics.extend(as_warnings(findings));
        }
        diagnostics.extend(strict_checks(&record.resource, &args.checks));
        Processed::output(written.text, diagnostics).strict(args.checks.strict)
    })
}

/// The citations `--to citation` writes with its --style, --locale and --format, put together
/// before anything is read; `None` for other formats, which refuse those options.
fn citation_options(
    args: &CitationArgs,
    to: Format,
) -> Result<Option<std::sync::Arc<crosswalk::citation::Citations>>, String> {
    use crosswalk::citation::{Citations, Locale, Style};
    if to != Format::Citation {
        let given = args.given();
        if given.is_empty() {
            return Ok(None);
        }
        return Err(format!("{} can only be used with --to citation (the output format is {to})", given.join(", ")));
    }
    let style = Style::by_name_or_file(args.style.as_deref().unwrap_or("apa")).map_err(|e| e.message)?;
    let locale = args.locale.as_deref().map(Locale::by_tag).transpose().map_err(|e| e.message)?;
    let citations = Citations::new(style, locale, args.format.unwrap_or_default()).map_err(|e| e.message)?;
    Ok(Some(std::sync::Arc::new(citations)))
}

/// The head of `--to crossref-xml` deposits from --depositor-name, --depositor-email,
/// --registrant, --batch-id and --timestamp (the time the run started when not given, once for
/// every record of the run); refused with other formats.
fn deposit_head(args: &DepositArgs, to: Format) -> Result<crosswalk::crossref::Head, String> {
    if to != Format::CrossrefXml {
        let given = args.given();
        if given.is_empty() {
            return Ok(crosswalk::crossref::Head::default());
        }
        return Err(format!(
            "{} can only be used with --to crossref-xml (the output format is {to})",
            given.join(", ")
        ));
    }
    let head = crosswalk::crossref::Head {
        depositor_name: args.depositor_name.clone(),
        depositor_email: args.depositor_email.clone(),
        registrant: args.registrant.clone(),
        batch_id: args.batch_id.clone(),
        timestamp: Some(args.timestamp.unwrap_or_else(timestamp_now)),
    };
    head.check()?;
    Ok(head)
}

/// The time now, UTC, as the number yyyymmddhhmmss (Crossref's conventional timestamp).
fn timestamp_now() -> u64 {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    crosswalk::crossref::utc_timestamp(seconds)
}

fn payload(cli: &Cli, args: &PayloadArgs) -> u8 {
    let destination = Destination::from_option(args.output.as_deref());
    let one_file_each = destination.one_file_each();
    let output = Output::Documents { destination, format: Format::Payload, force: args.force, extension: None };
    let options = payload_options(&args.build);
    let single = args
        .build
        .doi
        .as_ref()
        .map(|doi| format!("--doi names one DOI ({doi}); use --prefix, or records that carry their own DOIs"));
    let validate = !args.checks.no_validate;
    let validation = ValidateOptions { force_xsd: args.checks.validate.force_xsd(), ..ValidateOptions::default() };
    run(cli, &args.input, &args.batch, "payload", "built payloads for", single.as_deref(), output, |record, layout| {
        let layout = if one_file_each { JsonLayout::Pretty } else { layout };
        let built = match crosswalk::payload_for_record(record, &options) {
            Ok(built) => built,
            Err(refused) => return Processed::failed(refused.diagnostics),
        };
        let mut diagnostics = built.diagnostics.clone();
        if validate {
            diagnostics.extend(validate_payload(&built, &validation));
        }
        diagnostics.extend(strict_checks(&built.resource, &args.checks));
        let text = match layout {
            JsonLayout::Pretty => built.to_json_pretty(),
            JsonLayout::Line => built.to_json_line(),
        };
        // No two payloads of a run register one DOI (DOIs ignore case) or one landing page.
        let mut processed = Processed::output(text, diagnostics).strict(args.checks.strict);
        if let Some(doi) = &built.doi {
            processed = processed.unique("/doi", doi.to_lowercase());
        }
        if let Some(url) = &built.url {
            processed = processed.unique("/url", url.clone());
        }
        processed
    })
}

/// The payload options of the command line.
pub(crate) fn payload_options(build: &BuildArgs) -> PayloadOptions {
    PayloadOptions {
        doi: build.doi.clone(),
        prefix: build.prefix.clone(),
        event: build.event,
        url: build.url.clone(),
        xml: build.xml,
        url_template: build.url_template.clone(),
        defaults: Defaults {
            publisher: build.publisher.clone(),
            resource_type_general: build.resource_type_general.clone(),
            publication_year_from_date: build.publication_year_from_date,
        },
        partial: build.partial,
    }
}

fn validate(cli: &Cli, args: &ValidateArgs) -> u8 {
    let schema = match &args.schema {
        None => SchemaChoice::Embedded,
        Some(path) => match SchemaChoice::from_file(path) {
            Ok(schema) => schema,
            Err(d) => return usage_error(cli, &args.batch, &format!("{}: {}", path.display(), d.message)),
        },
    };
    // --findable checks the record's own url (a payload's, or a JSON record's).
    let options = ValidateOptions {
        schema,
        strict: args.strict,
        findable: args.findable.then_some(None),
        force_xsd: args.validate.force_xsd(),
    };
    run(cli, &args.input, &args.batch, "validate", "validated", None, Output::Verdicts, |record, _| {
        let diagnostics = validate_record(record, &options);
        // The verdict is the batch's: a record with an error (under --strict, with a warning) fails.
        Processed::output(String::new(), diagnostics).strict(args.strict)
    })
}

fn usage_error(cli: &Cli, batch: &BatchArgs, message: &str) -> u8 {
    let options = ReporterOptions {
        format: cli.message_format,
        verbose: cli.verbose,
        quiet: cli.quiet,
        max_messages: batch.max_messages,
        payloads: false,
    };
    // Before any run: no report is started.
    Reporter::new(options, None).message(Severity::Error, USAGE, message);
    USAGE_OR_IO
}

fn formats(args: &FormatsArgs) -> u8 {
    if args.styles || args.locales {
        return citation_names(args);
    }
    let mut text = String::new();
    if args.json {
        let list: Vec<serde_json::Value> = crosswalk::FORMATS
            .iter()
            .map(|f| {
                serde_json::json!({
                    "name": f.name, "aliases": f.aliases, "mime": f.mime,
                    "read": f.read, "write": f.write, "description": f.description,
                })
            })
            .collect();
        text.push_str(&serde_json::to_string_pretty(&list).unwrap_or_default());
        text.push('\n');
        return print_out(&text);
    }
    text.push_str(&format!("{:<14} {:<5} {:<5} {:<40} ALIASES\n", "NAME", "READ", "WRITE", "MIME TYPE"));
    for f in crosswalk::FORMATS {
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        text.push_str(&format!(
            "{:<14} {:<5} {:<5} {:<40} {}\n",
            f.name,
            yes_no(f.read),
            yes_no(f.write),
            f.mime,
            f.aliases.join(", ")
        ));
    }
    text.push('\n');
    for f in crosswalk::FORMATS {
        text.push_str(&format!("{:<14} {}\n", f.name, f.description));
    }
    text.push_str("\nNames are matched ignoring case, '-' and '_'; MIME types are accepted as names.\n");
    print_out(&text)
}

/// `crosswalk formats --styles` or `--locales`: the names `--to citation` takes.
fn citation_names(args: &FormatsArgs) -> u8 {
    let mut text = String::new();
    if args.styles {
        let styles = crosswalk::citation::styles();
        if args.json {
            let list: Vec<serde_json::Value> = styles
                .iter()
                .map(|s| serde_json::json!({ "name": s.name, "aliases": s.aliases, "title": s.title }))
                .collect();
            text.push_str(&serde_json::to_string_pretty(&list).unwrap_or_default());
            text.push('\n');
            return print_out(&text);
        }
        let width = styles.iter().map(|s| s.name.len()).max().unwrap_or(0);
        for style in &styles {
            text.push_str(&format!("{:<width$}  {}", style.name, style.title));
            if !style.aliases.is_empty() {
                text.push_str(&format!(" (also {})", style.aliases.join(", ")));
            }
            text.push('\n');
        }
        text.push_str("\nThe official CSL styles Crosswalk bundles; --style also takes a .csl file by path.\n");
    } else {
        let locales = crosswalk::citation::locales();
        if args.json {
            text.push_str(&serde_json::to_string_pretty(&locales).unwrap_or_default());
            text.push('\n');
            return print_out(&text);
        }
        for locale in &locales {
            text.push_str(locale);
            text.push('\n');
        }
        text.push_str("\nA language alone (de) is its main dialect (de-DE; en is en-US).\n");
    }
    print_out(&text)
}

/// Prints `text` on standard output; a closed pipe (`| head`) ends quietly.
fn print_out(text: &str) -> u8 {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => BROKEN_PIPE,
        Err(e) => {
            eprintln!("crosswalk: error: cannot write to standard output: {e}");
            USAGE_OR_IO
        }
    }
}

fn explain(args: &ExplainArgs) -> u8 {
    let mut all = crosswalk::codes();
    all.extend(CODES);
    all.sort_by_key(|c| c.code);
    let chosen: Vec<_> = if args.codes.is_empty() {
        all
    } else {
        all.into_iter()
            .filter(|c| args.codes.iter().any(|wanted| c.code == wanted || c.code.starts_with(wanted.as_str())))
            .collect()
    };
    if chosen.is_empty() {
        eprintln!(
            "crosswalk: no diagnostic code matches {}; `crosswalk explain` lists them all",
            args.codes.join(", ")
        );
        return USAGE_OR_IO;
    }
    let text: String =
        chosen.iter().map(|code| format!("{} ({})\n    {}\n\n", code.code, code.severity, code.summary)).collect();
    print_out(&text)
}
