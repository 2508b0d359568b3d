//! Shared server state: data, runtime config, faults, stats, rate windows, persistence.

use crate::config::{Config, Seed};
use crate::model::{Data, StateFile, STATE_FORMAT};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// How many requests `GET /_emulator/stats` keeps in `recent`.
pub const RECENT_MAX: usize = 200;

/// Settings changeable at run time through `POST /_emulator/config`.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Runtime {
    pub page_size: usize,
    pub group_page_size: usize,
    pub pinned_limit: usize,
    pub rate_limit: u32,
    pub user_sig: String,
    pub expired_user_sigs: BTreeSet<String>,
}

impl Runtime {
    fn from_config(c: &Config) -> Self {
        Runtime {
            page_size: c.page_size,
            group_page_size: c.group_page_size,
            pinned_limit: c.pinned_limit,
            rate_limit: c.rate_limit,
            user_sig: c.usersig.clone(),
            expired_user_sigs: c.expired_usersigs.iter().cloned().collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum FaultKind {
    Delay {
        ms: u64,
    },
    Http502,
    Error {
        code: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        info: Option<String>,
    },
    Drop,
    Truncated,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultEntry {
    pub fault: FaultKind,
    pub remaining: u32,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecentRequest {
    pub command: String,
    pub query: BTreeMap<String, String>,
    pub body: Value,
    pub received_at_ms: u64,
}

pub struct Inner {
    pub data: Data,
    /// Bumped on every mutation; the persisted snapshot carries it.
    pub version: u64,
    pub rt: Runtime,
    /// Fault queues by command ("*" = any command).
    pub faults: BTreeMap<String, VecDeque<FaultEntry>>,
    pub counts: BTreeMap<String, u64>,
    pub recent: VecDeque<RecentRequest>,
    /// Accepted-call instants of the last second, per command.
    pub rate: HashMap<String, VecDeque<Instant>>,
}

impl Inner {
    /// Takes one use of the next fault for `command` (its own queue first, then "*").
    pub fn take_fault(&mut self, command: &str) -> Option<FaultKind> {
        for key in [command, "*"] {
            if let Some(q) = self.faults.get_mut(key) {
                if let Some(front) = q.front_mut() {
                    let f = front.fault.clone();
                    front.remaining = front.remaining.saturating_sub(1);
                    if front.remaining == 0 {
                        q.pop_front();
                    }
                    if q.is_empty() {
                        self.faults.remove(key);
                    }
                    return Some(f);
                }
            }
        }
        None
    }

    /// Sliding one-second window per command; false = over the limit.
    pub fn rate_ok(&mut self, command: &str, now: Instant) -> bool {
        let limit = self.rt.rate_limit as usize;
        if limit == 0 {
            return true;
        }
        let q = self.rate.entry(command.to_owned()).or_default();
        while let Some(&t) = q.front() {
            if now.duration_since(t) >= Duration::from_secs(1) {
                q.pop_front();
            } else {
                break;
            }
        }
        if q.len() >= limit {
            return false;
        }
        q.push_back(now);
        true
    }

    pub fn record(&mut self, r: RecentRequest) {
        *self.counts.entry(r.command.clone()).or_insert(0) += 1;
        if self.recent.len() >= RECENT_MAX {
            self.recent.pop_front();
        }
        self.recent.push_back(r);
    }

    pub fn reset_stats(&mut self) {
        self.counts.clear();
        self.recent.clear();
    }
}

/// A snapshot to write, taken under the state lock.
pub struct Snapshot {
    version: u64,
    bytes: Vec<u8>,
}

pub struct App {
    pub base: Config,
    inner: Mutex<Inner>,
    /// Version last written to the state file.
    writer: tokio::sync::Mutex<u64>,
}

impl App {
    /// Loads `--state` if the file exists, else the configured seed.
    pub fn new(base: Config) -> io::Result<Self> {
        let data = match &base.state_file {
            Some(p) if p.exists() => load_state(p)?,
            _ => seed_data(base.seed),
        };
        let rt = Runtime::from_config(&base);
        Ok(App {
            inner: Mutex::new(Inner {
                data,
                version: 0,
                rt,
                faults: BTreeMap::new(),
                counts: BTreeMap::new(),
                recent: VecDeque::new(),
                rate: HashMap::new(),
            }),
            writer: tokio::sync::Mutex::new(0),
            base,
        })
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Back to the start-up configuration with `seed` loaded.
    pub fn reset(&self, inner: &mut Inner, seed: Seed) {
        inner.data = seed_data(seed);
        inner.rt = Runtime::from_config(&self.base);
        inner.faults.clear();
        inner.reset_stats();
        inner.rate.clear();
    }

    /// Marks the data as changed; returns what to persist (None without `--state`).
    pub fn mutated(&self, inner: &mut Inner) -> Option<Snapshot> {
        inner.version += 1;
        self.base.state_file.as_ref()?;
        let file = StateFile {
            format: STATE_FORMAT.to_owned(),
            data: inner.data.clone(),
        };
        match serde_json::to_vec(&file) {
            Ok(bytes) => Some(Snapshot {
                version: inner.version,
                bytes,
            }),
            Err(e) => {
                eprintln!("chat-emulator: cannot serialize state: {e}");
                None
            }
        }
    }

    /// Writes a snapshot atomically unless a newer one is already on disk.
    pub async fn persist(&self, snap: Option<Snapshot>) {
        let (Some(snap), Some(path)) = (snap, self.base.state_file.clone()) else {
            return;
        };
        let mut last = self.writer.lock().await;
        if snap.version <= *last {
            return;
        }
        let version = snap.version;
        let res = tokio::task::spawn_blocking(move || write_atomic(&path, &snap.bytes)).await;
        match res {
            Ok(Ok(())) => *last = version,
            Ok(Err(e)) => eprintln!("chat-emulator: cannot save state: {e}"),
            Err(e) => eprintln!("chat-emulator: cannot save state: {e}"),
        }
    }
}

fn seed_data(seed: Seed) -> Data {
    match seed {
        Seed::Demo => crate::seed::demo(),
        Seed::None => Data::default(),
    }
}

fn load_state(path: &Path) -> io::Result<Data> {
    let bytes = std::fs::read(path)?;
    let file: StateFile = serde_json::from_slice(&bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: not a chat-emulator state file: {e}", path.display()),
        )
    })?;
    if file.format != STATE_FORMAT {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: unknown state format {:?}", path.display(), file.format),
        ));
    }
    Ok(file.data)
}

/// Write to a temporary file beside `path`, fsync it, rename over `path`, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state".to_owned());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
