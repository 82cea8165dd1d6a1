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

impl Store {
    /// Opens `path`: the saved state when the file exists, `None` when it does not.
    pub fn open(path: impl Into<PathBuf>) -> io::Result<(Store, Option<World>)> {
        let path = path.into();
        let lock = lock(&path)?;
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
            _lock: Arc::new(lock),
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

/// Writes `bytes` to `path` so that a crash leaves either the old or the new file.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("ramp-state");
    // A fresh, unpredictable name created exclusively (O_EXCL: never an
    // existing file, never through a symlink), owner-only from its first
    // byte: a file or link planted at a guessable name cannot capture the
    // state (it holds the sandbox's AccessKey secrets) or redirect the write.
    let (tmp, mut f) = {
        let mut attempt = 0;
        loop {
            let mut nonce = [0u8; 12];
            getrandom::fill(&mut nonce).map_err(|e| io::Error::other(e.to_string()))?;
            let tag: String = nonce.iter().map(|b| format!("{b:02x}")).collect();
            let tmp = dir.join(format!(".{name}.{tag}.tmp"));
            let mut options = fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt as _;
                options.mode(0o600);
            }
            match options.open(&tmp) {
                Ok(f) => break (tmp, f),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 8 => attempt += 1,
                Err(e) => return Err(e),
            }
        }
    };
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    drop(f);
    if let Err(e) = written.and_then(|()| fs::rename(&tmp, path)) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
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
    fn planted_files_and_links_do_not_capture_or_redirect_the_state() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = scratch("plant");
        let path = dir.join("state.json");
        // What an attacker could plant at the old, fixed temporary name.
        let victim = dir.join("victim.txt");
        fs::write(&victim, "untouched").unwrap();
        std::os::unix::fs::symlink(&victim, dir.join(".state.json.tmp")).unwrap();
        let (store, _) = Store::open(&path).unwrap();
        store.save_now(&World::default()).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "untouched");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "owner only");
        // No temporary file is left behind.
        let left: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp") && n != ".state.json.tmp")
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
