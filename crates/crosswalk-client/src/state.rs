//! The state of an upload: one SQLite file, one row per record, every transition committed
//! before the next request.
//!
//! A record is known by its identity in the input (the input's name and the record's key, or
//! its number when it has no key). Its row holds the DOI chosen for it (written before the
//! request that creates it, so that a retry asks for the same DOI), the hash of the payload
//! last sent and of the one last registered, the status, attempts, the last HTTP status and
//! DataCite's last error. The file is in WAL mode with `synchronous=NORMAL`: a committed
//! transition survives the process being killed at any instant (a power failure may lose the
//! last few, which the lookup after an uncertain send recovers).
//!
//! The file also remembers the endpoint and account it was used with, and refuses another: a
//! state of the test system is no guide to production.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection, OptionalExtension};

/// Where a record stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Planned; nothing sent yet (its DOI may be chosen already).
    Pending,
    /// A request is on its way or its answer was lost: the server may have done it.
    Sent,
    /// DataCite created the DOI.
    Created,
    /// DataCite updated the DOI.
    Updated,
    /// The payload had been registered as it is; nothing was sent.
    Unchanged,
    /// DataCite refused it, or it could not be sent; the error says why.
    Failed,
    /// A lost answer that could not be resolved (with `--server-suffix`, whose DOI is unknown).
    Uncertain,
}

impl Status {
    /// The name stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Sent => "sent",
            Status::Created => "created",
            Status::Updated => "updated",
            Status::Unchanged => "unchanged",
            Status::Failed => "failed",
            Status::Uncertain => "uncertain",
        }
    }

    fn parse(text: &str) -> Status {
        match text {
            "sent" => Status::Sent,
            "created" => Status::Created,
            "updated" => Status::Updated,
            "unchanged" => Status::Unchanged,
            "failed" => Status::Failed,
            "uncertain" => Status::Uncertain,
            _ => Status::Pending,
        }
    }

    /// True when DataCite holds the record's payload (created, updated, or found so).
    pub fn registered(self) -> bool {
        matches!(self, Status::Created | Status::Updated | Status::Unchanged)
    }
}

/// A record as the state holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The identity in the input (see [`identity`]).
    pub identity: String,
    /// The input's name.
    pub input: String,
    /// The record's 1-based number in its input.
    pub record: u64,
    /// Its key in the source, if any.
    pub key: Option<String>,
    /// The DOI chosen for it or registered.
    pub doi: Option<String>,
    /// The landing page sent.
    pub url: Option<String>,
    /// Its status.
    pub status: Status,
    /// The hash of the payload last sent.
    pub sent_hash: Option<String>,
    /// The hash of the payload DataCite holds (after success).
    pub registered_hash: Option<String>,
    /// Requests sent for it.
    pub attempts: u32,
    /// The last HTTP status.
    pub http_status: Option<u16>,
    /// DataCite's last error, or why it could not be sent.
    pub error: Option<String>,
    /// The DOI's state at DataCite as last answered (`draft`, `registered`, `findable`).
    pub server_state: Option<String>,
}

/// A record's identity across runs: its input and its key when it has one, else its number.
///
/// ```
/// assert_eq!(crosswalk_client::state::identity("export.ris", 3, Some("cat-17")), "export.ris key cat-17");
/// assert_eq!(crosswalk_client::state::identity("export.ris", 3, None), "export.ris #3");
/// ```
pub fn identity(input: &str, record: u64, key: Option<&str>) -> String {
    match key {
        Some(key) => format!("{input} key {key}"),
        None => format!("{input} #{record}"),
    }
}

/// The upload state file.
pub struct State {
    connection: Mutex<Connection>,
}

/// Why the state cannot be used.
#[derive(Debug)]
pub struct StateError(pub String);

impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StateError {}

fn failed(what: &str) -> impl Fn(rusqlite::Error) -> StateError + '_ {
    move |e| StateError(format!("the state file: {what}: {e}"))
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    identity TEXT PRIMARY KEY,
    input TEXT NOT NULL,
    record INTEGER NOT NULL,
    key TEXT,
    doi TEXT,
    url TEXT,
    status TEXT NOT NULL,
    sent_hash TEXT,
    registered_hash TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    http_status INTEGER,
    error TEXT,
    server_state TEXT,
    first_seen INTEGER NOT NULL,
    changed INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS records_doi ON records (doi) WHERE doi IS NOT NULL;
CREATE TABLE IF NOT EXISTS harvests (
    signature TEXT PRIMARY KEY,
    cursor TEXT NOT NULL,
    output_len INTEGER NOT NULL,
    records INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    done INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS harvested (
    signature TEXT NOT NULL,
    doi TEXT NOT NULL,
    PRIMARY KEY (signature, doi)
) WITHOUT ROWID;
";

/// Where a harvest stands: what the state remembers of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Harvest {
    /// The cursor of the next page to ask for.
    pub cursor: String,
    /// How many bytes of output the records written so far take (a resumed harvest cuts its
    /// output back to this, then writes on).
    pub output_len: u64,
    /// Records written so far.
    pub records: u64,
    /// Pages read so far.
    pub pages: u64,
    /// True when the last page was read.
    pub done: bool,
}

impl State {
    /// Opens (or creates) the state file at `path` for `endpoint` and `account`; refuses a file
    /// made for another endpoint or account.
    pub fn open(path: &Path, endpoint: &str, account: &str) -> Result<State, StateError> {
        let connection = Connection::open(path)
            .map_err(|e| StateError(format!("cannot open the state file {}: {e}", path.display())))?;
        Self::setup(connection, endpoint, account)
    }

    /// A state in memory (for tests and dry runs of the library).
    pub fn in_memory(endpoint: &str, account: &str) -> Result<State, StateError> {
        Self::setup(Connection::open_in_memory().map_err(failed("open"))?, endpoint, account)
    }

    fn setup(connection: Connection, endpoint: &str, account: &str) -> Result<State, StateError> {
        connection
            .execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;")
            .map_err(failed("set up"))?;
        connection.execute_batch(SCHEMA).map_err(failed("create its tables"))?;
        for (key, value) in [("endpoint", endpoint), ("account", account)] {
            let known: Option<String> = connection
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| row.get(0))
                .optional()
                .map_err(failed("read"))?;
            match known {
                Some(known) if known != value => {
                    return Err(StateError(format!(
                        "the state file was made for {key} {known}, not {value}: use another --state file for it"
                    )))
                }
                Some(_) => {}
                None => {
                    connection
                        .execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", params![key, value])
                        .map_err(failed("write"))?;
                }
            }
        }
        Ok(State { connection: Mutex::new(connection) })
    }

    fn db(&self) -> MutexGuard<'_, Connection> {
        self.connection.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The row of `identity`, if the state has it.
    pub fn get(&self, identity: &str) -> Result<Option<Row>, StateError> {
        // Statements asked for every record are prepared once per connection (rusqlite's cache):
        // compiling the SQL each time was a large share of the client's own cost.
        self.db()
            .prepare_cached(
                "SELECT identity, input, record, key, doi, url, status, sent_hash, registered_hash, attempts, \
                 http_status, error, server_state FROM records WHERE identity = ?1",
            )
            .and_then(|mut statement| statement.query_row([identity], row_of).optional())
            .map_err(failed("read"))
    }

    /// The identity holding `doi`, if any (another record of the state).
    pub fn holder_of(&self, doi: &str) -> Result<Option<String>, StateError> {
        self.db()
            .prepare_cached("SELECT identity FROM records WHERE doi = ?1")
            .and_then(|mut statement| statement.query_row([doi.to_lowercase()], |row| row.get(0)).optional())
            .map_err(failed("read"))
    }

    /// Writes `row` (a new record, or a transition of one), committed before returning.
    pub fn put(&self, row: &Row) -> Result<(), StateError> {
        if self.try_put(row)? {
            Ok(())
        } else {
            Err(StateError(format!(
                "the state file: DOI {} is already another record's",
                row.doi.as_deref().unwrap_or_default()
            )))
        }
    }

    /// Writes `row` like [`State::put`]; `false` (and nothing written) when its DOI is another
    /// record's (two records that drew the same suffix at once).
    pub fn try_put(&self, row: &Row) -> Result<bool, StateError> {
        let time = now();
        let db = self.db();
        let mut statement = db
            .prepare_cached(
                "INSERT INTO records (identity, input, record, key, doi, url, status, sent_hash, registered_hash, \
             attempts, http_status, error, server_state, first_seen, changed) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14) \
             ON CONFLICT (identity) DO UPDATE SET input = ?2, record = ?3, key = ?4, doi = ?5, url = ?6, \
             status = ?7, sent_hash = ?8, registered_hash = ?9, attempts = ?10, http_status = ?11, error = ?12, \
             server_state = ?13, changed = ?14",
            )
            .map_err(failed("write"))?;
        let written = statement.execute(params![
            row.identity,
            row.input,
            i64::try_from(row.record).unwrap_or(i64::MAX),
            row.key,
            row.doi.as_ref().map(|d| d.to_lowercase()),
            row.url,
            row.status.as_str(),
            row.sent_hash,
            row.registered_hash,
            row.attempts,
            row.http_status,
            row.error,
            row.server_state,
            time
        ]);
        match written {
            Ok(_) => Ok(true),
            Err(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                Ok(false)
            }
            Err(other) => Err(StateError(format!("the state file: write: {other}"))),
        }
    }

    /// The harvest known by `signature`, if the state has it.
    pub fn harvest(&self, signature: &str) -> Result<Option<Harvest>, StateError> {
        self.db()
            .query_row(
                "SELECT cursor, output_len, records, pages, done FROM harvests WHERE signature = ?1",
                [signature],
                |row| {
                    Ok(Harvest {
                        cursor: row.get(0)?,
                        output_len: u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
                        records: u64::try_from(row.get::<_, i64>(2)?).unwrap_or(0),
                        pages: u64::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
                        done: row.get::<_, i64>(4)? != 0,
                    })
                },
            )
            .optional()
            .map_err(failed("read"))
    }

    /// Which of `dois` (lowercase) the harvest `signature` has written already.
    pub fn harvested(&self, signature: &str, dois: &[String]) -> Result<std::collections::HashSet<String>, StateError> {
        let db = self.db();
        let mut statement =
            db.prepare_cached("SELECT 1 FROM harvested WHERE signature = ?1 AND doi = ?2").map_err(failed("read"))?;
        let mut seen = std::collections::HashSet::new();
        for doi in dois {
            if statement.exists(params![signature, doi]).map_err(failed("read"))? {
                seen.insert(doi.clone());
            }
        }
        Ok(seen)
    }

    /// Records a page of harvest `signature` in one transaction: the DOIs written, and where
    /// the harvest now stands.
    pub fn harvest_page(&self, signature: &str, written: &[String], now: &Harvest) -> Result<(), StateError> {
        let mut db = self.db();
        let transaction = db.transaction().map_err(failed("write"))?;
        {
            let mut insert = transaction
                .prepare_cached("INSERT OR IGNORE INTO harvested (signature, doi) VALUES (?1, ?2)")
                .map_err(failed("write"))?;
            for doi in written {
                insert.execute(params![signature, doi]).map_err(failed("write"))?;
            }
        }
        transaction
            .execute(
                "INSERT INTO harvests (signature, cursor, output_len, records, pages, done) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
                 ON CONFLICT (signature) DO UPDATE SET cursor = ?2, output_len = ?3, records = ?4, pages = ?5, done = ?6",
                params![
                    signature,
                    now.cursor,
                    i64::try_from(now.output_len).unwrap_or(i64::MAX),
                    i64::try_from(now.records).unwrap_or(i64::MAX),
                    i64::try_from(now.pages).unwrap_or(i64::MAX),
                    i64::from(now.done)
                ],
            )
            .map_err(failed("write"))?;
        transaction.commit().map_err(failed("write"))
    }

    /// How many records are in each status.
    pub fn counts(&self) -> Result<Vec<(Status, u64)>, StateError> {
        let db = self.db();
        let mut statement = db
            .prepare("SELECT status, COUNT(*) FROM records GROUP BY status ORDER BY status")
            .map_err(failed("read"))?;
        let rows = statement
            .query_map([], |row| {
                Ok((Status::parse(&row.get::<_, String>(0)?), u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0)))
            })
            .map_err(failed("read"))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(failed("read"))
    }

    /// Calls `each` with every row, in the order records were first seen.
    pub fn each(&self, mut each: impl FnMut(&Row) -> std::io::Result<()>) -> Result<(), StateError> {
        let db = self.db();
        let mut statement = db
            .prepare(
                "SELECT identity, input, record, key, doi, url, status, sent_hash, registered_hash, attempts, \
                 http_status, error, server_state FROM records ORDER BY first_seen, rowid",
            )
            .map_err(failed("read"))?;
        let rows = statement.query_map([], row_of).map_err(failed("read"))?;
        for row in rows {
            let row = row.map_err(failed("read"))?;
            each(&row).map_err(|e| StateError(format!("cannot write: {e}")))?;
        }
        Ok(())
    }
}

fn row_of(row: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        identity: row.get(0)?,
        input: row.get(1)?,
        record: u64::try_from(row.get::<_, i64>(2)?).unwrap_or(0),
        key: row.get(3)?,
        doi: row.get(4)?,
        url: row.get(5)?,
        status: Status::parse(&row.get::<_, String>(6)?),
        sent_hash: row.get(7)?,
        registered_hash: row.get(8)?,
        attempts: row.get(9)?,
        http_status: row.get(10)?,
        error: row.get(11)?,
        server_state: row.get(12)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(identity: &str, doi: Option<&str>) -> Row {
        Row {
            identity: identity.into(),
            input: "in.jsonl".into(),
            record: 1,
            key: None,
            doi: doi.map(str::to_owned),
            url: None,
            status: Status::Pending,
            sent_hash: None,
            registered_hash: None,
            attempts: 0,
            http_status: None,
            error: None,
            server_state: None,
        }
    }

    #[test]
    fn rows_round_trip_and_dois_are_unique() {
        let state = State::in_memory("http://127.0.0.1:1", "TEST.REPO").unwrap();
        let mut first = row("a", Some("10.5072/ABC"));
        state.put(&first).unwrap();
        first.status = Status::Created;
        first.attempts = 1;
        state.put(&first).unwrap();
        let back = state.get("a").unwrap().unwrap();
        assert_eq!(back.status, Status::Created);
        assert_eq!(back.doi.as_deref(), Some("10.5072/abc"));
        assert_eq!(state.holder_of("10.5072/Abc").unwrap().as_deref(), Some("a"));
        assert!(state.put(&row("b", Some("10.5072/abc"))).is_err());
        assert_eq!(state.counts().unwrap(), vec![(Status::Created, 1)]);
    }

    #[test]
    fn a_state_file_belongs_to_one_endpoint_and_account() {
        let dir = std::env::temp_dir().join(format!("crosswalk-state-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("upload.db");
        drop(State::open(&path, "https://api.test.datacite.org", "A.B").unwrap());
        assert!(State::open(&path, "https://api.test.datacite.org", "A.B").is_ok());
        let refused = State::open(&path, "https://api.datacite.org", "A.B").err().unwrap();
        assert!(refused.0.contains("made for endpoint"), "{refused}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
