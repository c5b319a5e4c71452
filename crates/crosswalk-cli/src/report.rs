//! Printing diagnostics and messages on standard error, the progress line, the closing summary,
//! and the JSON report (`--report FILE`).

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use crosswalk::batch::{Outcome, Progress, Summary};
use crosswalk::{Diagnostic, Severity};
use serde::Serialize;

use crate::args::MessageFormat;
use crate::progress::ProgressLine;

/// Which record of which input a diagnostic belongs to.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The input's name as the user gave it (`<stdin>` for standard input).
    pub file: &'a str,
    /// The record's 1-based number in its input, when the input holds several records.
    pub record: Option<usize>,
    /// The record's key (a DOI or citation key), when known.
    pub key: Option<&'a str>,
}

impl<'a> Context<'a> {
    /// The context of an outcome's diagnostics.
    pub fn of(outcome: &'a Outcome) -> Self {
        Context {
            file: &outcome.input_name,
            record: outcome.several.then_some(outcome.origin.index + 1),
            key: outcome.origin.key.as_deref().or(outcome.doi.as_deref()).filter(|_| outcome.several),
        }
    }
}

/// How the user wants to hear about things.
pub struct ReporterOptions {
    /// Human lines or JSON lines.
    pub format: MessageFormat,
    /// Print notes too.
    pub verbose: bool,
    /// Print errors only.
    pub quiet: bool,
    /// Print at most this many diagnostics (the report file has all).
    pub max_messages: usize,
    /// List every payload written in the report (a `payload` run).
    pub payloads: bool,
}

/// Prints diagnostics as the user asked, draws progress, and keeps what the report needs.
pub struct Reporter {
    options: ReporterOptions,
    /// Diagnostics by severity: error, warning, info.
    pub counts: [u64; 3],
    /// Info diagnostics not printed (without --verbose).
    pub hidden_notes: u64,
    /// Diagnostics not printed because of the message limit.
    pub over_limit: u64,
    /// The records' diagnostics per code, those of writing the output included.
    codes: BTreeMap<String, u64>,
    printed: usize,
    progress: ProgressLine,
    report: Option<ReportBuilder>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
}

impl Reporter {
    /// A reporter; `report` names the JSON report file to write at the end.
    pub fn new(options: ReporterOptions, report: Option<PathBuf>) -> Self {
        let progress_wanted = options.format == MessageFormat::Human && !options.quiet;
        let report = report.map(|path| ReportBuilder::new(path, options.payloads));
        Reporter {
            progress: ProgressLine::new(progress_wanted, None),
            options,
            counts: [0; 3],
            hidden_notes: 0,
            over_limit: 0,
            codes: BTreeMap::new(),
            printed: 0,
            report,
        }
    }

    /// Adds what `extra` says to every drawing of the progress line (an upload's retries).
    pub fn progress_extra(&mut self, extra: std::sync::Arc<dyn Fn() -> String + Send + Sync>) {
        self.progress.extra = Some(extra);
    }

    /// Starts the progress line for inputs totalling `bytes` (when known).
    pub fn start_progress(&mut self, bytes: Option<u64>) {
        let wanted = self.options.format == MessageFormat::Human && !self.options.quiet;
        let extra = self.progress.extra.take();
        self.progress = ProgressLine::new(wanted, bytes);
        self.progress.extra = extra;
    }

    fn shown(&self, severity: Severity) -> bool {
        match severity {
            Severity::Error => true,
            Severity::Warning => !self.options.quiet,
            Severity::Info => self.options.verbose,
        }
    }

    /// Prints one diagnostic of a record (if the verbosity shows it) and counts it.
    pub fn diagnostic(&mut self, context: &Context<'_>, d: &Diagnostic) {
        self.counts[severity_index(d.severity)] += 1;
        if !self.shown(d.severity) {
            if d.severity == Severity::Info {
                self.hidden_notes += 1;
            }
            return;
        }
        if self.printed >= self.options.max_messages {
            self.over_limit += 1;
            return;
        }
        self.printed += 1;
        let line = match self.options.format {
            MessageFormat::Json => serde_json::to_string(&JsonDiagnostic {
                file: context.file,
                record: context.record,
                key: context.key,
                diagnostic: d,
            })
            .unwrap_or_default(),
            MessageFormat::Human => human(context, d),
        };
        self.progress.clear();
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }

    /// Reports one outcome: its diagnostics, the report entry, the progress line.
    pub fn outcome(&mut self, outcome: &Outcome, progress: &Progress, done: u64, failed: u64) {
        let context = Context::of(outcome);
        for d in &outcome.diagnostics {
            *self.codes.entry(d.code.to_string()).or_default() += 1;
            self.diagnostic(&context, d);
        }
        if let Some(report) = &mut self.report {
            report.add(outcome, self.options.payloads);
        }
        self.progress.tick(progress, done, failed);
    }

    /// Why the report file cannot be written, if it cannot (checked before a run starts).
    pub fn report_problem(&self) -> Option<String> {
        self.report.as_ref().and_then(|r| r.problem()).map(str::to_owned)
    }

    /// Records counted as written that did not reach the output (their block could not be
    /// written): each becomes a failure with `message`.
    pub fn lost(&mut self, lost: &[crate::output::Identity], message: &str) {
        let why = Diagnostic::error("output.write", format!("{message}; this record did not reach the output"));
        self.counts[0] += lost.len() as u64;
        *self.codes.entry(why.code.to_string()).or_default() += lost.len() as u64;
        if let Some(report) = &mut self.report {
            for record in lost {
                report.lost(&record.input, record.record, record.key.as_deref(), &why);
            }
        }
    }

    /// A record read but not written because the run was stopping (`why`): listed in the
    /// report as failed, with its own diagnostics and the reason, not printed (the message
    /// that stopped the run is).
    pub fn unwritten(&mut self, outcome: &Outcome, why: &str) {
        let reason = Diagnostic::error("output.write", format!("not written: {why}"));
        *self.codes.entry(reason.code.to_string()).or_default() += 1;
        if let Some(report) = &mut self.report {
            report.unwritten(outcome, reason);
        }
    }

    /// Prints a message that belongs to no record (a usage or I/O problem).
    pub fn message(&mut self, severity: Severity, code: &'static str, text: &str) {
        let d = Diagnostic::new(severity, code, text);
        self.progress.clear();
        if self.options.format == MessageFormat::Json {
            let context = Context { file: "crosswalk", record: None, key: None };
            self.diagnostic(&context, &d);
        } else {
            self.counts[severity_index(severity)] += 1;
            if self.shown(severity) {
                let _ = writeln!(std::io::stderr().lock(), "crosswalk: {severity}: {text}");
            }
        }
        if let Some(report) = &mut self.report {
            report.messages.push(d);
        }
    }

    /// Notes where reading stopped in a run that stopped early, for `--skip-to`.
    pub fn resume_at(&mut self, resume: serde_json::Value) {
        if let Some(report) = &mut self.report {
            report.resume = Some(resume);
        }
    }

    /// Ends a run that could not start (a usage or I/O problem found before reading): the
    /// report, if asked for, holds the messages and no records. Returns the exit status 2.
    pub fn abort(&mut self, command: &str) -> u8 {
        if let Some(report) = self.report.take() {
            if let Err(message) = report.write(command, &Summary::default(), &BTreeMap::new(), true) {
                let _ = writeln!(std::io::stderr().lock(), "crosswalk: error: {message}");
            }
        }
        2
    }

    /// Prints the closing summary and writes the report file.
    pub fn finish(&mut self, command: &str, verb: &str, summary: &Summary) -> Result<(), String> {
        self.progress.clear();
        let accounted = summary.read == summary.written + summary.failed;
        let noteworthy = summary.read != 1 || summary.failed > 0 || self.hidden_notes > 0 || summary.cancelled;
        if self.options.format == MessageFormat::Human && !self.options.quiet && noteworthy {
            let [errors, warnings, notes] = self.counts;
            // `validate` writes no documents: its records are valid or invalid.
            let (written, failed) = if command == "validate" { ("valid", "invalid") } else { ("written", "failed") };
            let mut text = if command == "validate" {
                format!(
                    "crosswalk: {verb} {} record{}: {} valid, {} invalid",
                    summary.read,
                    plural(summary.read),
                    summary.written,
                    summary.failed
                )
            } else {
                let mut text =
                    format!("crosswalk: {verb} {} of {} record{}", summary.written, summary.read, plural(summary.read));
                if summary.failed > 0 {
                    text.push_str(&format!(", {} failed", summary.failed));
                }
                text
            };
            text.push_str(&format!(
                " ({} error{}, {} warning{}, {} note{})",
                errors,
                plural(errors),
                warnings,
                plural(warnings),
                notes,
                plural(notes)
            ));
            if summary.cancelled || summary.stopped {
                text.push_str("; stopped early, the records not read are not counted");
            }
            text.push_str(&format!(
                "\ncrosswalk: {} read {} {} {written} + {} {failed}",
                summary.read,
                if accounted { "=" } else { "≠" },
                summary.written,
                summary.failed
            ));
            if self.hidden_notes > 0 {
                text.push_str(&format!(
                    "; {} note{} not shown (-v shows them)",
                    self.hidden_notes,
                    plural(self.hidden_notes)
                ));
            }
            if summary.read > 1 && !self.codes.is_empty() {
                let mut codes: Vec<(&String, &u64)> = self.codes.iter().collect();
                codes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                let listed: Vec<String> = codes.iter().map(|(code, n)| format!("{code} {n}")).collect();
                text.push_str(&format!("\ncrosswalk: diagnostics by code: {}", listed.join(", ")));
            }
            if self.over_limit > 0 {
                text.push_str(&format!(
                    "; {} more diagnostics not shown (--max-messages, or --report FILE for all)",
                    self.over_limit
                ));
            }
            let _ = writeln!(std::io::stderr().lock(), "{text}");
        }
        match self.report.take() {
            Some(report) => report.write(command, summary, &self.codes, accounted),
            None => Ok(()),
        }
    }
}

/// "s" for any count but one.
fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// `file:line:column: severity[code]: message (at path) [record N, key]`.
fn human(context: &Context<'_>, d: &Diagnostic) -> String {
    let mut out = String::from(context.file);
    if let Some(line) = d.location.line {
        out.push_str(&format!(":{line}"));
        if let Some(column) = d.location.column {
            out.push_str(&format!(":{column}"));
        }
    }
    out.push_str(&format!(": {}[{}]: {}", d.severity, d.code, d.message));
    if let Some(path) = &d.location.path {
        out.push_str(&format!(" (at {path})"));
    }
    match (context.record, context.key) {
        (Some(number), Some(key)) => out.push_str(&format!(" [record {number}, {key}]")),
        (Some(number), None) => out.push_str(&format!(" [record {number}]")),
        _ => {}
    }
    out
}

/// One failed record in the report.
#[derive(Serialize)]
struct Failure<'a> {
    input: &'a str,
    /// 1-based, as in the diagnostics printed.
    record: usize,
    /// 1-based position in the whole run (`--skip-to` takes it).
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    diagnostics: &'a [Diagnostic],
}

/// One payload written, in the report of a `payload` run: where it came from, so that what
/// DataCite answers (a DOI it generated) can be matched back to the catalog record.
#[derive(Serialize)]
struct Listed<'a> {
    position: Option<u64>,
    input: &'a str,
    record: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doi: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// A JSON array written one element at a time.
struct Stream {
    out: BufWriter<File>,
    count: u64,
}

impl Stream {
    fn push(&mut self, element: &impl Serialize) -> std::io::Result<()> {
        let separator: &[u8] = if self.count == 0 { b"\n    " } else { b",\n    " };
        self.out.write_all(separator)?;
        serde_json::to_writer(&mut self.out, element).map_err(std::io::Error::other)?;
        self.count += 1;
        Ok(())
    }
}

/// Writes what `--report FILE` holds, as the run goes: each failed record (and, for `payload`,
/// each payload written) is written when it comes, so memory does not grow with the records,
/// and the counts follow at the end. The report is written as `FILE.partial` and renamed into
/// place once complete: a `FILE` is always a whole report of one run, and a run killed before
/// its end leaves `FILE.partial` (JSON cut short) and the previous `FILE` as it was. Failures
/// go to `FILE.failures.partial` on the way, copied into the report at the end, so that both
/// lists stream.
struct ReportBuilder {
    path: PathBuf,
    /// The report: its head, then the payloads written.
    out: Result<Stream, String>,
    /// The failures, until the end.
    failures: Result<Stream, String>,
    messages: Vec<Diagnostic>,
    inputs: BTreeMap<String, [u64; 3]>,
    /// Where reading stopped, for a run that stopped early.
    resume: Option<serde_json::Value>,
}

/// Creates `path` new for writing (a stale one replaced, a link removed, never followed).
fn create_new(path: &std::path::Path) -> std::io::Result<BufWriter<File>> {
    if path.symlink_metadata().is_ok() {
        std::fs::remove_file(path)?;
    }
    Ok(BufWriter::new(OpenOptions::new().write(true).create_new(true).open(path)?))
}

/// `FILE.failures.partial` beside `FILE`.
fn failures_path(path: &std::path::Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".failures.partial");
    path.with_file_name(name)
}

impl ReportBuilder {
    fn new(path: PathBuf, list_payloads: bool) -> Self {
        let partial = crate::output::partial_path(&path);
        let problem = |e: std::io::Error| format!("cannot write the report {}: {e}", partial.display());
        let out = create_new(&partial)
            .and_then(|mut out| {
                write!(out, "{{\n  \"crosswalk\": \"{}\",\n", env!("CARGO_PKG_VERSION"))?;
                if list_payloads {
                    write!(out, "  \"payloads\": [")?;
                }
                Ok(Stream { out, count: 0 })
            })
            .map_err(problem);
        let failures = create_new(&failures_path(&path)).map(|out| Stream { out, count: 0 }).map_err(problem);
        ReportBuilder { path, out, failures, messages: Vec::new(), inputs: BTreeMap::new(), resume: None }
    }

    /// Why the report cannot be written, if it cannot.
    fn problem(&self) -> Option<&str> {
        self.out.as_ref().err().or(self.failures.as_ref().err()).map(String::as_str)
    }

    fn add(&mut self, outcome: &Outcome, list_payloads: bool) {
        let counts = self.inputs.entry(outcome.input_name.clone()).or_default();
        counts[0] += 1;
        let key = outcome.origin.key.as_deref().or(outcome.doi.as_deref());
        if outcome.failed() {
            counts[2] += 1;
            self.failure(&Failure {
                input: &outcome.input_name,
                record: outcome.origin.index + 1,
                position: outcome.origin.position,
                key,
                line: outcome.origin.line,
                diagnostics: &outcome.diagnostics,
            });
        } else {
            counts[1] += 1;
            if list_payloads {
                let unique =
                    |pointer: &str| outcome.unique.iter().find(|(p, _)| *p == pointer).map(|(_, v)| v.as_str());
                let listed = Listed {
                    position: outcome.origin.position,
                    input: &outcome.input_name,
                    record: outcome.origin.index + 1,
                    key: outcome.origin.key.as_deref(),
                    line: outcome.origin.line,
                    doi: unique("/doi"),
                    url: unique("/url"),
                };
                if let Ok(out) = self.out.as_mut() {
                    if let Err(e) = out.push(&listed) {
                        self.out = Err(format!("cannot write the report {}: {e}", self.path.display()));
                    }
                }
            }
        }
    }

    /// A record not written because the run was stopping.
    fn unwritten(&mut self, outcome: &Outcome, reason: Diagnostic) {
        let counts = self.inputs.entry(outcome.input_name.clone()).or_default();
        counts[0] += 1;
        counts[2] += 1;
        let mut diagnostics = outcome.diagnostics.clone();
        diagnostics.push(reason);
        let key = outcome.origin.key.as_deref().or(outcome.doi.as_deref());
        self.failure(&Failure {
            input: &outcome.input_name,
            record: outcome.origin.index + 1,
            position: outcome.origin.position,
            key,
            line: outcome.origin.line,
            diagnostics: &diagnostics,
        });
    }

    /// A record counted as written that did not reach the output after all.
    fn lost(&mut self, input: &str, record: usize, key: Option<&str>, why: &Diagnostic) {
        let counts = self.inputs.entry(input.to_owned()).or_default();
        counts[1] = counts[1].saturating_sub(1);
        counts[2] += 1;
        let failure =
            Failure { input, record, position: None, key, line: None, diagnostics: std::slice::from_ref(why) };
        self.failure(&failure);
    }

    fn failure(&mut self, failure: &Failure<'_>) {
        let Ok(out) = self.failures.as_mut() else { return };
        if let Err(e) = out.push(failure) {
            self.failures = Err(format!("cannot write the report {}: {e}", self.path.display()));
        }
    }

    fn write(
        self,
        command: &str,
        summary: &Summary,
        codes: &BTreeMap<String, u64>,
        accounted: bool,
    ) -> Result<(), String> {
        #[derive(Serialize)]
        struct InputCounts<'a> {
            input: &'a str,
            read: u64,
            written: u64,
            failed: u64,
        }
        #[derive(Serialize)]
        struct Tail<'a> {
            command: &'a str,
            read: u64,
            written: u64,
            failed: u64,
            accounted: bool,
            cancelled: bool,
            stopped: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            resume: Option<&'a serde_json::Value>,
            codes: &'a BTreeMap<String, u64>,
            inputs: Vec<InputCounts<'a>>,
            messages: &'a [Diagnostic],
        }
        let inputs = self
            .inputs
            .iter()
            .map(|(input, [read, written, failed])| InputCounts {
                input,
                read: *read,
                written: *written,
                failed: *failed,
            })
            .collect();
        let tail = Tail {
            command,
            read: summary.read,
            written: summary.written,
            failed: summary.failed,
            accounted,
            cancelled: summary.cancelled,
            stopped: summary.stopped,
            resume: self.resume.as_ref(),
            codes,
            inputs,
            messages: &self.messages,
        };
        let failed = |e: std::io::Error| format!("cannot write the report {}: {e}", self.path.display());
        let mut out = self.out?;
        let failures = self.failures?;
        let tail = serde_json::to_string_pretty(&tail).map_err(|e| e.to_string())?;
        // The payloads' list (when there is one) ends; the failures follow, copied from their
        // own file; then the tail's members, in the same object.
        if out.count > 0 {
            out.out.write_all(b"\n  ],\n").map_err(failed)?;
        } else if command == "payload" {
            out.out.write_all(b"],\n").map_err(failed)?;
        }
        out.out.write_all(b"  \"failures\": [").map_err(failed)?;
        let failures_file = failures.out.into_inner().map_err(|e| failed(e.into_error()))?;
        drop(failures_file);
        let failures_at = failures_path(&self.path);
        std::io::copy(&mut File::open(&failures_at).map_err(failed)?, &mut out.out).map_err(failed)?;
        let close: &[u8] = if failures.count == 0 { b"],\n" } else { b"\n  ],\n" };
        let members = tail.trim_start_matches('{').trim_start_matches('\n');
        out.out.write_all(close).and_then(|()| out.out.write_all(members.as_bytes())).map_err(failed)?;
        out.out.write_all(b"\n").map_err(failed)?;
        let file = out.out.into_inner().map_err(|e| failed(e.into_error()))?;
        file.sync_all().map_err(failed)?;
        drop(file);
        let _ = std::fs::remove_file(&failures_at);
        std::fs::rename(crate::output::partial_path(&self.path), &self.path).map_err(failed)
    }
}
