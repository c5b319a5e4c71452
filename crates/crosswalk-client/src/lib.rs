//! Crosswalk's DataCite REST API client: the only crate that touches the network, and only when
//! a command asks it to.
//!
//! It registers DOIs exactly once: [`upload::Uploader`] sends payloads with `POST /dois` and
//! `PUT /dois/{doi}`, inside DataCite's rate limits ([`RateLimiter`]), retrying what failed for
//! a while ([`Backoff`]), and records every step in a SQLite state ([`State`]) before taking it,
//! so that a run killed at any instant continues where it stopped and never creates a DOI twice.
//! Time is injected ([`Clock`]), so tests run limits and back-offs without waiting.

pub mod clock;
pub mod endpoint;
pub mod http;
pub mod rate;
pub mod retry;

pub use clock::{Clock, ManualClock, SystemClock};
pub use endpoint::{Credentials, Endpoint};
pub use http::{Client, ClientOptions, Sent};
pub use rate::{Rate, RateLimiter};
pub use retry::{Backoff, Jitter};
pub mod errors;
pub mod harvest;
pub mod oai;
pub mod state;
pub mod upload;

pub use state::{State, Status};
pub use upload::{Done, Job, Stop, UploadOptions, Uploader};
