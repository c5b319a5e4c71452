//! Where converted documents go, as they arrive: standard output, one file, or a directory of
//! files (one per record, named by DOI or key).
//!
//! An output is complete or clearly not. A file is written as `NAME.partial` beside `NAME` and
//! renamed into place only when the run has read all its input and every write succeeded; a
//! run that stops early (Ctrl-C, a full disk) keeps `NAME.partial` and leaves `NAME` as it was.
//! In a directory each document is written to a temporary file and linked into place, so no
//! file is ever half-written, an existing file is never replaced without `--force`, and a link
//! planted in the directory is never written through. The temporary files are put on disk
//! together, a batch at a time (one `syncfs` for up to [`PLACE_FILES`] files, where a sync per
//! file cost most of a run's time on a disk), before any of them is linked into place: a file
//! under its own name is on disk, even after a power cut. Documents are buffered and handed to
//! the operating system in blocks (a file, standard output) or batches (a directory); the
//! records of a block or batch that cannot be written are known by name, so that the report
//! says exactly which records reached the output.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use crosswalk::batch::Outcome;
use crosswalk::{Assembler, Diagnostic, Format, Framing};

/// Bytes of documents buffered before they are handed to the operating system.
const BLOCK: usize = 64 * 1024;

/// The most files of a directory output written and not yet linked into place: they are put
/// on disk with one sync, then linked. A kill leaves at most this many temporary files
/// (`.NAME.PID.tmp`), and none of their records under its own name.
pub const PLACE_FILES: usize = 256;

/// The most bytes of such files.
const PLACE_BYTES: usize = 16 * 1024 * 1024;

/// A document written to its temporary file in a directory, not yet on disk for sure nor
/// under its own name.
struct Unplaced {
    temp: PathBuf,
    target: PathBuf,
    identity: Identity,
}

/// The longest file name written, in bytes (file systems allow 255; the rest is for `-2`
/// suffixes, the extension and the temporary file's prefix).
const MAX_NAME: usize = 160;

/// Where documents are written.
pub enum Destination {
    /// Standard output.
    Stdout,
    /// One file.
    File(PathBuf),
    /// A directory: one file per document.
    Directory(PathBuf),
}

impl Destination {
    /// The destination `-o PATH` names: a directory when the path is one or ends with `/`.
    pub fn from_option(output: Option<&Path>) -> Destination {
        match output {
            None => Destination::Stdout,
            Some(path) if path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/') => {
                Destination::Directory(path.to_path_buf())
            }
            Some(path) => Destination::File(path.to_path_buf()),
        }
    }

    /// True when each document gets its own file.
    pub fn one_file_each(&self) -> bool {
        matches!(self, Destination::Directory(_))
    }

    /// The file this destination writes, if it is one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Destination::File(path) => Some(path),
            _ => None,
        }
    }
}

/// A record, as the report names it.
#[derive(Clone, Debug)]
pub struct Identity {
    /// The input's name.
    pub input: String,
    /// 1-based number in its input.
    pub record: usize,
    /// Its key or DOI.
    pub key: Option<String>,
    /// Its position in the run.
    pub position: Option<u64>,
}

impl Identity {
    fn of(outcome: &Outcome) -> Self {
        Identity {
            input: outcome.input_name.clone(),
            record: outcome.origin.index + 1,
            key: outcome.origin.key.clone().or_else(|| outcome.doi.clone()),
            position: outcome.origin.position,
        }
    }
}

/// A document that could not be written.
#[derive(Debug)]
pub enum Failure {
    /// This record's document could not be written (its file exists, a link stands in its
    /// place); the others can be.
    Record(String),
    /// Nothing more can be written (a full disk, an I/O error, a closed pipe): the run stops.
    /// `lost` are the records before this one that were counted as written but did not reach
    /// the output.
    Run { message: String, lost: Vec<Identity>, broken_pipe: bool },
}

/// Writes documents as they arrive.
pub struct Sink {
    destination: Destination,
    format: Format,
    force: bool,
    /// The open stream of a file or standard output (a file: its `.partial`).
    stream: Option<Box<dyn Write>>,
    /// Documents not yet handed to the stream, and whose they are.
    buffer: Vec<u8>,
    pending: Vec<Identity>,
    /// Bytes that reached the stream (to cut a half-written block off a partial file).
    committed: u64,
    /// A single-record format's document, held until we know it is the only one.
    held: Option<String>,
    /// How several documents are put together.
    framing: Framing,
    /// Fixes what depends on the documents' order (unique BibTeX keys).
    assembler: Assembler,
    /// A Crossref deposit of several works, once open: the kind of work its body holds and the
    /// text that closes it.
    deposit: Option<(String, String)>,
    written: usize,
    /// Names given in a directory, lowercase (DOIs ignore case, and so do some file systems).
    used_names: HashSet<String>,
    /// The extension of files written in a directory.
    extension: &'static str,
    /// The directory's documents written to temporary files and counted as written, waiting
    /// to be synced and linked into place together.
    unplaced: Vec<Unplaced>,
    unplaced_bytes: usize,
}

impl Sink {
    /// A sink writing `format` documents to `destination`; `force` lets it replace files in a
    /// directory.
    pub fn new(destination: Destination, format: Format, force: bool) -> Result<Sink, String> {
        let stream: Option<Box<dyn Write>> = match &destination {
            Destination::Stdout => Some(Box::new(std::io::stdout())),
            Destination::File(path) if is_special(path) => Some(Box::new(
                OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| format!("cannot open {}: {e}", path.display()))?,
            )),
            Destination::File(path) => Some(Box::new(create_partial(path)?)),
            Destination::Directory(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("cannot create directory {}: {e}", dir.display()))?;
                None
            }
        };
        let framing = format.framing();
        Ok(Sink {
            destination,
            format,
            force,
            stream,
            buffer: Vec::with_capacity(BLOCK),
            pending: Vec::new(),
            committed: 0,
            held: None,
            framing,
            assembler: Assembler::new(),
            deposit: None,
            written: 0,
            used_names: HashSet::new(),
            extension: format.extension(),
            unplaced: Vec::new(),
            unplaced_bytes: 0,
        })
    }

    /// The same sink, naming files in a directory with `extension` instead of the format's own
    /// (citations written as HTML are `.html`).
    pub fn with_extension(mut self, extension: &'static str) -> Sink {
        self.extension = extension;
        self
    }

    /// Writes one document of `outcome` (which has one); a note when assembling changed it or
    /// the file got another name than its own.
    pub fn push(&mut self, outcome: &Outcome, text: &str) -> Result<Option<Diagnostic>, Failure> {
        let (text, note) = self.assembler.add(self.format, text.to_owned());
        if let Destination::Directory(dir) = &self.destination {
            let dir = dir.clone();
            if self.unplaced.len() >= PLACE_FILES || self.unplaced_bytes >= PLACE_BYTES {
                // A failure here is of earlier records (in `lost`); this one is not written.
                self.place()?;
            }
            let (name, renamed) = self.file_name(outcome);
            let mut content = String::with_capacity(text.len() + 1);
            content.push_str(&text);
            content.push('\n');
            let (temp, target) = match write_temporary_file(&dir, &name, content.as_bytes(), self.force) {
                Ok(written) => written,
                Err(Failure::Run { message, .. }) => {
                    // The run stops: the documents before this one still go into place, and
                    // those that cannot are lost with it.
                    let lost = match self.place() {
                        Err(Failure::Run { lost, .. }) => lost,
                        _ => Vec::new(),
                    };
                    return Err(Failure::Run { message, lost, broken_pipe: false });
                }
                Err(failure) => return Err(failure),
            };
            self.unplaced_bytes += content.len();
            self.unplaced.push(Unplaced { temp, target, identity: Identity::of(outcome) });
            self.written += 1;
            return Ok(note.or(renamed));
        }
        self.written += 1;
        match self.framing {
            Framing::Single => {
                // XML has no multi-record form: the run refuses a second record before it
                // comes here (see `main::run`).
                self.held = Some(text);
            }
            Framing::JsonArray => {
                self.buffer.extend_from_slice(if self.written == 1 { b"[\n" } else { b",\n" });
                self.buffer.extend_from_slice(text.as_bytes());
            }
            Framing::JsonLines | Framing::Concatenated => {
                self.buffer.extend_from_slice(text.as_bytes());
                self.buffer.push(b'\n');
            }
            Framing::Deposit => {
                // One record is its deposit alone; from the second on, every work joins the
                // first deposit's body (its head, then the works in order), which holds one
                // kind of work: another kind is refused, never written invalid.
                if self.written == 1 {
                    self.held = Some(text);
                } else {
                    let refuse = |sink: &mut Sink, message: String| {
                        sink.written -= 1;
                        Err(Failure::Record(message))
                    };
                    let Some((_, work, _)) = crosswalk::crossref::split(&text) else {
                        return refuse(
                            self,
                            "the Crossref deposit written for this record could not be joined to the others".into(),
                        );
                    };
                    if let Some(first) = self.held.take() {
                        if let Some((open, first_work, close)) = crosswalk::crossref::split(&first) {
                            let kind = crosswalk::crossref::body_kind(first_work).unwrap_or("").to_owned();
                            self.buffer.extend_from_slice(open.as_bytes());
                            self.buffer.extend_from_slice(first_work.as_bytes());
                            self.deposit = Some((kind, close.to_owned()));
                        }
                    }
                    let kind = crosswalk::crossref::body_kind(work).unwrap_or("");
                    match &self.deposit {
                        Some((first_kind, _)) if first_kind == kind => {
                            self.buffer.extend_from_slice(work.as_bytes());
                        }
                        Some((first_kind, _)) => {
                            let message = format!(
                                "a Crossref deposit's body holds one kind of work: this record is a {kind}, the deposit's first a {first_kind}; deposit it on its own (-o DIR/ writes one deposit per record)"
                            );
                            return refuse(self, message);
                        }
                        None => {
                            return refuse(self, "the first Crossref deposit could not be opened for joining".into())
                        }
                    }
                }
            }
            Framing::ObjectOrArray => {
                // One record is its object alone; from the second on, every record is an item
                // of one array (the first, held until now, too).
                if self.written == 1 {
                    self.held = Some(text);
                } else {
                    if let Some(first) = self.held.take() {
                        self.buffer.extend_from_slice(b"[\n");
                        self.buffer.extend_from_slice(first.as_bytes());
                    }
                    self.buffer.extend_from_slice(b",\n");
                    self.buffer.extend_from_slice(text.as_bytes());
                }
            }
            Framing::RefList => {
                // One record is its citation alone; from the second on, every citation is a
                // `ref` of one `ref-list` (the first, held until now, too).
                if self.written == 1 {
                    self.held = Some(text);
                } else {
                    if let Some(first) = self.held.take() {
                        self.buffer.extend_from_slice(b"<ref-list>\n");
                        self.buffer.extend_from_slice(reference(1, &first).as_bytes());
                    }
                    self.buffer.extend_from_slice(reference(self.written, &text).as_bytes());
                }
            }
        }
        // Buffered: it reaches the output with its block, or is named as lost.
        self.pending.push(Identity::of(outcome));
        if self.buffer.len() >= BLOCK {
            if let Err(mut failure) = self.write_block() {
                // This record's own failure is the caller's to count.
                if let Failure::Run { lost, .. } = &mut failure {
                    lost.pop();
                }
                return Err(failure);
            }
        }
        Ok(note)
    }

    /// Puts the directory's documents written so far on disk (one sync for all of them) and
    /// links each into place. A record whose file cannot be placed (the sync failed; another
    /// process took its name meanwhile) is in the failure's `lost`.
    fn place(&mut self) -> Result<(), Failure> {
        if self.unplaced.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.unplaced);
        self.unplaced_bytes = 0;
        let Destination::Directory(dir) = &self.destination else { return Ok(()) };
        if let Err(e) = sync_files(dir, batch.iter().map(|u| u.temp.as_path())) {
            // None of the batch is known to be on disk: none of it goes into place.
            for unplaced in &batch {
                let _ = std::fs::remove_file(&unplaced.temp);
            }
            return Err(Failure::Run {
                message: format!("cannot write to {}: {e}", dir.display()),
                lost: batch.into_iter().map(|u| u.identity).collect(),
                broken_pipe: false,
            });
        }
        let mut lost = Vec::new();
        let mut first_problem = None;
        for unplaced in batch {
            let placed = if self.force {
                std::fs::rename(&unplaced.temp, &unplaced.target)
            } else {
                std::fs::hard_link(&unplaced.temp, &unplaced.target)
            };
            let _ = std::fs::remove_file(&unplaced.temp);
            if let Err(e) = placed {
                first_problem.get_or_insert_with(|| match e.kind() {
                    ErrorKind::AlreadyExists => format!(
                        "{} was created by someone else during this run; it was left as it is (--force replaces it)",
                        unplaced.target.display()
                    ),
                    _ => format!("cannot write {}: {e}", unplaced.target.display()),
                });
                lost.push(unplaced.identity);
            }
        }
        // The names, on disk too (best effort: the documents are, and a rerun finds any name
        // that is not).
        if let Ok(directory) = File::open(dir) {
            let _ = directory.sync_all();
        }
        match first_problem {
            None => Ok(()),
            Some(message) => Err(Failure::Run { message, lost, broken_pipe: false }),
        }
    }

    /// Hands the buffered documents to the stream.
    fn write_block(&mut self) -> Result<(), Failure> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let name = self.name();
        let Some(stream) = self.stream.as_mut() else { return Ok(()) };
        match stream.write_all(&self.buffer) {
            Ok(()) => {
                self.committed += self.buffer.len() as u64;
                self.buffer.clear();
                self.pending.clear();
                Ok(())
            }
            Err(e) => {
                self.buffer.clear();
                // A half-written block is cut off, so a partial file ends with a whole record.
                if let Some(path) = self.destination.file().filter(|p| !is_special(p)) {
                    if let Ok(file) = OpenOptions::new().write(true).open(partial_path(path)) {
                        let _ = file.set_len(self.committed);
                    }
                }
                Err(Failure::Run {
                    message: format!("cannot write to {name}: {e}"),
                    lost: std::mem::take(&mut self.pending),
                    broken_pipe: e.kind() == ErrorKind::BrokenPipe,
                })
            }
        }
    }

    /// Completes the output of a run that read all its input: writes what is held, flushes,
    /// and renames a file's `.partial` into place.
    pub fn finish(mut self) -> Result<(), Failure> {
        if let Some(text) = self.held.take() {
            self.buffer.extend_from_slice(text.as_bytes());
            self.buffer.push(b'\n');
        }
        if self.framing == Framing::JsonArray && !self.destination.one_file_each() {
            self.buffer.extend_from_slice(if self.written == 0 { b"[]\n" } else { b"\n]\n" });
        }
        if let Some((_, close)) = self.deposit.take() {
            self.buffer.extend_from_slice(close.as_bytes());
            self.buffer.push(b'\n');
        }
        if self.framing == Framing::ObjectOrArray && self.written > 1 && !self.destination.one_file_each() {
            self.buffer.extend_from_slice(b"\n]\n");
        }
        if self.framing == Framing::RefList && self.written > 1 && !self.destination.one_file_each() {
            self.buffer.extend_from_slice(b"</ref-list>\n");
        }
        self.write_block()?;
        self.place()?;
        let name = self.name();
        let run_failure = |e: std::io::Error| Failure::Run {
            message: format!("cannot write to {name}: {e}"),
            lost: Vec::new(),
            broken_pipe: e.kind() == ErrorKind::BrokenPipe,
        };
        if let Some(stream) = self.stream.as_mut() {
            stream.flush().map_err(run_failure)?;
        }
        if let Some(path) = self.destination.file().filter(|p| !is_special(p)) {
            self.stream = None;
            let partial = partial_path(path);
            File::open(&partial).and_then(|f| f.sync_all()).map_err(run_failure)?;
            std::fs::rename(&partial, path).map_err(run_failure)?;
        }
        Ok(())
    }

    /// Ends the output of a run that stopped before the end of its input: what was written
    /// stays in `NAME.partial` (the records counted as written, whole), and `NAME` is left as
    /// it was; in a directory, the documents counted as written go into place. Returns a
    /// sentence saying so, for a file, and the records counted as written that did not reach
    /// the output.
    pub fn abandon(mut self) -> (Option<String>, Result<(), Failure>) {
        let written = self.write_block().and_then(|()| self.place());
        if let Some(stream) = self.stream.as_mut() {
            let _ = stream.flush();
        }
        let note = match &self.destination {
            Destination::File(path) if !is_special(path) => Some(format!(
                "the run stopped early: what was written is in {} and {} was left as it was",
                partial_path(path).display(),
                path.display()
            )),
            _ => None,
        };
        (note, written)
    }

    /// Removes what a run refused before writing anything (its `.partial`).
    pub fn discard(mut self) {
        self.stream = None;
        for unplaced in std::mem::take(&mut self.unplaced) {
            let _ = std::fs::remove_file(unplaced.temp);
        }
        if let Some(path) = self.destination.file().filter(|p| !is_special(p)) {
            let _ = std::fs::remove_file(partial_path(path));
        }
    }

    fn name(&self) -> String {
        match &self.destination {
            Destination::Stdout => "standard output".into(),
            Destination::File(path) if is_special(path) => path.display().to_string(),
            Destination::File(path) => partial_path(path).display().to_string(),
            Destination::Directory(path) => path.display().to_string(),
        }
    }

    /// A unique, portable file name for a record (see [`file_stem`]), and a note when it is not
    /// the record's own (another record took that name).
    fn file_name(&mut self, outcome: &Outcome) -> (String, Option<Diagnostic>) {
        let base = match (&outcome.doi, &outcome.origin.key) {
            (Some(doi), _) => file_stem(doi),
            (None, Some(key)) => file_stem(key),
            (None, None) => file_stem(&format!("{}-{}", stem(&outcome.input_name), outcome.origin.index + 1)),
        };
        let extension = self.extension;
        let mut name = format!("{base}.{extension}");
        let mut n = 2;
        while !self.used_names.insert(name.to_lowercase()) {
            name = format!("{base}-{n}.{extension}");
            n += 1;
        }
        let renamed = (n > 2).then(|| {
            Diagnostic::warning(
                OUTPUT_RENAMED,
                format!("another record of this run is written as {base}.{extension}; this one is {name}"),
            )
        });
        (name, renamed)
    }
}

/// Code: a record's output file got another name than its own.
pub const OUTPUT_RENAMED: &str = "output.renamed";

/// True for an output that is a device or a pipe (`/dev/null`, a FIFO): written directly, since
/// it cannot be replaced by a file.
fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// `NAME.partial` beside `NAME`.
pub fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

/// Creates `NAME.partial` for writing: a stale one (a killed run's) is replaced, and a link in
/// its place is removed, never followed.
fn create_partial(path: &Path) -> Result<File, String> {
    let partial = partial_path(path);
    if partial.symlink_metadata().is_ok() {
        std::fs::remove_file(&partial).map_err(|e| format!("cannot replace {}: {e}", partial.display()))?;
    }
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&partial)
        .map_err(|e| format!("cannot create {}: {e}", partial.display()))
}

/// Writes `content` to a temporary file for `dir/name` (created new: never through a link),
/// without syncing it; returns it and the target. [`Sink::place`] links it into place, which
/// fails when the name exists, so nothing is replaced without `force` (then renamed over it; a
/// link is replaced, never followed). A target that exists now is this record's failure.
fn write_temporary_file(dir: &Path, name: &str, content: &[u8], force: bool) -> Result<(PathBuf, PathBuf), Failure> {
    let target = dir.join(name);
    let run = |what: String, e: std::io::Error| -> Failure {
        let message = format!("{what}: {e}");
        if is_per_file(&e) {
            Failure::Record(message)
        } else {
            Failure::Run { message, lost: Vec::new(), broken_pipe: false }
        }
    };
    if let Ok(meta) = target.symlink_metadata() {
        if meta.file_type().is_symlink() {
            return Err(Failure::Record(format!(
                "{} is a symbolic link; Crosswalk never writes through links (remove it)",
                target.display()
            )));
        }
        if !force {
            return Err(Failure::Record(format!("{} exists; --force replaces it", target.display())));
        }
    }
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .map_err(|e| run(format!("cannot create {}", temp.display()), e))?;
    let written = file.write_all(content);
    drop(file);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(run(format!("cannot write {}", target.display()), e));
    }
    Ok((temp, target))
}

/// Puts the data of `files` (in `dir`) on disk: on Linux with one `syncfs` of the file system
/// that holds `dir` (one journal commit for the whole batch, where a sync per file was one
/// each); elsewhere file by file.
fn sync_files<'a>(dir: &Path, files: impl Iterator<Item = &'a Path>) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let _ = files;
        let directory = File::open(dir)?;
        sync_file_system(&directory)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        for file in files {
            File::open(file)?.sync_data()?;
        }
        Ok(())
    }
}

/// `syncfs(2)` on the file system that holds `file`.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn sync_file_system(file: &File) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: the descriptor is open (borrowed from `file` for the call); syncfs reads nothing
    // else of ours.
    if unsafe { libc::syncfs(file.as_raw_fd()) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Errors that concern one file, not the output as a whole.
fn is_per_file(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::AlreadyExists | ErrorKind::IsADirectory | ErrorKind::InvalidFilename)
}

/// Windows' reserved device names, refused as file names there whatever the extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A DOI or key as a file name that every common file system takes: lowercase (DOIs ignore
/// case, so `10.5072/ABC` and `10.5072/abc` are one record, one file); letters, digits, `.`,
/// `-` and `_` kept, anything else `_` (`10.5072/abc` → `10.5072_abc`; so no control character
/// and no control of bidirectional text, which the reader reported, ever names a file); no leading dot (no
/// hidden files); a Windows device name (`con`, `nul`, …) gets a `_`; at most 160 bytes, a
/// longer one cut and given a hash of the whole, so that names stay distinct.
///
/// ```ignore
/// assert_eq!(file_stem("10.5072/ABC"), "10.5072_abc");
/// ```
pub fn file_stem(name: &str) -> String {
    let mut stem: String = name
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .collect();
    if stem.starts_with('.') || stem.is_empty() {
        stem.insert(0, '_');
    }
    let device = stem.split('.').next().unwrap_or_default();
    if RESERVED.contains(&device) {
        stem.insert(device.len(), '_');
    }
    if stem.len() > MAX_NAME {
        let hash =
            name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        let mut cut = MAX_NAME - 17;
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        stem.truncate(cut);
        stem.push_str(&format!("-{hash:016x}"));
    }
    stem
}

/// The file stem of an input name.
fn stem(name: &str) -> String {
    Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "record".into())
}

/// A JATS citation as the `n`th `ref` of a `ref-list` (ids `r1`, `r2` …, unique in the list).
fn reference(n: usize, citation: &str) -> String {
    format!("  <ref id=\"r{n}\">{citation}</ref>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_portable_and_unique_ignoring_case() {
        assert_eq!(file_stem("10.5072/ABC"), "10.5072_abc");
        assert_eq!(file_stem(".hidden"), "_.hidden");
        assert_eq!(file_stem("CON"), "con_");
        assert_eq!(file_stem("nul.x"), "nul_.x");
        assert_eq!(file_stem("console"), "console");
        assert_eq!(file_stem(""), "_");
        let long = format!("10.5072/{}", "x".repeat(400));
        let cut = file_stem(&long);
        assert!(cut.len() <= MAX_NAME, "{}", cut.len());
        assert_ne!(cut, file_stem(&format!("{long}y")));
        let wide = format!("10.5072/{}", "é".repeat(200));
        assert!(file_stem(&wide).len() <= MAX_NAME);
        // Controls of bidirectional text (which could make a name that ends in `txt.exe` with U+202E before it show as `exe.txt`) and other
        // control characters are never part of a name.
        assert_eq!(file_stem("10.5072/\u{202E}txt.exe"), "10.5072__txt.exe");
        assert_eq!(file_stem("key\u{0}\u{1b}\u{2066}\u{200F}x"), "key____x");
    }
}
