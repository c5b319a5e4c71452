//! Where requests go and who sends them: the DataCite API endpoint and the repository
//! account's credentials, which come from the environment only.

use std::fmt;

use crate::rate::Rate;

/// The environment variable holding the repository account's id (`ORG.REPO`).
pub const USERNAME_VAR: &str = "DATACITE_USERNAME";
/// The environment variable holding its password.
pub const PASSWORD_VAR: &str = "DATACITE_PASSWORD";
/// The environment variable holding a contact address for the `User-Agent` (`mailto:`).
pub const MAILTO_VAR: &str = "DATACITE_MAILTO";

/// A DataCite REST API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// The test system, `https://api.test.datacite.org` (the default: nothing real happens).
    Test,
    /// The production system, `https://api.datacite.org`.
    Production,
    /// Another server with the same API (a local copy, a test server); `http://` only on a
    /// loopback address.
    Custom(String),
}

impl Endpoint {
    /// A custom endpoint, checked: `https://`, or `http://` on a loopback address (credentials
    /// are never sent in clear over a network).
    ///
    /// ```
    /// use crosswalk_client::Endpoint;
    ///
    /// assert!(Endpoint::custom("http://127.0.0.1:8080").is_ok());
    /// assert!(Endpoint::custom("https://datacite.example.org/").is_ok());
    /// assert!(Endpoint::custom("http://datacite.example.org").is_err());
    /// ```
    pub fn custom(url: &str) -> Result<Endpoint, String> {
        let url = url.trim().trim_end_matches('/');
        if let Some(rest) = url.strip_prefix("http://") {
            let host = rest.split(['/', '?']).next().unwrap_or_default();
            let host =
                host.rsplit_once(':')
                    .map_or(host, |(h, port)| if port.bytes().all(|b| b.is_ascii_digit()) { h } else { host });
            let loopback = host == "localhost"
                || host == "[::1]"
                || host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback());
            if !loopback {
                return Err(format!("{url}: plain http:// is refused except on a loopback address; use https://"));
            }
        } else if !url.starts_with("https://") {
            return Err(format!("{url}: an endpoint is an https:// URL (or http:// on a loopback address)"));
        }
        Ok(Endpoint::Custom(url.to_owned()))
    }

    /// The base URL, without a trailing slash.
    pub fn base(&self) -> &str {
        match self {
            Endpoint::Test => "https://api.test.datacite.org",
            Endpoint::Production => "https://api.datacite.org",
            Endpoint::Custom(url) => url,
        }
    }

    /// The requests per 5 minutes DataCite allows on this system: 750 on the test system, 3,000
    /// with credentials on production; a custom server: the production figure.
    pub fn limit_per_5_minutes(&self) -> u32 {
        match self {
            Endpoint::Test => 750,
            Endpoint::Production | Endpoint::Custom(_) => 3000,
        }
    }

    /// The rate used when none is given: the test system's limit there, DataCite's
    /// recommendation for sustained bulk work on production (500 per 5 minutes).
    pub fn default_rate_per_5_minutes(&self) -> u32 {
        match self {
            Endpoint::Test => 750,
            Endpoint::Production | Endpoint::Custom(_) => 500,
        }
    }
}

impl Endpoint {
    /// The rate of an upload to this endpoint: `asked` (as [`Rate::parse`] reads it), or
    /// [`Endpoint::default_rate_per_5_minutes`]; never above what DataCite allows
    /// ([`Endpoint::limit_per_5_minutes`]), and `unlimited` only for a server of one's own
    /// (a custom endpoint). `crosswalk upload --rate` and the Python module's `upload(rate=…)`.
    ///
    /// ```
    /// use crosswalk_client::{Endpoint, Rate};
    ///
    /// assert_eq!(Endpoint::Test.upload_rate(None), Ok(Rate::Per5Minutes(750)));
    /// assert_eq!(Endpoint::Production.upload_rate(Some("300/5m")), Ok(Rate::Per5Minutes(300)));
    /// assert!(Endpoint::Production.upload_rate(Some("unlimited")).is_err());
    /// assert!(Endpoint::Test.upload_rate(Some("1000/5m")).is_err());
    /// assert_eq!(Endpoint::custom("http://127.0.0.1:9").unwrap().upload_rate(Some("unlimited")), Ok(Rate::Unlimited));
    /// ```
    pub fn upload_rate(&self, asked: Option<&str>) -> Result<Rate, String> {
        let rate = match asked {
            None => Rate::Per5Minutes(self.default_rate_per_5_minutes()),
            Some(text) => Rate::parse(text)?,
        };
        let custom = matches!(self, Endpoint::Custom(_));
        match rate {
            Rate::Unlimited if !custom => {
                Err("--rate unlimited is only for a server of your own (--endpoint); DataCite allows at most 3000/5m"
                    .into())
            }
            Rate::Per5Minutes(n) if !custom && n > self.limit_per_5_minutes() => {
                Err(format!("--rate {n}/5m is above what {self} allows ({}/5m)", self.limit_per_5_minutes()))
            }
            rate => Ok(rate),
        }
    }

    /// The rate of a reading client (`fetch`, `harvest`): DataCite's tier for it (500 requests
    /// per 5 minutes anonymous, 1,000 with a `mailto` in `DATACITE_MAILTO`, 3,000 with
    /// credentials; 750 on the test system), or `asked` within it (anything, `unlimited` too, on
    /// a custom endpoint).
    ///
    /// ```
    /// use crosswalk_client::{Endpoint, Rate};
    ///
    /// assert_eq!(Endpoint::Test.reading_rate(None, false), Ok(Rate::Per5Minutes(750)));
    /// assert_eq!(Endpoint::Production.reading_rate(None, true), Ok(Rate::Per5Minutes(3000)));
    /// assert!(Endpoint::Production.reading_rate(Some("unlimited"), true).is_err());
    /// ```
    pub fn reading_rate(&self, asked: Option<&str>, authenticated: bool) -> Result<Rate, String> {
        let mailto = std::env::var(MAILTO_VAR).is_ok_and(|m| m.contains('@'));
        let tier = match self {
            Endpoint::Test => 750,
            _ if authenticated => 3000,
            _ if mailto => 1000,
            _ => 500,
        };
        let custom = matches!(self, Endpoint::Custom(_));
        match asked.map(Rate::parse).transpose()? {
            None => Ok(Rate::Per5Minutes(tier)),
            Some(Rate::Unlimited) if custom => Ok(Rate::Unlimited),
            Some(Rate::Per5Minutes(n)) if custom || n <= tier => Ok(Rate::Per5Minutes(n)),
            Some(_) => Err(format!("--rate is above what DataCite allows this client ({tier}/5m)")),
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Test => write!(f, "the DataCite test system ({})", self.base()),
            Endpoint::Production => write!(f, "DataCite production ({})", self.base()),
            Endpoint::Custom(url) => f.write_str(url),
        }
    }
}

/// A repository account's credentials. They come from the environment only, and are never
/// shown: `Debug` hides the password, and there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    username: String,
    password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials").field("username", &self.username).field("password", &"<hidden>").finish()
    }
}

impl Credentials {
    /// Credentials given by the program (repository software embedding the library).
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials { username: username.into(), password: password.into() }
    }

    /// The credentials of `DATACITE_USERNAME` and `DATACITE_PASSWORD`; an error naming what is
    /// missing (never what is set).
    ///
    /// ```
    /// // With neither variable set:
    /// # std::env::remove_var("DATACITE_USERNAME");
    /// let missing = crosswalk_client::Credentials::from_env().unwrap_err();
    /// assert!(missing.contains("DATACITE_USERNAME"));
    /// ```
    pub fn from_env() -> Result<Credentials, String> {
        let read = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        match (read(USERNAME_VAR), read(PASSWORD_VAR)) {
            (Some(username), Some(password)) => Ok(Credentials { username, password }),
            (None, None) => {
                Err(format!("set {USERNAME_VAR} and {PASSWORD_VAR} (the repository account) in the environment"))
            }
            (None, Some(_)) => {
                Err(format!("set {USERNAME_VAR} (the repository account, such as ORG.REPO) in the environment"))
            }
            (Some(_), None) => Err(format!("set {PASSWORD_VAR} in the environment")),
        }
    }

    /// The repository account's id.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The `Authorization` header's value.
    pub(crate) fn basic(&self) -> String {
        use base64::Engine as _;
        let pair = format!("{}:{}", self.username, self.password);
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair))
    }

    /// `text` with the password (and its Basic encoding) blanked out, for error texts that
    /// might echo a request.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.replace(&self.password, "<hidden>");
        let basic = self.basic();
        if let Some(encoded) = basic.strip_prefix("Basic ") {
            out = out.replace(encoded, "<hidden>");
        }
        out
    }
}
