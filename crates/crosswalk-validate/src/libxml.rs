//! The libxml2 boundary: our own `extern "C"` declarations of the functions we call, and safe
//! wrappers around them. This is the only module with `unsafe` code.
//!
//! What it guarantees to the rest of the crate:
//!
//! - **No I/O we did not ask for.** Once per process we register input callbacks for the private
//!   URI scheme [`EMBEDDED_SCHEME`], which serve the schema files compiled into the binary, and
//!   install an external entity loader. During our calls the loader obeys a per-thread policy:
//!   instance documents may load nothing (no DTD, no entity, no file, no URL), the embedded
//!   schema may load only embedded files, a user's schema may load local files but never a
//!   network URL. Outside our calls it hands requests to the loader that was there before, so
//!   other users of libxml2 in the same process keep their behaviour.
//! - **No printing.** During our calls libxml2's structured error handler of the calling thread
//!   is ours (restored afterwards); every message is collected as a [`RawMessage`].
//! - **Safe parsing.** Instance documents are parsed with `XML_PARSE_NONET` only: no entity
//!   substitution, no DTD loading, no recovery, no `HUGE` (so libxml2's own limits hold: element
//!   depth 256, entity amplification checks).
//!
//! The declarations follow libxml2 2.9's ABI, which later versions keep for these functions and
//! for the leading fields of `xmlError`, `xmlNode` and `xmlNs` read here.

use std::cell::{Cell, RefCell};
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::path::Path;
use std::ptr::{self, NonNull};
use std::sync::{Once, OnceLock};

use crate::embedded;
use crate::paths;

/// The URI scheme of the embedded schema files: `crosswalk-embedded:///metadata.xsd`.
pub(crate) const EMBEDDED_SCHEME: &str = "crosswalk-embedded:///";

/// `XML_PARSE_NONET`: refuse network access. Nothing else: no `NOENT`, `DTDLOAD`, `RECOVER`,
/// `HUGE`.
const PARSE_OPTIONS: c_int = 1 << 11;

/// Collected messages per operation, at most; the rest are counted in one last message.
const MESSAGE_LIMIT: usize = 500;

/// `xmlErrorDomain` values used here.
pub(crate) mod domain {
    /// The XML parser.
    pub const PARSER: i32 = 1;
    /// The namespace module (part of parsing).
    pub const NAMESPACE: i32 = 3;
    /// The W3C XML Schemas parser.
    pub const SCHEMAS_PARSER: i32 = 16;
    /// The W3C XML Schemas validator.
    pub const SCHEMAS_VALIDATOR: i32 = 17;
    /// Not libxml2's: a message of this crate about the libxml2 run (a refused load, a limit).
    pub const CROSSWALK: i32 = -1;
}

/// How serious libxml2 said a message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    /// `XML_ERR_WARNING`.
    Warning,
    /// `XML_ERR_ERROR` or `XML_ERR_FATAL`.
    Error,
}

/// The node a validity message is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NodeInfo {
    /// The element path (`/resource/creators/creator[2]/creatorName`), with `/@name` for an
    /// attribute.
    pub path: String,
    /// The element's name as written (with its prefix, if any).
    pub element: String,
    /// The attribute's name as written, when the message is about an attribute.
    pub attribute: Option<String>,
}

/// One message of libxml2 (or of this module about a libxml2 run).
#[derive(Clone, Debug)]
pub(crate) struct RawMessage {
    /// libxml2's `xmlErrorDomain`, or [`domain::CROSSWALK`].
    pub domain: i32,
    /// libxml2's error code (an `xmlParserErrors` value).
    pub code: i32,
    /// Warning or error.
    pub level: Level,
    /// The text, as libxml2 wrote it.
    pub message: String,
    /// The 1-based line, when known.
    pub line: Option<u32>,
    /// The 1-based column; libxml2 gives it for parse errors only.
    pub column: Option<u32>,
    /// The node, for validity messages.
    pub node: Option<NodeInfo>,
}

/// What one validation found.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// Every message, in libxml2's order.
    pub messages: Vec<RawMessage>,
    /// True when the document parsed.
    pub well_formed: bool,
    /// True when it parsed and the validator accepted it.
    pub valid: bool,
    /// True when the document has a DOCTYPE declaration.
    pub has_doctype: bool,
}

// ---- the C side -------------------------------------------------------------------------------

#[repr(C)]
#[allow(dead_code)] // every field is declared for the layout
struct XmlError {
    domain: c_int,
    code: c_int,
    message: *const c_char,
    level: c_int,
    file: *const c_char,
    line: c_int,
    str1: *const c_char,
    str2: *const c_char,
    str3: *const c_char,
    int1: c_int,
    int2: c_int,
    ctxt: *mut c_void,
    node: *mut c_void,
}

/// The leading fields of `xmlNode`, which `xmlAttr` shares up to `ns`.
#[repr(C)]
#[allow(dead_code)] // every field is declared for the layout
struct XmlNode {
    private: *mut c_void,
    kind: c_int,
    name: *const c_char,
    children: *mut XmlNode,
    last: *mut XmlNode,
    parent: *mut XmlNode,
    next: *mut XmlNode,
    prev: *mut XmlNode,
    doc: *mut c_void,
    ns: *mut XmlNs,
}

/// The leading fields of `xmlNs`.
#[repr(C)]
#[allow(dead_code)] // every field is declared for the layout
struct XmlNs {
    next: *mut XmlNs,
    kind: c_int,
    href: *const c_char,
    prefix: *const c_char,
}

const ELEMENT_NODE: c_int = 1;
const ATTRIBUTE_NODE: c_int = 2;

macro_rules! opaque {
    ($($name:ident),+) => {$(
        #[repr(C)]
        struct $name {
            _private: [u8; 0],
        }
    )+};
}
opaque!(XmlDoc, XmlDtd, XmlSchemaRaw, SchemaParserCtxt, SchemaValidCtxt, ParserCtxt, ParserInput);

type StructuredErrorFn = unsafe extern "C" fn(*mut c_void, *mut XmlError);
type EntityLoader = unsafe extern "C" fn(*const c_char, *const c_char, *mut ParserCtxt) -> *mut ParserInput;
type InputMatch = unsafe extern "C" fn(*const c_char) -> c_int;
type InputOpen = unsafe extern "C" fn(*const c_char) -> *mut c_void;
type InputRead = unsafe extern "C" fn(*mut c_void, *mut c_char, c_int) -> c_int;
type InputClose = unsafe extern "C" fn(*mut c_void) -> c_int;

extern "C" {
    fn xmlInitParser();
    fn xmlMemSetup(
        free: unsafe extern "C" fn(*mut c_void),
        malloc: unsafe extern "C" fn(usize) -> *mut c_void,
        realloc: unsafe extern "C" fn(*mut c_void, usize) -> *mut c_void,
        strdup: unsafe extern "C" fn(*const c_char) -> *mut c_char,
    ) -> c_int;
    fn xmlRegisterInputCallbacks(m: InputMatch, o: InputOpen, r: InputRead, c: InputClose) -> c_int;
    fn xmlGetExternalEntityLoader() -> Option<EntityLoader>;
    fn xmlSetExternalEntityLoader(loader: Option<EntityLoader>);
    fn xmlNewInputFromFile(ctxt: *mut ParserCtxt, filename: *const c_char) -> *mut ParserInput;
    fn __xmlStructuredError() -> *mut Option<StructuredErrorFn>;
    fn __xmlStructuredErrorContext() -> *mut *mut c_void;
    fn xmlSetStructuredErrorFunc(ctx: *mut c_void, handler: Option<StructuredErrorFn>);

    fn xmlReadMemory(
        buffer: *const c_char,
        size: c_int,
        url: *const c_char,
        encoding: *const c_char,
        options: c_int,
    ) -> *mut XmlDoc;
    fn xmlFreeDoc(doc: *mut XmlDoc);
    fn xmlGetIntSubset(doc: *const XmlDoc) -> *mut XmlDtd;

    fn xmlSchemaNewParserCtxt(url: *const c_char) -> *mut SchemaParserCtxt;
    fn xmlSchemaSetParserStructuredErrors(ctxt: *mut SchemaParserCtxt, f: Option<StructuredErrorFn>, ctx: *mut c_void);
    fn xmlSchemaParse(ctxt: *mut SchemaParserCtxt) -> *mut XmlSchemaRaw;
    fn xmlSchemaFreeParserCtxt(ctxt: *mut SchemaParserCtxt);
    fn xmlSchemaFree(schema: *mut XmlSchemaRaw);
    fn xmlSchemaNewValidCtxt(schema: *mut XmlSchemaRaw) -> *mut SchemaValidCtxt;
    fn xmlSchemaSetValidStructuredErrors(ctxt: *mut SchemaValidCtxt, f: Option<StructuredErrorFn>, ctx: *mut c_void);
    fn xmlSchemaValidateDoc(ctxt: *mut SchemaValidCtxt, doc: *mut XmlDoc) -> c_int;
    fn xmlSchemaFreeValidCtxt(ctxt: *mut SchemaValidCtxt);
}

// ---- process set-up ---------------------------------------------------------------------------

/// What the entity loader lets through on this thread right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LoadPolicy {
    /// Not inside one of our calls: defer to the loader installed before ours.
    NotOurs,
    /// Parsing an instance document: nothing at all.
    Nothing,
    /// Compiling the embedded schema: embedded files only.
    EmbeddedOnly,
    /// Compiling a user's schema: local files, never a network URL.
    LocalFiles,
}

thread_local! {
    static POLICY: Cell<LoadPolicy> = const { Cell::new(LoadPolicy::NotOurs) };
    static COLLECTED: RefCell<Option<Collected>> = const { RefCell::new(None) };
}

/// The loader that was installed before ours (libxml2's default), kept for [`LoadPolicy::NotOurs`].
static PREVIOUS_LOADER: OnceLock<Option<EntityLoader>> = OnceLock::new();
static SETUP: Once = Once::new();

/// The allocator libxml2 is given by [`use_allocator`].
static ALLOCATOR: OnceLock<Allocator> = OnceLock::new();

/// The C allocation functions libxml2 may be given instead of the C library's `malloc`: a
/// program whose Rust code uses a faster allocator (the CLI uses mimalloc) lets libxml2 use it too.
#[derive(Clone, Copy, Debug)]
pub struct Allocator {
    /// `malloc`.
    pub malloc: unsafe extern "C" fn(usize) -> *mut c_void,
    /// `realloc`.
    pub realloc: unsafe extern "C" fn(*mut c_void, usize) -> *mut c_void,
    /// `free`.
    pub free: unsafe extern "C" fn(*mut c_void),
}

/// Makes libxml2 allocate with `allocator`; true when done, false when libxml2 was already
/// initialised (its allocations so far came from another allocator, so it is too late).
///
/// # Safety
///
/// Must be called before anything in the process uses libxml2 (this crate or another), and the
/// three functions must be a matching `malloc`/`realloc`/`free` family safe to call from any
/// thread.
pub unsafe fn use_allocator(allocator: Allocator) -> bool {
    if SETUP.is_completed() || ALLOCATOR.set(allocator).is_err() {
        return false;
    }
    // SAFETY: the caller promises libxml2 has not allocated yet; the functions match.
    unsafe { xmlMemSetup(allocator.free, allocator.malloc, allocator.realloc, strdup_with_allocator) == 0 }
}

/// `strdup` over the allocator given to [`use_allocator`].
unsafe extern "C" fn strdup_with_allocator(text: *const c_char) -> *mut c_char {
    let Some(allocator) = ALLOCATOR.get() else { return ptr::null_mut() };
    if text.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: libxml2 passes a NUL-terminated string.
    let bytes = unsafe { std::ffi::CStr::from_ptr(text) }.to_bytes_with_nul();
    // SAFETY: a fresh block of `bytes.len()` bytes, filled from a buffer that does not overlap it.
    unsafe {
        let copy = (allocator.malloc)(bytes.len()).cast::<u8>();
        if !copy.is_null() {
            ptr::copy_nonoverlapping(bytes.as_ptr(), copy, bytes.len());
        }
        copy.cast()
    }
}

/// Initialises libxml2 and installs the input callbacks and the entity loader, once per process.
fn setup() {
    SETUP.call_once(|| {
        // SAFETY: called once, before any other libxml2 use of this crate; libxml2 documents these
        // functions as the way to initialise the library and register callbacks.
        unsafe {
            xmlInitParser();
            xmlRegisterInputCallbacks(embedded_match, embedded_open, embedded_read, embedded_close);
            let _ = PREVIOUS_LOADER.set(xmlGetExternalEntityLoader());
            xmlSetExternalEntityLoader(Some(entity_loader));
        }
    });
}

unsafe extern "C" fn entity_loader(url: *const c_char, id: *const c_char, ctxt: *mut ParserCtxt) -> *mut ParserInput {
    let policy = POLICY.with(Cell::get);
    if policy == LoadPolicy::NotOurs {
        return match PREVIOUS_LOADER.get().copied().flatten() {
            // SAFETY: the previous loader is libxml2's own (or another library's) with this signature.
            Some(previous) => unsafe { previous(url, id, ctxt) },
            None => ptr::null_mut(),
        };
    }
    // SAFETY: libxml2 passes a NUL-terminated string or null.
    let requested = unsafe { text(url) }.unwrap_or_default();
    let allowed = match policy {
        LoadPolicy::EmbeddedOnly => requested.starts_with(EMBEDDED_SCHEME),
        LoadPolicy::LocalFiles => !is_remote(&requested) && !requested.starts_with(EMBEDDED_SCHEME),
        LoadPolicy::Nothing | LoadPolicy::NotOurs => false,
    };
    if allowed && !url.is_null() {
        // SAFETY: `url` is a valid C string; `xmlNewInputFromFile` reads through the registered
        // input callbacks (ours for the embedded scheme, the file system otherwise) and consults
        // no catalog.
        return unsafe { xmlNewInputFromFile(ctxt, url) };
    }
    push(RawMessage {
        domain: domain::CROSSWALK,
        code: 0,
        level: Level::Error,
        message: format!("refused to load the external resource \"{requested}\""),
        line: None,
        column: None,
        node: None,
    });
    ptr::null_mut()
}

/// True when `url` names something other than a local file: a URI scheme of two letters or
/// more other than `file:` (a one-letter "scheme" is a Windows drive).
fn is_remote(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else { return false };
    scheme.len() > 1
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !scheme.eq_ignore_ascii_case("file")
}

// ---- the embedded files, served through input callbacks ---------------------------------------

/// An open embedded file: its bytes and how far it was read.
struct EmbeddedReader {
    bytes: &'static [u8],
    offset: usize,
}

unsafe extern "C" fn embedded_match(filename: *const c_char) -> c_int {
    // SAFETY: libxml2 passes a NUL-terminated string or null.
    let name = unsafe { text(filename) }.unwrap_or_default();
    c_int::from(name.starts_with(EMBEDDED_SCHEME))
}

unsafe extern "C" fn embedded_open(filename: *const c_char) -> *mut c_void {
    // SAFETY: as above.
    let name = unsafe { text(filename) }.unwrap_or_default();
    match name.strip_prefix(EMBEDDED_SCHEME).and_then(embedded::file) {
        Some(content) => Box::into_raw(Box::new(EmbeddedReader { bytes: content.as_bytes(), offset: 0 })).cast(),
        None => ptr::null_mut(),
    }
}

unsafe extern "C" fn embedded_read(context: *mut c_void, buffer: *mut c_char, len: c_int) -> c_int {
    // SAFETY: `context` is the box made by `embedded_open`, not yet closed; `buffer` has room for
    // `len` bytes.
    let Some(reader) = (unsafe { context.cast::<EmbeddedReader>().as_mut() }) else { return -1 };
    let rest = reader.bytes.get(reader.offset..).unwrap_or_default();
    let count = rest.len().min(usize::try_from(len).unwrap_or(0));
    // SAFETY: `count` bytes fit in both buffers, which do not overlap.
    unsafe { ptr::copy_nonoverlapping(rest.as_ptr(), buffer.cast::<u8>(), count) };
    reader.offset += count;
    c_int::try_from(count).unwrap_or(0)
}

unsafe extern "C" fn embedded_close(context: *mut c_void) -> c_int {
    if !context.is_null() {
        // SAFETY: made by `Box::into_raw` in `embedded_open`; libxml2 closes it once.
        drop(unsafe { Box::from_raw(context.cast::<EmbeddedReader>()) });
    }
    0
}

// ---- collecting messages ----------------------------------------------------------------------

/// The messages of the operation running on this thread.
struct Collected {
    messages: Vec<RawMessage>,
    dropped: usize,
}

fn push(message: RawMessage) {
    COLLECTED.with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            if let Some(collected) = slot.as_mut() {
                if collected.messages.len() < MESSAGE_LIMIT {
                    collected.messages.push(message);
                } else {
                    collected.dropped += 1;
                }
            }
        }
    });
}

unsafe extern "C" fn on_error(_context: *mut c_void, error: *mut XmlError) {
    // SAFETY: libxml2 passes a valid error (or null) that lives for the duration of the call.
    let Some(error) = (unsafe { error.as_ref() }) else { return };
    let parsing = matches!(error.domain, domain::PARSER | domain::NAMESPACE);
    // SAFETY: the node, when set by the validator, is a node of the document being validated,
    // alive during the callback.
    let node = if error.domain == domain::SCHEMAS_VALIDATOR { unsafe { node_info(error.node.cast()) } } else { None };
    push(RawMessage {
        domain: error.domain,
        code: error.code,
        level: if error.level == 1 { Level::Warning } else { Level::Error },
        // SAFETY: a NUL-terminated string or null.
        message: unsafe { text(error.message) }.unwrap_or_default().trim_end().to_owned(),
        line: u32::try_from(error.line).ok().filter(|&l| l > 0),
        column: if parsing { u32::try_from(error.int2).ok().filter(|&c| c > 0) } else { None },
        node,
    });
}

/// While alive, this thread's libxml2 messages go to [`on_error`] and the entity loader obeys
/// `policy`; dropping it restores the previous handler and policy.
struct Session {
    previous_handler: Option<StructuredErrorFn>,
    previous_context: *mut c_void,
    previous_policy: LoadPolicy,
}

impl Session {
    fn start(policy: LoadPolicy) -> Session {
        setup();
        // SAFETY: the accessors return this thread's libxml2 globals, valid for the thread's life.
        let (previous_handler, previous_context) = unsafe { (*__xmlStructuredError(), *__xmlStructuredErrorContext()) };
        // SAFETY: installs a handler with the documented signature for this thread.
        unsafe { xmlSetStructuredErrorFunc(ptr::null_mut(), Some(on_error)) };
        let previous_policy = POLICY.with(|p| p.replace(policy));
        COLLECTED.with(|c| *c.borrow_mut() = Some(Collected { messages: Vec::new(), dropped: 0 }));
        Session { previous_handler, previous_context, previous_policy }
    }

    /// The messages collected so far; collecting goes on.
    fn take(&self) -> Vec<RawMessage> {
        COLLECTED.with(|c| {
            let mut slot = c.borrow_mut();
            let Some(collected) = slot.as_mut() else { return Vec::new() };
            let mut messages = std::mem::take(&mut collected.messages);
            if collected.dropped > 0 {
                messages.push(RawMessage {
                    domain: domain::CROSSWALK,
                    code: 1,
                    level: Level::Error,
                    message: format!("{} more messages were not kept", collected.dropped),
                    line: None,
                    column: None,
                    node: None,
                });
                collected.dropped = 0;
            }
            messages
        })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        COLLECTED.with(|c| *c.borrow_mut() = None);
        POLICY.with(|p| p.set(self.previous_policy));
        // SAFETY: restores this thread's handler as it was.
        unsafe { xmlSetStructuredErrorFunc(self.previous_context, self.previous_handler) };
    }
}

// ---- schemas and validation -------------------------------------------------------------------

/// A compiled schema with its validation context; bound to the thread that made it (libxml2's
/// contexts are not thread-safe, and raw pointers keep this type `!Send`).
pub(crate) struct CompiledSchema {
    schema: NonNull<XmlSchemaRaw>,
    context: NonNull<SchemaValidCtxt>,
}

impl CompiledSchema {
    /// Compiles the embedded kernel-4 schema.
    pub(crate) fn embedded() -> Result<CompiledSchema, Vec<RawMessage>> {
        let url = format!("{EMBEDDED_SCHEME}{}", embedded::ROOT);
        Self::compile(&url, LoadPolicy::EmbeddedOnly)
    }

    /// Compiles a schema file with its includes and imports from the local file system.
    pub(crate) fn from_file(path: &Path) -> Result<CompiledSchema, Vec<RawMessage>> {
        let Some(path) = path.to_str() else {
            return Err(vec![own_error(format!("the schema path {} is not UTF-8", path.display()))]);
        };
        Self::compile(path, LoadPolicy::LocalFiles)
    }

    fn compile(url: &str, policy: LoadPolicy) -> Result<CompiledSchema, Vec<RawMessage>> {
        let Ok(c_url) = CString::new(url) else {
            return Err(vec![own_error(format!("the schema location {url:?} holds a NUL character"))]);
        };
        let session = Session::start(policy);
        // SAFETY: each pointer is checked before use and freed once; the parser context is freed
        // before returning, the schema is owned by the returned value.
        unsafe {
            let parser = xmlSchemaNewParserCtxt(c_url.as_ptr());
            if parser.is_null() {
                return Err(or_own(session.take(), "libxml2 could not create a schema parser"));
            }
            xmlSchemaSetParserStructuredErrors(parser, Some(on_error), ptr::null_mut());
            let schema = xmlSchemaParse(parser);
            xmlSchemaFreeParserCtxt(parser);
            let Some(schema) = NonNull::new(schema) else {
                return Err(or_own(session.take(), "the schema could not be compiled"));
            };
            let context = xmlSchemaNewValidCtxt(schema.as_ptr());
            let Some(context) = NonNull::new(context) else {
                xmlSchemaFree(schema.as_ptr());
                return Err(or_own(session.take(), "libxml2 could not create a validation context"));
            };
            xmlSchemaSetValidStructuredErrors(context.as_ptr(), Some(on_error), ptr::null_mut());
            Ok(CompiledSchema { schema, context })
        }
    }

    /// Parses `xml` safely and validates it.
    pub(crate) fn validate(&self, xml: &[u8]) -> Outcome {
        let session = Session::start(LoadPolicy::Nothing);
        let Ok(size) = c_int::try_from(xml.len()) else {
            return Outcome {
                messages: vec![own_error(format!("the document is too large ({} bytes) for libxml2", xml.len()))],
                ..Outcome::default()
            };
        };
        // libxml2 takes a NUL byte in a UTF-8 (or other 8-bit) document as the end of the input
        // and accepts what came before it; XML cannot hold U+0000 anywhere, so such a document is
        // not well-formed, as Crosswalk's readers say too.
        if let Some(at) = nul_in_8_bit_text(xml) {
            let (line, column) = crosswalk_text::position_in(xml, at);
            let message = "a NUL character (byte 00), which XML cannot hold: the document is not well-formed";
            let raw = RawMessage {
                domain: domain::PARSER,
                line: Some(line),
                column: Some(column),
                ..own_error(message.to_owned())
            };
            return Outcome { messages: vec![raw], ..Outcome::default() };
        }
        let mut outcome = Outcome::default();
        // SAFETY: `xml` outlives the call; the document is freed once, after validation; the
        // validation context belongs to this thread.
        unsafe {
            let doc = xmlReadMemory(xml.as_ptr().cast(), size, ptr::null(), ptr::null(), PARSE_OPTIONS);
            if doc.is_null() {
                let mut messages = session.take();
                if !messages.iter().any(|m| m.level == Level::Error) {
                    let reason = if xml.iter().all(u8::is_ascii_whitespace) {
                        "the document is empty"
                    } else {
                        "the document could not be parsed"
                    };
                    messages.push(RawMessage { domain: domain::PARSER, ..own_error(reason.to_owned()) });
                }
                outcome.messages = messages;
                return outcome;
            }
            outcome.well_formed = true;
            outcome.has_doctype = !xmlGetIntSubset(doc).is_null();
            let result = xmlSchemaValidateDoc(self.context.as_ptr(), doc);
            xmlFreeDoc(doc);
            outcome.valid = result == 0;
            outcome.messages = session.take();
            if result < 0 && outcome.messages.iter().all(|m| m.level == Level::Warning) {
                outcome.messages.push(own_error("libxml2 could not complete the validation".to_owned()));
            }
        }
        outcome
    }
}

impl Drop for CompiledSchema {
    fn drop(&mut self) {
        // SAFETY: both were created by libxml2 for this value and are freed once, context first.
        unsafe {
            xmlSchemaFreeValidCtxt(self.context.as_ptr());
            xmlSchemaFree(self.schema.as_ptr());
        }
    }
}

/// The offset of the first NUL byte of a document in an 8-bit encoding (where it can only be the
/// character U+0000); `None` for UTF-16 and UTF-32, where NUL bytes are half of every ASCII
/// character.
fn nul_in_8_bit_text(xml: &[u8]) -> Option<usize> {
    let wide = matches!(xml, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] | [0, ..] | [_, 0, ..]);
    if wide {
        return None;
    }
    xml.iter().position(|&b| b == 0)
}

fn own_error(message: String) -> RawMessage {
    RawMessage {
        domain: domain::CROSSWALK,
        code: 2,
        level: Level::Error,
        message,
        line: None,
        column: None,
        node: None,
    }
}

/// `messages`, or one message of ours when libxml2 said nothing.
fn or_own(mut messages: Vec<RawMessage>, fallback: &str) -> Vec<RawMessage> {
    if !messages.iter().any(|m| m.level == Level::Error) {
        messages.push(own_error(fallback.to_owned()));
    }
    messages
}

// ---- reading nodes ----------------------------------------------------------------------------

/// A C string as text (lossy), or `None` for null.
///
/// # Safety
/// `pointer` is null or points to a NUL-terminated string alive for the call.
unsafe fn text(pointer: *const c_char) -> Option<String> {
    // SAFETY: per the function's contract.
    (!pointer.is_null()).then(|| unsafe { CStr::from_ptr(pointer) }.to_string_lossy().into_owned())
}

/// A node's name as written: `prefix:name` when its namespace has a prefix.
///
/// # Safety
/// `node` points to a live element or attribute node.
unsafe fn qualified_name(node: &XmlNode) -> String {
    // SAFETY: per the contract, `name` and `ns` belong to a live node.
    let name = unsafe { text(node.name) }.unwrap_or_default();
    // SAFETY: as above.
    let prefix = unsafe { node.ns.as_ref().and_then(|ns| text(ns.prefix)) };
    match prefix {
        Some(prefix) => format!("{prefix}:{name}"),
        None => name,
    }
}

/// The element path and names of the node a validity message points to.
///
/// # Safety
/// `node` is null or a live node of the document being validated.
unsafe fn node_info(node: *const XmlNode) -> Option<NodeInfo> {
    // SAFETY: per the contract.
    let first = unsafe { node.as_ref() }?;
    let (element, attribute) = match first.kind {
        // SAFETY: a live node's parent is null or live.
        ATTRIBUTE_NODE => (unsafe { first.parent.as_ref() }?, Some(unsafe { qualified_name(first) })),
        ELEMENT_NODE => (first, None),
        // SAFETY: as above (text and other nodes point at their element).
        _ => (unsafe { first.parent.as_ref() }?, None),
    };
    if element.kind != ELEMENT_NODE {
        return None;
    }
    let mut steps: Vec<(String, Option<usize>)> = Vec::new();
    let mut current: *const XmlNode = element;
    // SAFETY: walks parent and sibling links of live nodes of one document; libxml2's depth
    // limit (256) bounds the walk, and so does the explicit cap.
    unsafe {
        while let Some(node) = current.as_ref() {
            if node.kind != ELEMENT_NODE || steps.len() > 1024 {
                break;
            }
            let name = text(node.name).unwrap_or_default();
            let same = |other: &XmlNode| other.kind == ELEMENT_NODE && text(other.name).as_deref() == Some(&name);
            let mut before = 0;
            let mut sibling = node.prev.cast_const();
            while let Some(s) = sibling.as_ref() {
                before += usize::from(same(s));
                sibling = s.prev;
            }
            let mut after = false;
            let mut sibling = node.next.cast_const();
            while let Some(s) = sibling.as_ref() {
                if same(s) {
                    after = true;
                    break;
                }
                sibling = s.next;
            }
            let indexed = before > 0 || after || paths::is_repeatable(&name);
            steps.push((name, indexed.then_some(before + 1)));
            current = node.parent;
        }
    }
    steps.reverse();
    let mut path = paths::join_steps(steps.iter().map(|(name, index)| (name.as_str(), *index)));
    if let Some(attribute) = &attribute {
        path.push_str("/@");
        path.push_str(attribute);
    }
    // SAFETY: `element` is a live element node.
    Some(NodeInfo { path, element: unsafe { qualified_name(element) }, attribute })
}
