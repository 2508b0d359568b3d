//! Futures become Promises here, and only here (as matrix-org/matrix-sdk-crypto-wasm's
//! `future.rs` does). A method prepares what its call needs — an `Rc` of the transport, the
//! request — moves it into the future and returns the Promise at once, so no borrow of a
//! JS-owned object spans an await: `free()` during a call lets the call settle.

use super::errors;
use crate::error::ChatError;
use js_sys::Promise;
use std::future::Future;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::future_to_promise;

/// A Promise settling with `future`'s outcome: its value, or its error as a `ChatError`.
pub fn promise<F>(future: F) -> Promise
where
    F: Future<Output = Result<JsValue, ChatError>> + 'static,
{
    future_to_promise(async move { future.await.map_err(|e| errors::to_js(&e)) })
}
