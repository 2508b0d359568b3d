//! `chat-emulator-wasm`: the emulator service ([`chat_emulator_service`]) for JavaScript.
//! The JS around it (the npm package `tencent-chat-emulator`, `emulator/npm/`) owns what
//! the service leaves to a shell: the clock, timers for `delay`, sockets, the state file.

mod options;

use chat_emulator_service::{Pending, Reply, Request, Service};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

/// One emulator: its data, and the requests a `delay` fault holds back.
#[wasm_bindgen]
pub struct Emulator {
    service: Service,
    pending: HashMap<u32, Pending>,
    next_token: u32,
}

/// What to do with a request: `kind` is `"respond"` (send `status`, `headers`, `body`),
/// `"delay"` (wait `delayMs`, then call `resume(token)`) or `"reset"` (fail the
/// connection and send nothing).
#[wasm_bindgen]
pub struct Outcome {
    kind: &'static str,
    status: u16,
    headers: Vec<String>,
    body: Vec<u8>,
    mutated: bool,
    delay_ms: f64,
    token: u32,
}

#[wasm_bindgen]
impl Outcome {
    /// `"respond"`, `"delay"` or `"reset"`.
    #[wasm_bindgen(getter, unchecked_return_type = "\"respond\" | \"delay\" | \"reset\"")]
    pub fn kind(&self) -> String {
        self.kind.to_owned()
    }
    /// The HTTP status (`respond`).
    #[wasm_bindgen(getter)]
    pub fn status(&self) -> u16 {
        self.status
    }
    /// Header names and values, alternating (`respond`).
    #[wasm_bindgen(getter)]
    pub fn headers(&self) -> Vec<String> {
        self.headers.clone()
    }
    /// The body bytes (`respond`).
    #[wasm_bindgen(getter)]
    pub fn body(&self) -> Vec<u8> {
        self.body.clone()
    }
    /// The data changed: save it now if state is kept (`respond`).
    #[wasm_bindgen(getter)]
    pub fn mutated(&self) -> bool {
        self.mutated
    }
    /// How long to wait before `resume` (`delay`).
    #[wasm_bindgen(getter, js_name = delayMs)]
    pub fn delay_ms(&self) -> f64 {
        self.delay_ms
    }
    /// What to pass to `resume` (`delay`).
    #[wasm_bindgen(getter)]
    pub fn token(&self) -> u32 {
        self.token
    }
}

impl Outcome {
    fn respond(r: chat_emulator_service::Response) -> Self {
        Outcome {
            kind: "respond",
            status: r.status,
            headers: r.headers.into_iter().flat_map(|(k, v)| [k, v]).collect(),
            body: r.body,
            mutated: r.mutated,
            delay_ms: 0.0,
            token: 0,
        }
    }

    fn other(kind: &'static str, delay_ms: f64, token: u32) -> Self {
        Outcome {
            kind,
            status: 0,
            headers: Vec::new(),
            body: Vec::new(),
            mutated: false,
            delay_ms,
            token,
        }
    }
}

fn to_ms(now_ms: f64) -> u64 {
    // Date.now() is a non-negative integer below 2^53; anything else is a shell bug.
    if now_ms.is_finite() && now_ms >= 0.0 {
        now_ms as u64
    } else {
        0
    }
}

/// Every option (`createEmulator`'s and the bin's flags) as JSON text: a list of
/// `{ key, flag, aliases, help, kind, default, values }`, from the service's one
/// configuration type.
#[wasm_bindgen(js_name = describeOptions)]
pub fn describe_options() -> String {
    options::describe()
}

/// Checks `options` (JSON text) as `new Emulator` would, without making one: `undefined`
/// when they are good, else the JSON text of `{ key, message }` (`key` is the option to
/// blame, `null` when none is).
#[wasm_bindgen(js_name = checkOptions)]
pub fn check_options(options: &str) -> Option<String> {
    options::check(options)
}

#[wasm_bindgen]
impl Emulator {
    /// An emulator for `options` (JSON text of the package's options, less port, host and
    /// state), loaded from `state` (a saved state file's bytes) when given.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str, state: Option<Vec<u8>>) -> Result<Emulator, JsError> {
        let config = options::parse(options).map_err(|e| JsError::new(&e))?;
        let service = match state {
            Some(bytes) => {
                Service::with_state(config, &bytes).map_err(|e| JsError::new(&e.to_string()))?
            }
            None => Service::new(config),
        };
        Ok(Emulator {
            service,
            pending: HashMap::new(),
            next_token: 0,
        })
    }

    /// Handles one request received at `now_ms` (`Date.now()`). `query` is the text after
    /// `?` (`undefined` when the URL has none); `headers` alternates names and values;
    /// `body` is `undefined` when it could not be read.
    pub fn handle(
        &mut self,
        method: String,
        path: String,
        query: Option<String>,
        headers: Vec<String>,
        body: Option<Vec<u8>>,
        now_ms: f64,
    ) -> Outcome {
        let mut pairs = Vec::with_capacity(headers.len() / 2);
        let mut it = headers.into_iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            pairs.push((k, v));
        }
        let req = Request {
            method,
            path,
            query,
            headers: pairs,
            body,
        };
        match self.service.handle(req, to_ms(now_ms)) {
            Reply::Respond(r) => Outcome::respond(r),
            Reply::Reset => Outcome::other("reset", 0.0, 0),
            Reply::Delay { ms, pending } => {
                self.next_token = self.next_token.wrapping_add(1);
                self.pending.insert(self.next_token, pending);
                Outcome::other("delay", ms as f64, self.next_token)
            }
        }
    }

    /// Handles the request a `delay` outcome held back, once its time is up.
    pub fn resume(&mut self, token: u32, now_ms: f64) -> Result<Outcome, JsError> {
        let pending = self
            .pending
            .remove(&token)
            .ok_or_else(|| JsError::new("no delayed request with this token"))?;
        Ok(Outcome::respond(
            self.service.resume(pending, to_ms(now_ms)),
        ))
    }

    /// The data as a state file's bytes (the format `chat-emulator --state` writes).
    pub fn save(&self) -> Result<Vec<u8>, JsError> {
        self.service
            .save()
            .map(|(_, bytes)| bytes)
            .map_err(|e| JsError::new(&e.to_string()))
    }
}
