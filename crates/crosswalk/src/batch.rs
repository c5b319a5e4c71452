//! Whole catalogs: a streaming, parallel, accounted pipeline.
//!
//! One thread reads the inputs in order and yields records lazily; `jobs` workers process them
//! (convert, validate, build payloads: whatever the caller's function does); the caller's sink
//! receives every outcome **in input order**. Queues are bounded and the reader may run at most a
//! window of records ahead of the sink, so memory stays flat however large the catalog is.
//!
//! Accounting is the invariant: every record read yields exactly one [`Outcome`], written or
//! failed, and an input that cannot be opened or recognised yields one failed outcome of its own.
//! So `read == written + failed` holds at the end, also after a cancellation (Ctrl-C or
//! fail-fast), which stops the reading but lets every record already read finish.
//!
//! [`stream`] opens inputs the same way (gzip, detection, one failed record for an input that
//! cannot be read) for a caller that takes records one at a time on its own thread; [`walk`]
//! turns a path into inputs as a directory walk does.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::{Condvar, Mutex};

use crosswalk_model::{CodeInfo, Diagnostic, Location, Origin, Record, Severity};

use crate::formats::Format;
use crate::stream::{units, Unit, Units};
use crate::{detect, JsonLayout};

/// Code: an input file cannot be opened or read.
pub const INPUT_UNREADABLE: &str = "input.unreadable";
/// Code: an input's format cannot be recognised, or Crosswalk cannot read it.
pub const INPUT_FORMAT: &str = "input.format";

/// The codes of this module.
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: INPUT_UNREADABLE,
        severity: Severity::Error,
        summary: "An input file cannot be opened or read; it is counted as one failed record. Check the path and permissions.",
    },
    CodeInfo {
        code: DUPLICATE,
        severity: Severity::Error,
        summary: "The record would get the same DOI or landing-page url as an earlier record of the run (a URL template whose placeholders repeat, a catalog holding one DOI twice); it is refused, the earlier one is kept. Make the template's placeholders unique ({index} counts the whole run) or fix the catalog.",
    },
    CodeInfo {
        code: INPUT_FORMAT,
        severity: Severity::Error,
        summary: "An input's format cannot be recognised from its content, or Crosswalk cannot read that format yet; it is counted as one failed record. Name the format with --from.",
    },
];

/// The codes of a read that failed part-way through an input (an I/O error, a corrupt gzip
/// stream): the facade's and the Crossref, Dublin Core and OAI-PMH readers' `input.io`, RIS's
/// `ris.io`, BibTeX's `bibtex.read-error`. Such a record ends its input: what follows the error
/// was not read, so the run did not read all its input (the command line exits with status 2).
pub const READ_ERRORS: &[&str] = &[crate::stream::INPUT_IO, crosswalk_ris::IO_ERROR, crosswalk_bibtex::READ_ERROR];

/// How many bytes detection looks at.
const PEEK: usize = 64 * 1024;

/// The first two bytes of a gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Where an input comes from.
pub enum Source {
    /// A file.
    Path(PathBuf),
    /// Standard input.
    Stdin,
    /// Bytes in memory.
    Bytes(Vec<u8>),
    /// A reader the caller opened (standard input made interruptible, a named pipe).
    Reader(Box<dyn Read + Send>),
    /// An input that cannot be read (an unreadable directory of a walk): one failed record
    /// with this message.
    Unreadable(String),
}

/// One input of a batch.
pub struct Input {
    /// The name used in messages and reports.
    pub name: String,
    /// Where its bytes come from.
    pub source: Source,
    /// Its size in bytes, when known in advance (for progress, and to decide who reads it).
    pub size: Option<u64>,
}

impl Input {
    /// An input reading the file at `path` (its size is looked up once, here).
    pub fn path(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let size = std::fs::metadata(&path).ok().map(|m| m.len());
        Input { name: path.display().to_string(), source: Source::Path(path), size }
    }

    /// An input of bytes in memory.
    pub fn bytes(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        let size = Some(bytes.len() as u64);
        Input { name: name.into(), source: Source::Bytes(bytes), size }
    }

    /// An input read from `reader`, named `name` in messages.
    pub fn reader(name: impl Into<String>, reader: Box<dyn Read + Send>) -> Self {
        Input { name: name.into(), source: Source::Reader(reader), size: None }
    }

    /// An input that cannot be read, and why: it is accounted as one failed record.
    pub fn unreadable(name: impl Into<String>, why: impl Into<String>) -> Self {
        Input { name: name.into(), source: Source::Unreadable(why.into()), size: None }
    }

    /// Standard input.
    pub fn stdin() -> Self {
        Input { name: "<stdin>".into(), source: Source::Stdin, size: None }
    }

    /// The byte size, when known in advance.
    pub fn size(&self) -> Option<u64> {
        self.size
    }

    fn open(self) -> io::Result<Box<dyn Read + Send>> {
        Ok(match self.source {
            Source::Path(path) => Box::new(std::fs::File::open(path)?),
            Source::Stdin => Box::new(io::stdin()),
            Source::Bytes(bytes) => Box::new(Cursor::new(bytes)),
            Source::Reader(reader) => reader,
            Source::Unreadable(why) => return Err(io::Error::other(why)),
        })
    }
}

/// What processing one record gave.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Processed {
    /// The output document; `None` when the record failed.
    pub text: Option<String>,
    /// What processing said (conversion, validation, payload rules).
    pub diagnostics: Vec<Diagnostic>,
    /// Every warning of the record, the reader's included, is an error (`--strict`: see
    /// [`crate::escalate_warnings`]).
    pub strict: bool,
    /// Values no other record of the run may have, each with the JSON pointer it stands at
    /// (a payload's `/doi` and `/url`): the batch refuses a later record that repeats one.
    pub unique: Vec<(&'static str, String)>,
}

impl Processed {
    /// A record processed into `text` (still failed when a diagnostic is an error).
    pub fn output(text: String, diagnostics: Vec<Diagnostic>) -> Self {
        Processed { text: Some(text), diagnostics, strict: false, unique: Vec::new() }
    }

    /// A record that failed, and why.
    pub fn failed(diagnostics: Vec<Diagnostic>) -> Self {
        Processed { text: None, diagnostics, strict: false, unique: Vec::new() }
    }

    /// Adds a value no other record of the run may have (see [`Processed::unique`]).
    pub fn unique(mut self, pointer: &'static str, value: String) -> Self {
        self.unique.push((pointer, value));
        self
    }

    /// Makes every warning of the record an error when `strict` (`--strict`).
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }
}

/// One record's fate, delivered to the sink in input order.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The input's position in the batch.
    pub input: usize,
    /// The input's name.
    pub input_name: String,
    /// Where the record came from in its input.
    pub origin: Origin,
    /// The record's DOI, if it has one (for naming output files).
    pub doi: Option<String>,
    /// The reader's diagnostics, then processing's.
    pub diagnostics: Vec<Diagnostic>,
    /// The output, `None` when the record failed.
    pub text: Option<String>,
    /// True when the input holds several records (or is a multi-record format).
    pub several: bool,
    /// True when this is the batch's only record (known before the first outcome is
    /// delivered: the reader looks one chunk ahead).
    pub alone: bool,
    /// What processing said must be unique in the run ([`Processed::unique`]).
    pub unique: Vec<(&'static str, String)>,
}

impl Outcome {
    /// True when the record produced no output.
    pub fn failed(&self) -> bool {
        self.text.is_none()
    }
}

/// What the sink did with an outcome; the batch counts records by it, so that `written` counts
/// what reached the output, not what was converted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sunk {
    /// Its output was stored (or, for a failed record, its failure recorded).
    Kept,
    /// Its output could not be stored: the record counts as failed.
    Lost,
    /// Its output could not be stored, and nothing more can be: the record counts as failed,
    /// reading stops, and the records already read still come to the sink.
    Stop,
}

/// Counts a running batch shares with whoever watches it (a progress display).
#[derive(Debug, Default)]
pub struct Progress {
    /// Bytes read from the inputs so far.
    pub bytes_read: AtomicU64,
    /// Records read so far.
    pub records_read: AtomicU64,
}

/// Options of a batch run.
pub struct Batch<'a> {
    /// The input format; detected per input when `None`.
    pub from: Option<Format>,
    /// Worker threads (at least 1, at most 1024).
    pub jobs: usize,
    /// Set to stop reading (Ctrl-C); records already read still finish.
    pub cancel: &'a AtomicBool,
    /// Stop reading after the first failed record.
    pub fail_fast: bool,
    /// Shared counters for progress display.
    pub progress: &'a Progress,
    /// Records before this 1-based run position are read (to know where the run stands) but not
    /// processed: no outcome, counted in [`Summary::skipped`]. `0` or `1` skips nothing. A run
    /// that stopped early says where to go on in its report (`--skip-to`).
    pub skip_to: u64,
}

/// The accounting of a finished run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records read (including inputs that failed as a whole, one each).
    pub read: u64,
    /// Records with an output.
    pub written: u64,
    /// Records without one.
    pub failed: u64,
    /// Diagnostics per code.
    pub codes: BTreeMap<String, u64>,
    /// True when the run was cancelled (Ctrl-C, or `fail_fast` after a failure) before the end
    /// of the inputs.
    pub cancelled: bool,
    /// True when the sink stopped the run ([`Sunk::Stop`]) before the end of the inputs.
    pub stopped: bool,
    /// Records read and left out because they come before [`Batch::skip_to`] (not in `read`).
    pub skipped: u64,
    /// The run position of the last record delivered to the sink (`0`: none).
    pub last_position: u64,
}

/// A unit of an input on its way to a worker, which parses it into records and processes them.
struct Work {
    seq: u64,
    /// The reader's byte count when the chunk was started, and the sizes of the small files in
    /// it: what the chunk holds of the input, for the gate.
    start_bytes: u64,
    file_bytes: u64,
    /// True when this is the only unit of the whole batch (a single record is pretty-printed).
    only: bool,
    /// The pieces, in input order.
    units: Vec<Piece>,
}

/// One piece of work.
enum Piece {
    /// A unit of an input streamed by the reader thread, with the input's position and whether
    /// that input may hold several records.
    Unit(usize, bool, Unit),
    /// A small file, opened, recognised and read whole by the worker (so that opening and
    /// reading many small files runs in parallel too).
    File(usize, Input),
}

/// Files up to this size are read by the workers; larger ones are streamed by the reader, and so
/// are files named `*.gz`, whose size on disk says little of what they hold.
const SMALL_FILE: u64 = 1 << 20;

/// What a small file a worker reads whole may decompress to (a gzip file not named `*.gz`): a
/// worker holds all of its records at once, so a file that expands further is refused, with a
/// message saying to name it `*.gz`, rather than filling memory (a megabyte of gzip can hold a
/// gigabyte).
const SMALL_FILE_EXPANDED: u64 = 32 * SMALL_FILE;

/// Units per hand-over to a worker.
const CHUNK: usize = 128;

/// The most worker threads a batch starts per core, whatever `jobs` asks for: conversion is
/// bound by the processor, so more workers than this only hold more records in memory.
const JOBS_PER_CORE: usize = 4;

/// The most worker threads a batch starts on any machine.
const MAX_JOBS: usize = 256;

/// The worker threads a batch with `jobs` starts on this machine: at least 1, at most 4 per
/// core and 256 in all.
///
/// ```
/// let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
/// assert_eq!(crosswalk::batch::effective_jobs(1024), (cores * 4).min(256));
/// assert_eq!(crosswalk::batch::effective_jobs(0), 1);
/// ```
pub fn effective_jobs(jobs: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    jobs.clamp(1, cores.saturating_mul(JOBS_PER_CORE).clamp(1, MAX_JOBS))
}

/// Input bytes the reader may have handed out beyond what the sink received: the memory the
/// records in flight take grows with their size, not with their number, so a catalog of large
/// records is held back by bytes (a chunk may still go when nothing else is in flight).
const BYTES_IN_FLIGHT: u64 = 16 * 1024 * 1024;

/// Lets the reader run at most `window` chunks, and about [`BYTES_IN_FLIGHT`] input bytes,
/// ahead of the sink.
struct Gate {
    state: Mutex<GateState>,
    moved: Condvar,
    window: u64,
}

struct GateState {
    /// Chunks delivered to the sink (all those before this sequence number).
    delivered: u64,
    /// Chunks handed out and not delivered, with their input bytes, in order.
    out: std::collections::VecDeque<(u64, u64)>,
    /// The sum of `out`'s bytes.
    bytes: u64,
}

impl Gate {
    fn new(window: u64) -> Self {
        Gate {
            state: Mutex::new(GateState { delivered: 0, out: std::collections::VecDeque::new(), bytes: 0 }),
            moved: Condvar::new(),
            window,
        }
    }

    /// Waits until chunk `seq` may be started.
    fn wait_for(&self, seq: u64, stopping: &Stopping<'_>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while (seq >= state.delivered.saturating_add(self.window)
            || (state.bytes > BYTES_IN_FLIGHT && seq > state.delivered))
            && !stopping.is_set()
        {
            state = self.moved.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Chunk `seq` was handed out, holding `bytes` of input.
    fn handed_out(&self, seq: u64, bytes: u64) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.out.push_back((seq, bytes));
        state.bytes = state.bytes.saturating_add(bytes);
    }

    /// Every chunk before `delivered` reached the sink.
    fn advance(&self, delivered: u64) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.delivered = delivered;
        while state.out.front().is_some_and(|(seq, _)| *seq < delivered) {
            if let Some((_, bytes)) = state.out.pop_front() {
                state.bytes = state.bytes.saturating_sub(bytes);
            }
        }
        drop(state);
        self.moved.notify_all();
    }
}

/// Why the reader stops early: a cancellation (Ctrl-C, fail-fast) or the sink's [`Sunk::Stop`].
struct Stopping<'a> {
    cancel: &'a AtomicBool,
    /// Set by `fail_fast` after a failure (the caller's `cancel` is left alone: a failure is
    /// not an interrupt).
    failed_fast: &'a AtomicBool,
    stop: &'a AtomicBool,
}

impl Stopping<'_> {
    fn is_set(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
            || self.failed_fast.load(Ordering::Relaxed)
            || self.stop.load(Ordering::Relaxed)
    }
}

/// Final record numbers before processing: a chunk's records are numbered from how many records
/// the chunks before it gave for the same input. A JSON item may give several records (a JSON:API
/// list page), which only its worker learns; `process` (a payload's `{index}` URL) must see the
/// number the record keeps, so each worker registers its chunk's counts once read and waits for
/// the counts of the chunks before it. No deadlock: chunks reach workers in order, and a worker
/// registers before it waits, so the earliest unregistered chunk's worker is never waiting.
#[derive(Default)]
struct Ledger {
    state: Mutex<LedgerState>,
    folded: Condvar,
}

#[derive(Default)]
struct LedgerState {
    /// The first sequence number not yet folded into `totals`.
    next: u64,
    /// Registered counts waiting for the sequence numbers before them: (input, records) pairs.
    pending: BTreeMap<u64, Vec<(usize, usize)>>,
    /// Records per input so far.
    totals: HashMap<usize, usize>,
    /// The first number of each input's records in a folded chunk, until its worker takes it.
    bases: HashMap<u64, Vec<(usize, usize)>>,
    /// Records of the whole run so far.
    run_total: u64,
    /// The run position (0-based) of the first record of a folded chunk, until its worker takes it.
    run_bases: HashMap<u64, u64>,
    /// Set when the reader stopped without handing out every chunk: nobody waits any more.
    closed: bool,
}

impl Ledger {
    /// Registers how many records chunk `seq` holds for each input, in the chunk's order.
    fn register(&self, seq: u64, counts: Vec<(usize, usize)>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.pending.insert(seq, counts);
        let mut moved = false;
        loop {
            let next = state.next;
            let Some(counts) = state.pending.remove(&next) else { break };
            let mut bases = Vec::with_capacity(counts.len());
            let run_base = state.run_total;
            state.run_bases.insert(next, run_base);
            for (input, count) in counts {
                state.run_total = state.run_total.saturating_add(count as u64);
                let total = state.totals.entry(input).or_default();
                if !bases.iter().any(|&(i, _)| i == input) {
                    bases.push((input, *total));
                }
                *total = total.saturating_add(count);
            }
            state.bases.insert(next, bases);
            state.next = next.saturating_add(1);
            moved = true;
        }
        if moved {
            self.folded.notify_all();
        }
    }

    /// The first record number of each input in chunk `seq`, and the run position of its first
    /// record, once every chunk before it is registered; `None` when the ledger was closed first.
    fn bases(&self, seq: u64) -> Option<(Vec<(usize, usize)>, u64)> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while state.next <= seq && !state.closed {
            state = self.folded.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        let bases = state.bases.remove(&seq)?;
        let run_base = state.run_bases.remove(&seq).unwrap_or(0);
        Some((bases, run_base))
    }

    fn close(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
        self.folded.notify_all();
    }
}

/// A reader that counts the bytes it hands out.
struct Counting<'a, R> {
    inner: R,
    /// `None` when nobody watches (a [`stream`]).
    progress: Option<&'a Progress>,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(progress) = self.progress {
            progress.bytes_read.fetch_add(n as u64, Ordering::Relaxed);
        }
        Ok(n)
    }
}

/// Runs `process` over every record of `inputs`, calling `sink` with each outcome in input order.
///
/// `process` receives the record and the JSON layout to use: pretty when the whole batch turned
/// out to hold a single record, one line otherwise. The sink says what became of each outcome
/// ([`Sunk`]): a record whose output it could not store counts as failed, and [`Sunk::Stop`]
/// stops the reading (e.g. the output can no longer be written); the records in flight still
/// come to the sink and are accounted.
///
/// ```
/// use std::sync::atomic::AtomicBool;
/// use crosswalk::batch::{run, Batch, Input, Processed, Progress, Sunk};
/// use crosswalk::Format;
///
/// let inputs = vec![Input::bytes("mem", br#"[{"doi": "10.5072/a"}, {"doi": "10.5072/b"}]"#.to_vec())];
/// let cancel = AtomicBool::new(false);
/// let progress = Progress::default();
/// let batch = Batch { from: Some(Format::DataciteJson), jobs: 2, cancel: &cancel, fail_fast: false, progress: &progress, skip_to: 0 };
/// let mut dois = Vec::new();
/// let summary = run(&batch, inputs, |record, _layout| Processed {
///     text: record.resource.doi.clone(),
///     ..Processed::default()
/// }, |outcome| { dois.push(outcome.text.unwrap()); Sunk::Kept });
/// assert_eq!(dois, ["10.5072/a", "10.5072/b"]);
/// assert_eq!((summary.read, summary.written, summary.failed), (2, 2, 0));
/// ```
pub fn run<P, S>(batch: &Batch<'_>, inputs: Vec<Input>, process: P, mut sink: S) -> Summary
where
    P: Fn(&Record, JsonLayout) -> Processed + Sync,
    S: FnMut(Outcome) -> Sunk,
{
    let jobs = effective_jobs(batch.jobs);
    let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    let shared_names: Vec<std::sync::Arc<str>> = names.iter().map(|n| std::sync::Arc::from(n.as_str())).collect();
    let gate = Gate::new(u64::try_from(jobs).unwrap_or(u64::MAX).saturating_mul(4));
    let (work_tx, work_rx) = sync_channel::<Work>(jobs.saturating_mul(4));
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = channel::<Done>();
    let mut summary = Summary::default();
    let ledger = Ledger::default();
    // Set when the sink stops the run: reading stops as for a cancellation.
    let stop = AtomicBool::new(false);
    let failed_fast = AtomicBool::new(false);
    let stopping = Stopping { cancel: batch.cancel, failed_fast: &failed_fast, stop: &stop };

    std::thread::scope(|scope| {
        // The reader: inputs in order, records lazily, one record of lookahead to choose the layout.
        let reader_done_tx = done_tx.clone();
        let gate_ref = &gate;
        let names_ref = &names;
        let ledger_ref = &ledger;
        let stopping_ref = &stopping;
        scope.spawn(move || {
            let mut seq = 0u64;
            // Units travel in chunks (fewer hand-overs between threads); the last complete
            // chunk is held back one step, to know whether it is the batch's only one.
            let mut held: Option<Work> = None;
            let mut filling: Option<Work> = None;
            let send = |work: Work| {
                let now = batch.progress.bytes_read.load(Ordering::Relaxed);
                let bytes = now.saturating_sub(work.start_bytes).saturating_add(work.file_bytes);
                gate_ref.handed_out(work.seq, bytes);
                work_tx.send(work).is_ok()
            };
            let mut stopped = false;
            'inputs: for (index, input) in inputs.into_iter().enumerate() {
                if stopping_ref.is_set() {
                    break;
                }
                if matches!(input.source, Source::Path(_))
                    && input.size.is_some_and(|size| size <= SMALL_FILE)
                    && !named_gzip(&input.name)
                {
                    let chunk = filling.get_or_insert_with(|| {
                        gate_ref.wait_for(seq, stopping_ref);
                        seq += 1;
                        Work {
                            seq: seq - 1,
                            start_bytes: batch.progress.bytes_read.load(Ordering::Relaxed),
                            file_bytes: 0,
                            only: false,
                            units: Vec::with_capacity(CHUNK),
                        }
                    });
                    chunk.file_bytes = chunk.file_bytes.saturating_add(input.size.unwrap_or(0));
                    chunk.units.push(Piece::File(index, input));
                    if chunk.units.len() >= CHUNK {
                        if let Some(previous) = filling.take().and_then(|c| held.replace(c)) {
                            if !send(previous) {
                                stopped = true;
                                break 'inputs;
                            }
                        }
                    }
                    continue;
                }
                let (stream, format) = match open_units(input, batch.from, Some(batch.progress), None) {
                    Ok(opened) => opened,
                    Err(diagnostic) => {
                        // A failed input is accounted as one failed record, in order: after the
                        // units of the inputs before it.
                        if let Some(previous) = filling.take().and_then(|c| held.replace(c)) {
                            if !send(previous) {
                                stopped = true;
                                break;
                            }
                        }
                        gate_ref.wait_for(seq, stopping_ref);
                        ledger_ref.register(seq, vec![(index, 1)]);
                        let failed = vec![failed_input(index, names_ref, diagnostic)];
                        if reader_done_tx.send(Done { seq, outcomes: failed, end: None }).is_err() {
                            break;
                        }
                        seq += 1;
                        continue;
                    }
                };
                // A DataCite XML document is one record; other inputs may hold many.
                let several = format != Format::DataciteXml;
                for unit in stream {
                    // A unit that comes after a stop (perhaps cut short by it: an interrupted
                    // read) is not processed: reading stopped before it.
                    if stopping_ref.is_set() {
                        break 'inputs;
                    }
                    let chunk = filling.get_or_insert_with(|| {
                        gate_ref.wait_for(seq, stopping_ref);
                        seq += 1;
                        Work {
                            seq: seq - 1,
                            start_bytes: batch.progress.bytes_read.load(Ordering::Relaxed),
                            file_bytes: 0,
                            only: false,
                            units: Vec::with_capacity(CHUNK),
                        }
                    });
                    chunk.units.push(Piece::Unit(index, several, unit));
                    if chunk.units.len() >= CHUNK {
                        if let Some(previous) = filling.take().and_then(|c| held.replace(c)) {
                            if !send(previous) {
                                stopped = true;
                                break 'inputs;
                            }
                        }
                    }
                    if stopping_ref.is_set() {
                        break 'inputs;
                    }
                }
            }
            if !stopped {
                if let Some(previous) = filling.take().and_then(|c| held.replace(c)) {
                    stopped |= !send(previous);
                }
                if let Some(mut last) = held.take() {
                    // A small file may still hold several records: the worker counts them.
                    last.only = seq == 1 && last.units.len() == 1;
                    stopped |= !send(last);
                }
            }
            if stopped {
                ledger_ref.close();
            }
        });

        // The workers.
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let work_rx = &work_rx;
            let process = &process;
            let names = &names;
            let shared_names = &shared_names;
            let ledger = &ledger;
            scope.spawn(move || loop {
                let work = {
                    let receiver = work_rx.lock().unwrap_or_else(|e| e.into_inner());
                    receiver.recv()
                };
                let Ok(work) = work else { break };
                // Read every piece first, so that the chunk's counts can be registered.
                let mut read: Vec<Result<ReadPiece, Outcome>> = Vec::with_capacity(work.units.len());
                for piece in work.units {
                    read.push(match piece {
                        Piece::Unit(input, several, unit) => Ok((input, several, unit.into_records())),
                        Piece::File(input, file) => {
                            match open_units(file, batch.from, Some(batch.progress), Some(SMALL_FILE_EXPANDED)) {
                                Ok((stream, format)) => Ok((
                                    input,
                                    format != Format::DataciteXml,
                                    stream.flat_map(Unit::into_records).collect(),
                                )),
                                Err(diagnostic) => Err(failed_input(input, names, diagnostic)),
                            }
                        }
                    });
                }
                let mut counts: Vec<(usize, usize)> = Vec::new();
                for piece in &read {
                    let (input, n) = match piece {
                        Ok((input, _, records)) => (*input, records.len()),
                        Err(outcome) => (outcome.input, 1),
                    };
                    match counts.last_mut() {
                        Some((last, count)) if *last == input => *count = count.saturating_add(n),
                        _ => counts.push((input, n)),
                    }
                }
                ledger.register(work.seq, counts);
                let (mut next_index, mut position) = ledger.bases(work.seq).unwrap_or_default();
                let mut outcomes = Vec::with_capacity(read.len());
                for piece in read {
                    let (input, several, mut records) = match piece {
                        Ok(read) => read,
                        Err(mut outcome) => {
                            let _ = take_number(&mut next_index, outcome.input);
                            position = position.saturating_add(1);
                            outcome.origin.position = Some(position);
                            outcomes.push(outcome);
                            continue;
                        }
                    };
                    for record in &mut records {
                        record.origin.input = shared_names.get(input).cloned();
                        record.origin.index = take_number(&mut next_index, input);
                        position = position.saturating_add(1);
                        record.origin.position = Some(position);
                    }
                    // Records before `skip_to` are numbered (so that every later one keeps its
                    // number) and left out.
                    records.retain(|r| r.origin.position.unwrap_or(u64::MAX) >= batch.skip_to);
                    let single = work.only && records.len() == 1;
                    let layout = if single { JsonLayout::Pretty } else { JsonLayout::Line };
                    let several = several && !single || records.len() > 1;
                    outcomes.extend(
                        records.into_iter().map(|record| process_one(record, input, several, layout, names, process)),
                    );
                }
                if done_tx.send(Done { seq: work.seq, outcomes, end: Some(position) }).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);

        // The sink, in input order.
        deliver(done_rx, &gate, batch, &stopping, &mut summary, &mut sink);
    });
    summary.cancelled = batch.cancel.load(Ordering::Relaxed) || failed_fast.load(Ordering::Relaxed);
    summary.stopped = stop.load(Ordering::Relaxed);
    summary
}

/// A chunk's outcomes on their way to the sink; `end` is the run position of the chunk's last
/// record (its outcomes may be fewer: records before `skip_to` have none), unknown for the
/// failed input the reader accounts itself.
/// Reads the records of `inputs` lazily, one at a time, on the calling thread: the batch's way of
/// opening inputs (gzip decompressed on the way, whatever the name; the format `from`, or
/// detected from each input's head) without its workers, for a program that takes records one by
/// one (the Python binding's `crosswalk.stream`, a Spark partition).
///
/// Inputs are opened in order, each when the records before it are taken, so memory holds one
/// record (one document for formats read whole) whatever the inputs' size. As in a batch run,
/// every record comes out: an input that cannot be opened, read or recognised gives one failed
/// record (`input.unreadable`, `input.format`). Each record's `origin` names its input, numbers it
/// in its input from 0 (`index`) and in the whole run from 1 (`position`). Diagnostics are the
/// readers' (not folded: nothing else has spoken yet).
///
/// ```
/// use crosswalk::batch::{stream, Input};
///
/// let inputs = vec![
///     Input::bytes("a.json", br#"[{"doi": "10.5072/a"}, {"doi": "10.5072/b"}]"#.to_vec()),
///     Input::bytes("b.txt", b"not a format".to_vec()),
/// ];
/// let records: Vec<_> = stream(inputs, None).collect();
/// assert_eq!(records.len(), 3);
/// assert_eq!(records[1].resource.doi.as_deref(), Some("10.5072/b"));
/// assert_eq!((records[1].origin.index, records[1].origin.position), (1, Some(2)));
/// assert!(records[2].has_errors()); // unrecognised: one failed record
/// assert_eq!(records[2].origin.input.as_deref(), Some("b.txt"));
/// ```
pub fn stream(inputs: Vec<Input>, from: Option<Format>) -> crate::Records<'static> {
    let mut position = 0u64;
    Box::new(
        inputs
            .into_iter()
            .flat_map(move |input| {
                let name: std::sync::Arc<str> = std::sync::Arc::from(input.name.as_str());
                let records: crate::Records<'static> = match open_units(input, from, None, None) {
                    Ok((units, _)) => Box::new(units.flat_map(Unit::into_records)),
                    Err(diagnostic) => Box::new(std::iter::once(Record::failed(diagnostic))),
                };
                let mut index = 0usize;
                records.map(move |mut record| {
                    record.origin.input = Some(name.clone());
                    record.origin.index = index;
                    index = index.saturating_add(1);
                    record
                })
            })
            .map(move |mut record| {
                position = position.saturating_add(1);
                record.origin.position = Some(position);
                record
            }),
    )
}

/// The file extensions a directory walk reads: the formats Crosswalk knows, and landing pages.
/// Each is also taken with `.gz` after it (`part-0001.jsonl.gz`: DataCite's public data file).
pub const EXTENSIONS: &[&str] =
    &["xml", "json", "jsonl", "ndjson", "jsonld", "ris", "bib", "bibtex", "txt", "enw", "html", "htm", "cff"];

/// True when a directory walk reads the file at `path`: its name ends with one of
/// [`EXTENSIONS`], or with one of them and `.gz`, ignoring case.
///
/// ```
/// use std::path::Path;
/// use crosswalk::batch::is_catalog_file;
///
/// assert!(is_catalog_file(Path::new("parts/part-0001.jsonl.gz")));
/// assert!(is_catalog_file(Path::new("record.XML")));
/// assert!(!is_catalog_file(Path::new("MANIFEST.csv")));
/// assert!(!is_catalog_file(Path::new("archive.gz")));
/// ```
pub fn is_catalog_file(path: &Path) -> bool {
    let known = |p: &Path| p.extension().is_some_and(|e| EXTENSIONS.iter().any(|k| e.eq_ignore_ascii_case(k)));
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz")) {
        return known(Path::new(path.file_stem().unwrap_or_default()));
    }
    known(path)
}

/// The inputs a path names, for a program that is handed one path (the Python binding): a file
/// (or anything else that is not a directory) is one input; a directory gives its files,
/// recursively, in path order, those that [`is_catalog_file`] takes. Inside a directory, hidden
/// entries (a name starting with a dot), symbolic links, FIFOs, sockets and devices are left out,
/// so a walk never blocks or loops; a directory that cannot be listed is one input that fails
/// ([`Input::unreadable`]). The command line's walker keeps the same rules and adds the options
/// and counts it reports (`--follow-links`, patterns).
pub fn walk(path: &Path) -> Vec<Input> {
    if !path.is_dir() {
        return vec![Input::path(path)];
    }
    let mut files = Vec::new();
    let mut failed = Vec::new();
    walk_directory(path, &mut files, &mut failed);
    files.sort();
    failed.into_iter().chain(files.into_iter().map(Input::path)).collect()
}

fn walk_directory(dir: &Path, files: &mut Vec<PathBuf>, failed: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return failed.push(Input::unreadable(dir.display().to_string(), format!("cannot list it: {e}"))),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                failed.push(Input::unreadable(dir.display().to_string(), format!("cannot list it: {e}")));
                continue;
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // The listing's own file type: a symbolic link is a link, not what it points to.
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => walk_directory(&entry.path(), files, failed),
            Ok(kind) if kind.is_file() && is_catalog_file(&entry.path()) => files.push(entry.path()),
            Ok(_) => {}
            Err(e) => failed.push(Input::unreadable(entry.path().display().to_string(), e.to_string())),
        }
    }
}

struct Done {
    seq: u64,
    outcomes: Vec<Outcome>,
    end: Option<u64>,
}

/// A piece of work once read: its input, whether that input may hold several records, its records.
type ReadPiece = (usize, bool, Vec<Record>);

/// The next record number of `input` in a chunk whose first numbers per input are `next`.
fn take_number(next: &mut Vec<(usize, usize)>, input: usize) -> usize {
    if let Some((_, n)) = next.iter_mut().find(|(i, _)| *i == input) {
        let index = *n;
        *n = n.saturating_add(1);
        return index;
    }
    next.push((input, 1));
    0
}

/// The outcome of an input that could not be opened or recognised: one failed record.
fn failed_input(input: usize, names: &[String], diagnostic: Diagnostic) -> Outcome {
    Outcome {
        input,
        input_name: names.get(input).cloned().unwrap_or_default(),
        origin: Origin::default(),
        doi: None,
        diagnostics: vec![diagnostic],
        text: None,
        several: false,
        alone: false,
        unique: Vec::new(),
    }
}

fn process_one<P>(
    record: Record,
    input: usize,
    several: bool,
    layout: JsonLayout,
    names: &[String],
    process: &P,
) -> Outcome
where
    P: Fn(&Record, JsonLayout) -> Processed,
{
    let processed = if record.has_errors() { Processed::default() } else { process(&record, layout) };
    let mut diagnostics = record.diagnostics;
    diagnostics.extend(processed.diagnostics);
    // What reading, writing and validating say about one value is reported once.
    let mut diagnostics = crate::fold(diagnostics);
    if processed.strict {
        crate::escalate_warnings(&mut diagnostics);
    }
    // A record whose processing reported an error has no output, whatever was produced.
    let text = processed.text.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    Outcome {
        input,
        input_name: names.get(input).cloned().unwrap_or_default(),
        origin: record.origin,
        doi: record.resource.doi,
        diagnostics,
        text,
        several,
        alone: layout == JsonLayout::Pretty,
        unique: processed.unique,
    }
}

fn deliver<S: FnMut(Outcome) -> Sunk>(
    done_rx: Receiver<Done>,
    gate: &Gate,
    batch: &Batch<'_>,
    stopping: &Stopping<'_>,
    summary: &mut Summary,
    sink: &mut S,
) {
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    let mut seen = Seen::default();
    // Records arrive numbered (the workers number them through the `Ledger`; a failed input is
    // its one record, number 0): delivery only restores their order.
    for done in done_rx {
        debug_assert!(!pending.contains_key(&done.seq) && done.seq >= next, "unit {} delivered twice", done.seq);
        pending.insert(done.seq, done);
        while let Some(Done { outcomes, end, .. }) = pending.remove(&next) {
            next += 1;
            for mut outcome in outcomes {
                // A failed input's outcome from the reader has no position yet: it is the one
                // after the last (outcomes come in run order).
                let position = *outcome.origin.position.get_or_insert(summary.last_position.saturating_add(1));
                summary.last_position = position;
                if position < batch.skip_to {
                    summary.skipped += 1;
                    continue;
                }
                seen.check(&mut outcome);
                summary.read += 1;
                batch.progress.records_read.fetch_add(1, Ordering::Relaxed);
                for d in &outcome.diagnostics {
                    *summary.codes.entry(d.code.to_string()).or_default() += 1;
                }
                let converted = !outcome.failed();
                let sunk = sink(outcome);
                if converted && sunk == Sunk::Kept {
                    summary.written += 1;
                } else {
                    summary.failed += 1;
                    if batch.fail_fast {
                        stopping.failed_fast.store(true, Ordering::Relaxed);
                    }
                }
                if sunk == Sunk::Stop {
                    stopping.stop.store(true, Ordering::Relaxed);
                }
            }
            // Records the worker left out (before `skip_to`) still took their positions.
            if let Some(end) = end {
                summary.last_position = summary.last_position.max(end);
            }
        }
        gate.advance(next);
    }
    // Anything left would be a gap in the sequence: impossible by construction.
    debug_assert!(pending.is_empty(), "outcomes lost: {:?}", pending.keys().collect::<Vec<_>>());
}

/// Code: a record would repeat a value that must be unique in the run (a payload's DOI or url).
pub const DUPLICATE: &str = "batch.duplicate";

/// The unique values of the run so far, as 64-bit hashes (16 bytes a value with the table's
/// overhead: a million DOIs and urls take tens of megabytes, not the values' own size). A
/// collision of two different values is possible in theory (about one in 10^7 runs of a
/// million records) and would refuse a record wrongly, never pass a duplicate.
#[derive(Default)]
struct Seen {
    hashes: std::collections::HashSet<(&'static str, u64)>,
}

impl Seen {
    /// Fails `outcome` (an error at its line and the value's pointer) when it repeats a value
    /// of an earlier record; remembers its values otherwise.
    fn check(&mut self, outcome: &mut Outcome) {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hasher = BuildHasherDefault::<DefaultHasher>::default();
        let mut repeated = Vec::new();
        for (pointer, value) in &outcome.unique {
            if !self.hashes.insert((pointer, hasher.hash_one(value))) {
                repeated.push((*pointer, value.clone()));
            }
        }
        for (pointer, value) in repeated {
            let message = format!(
                "{} {value} is already that of an earlier record of this run; a run never gives two records the same one",
                pointer.trim_start_matches('/')
            );
            let location = Location { line: outcome.origin.line, column: None, path: Some(pointer.to_owned()) };
            outcome.diagnostics.push(Diagnostic::error(DUPLICATE, message).at(location));
            outcome.text = None;
        }
    }
}

/// Opens an input for reading: decompressed on the way when it is gzip, its format `from` or
/// detected from its head, split into units; `progress` counts the bytes read. A gzip stream
/// that decompresses to more than `expanded` bytes fails to read there.
fn open_units<'a>(
    input: Input,
    from: Option<Format>,
    progress: Option<&'a Progress>,
    expanded: Option<u64>,
) -> Result<(Units<'a>, Format), Diagnostic> {
    let name = input.name.clone();
    let reader = input.open().map_err(|e| Diagnostic::error(INPUT_UNREADABLE, format!("cannot open {name}: {e}")))?;
    let mut counting = Counting { inner: reader, progress };
    let unreadable = |e: io::Error| Diagnostic::error(INPUT_UNREADABLE, format!("cannot read {name}: {e}"));
    // A gzip stream (whatever the file is called) is read through its decompression; several
    // gzip members one after the other are one stream, as `gunzip` reads them.
    // Peek at the head for detection, then read on from where the head ends. The head is read
    // straight from the input (a chain of readers in between zeroes the buffer at every read).
    let mut head = Vec::with_capacity(PEEK.min(8192));
    (&mut counting).take(GZIP_MAGIC.len() as u64).read_to_end(&mut head).map_err(unreadable)?;
    let mut stream: Box<dyn Read + Send + 'a> = if head == GZIP_MAGIC {
        let magic = std::mem::take(&mut head);
        let decoder = flate2::read::MultiGzDecoder::new(BufReader::new(Cursor::new(magic).chain(counting)));
        match expanded {
            Some(left) => Box::new(Expansion { inner: decoder, left, limit: left }),
            None => Box::new(decoder),
        }
    } else {
        Box::new(counting)
    };
    let peeked = head.len();
    (&mut stream).take((PEEK - peeked) as u64).read_to_end(&mut head).map_err(unreadable)?;
    let format = match from {
        Some(format) => format,
        None => detect(&head).map_err(|e| Diagnostic::error(INPUT_FORMAT, format!("{name}: {e}")))?.format,
    };
    // An input shorter than the peek (one record's file, most often) is all in the head: read
    // from it, without a buffer of its own (zeroed for every file by the reads through `dyn Read`).
    let reader: Box<dyn BufRead + Send + 'a> = if head.len() < PEEK {
        Box::new(Cursor::new(head))
    } else {
        Box::new(BufReader::with_capacity(64 * 1024, Cursor::new(head).chain(stream)))
    };
    units(reader, format).map(|stream| (stream, format)).map_err(|e| {
        Diagnostic::error(INPUT_FORMAT, format!("{name}: {e}; name the format with --from if it is not {format}"))
    })
}

/// True when a file's name says it is gzip (`*.gz`): it is streamed, whatever its size.
fn named_gzip(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, extension)| extension.eq_ignore_ascii_case("gz"))
}

/// A decompressed stream that fails once it has given `limit` bytes (see [`SMALL_FILE_EXPANDED`]).
struct Expansion<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R: Read> Read for Expansion<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            io::Error::other(format!(
                "it decompresses to more than {} MB, more than a small file is read whole; name it *.gz to have it streamed",
                self.limit >> 20
            ))
        })?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_input(name: &str, n: usize) -> Input {
        let items: Vec<String> = (0..n).map(|i| format!("{{\"doi\": \"10.5072/{name}-{i}\"}}")).collect();
        Input::bytes(name, format!("[{}]", items.join(",")).into_bytes())
    }

    fn run_collect(inputs: Vec<Input>, jobs: usize, fail_on: Option<&str>) -> (Summary, Vec<Outcome>) {
        let cancel = AtomicBool::new(false);
        let progress = Progress::default();
        let batch = Batch { from: None, jobs, cancel: &cancel, fail_fast: false, progress: &progress, skip_to: 0 };
        let mut outcomes = Vec::new();
        let summary = run(
            &batch,
            inputs,
            |record, _| {
                let doi = record.resource.doi.clone().unwrap_or_default();
                if fail_on.is_some_and(|f| doi.ends_with(f)) {
                    Processed::failed(vec![Diagnostic::error("test.fail", "failed on purpose")])
                } else {
                    Processed::output(doi, Vec::new())
                }
            },
            |o| {
                outcomes.push(o);
                Sunk::Kept
            },
        );
        (summary, outcomes)
    }

    #[test]
    fn gzip_is_named_by_its_extension() {
        assert!(named_gzip("parts/part-0001.jsonl.gz"));
        assert!(named_gzip("RECORDS.XML.GZ"));
        assert!(!named_gzip("records.jsonl"));
        assert!(!named_gzip("gz"));
        assert!(!named_gzip("records.tgz"));
    }

    /// A small gzip file (a megabyte or less on disk) may hold far more: named `*.gz` it is
    /// streamed, every record read; named otherwise a worker reads it whole, and refuses it once
    /// it has decompressed more than [`SMALL_FILE_EXPANDED`] bytes.
    #[test]
    fn a_small_gzip_file_that_expands_is_streamed_or_refused_never_held() {
        use std::io::Write as _;
        let dir = std::env::temp_dir().join(format!("crosswalk-expansion-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(b"{\"doi\": \"10.5072/first\"}\n").unwrap();
        // Blank lines between the records: the text expands past the limit, the records do not.
        let blank = vec![b'\n'; 1 << 20];
        for _ in 0..=SMALL_FILE_EXPANDED >> 20 {
            encoder.write_all(&blank).unwrap();
        }
        encoder.write_all(b"{\"doi\": \"10.5072/last\"}\n").unwrap();
        let gzip = encoder.finish().unwrap();
        assert!(gzip.len() as u64 <= SMALL_FILE, "{} bytes", gzip.len());
        for (name, streamed) in [("records.jsonl.gz", true), ("records.jsonl", false)] {
            let path = dir.join(name);
            std::fs::write(&path, &gzip).unwrap();
            let (summary, outcomes) = run_collect(vec![Input::path(&path)], 2, None);
            let dois: Vec<&str> = outcomes.iter().filter_map(|o| o.text.as_deref()).collect();
            if streamed {
                assert_eq!(dois, ["10.5072/first", "10.5072/last"], "{name}");
                assert_eq!(summary.failed, 0, "{name}");
            } else {
                assert_eq!(dois, ["10.5072/first"], "{name}");
                assert_eq!(summary.failed, 1, "{name}");
                let message = &outcomes[1].diagnostics[0].message;
                assert!(message.contains("name it *.gz"), "{message}");
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn every_record_is_accounted_in_order_with_one_or_many_jobs() {
        for jobs in [1, 2, 7] {
            let inputs = vec![
                json_input("a", 500),
                Input { name: "missing".into(), source: Source::Path("/nonexistent/x.json".into()), size: Some(10) },
                Input::bytes("words", b"not a format".to_vec()),
                json_input("b", 300),
            ];
            let (summary, outcomes) = run_collect(inputs, jobs, Some("7"));
            assert_eq!(summary.read, 802);
            assert_eq!(summary.read, summary.written + summary.failed);
            assert_eq!(outcomes.len(), 802);
            let failed_on_purpose = (0..500).filter(|i| i % 10 == 7).count() + (0..300).filter(|i| i % 10 == 7).count();
            assert_eq!(summary.failed as usize, failed_on_purpose + 2);
            // In input order: all of a, the two failed inputs, then all of b.
            let names: Vec<&str> = outcomes.iter().map(|o| o.input_name.as_str()).collect();
            assert_eq!(names[499], "a");
            assert_eq!(names[500], "missing");
            assert_eq!(names[501], "words");
            assert_eq!(names[502], "b");
            let a_indexes: Vec<usize> = outcomes[..500].iter().map(|o| o.origin.index).collect();
            assert_eq!(a_indexes, (0..500).collect::<Vec<_>>());
            assert_eq!(outcomes[500].diagnostics[0].code, INPUT_UNREADABLE);
            assert_eq!(outcomes[501].diagnostics[0].code, INPUT_FORMAT);
        }
    }

    #[test]
    fn records_are_numbered_in_order_when_an_item_gives_several() {
        // JSON Lines of JSON:API list responses (several records per line), a nested list in
        // a list (one failed record), and an empty list (one failed record).
        let page = |a: usize| {
            format!(
                "{{\"data\": [{{\"attributes\": {{\"doi\": \"10.5072/{a}\"}}}}, {{\"attributes\": {{\"doi\": \"10.5072/{}\"}}}}]}}\n",
                a + 1
            )
        };
        let pages: String = (0..200).map(|i| page(2 * i)).collect();
        for jobs in [1, 3] {
            let inputs = vec![
                Input::bytes("pages", pages.clone().into_bytes()),
                Input::bytes(
                    "nested",
                    br#"[{"doi": "10.5072/x"}, [{"doi": "10.5072/y"}], {"doi": "10.5072/z"}]"#.to_vec(),
                ),
                Input::bytes("empty", b"[]".to_vec()),
            ];
            let cancel = AtomicBool::new(false);
            let progress = Progress::default();
            let batch = Batch {
                skip_to: 0,
                from: Some(Format::DataciteJson),
                jobs,
                cancel: &cancel,
                fail_fast: false,
                progress: &progress,
            };
            let mut outcomes = Vec::new();
            let summary = run(
                &batch,
                inputs,
                // What `process` sees is the number the record keeps (a payload's `{index}`).
                |record, _| Processed {
                    text: record.resource.doi.as_ref().map(|doi| format!("{doi} #{}", record.origin.index)),
                    ..Processed::default()
                },
                |o| {
                    outcomes.push(o);
                    Sunk::Kept
                },
            );
            assert_eq!((summary.read, summary.failed), (404, 2));
            let numbers = |name: &str| -> Vec<usize> {
                outcomes.iter().filter(|o| o.input_name == name).map(|o| o.origin.index).collect()
            };
            assert_eq!(numbers("pages"), (0..400).collect::<Vec<_>>());
            assert_eq!(numbers("nested"), [0, 1, 2]);
            assert_eq!(numbers("empty"), [0]);
            let texts: Vec<&str> = outcomes.iter().take(400).filter_map(|o| o.text.as_deref()).collect();
            assert_eq!(texts, (0..400).map(|i| format!("10.5072/{i} #{i}")).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_single_record_gets_the_pretty_layout() {
        let cancel = AtomicBool::new(false);
        let progress = Progress::default();
        let batch = Batch { from: None, jobs: 2, cancel: &cancel, fail_fast: false, progress: &progress, skip_to: 0 };
        let mut layouts = Vec::new();
        run(
            &batch,
            vec![json_input("one", 1)],
            |_, layout| Processed::output(format!("{layout:?}"), Vec::new()),
            |o| {
                layouts.push(o.text.unwrap());
                Sunk::Kept
            },
        );
        assert_eq!(layouts, ["Pretty"]);
    }

    #[test]
    fn fail_fast_stops_reading_but_accounts_what_was_read() {
        let cancel = AtomicBool::new(false);
        let progress = Progress::default();
        let batch = Batch { from: None, jobs: 2, cancel: &cancel, fail_fast: true, progress: &progress, skip_to: 0 };
        let mut count = 0u64;
        let summary = run(
            &batch,
            vec![json_input("x", 100_000)],
            |record, _| {
                Processed::failed(vec![Diagnostic::error("test.fail", record.resource.doi.clone().unwrap_or_default())])
            },
            |_| {
                count += 1;
                Sunk::Kept
            },
        );
        assert!(summary.cancelled);
        assert!(summary.read < 100_000, "reading went on: {}", summary.read);
        assert_eq!(summary.read, count);
        assert_eq!(summary.read, summary.written + summary.failed);
    }
}
