//! JS ⇄ Rust values through serde-wasm-bindgen, always inside a method's async body so that
//! bad input rejects. Results use the JSON-compatible serializer (plain objects, numbers not
//! BigInts, absent optionals skipped), which is what tsify's declarations describe.

use crate::codec::Body;
use crate::error::ChatError;
use js_sys::{Array, Function, JsString, Reflect, JSON};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

/// Reads a caller argument; a wrong shape is the caller's error, naming the argument and
/// the shape `expected`.
pub fn input<T: DeserializeOwned>(
    value: JsValue,
    what: &str,
    expected: &str,
) -> Result<T, ChatError> {
    let plain = plain(&value).map_err(|()| {
        ChatError::invalid_input(format!(
            "`{what}` could not be read as data (a getter or proxy threw, a cycle, or a \
             BigInt); it should be {expected}"
        ))
    })?;
    serde_wasm_bindgen::from_value(plain).map_err(|e| {
        let text = message(&e);
        // serde's own type errors name Rust types (`expected u8`): the shape says it better.
        ChatError::invalid_input(
            if text.starts_with("invalid ") || text.contains("Error: ") {
                format!("`{what}` must be {expected}")
            } else {
                format!("`{what}`: {text}; it should be {expected}")
            },
        )
    })
}

/// A serde-wasm-bindgen error's message: its errors are JS `Error`s, whose text starts
/// "Error: ".
fn message(e: &serde_wasm_bindgen::Error) -> String {
    let text = e.to_string();
    text.strip_prefix("Error: ")
        .map(str::to_owned)
        .unwrap_or(text)
}

/// A caller's value as plain data, copied by the runtime's JSON. serde-wasm-bindgen reads
/// properties through calls that must not throw: a throwing getter or proxy trap would
/// unwind through the wasm and leave the call's task broken. Here they throw inside
/// `JSON.stringify`, which reports it. Functions and `undefined` members are dropped, as
/// none of the data types has them.
fn plain(value: &JsValue) -> Result<JsValue, ()> {
    let text = JSON::stringify(value).map_err(drop)?;
    if text.is_undefined() {
        return Ok(JsValue::UNDEFINED);
    }
    parse(&text).map_err(drop)
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a JS string, which js-sys's would first copy into wasm memory.
    #[wasm_bindgen(js_namespace = JSON, catch)]
    fn parse(text: &JsString) -> Result<JsValue, JsValue>;
}

/// Reads an options argument: `undefined` or `null` means the defaults. Each option's
/// type error says what that option must be (the core's `options` readers).
pub fn options<T: DeserializeOwned + Default>(value: &JsValue) -> Result<T, ChatError> {
    if !check_options(value)? {
        return Ok(T::default());
    }
    given_options(value)
}

/// Reads an options object known to be one (see [`check_options`]).
pub fn given_options<T: DeserializeOwned>(value: &JsValue) -> Result<T, ChatError> {
    let plain = plain(value).map_err(|()| {
        ChatError::invalid_input(
            "options could not be read as data (a getter or proxy threw, a cycle, or a BigInt)",
        )
    })?;
    crate::options::read(|| serde_wasm_bindgen::from_value(plain).map_err(|e| message(&e)))
}

/// Whether an options argument was given (`undefined` and `null` mean none); refuses one
/// that is not an object, and a NaN or infinite number in it, which the copy `options`
/// reads would turn into `null` (no option) rather than an error.
pub fn check_options(value: &JsValue) -> Result<bool, ChatError> {
    if value.is_undefined() || value.is_null() {
        return Ok(false);
    }
    if !value.is_object() || value.is_function() || Array::is_array(value) {
        return Err(ChatError::invalid_input("options must be an object"));
    }
    let keys = Reflect::own_keys(value).map_err(|_| unreadable())?;
    for key in keys.iter() {
        let option = Reflect::get(value, &key).map_err(|_| unreadable())?;
        if option.as_f64().is_some_and(|n| !n.is_finite()) {
            let name = key.as_string().unwrap_or_default();
            return Err(ChatError::invalid_option(
                &name,
                format!("`{name}` must be a finite number, not NaN or Infinity"),
            ));
        }
    }
    Ok(true)
}

fn unreadable() -> ChatError {
    ChatError::invalid_input("options could not be read (a getter or proxy threw)")
}

/// Converts a result (or a request body) for JS.
pub fn output<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, ChatError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| ChatError::bad_response(format!("a value JS cannot hold: {e}")))
}

/// A request as JSON text: serde-wasm-bindgen's object, stringified by the runtime.
pub fn request_body<T: Serialize>(body: &T) -> Result<JsValue, ChatError> {
    // Built from the caller's checked input: a failure here is that input's.
    let failed = || ChatError::invalid_input("the request could not be encoded");
    let object = output(body).map_err(|_| failed())?;
    JSON::stringify(&object)
        .map(JsValue::from)
        .map_err(|_| failed())
}

/// A string argument; anything else is invalid input.
pub fn string(value: &JsValue, what: &str) -> Result<String, ChatError> {
    value
        .as_string()
        .ok_or_else(|| ChatError::invalid_input(format!("{what} must be a string")))
}

/// `object[key]`, `undefined` when absent or `null`.
pub fn given(object: &JsValue, key: &str) -> JsValue {
    Some(get(object, key))
        .filter(|v| !v.is_null())
        .unwrap_or(JsValue::UNDEFINED)
}

/// An optional boolean option (`undefined` and `null` are none).
pub fn flag(object: &JsValue, key: &str) -> Result<Option<bool>, ChatError> {
    let value = given(object, key);
    if value.is_undefined() {
        return Ok(None);
    }
    value
        .as_bool()
        .map(Some)
        .ok_or_else(|| ChatError::invalid_option(key, crate::options::flag(key)))
}

/// `object[key]`, `undefined` when absent or when `object` is not an object.
pub fn get(object: &JsValue, key: &str) -> JsValue {
    if !object.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// An optional function-valued option (`undefined` and `null` are none).
pub fn function(object: &JsValue, key: &str) -> Result<Option<Function>, ChatError> {
    let value = given(object, key);
    if value.is_undefined() {
        return Ok(None);
    }
    value
        .dyn_into::<Function>()
        .map(Some)
        .map_err(|_| ChatError::invalid_option(key, format!("`{key}` must be a function")))
}

/// A response body as the runtime parsed it (`Response.json()`), read by serde.
pub struct Parsed(pub JsValue);

impl Body for Parsed {
    type Error = serde_wasm_bindgen::Error;

    fn is_object(&self) -> bool {
        self.0.is_object() && !Array::is_array(&self.0)
    }

    fn read<T: DeserializeOwned>(&self) -> Result<T, Self::Error> {
        serde_wasm_bindgen::from_value(self.0.clone())
    }
}
