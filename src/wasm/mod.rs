//! The npm package's wasm half: synchronous, string in and string out. The package's JS half
//! (`pkg-template/client.js`) owns what only JS can do — `fetch`, timers, `AbortSignal`, the
//! hooks — and asks this layer for everything else: request bodies and URLs, decoded results,
//! retry decisions, rate-limit slots, walk steps. Each value crosses the boundary once, as
//! JSON text; a failure crosses as a thrown string holding the `ChatError` as JSON.

mod engine;
mod methods;
mod policy;
mod walker;

pub use engine::{command, idempotent, Engine};
pub use policy::{backoff_ms, check_timeout, decide};
pub use walker::Walker;

use crate::codec;
use crate::error::ChatError;
use wasm_bindgen::prelude::*;

#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// What a failing export throws: the error as JSON, which the JS half turns into a
/// `ChatError` instance.
fn thrown(error: ChatError) -> JsValue {
    JsValue::from_str(&codec::to_json(&error))
}

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

/** What `onPage` receives after each page of a whole-list walk. */
export interface WalkPage<T> {
  /** 1 for the first page. */
  page: number;
  /** This page's items. */
  items: T[];
  /** Items so far, this page's included. */
  total: number;
}

/** Options of the whole-list walks besides the single-page call's; `timeoutMs` is per request. */
export interface WalkOptions<T> extends CallOptions {
  /** Called after each page is received, before its items are yielded; what it throws is ignored. */
  onPage?: (page: WalkPage<T>) => void;
}

/** Options of `conversations()`: those of `listConversations` (`cursor` is where to start). */
export type ConversationsOptions = ListOptions & WalkOptions<ConversationItem>;

/** Options of `markedConversations()` and `getAllGroups()`. */
export type MarkedConversationsOptions = GroupsOptions & WalkOptions<MarkedConversation>;
"#;
