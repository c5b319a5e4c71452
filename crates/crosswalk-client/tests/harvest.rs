//! Harvesting the fake DataCite server: 10,000 records by cursor, the filters kept although the
//! `next` links drop them, duplicates across pages left out, 429 and 503 mid-harvest, a run
//! stopped mid-way and resumed from its cursor: every record exactly once.

use std::sync::Arc;
use std::time::Duration;

use crosswalk_client::harvest::{HarvestError, Harvester, ListQuery};
use crosswalk_client::{Backoff, Client, ClientOptions, Clock, Endpoint, ManualClock, Rate, RateLimiter, State};
use crosswalk_fake_datacite::{FakeDataCite, Fault, Options};
use serde_json::{json, Value};

fn server(options: Options, n: usize) -> FakeDataCite {
    let server = FakeDataCite::start(options);
    for i in 0..n {
        let group = if i % 2 == 0 { "even" } else { "odd" };
        server.insert(
            &format!("10.5072/h-{i}"),
            "findable",
            json!({"titles": [{"title": format!("Record {i} of the {group} group")}], "url": format!("https://x.org/{i}")}),
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
    let endpoint = Endpoint::custom(&server.url()).unwrap();
    let client = Client::anonymous(&endpoint, &ClientOptions { timeout: Duration::from_secs(30), connections: 1 });
    let clock = Arc::new(ManualClock::default());
    let limiter = RateLimiter::new(Rate::Per5Minutes(1000), clock.as_ref());
    Run { client, limiter, clock }
}

fn harvester<'a>(run: &'a Run, state: &'a State, server: &FakeDataCite) -> Harvester<'a> {
    Harvester {
        client: &run.client,
        state,
        limiter: &run.limiter,
        clock: Arc::clone(&run.clock) as Arc<dyn Clock>,
        backoff: Backoff { retries: 4, ..Backoff::default() },
        endpoint: server.url(),
    }
}

fn dois(output: &[Value]) -> Vec<String> {
    output.iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn every_record_once_with_the_filters_kept_whatever_the_server_does() {
    // The next links drop the filters, pages repeat a record, a 429 and a 503 come mid-way.
    let script: crosswalk_fake_datacite::Script = Arc::new(|n| match n {
        4 => Some(Fault::TooMany(Some(20))),
        7 => Some(Fault::Status(503)),
        _ => None,
    });
    let options = Options {
        script: Some(script),
        drop_filters_in_next: true,
        duplicate_across_pages: true,
        ..Options::default()
    };
    let server = server(options, 10_000);
    let run = run(&server);
    let state = State::in_memory(&server.url(), "").unwrap();
    let query = ListQuery { params: vec![("query".into(), "even group".into())], page_size: 1000, detail: false };
    let mut output: Vec<Value> = Vec::new();
    let summary = harvester(&run, &state, &server)
        .run(&query, |page| {
            output.extend(page.items.iter().cloned());
            Ok(output.len() as u64)
        })
        .unwrap();
    assert!(summary.done);
    let got = dois(&output);
    assert_eq!(got.len(), 5000, "only the even records (the filter kept), each once");
    let mut unique = got.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 5000);
    assert!(summary.duplicates > 0, "the repeated records were seen and left out");
    assert!(run.clock.slept() >= Duration::from_secs(20), "the 429's Retry-After was honoured");
    // A rerun of a finished harvest asks nothing.
    let requests = server.requests();
    let again = harvester(&run, &state, &server).run(&query, |_| panic!("nothing to write")).unwrap();
    assert!(again.done);
    assert_eq!(server.requests(), requests);
}

#[test]
fn a_harvest_stopped_mid_way_continues_from_its_cursor() {
    let server = server(Options { duplicate_across_pages: true, ..Options::default() }, 2500);
    let run = run(&server);
    let dir = std::env::temp_dir().join(format!("crosswalk-harvest-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("harvest.db");
    let query = ListQuery { params: vec![], page_size: 100, detail: false };
    // The output as bytes: one line a record; the run dies while writing its 7th page (half of
    // it written, not recorded).
    let mut output: Vec<u8> = Vec::new();
    {
        let state = State::open(&path, &server.url(), "").unwrap();
        let mut pages = 0;
        let stopped = harvester(&run, &state, &server).run(&query, |page| {
            pages += 1;
            for (i, item) in page.items.iter().enumerate() {
                if pages == 7 && i == page.items.len() / 2 {
                    return Err("killed".into());
                }
                output.extend_from_slice(item["id"].as_str().unwrap().as_bytes());
                output.push(b'\n');
            }
            Ok(output.len() as u64)
        });
        assert!(matches!(stopped, Err(HarvestError::Write(_))));
    }
    let state = State::open(&path, &server.url(), "").unwrap();
    let resume = harvester(&run, &state, &server).resume(&query).unwrap().unwrap();
    assert_eq!(resume.pages, 6);
    // The rerun cuts the output back to what the state recorded, and goes on.
    output.truncate(resume.output_len as usize);
    let summary = harvester(&run, &state, &server)
        .run(&query, |page| {
            for item in &page.items {
                output.extend_from_slice(item["id"].as_str().unwrap().as_bytes());
                output.push(b'\n');
            }
            Ok(output.len() as u64)
        })
        .unwrap();
    assert!(summary.done);
    let lines: Vec<&str> = std::str::from_utf8(&output).unwrap().lines().collect();
    assert_eq!(lines.len(), 2500, "every record once across the two runs");
    let mut unique = lines.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 2500);
    let _ = std::fs::remove_dir_all(&dir);
}
