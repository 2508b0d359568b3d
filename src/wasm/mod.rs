//! The npm package's engine: converts between JS values and the core's types, sends the
//! requests with `fetch` (gloo-net), and turns every failure into a rejected promise
//! carrying a `ChatError`. No logic lives here that the core could hold.

mod client;
mod convert;
mod errors;
mod hooks;
mod timers;
mod transport;
mod walk;

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
  /** Called before each attempt is sent. */
  onRequest?: (event: RequestEvent) => void;
  /** Called after each attempt, with `error` when it failed. */
  onResponse?: (event: RequestEvent) => void;
  /** Called before a retry, with the failure and the backoff `delayMs`. */
  onRetry?: (event: RequestEvent) => void;
}

/** Per-call options, accepted as the last argument of every method. */
export interface CallOptions {
  /** Aborts the call at once (also while it waits to be sent or to retry): kind "aborted". */
  signal?: AbortSignal;
  /** Overrides the client's per-attempt `timeoutMs`. */
  timeoutMs?: number;
}

/** Options of `request()`: a raw command is retried after unclear failures only if idempotent. */
export interface RequestOptions extends CallOptions {
  idempotent?: boolean;
}
"#;
