//! `crosswalk upload`: the batch reads the inputs and builds each record's payload (or takes a
//! payload document's), the workers send them through one [`Uploader`] (its connections are the
//! workers, `--jobs`, default 4), and the summary counts created, updated, unchanged and failed
//! records from the uploader's answers. Everything that makes sending exactly-once lives in
//! `crosswalk-client`, and what a record goes through (its payload built, checked, sent) in the
//! facade's `crosswalk::upload`, which the Python module uses too; this module only wires the
//! command line to them.

use std::io::Write as _;
use std::sync::atomic::Ordering;
use std::sync::Mutex;
use std::time::Duration;

use crosswalk::batch::Processed;
use crosswalk::client::{Done, Endpoint, State, Status, Stop};
use crosswalk::upload::{Checks, Settings, Tally};
use crosswalk::{Diagnostic, Severity};

use crate::args::{Cli, UploadArgs};
use crate::report::{Reporter, ReporterOptions};
use crate::{payload_options, run, Output, USAGE, USAGE_OR_IO};

/// Code: the upload state failed (the run stops: exactly-once could no longer be promised).
pub const STATE: &str = "upload.state";

/// Diagnostics that stop a whole run: every later request would meet them too.
pub const STOPPING: &[&str] = &[crosswalk::client::errors::codes::CREDENTIALS, STATE];

fn message(cli: &Cli, args: &UploadArgs, severity: Severity, text: &str) {
    let options = ReporterOptions {
        format: cli.message_format,
        verbose: cli.verbose,
        quiet: cli.quiet,
        max_messages: args.batch.max_messages,
        payloads: false,
    };
    Reporter::new(options, None).message(severity, USAGE, text);
}

/// The endpoint the options name.
fn endpoint(args: &UploadArgs) -> Result<Endpoint, String> {
    match (&args.endpoint, args.production) {
        (Some(url), _) => Endpoint::custom(url),
        (None, true) => Ok(Endpoint::Production),
        (None, false) => Ok(Endpoint::Test),
    }
}

/// Runs `crosswalk upload`.
pub fn upload(cli: &Cli, args: &UploadArgs) -> u8 {
    let endpoint = match endpoint(args) {
        Ok(endpoint) => endpoint,
        Err(text) => {
            message(cli, args, Severity::Error, &text);
            return USAGE_OR_IO;
        }
    };
    if args.summary {
        return summary(cli, args, &endpoint);
    }
    let jobs = args.batch.jobs.unwrap_or(4).max(1);
    let settings = Settings {
        endpoint: endpoint.clone(),
        rate: args.rate.clone(),
        retries: args.retries,
        timeout: Duration::from_secs(args.timeout.max(1)),
        connections: jobs,
        update: args.update,
        dry_run: args.dry_run,
        server_suffix: args.server_suffix,
    };
    // Before anything is read: credentials, rate, state.
    let uploader = match crosswalk::upload::uploader(&settings, &args.state) {
        Ok(uploader) => uploader,
        Err(text) => {
            message(cli, args, Severity::Error, &text);
            return USAGE_OR_IO;
        }
    };
    let tally = Mutex::new(Tally::default());
    let options = payload_options(&args.build);
    let checks = Checks {
        validate: !args.checks.no_validate,
        strict: args.checks.strict,
        force_xsd: args.checks.validate.force_xsd(),
    };
    let batch = crate::args::BatchArgs { jobs: Some(jobs), ..args.batch.clone() };
    let verb = if args.dry_run { "planned uploads of" } else { "uploaded" };
    let counters = uploader.counters();
    let progress: std::sync::Arc<dyn Fn() -> String + Send + Sync> = std::sync::Arc::new(move || {
        format!(
            "{} requests  {} retries",
            counters.requests.load(Ordering::Relaxed),
            counters.retries.load(Ordering::Relaxed)
        )
    });
    let status = run(cli, &args.input, &batch, "upload", verb, None, Output::Uploads(progress), |record, _| {
        let sent = match crosswalk::upload::send(&uploader, record, &options, checks) {
            Ok(sent) => sent,
            Err(Stop::Credentials(found)) => return Processed::failed(found),
            Err(Stop::State(e)) => return Processed::failed(vec![Diagnostic::error(STATE, e.to_string())]),
        };
        tally.lock().unwrap_or_else(|e| e.into_inner()).add(&sent);
        let outcome = sent.outcome();
        match sent.done {
            // DataCite would refuse it: it was not sent.
            None => Processed::failed(sent.diagnostics).strict(checks.strict),
            Some(Done { would: Some(_), .. }) => Processed::output(format!("would {outcome}"), sent.diagnostics),
            Some(done) if done.status.registered() => {
                Processed::output(format!("{outcome} {}", done.doi.unwrap_or_default()), sent.diagnostics)
            }
            Some(_) => Processed::failed(sent.diagnostics),
        }
    });
    let tally = tally.into_inner().unwrap_or_else(|e| e.into_inner());
    let counters = uploader.counters();
    let requests = counters.requests.load(Ordering::Relaxed);
    let retries = counters.retries.load(Ordering::Relaxed);
    if !cli.quiet {
        let text = if args.dry_run {
            let planned: Vec<String> = tally.would.iter().map(|(what, n)| format!("{n} would {what}")).collect();
            format!("crosswalk: dry run against {endpoint}: {}; nothing was sent", planned.join(", "))
        } else {
            format!(
                "crosswalk: {endpoint}: {} created, {} updated, {} unchanged, {} failed{}; {requests} requests, {retries} retries",
                tally.created,
                tally.updated,
                tally.unchanged,
                tally.failed,
                if tally.uncertain > 0 { format!(", {} uncertain (the next run looks them up)", tally.uncertain) } else { String::new() }
            )
        };
        let _ = writeln!(std::io::stderr().lock(), "{text}");
    }
    if let Some(path) = &args.dois_out {
        if let Err(text) = write_dois(uploader.state(), path) {
            message(cli, args, Severity::Error, &text);
            return USAGE_OR_IO;
        }
    }
    status
}

/// `--summary`: what the state file holds.
fn summary(cli: &Cli, args: &UploadArgs, endpoint: &Endpoint) -> u8 {
    let account = std::env::var(crosswalk::client::endpoint::USERNAME_VAR).unwrap_or_default();
    if !args.state.exists() {
        message(cli, args, Severity::Error, &format!("{}: no such state file", args.state.display()));
        return USAGE_OR_IO;
    }
    // The state is bound to an endpoint and account; a summary reads it whatever they are.
    let state = match open_for_reading(&args.state, endpoint, &account) {
        Ok(state) => state,
        Err(text) => {
            message(cli, args, Severity::Error, &text);
            return USAGE_OR_IO;
        }
    };
    let counts = match state.counts() {
        Ok(counts) => counts,
        Err(e) => {
            message(cli, args, Severity::Error, &e.to_string());
            return USAGE_OR_IO;
        }
    };
    let total: u64 = counts.iter().map(|(_, n)| n).sum();
    let listed: Vec<String> = counts.iter().map(|(status, n)| format!("{n} {}", status.as_str())).collect();
    println!("{}: {total} records: {}", args.state.display(), listed.join(", "));
    if let Some(path) = &args.dois_out {
        if let Err(text) = write_dois(&state, path) {
            message(cli, args, Severity::Error, &text);
            return USAGE_OR_IO;
        }
    }
    0
}

/// Opens a state to read it, with the endpoint and account it was made for.
fn open_for_reading(path: &std::path::Path, endpoint: &Endpoint, account: &str) -> Result<State, String> {
    match State::open(path, endpoint.base(), account) {
        Ok(state) => Ok(state),
        Err(e) => Err(format!("{e} (the summary reads a state with the options it was made with)")),
    }
}

/// Writes `key,doi,state,url` of every record of the state, as CSV with a header, whole or not
/// at all (a temporary file renamed into place).
fn write_dois(state: &State, path: &std::path::Path) -> Result<(), String> {
    let partial = crate::output::partial_path(path);
    let failed = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let file = std::fs::File::create(&partial).map_err(failed)?;
    let mut out = std::io::BufWriter::new(file);
    out.write_all(b"key,doi,state,url\n").map_err(failed)?;
    state
        .each(|row| {
            let key = row.key.clone().unwrap_or_else(|| row.identity.clone());
            let state = match row.status {
                Status::Created | Status::Updated | Status::Unchanged => {
                    row.server_state.clone().unwrap_or_else(|| row.status.as_str().to_owned())
                }
                other => other.as_str().to_owned(),
            };
            writeln!(
                out,
                "{},{},{},{}",
                csv(&key),
                csv(row.doi.as_deref().unwrap_or_default()),
                csv(&state),
                csv(row.url.as_deref().unwrap_or_default())
            )
        })
        .map_err(|e| e.to_string())?;
    let file = out.into_inner().map_err(|e| failed(e.into_error()))?;
    file.sync_all().map_err(failed)?;
    std::fs::rename(&partial, path).map_err(failed)
}

/// A CSV field: quoted when it holds a comma, a quote or a line break.
fn csv(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}
