//! JS ⇄ Rust value conversion, always inside a promise so bad input rejects. The settings
//! are serde-wasm-bindgen's defaults, which are what tsify's generated `.d.ts` assumes
//! (`undefined` for missing values, numbers not BigInts), so the types and values agree.
//! Parameters are plain `JsValue`s with declared TS types rather than tsify's ABI impls,
//! which throw synchronously and leak on bad input.

use crate::error::ChatError;
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

/// Reads a caller argument; a wrong shape is the caller's error, named after `what`.
pub fn input<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, ChatError> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| ChatError::invalid_input(format!("{what}: {e}")))
}

/// Reads part of a response; a wrong shape is the service's (or a proxy's) error.
pub fn response<T: DeserializeOwned>(value: JsValue) -> Result<T, ChatError> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| ChatError::bad_response(format!("unexpected response shape: {e}")))
}

/// Converts a result for the caller.
pub fn output<T: Serialize>(value: &T) -> Result<JsValue, ChatError> {
    serde_wasm_bindgen::to_value(value).map_err(|e| {
        ChatError::bad_response(format!("response value not representable in JS: {e}"))
    })
}

/// A string argument; anything else is invalid input.
pub fn string(value: &JsValue, what: &str) -> Result<String, ChatError> {
    value
        .as_string()
        .ok_or_else(|| ChatError::invalid_input(format!("{what} must be a string")))
}
