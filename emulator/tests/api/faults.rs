use crate::common::*;
use serde_json::json;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn pin(id: &str) -> serde_json::Value {
    json!({"From_Account": "alice", "OperationType": 1,
           "RecentContactItem": [{"Type": 1, "To_Account": id}]})
}

async fn pinned(emu: &Emu, id: &str) -> bool {
    let s = emu.state("alice").await;
    s["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["userId"] == id && c["pinned"] == true)
}

#[tokio::test]
async fn delay_then_normal() {
    let emu = demo().await;
    emu.fault(json!({"command": "get_list", "count": 1, "fault": {"kind": "delay", "ms": 300}}))
        .await;
    let t = Instant::now();
    let r = emu
        .call("get_list", get_list_body("alice", [0; 4], 7))
        .await;
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_ok(&r);
    let t = Instant::now();
    emu.call("get_list", get_list_body("alice", [0; 4], 7))
        .await;
    assert!(
        t.elapsed() < Duration::from_millis(300),
        "only the next request"
    );
}

#[tokio::test]
async fn http502_with_html_and_nothing_applied() {
    let emu = demo().await;
    emu.fault(json!({"command": "top", "fault": {"kind": "http502"}}))
        .await;
    let r = emu
        .call_raw("top", QUERY, pin("user_020").to_string().as_bytes())
        .await;
    assert_eq!(r.status, 502);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert_eq!(
        r.text(),
        "<html><body><h1>502 Bad Gateway</h1></body></html>"
    );
    assert!(!pinned(&emu, "user_020").await);
    assert_ok(&emu.call("top", pin("user_020")).await);
    assert!(pinned(&emu, "user_020").await);
}

#[tokio::test]
async fn error_codes_count_and_wildcard() {
    let emu = demo().await;
    emu.fault(json!({"command": "top", "count": 2, "fault": {"kind": "error", "code": 50004}}))
        .await;
    for _ in 0..2 {
        assert_fail(&emu.call("top", pin("user_021")).await, 50004);
    }
    assert!(!pinned(&emu, "user_021").await, "nothing applied");
    // Other commands unaffected while the top queue is active.
    emu.fault(json!({"command": "top", "fault": {"kind": "error", "code": 60007}}))
        .await;
    assert_ok(
        &emu.call("get_list", get_list_body("alice", [0; 4], 7))
            .await,
    );
    assert_fail(&emu.call("top", pin("user_021")).await, 60007);
    assert_ok(&emu.call("top", pin("user_021")).await);
    // "*" matches any command; a command's own queue goes first.
    emu.fault(json!({"command": "*", "count": 2, "fault": {"kind": "error", "code": 50005, "info": "slow"}}))
        .await;
    emu.fault(json!({"command": "get_list", "fault": {"kind": "error", "code": 70500}}))
        .await;
    let info = assert_fail(
        &emu.call("get_list", get_list_body("alice", [0; 4], 7))
            .await,
        70500,
    );
    assert!(!info.is_empty());
    let info = assert_fail(
        &emu.call("get_list", get_list_body("alice", [0; 4], 7))
            .await,
        50005,
    );
    assert_eq!(info, "slow");
    assert_fail(
        &emu.call(
            "get_contact_group",
            json!({"From_Account": "alice", "StartIndex": 0}),
        )
        .await,
        50005,
    );
    assert_ok(
        &emu.call(
            "get_contact_group",
            json!({"From_Account": "alice", "StartIndex": 0}),
        )
        .await,
    );
    // Listing and clearing.
    emu.fault(json!({"command": "get_list", "count": 5, "fault": {"kind": "http502"}}))
        .await;
    let f = emu.get("/_emulator/faults").await;
    assert_eq!(f["faults"]["get_list"][0]["remaining"], 5);
    let r = http(emu.addr, "DELETE", "/_emulator/faults", &[], b"")
        .await
        .unwrap();
    assert_eq!(r.status, 200);
    assert_ok(
        &emu.call("get_list", get_list_body("alice", [0; 4], 7))
            .await,
    );
}

#[tokio::test]
async fn drop_closes_without_a_response() {
    let emu = demo().await;
    emu.fault(json!({"command": "top", "fault": {"kind": "drop"}}))
        .await;
    let body = pin("user_022").to_string();
    let mut s = TcpStream::connect(emu.addr).await.unwrap();
    let req = format!(
        "POST /v4/recentcontact/top?{QUERY} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    let res = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut buf))
        .await
        .expect("connection closed promptly");
    match res {
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset),
        Ok(n) => assert_eq!(n, 0, "no bytes: {:?}", String::from_utf8_lossy(&buf)),
    }
    assert!(buf.is_empty());
    assert!(!pinned(&emu, "user_022").await, "nothing applied");
    // The server is fine afterwards.
    assert_ok(&emu.call("top", pin("user_022")).await);
}

/// One request on an open keep-alive connection; returns the body.
async fn keep_alive_call(s: &mut TcpStream, body: &str) -> std::io::Result<Vec<u8>> {
    let req = format!(
        "POST /v4/recentcontact/get_list?{QUERY} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = s.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap();
            while buf.len() < end + 4 + len {
                let n = s.read(&mut chunk).await?;
                if n == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Ok(buf[end + 4..end + 4 + len].to_vec());
        }
    }
}

#[tokio::test]
async fn drop_only_kills_its_own_connection() {
    let emu = demo().await;
    let body = get_list_body("alice", [0; 4], 7).to_string();
    let mut a = TcpStream::connect(emu.addr).await.unwrap();
    let first = keep_alive_call(&mut a, &body).await.unwrap();
    emu.fault(json!({"command": "get_list", "fault": {"kind": "drop"}}))
        .await;
    let mut b = TcpStream::connect(emu.addr).await.unwrap();
    assert!(keep_alive_call(&mut b, &body).await.is_err());
    // Connection a (kept alive) still answers.
    let again = keep_alive_call(&mut a, &body).await.unwrap();
    assert_eq!(first, again);
}

#[tokio::test]
async fn truncated_body_is_half_of_the_real_one() {
    let emu = demo().await;
    let full = emu
        .call_raw(
            "get_list",
            QUERY,
            get_list_body("alice", [0; 4], 7).to_string().as_bytes(),
        )
        .await;
    emu.fault(json!({"command": "get_list", "fault": {"kind": "truncated"}}))
        .await;
    let cut = emu
        .call_raw(
            "get_list",
            QUERY,
            get_list_body("alice", [0; 4], 7).to_string().as_bytes(),
        )
        .await;
    assert_eq!(cut.status, 200);
    assert!(cut.header("content-type").unwrap().contains("json"));
    assert_eq!(cut.body.len(), full.body.len() / 2);
    assert_eq!(&full.body[..cut.body.len()], &cut.body[..]);
    assert!(serde_json::from_slice::<serde_json::Value>(&cut.body).is_err());
}

#[tokio::test]
async fn bad_fault_requests_are_400() {
    let emu = demo().await;
    for body in [
        json!({"command": "nope", "fault": {"kind": "drop"}}),
        json!({"command": "top", "fault": {"kind": "explode"}}),
        json!({"command": "top", "count": 0, "fault": {"kind": "drop"}}),
        json!({"command": "top", "fault": {"kind": "error"}}),
        json!({"command": "top", "fault": {"kind": "delay", "ms": 3_600_000}}),
    ] {
        let r = emu
            .post_raw("/_emulator/faults", body.to_string().as_bytes())
            .await;
        assert_eq!(r.status, 400, "{body}");
        assert_eq!(r.json()["ok"], false);
    }
}
