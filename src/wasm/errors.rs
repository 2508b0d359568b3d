//! `ChatError` as JS sees it. The class is defined by the package's entry files (so that
//! `instanceof` and `name` work like any JS error class, across `import` and `require`) and
//! registered here when the module loads; every rejection is an instance of it.

use super::convert::output;
use crate::config::Region;
use crate::error::ChatError;
use js_sys::{Array, Function, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static ERROR_CLASS: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Called once by the entry files: the constructor every rejection is built with.
#[wasm_bindgen(js_name = "__setErrorClass", skip_typescript)]
pub fn set_error_class(class: Function) {
    ERROR_CLASS.with(|c| {
        if let Ok(mut slot) = c.try_borrow_mut() {
            *slot = Some(class);
        }
    });
}

/// The rejection for a method called on a freed object (after `free()` or
/// `Symbol.dispose`), e.g. `freed_error("ConversationClient.pin")`. wasm-bindgen's own check
/// of a freed object throws synchronously, so the entry files check first and reject with
/// this instead.
#[wasm_bindgen(js_name = "__freedError", skip_typescript)]
pub fn freed_error(method: &str) -> JsValue {
    to_js(&ChatError::invalid_input(format!(
        "{method}() was called after free() (or Symbol.dispose); create a new object"
    )))
}

/// Every region's name, in `Region::ALL`'s order, frozen: the entry files export it as
/// `REGIONS`.
#[wasm_bindgen(js_name = "__regions", skip_typescript)]
pub fn regions() -> Array {
    let names: Array = Region::ALL
        .iter()
        .map(|r| JsValue::from_str(r.name()))
        .collect();
    Object::freeze(&names);
    names
}

/// The JS value a promise rejects with: `new ChatError({ kind, code, info, …, message })`,
/// its `message` the error's `Display`, with the host's error as `cause` when there is one.
pub fn to_js(error: &ChatError) -> JsValue {
    let fields = output(error).unwrap_or_else(|_| Object::new().into());
    let message = error.to_string();
    let _ = Reflect::set(&fields, &"message".into(), &JsValue::from_str(&message));
    let cause = error
        .cause
        .as_ref()
        .and_then(|c| c.0.downcast_ref::<JsValue>());
    if let Some(cause) = cause {
        let _ = Reflect::set(&fields, &"cause".into(), cause);
    }
    let class = ERROR_CLASS.with(|c| c.try_borrow().ok().and_then(|c| c.clone()));
    if let Some(class) = class {
        if let Ok(instance) = Reflect::construct(&class, &Array::of1(&fields)) {
            return instance;
        }
    }
    // Without the entry files (the wasm-bindgen tests): a plain Error with the same fields.
    let plain = js_sys::Error::new(&message);
    plain.set_name("ChatError");
    Object::assign(
        plain.unchecked_ref::<Object>(),
        fields.unchecked_ref::<Object>(),
    );
    plain.into()
}
