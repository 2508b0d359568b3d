//! Sending one call to the service: the client-side rate limit, attempts with deadlines,
//! retries with backoff, UserSig refresh, and the hooks. gloo-net builds each request; the
//! UserSig is read per attempt and goes into the request URL only, and everything else
//! sees the redacted URL. The decisions (limits, retries, decoding) are the core's.

use super::convert::{self, Parsed};
use super::hooks::Hooks;
use super::timers::{self, Deadline};
use crate::config::{self, ClientConfig};
use crate::error::{Cause, ChatError, ErrorKind};
use crate::rate_limit::RateWindow;
use crate::response;
use crate::retry::{self, Decision, Idempotency};
use crate::url::{self, Caller};
use gloo_net::http::{Request, Response};
use js_sys::{Function, Promise, Reflect};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestRedirect};

/// Larger bodies (by their `Content-Length`) are refused unread: a page of 100
/// conversations is about 15 KB.
const MAX_BODY_BYTES: u64 = 16 * 1024 * 1024;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, given the request gloo-net built. Called here rather than through
    /// `Request::send` so that a rejection reaches [`network_error`] whole: gloo-net keeps
    /// only its name and message (Node puts the reason — refused, DNS, TLS — in `cause`),
    /// and treats a rejection that is not an `Error` as unreachable, a trap.
    #[wasm_bindgen(js_name = fetch, catch)]
    fn fetch_request(request: &web_sys::Request) -> Result<Promise, JsValue>;

    /// Milliseconds on the monotonic clock (Node and every browser and worker have the
    /// global `performance`): the limiter's windows must not move with the wall clock.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn now() -> f64;
}

/// Where the UserSig comes from: fixed, or the host's function called per attempt.
pub enum UserSig {
    Fixed(String),
    Callback(Function),
}

/// How one call is sent: the caller's `signal` and `timeoutMs`, and whether a request that
/// may have taken effect can be repeated.
pub struct CallOptions {
    pub signal: Option<AbortSignal>,
    pub timeout_ms: Option<f64>,
    pub idempotency: Idempotency,
    /// `dryRun`: validate and build the request, and resolve to it unsent.
    pub dry_run: bool,
}

impl CallOptions {
    /// Reads `signal` and `timeoutMs` from a method's options argument (refusing one that
    /// is not an object).
    pub fn read(options: &JsValue, idempotency: Idempotency) -> Result<Self, ChatError> {
        convert::check_options(options)?;
        let signal = convert::given(options, "signal");
        let signal = if signal.is_undefined() {
            None
        } else {
            Some(signal.dyn_into::<AbortSignal>().map_err(|_| {
                ChatError::invalid_option("signal", "`signal` must be an AbortSignal")
            })?)
        };
        Ok(CallOptions {
            signal,
            timeout_ms: timeout_ms(options)?,
            idempotency,
            dry_run: convert::flag(options, "dryRun")? == Some(true),
        })
    }
}

/// An options object's `timeoutMs`, which must be a positive number when given.
pub fn timeout_ms(options: &JsValue) -> Result<Option<f64>, ChatError> {
    let timeout = convert::given(options, "timeoutMs");
    if timeout.is_undefined() {
        return Ok(None);
    }
    let ms = timeout.as_f64().unwrap_or(f64::NAN);
    config::check_timeout(ms)?;
    Ok(Some(ms))
}

/// A configured connection to the service.
pub struct Transport {
    config: ClientConfig,
    base_url: String,
    user_sig: UserSig,
    hooks: Hooks,
    // One per command used: a handful, so a list. Borrowed only between awaits.
    windows: RefCell<Vec<(String, RateWindow)>>,
}

impl Transport {
    /// `base_url` is what `config.base_url()` checked and returned.
    pub fn new(config: ClientConfig, base_url: String, user_sig: UserSig, hooks: Hooks) -> Self {
        Transport {
            config,
            base_url,
            user_sig,
            hooks,
            windows: RefCell::default(),
        }
    }

    fn caller(&self) -> Caller<'_> {
        Caller {
            base_url: &self.base_url,
            sdk_app_id: self.config.sdk_app_id,
            identifier: &self.config.identifier,
        }
    }

    /// POSTs `body` (JSON text) to `command`, retrying as the policy allows, and returns
    /// what `decode` makes of the response. A decoding failure counts as the attempt's.
    pub async fn call<T>(
        &self,
        command: &str,
        body: &JsValue,
        call: &CallOptions,
        decode: impl Fn(&Parsed) -> Result<T, ChatError>,
    ) -> Result<T, ChatError> {
        let mut out = None;
        let mut accept = |parsed: &Parsed| {
            out = Some(decode(parsed)?);
            Ok(())
        };
        self.send(command, body, call, &mut accept).await?;
        out.ok_or_else(|| ChatError::bad_response("no response was decoded"))
    }

    /// The retry loop, boxed so that one copy of its state machine serves every method
    /// (`call` is the small generic shim). `accept` decodes an answer, or fails the attempt.
    fn send<'a>(
        &'a self,
        command: &'a str,
        body: &'a JsValue,
        call: &'a CallOptions,
        accept: &'a mut dyn FnMut(&Parsed) -> Result<(), ChatError>,
    ) -> Pin<Box<dyn Future<Output = Result<(), ChatError>> + 'a>> {
        Box::pin(async move {
            let timeout_ms = call.timeout_ms.unwrap_or_else(|| self.config.timeout_ms());
            let signal = call.signal.as_ref();
            let (mut attempt, mut retries, mut refreshed) = (0, 0, false);
            loop {
                let sig = self
                    .user_sig()
                    .await
                    .map_err(|e| finish(e, command, attempt))?;
                // The slot is taken last, so that the send follows at once; it is held
                // until the attempt ends.
                let slot = self
                    .wait_for_slot(command, timeout_ms, signal)
                    .await
                    .map_err(|e| finish(e, command, attempt))?;
                attempt += 1;
                let random = random_u32();
                let url = || url::redacted_url(self.caller(), command, random);
                let mut event = self.hooks.request(command, attempt, random, url);
                let started = now();
                let url = url::signed_url(self.caller(), command, &sig, random);
                let outcome = match exchange(&url, body, timeout_ms, signal).await {
                    Ok((status, parsed)) => accept(&parsed)
                        .map(|()| status)
                        .map_err(|e| with_status(e, status)),
                    Err(e) => Err(e),
                };
                drop(slot);
                // Redacted before hooks or the caller see it: the service may echo the sig,
                // and serde's messages quote wrong-typed values.
                let outcome = outcome.map_err(|e| {
                    let mut e = finish(e.redacted(&sig), command, attempt);
                    e.random = Some(random);
                    e
                });
                self.hooks.response(&mut event, now() - started, &outcome);
                let Err(error) = outcome else { return Ok(()) };
                let can_refresh = matches!(self.user_sig, UserSig::Callback(_)) && !refreshed;
                let max_retries = self.config.max_retries();
                match retry::decide(&error, retries, max_retries, call.idempotency, can_refresh) {
                    Decision::GiveUp => return Err(retry::final_error(error)),
                    Decision::RefreshUserSig => refreshed = true,
                    Decision::Backoff => {
                        let delay =
                            retry::backoff_ms(retries, f64::from(random_u32()) / 4_294_967_296.0);
                        retries += 1;
                        self.hooks.retry(&mut event, delay);
                        timers::sleep(delay, signal)
                            .await
                            .map_err(|e| finish(e, command, attempt))?;
                    }
                }
            }
        })
    }

    /// Waits until the endpoint's window has room and takes a slot, held until the
    /// returned guard drops (refusing at once when the turn would come after the timeout).
    async fn wait_for_slot<'a>(
        &'a self,
        command: &'a str,
        timeout_ms: f64,
        signal: Option<&AbortSignal>,
    ) -> Result<Option<InFlight<'a>>, ChatError> {
        timers::check_aborted(signal)?;
        let limit = self.config.max_requests_per_second();
        if limit == 0 {
            return Ok(None);
        }
        self.window(command, |w| w.join(limit, now(), timeout_ms))
            .unwrap_or(Ok(()))?;
        // Leaves the queue however the wait ends: sent, aborted, or the call dropped.
        let _queued = Queued(self, command);
        loop {
            match self.window(command, |w| w.try_send(limit, now())) {
                Some(Err(wait)) => timers::sleep(wait, signal).await?,
                Some(Ok(())) => return Ok(Some(InFlight(self, command))),
                None => return Ok(None),
            }
        }
    }

    /// Runs `f` on `command`'s window; `None` only if a window is somehow borrowed already
    /// (never: each borrow ends before the next await).
    fn window<T>(&self, command: &str, f: impl FnOnce(&mut RateWindow) -> T) -> Option<T> {
        let mut windows = self.windows.try_borrow_mut().ok()?;
        let at = match windows.iter().position(|(c, _)| *c == command) {
            Some(at) => at,
            None => {
                windows.push((command.to_owned(), RateWindow::default()));
                windows.len() - 1
            }
        };
        windows.get_mut(at).map(|(_, window)| f(window))
    }

    async fn user_sig(&self) -> Result<String, ChatError> {
        let callback = match &self.user_sig {
            UserSig::Fixed(sig) => return Ok(sig.clone()),
            UserSig::Callback(f) => f,
        };
        // Never echo what the callback threw or returned in a message: it may hold the
        // signature. What it threw goes to the caller untouched, as the error's `cause`.
        let failed = |thrown: JsValue| ChatError {
            cause: Some(Cause(Rc::new(thrown))),
            ..ChatError::new(ErrorKind::UserSig, "the userSig function threw or rejected")
        };
        let mut value = callback.call0(&JsValue::UNDEFINED).map_err(failed)?;
        if let Some(promise) = value.dyn_ref::<Promise>() {
            value = JsFuture::from(promise.clone()).await.map_err(failed)?;
        }
        match value.as_string() {
            Some(sig) if !sig.is_empty() => Ok(sig),
            _ => Err(ChatError::new(
                ErrorKind::UserSig,
                "the userSig function must return a non-empty string",
            )),
        }
    }
}

/// A caller waiting in a command's rate-limit queue.
struct Queued<'a>(&'a Transport, &'a str);

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.window(self.1, RateWindow::leave);
    }
}

/// An attempt holding a slot of its command's window: when it ends (answered, failed, or
/// the call dropped), the service has received it, and the slot frees a window later.
struct InFlight<'a>(&'a Transport, &'a str);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.window(self.1, |w| w.end(now()));
    }
}

/// One POST, within the deadline: the HTTP status and the body as the runtime parsed it.
async fn exchange(
    url: &str,
    body: &JsValue,
    timeout_ms: f64,
    caller: Option<&AbortSignal>,
) -> Result<(u16, Parsed), ChatError> {
    let deadline = Deadline::new(timeout_ms, caller)?;
    let request: web_sys::Request = Request::post(url)
        .header("content-type", "application/json")
        // A redirect could carry the UserSig in its URL anywhere: never followed. "manual"
        // rather than "error", which workerd refuses; `refuse_redirect` fails the answer.
        .redirect(RequestRedirect::Manual)
        .abort_signal(Some(&deadline.signal()))
        .body(body.clone())
        .map_err(|_| ChatError::invalid_input("the request could not be built"))?
        .into();
    let sent = match fetch_request(&request) {
        Ok(promise) => JsFuture::from(promise).await,
        Err(e) => Err(e),
    };
    let response = sent
        .and_then(|r| r.dyn_into::<web_sys::Response>())
        .map_err(|e| {
            deadline.classify(caller, timeout_ms, || {
                network_error("the request failed", &e)
            })
        })?;
    refuse_redirect(&response)?;
    let response = Response::from(response);
    let status = response.status();
    // The one check of the status: the body of a non-2xx answer is not read.
    response::check_status(status)?;
    let length = response.headers().get("content-length");
    if let Some(length) = length.and_then(|l| l.trim().parse::<u64>().ok()) {
        if length > MAX_BODY_BYTES {
            return Err(with_status(
                ChatError::bad_response(format!(
                    "response body of {length} bytes is over the {MAX_BODY_BYTES} byte cap"
                )),
                status,
            ));
        }
    }
    // The runtime parses the body (`Response.json()`); serde then reads the parsed value.
    let parsed = match web_sys::Response::from(response).json() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(e) => Err(e),
    };
    let parsed = parsed.map_err(|e| {
        let error = deadline.classify(caller, timeout_ms, || {
            if e.has_type::<js_sys::SyntaxError>() {
                ChatError::bad_response("response body is not JSON")
            } else {
                network_error("reading the response failed", &e)
            }
        });
        with_status(error, status)
    })?;
    Ok((status, Parsed(parsed)))
}

/// A redirect answer under `redirect: "manual"` fails as `network`, as `redirect: "error"`
/// would have: browsers give an opaque redirect (status 0), Node and workerd the 3xx itself.
fn refuse_redirect(response: &web_sys::Response) -> Result<(), ChatError> {
    let status = response.status();
    let opaque = Reflect::get(response, &"type".into())
        .ok()
        .and_then(|t| t.as_string())
        .is_some_and(|t| t == "opaqueredirect");
    if opaque || matches!(status, 301 | 302 | 303 | 307 | 308) {
        let code = if opaque {
            String::new()
        } else {
            format!(" (HTTP {status})")
        };
        return Err(ChatError::new(
            ErrorKind::Network,
            format!("the server answered with a redirect{code}, which is never followed"),
        ));
    }
    Ok(())
}

/// A `network` error naming the runtime's reason where it gives one: the error's message
/// and, in Node, its `cause` (e.g. `connect ECONNREFUSED 127.0.0.1:8787`).
fn network_error(what: &str, error: &JsValue) -> ChatError {
    let text = |value: &JsValue, key: &str| {
        Reflect::get(value, &key.into())
            .ok()
            .and_then(|v| v.as_string())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let mut info = what.to_owned();
    if error.is_object() {
        if let Some(message) = text(error, "message") {
            info = format!("{info}: {message}");
        }
        let cause = Reflect::get(error, &"cause".into()).unwrap_or(JsValue::UNDEFINED);
        if cause.is_object() {
            if let Some(reason) = text(&cause, "message").or_else(|| text(&cause, "code")) {
                info = format!("{info} ({reason})");
            }
        }
    }
    ChatError::new(ErrorKind::Network, info)
}

fn with_status(mut error: ChatError, status: u16) -> ChatError {
    error.http_status = Some(status);
    error
}

/// Stamps an error with its command and the number of requests sent so far.
fn finish(mut error: ChatError, command: &str, sent: u32) -> ChatError {
    error.attempts = if error.kind == ErrorKind::InvalidInput {
        0
    } else {
        sent
    };
    error.for_command(command)
}

/// A request's `random` (and backoff jitter), from the platform's secure source, drawn a
/// batch at a time: each draw crosses into JS.
fn random_u32() -> u32 {
    thread_local! {
        static POOL: RefCell<(usize, [u32; 64])> = const { RefCell::new((64, [0; 64])) };
    }
    POOL.with(|pool| {
        let Ok(mut pool) = pool.try_borrow_mut() else {
            return 0;
        };
        let (next, values) = &mut *pool;
        if *next >= values.len() {
            let mut bytes = [0u8; 256];
            // Without a secure source the values stay as they were: `random` only tells
            // requests apart in the service's logs.
            let _ = getrandom::fill(&mut bytes);
            for (value, chunk) in values.iter_mut().zip(bytes.chunks_exact(4)) {
                *value = u32::from_le_bytes(<[u8; 4]>::try_from(chunk).unwrap_or_default());
            }
            *next = 0;
        }
        let value = values.get(*next).copied().unwrap_or(0);
        *next += 1;
        value
    })
}
