//! Registering records with DataCite from a program: the payload of a record becomes an upload
//! [`Job`] for [`crosswalk_client::Uploader`], which sends it exactly once.
//!
//! ```no_run
//! use std::sync::Arc;
//! use crosswalk::client::{Client, ClientOptions, Credentials, Endpoint, Rate, RateLimiter, State, SystemClock, UploadOptions, Uploader};
//! use crosswalk::{payload_for_record, read, validate_payload, Event, Format, PayloadOptions, ValidateOptions};
//!
//! let endpoint = Endpoint::Test;
//! let credentials = Credentials::from_env()?;
//! let state = State::open("upload.db".as_ref(), endpoint.base(), credentials.username())?;
//! let clock = Arc::new(SystemClock::default());
//! let limiter = RateLimiter::new(Rate::Per5Minutes(500), clock.as_ref());
//! let client = Client::new(&endpoint, credentials, &ClientOptions::default());
//! let uploader = Uploader::new(client, state, limiter, clock, UploadOptions::default());
//! let options = PayloadOptions { prefix: Some("10.5072".into()), event: Some(Event::Publish), ..Default::default() };
//! for record in read(&std::fs::read("catalog.ris")?, Format::Ris)? {
//!     let payload = payload_for_record(&record, &options)?;
//!     if validate_payload(&payload, &ValidateOptions::default()).iter().any(|d| d.is_error()) {
//!         continue; // DataCite would refuse it
//!     }
//!     let done = uploader.upload(&crosswalk::upload::job("catalog.ris", &record, &payload))?;
//!     println!("{:?} {:?}", done.status, done.doi);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crosswalk_client::Job;
use crosswalk_model::Record;

use crate::Payload;

/// The upload job of `payload`, built for `record` of the input named `input`: the record is
/// known across runs by its input and its key (or number), as the state file remembers it.
pub fn job(input: &str, record: &Record, payload: &Payload) -> Job {
    Job {
        input: input.to_owned(),
        record: record.origin.index as u64 + 1,
        key: record.origin.key.clone(),
        payload: serde_json::to_value(payload).unwrap_or_default(),
    }
}
