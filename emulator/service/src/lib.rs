//! `chat-emulator-service`: the Tencent Cloud Chat conversation ("recentcontact") emulator
//! as a plain service — the data model, the checks, the nine commands, faults, the
//! control API under `/_emulator/` and the state format. It takes a [`Request`] and the
//! current time and gives back a [`Reply`]; it has no sockets, timers or files, so it
//! builds natively and for wasm32. The `chat-emulator` crate is its HTTP shell.
//!
//! ```
//! use chat_emulator_service::{Reply, Request, Service, ServiceConfig};
//! let mut svc = Service::new(ServiceConfig::default());
//! let reply = svc.handle(Request::new("GET", "/_emulator/health"), 1_700_000_000_000);
//! let Reply::Respond(resp) = reply else { panic!("a plain answer") };
//! assert_eq!(resp.body, br#"{"ok":true}"#);
//! ```

mod api;
mod command;
mod config;
mod control;
mod cors;
mod http;
mod model;
mod seed;
mod service;
mod state;
mod usersig;

pub use command::Command;
pub use config::{ConfigError, Seed, ServiceConfig, Setting, SETTINGS};
pub use http::{Pending, Reply, Request, Response};
pub use seed::DEMO_BASE_TIME;
pub use service::{Service, StateError};
