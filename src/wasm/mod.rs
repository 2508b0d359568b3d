//! The npm package's engine: converts between JS values and the core's types, sends the
//! requests with `fetch` (gloo-net), and turns every failure into a rejected promise
//! carrying a `ChatError`. No logic lives here that the core could hold.

mod client;
mod convert;
mod errors;
mod transport;

pub use client::ConversationClient;
pub use errors::set_error_class;

use wasm_bindgen::prelude::wasm_bindgen;

// Types that are JS-only (functions, AbortSignal) and so have no serde type to derive from.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** The administrator's UserSig, or a function called for each request that returns it. */
export type UserSigSource = string | (() => string | Promise<string>);

/** Options of the `ConversationClient` constructor. */
export interface ClientOptions extends ClientConfig {
  userSig: UserSigSource;
}

/** Per-call options, accepted as the last argument of every method. */
export interface CallOptions {
  /** Aborts the call; it then rejects with a `ChatError` of kind "aborted". */
  signal?: AbortSignal;
}
"#;
