//! `chat-emulator`: a local emulator of the Tencent Cloud Chat conversation
//! ("recentcontact") REST endpoints — `top`, `mark_contact`, `create_contact_group`,
//! `get_contact_group`, `get_list` — plus a control API under `/_emulator/` for tests
//! (seed data, runtime config, fault injection, request stats).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! let server = chat_emulator::start(listener, chat_emulator::Config::default()).await?;
//! println!("emulator at {}", server.url());
//! server.shutdown().await;
//! # Ok(()) }
//! ```

mod api;
mod app;
mod config;
mod control;
mod model;
mod seed;
mod server;

pub use config::{Config, Seed};
pub use seed::DEMO_BASE_TIME;
pub use server::{bind, start, RunningServer};
