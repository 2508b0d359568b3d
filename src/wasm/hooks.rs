//! The `onRequest` / `onResponse` / `onRetry` hooks and the events they receive. They
//! observe; they cannot break a call (what they throw is ignored), and their payloads never
//! hold the UserSig. Events are built only when a hook is set.

use super::convert::{function, output};
use super::errors;
use crate::error::ChatError;
use crate::events::RequestEvent;
use js_sys::{Function, Reflect};
use wasm_bindgen::JsValue;

/// The hook functions of one client.
#[derive(Default)]
pub struct Hooks {
    on_request: Option<Function>,
    on_response: Option<Function>,
    on_retry: Option<Function>,
}

impl Hooks {
    /// Reads the hook functions from the constructor's options; a hook that is neither
    /// absent nor a function is the configuration's error.
    pub fn from_options(options: &JsValue) -> Result<Self, ChatError> {
        Ok(Hooks {
            on_request: function(options, "onRequest")?,
            on_response: function(options, "onResponse")?,
            on_retry: function(options, "onRetry")?,
        })
    }

    /// An attempt is about to be sent: its event (if any hook is set), after `onRequest`.
    /// `url` gives the redacted URL.
    pub fn request(
        &self,
        command: &str,
        attempt: u32,
        random: u32,
        url: impl FnOnce() -> String,
    ) -> Option<RequestEvent> {
        if self.on_request.is_none() && self.on_response.is_none() && self.on_retry.is_none() {
            return None;
        }
        let event = RequestEvent {
            command: command.to_owned(),
            attempt,
            random,
            url: url(),
            duration_ms: None,
            http_status: None,
            error: None,
            delay_ms: None,
        };
        emit(self.on_request.as_ref(), &event);
        Some(event)
    }

    /// The attempt ended after `duration_ms`, answered with an HTTP status or failed:
    /// `onResponse`.
    pub fn response(
        &self,
        event: &mut Option<RequestEvent>,
        duration_ms: f64,
        outcome: &Result<u16, ChatError>,
    ) {
        let Some(event) = event else { return };
        event.duration_ms = Some(duration_ms);
        match outcome {
            Ok(status) => event.http_status = Some(*status),
            Err(error) => {
                event.http_status = error.http_status;
                event.error = Some(error.clone());
            }
        }
        emit(self.on_response.as_ref(), event);
    }

    /// The attempt's failure will be retried after `delay_ms`: `onRetry`.
    pub fn retry(&self, event: &mut Option<RequestEvent>, delay_ms: f64) {
        let Some(event) = event else { return };
        event.delay_ms = Some(delay_ms);
        emit(self.on_retry.as_ref(), event);
    }
}

fn emit(hook: Option<&Function>, event: &RequestEvent) {
    let Some(hook) = hook else { return };
    let Ok(payload) = output(event) else { return };
    // The error as the same ChatError class the promise rejects with.
    if let Some(error) = &event.error {
        let _ = Reflect::set(&payload, &"error".into(), &errors::to_js(error));
    }
    let _ = hook.call1(&JsValue::UNDEFINED, &payload);
}
