//! Harvesting the fake server's OAI-PMH endpoint with an injected clock: pages by token with
//! duplicates across pages left out, flow control (503 with and without Retry-After, 429) waited
//! on the clock, an expired token restarting the list once, a second expiry stopping the run,
//! protocol errors, and a run stopped mid-way resumed from its token: every record once.

use std::sync::Arc;
use std::time::Duration;

use crosswalk_client::harvest::HarvestError;
use crosswalk_client::oai::{OaiHarvester, OaiQuery};
use crosswalk_client::{Backoff, Client, ClientOptions, Clock, Endpoint, ManualClock, Rate, RateLimiter, State};
use crosswalk_fake_datacite::{FakeDataCite, Fault, Options};
use serde_json::json;

fn server(options: Options, n: usize) -> FakeDataCite {
    let server = FakeDataCite::start(options);
    for i in 0..n {
        server.insert(
            &format!("10.5072/oai-{i:04}"),
            "findable",
            json!({"titles": [{"title": format!("Record {i}")}], "url": format!("https://x.org/{i}")}),
        );
    }
    server
}

struct Run {
    client: Client,
    limiter: RateLimiter,
    clock: Arc<ManualClock>,
}

fn run(server: &FakeDataCite) -> Run {
    let endpoint = Endpoint::custom(&format!("{}/oai", server.url())).unwrap();
    let client = Client::anonymous(&endpoint, &ClientOptions { timeout: Duration::from_secs(30), connections: 1 });
    let clock = Arc::new(ManualClock::default());
    let limiter = RateLimiter::new(Rate::Unlimited, clock.as_ref());
    Run { client, limiter, clock }
}

fn harvester<'a>(run: &'a Run, state: &'a State) -> OaiHarvester<'a> {
    OaiHarvester {
        client: &run.client,
        state,
        limiter: &run.limiter,
        clock: Arc::clone(&run.clock) as Arc<dyn Clock>,
        backoff: Backoff { retries: 3, ..Backoff::default() },
    }
}

fn query(server: &FakeDataCite, prefix: &str) -> OaiQuery {
    OaiQuery { base_url: format!("{}/oai", server.url()), metadata_prefix: prefix.into(), ..OaiQuery::default() }
}

#[test]
fn every_record_once_through_flow_control_and_an_expired_token() {
    let script: crosswalk_fake_datacite::Script = Arc::new(|n| match n {
        2 => Some(Fault::Unavailable(Some(120))),
        5 => Some(Fault::Unavailable(None)),
        6 => Some(Fault::TooMany(Some(30))),
        _ => None,
    });
    let options = Options {
        script: Some(script),
        oai_page_size: 30,
        duplicate_across_pages: true,
        oai_bad_token_at: vec![8],
        ..Options::default()
    };
    let server = server(options, 500);
    let run = run(&server);
    let state = State::in_memory(&server.url(), "").unwrap();
    let mut ids = Vec::new();
    let summary = harvester(&run, &state)
        .run(&query(&server, "oai_datacite"), |page| {
            assert!(page.items.iter().all(|i| i.metadata().is_some()));
            ids.extend(page.items.iter().map(|i| i.header.identifier.clone().unwrap()));
            Ok(ids.len() as u64)
        })
        .unwrap();
    assert!(summary.done);
    assert_eq!(summary.records, 500);
    assert!(summary.duplicates > 0, "pages repeat a record, and the restart repeats pages");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((ids.len(), unique.len()), (500, 500));
    // The waits were the clock's: Retry-After honoured (120 s and 30 s), plus a back-off.
    assert!(run.clock.now() >= Duration::from_secs(150), "{:?}", run.clock.now());
}

#[test]
fn a_token_that_expires_twice_in_a_run_stops_it_and_a_rerun_goes_on() {
    let options = Options { oai_page_size: 20, oai_bad_token_at: vec![3, 5], ..Options::default() };
    let server = server(options, 100);
    let run = run(&server);
    let state = State::in_memory(&server.url(), "").unwrap();
    let query = query(&server, "oai_dc");
    let mut ids = Vec::new();
    let error = harvester(&run, &state)
        .run(&query, |page| {
            ids.extend(page.items.iter().map(|i| i.header.identifier.clone().unwrap()));
            Ok(ids.len() as u64)
        })
        .unwrap_err();
    let HarvestError::Refused(found) = error else { panic!("{error}") };
    assert!(found[0].message.contains("badResumptionToken"), "{found:?}");
    // The state knows where it stopped; the rerun (fresh tokens) writes the rest, none twice.
    let summary = harvester(&run, &state)
        .run(&query, |page| {
            ids.extend(page.items.iter().map(|i| i.header.identifier.clone().unwrap()));
            Ok(ids.len() as u64)
        })
        .unwrap();
    assert!(summary.done);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((ids.len(), unique.len()), (100, 100));
}

#[test]
fn a_run_stopped_by_its_output_resumes_from_the_recorded_token() {
    let server = server(Options { oai_page_size: 25, ..Options::default() }, 100);
    let run = run(&server);
    let state = State::in_memory(&server.url(), "").unwrap();
    let query = query(&server, "datacite");
    let mut written: Vec<String> = Vec::new();
    let mut pages = 0;
    let error = harvester(&run, &state)
        .run(&query, |page| {
            pages += 1;
            if pages == 3 {
                return Err("disk full".into());
            }
            written.extend(page.items.iter().map(|i| i.header.identifier.clone().unwrap()));
            Ok(written.len() as u64)
        })
        .unwrap_err();
    assert!(matches!(error, HarvestError::Write(_)));
    let stood = harvester(&run, &state).resume(&query).unwrap().unwrap();
    assert_eq!((stood.pages, stood.records, stood.output_len), (2, 50, 50));
    let before = server.requests();
    let summary = harvester(&run, &state)
        .run(&query, |page| {
            assert!(!page.first);
            written.extend(page.items.iter().map(|i| i.header.identifier.clone().unwrap()));
            Ok(written.len() as u64)
        })
        .unwrap();
    assert_eq!(summary.records, 100);
    assert_eq!(server.requests() - before, 2, "pages 3 and 4 only");
    let mut unique = written.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 100);
}

#[test]
fn protocol_answers_empty_lists_and_refusals() {
    let server = server(Options::default(), 3);
    let run = run(&server);
    let state = State::in_memory(&server.url(), "").unwrap();
    let empty = OaiQuery { set: Some("NO.SUCH.SET".into()), ..query(&server, "oai_dc") };
    let summary = harvester(&run, &state).run(&empty, |_| Ok(0)).unwrap();
    assert!(summary.done);
    assert_eq!(summary.records, 0);
    let error = harvester(&run, &state).run(&query(&server, "mods"), |_| Ok(0)).unwrap_err();
    let HarvestError::Refused(found) = error else { panic!("{error}") };
    assert_eq!(found[0].code, "oai.error");
    assert!(found[0].message.contains("cannotDisseminateFormat"), "{found:?}");
}
