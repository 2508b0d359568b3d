//! `Engine`: one client's configuration and per-endpoint rate-limit windows, and the
//! synchronous steps of its calls. A bad configuration is kept and reported by every call,
//! so that constructing a client never throws.

use super::methods::Method;
use super::thrown;
use super::walker::Walker;
use crate::codec;
use crate::config::ClientConfig;
use crate::error::ChatError;
use crate::rate_limit::RateWindow;
use crate::request::{self, Caller};
use crate::retry::Idempotency;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// The shape a bad configuration's error names, as the TypeScript types declare it.
const CONFIG: &str = r#"{ sdkAppId: a 32-bit unsigned integer, identifier: string, region?: "china" | "singapore" | "seoul" | "tokyo" | "frankfurt" | "silicon-valley" | "jakarta", endpoint?: string, allowInsecureHttp?: boolean, timeoutMs?: number, maxRetries?: integer, maxRequestsPerSecond?: integer }"#;

#[wasm_bindgen(skip_typescript)]
pub struct Engine {
    ready: Result<Ready, ChatError>,
}

struct Ready {
    config: ClientConfig,
    base_url: String,
    // One per command used: a handful, so a list (a HashMap costs 3 KB of wasm).
    // Borrowed only inside one synchronous export, so never twice at once.
    windows: RefCell<Vec<(String, RateWindow)>>,
}

impl Ready {
    fn caller(&self) -> Caller<'_> {
        Caller {
            base_url: &self.base_url,
            sdk_app_id: self.config.sdk_app_id,
            identifier: &self.config.identifier,
        }
    }

    fn window<T>(&self, command: &str, f: impl FnOnce(&mut RateWindow) -> T) -> Option<T> {
        let mut windows = self.windows.try_borrow_mut().ok()?;
        let at = match windows.iter().position(|(c, _)| c == command) {
            Some(at) => at,
            None => {
                windows.push((command.to_owned(), RateWindow::default()));
                windows.len() - 1
            }
        };
        windows.get_mut(at).map(|(_, window)| f(window))
    }
}

#[wasm_bindgen]
impl Engine {
    /// `config` is the JSON of the constructor's options without the UserSig and hooks
    /// (`null` when they were not an object).
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str) -> Engine {
        let ready =
            codec::input::<Option<ClientConfig>>(config, "options", CONFIG).and_then(|config| {
                let config = config.ok_or_else(|| {
                    ChatError::invalid_input("ConversationClient needs an options object")
                })?;
                Ok(Ready {
                    base_url: config.base_url()?,
                    config,
                    windows: RefCell::default(),
                })
            });
        Engine { ready }
    }

    fn ready(&self) -> Result<&Ready, JsValue> {
        self.ready.as_ref().map_err(|e| thrown(e.clone()))
    }

    /// Throws the configuration's error, if any.
    #[wasm_bindgen(js_name = checkReady)]
    pub fn check_ready(&self) -> Result<(), JsValue> {
        self.ready().map(|_| ())
    }

    #[wasm_bindgen(getter, js_name = timeoutMs)]
    pub fn timeout_ms(&self) -> f64 {
        self.ready.as_ref().map_or(0.0, |r| r.config.timeout_ms())
    }

    #[wasm_bindgen(getter, js_name = maxRetries)]
    pub fn max_retries(&self) -> u32 {
        self.ready.as_ref().map_or(0, |r| r.config.max_retries())
    }

    /// The request body of `method` (a JS method name) for the JSON of its arguments.
    pub fn prepare(&self, method: &str, account: &str, input: &str) -> Result<String, JsValue> {
        self.ready()?;
        Method::from_name(method)
            .and_then(|m| m.body(account, input))
            .map_err(thrown)
    }

    /// The result of `method` as JSON from an exchange, with the UserSig kept out of errors.
    pub fn decode(
        &self,
        method: &str,
        status: u16,
        text: &str,
        sig: &str,
    ) -> Result<String, JsValue> {
        Method::from_name(method)
            .and_then(|m| m.decode(status, text))
            .map_err(|e| thrown(e.redacted(sig)))
    }

    /// A raw command's checks before sending.
    pub fn raw(&self, command: &str) -> Result<(), JsValue> {
        self.ready()?;
        request::check_command(command).map_err(thrown)
    }

    /// Checks a raw command's exchange (status and envelope).
    pub fn check(&self, status: u16, text: &str, sig: &str) -> Result<(), JsValue> {
        codec::check(status, text).map_err(|e| thrown(e.redacted(sig)))
    }

    /// The URL to send to, UserSig included: used for `fetch` and nothing else.
    pub fn url(&self, command: &str, sig: &str, random: u32) -> String {
        self.ready
            .as_ref()
            .map(|r| request::url(r.caller(), command, sig, random))
            .unwrap_or_default()
    }

    /// The URL as hooks see it.
    #[wasm_bindgen(js_name = redactedUrl)]
    pub fn redacted_url(&self, command: &str, random: u32) -> String {
        self.ready
            .as_ref()
            .map(|r| request::redacted_url(r.caller(), command, random))
            .unwrap_or_default()
    }

    /// Queues a caller for `command`'s window, or refuses it when its turn would come after
    /// `max_wait_ms`. Pair with [`Engine::leave`].
    pub fn join(&self, command: &str, now_ms: f64, max_wait_ms: f64) -> Result<(), JsValue> {
        let ready = self.ready()?;
        let limit = ready.config.max_requests_per_second();
        match ready.window(command, |w| w.join(limit, now_ms, max_wait_ms)) {
            Some(Err(e)) => Err(thrown(e.for_command(command))),
            _ => Ok(()),
        }
    }

    /// Records a send now if `command`'s window has room (returns 0); otherwise returns the
    /// milliseconds to wait before asking again.
    #[wasm_bindgen(js_name = trySend)]
    pub fn try_send(&self, command: &str, now_ms: f64) -> f64 {
        let Ok(ready) = self.ready.as_ref() else {
            return 0.0;
        };
        let limit = ready.config.max_requests_per_second();
        if limit == 0 {
            return 0.0;
        }
        match ready.window(command, |w| w.try_send(limit, now_ms)) {
            Some(Err(wait)) => wait,
            _ => 0.0,
        }
    }

    /// A caller queued by [`Engine::join`] has sent or given up.
    pub fn leave(&self, command: &str) {
        if let Ok(ready) = self.ready.as_ref() {
            ready.window(command, RateWindow::leave);
        }
    }

    /// A whole-list walk: `kind` is "conversations" or "marked"; `account` and `options`
    /// are JSON like [`Engine::prepare`]'s.
    pub fn walk(&self, kind: &str, account: &str, options: &str) -> Result<Walker, JsValue> {
        self.ready()?;
        Walker::new(kind, account, options).map_err(thrown)
    }
}

/// The command `method` sends to.
#[wasm_bindgen(skip_typescript)]
pub fn command(method: &str) -> String {
    Method::from_name(method)
        .map(Method::command)
        .unwrap_or_default()
        .to_owned()
}

/// Whether `method` may be repeated after an unclear failure.
#[wasm_bindgen(skip_typescript)]
pub fn idempotent(method: &str) -> bool {
    Method::from_name(method).is_ok_and(|m| m.idempotency() == Idempotency::Idempotent)
}
