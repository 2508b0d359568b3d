//! The `onRequest` / `onResponse` / `onRetry` hooks. They observe; they cannot break a call
//! (what they throw is ignored), and their payloads never hold the UserSig.

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
    /// Reads the hook functions from the constructor's options.
    pub fn from_options(options: &JsValue) -> Self {
        let get = |name: &str| {
            Reflect::get(options, &name.into())
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
        };
        Hooks {
            on_request: get("onRequest"),
            on_response: get("onResponse"),
            on_retry: get("onRetry"),
        }
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
    let Ok(payload) = serde_wasm_bindgen::to_value(event) else {
        return;
    };
    // The error as the same ChatError instance type the promise rejects with.
    if let Some(error) = &event.error {
        let _ = Reflect::set(&payload, &"error".into(), &errors::to_js(error));
    }
    let _ = hook.call1(&JsValue::UNDEFINED, &payload);
}
