//! The uploader against the fake DataCite server: every DOI created exactly once whatever the
//! faults (errors, 429, dropped connections, lost answers), existing DOIs left alone unless
//! `--update`, DataCite's refusals as located diagnostics, the rate kept on an injected clock.

use std::sync::Arc;
use std::time::Duration;

use crosswalk_client::{
    Backoff, Client, ClientOptions, Clock, Credentials, Endpoint, Job, ManualClock, Rate, RateLimiter, State, Status,
    UploadOptions, Uploader,
};
use crosswalk_fake_datacite::{FakeDataCite, Fault, Options};
use serde_json::{json, Value};

fn credentials() -> Credentials {
    let options = Options::default();
    Credentials::new(options.username, options.password)
}

fn uploader(server: &FakeDataCite, state: State, options: UploadOptions) -> (Uploader, Arc<ManualClock>) {
    let endpoint = Endpoint::custom(&server.url()).unwrap();
    let client_options = ClientOptions { timeout: Duration::from_secs(30), connections: 4 };
    let client = Client::new(&endpoint, credentials(), &client_options);
    let clock = Arc::new(ManualClock::default());
    let limiter = RateLimiter::new(Rate::Unlimited, clock.as_ref());
    (Uploader::new(client, state, limiter, Arc::clone(&clock) as Arc<dyn Clock>, options), clock)
}

fn state(server: &FakeDataCite) -> State {
    State::in_memory(&server.url(), "TEST.REPO").unwrap()
}

/// A publishable payload of record `i`, with only a prefix (Crosswalk draws the suffix).
fn payload(i: usize, title: &str) -> Value {
    json!({"data": {"type": "dois", "attributes": {
        "prefix": "10.5072", "event": "publish", "url": format!("https://repo.example.org/{i}"),
        "creators": [{"name": "Doe, Jane"}], "titles": [{"title": title}], "publisher": "Example Press",
        "publicationYear": 2024, "types": {"resourceTypeGeneral": "Dataset"}
    }}})
}

fn job(i: usize, payload: Value) -> Job {
    Job { input: "catalog.jsonl".into(), record: i as u64 + 1, key: None, payload }
}

#[test]
fn payloads_are_created_once_and_a_rerun_sends_nothing() {
    let server = FakeDataCite::start(Options::default());
    let (up, _) = uploader(&server, state(&server), UploadOptions::default());
    for i in 0..20 {
        let done = up.upload(&job(i, payload(i, "First"))).unwrap();
        assert_eq!(done.status, Status::Created, "{done:?}");
        assert_eq!(done.server_state.as_deref(), Some("findable"));
        let doi = done.doi.unwrap();
        assert!(crosswalk_client::upload::suffix_checks(doi.trim_start_matches("10.5072/")), "{doi}");
    }
    assert_eq!(server.dois().len(), 20);
    let requests = server.requests();
    for i in 0..20 {
        assert_eq!(up.upload(&job(i, payload(i, "First"))).unwrap().status, Status::Unchanged);
    }
    assert_eq!(server.requests(), requests, "unchanged payloads send nothing");
    // A changed payload is not sent without --update.
    let done = up.upload(&job(3, payload(3, "Second"))).unwrap();
    assert_eq!(done.status, Status::Failed);
    assert_eq!(done.diagnostics[0].code, "datacite.changed");
}

#[test]
fn every_doi_is_created_exactly_once_whatever_the_faults() {
    // One request in ten fails: errors before and after processing, 429, dropped and lost answers.
    let script: crosswalk_fake_datacite::Script = Arc::new(|n| match n % 10 {
        3 => Some(match (n / 10) % 6 {
            0 => Fault::Status(500),
            1 => Fault::Status(503),
            2 => Fault::TooMany(Some(7)),
            3 => Fault::Drop,
            4 => Fault::LoseResponse,
            _ => Fault::Status(504),
        }),
        _ => None,
    });
    let server = FakeDataCite::start(Options { script: Some(script), ..Options::default() });
    let options = UploadOptions { backoff: Backoff { retries: 8, ..Backoff::default() }, ..UploadOptions::default() };
    let (up, clock) = uploader(&server, state(&server), options);
    let total = 5000;
    let up = &up;
    let done: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..4)
            .map(|w| {
                scope.spawn(move || {
                    (w..total)
                        .step_by(4)
                        .map(|i| (i, up.upload(&job(i, payload(i, &format!("Title {i}")))).unwrap()))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    assert_eq!(done.len(), total);
    for (i, d) in &done {
        assert_eq!(d.status, Status::Created, "record {i}: {d:?}");
    }
    let held = server.dois();
    assert_eq!(held.len(), total, "each record gave exactly one DOI");
    let mut urls: Vec<&str> = held.values().map(|s| s.attributes["url"].as_str().unwrap()).collect();
    urls.sort_unstable();
    urls.dedup();
    assert_eq!(urls.len(), total, "no record was registered twice");
    // The state accounts for every record, and the waits were those of the back-off (no clock).
    assert_eq!(up.state().counts().unwrap(), vec![(Status::Created, total as u64)]);
    assert!(clock.slept() > Duration::ZERO);
    assert!(up.counters().retries.load(std::sync::atomic::Ordering::Relaxed) > 0);
}

#[test]
fn a_lost_answer_is_looked_up_before_anything_is_sent_again() {
    // The first request is done and its answer lost; the uploader must find its DOI, not draw another.
    let script: crosswalk_fake_datacite::Script = Arc::new(|n| (n == 1).then_some(Fault::LoseResponse));
    let server = FakeDataCite::start(Options { script: Some(script), ..Options::default() });
    let (up, _) = uploader(&server, state(&server), UploadOptions::default());
    let done = up.upload(&job(0, payload(0, "Once"))).unwrap();
    assert_eq!(done.status, Status::Created, "{done:?}");
    assert_eq!(server.dois().len(), 1);
    let methods: Vec<String> = server.seen().iter().map(|s| s.method.clone()).collect();
    assert_eq!(methods, ["POST", "GET"], "the second request asks, it does not create");
}

#[test]
fn a_run_killed_after_sending_continues_without_a_second_doi() {
    let dir = std::env::temp_dir().join(format!("crosswalk-upload-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("upload.db");
    // The first "process": its request is done, and it dies before the answer is written (the
    // fault loses the answer, and every retry is refused as a network failure would be).
    let script: crosswalk_fake_datacite::Script = Arc::new(|n| match n {
        1 => Some(Fault::LoseResponse),
        _ => Some(Fault::Drop),
    });
    let first = FakeDataCite::start(Options { script: Some(script), ..Options::default() });
    let options = UploadOptions { backoff: Backoff { retries: 0, ..Backoff::default() }, ..UploadOptions::default() };
    let (up, _) = uploader(&first, State::open(&path, "fake", "TEST.REPO").unwrap(), options);
    let done = up.upload(&job(0, payload(0, "Killed"))).unwrap();
    assert_eq!(done.status, Status::Uncertain, "{done:?}");
    let created = first.dois();
    assert_eq!(created.len(), 1);
    drop(up);
    // The next run, against a server that holds what the first request did.
    let second = FakeDataCite::start(Options::default());
    for (doi, stored) in &created {
        second.insert(doi, &stored.state, Value::Object(stored.attributes.clone()));
    }
    let (up, _) = uploader(&second, State::open(&path, "fake", "TEST.REPO").unwrap(), UploadOptions::default());
    let done = up.upload(&job(0, payload(0, "Killed"))).unwrap();
    assert_eq!(done.status, Status::Created, "{done:?}");
    assert_eq!(second.dois().len(), 1, "no second DOI");
    assert_eq!(second.seen().iter().map(|s| s.method.as_str()).collect::<Vec<_>>(), ["GET"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_existing_doi_is_left_alone_unless_update() {
    let server = FakeDataCite::start(Options::default());
    server.insert(
        "10.5072/theirs",
        "findable",
        json!({"url": "https://elsewhere.example/1", "titles": [{"title": "Theirs"}]}),
    );
    let mut mine = payload(0, "Mine");
    mine["data"]["attributes"]["doi"] = json!("10.5072/theirs");
    let (up, _) = uploader(&server, state(&server), UploadOptions::default());
    let done = up.upload(&job(0, mine.clone())).unwrap();
    assert_eq!(done.status, Status::Failed);
    assert_eq!(done.diagnostics[0].code, "datacite.doi-taken");
    assert_eq!(server.dois()["10.5072/theirs"].attributes["titles"][0]["title"], "Theirs");
    let (up, _) = uploader(&server, state(&server), UploadOptions { update: true, ..UploadOptions::default() });
    let done = up.upload(&job(0, mine)).unwrap();
    assert_eq!(done.status, Status::Updated, "{done:?}");
    assert_eq!(server.dois()["10.5072/theirs"].attributes["titles"][0]["title"], "Mine");
}

#[test]
fn refusals_are_diagnostics_at_the_attribute() {
    let server = FakeDataCite::start(Options::default());
    let (up, _) = uploader(&server, state(&server), UploadOptions::default());
    let mut no_url = payload(0, "No url");
    no_url["data"]["attributes"].as_object_mut().unwrap().remove("url");
    let done = up.upload(&job(0, no_url)).unwrap();
    assert_eq!(done.status, Status::Failed);
    assert_eq!(done.diagnostics[0].code, "datacite.url");
    assert_eq!(done.diagnostics[0].location.path.as_deref(), Some("/url"));
    // A nameIdentifier without its scheme: DataCite's baffling message, explained.
    let xml = r#"<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">10.5072/x</identifier>
      <creators><creator><creatorName>Doe, Jane</creatorName><nameIdentifier>0000-0002-1825-0097</nameIdentifier></creator></creators>
      <titles><title>T</title></titles><publisher>P</publisher><publicationYear>2024</publicationYear>
      <resourceType resourceTypeGeneral="Dataset"/></resource>"#;
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(xml);
    let with_xml = json!({"data": {"type": "dois", "attributes": {"prefix": "10.5072", "event": "publish", "url": "https://repo.example.org/x", "xml": encoded}}});
    let done = up.upload(&job(1, with_xml)).unwrap();
    assert_eq!(done.status, Status::Failed);
    assert_eq!(done.diagnostics[0].code, "datacite.no-document-element", "{done:?}");
    assert!(done.diagnostics[0].message.contains("nameIdentifierScheme"));
}

#[test]
fn wrong_credentials_stop_the_run() {
    let server = FakeDataCite::start(Options { password: "other".into(), ..Options::default() });
    let (up, _) = uploader(&server, state(&server), UploadOptions::default());
    let stop = up.upload(&job(0, payload(0, "T"))).unwrap_err();
    assert!(matches!(stop, crosswalk_client::Stop::Credentials(_)), "{stop}");
    assert!(!stop.to_string().contains("secret-password"));
}

#[test]
fn the_rate_is_kept_on_an_injected_clock() {
    let clock = ManualClock::default();
    // 300 per 5 minutes: one a second, at most 10 seconds' worth at once.
    let limiter = RateLimiter::new(Rate::Per5Minutes(300), &clock);
    for _ in 0..1010 {
        limiter.acquire(&clock);
    }
    let slept = clock.slept().as_secs_f64();
    assert!((slept - 1000.0).abs() < 1.0, "{slept}");
}

#[test]
fn a_dry_run_sends_nothing_and_changes_nothing() {
    let server = FakeDataCite::start(Options::default());
    let (up, _) = uploader(&server, state(&server), UploadOptions { dry_run: true, ..UploadOptions::default() });
    let done = up.upload(&job(0, payload(0, "T"))).unwrap();
    assert_eq!(done.would, Some("create"));
    assert_eq!(server.requests(), 0);
    assert!(up.state().counts().unwrap().is_empty());
}
