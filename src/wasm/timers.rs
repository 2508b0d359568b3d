//! Waiting that the caller can cancel, and per-attempt deadlines, both leaving no timer or
//! listener behind (guards clear them on every path out, the future dropped included).

use crate::error::{ChatError, ErrorKind};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

/// `setTimeout` fires at once for delays beyond this.
const MAX_TIMER_MS: f64 = 2_147_483_647.0;

#[wasm_bindgen]
extern "C" {
    // The global functions, which Node and every browser and worker have.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Calls `handler` once after `ms` unless dropped first; also, until dropped, when
/// `signal` aborts.
struct Armed<'a> {
    timer: Option<JsValue>,
    listener: Option<(&'a AbortSignal, Function)>,
}

impl<'a> Armed<'a> {
    fn new(handler: &Function, ms: Option<f64>, signal: Option<&'a AbortSignal>) -> Self {
        let timer = ms.map(|ms| set_timeout(handler, ms.min(MAX_TIMER_MS)));
        let listener = signal.and_then(|s| {
            s.add_event_listener_with_callback("abort", handler)
                .ok()
                .map(|()| (s, handler.clone()))
        });
        Armed { timer, listener }
    }
}

impl Drop for Armed<'_> {
    fn drop(&mut self) {
        if let Some(id) = &self.timer {
            clear_timeout(id);
        }
        if let Some((signal, handler)) = &self.listener {
            let _ = signal.remove_event_listener_with_callback("abort", handler);
        }
    }
}

/// The error for a fired signal.
pub fn aborted() -> ChatError {
    ChatError::new(ErrorKind::Aborted, "the call was aborted")
}

pub fn check_aborted(signal: Option<&AbortSignal>) -> Result<(), ChatError> {
    match signal {
        Some(s) if s.aborted() => Err(aborted()),
        _ => Ok(()),
    }
}

/// Sleeps `ms`, ending early (as `aborted`) when `signal` fires.
pub async fn sleep(ms: f64, signal: Option<&AbortSignal>) -> Result<(), ChatError> {
    check_aborted(signal)?;
    if ms > 0.0 {
        let mut resolve = None;
        let promise = Promise::new(&mut |res, _| resolve = Some(res));
        if let Some(resolve) = resolve {
            let _armed = Armed::new(&resolve, Some(ms), signal);
            let _ = JsFuture::from(promise).await;
        }
    }
    check_aborted(signal)
}

/// An attempt's own abort signal: fires after the timeout or when the caller's fires.
pub struct Deadline<'a> {
    controller: AbortController,
    _armed: Armed<'a>,
}

impl<'a> Deadline<'a> {
    pub fn new(timeout_ms: f64, caller: Option<&'a AbortSignal>) -> Result<Self, ChatError> {
        let failed = || ChatError::new(ErrorKind::Network, "AbortController is unavailable");
        let controller = AbortController::new().map_err(|_| failed())?;
        // Bound with an explicit `undefined` reason, so fetch rejects with its own AbortError:
        // as an event listener `abort` would get the Event as its reason, and the caller's
        // signal may carry any value as its reason, neither of them an Error.
        let abort = Reflect::get(&controller, &"abort".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or_else(failed)?
            .bind1(&controller, &JsValue::UNDEFINED)
            .unchecked_into::<Function>();
        let armed = Armed::new(&abort, Some(timeout_ms), caller);
        Ok(Deadline {
            controller,
            _armed: armed,
        })
    }

    pub fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    /// Why a failed exchange failed: the caller's abort, this deadline, or `otherwise`.
    pub fn classify(
        &self,
        caller: Option<&AbortSignal>,
        timeout_ms: f64,
        otherwise: impl FnOnce() -> ChatError,
    ) -> ChatError {
        if caller.is_some_and(AbortSignal::aborted) {
            aborted()
        } else if self.controller.signal().aborted() {
            ChatError::new(
                ErrorKind::Timeout,
                format!("no complete response within {} ms", timeout_ms as u64),
            )
        } else {
            otherwise()
        }
    }
}
