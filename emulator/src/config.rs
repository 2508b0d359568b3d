use chat_emulator_service::ServiceConfig;
use std::path::PathBuf;

/// Start-up configuration. `Default` gives the CLI defaults.
#[derive(Clone, Debug)]
pub struct Config {
    /// Host to bind (only used by [`crate::bind`]).
    pub host: String,
    /// Port to bind, 0 = any free port (only used by [`crate::bind`]).
    pub port: u16,
    /// Load state from here at start if present; save after every mutation.
    pub state_file: Option<PathBuf>,
    /// Everything else: seed, credentials, limits, CORS.
    pub service: ServiceConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".to_owned(),
            port: 8787,
            state_file: None,
            service: ServiceConfig::default(),
        }
    }
}
