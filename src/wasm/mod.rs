//! The npm package: the `ConversationClient` class and everything that needs JS — reading
//! arguments and returning results (serde-wasm-bindgen), the transport (gloo-net, timers,
//! abort signals, the host's UserSig function), the hooks and the page walks. Each method
//! returns a Promise made in [`future`] from a future that owns what it needs; the
//! decisions inside are the plain-Rust core's.

mod client;
mod convert;
mod errors;
mod future;
mod hooks;
mod page_iterator;
mod timers;
mod transport;

pub use client::ConversationClient;
pub use errors::{freed_error, regions, set_error_class};
pub use page_iterator::PageIterator;

use wasm_bindgen::prelude::wasm_bindgen;

#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

// Types that are JS-only (functions, AbortSignal) and so have no serde type to derive from.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** The administrator's UserSig, or a function called for each request that returns it. */
export type UserSigSource = string | (() => string | Promise<string>);

/** Options of the `ConversationClient` constructor. */
export interface ClientOptions extends ClientConfig {
  /**
   * The administrator's UserSig: a string, or a function called before every attempt (it
   * may return a Promise), which lets the call retry once with a fresh one on 70001. If it
   * throws or rejects, the call rejects with kind "user_sig" and that error as `cause`.
   */
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
  /**
   * A dry run: the call is validated and its request built as usual, but nothing is sent and
   * the Promise resolves to that request, a `PreparedRequest`, instead of the method's result
   * (cast it). Single-request methods only; a walk rejects with `invalid_input`.
   */
  dryRun?: boolean;
}

/** What a call with `dryRun: true` resolves to: the command and the JSON body it would send. */
export interface PreparedRequest {
  /** The path below the base URL, e.g. "v4/recentcontact/top". */
  command: string;
  /** The request body, as the service spells it. */
  body: Record<string, unknown>;
}

/** Options of `request()`: a raw command is retried after unclear failures only if idempotent. */
export interface RequestOptions extends CallOptions {
  /** True when repeating the command is harmless: then it is retried after timeouts and 5xx too. */
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
