//! The facade's upload (`crosswalk::upload`, what `crosswalk upload` and the Python module's
//! `upload` run): records' payloads built, checked and sent by `send_all` over several
//! connections against the fake DataCite server; each record once, in order, a rerun sending
//! nothing; a payload DataCite would refuse not sent; a run stopped between records going on.

use std::sync::Arc;

use crosswalk::client::{
    Client, ClientOptions, Credentials, Endpoint, ManualClock, Rate, RateLimiter, State, UploadOptions, Uploader,
};
use crosswalk::upload::{self, Checks, Tally};
use crosswalk::{Event, Format, PayloadOptions};
use crosswalk_fake_datacite::{FakeDataCite, Options};

fn uploader(server: &FakeDataCite, state: State) -> Uploader {
    let options = Options::default();
    let endpoint = Endpoint::custom(&server.url()).unwrap();
    let client =
        Client::new(&endpoint, Credentials::new(options.username, options.password), &ClientOptions::default());
    let clock = Arc::new(ManualClock::default());
    let limiter = RateLimiter::new(Rate::Unlimited, clock.as_ref());
    Uploader::new(client, state, limiter, clock, UploadOptions::default())
}

fn catalog(n: usize) -> Vec<crosswalk::Record> {
    let mut lines = String::new();
    for i in 0..n {
        let creators = if i == 7 { "[]".to_owned() } else { r#"[{"name": "Doe, Jane"}]"#.to_owned() };
        lines.push_str(&format!(
            r#"{{"creators": {creators}, "titles": [{{"title": "Record {i}"}}], "publisher": "Example Press", "publicationYear": 2024, "types": {{"resourceTypeGeneral": "Dataset"}}}}"#
        ));
        lines.push('\n');
    }
    let mut records = crosswalk::read(lines.as_bytes(), Format::DataciteJson).unwrap();
    for record in &mut records {
        record.origin.input = Some("catalog.jsonl".into());
    }
    records
}

fn options() -> PayloadOptions {
    PayloadOptions {
        prefix: Some("10.5072".into()),
        event: Some(Event::Publish),
        url_template: Some("https://repo.example.org/{index}".into()),
        ..PayloadOptions::default()
    }
}

fn tally(run: &upload::Run) -> Tally {
    let mut tally = Tally::default();
    for sent in run.outcomes.iter().flatten() {
        tally.add(sent);
    }
    tally
}

#[test]
fn send_all_sends_each_record_once_in_order_and_a_rerun_nothing() {
    let server = FakeDataCite::start(Options::default());
    let state = State::in_memory(&server.url(), "TEST.REPO").unwrap();
    let up = uploader(&server, state);
    let records = catalog(40);
    let run = upload::send_all(&up, &records, &options(), Checks::default(), 4, || true);
    assert!(run.stop.is_none() && !run.interrupted);
    let t = tally(&run);
    assert_eq!((t.created, t.refused, t.failed), (39, 1, 0));
    let outcomes: Vec<&str> = run.outcomes.iter().map(|o| o.as_ref().unwrap().outcome()).collect();
    assert_eq!(outcomes[7], "refused");
    assert!(run.outcomes[7].as_ref().unwrap().diagnostics.iter().any(|d| d.code == "required.missing"));
    assert_eq!(outcomes.iter().filter(|o| **o == "created").count(), 39);
    // In order: record i got the url of its own index.
    for (i, sent) in run.outcomes.iter().enumerate().filter(|(i, _)| *i != 7) {
        let done = sent.as_ref().unwrap().done.as_ref().unwrap();
        assert_eq!(done.url.as_deref(), Some(format!("https://repo.example.org/{}", i + 1).as_str()));
    }
    assert_eq!(server.dois().len(), 39);
    let requests = server.requests();
    let again = upload::send_all(&up, &records, &options(), Checks::default(), 4, || true);
    let t = tally(&again);
    assert_eq!((t.unchanged, t.refused, t.created), (39, 1, 0));
    assert_eq!(server.requests(), requests);
}

#[test]
fn a_run_stopped_between_records_goes_on_where_it_stopped() {
    let server = FakeDataCite::start(Options::default());
    let state = State::in_memory(&server.url(), "TEST.REPO").unwrap();
    let up = uploader(&server, state);
    let records = catalog(6);
    let mut asked = 0;
    let run = upload::send_all(&up, &records, &options(), Checks::default(), 1, || {
        asked += 1;
        asked < 2
    });
    assert!(run.interrupted);
    assert_eq!(run.outcomes.iter().filter(|o| o.is_some()).count(), 2);
    assert!(run.outcomes[2..].iter().all(Option::is_none));
    let rest = upload::send_all(&up, &records, &options(), Checks::default(), 1, || true);
    let t = tally(&rest);
    assert_eq!((t.unchanged, t.created, t.refused), (2, 4, 0));
    assert_eq!(server.dois().len(), 6);
}
