use crate::common::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn binary_prints_listening_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chat-emulator"))
        .args(["--port", "0", "--seed", "none", "--rate-limit", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).map(|_| line)
    });
    let line = tokio::time::timeout(std::time::Duration::from_secs(20), line).await;
    let line = match line {
        Ok(Ok(Ok(l))) => l,
        other => {
            let _ = child.kill();
            panic!("no listening line: {other:?}");
        }
    };
    let port: Option<u16> = line
        .trim_end()
        .strip_prefix("listening on http://127.0.0.1:")
        .and_then(|p| p.parse().ok());
    let Some(port) = port.filter(|p| *p != 0) else {
        let _ = child.kill();
        panic!("unexpected line {line:?}");
    };
    let addr = format!("127.0.0.1:{port}").parse().unwrap();
    let r = http(addr, "GET", "/_emulator/health", &[], b"").await;
    let _ = child.kill();
    let _ = child.wait();
    let r = r.unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), r#"{"ok":true}"#);
}
