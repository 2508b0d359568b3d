//! What the service keeps: the settings in force, the data, and what is not saved with
//! the data (fault queues, request stats, rate-limit windows).

use crate::config::{Seed, ServiceConfig};
use crate::model::Data;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, VecDeque};

/// How many requests `GET /_emulator/stats` keeps in `recent`.
pub const RECENT_MAX: usize = 200;

/// Everything a request can see or change: the settings in force, the data, faults,
/// stats and rate windows.
pub struct State {
    /// The start-up settings, restored by `reset`.
    pub base: ServiceConfig,
    /// The settings in force (`POST /_emulator/config` changes some of them).
    pub config: ServiceConfig,
    pub data: Data,
    /// Bumped on every change of `data`; a save reports it.
    pub version: u64,
    pub faults: Faults,
    pub stats: Stats,
    pub rate: RateWindows,
}

impl State {
    pub fn new(config: ServiceConfig, data: Data) -> Self {
        State {
            config: config.clone(),
            base: config,
            data,
            version: 0,
            faults: Faults::default(),
            stats: Stats::default(),
            rate: RateWindows::default(),
        }
    }

    /// Marks the data as changed.
    pub fn touch(&mut self) {
        self.version += 1;
    }

    /// Back to the start-up settings with `seed` loaded.
    pub fn reset(&mut self, seed: Seed) {
        self.data = seed_data(seed);
        self.config = self.base.clone();
        self.faults.clear();
        self.stats.reset();
        self.rate.clear();
        self.touch();
    }
}

/// The data `seed` stands for.
pub fn seed_data(seed: Seed) -> Data {
    match seed {
        Seed::Demo => crate::seed::demo(),
        Seed::None => Data::default(),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum FaultKind {
    Delay {
        ms: u64,
    },
    Http502,
    Error {
        code: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        info: Option<String>,
    },
    Drop,
    Truncated,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultEntry {
    pub fault: FaultKind,
    pub remaining: u32,
}

/// Fault queues by command ("*" = any command).
#[derive(Default)]
pub struct Faults(BTreeMap<String, VecDeque<FaultEntry>>);

impl Faults {
    /// Takes one use of the next fault for `command` (its own queue first, then "*").
    pub fn take(&mut self, command: &str) -> Option<FaultKind> {
        for key in [command, "*"] {
            if let Some(q) = self.0.get_mut(key) {
                if let Some(front) = q.front_mut() {
                    let f = front.fault.clone();
                    front.remaining = front.remaining.saturating_sub(1);
                    if front.remaining == 0 {
                        q.pop_front();
                    }
                    if q.is_empty() {
                        self.0.remove(key);
                    }
                    return Some(f);
                }
            }
        }
        None
    }

    pub fn push(&mut self, command: String, entry: FaultEntry) {
        self.0.entry(command).or_default().push_back(entry);
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// `{"<command>": [{"fault": …, "remaining": n}, …], …}`.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(&self.0).unwrap_or(Value::Null)
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecentRequest {
    pub command: String,
    pub query: BTreeMap<String, String>,
    pub body: Value,
    pub received_at_ms: u64,
}

/// Calls per command and the last [`RECENT_MAX`] requests.
#[derive(Default, Serialize)]
pub struct Stats {
    counts: BTreeMap<String, u64>,
    recent: VecDeque<RecentRequest>,
}

impl Stats {
    pub fn record(&mut self, r: RecentRequest) {
        *self.counts.entry(r.command.clone()).or_insert(0) += 1;
        if self.recent.len() >= RECENT_MAX {
            self.recent.pop_front();
        }
        self.recent.push_back(r);
    }

    pub fn reset(&mut self) {
        self.counts.clear();
        self.recent.clear();
    }
}

/// Accepted-call times (ms) of the last second, per command.
#[derive(Default)]
pub struct RateWindows(HashMap<String, VecDeque<u64>>);

impl RateWindows {
    /// Sliding one-second window; false = over `limit` (0 = no limit).
    pub fn allow(&mut self, command: &str, limit: u32, now_ms: u64) -> bool {
        let limit = limit as usize;
        if limit == 0 {
            return true;
        }
        let q = self.0.entry(command.to_owned()).or_default();
        while q.front().is_some_and(|&t| now_ms.saturating_sub(t) >= 1000) {
            q.pop_front();
        }
        if q.len() >= limit {
            return false;
        }
        q.push_back(now_ms);
        true
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_window_slides() {
        let mut r = RateWindows::default();
        assert!(r.allow("top", 2, 1_000));
        assert!(r.allow("top", 2, 1_500));
        assert!(!r.allow("top", 2, 1_999));
        assert!(r.allow("get_list", 2, 1_999));
        assert!(r.allow("top", 2, 2_000));
        assert!(r.allow("x", 0, 0));
    }

    #[test]
    fn faults_own_queue_first_then_wildcard() {
        let mut f = Faults::default();
        f.push(
            "*".into(),
            FaultEntry {
                fault: FaultKind::Http502,
                remaining: 1,
            },
        );
        f.push(
            "top".into(),
            FaultEntry {
                fault: FaultKind::Drop,
                remaining: 2,
            },
        );
        assert_eq!(f.take("top"), Some(FaultKind::Drop));
        assert_eq!(f.take("top"), Some(FaultKind::Drop));
        assert_eq!(f.take("top"), Some(FaultKind::Http502));
        assert_eq!(f.take("top"), None);
    }
}
