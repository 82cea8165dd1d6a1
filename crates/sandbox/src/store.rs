//! `--state FILE`: the whole state on disk, written atomically (write a
//! temporary file, fsync it, rename it over the old one, fsync the folder).
//!
//! Changes are group-committed: a writer thread saves the latest state while
//! requests that changed it wait; one save covers every change made before it
//! began. An answer to a change leaves only once a save that includes it is
//! durable, so killing the process at any moment loses nothing acknowledged.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use crate::world::World;

/// The state file and its writer.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    shared: Arc<(Mutex<Progress>, Condvar)>,
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

impl Store {
    /// Opens `path`: the saved state when the file exists, `None` when it does not.
    pub fn open(path: impl Into<PathBuf>) -> io::Result<(Store, Option<World>)> {
        let path = path.into();
        let world = match fs::read(&path) {
            Ok(bytes) => Some(serde_json::from_slice(&bytes).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{} is not a Ramp sandbox state file: {e}", path.display()),
                )
            })?),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        let store = Store {
            path,
            shared: Arc::new((Mutex::new(Progress::default()), Condvar::new())),
        };
        Ok((store, world))
    }

    /// Saves `world` now (at start, so the file exists from the first moment).
    pub fn save_now(&self, world: &World) -> io::Result<()> {
        write_atomically(
            &self.path,
            &serde_json::to_vec(world).map_err(io::Error::other)?,
        )
    }

    /// Starts the writer; `source` gives the current version and state bytes.
    pub(crate) fn start(&self, source: impl Fn() -> (u64, Vec<u8>) + Send + 'static) {
        let (lock, _) = &*self.shared;
        {
            let mut p = lock.lock().unwrap_or_else(|e| e.into_inner());
            if p.started {
                return;
            }
            p.started = true;
        }
        let shared = self.shared.clone();
        let path = self.path.clone();
        std::thread::Builder::new()
            .name("ramp-sandbox-store".into())
            .spawn(move || writer(&path, &shared, source))
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

fn writer(path: &Path, shared: &(Mutex<Progress>, Condvar), source: impl Fn() -> (u64, Vec<u8>)) {
    let (lock, cond) = shared;
    loop {
        {
            let mut p = lock.lock().unwrap_or_else(|e| e.into_inner());
            while p.requested <= p.durable {
                p = cond.wait(p).unwrap_or_else(|e| e.into_inner());
            }
        }
        let (version, bytes) = source();
        let result = write_atomically(path, &bytes);
        let mut p = lock.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(()) => {
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

/// Writes `bytes` to `path` so that a crash leaves either the old or the new file.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("ramp-state")
    ));
    {
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            // The state holds the sandbox's AccessKey secrets: owner only.
            options.mode(0o600);
        }
        let mut f = options.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
