//! Typed client for the Tencent Cloud Chat conversation REST endpoints (`v4/recentcontact/*`).
//!
//! The crate is a plain-Rust core — wire types, validation, request building, response
//! decoding and error classification — plus, on `wasm32`, a thin [`wasm`] layer that turns
//! it into the `tencent-chat-conversations` npm package. The core never sees a secret key:
//! the caller supplies the administrator's UserSig.
//!
//! Each endpoint module builds the wire request from caller input ([`types`]) and decodes
//! the wire response ([`wire`]) back into caller types; the transport is the caller's.

#![warn(missing_docs)]
// A panic inside wasm is an `unreachable` trap that can poison the module for every later
// call, so the shipped code may not contain any (tests may).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo
    )
)]

pub mod config;
pub mod endpoints;
pub mod error;
pub mod events;
pub mod marks;
pub mod numbers;
pub mod options;
pub mod rate_limit;
pub mod redact;
pub mod response;
pub mod retry;
pub mod types;
pub mod url;
pub mod walk;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use config::{ClientConfig, Region};
pub use error::{ChatError, ErrorKind};
