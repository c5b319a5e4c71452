//! `fake-datacite`: the fake DataCite server as a program, for tests written in other languages
//! (the Python binding's pytest tests spawn it).
//!
//! ```text
//! fake-datacite [--username U] [--password P] [--prefix 10.5072]... [--records N]
//!               [--oai-page-size N] [--oai-bad-token-at N]... [--duplicate-across-pages]
//!               [--drop-filters-in-next] [--fault N=KIND]...
//! ```
//!
//! It starts the server on a free port of 127.0.0.1, prints its URL on one line of standard
//! output, and serves until standard input closes. `--records N` puts N findable DOIs in it
//! (`10.5072/rec-00000` …, under the first prefix, each with the properties a Findable DOI needs
//! and the url `https://example.org/rec/I`). `--fault N=KIND` scripts request number N (1-based,
//! in arrival order): `500` (any status), `429` or `429:S` (`Retry-After: S`), `503` or `503:S`,
//! `drop` (closed before processing), `lose` (processed, its answer lost). Faults are chosen by
//! request number, never by a timer.
//!
//! While it runs, a line on standard input asks for what it holds, answered by one line of JSON
//! on standard output: `dois` (every DOI: `doi`, `state`, `attributes`, `created_by`, `updates`),
//! `seen` (every request: `number`, `method`, `path`, `status`, `authorized`), `requests` (how
//! many).

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::sync::Arc;

use crosswalk_fake_datacite::{FakeDataCite, Fault, Options};
use serde_json::{json, Value};

fn fault_of(kind: &str) -> Result<Fault, String> {
    let (name, after) = match kind.split_once(':') {
        Some((name, after)) => {
            (name, Some(after.parse::<u64>().map_err(|_| format!("--fault: {after:?} is not a number of seconds"))?))
        }
        None => (kind, None),
    };
    Ok(match name {
        "drop" => Fault::Drop,
        "lose" => Fault::LoseResponse,
        "429" => Fault::TooMany(after),
        "503" => Fault::Unavailable(after),
        status => Fault::Status(status.parse().map_err(|_| format!("--fault: unknown kind {kind:?}"))?),
    })
}

fn parse(args: Vec<String>) -> Result<(Options, usize), String> {
    let mut options = Options::default();
    let mut prefixes = Vec::new();
    let mut records = 0usize;
    let mut faults: BTreeMap<u64, Fault> = BTreeMap::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        let number =
            |text: String, name: &str| text.parse::<u64>().map_err(|_| format!("{name}: {text:?} is not a number"));
        match arg.as_str() {
            "--username" => options.username = value(&arg)?,
            "--password" => options.password = value(&arg)?,
            "--prefix" => prefixes.push(value(&arg)?),
            "--records" => records = usize::try_from(number(value(&arg)?, &arg)?).unwrap_or(0),
            "--oai-page-size" => options.oai_page_size = usize::try_from(number(value(&arg)?, &arg)?).unwrap_or(50),
            "--oai-bad-token-at" => options.oai_bad_token_at.push(number(value(&arg)?, &arg)?),
            "--duplicate-across-pages" => options.duplicate_across_pages = true,
            "--drop-filters-in-next" => options.drop_filters_in_next = true,
            "--fault" => {
                let text = value(&arg)?;
                let (n, kind) = text.split_once('=').ok_or_else(|| format!("--fault {text}: give N=KIND"))?;
                faults.insert(number(n.to_owned(), "--fault")?, fault_of(kind)?);
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if !prefixes.is_empty() {
        options.prefixes = prefixes;
    }
    if !faults.is_empty() {
        options.script = Some(Arc::new(move |n| faults.get(&n).cloned()));
    }
    Ok((options, records))
}

fn answer(server: &FakeDataCite, command: &str) -> Value {
    match command {
        "dois" => Value::Array(
            server
                .dois()
                .into_values()
                .map(|s| {
                    json!({"doi": s.doi, "state": s.state, "attributes": s.attributes,
                           "created_by": s.created_by, "updates": s.updates})
                })
                .collect(),
        ),
        "seen" => Value::Array(
            server
                .seen()
                .into_iter()
                .map(|s| {
                    json!({"number": s.number, "method": s.method, "path": s.path, "status": s.status,
                           "authorized": s.authorized})
                })
                .collect(),
        ),
        "requests" => json!(server.requests()),
        other => json!({"error": format!("unknown command {other:?}; ask dois, seen or requests")}),
    }
}

fn main() {
    let (options, records) = match parse(std::env::args().skip(1).collect()) {
        Ok(parsed) => parsed,
        Err(message) => {
            let usage = "usage: fake-datacite [--username U] [--password P] [--prefix P]... [--records N] \
                         [--oai-page-size N] [--oai-bad-token-at N]... [--duplicate-across-pages] \
                         [--drop-filters-in-next] [--fault N=KIND]...";
            if message.is_empty() {
                println!("{usage}");
                return;
            }
            eprintln!("fake-datacite: {message}\n{usage}");
            std::process::exit(2);
        }
    };
    let prefix = options.prefixes.first().cloned().unwrap_or_else(|| "10.5072".into());
    let server = FakeDataCite::start(options);
    for i in 0..records {
        server.insert(
            &format!("{prefix}/rec-{i:05}"),
            "findable",
            json!({"creators": [{"name": "Doe, Jane", "nameType": "Personal"}],
                   "titles": [{"title": format!("Record {i}")}], "publisher": "Example Press",
                   "publicationYear": 2024, "types": {"resourceTypeGeneral": "Dataset"},
                   "url": format!("https://example.org/rec/{i}")}),
        );
    }
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{}", server.url()).and_then(|()| out.flush()).is_err() {
        return;
    }
    drop(out);
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let command = line.trim();
        if command.is_empty() {
            continue;
        }
        let mut out = std::io::stdout().lock();
        if writeln!(out, "{}", answer(&server, command)).and_then(|()| out.flush()).is_err() {
            break;
        }
    }
}
