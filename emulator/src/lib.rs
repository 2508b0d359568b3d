//! `chat-emulator`: the HTTP shell around [`chat_emulator_service`], a local emulator of
//! the Tencent Cloud Chat conversation ("recentcontact") REST endpoints. The shell owns
//! what the service cannot do: sockets, timers (the `delay` fault), connection resets
//! (`drop`), the wall clock and the `--state` file.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! let server = chat_emulator::start(listener, chat_emulator::Config::default()).await?;
//! println!("emulator at {}", server.url());
//! server.shutdown().await;
//! # Ok(()) }
//! ```

mod config;
mod persist;
mod server;

pub use chat_emulator_service::{Seed, ServiceConfig, Setting, DEMO_BASE_TIME, SETTINGS};
pub use config::Config;
pub use server::{bind, start, RunningServer};
