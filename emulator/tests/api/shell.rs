//! The suite's emulator: in this process (the axum shell), or, when `CHAT_EMULATOR_CMD`
//! names a command (e.g. `node …/tencent-chat-emulator/bin/tencent-chat-emulator.js`, the
//! npm package's wasm build), that command started with the flags the config stands for.
//! Both shells must answer the same suite.

use chat_emulator::{Config, RunningServer, Seed};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

/// A running emulator of either kind.
pub enum Server {
    InProcess(RunningServer),
    Process(Spawned),
}

impl Server {
    /// Stops it (the process is killed: its state file is written before each answer).
    pub async fn shutdown(self) {
        match self {
            Server::InProcess(s) => s.shutdown().await,
            Server::Process(p) => drop(p),
        }
    }
}

/// A child process, killed when dropped.
pub struct Spawned(Child);

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The command under test, if one is given.
pub fn command() -> Option<Vec<String>> {
    let cmd = std::env::var("CHAT_EMULATOR_CMD").ok()?;
    let words: Vec<String> = cmd.split_whitespace().map(str::to_owned).collect();
    (!words.is_empty()).then_some(words)
}

/// The flags that give `config`.
fn flags(config: &Config) -> Vec<String> {
    let s = &config.service;
    let mut a: Vec<String> = vec![
        "--host".into(),
        "127.0.0.1".into(),
        "--port".into(),
        "0".into(),
        "--seed".into(),
        match s.seed {
            Seed::Demo => "demo".into(),
            Seed::None => "none".into(),
        },
        "--sdkappid".into(),
        s.sdkappid.to_string(),
        "--identifier".into(),
        s.identifier.clone(),
        "--usersig".into(),
        s.usersig.clone(),
        "--page-size".into(),
        s.page_size.to_string(),
        "--group-page-size".into(),
        s.group_page_size.to_string(),
        "--pinned-limit".into(),
        s.pinned_limit.to_string(),
        "--rate-limit".into(),
        s.rate_limit.to_string(),
    ];
    for o in &s.cors_origins {
        a.extend(["--cors-origin".into(), o.clone()]);
    }
    if let Some(k) = &s.secret_key {
        a.extend(["--secret-key".into(), k.clone()]);
    }
    if let Some(f) = &config.state_file {
        a.extend(["--state".into(), f.display().to_string()]);
    }
    assert!(
        s.expired_usersigs.is_empty(),
        "expired_usersigs has no flag: set it through /_emulator/config"
    );
    a
}

/// Starts `cmd` for `config` and waits for its `listening on URL` line.
pub async fn spawn(cmd: &[String], config: &Config) -> (Server, SocketAddr) {
    let mut child = Command::new(&cmd[0])
        .args(&cmd[1..])
        .args(flags(config))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let stdout = child.stdout.take().unwrap();
    let guard = Spawned(child);
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).map(|_| line)
    })
    .await
    .unwrap()
    .unwrap();
    let addr: SocketAddr = line
        .trim_end()
        .strip_prefix("listening on http://")
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("{cmd:?} printed {line:?}, not a listening line"));
    (Server::Process(guard), addr)
}
