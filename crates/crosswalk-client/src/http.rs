//! The HTTP exchange with DataCite: one request, and what became of it.
//!
//! A request either got an answer (any status), or it surely did not reach the server (the
//! connection was refused, the name did not resolve: safe to send again), or it may have
//! (the connection broke or timed out after the request was on its way: the server may have
//! done it). Telling the last two apart is what makes exactly-once possible: see
//! [`crate::upload`].

use std::time::Duration;

use serde_json::Value;

use crate::endpoint::{Credentials, Endpoint, MAILTO_VAR};

/// What a request came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Sent {
    /// The server answered.
    Answer {
        /// The HTTP status.
        status: u16,
        /// The body, parsed (`Null` when empty or not JSON).
        body: Value,
        /// `Retry-After`, in seconds, when the server sent one.
        retry_after: Option<Duration>,
    },
    /// The request did not reach the server; sending it again is safe.
    NotSent(String),
    /// The request may have reached the server and been done; nobody knows.
    Unknown(String),
}

/// How the client talks to the server.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    /// The longest one exchange may take (connect, send, receive).
    pub timeout: Duration,
    /// Connections kept open for reuse.
    pub connections: usize,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions { timeout: Duration::from_secs(120), connections: 4 }
    }
}

/// A client of one DataCite API with one account's credentials.
pub struct Client {
    agent: ureq::Agent,
    base: String,
    credentials: Option<Credentials>,
}

/// The `User-Agent`: Crosswalk and its version, and a contact from `DATACITE_MAILTO` (DataCite
/// counts identified clients on a more generous limit and can write to them).
pub fn user_agent() -> String {
    let version = env!("CARGO_PKG_VERSION");
    match std::env::var(MAILTO_VAR).ok().filter(|m| m.contains('@')) {
        Some(mail) => format!("crosswalk/{version} (https://github.com/crosswalk-metadata/crosswalk; mailto:{mail})"),
        None => format!("crosswalk/{version} (https://github.com/crosswalk-metadata/crosswalk)"),
    }
}

impl Client {
    /// A client of `endpoint`. Proxies come from `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` and
    /// `NO_PROXY`; certificates from the bundled Mozilla roots.
    pub fn new(endpoint: &Endpoint, credentials: Credentials, options: &ClientOptions) -> Client {
        Self::with(endpoint, Some(credentials), options)
    }

    /// A client without credentials (reading: findable DOIs only).
    pub fn anonymous(endpoint: &Endpoint, options: &ClientOptions) -> Client {
        Self::with(endpoint, None, options)
    }

    /// A reading client (`fetch`, `harvest`): with the credentials of the environment when both
    /// variables are set (then a repository's own drafts and registered DOIs are visible too), and
    /// `true`; anonymous otherwise, and `false`.
    pub fn reading(endpoint: &Endpoint, options: &ClientOptions) -> (Client, bool) {
        match Credentials::from_env() {
            Ok(credentials) => (Self::new(endpoint, credentials, options), true),
            Err(_) => (Self::anonymous(endpoint, options), false),
        }
    }

    /// The account whose credentials the client sends (empty for an anonymous client): what a
    /// state file is bound to.
    pub fn account(&self) -> &str {
        self.credentials.as_ref().map_or("", Credentials::username)
    }

    fn with(endpoint: &Endpoint, credentials: Option<Credentials>, options: &ClientOptions) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(options.timeout))
            .timeout_connect(Some(options.timeout.min(Duration::from_secs(30))))
            .max_idle_connections_per_host(options.connections.max(1))
            .max_idle_connections(options.connections.max(1))
            .user_agent(user_agent())
            .build();
        Client { agent: config.into(), base: endpoint.base().to_owned(), credentials }
    }

    /// `POST /dois` with a JSON:API document.
    pub fn create(&self, body: &str) -> Sent {
        self.send("POST", "/dois".to_owned(), Some(body))
    }

    /// `PUT /dois/{doi}` with a JSON:API document (creates the DOI when it does not exist).
    pub fn put(&self, doi: &str, body: &str) -> Sent {
        self.send("PUT", format!("/dois/{}", path_segment(doi)), Some(body))
    }

    /// `GET /dois/{doi}`, with affiliations and publisher as objects.
    pub fn get(&self, doi: &str) -> Sent {
        self.send("GET", format!("/dois/{}?affiliation=true&publisher=true", path_segment(doi)), None)
    }

    /// `GET` of a path (and query) of the API, such as a list page.
    pub fn get_path(&self, path_and_query: &str) -> Sent {
        self.send("GET", path_and_query.to_owned(), None)
    }

    /// `GET` of a path (and query) as text: an OAI-PMH response, which is XML.
    pub fn get_text(&self, path_and_query: &str) -> Fetched {
        self.exchange("GET", path_and_query, None, "text/xml, application/xml;q=0.9, */*;q=0.1")
    }

    fn send(&self, method: &str, path: String, body: Option<&str>) -> Sent {
        match self.exchange(method, &path, body, "application/vnd.api+json") {
            Fetched::Answer { status, body: Ok(text), retry_after } => {
                let body = serde_json::from_str(&text).unwrap_or(Value::Null);
                Sent::Answer { status, body, retry_after }
            }
            // The status arrived, the body did not: the server did act on the request.
            Fetched::Answer { status, body: Err(message), retry_after } => {
                Sent::Answer { status, body: Value::String(message), retry_after }
            }
            Fetched::NotSent(message) => Sent::NotSent(message),
            Fetched::Unknown(message) => Sent::Unknown(message),
        }
    }

    fn exchange(&self, method: &str, path: &str, body: Option<&str>, accept: &str) -> Fetched {
        let url = format!("{}{path}", self.base);
        let auth = self.credentials.as_ref().map(Credentials::basic);
        let result = match (method, body) {
            ("POST" | "PUT", Some(body)) => {
                let mut request = if method == "POST" { self.agent.post(&url) } else { self.agent.put(&url) };
                if let Some(auth) = &auth {
                    request = request.header("Authorization", auth);
                }
                request.header("Content-Type", "application/vnd.api+json").header("Accept", accept).send(body)
            }
            _ => {
                let mut request = self.agent.get(&url);
                if let Some(auth) = &auth {
                    request = request.header("Authorization", auth);
                }
                request.header("Accept", accept).call()
            }
        };
        match result {
            Ok(mut response) => {
                let status = response.status().as_u16();
                let retry_after = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                let text = response.body_mut().with_config().limit(256 * 1024 * 1024).read_to_string();
                Fetched::Answer { status, body: text.map_err(|e| self.redact(&e.to_string())), retry_after }
            }
            Err(error) => {
                let message = self.redact(&error.to_string());
                if reached_nothing(&error) {
                    Fetched::NotSent(message)
                } else {
                    Fetched::Unknown(message)
                }
            }
        }
    }
}

/// What a request for text came to: as [`Sent`], with the body as text.
#[derive(Clone, Debug, PartialEq)]
pub enum Fetched {
    /// The server answered.
    Answer {
        /// The HTTP status.
        status: u16,
        /// The body (at most 256 MiB), or why it could not be read.
        body: Result<String, String>,
        /// `Retry-After`, in seconds, when the server sent one.
        retry_after: Option<Duration>,
    },
    /// The request did not reach the server.
    NotSent(String),
    /// The request may have reached the server.
    Unknown(String),
}

impl Client {
    fn redact(&self, text: &str) -> String {
        match &self.credentials {
            Some(credentials) => credentials.redact(text),
            None => text.to_owned(),
        }
    }
}

/// True for errors that happen before the request can reach the server.
fn reached_nothing(error: &ureq::Error) -> bool {
    use ureq::Error;
    match error {
        Error::HostNotFound | Error::ConnectionFailed | Error::BadUri(_) | Error::InvalidProxyUrl => true,
        Error::ConnectProxyFailed(_) | Error::RequireHttpsOnly(_) | Error::TlsRequired => true,
        Error::Timeout(kind) => matches!(kind, ureq::Timeout::Resolve | ureq::Timeout::Connect),
        Error::Io(e) => matches!(
            e.kind(),
            std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::AddrNotAvailable | std::io::ErrorKind::NotFound
        ),
        _ => false,
    }
}

/// A DOI as a path segment: `/` kept (DOIs are paths in the API), anything a URL path cannot
/// hold percent-encoded.
fn path_segment(doi: &str) -> String {
    let mut out = String::with_capacity(doi.len());
    for b in doi.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b':'
                    | b'@'
                    | b'!'
                    | b'$'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'('
                    | b')'
                    | b'*'
                    | b'\''
            )
        {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois_become_path_segments() {
        assert_eq!(path_segment("10.5072/abc-1"), "10.5072/abc-1");
        assert_eq!(path_segment("10.5072/a b#c?d%"), "10.5072/a%20b%23c%3Fd%25");
    }
}
