//! A tiny HTTP/1.1 client over raw TCP (full control over what is sent, and able to see
//! resets and truncated bodies) plus helpers to start the emulator (in process, or the command
//! `CHAT_EMULATOR_CMD` names: see shell.rs).

pub use crate::shell::Server;
use chat_emulator::{Config, Seed};
use serde_json::{json, Value};
use std::io;
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const QUERY: &str =
    "sdkappid=1400000000&identifier=administrator&usersig=emulator-usersig&random=12345&contenttype=json";

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends one request on a fresh connection (`Connection: close`) and reads the reply.
pub async fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> io::Result<Resp> {
    let mut s = TcpStream::connect(addr).await?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).await?;
    s.write_all(body).await?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await?;
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> io::Result<Resp> {
    let bad = |m: &str| io::Error::new(io::ErrorKind::InvalidData, m.to_owned());
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("no header end"))?;
    let head = std::str::from_utf8(&raw[..split]).map_err(|_| bad("head not utf8"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or_else(|| bad("no status line"))?;
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("bad status line"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let nl = rest
                .windows(2)
                .position(|w| w == b"\r\n")
                .ok_or_else(|| bad("bad chunk"))?;
            let size_str = std::str::from_utf8(&rest[..nl]).map_err(|_| bad("bad chunk"))?;
            let size = usize::from_str_radix(size_str.trim(), 16).map_err(|_| bad("bad chunk"))?;
            rest = &rest[nl + 2..];
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[..size]);
            rest = &rest[size + 2..];
        }
        body = out;
    }
    Ok(Resp {
        status,
        headers,
        body,
    })
}

pub struct Emu {
    pub server: Server,
    pub addr: SocketAddr,
}

pub async fn start_with(f: impl FnOnce(&mut Config)) -> Emu {
    let mut config = Config::default();
    f(&mut config);
    if let Some(cmd) = crate::shell::command() {
        let (server, addr) = crate::shell::spawn(&cmd, &config).await;
        return Emu { server, addr };
    }
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = chat_emulator::start(listener, config).await.unwrap();
    let addr = server.addr();
    Emu {
        server: Server::InProcess(server),
        addr,
    }
}

/// Demo seed, default config.
pub async fn demo() -> Emu {
    start_with(|_| {}).await
}

/// No seed data.
pub async fn empty() -> Emu {
    start_with(|c| c.service.seed = Seed::None).await
}

impl Emu {
    /// A /v4/recentcontact call with a valid query; asserts HTTP 200 and returns the JSON.
    pub async fn call(&self, command: &str, body: Value) -> Value {
        let r = self
            .call_raw(command, QUERY, body.to_string().as_bytes())
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()
    }

    pub async fn call_raw(&self, command: &str, query: &str, body: &[u8]) -> Resp {
        let path = if query.is_empty() {
            format!("/v4/recentcontact/{command}")
        } else {
            format!("/v4/recentcontact/{command}?{query}")
        };
        http(
            self.addr,
            "POST",
            &path,
            &[("Content-Type", "application/json")],
            body,
        )
        .await
        .unwrap()
    }

    pub async fn post(&self, path: &str, body: Value) -> Value {
        let r = http(
            self.addr,
            "POST",
            path,
            &[("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        )
        .await
        .unwrap();
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        r.json()
    }

    /// A control-API POST of raw bytes with no headers, for the refusals' status and body.
    pub async fn post_raw(&self, path: &str, body: &[u8]) -> Resp {
        http(self.addr, "POST", path, &[], body).await.unwrap()
    }

    pub async fn get(&self, path: &str) -> Value {
        let r = http(self.addr, "GET", path, &[], b"").await.unwrap();
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        r.json()
    }

    pub async fn state(&self, account: &str) -> Value {
        self.get(&format!("/_emulator/state?account={account}"))
            .await
    }

    pub async fn import(&self, accounts: &[&str]) {
        self.post("/_emulator/accounts", json!({ "accounts": accounts }))
            .await;
    }

    pub async fn config(&self, cfg: Value) {
        self.post("/_emulator/config", cfg).await;
    }

    pub async fn fault(&self, f: Value) {
        self.post("/_emulator/faults", f).await;
    }
}

/// Asserts a FAIL envelope with `code`; returns ErrorInfo.
pub fn assert_fail(v: &Value, code: u64) -> String {
    assert_eq!(v["ActionStatus"], "FAIL", "{v}");
    assert_eq!(v["ErrorCode"], code, "{v}");
    assert_eq!(v["ErrorDisplay"], "", "{v}");
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys.len(),
        4,
        "FAIL carries exactly the four envelope fields: {v}"
    );
    v["ErrorInfo"].as_str().unwrap().to_owned()
}

/// Asserts the OK envelope.
pub fn assert_ok(v: &Value) {
    assert_eq!(v["ActionStatus"], "OK", "{v}");
    assert_eq!(v["ErrorCode"], 0, "{v}");
    assert_eq!(v["ErrorInfo"], "", "{v}");
    assert_eq!(v["ErrorDisplay"], "", "{v}");
}

/// Sorted key names of a JSON object.
pub fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

pub fn get_list_body(account: &str, cursor: [u64; 4], flags: u64) -> Value {
    json!({
        "From_Account": account,
        "TimeStamp": cursor[0],
        "StartIndex": cursor[1],
        "TopTimeStamp": cursor[2],
        "TopStartIndex": cursor[3],
        "AssistFlags": flags,
    })
}
