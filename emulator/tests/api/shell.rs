//! The suite's emulator: in this process (the axum shell), or, when `CHAT_EMULATOR_CMD`
//! names a command (e.g. `node …/tencent-chat-emulator/bin/tencent-chat-emulator.js`, the
//! npm package's wasm build), that command started with the flags the config stands for.
//! Both shells must answer the same suite.

use chat_emulator::{Config, RunningServer, SETTINGS};
use serde_json::Value;
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

/// The flags that give `config`: one `--flag value` per setting, the flag named as the
/// bins name it (the setting's key in kebab case), a list's values one flag each.
fn flags(config: &Config) -> Vec<String> {
    let mut a: Vec<String> = vec![
        "--host".into(),
        "127.0.0.1".into(),
        "--port".into(),
        "0".into(),
    ];
    let values = config.service.to_map();
    for s in SETTINGS {
        let flag = format!("--{}", s.flag());
        match values.get(&s.key()) {
            Some(Value::Array(items)) => {
                for v in items {
                    a.extend([flag.clone(), text(v)]);
                }
            }
            Some(Value::Null) | None => {}
            Some(v) => a.extend([flag, text(v)]),
        }
    }
    if let Some(f) = &config.state_file {
        a.extend(["--state".into(), f.display().to_string()]);
    }
    a
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
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
