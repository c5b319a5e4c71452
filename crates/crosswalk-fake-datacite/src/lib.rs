//! A fake DataCite REST API for tests: a real HTTP/1.1 server on `127.0.0.1` (a free port),
//! holding DOIs in memory, answering as DataCite's server (`datacite/lupo`) does, and failing on
//! request when a test asks it to.
//!
//! What it implements, as lupo does (see `docs/upload.md` for the facts and their sources):
//! - `POST /dois` creates (201); a DOI that exists gives 422 `This DOI has already been taken`;
//!   a payload with only `prefix` gets a suffix of DataCite's style (`xxxx-xxxx`).
//! - `PUT /dois/{doi}` (and `PATCH`) updates a DOI that exists (200) and creates one that does
//!   not (201), with the DOI of the URL.
//! - `GET /dois/{doi}` shows a DOI (drafts and registered ones to its owner only); `GET /dois`
//!   lists them, with `page[size]` and `page[cursor]`.
//! - `GET /oai`: OAI-PMH 2.0 over the same DOIs (`ListRecords` with resumption tokens, sets,
//!   `from`/`until`, `oai_datacite`, `datacite` and `oai_dc`; `GetRecord`; the protocol's errors).
//! - Basic authentication against one repository account and its prefixes (401 `Bad
//!   credentials.`, 403 for a prefix it does not own).
//! - Events `publish`, `register`, `hide` and the state machine (draft → registered/findable,
//!   findable ↔ registered, no way back to draft); registered and findable DOIs are validated:
//!   `url` and the required properties, and base64 `xml` against Crosswalk's kernel-4.7 schema;
//!   kernel 2/3 refused; a `nameIdentifier` without its scheme gives lupo's baffling `The
//!   document has no document element`.
//! - Errors as lupo writes them: `{"errors":[{"source","title","uid"}]}` for validation,
//!   `{"errors":[{"status","title"}]}` otherwise.
//!
//! Faults are chosen by request number (1-based, in arrival order), never by a timer: a status
//! (500, 503, …), 429 with or without `Retry-After`, a connection dropped before processing, a
//! request processed and its response lost, or a hook run at that request (a test kills its
//! client there). Everything it stores and every request it saw can be inspected.
//!
//! ```
//! use crosswalk_fake_datacite::{FakeDataCite, Options};
//!
//! let server = FakeDataCite::start(Options::default());
//! assert!(server.url().starts_with("http://127.0.0.1:"));
//! assert!(server.dois().is_empty());
//! ```

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

mod oai;

use base64::Engine as _;
use serde_json::{json, Map, Value};

/// Code run by the server at a request (a test kills its client there).
pub type Hook = Arc<dyn Fn() + Send + Sync>;

/// What the server does instead of answering a request normally.
#[derive(Clone)]
pub enum Fault {
    /// Answers with this status and a JSON:API error, without processing the request.
    Status(u16),
    /// Answers 429 Too Many Requests, with `Retry-After` (seconds) when given.
    TooMany(Option<u64>),
    /// Answers 503 Service Unavailable, with `Retry-After` (seconds) when given (OAI-PMH's flow
    /// control, and a server's maintenance).
    Unavailable(Option<u64>),
    /// Closes the connection before processing the request (nothing happened).
    Drop,
    /// Processes the request, then closes the connection without answering (it happened, and
    /// the client cannot know).
    LoseResponse,
    /// Processes the request, runs the hook, then closes without answering.
    ProcessThen(Hook),
    /// Runs the hook, then closes without processing.
    Before(Hook),
}

impl std::fmt::Debug for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fault::Status(code) => write!(f, "Status({code})"),
            Fault::TooMany(after) => write!(f, "TooMany({after:?})"),
            Fault::Unavailable(after) => write!(f, "Unavailable({after:?})"),
            Fault::Drop => f.write_str("Drop"),
            Fault::LoseResponse => f.write_str("LoseResponse"),
            Fault::ProcessThen(_) => f.write_str("ProcessThen(..)"),
            Fault::Before(_) => f.write_str("Before(..)"),
        }
    }
}

/// Chooses the fault of a request by its number (1-based), if any.
pub type Script = Arc<dyn Fn(u64) -> Option<Fault> + Send + Sync>;

/// How the server is set up.
#[derive(Clone)]
pub struct Options {
    /// The repository account's user name (`DATACITE_USERNAME`).
    pub username: String,
    /// Its password.
    pub password: String,
    /// The prefixes the account owns.
    pub prefixes: Vec<String>,
    /// Faults by request number.
    pub script: Option<Script>,
    /// List pages' `links.next` keep only the page parameters, as DataCite's have been seen to
    /// (the filters dropped).
    pub drop_filters_in_next: bool,
    /// Each list page after the first starts with the last DOI of the page before, as cursors
    /// have been seen to return (`GET /dois` and OAI-PMH `ListRecords` alike).
    pub duplicate_across_pages: bool,
    /// Records a page of OAI-PMH `ListRecords` (`GET /oai`).
    pub oai_page_size: usize,
    /// Request numbers at which a `resumptionToken` is refused as `badResumptionToken` (an
    /// expired token).
    pub oai_bad_token_at: Vec<u64>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            username: "TEST.REPO".into(),
            password: "secret-password".into(),
            prefixes: vec!["10.5072".into()],
            script: None,
            drop_filters_in_next: false,
            duplicate_across_pages: false,
            oai_page_size: 50,
            oai_bad_token_at: Vec::new(),
        }
    }
}

/// A DOI as the server holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    /// The DOI, lowercase.
    pub doi: String,
    /// `draft`, `registered` or `findable`.
    pub state: String,
    /// The metadata attributes last sent (merged over earlier ones by updates).
    pub attributes: Map<String, Value>,
    /// The DataCite XML last sent (decoded), if any.
    pub xml: Option<String>,
    /// The request that created it.
    pub created_by: u64,
    /// How many updates it had.
    pub updates: u32,
}

/// One request the server saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    /// Its number (1-based, arrival order).
    pub number: u64,
    /// `GET`, `POST`, …
    pub method: String,
    /// The path and query.
    pub path: String,
    /// The status answered (0 when none was: a dropped or lost response).
    pub status: u16,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// True when the request had an `Authorization` header.
    pub authorized: bool,
}

#[derive(Default)]
struct Store {
    dois: BTreeMap<String, Stored>,
    seen: Vec<Seen>,
    /// Drives the suffixes the server generates.
    generated: u64,
}

struct Shared {
    options: Options,
    store: Mutex<Store>,
    requests: AtomicU64,
    stop: AtomicBool,
}

impl Shared {
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running fake server; it stops when dropped.
pub struct FakeDataCite {
    addr: std::net::SocketAddr,
    shared: Arc<Shared>,
}

impl FakeDataCite {
    /// Starts a server on a free port of 127.0.0.1.
    ///
    /// # Panics
    /// When no port can be bound (a test environment without loopback).
    pub fn start(options: Options) -> FakeDataCite {
        #[allow(clippy::expect_used)] // test support: a server that cannot start fails the test
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        #[allow(clippy::expect_used)]
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared {
            options,
            store: Mutex::default(),
            requests: AtomicU64::new(0),
            stop: AtomicBool::new(false),
        });
        let accepting = Arc::clone(&shared);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if accepting.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let connection = Arc::clone(&accepting);
                std::thread::spawn(move || serve(stream, &connection));
            }
        });
        FakeDataCite { addr, shared }
    }

    /// The base URL (`http://127.0.0.1:PORT`), for `--endpoint`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every DOI the server holds, by DOI.
    pub fn dois(&self) -> BTreeMap<String, Stored> {
        self.shared.store().dois.clone()
    }

    /// Every request it saw, in arrival order.
    pub fn seen(&self) -> Vec<Seen> {
        self.shared.store().seen.clone()
    }

    /// How many requests it received.
    pub fn requests(&self) -> u64 {
        self.shared.requests.load(Ordering::SeqCst)
    }

    /// Puts a DOI in the store as if created earlier (by someone else).
    pub fn insert(&self, doi: &str, state: &str, attributes: Value) {
        let attributes = attributes.as_object().cloned().unwrap_or_default();
        let doi = doi.to_lowercase();
        let stored = Stored { doi: doi.clone(), state: state.into(), attributes, xml: None, created_by: 0, updates: 0 };
        self.shared.store().dois.insert(doi, stored);
    }
}

impl Drop for FakeDataCite {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread so that it sees the stop.
        let _ = TcpStream::connect(self.addr);
    }
}

/// A request as read from the connection.
struct Request {
    method: String,
    path: String,
    host: String,
    authorization: Option<String>,
    user_agent: String,
    body: Vec<u8>,
}

/// The largest request body read (a payload with base64 XML of a large record fits).
const MAX_BODY: usize = 64 * 1024 * 1024;

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut length = 0usize;
    let mut authorization = None;
    let mut user_agent = String::new();
    let mut host = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.parse().ok()?,
            "authorization" => authorization = Some(value.to_owned()),
            "user-agent" => user_agent = value.to_owned(),
            "host" => host = value.to_owned(),
            _ => {}
        }
    }
    if length > MAX_BODY {
        return None;
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request { method, path, host, authorization, user_agent, body })
}

/// Serves one connection, request after request (keep-alive).
fn serve(stream: TcpStream, shared: &Shared) {
    let _ = stream.set_nodelay(true);
    let Ok(writer) = stream.try_clone() else { return };
    let mut writer = writer;
    let mut reader = BufReader::new(stream);
    while let Some(request) = read_request(&mut reader) {
        let number = shared.requests.fetch_add(1, Ordering::SeqCst) + 1;
        let fault = shared.options.script.as_ref().and_then(|script| script(number));
        let mut seen = Seen {
            number,
            method: request.method.clone(),
            path: request.path.clone(),
            status: 0,
            user_agent: request.user_agent.clone(),
            authorized: request.authorization.is_some(),
        };
        let answer = match fault {
            None => Some(handle(shared, &request, number)),
            Some(Fault::Status(code)) => {
                Some((code, status_error(code, "Internal server error (scripted)"), Vec::new()))
            }
            Some(Fault::TooMany(after)) => {
                let headers = after.map(|s| vec![("Retry-After".to_owned(), s.to_string())]).unwrap_or_default();
                Some((429, status_error(429, "Too many requests"), headers))
            }
            Some(Fault::Unavailable(after)) => {
                let headers = after.map(|s| vec![("Retry-After".to_owned(), s.to_string())]).unwrap_or_default();
                Some((503, status_error(503, "Service unavailable"), headers))
            }
            Some(Fault::Drop) => None,
            Some(Fault::LoseResponse) => {
                let _ = handle(shared, &request, number);
                None
            }
            Some(Fault::ProcessThen(hook)) => {
                let _ = handle(shared, &request, number);
                hook();
                None
            }
            Some(Fault::Before(hook)) => {
                hook();
                None
            }
        };
        let Some((status, body, headers)) = answer else {
            shared.store().seen.push(seen);
            let _ = writer.shutdown(Shutdown::Both);
            return;
        };
        seen.status = status;
        shared.store().seen.push(seen);
        // A string with its own Content-Type is sent as it is (OAI-PMH's XML); anything else as
        // JSON:API.
        let typed = headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
        let body = match body {
            Value::String(text) if typed => text,
            body => body.to_string(),
        };
        let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
        if !typed {
            head.push_str("Content-Type: application/vnd.api+json\r\n");
        }
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        // One write: a header and a body in two small writes meet Nagle's algorithm and the
        // client's delayed acknowledgement (40 ms a request on loopback).
        head.push_str(&body);
        if writer.write_all(head.as_bytes()).is_err() {
            return;
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// An error as lupo's exception handler writes it.
fn status_error(status: u16, title: &str) -> Value {
    json!({ "errors": [{ "status": status.to_string(), "title": title }] })
}

/// Validation errors as lupo writes them: one per source, no status.
fn validation_errors(uid: &str, errors: &[(String, String)]) -> Value {
    let list: Vec<Value> =
        errors.iter().map(|(source, title)| json!({"source": source, "title": title, "uid": uid})).collect();
    json!({ "errors": list })
}

type Answer = (u16, Value, Vec<(String, String)>);

fn handle(shared: &Shared, request: &Request, number: u64) -> Answer {
    let (path, query) = request.path.split_once('?').unwrap_or((&request.path, ""));
    let authenticated = authenticated(&shared.options, request.authorization.as_deref());
    let writes = matches!(request.method.as_str(), "POST" | "PUT" | "PATCH" | "DELETE");
    if writes && !authenticated {
        return (401, status_error(401, "Bad credentials."), Vec::new());
    }
    match (request.method.as_str(), path) {
        ("POST", "/dois") => create(shared, request, number, None),
        ("PUT" | "PATCH", _) if path.starts_with("/dois/") => {
            let doi = percent_decode(path.trim_start_matches("/dois/")).to_lowercase();
            let exists = shared.store().dois.contains_key(&doi);
            if exists {
                update(shared, request, &doi)
            } else {
                create(shared, request, number, Some(doi))
            }
        }
        ("GET", "/oai") => oai::answer(shared, query, number, &format!("http://{}", request.host)),
        ("GET", "/dois") => list(shared, query, authenticated, &format!("http://{}", request.host)),
        ("GET", _) if path.starts_with("/dois/") => {
            let doi = percent_decode(path.trim_start_matches("/dois/")).to_lowercase();
            match shared.store().dois.get(&doi) {
                Some(stored) if authenticated || stored.state == "findable" => (200, resource(stored), Vec::new()),
                _ => (404, status_error(404, "The resource you are looking for doesn't exist."), Vec::new()),
            }
        }
        _ => (404, status_error(404, "The resource you are looking for doesn't exist."), Vec::new()),
    }
}

fn authenticated(options: &Options, authorization: Option<&str>) -> bool {
    let Some(encoded) = authorization.and_then(|a| a.strip_prefix("Basic ")) else { return false };
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(encoded.trim()) else { return false };
    let expected = format!("{}:{}", options.username, options.password);
    decoded == expected.as_bytes()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            if let Some(value) = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `data.attributes` of a request body, or the error answer.
fn attributes_of(request: &Request) -> Result<Map<String, Value>, Answer> {
    let bad = |message: &str| Err((400, status_error(400, message), Vec::new()));
    let Ok(body) = serde_json::from_slice::<Value>(&request.body) else {
        return bad("You need to provide a payload following the JSONAPI spec");
    };
    match body.get("data").and_then(|d| d.get("attributes")).and_then(Value::as_object) {
        Some(attributes) => Ok(attributes.clone()),
        None => bad("You need to provide a payload following the JSONAPI spec"),
    }
}

/// A suffix of DataCite's style: 8 characters of Crockford's base32 in two groups.
fn generated_suffix(n: u64) -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let mut value = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 24;
    let mut chars = Vec::with_capacity(9);
    for i in 0..8 {
        if i == 4 {
            chars.push(b'-');
        }
        chars.push(ALPHABET[(value & 31) as usize]);
        value >>= 5;
    }
    String::from_utf8_lossy(&chars).into_owned()
}

fn prefix_of(doi: &str) -> &str {
    doi.split_once('/').map_or(doi, |(prefix, _)| prefix)
}

fn create(shared: &Shared, request: &Request, number: u64, put_doi: Option<String>) -> Answer {
    let mut attributes = match attributes_of(request) {
        Ok(attributes) => attributes,
        Err(answer) => return answer,
    };
    let given = attributes.get("doi").and_then(Value::as_str).map(str::to_lowercase);
    let prefix = attributes.get("prefix").and_then(Value::as_str).map(str::to_owned);
    let mut store = shared.store();
    let doi = match (put_doi, given, prefix) {
        (Some(doi), _, _) | (None, Some(doi), _) => doi,
        (None, None, Some(prefix)) => {
            store.generated += 1;
            format!("{prefix}/{}", generated_suffix(store.generated))
        }
        (None, None, None) => {
            return (403, status_error(403, "You are not authorized to access this resource."), Vec::new())
        }
    };
    if !shared.options.prefixes.iter().any(|p| p == prefix_of(&doi)) {
        return (403, status_error(403, "You are not authorized to access this resource."), Vec::new());
    }
    if store.dois.contains_key(&doi) {
        let errors = [("doi".to_owned(), "This DOI has already been taken".to_owned())];
        return (422, validation_errors(&doi, &errors), Vec::new());
    }
    let event = attributes.remove("event").and_then(|e| e.as_str().map(str::to_owned));
    let state = match event.as_deref() {
        Some("publish") => "findable",
        Some("register") => "registered",
        _ => "draft",
    };
    let xml = match decoded_xml(&attributes) {
        Ok(xml) => xml,
        Err(answer) => return answer,
    };
    if state != "draft" {
        let errors = validate(&doi, &attributes, xml.as_deref());
        if !errors.is_empty() {
            return (422, validation_errors(&doi, &errors), Vec::new());
        }
    }
    for key in ["doi", "prefix", "xml"] {
        attributes.remove(key);
    }
    let stored = Stored { doi: doi.clone(), state: state.into(), attributes, xml, created_by: number, updates: 0 };
    let answer = resource(&stored);
    store.dois.insert(doi, stored);
    (201, answer, Vec::new())
}

fn update(shared: &Shared, request: &Request, doi: &str) -> Answer {
    let mut attributes = match attributes_of(request) {
        Ok(attributes) => attributes,
        Err(answer) => return answer,
    };
    let mut store = shared.store();
    let Some(current) = store.dois.get(doi).cloned() else {
        return (404, status_error(404, "The resource you are looking for doesn't exist."), Vec::new());
    };
    let event = attributes.remove("event").and_then(|e| e.as_str().map(str::to_owned));
    // Events that do not fit the state are ignored, as lupo's state machine does.
    let state = match (event.as_deref(), current.state.as_str()) {
        (Some("publish"), "draft" | "registered") => "findable",
        (Some("register"), "draft") => "registered",
        (Some("hide"), "findable") => "registered",
        (_, state) => state,
    }
    .to_owned();
    let xml = match decoded_xml(&attributes) {
        Ok(Some(xml)) => Some(xml),
        Ok(None) => current.xml.clone(),
        Err(answer) => return answer,
    };
    let mut merged = current.attributes.clone();
    for (key, value) in attributes {
        if !matches!(key.as_str(), "doi" | "prefix" | "xml") {
            merged.insert(key, value);
        }
    }
    if state != "draft" {
        let errors = validate(doi, &merged, xml.as_deref());
        if !errors.is_empty() {
            return (422, validation_errors(doi, &errors), Vec::new());
        }
    }
    let stored = Stored { state, attributes: merged, xml, updates: current.updates + 1, ..current };
    let answer = resource(&stored);
    store.dois.insert(doi.to_owned(), stored);
    (200, answer, Vec::new())
}

/// The base64 `xml` attribute, decoded.
fn decoded_xml(attributes: &Map<String, Value>) -> Result<Option<String>, Answer> {
    let Some(encoded) = attributes.get("xml").and_then(Value::as_str) else { return Ok(None) };
    match base64::engine::general_purpose::STANDARD.decode(encoded) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(_) => Err((400, status_error(400, "xml is not base64"), Vec::new())),
    }
}

/// What lupo checks of a registered or findable DOI: a url, and the metadata (its XML against
/// the schema, or the required properties of its attributes).
fn validate(doi: &str, attributes: &Map<String, Value>, xml: Option<&str>) -> Vec<(String, String)> {
    let mut errors = Vec::new();
    let url = attributes.get("url").and_then(Value::as_str).unwrap_or_default();
    if url.is_empty() {
        errors.push(("url".to_owned(), "Can't be blank".to_owned()));
    } else if !(url.starts_with("http://") || url.starts_with("https://") || url.starts_with("ftp://"))
        || url.contains(char::is_whitespace)
    {
        errors.push(("url".to_owned(), "URL is not valid".to_owned()));
    }
    match xml {
        Some(xml) => {
            if xml.contains("http://datacite.org/schema/kernel-3")
                || xml.contains("http://datacite.org/schema/kernel-2")
            {
                let ns = if xml.contains("kernel-3") { "kernel-3" } else { "kernel-2.2" };
                errors.push((
                    "xml".to_owned(),
                    format!("DOI {doi}: Schema http://datacite.org/schema/{ns} is no longer supported"),
                ));
                return errors;
            }
            if name_identifier_without_scheme(xml) {
                // What lupo answers when its converter drops such XML.
                errors.push((
                    "The document has no document element".to_owned(),
                    format!("DOI {doi}:  at line -1, column 0"),
                ));
                return errors;
            }
            if let Some(first) = crosswalk_validate::validate(xml.as_bytes()).into_iter().find(|d| d.is_error()) {
                let (line, column) = (first.location.line.unwrap_or(0), first.location.column.unwrap_or(0));
                let source = first
                    .location
                    .path
                    .as_deref()
                    .and_then(|p| p.trim_start_matches("/resource/").split('/').next())
                    .filter(|s| !s.is_empty() && *s != "/resource")
                    .unwrap_or("xml")
                    .split('[')
                    .next()
                    .unwrap_or("xml")
                    .to_owned();
                errors.push((source, format!("DOI {doi}: {} at line {line}, column {column}", first.message)));
            }
        }
        None => {
            let missing = |key: &str| match attributes.get(key) {
                None | Some(Value::Null) => true,
                Some(Value::Array(items)) => items.is_empty(),
                Some(Value::String(text)) => text.trim().is_empty(),
                Some(Value::Object(object)) => object.is_empty(),
                _ => false,
            };
            for (key, source) in [
                ("creators", "creators"),
                ("titles", "titles"),
                ("publisher", "publisher"),
                ("publicationYear", "publication_year"),
            ] {
                if missing(key) {
                    errors.push((source.to_owned(), "Can't be blank".to_owned()));
                }
            }
            let general = attributes.get("types").and_then(|t| t.get("resourceTypeGeneral")).and_then(Value::as_str);
            if general.is_none_or(str::is_empty) {
                errors.push(("types".to_owned(), "Resource type general can't be blank".to_owned()));
            }
        }
    }
    errors
}

/// True when a `<nameIdentifier>` of the XML has no `nameIdentifierScheme`.
fn name_identifier_without_scheme(xml: &str) -> bool {
    xml.match_indices("<nameIdentifier").any(|(at, _)| {
        let tag = xml.get(at..).and_then(|rest| rest.split_once('>')).map_or("", |(tag, _)| tag);
        !tag.contains("nameIdentifierScheme")
    })
}

/// A DOI as a JSON:API resource.
fn resource(stored: &Stored) -> Value {
    json!({ "data": resource_object(stored) })
}

fn resource_object(stored: &Stored) -> Value {
    let mut attributes = stored.attributes.clone();
    attributes.insert("doi".into(), Value::String(stored.doi.clone()));
    attributes.insert("state".into(), Value::String(stored.state.clone()));
    attributes.insert("isActive".into(), Value::Bool(stored.state == "findable"));
    if let Some(xml) = &stored.xml {
        attributes.insert("xml".into(), Value::String(base64::engine::general_purpose::STANDARD.encode(xml)));
    }
    json!({ "id": stored.doi, "type": "dois", "attributes": attributes })
}

/// `GET /dois`: a page of DOIs in creation order. `page[size]` (default 25, at most 1,000);
/// `page[cursor]` (`1` starts, then the opaque cursor of `links.next`); `query` keeps the DOIs
/// whose metadata holds its text (ignoring case; the real server runs an Elasticsearch query);
/// other parameters are echoed in `links.next` (unless the options drop them).
fn list(shared: &Shared, query: &str, authenticated: bool, host: &str) -> Answer {
    let mut size = 25usize;
    let mut offset = 0usize;
    let mut search: Option<String> = None;
    let mut kept: Vec<(String, String)> = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (key, value) = (percent_decode(key), percent_decode(&value.replace('+', " ")));
        match key.as_str() {
            "page[size]" => size = value.parse::<usize>().unwrap_or(25).clamp(1, 1000),
            "page[cursor]" => offset = value.strip_prefix('o').and_then(|n| n.parse().ok()).unwrap_or(0),
            "query" => {
                search = Some(value.to_lowercase());
                kept.push((key, value));
            }
            _ => kept.push((key, value)),
        }
    }
    let store = shared.store();
    let mut visible: Vec<&Stored> = store
        .dois
        .values()
        .filter(|s| authenticated || s.state == "findable")
        .filter(|s| {
            search
                .as_ref()
                .is_none_or(|q| Value::Object(s.attributes.clone()).to_string().to_lowercase().contains(q.as_str()))
        })
        .collect();
    visible.sort_by_key(|s| (s.created_by, s.doi.clone()));
    // A page after the first may repeat the last DOI of the page before.
    let start = if shared.options.duplicate_across_pages && offset > 0 { offset - 1 } else { offset };
    let page: Vec<Value> = visible.iter().skip(start).take(size).map(|s| resource_object(s)).collect();
    let end = start + page.len();
    let next = (end < visible.len() && !page.is_empty()).then(|| {
        let mut link = format!("{host}/dois?page[cursor]=o{end}&page[size]={size}");
        if !shared.options.drop_filters_in_next {
            for (key, value) in &kept {
                link.push_str(&format!("&{key}={}", value.replace(' ', "+")));
            }
        }
        link
    });
    let body = json!({
        "data": page,
        "meta": { "total": visible.len() },
        "links": { "next": next },
    });
    (200, body, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_look_like_datacites() {
        let suffix = generated_suffix(1);
        assert_eq!(suffix.len(), 9);
        assert_eq!(suffix.as_bytes()[4], b'-');
        assert_ne!(generated_suffix(1), generated_suffix(2));
    }

    #[test]
    fn a_missing_name_identifier_scheme_is_seen() {
        assert!(name_identifier_without_scheme("<creator><nameIdentifier>0000</nameIdentifier></creator>"));
        assert!(!name_identifier_without_scheme("<nameIdentifier nameIdentifierScheme=\"ORCID\">x</nameIdentifier>"));
    }
}
