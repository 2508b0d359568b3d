//! What the service is started with.

/// What to load at start (when no saved state is given) and on `reset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Seed {
    /// The demo data set (see `seed.rs`).
    #[default]
    Demo,
    /// Nothing: no accounts at all.
    None,
}

/// The service's start-up settings; `Default` gives the CLI defaults.
#[derive(Clone, Debug)]
pub struct ServiceConfig {
    /// Loaded at start (unless a saved state is given) and by `reset`.
    pub seed: Seed,
    /// The SDKAppID every request must carry.
    pub sdkappid: u64,
    /// The app administrator that every request's `identifier` must name.
    pub identifier: String,
    /// The currently valid `usersig`.
    pub usersig: String,
    /// Sigs answered with 70001 (expired).
    pub expired_usersigs: Vec<String>,
    /// get_list items per page.
    pub page_size: usize,
    /// get_contact_group items per page.
    pub group_page_size: usize,
    /// Most pinned conversations per account (51012 past it).
    pub pinned_limit: usize,
    /// Calls per command per second; 0 = unlimited.
    pub rate_limit: u32,
    /// Allowed CORS origins; empty = any origin (echoed back), `*` = any (answered `*`).
    pub cors_origins: Vec<String>,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        ServiceConfig {
            seed: Seed::Demo,
            sdkappid: 1_400_000_000,
            identifier: "administrator".to_owned(),
            usersig: "emulator-usersig".to_owned(),
            expired_usersigs: Vec::new(),
            page_size: 100,
            group_page_size: 100,
            pinned_limit: 50,
            rate_limit: 200,
            cors_origins: Vec::new(),
        }
    }
}
