//! `--state FILE`: the state in an SQLite database (compiled in), one row per
//! entity (`rows`), so a write costs the same however large the state is.
//!
//! Changes are group-committed: a writer thread writes the rows changed since
//! its last commit, in one transaction, while requests that changed them wait;
//! one commit covers every change made before it began. An answer to a change
//! leaves only once a commit that includes it is durable (WAL, `synchronous =
//! FULL`: the commit is fsynced), so killing the process at any moment loses
//! nothing acknowledged.
//!
//! A state file of the earlier format (the whole state as one JSON document)
//! is converted on open; the original is kept beside it as `FILE.json-backup`.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use rusqlite::{params, Connection, OpenFlags};

use crate::rows::{self, Entity, Row, Table};
use crate::world::World;

/// What the database says it is (the `meta` table's `format`).
const FORMAT: &str = "ramp-sandbox-state 2";

/// The state file and its writer.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    db: Arc<Mutex<Connection>>,
    shared: Arc<(Mutex<Progress>, Condvar)>,
    /// `FILE.lock`, exclusively locked while this store lives: one server per state file.
    _lock: Arc<File>,
}

#[derive(Debug, Default)]
struct Progress {
    requested: u64,
    durable: u64,
    failure: Option<String>,
    started: bool,
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveError(pub String);

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SaveError {}

fn invalid(path: &Path, why: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("{} is not a Ramp sandbox state file: {why}", path.display()),
    )
}

fn db_error(path: &Path, e: rusqlite::Error) -> io::Error {
    io::Error::other(format!("{}: {e}", path.display()))
}

impl Store {
    /// Opens `path`: the saved state when the file exists, `None` when it does not.
    pub fn open(path: impl Into<PathBuf>) -> io::Result<(Store, Option<World>)> {
        let path = path.into();
        let lock = lock(&path)?;
        let legacy = legacy_json(&path)?;
        let existed = path.exists() && legacy.is_none();
        if !existed {
            create_private(&path)?;
        }
        let db = connect(&path)?;
        let world = match (&legacy, existed) {
            (Some(_), _) | (None, false) => None,
            (None, true) => load(&db, &path)?,
        };
        let store = Store {
            path: path.clone(),
            db: Arc::new(Mutex::new(db)),
            shared: Arc::new((Mutex::new(Progress::default()), Condvar::new())),
            _lock: Arc::new(lock),
        };
        if let Some(world) = legacy {
            store.save_now(&world)?;
            return Ok((store, Some(world)));
        }
        Ok((store, world))
    }

    /// Writes the whole of `world` now, replacing what the file held (at
    /// start, so the file holds the seed from the first moment).
    pub fn save_now(&self, world: &World) -> io::Result<()> {
        let mut db = self.db.lock().unwrap_or_else(|e| e.into_inner());
        let tx = db.transaction().map_err(|e| db_error(&self.path, e))?;
        tx.execute("DELETE FROM entity", [])
            .map_err(|e| db_error(&self.path, e))?;
        write_rows(&tx, &rows::all(world)).map_err(|e| db_error(&self.path, e))?;
        tx.commit().map_err(|e| db_error(&self.path, e))
    }

    /// Starts the writer; `source` gives the current version and the rows
    /// changed since it was last called.
    pub(crate) fn start(&self, source: impl Fn() -> (u64, Vec<Row>) + Send + 'static) {
        let (lock, _) = &*self.shared;
        {
            let mut p = lock.lock().unwrap_or_else(|e| e.into_inner());
            if p.started {
                return;
            }
            p.started = true;
        }
        let shared = self.shared.clone();
        let db = self.db.clone();
        let path = self.path.clone();
        std::thread::Builder::new()
            .name("ramp-sandbox-store".into())
            .spawn(move || writer(&path, &db, &shared, source))
            .expect("cannot start the state writer thread");
    }

    /// Asks for a save that includes `version`.
    pub(crate) fn stage(&self, version: u64) {
        let (lock, cond) = &*self.shared;
        let mut p = lock.lock().unwrap_or_else(|e| e.into_inner());
        p.requested = p.requested.max(version);
        cond.notify_all();
    }

    /// Waits until `version` is on disk.
    pub fn wait_durable(&self, version: u64) -> Result<(), SaveError> {
        let (lock, cond) = &*self.shared;
        let mut p = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if p.durable >= version {
                return Ok(());
            }
            if let Some(f) = &p.failure {
                return Err(SaveError(f.clone()));
            }
            p = cond.wait(p).unwrap_or_else(|e| e.into_inner());
        }
    }
}

fn writer(
    path: &Path,
    db: &Mutex<Connection>,
    shared: &(Mutex<Progress>, Condvar),
    source: impl Fn() -> (u64, Vec<Row>),
) {
    let (lock, cond) = shared;
    // Rows of a commit that failed: written again (before newer ones) next time.
    let mut pending: Vec<Row> = Vec::new();
    loop {
        {
            let mut p = lock.lock().unwrap_or_else(|e| e.into_inner());
            while p.requested <= p.durable {
                p = cond.wait(p).unwrap_or_else(|e| e.into_inner());
            }
        }
        let (version, fresh) = source();
        pending.extend(fresh);
        let result = {
            let mut db = db.lock().unwrap_or_else(|e| e.into_inner());
            commit(&mut db, &pending)
        };
        let mut p = lock.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(()) => {
                pending.clear();
                p.durable = p.durable.max(version);
                p.failure = None;
            }
            Err(e) => {
                p.failure = Some(format!("cannot write {}: {e}", path.display()));
                // Nothing more to do until someone asks again.
                p.requested = p.durable;
            }
        }
        cond.notify_all();
    }
}

fn commit(db: &mut Connection, rows: &[Row]) -> rusqlite::Result<()> {
    let tx = db.transaction()?;
    write_rows(&tx, rows)?;
    tx.commit()
}

/// Upserts each row with a body and deletes each without one, in order.
fn write_rows(db: &Connection, rows: &[Row]) -> rusqlite::Result<()> {
    let mut upsert = db.prepare_cached(
        "INSERT INTO entity (kind, account, name, body) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (kind, account, name) DO UPDATE SET body = excluded.body",
    )?;
    let mut delete =
        db.prepare_cached("DELETE FROM entity WHERE kind = ?1 AND account = ?2 AND name = ?3")?;
    for row in rows {
        let e = &row.entity;
        match &row.body {
            Some(body) => upsert.execute(params![e.table.as_str(), e.account, e.name, body])?,
            None => delete.execute(params![e.table.as_str(), e.account, e.name])?,
        };
    }
    Ok(())
}

/// Opens the database, makes its tables, and checks it is a state file.
fn connect(path: &Path) -> io::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_NOFOLLOW;
    let db = Connection::open_with_flags(path, flags).map_err(|e| db_error(path, e))?;
    let setup = || -> rusqlite::Result<Option<String>> {
        db.pragma_update(None, "journal_mode", "WAL")?;
        db.pragma_update(None, "synchronous", "FULL")?;
        db.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS entity (
                 kind TEXT NOT NULL, account TEXT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL,
                 PRIMARY KEY (kind, account, name));",
        )?;
        db.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('format', ?1)",
            [FORMAT],
        )?;
        db.query_row("SELECT value FROM meta WHERE key = 'format'", [], |r| {
            r.get(0)
        })
        .map(Some)
    };
    match setup() {
        Ok(Some(format)) if format == FORMAT => Ok(db),
        Ok(other) => Err(invalid(
            path,
            format!("its format is {other:?}, not {FORMAT:?}"),
        )),
        Err(e @ rusqlite::Error::SqliteFailure(..)) => Err(invalid(path, e)),
        Err(e) => Err(db_error(path, e)),
    }
}

/// Every row, in the order each was first written.
fn load(db: &Connection, path: &Path) -> io::Result<Option<World>> {
    let mut rows = Vec::new();
    let mut query = db
        .prepare("SELECT kind, account, name, body FROM entity ORDER BY rowid")
        .map_err(|e| db_error(path, e))?;
    let mut found = query.query([]).map_err(|e| db_error(path, e))?;
    while let Some(r) = found.next().map_err(|e| db_error(path, e))? {
        let kind: String = r.get(0).map_err(|e| db_error(path, e))?;
        let table = Table::parse(&kind)
            .ok_or_else(|| invalid(path, format!("unknown row kind `{kind}`")))?;
        let entity = Entity {
            table,
            account: r.get(1).map_err(|e| db_error(path, e))?,
            name: r.get(2).map_err(|e| db_error(path, e))?,
        };
        rows.push((
            entity,
            r.get::<_, String>(3).map_err(|e| db_error(path, e))?,
        ));
    }
    if rows.is_empty() {
        return Ok(None);
    }
    // Accounts first: their rows may have been rewritten after what they hold.
    rows.sort_by_key(|(e, _)| e.table != Table::Account);
    rows::load(rows).map(Some).map_err(|e| invalid(path, e))
}

/// The earlier format: the whole state as one JSON document. Read it, move
/// it aside, and let the database take its place.
fn legacy_json(path: &Path) -> io::Result<Option<World>> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if bytes.first() != Some(&b'{') {
        return Ok(None);
    }
    let world: World = serde_json::from_slice(&bytes).map_err(|e| invalid(path, e))?;
    let mut backup = path.as_os_str().to_owned();
    backup.push(".json-backup");
    fs::rename(path, PathBuf::from(backup))?;
    Ok(Some(world))
}

/// Creates the database file owner-only (it holds the sandbox's AccessKey
/// secrets), never through a planted link; SQLite gives its WAL the same mode.
fn create_private(path: &Path) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

/// Locks `FILE.lock` exclusively (released when the process ends, however
/// it ends): two servers saving one state file would each acknowledge writes
/// the other then overwrites.
fn lock(path: &Path) -> io::Result<File> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let lock_path = PathBuf::from(name);
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let file = options.open(&lock_path)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(io::Error::new(
            io::ErrorKind::WouldBlock,
            format!(
                "{} is in use by another `ramp serve` (it holds {}): stop that one, or give this one its own --state file",
                path.display(),
                lock_path.display()
            ),
        )),
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ramp-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_second_server_on_one_state_file_is_refused() {
        let dir = scratch("lock");
        let path = dir.join("state.json");
        let (first, _) = Store::open(&path).unwrap();
        let e = Store::open(&path).unwrap_err();
        assert!(
            e.to_string().contains("in use by another `ramp serve`"),
            "{e}"
        );
        drop(first);
        assert!(
            Store::open(&path).is_ok(),
            "free again once the first is gone"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_state_is_owner_only_and_never_written_through_a_planted_link() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = scratch("plant");
        let victim = dir.join("victim.txt");
        fs::write(&victim, "untouched").unwrap();
        let planted = dir.join("planted.db");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        assert!(
            Store::open(&planted).is_err(),
            "a link at the state path is refused"
        );
        assert_eq!(fs::read_to_string(&victim).unwrap(), "untouched");

        let path = dir.join("state.db");
        let (store, _) = Store::open(&path).unwrap();
        store.save_now(&World::default()).unwrap();
        for file in [path.clone(), dir.join("state.db-wal")] {
            let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{} is owner only", file.display());
        }
    }

    #[test]
    fn a_file_that_is_neither_a_database_nor_a_state_document_is_refused_untouched() {
        let dir = scratch("foreign");
        let path = dir.join("notes.txt");
        fs::write(&path, "shopping list").unwrap();
        let e = Store::open(&path).unwrap_err();
        assert!(
            e.to_string().contains("is not a Ramp sandbox state file"),
            "{e}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "shopping list");
    }

    #[test]
    fn a_state_file_of_the_earlier_format_is_converted_and_kept_aside() {
        let dir = scratch("legacy");
        let path = dir.join("state.json");
        let world = crate::org::org(25, 1_800_000_000).world;
        fs::write(&path, serde_json::to_vec(&world).unwrap()).unwrap();
        let (store, found) = Store::open(&path).unwrap();
        assert_eq!(found.as_ref(), Some(&world));
        assert!(dir.join("state.json.json-backup").exists());
        drop(store);
        let (_, reopened) = Store::open(&path).unwrap();
        assert_eq!(reopened, Some(world), "read back from the database");
    }
}
