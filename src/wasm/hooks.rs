//! The `onRequest` / `onResponse` / `onRetry` hooks. They observe; they cannot break a call
//! (what they throw is ignored), and their payloads never hold the UserSig.

use super::convert::{get, output};
use super::errors;
use crate::events::RequestEvent;
use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

#[derive(Default)]
pub struct Hooks {
    on_request: Option<Function>,
    on_response: Option<Function>,
    on_retry: Option<Function>,
}

impl Hooks {
    /// Reads the hook functions from the constructor's options (anything else is no hook).
    pub fn from_options(options: &JsValue) -> Self {
        let hook = |name| get(options, name).dyn_into::<Function>().ok();
        Hooks {
            on_request: hook("onRequest"),
            on_response: hook("onResponse"),
            on_retry: hook("onRetry"),
        }
    }

    /// Whether any hook is set: events are built only then.
    pub fn any(&self) -> bool {
        self.on_request.is_some() || self.on_response.is_some() || self.on_retry.is_some()
    }

    pub fn request(&self, event: &RequestEvent) {
        emit(self.on_request.as_ref(), event);
    }

    pub fn response(&self, event: &RequestEvent) {
        emit(self.on_response.as_ref(), event);
    }

    pub fn retry(&self, event: &RequestEvent) {
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
