//! The `--state` file: loaded at start, rewritten atomically after every change so that a
//! `kill -9` leaves either the old or the new file, never a torn one.

use chat_emulator_service::{Service, ServiceConfig};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The service from `path` if that file exists, else from the configured seed.
pub fn load(config: ServiceConfig, path: Option<&Path>) -> io::Result<Service> {
    match path {
        Some(p) if p.exists() => {
            let bytes = std::fs::read(p)?;
            Service::with_state(config, &bytes).map_err(|e| {
                io::Error::new(io::ErrorKind::InvalidData, format!("{}: {e}", p.display()))
            })
        }
        _ => Ok(Service::new(config)),
    }
}

/// Writes saves to one file in order: a save older than the one on disk is skipped.
pub struct Saver {
    path: PathBuf,
    /// Change counter of the save last written.
    written: tokio::sync::Mutex<u64>,
}

impl Saver {
    pub fn new(path: PathBuf) -> Self {
        Saver {
            path,
            written: tokio::sync::Mutex::new(0),
        }
    }

    /// Writes `bytes` (the data at change `version`) unless a newer save is on disk.
    pub async fn write(&self, version: u64, bytes: Vec<u8>) {
        let mut last = self.written.lock().await;
        if version <= *last {
            return;
        }
        let path = self.path.clone();
        match tokio::task::spawn_blocking(move || write_atomic(&path, &bytes)).await {
            Ok(Ok(())) => *last = version,
            Ok(Err(e)) => eprintln!("chat-emulator: cannot save state: {e}"),
            Err(e) => eprintln!("chat-emulator: cannot save state: {e}"),
        }
    }
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
