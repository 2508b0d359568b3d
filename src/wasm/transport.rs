//! Sending one call to the service over `fetch`: the client-side rate limit, attempts with
//! deadlines, retries with backoff, UserSig refresh, and the hooks. The UserSig is read per
//! attempt and goes into the request URL only; everything else sees the redacted URL.

use super::convert;
use super::hooks::Hooks;
use super::timers::{self, Deadline};
use crate::config::ClientConfig;
use crate::envelope;
use crate::error::{ChatError, ErrorKind};
use crate::events::RequestEvent;
use crate::rate_limit::RateWindow;
use crate::request::{self, Caller};
use crate::retry::{self, Decision, Idempotency};
use crate::wire::Envelope;
use gloo_net::http::Request;
use js_sys::{Date, Function, Promise, JSON};
use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestRedirect};

/// Where the UserSig comes from: fixed, or the host's function called per request.
pub enum UserSig {
    Fixed(String),
    Callback(Function),
}

/// How one call is sent.
pub struct CallOptions {
    pub signal: Option<AbortSignal>,
    /// Overrides the client's per-attempt timeout.
    pub timeout_ms: Option<f64>,
    pub idempotency: Idempotency,
}

/// A call's successful exchange: the parsed body, and what the caller needs to report a
/// failure it finds in that body afterwards as it would a failed attempt.
pub struct Sent {
    pub body: JsValue,
    random: u32,
    attempts: u32,
    http_status: u16,
    // Held only until the caller has decoded the body, to redact what decoding reports.
    user_sig: String,
}

impl Sent {
    /// A failure found in the body after the exchange (the endpoint's typed decoding):
    /// stamped with the attempt's random, count and status, and with the UserSig redacted,
    /// since serde's messages quote wrong-typed values.
    pub fn fail(&self, error: ChatError, command: &str) -> ChatError {
        let mut error = error.redacted(&self.user_sig);
        error.random = Some(self.random);
        error.http_status = Some(self.http_status);
        error.attempts = self.attempts;
        error.for_command(command)
    }
}

/// A configured connection to the service.
pub struct Transport {
    config: ClientConfig,
    base_url: String,
    user_sig: UserSig,
    hooks: Hooks,
    // Borrowed only between awaits, never across one.
    windows: RefCell<HashMap<String, RateWindow>>,
}

impl Transport {
    pub fn new(config: ClientConfig, user_sig: UserSig, hooks: Hooks) -> Result<Self, ChatError> {
        let base_url = config.base_url()?;
        if let UserSig::Fixed(sig) = &user_sig {
            if sig.is_empty() {
                return Err(ChatError::invalid_input("userSig must not be empty"));
            }
        }
        Ok(Transport {
            config,
            base_url,
            user_sig,
            hooks,
            windows: RefCell::default(),
        })
    }

    fn caller(&self) -> Caller<'_> {
        Caller {
            base_url: &self.base_url,
            sdk_app_id: self.config.sdk_app_id,
            identifier: &self.config.identifier,
        }
    }

    /// POSTs `body` to `command`, retrying as the policy allows, and returns the parsed
    /// body once its envelope says OK. Boxed: one copy of this state machine serves every
    /// method instead of one inlined into each.
    pub fn send<'a>(
        &'a self,
        command: &'a str,
        body: &'a str,
        call: &'a CallOptions,
    ) -> Pin<Box<dyn Future<Output = Result<Sent, ChatError>> + 'a>> {
        Box::pin(self.send_with_retries(command, body, call))
    }

    async fn send_with_retries(
        &self,
        command: &str,
        body: &str,
        call: &CallOptions,
    ) -> Result<Sent, ChatError> {
        let timeout_ms = call.timeout_ms.unwrap_or(self.config.timeout_ms);
        let signal = call.signal.as_ref();
        let mut attempt = 0;
        let mut retries = 0;
        let mut sig_refreshed = false;
        loop {
            attempt += 1;
            let sig = self
                .user_sig()
                .await
                .map_err(|e| finish(e, command, attempt - 1))?;
            // The slot is taken last, so that the send follows its record at once.
            self.wait_for_slot(command, timeout_ms, signal)
                .await
                .map_err(|e| finish(e, command, attempt - 1))?;
            let random = getrandom::u32()
                .map_err(|_| ChatError::new(ErrorKind::Network, "no secure random source"))?;
            let mut event = RequestEvent {
                command: command.to_owned(),
                attempt,
                random,
                url: request::redacted_url(self.caller(), command, random),
                duration_ms: None,
                http_status: None,
                error: None,
                delay_ms: None,
            };
            self.hooks.request(&event);
            let started = Date::now();
            let outcome = self
                .attempt(command, body, &sig, random, timeout_ms, signal)
                .await;
            event.duration_ms = Some(Date::now() - started);
            let mut error = match outcome {
                Ok((status, parsed)) => {
                    event.http_status = Some(status);
                    self.hooks.response(&event);
                    return Ok(Sent {
                        body: parsed,
                        random,
                        attempts: attempt,
                        http_status: status,
                        user_sig: sig,
                    });
                }
                // Before hooks or the caller see it: the service may echo the sig.
                Err(e) => e.redacted(&sig),
            };
            error.random = Some(random);
            error = finish(error, command, attempt);
            event.http_status = error.http_status;
            event.error = Some(error.clone());
            self.hooks.response(&event);
            let can_refresh = matches!(self.user_sig, UserSig::Callback(_)) && !sig_refreshed;
            match retry::decide(
                &error,
                retries,
                self.config.max_retries,
                call.idempotency,
                can_refresh,
            ) {
                Decision::GiveUp => return Err(retry::final_error(error)),
                Decision::RefreshUserSig => sig_refreshed = true,
                Decision::Backoff => {
                    let unit = f64::from(getrandom::u32().unwrap_or(0)) / 4_294_967_296.0;
                    let delay = retry::backoff_ms(retries, unit);
                    retries += 1;
                    event.delay_ms = Some(delay);
                    self.hooks.retry(&event);
                    timers::sleep(delay, signal)
                        .await
                        .map_err(|e| finish(e, command, attempt))?;
                }
            }
        }
    }

    /// Waits until the endpoint's window has room and records the send (refusing at once
    /// when the turn would come after the timeout).
    async fn wait_for_slot(
        &self,
        command: &str,
        timeout_ms: f64,
        signal: Option<&AbortSignal>,
    ) -> Result<(), ChatError> {
        let limit = self.config.max_requests_per_second;
        timers::check_aborted(signal)?;
        if limit == 0 {
            return Ok(());
        }
        // Single-threaded: each borrow ends before the next await, so none can overlap.
        let window = |f: &mut dyn FnMut(&mut RateWindow)| {
            if let Ok(mut windows) = self.windows.try_borrow_mut() {
                f(windows.entry(command.to_owned()).or_default());
            }
        };
        let mut joined = Ok(());
        window(&mut |w| joined = w.join(limit, Date::now(), timeout_ms));
        joined?;
        let _queued = Queued(&|| window(&mut |w| w.leave()));
        loop {
            let mut wait = Ok(());
            window(&mut |w| wait = w.try_send(limit, Date::now()));
            match wait {
                Ok(()) => return Ok(()),
                Err(ms) => timers::sleep(ms, signal).await?,
            }
        }
    }

    /// One request: returns the HTTP status and the parsed body, or why it failed.
    async fn attempt(
        &self,
        command: &str,
        body: &str,
        sig: &str,
        random: u32,
        timeout_ms: f64,
        caller: Option<&AbortSignal>,
    ) -> Result<(u16, JsValue), ChatError> {
        let deadline = Deadline::new(timeout_ms, caller)?;
        let url = request::url(self.caller(), command, sig, random);
        let sent = Request::post(&url)
            .header("content-type", "application/json")
            .redirect(RequestRedirect::Error)
            .abort_signal(Some(&deadline.signal()))
            .body(body)
            .map_err(|_| ChatError::invalid_input("request body could not be sent"))?
            .send()
            .await;
        let response =
            sent.map_err(|_| deadline.classify(caller, "the request failed", timeout_ms))?;
        let status = response.status();
        let with_status = |mut e: ChatError| {
            e.http_status = Some(status);
            e
        };
        envelope::check_status(status).map_err(with_status)?;
        let text = response.text().await.map_err(|_| {
            with_status(deadline.classify(caller, "reading the response failed", timeout_ms))
        })?;
        decode_body(&text)
            .map(|parsed| (status, parsed))
            .map_err(with_status)
    }

    async fn user_sig(&self) -> Result<String, ChatError> {
        let callback = match &self.user_sig {
            UserSig::Fixed(sig) => return Ok(sig.clone()),
            UserSig::Callback(f) => f,
        };
        // Never echo what the callback threw or returned: it may hold the signature.
        let failed = || ChatError::invalid_input("the userSig function threw or rejected");
        let mut value = callback.call0(&JsValue::UNDEFINED).map_err(|_| failed())?;
        if let Some(promise) = value.dyn_ref::<Promise>() {
            value = JsFuture::from(promise.clone())
                .await
                .map_err(|_| failed())?;
        }
        match value.as_string() {
            Some(sig) if !sig.is_empty() => Ok(sig),
            _ => Err(ChatError::invalid_input(
                "the userSig function must return a non-empty string",
            )),
        }
    }
}

/// Leaves the rate-limit queue however the wait ends (sent, aborted or dropped).
struct Queued<'a>(&'a dyn Fn());

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        (self.0)();
    }
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

/// Parses a 2xx body and checks its envelope; returns the whole parsed body.
fn decode_body(text: &str) -> Result<JsValue, ChatError> {
    let parsed = JSON::parse(text).map_err(|_| {
        ChatError::bad_response(format!("response body is not JSON ({} bytes)", text.len()))
    })?;
    if !parsed.is_object() || js_sys::Array::is_array(&parsed) {
        return Err(ChatError::bad_response(
            "response body is not a JSON object",
        ));
    }
    let envelope: Envelope = convert::response(parsed.clone())?;
    envelope::check(&envelope)?;
    Ok(parsed)
}
