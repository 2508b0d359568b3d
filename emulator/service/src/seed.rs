//! Deterministic data: the demo seed and `generate` for big paging tests.

use crate::model::{ContactGroup, ConvKey, Data};

/// Fixed base time of the demo seed: 2026-01-01T00:00:00Z.
pub const DEMO_BASE_TIME: u64 = 1_767_225_600;
const DAY: u64 = 86_400;

/// A small linear congruential generator (Knuth's MMIX constants).
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 16
    }
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
}

/// Options of `POST /_emulator/conversations` `generate`.
pub struct Generate {
    pub count: usize,
    /// Share of group conversations, 0.0..=1.0.
    pub groups: f64,
    pub start_time: u64,
    /// Pin the first N generated conversations.
    pub pinned: usize,
}

/// Adds `count` conversations to `account` (imported if needed): ids `user_00001`… and
/// `@TGS#00001`…, MsgTimes within 30 days before `start_time`; every 23rd is empty
/// (MsgTime 0), every 7th ties with the one before it, and every 50th has exactly
/// `start_time`, so long runs of equal MsgTimes cross page boundaries.
pub fn generate(data: &mut Data, account: &str, g: &Generate) -> usize {
    data.import(account);
    let share = if g.groups.is_finite() {
        g.groups.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let mut rng = Lcg::new(g.count as u64 ^ g.start_time);
    let mut keys = Vec::with_capacity(g.count);
    let mut times = Vec::with_capacity(g.count);
    let (mut users, mut groups) = (0usize, 0usize);
    let mut prev_time = g.start_time;
    for i in 1..=g.count {
        let is_group = (i as f64 * share).floor() > ((i - 1) as f64 * share).floor();
        let key = if is_group {
            groups += 1;
            ConvKey::group(format!("@TGS#{groups:05}"))
        } else {
            users += 1;
            ConvKey::c2c(format!("user_{users:05}"))
        };
        let t = if i % 23 == 0 {
            0
        } else if i % 50 == 0 {
            g.start_time
        } else if i % 7 == 0 {
            prev_time
        } else {
            g.start_time.saturating_sub(rng.below(30 * DAY))
        };
        if t != 0 {
            prev_time = t;
        }
        keys.push(key);
        times.push(t);
    }
    for k in &keys {
        if k.kind == crate::model::Kind::C2c {
            data.import(&k.id);
        }
    }
    let Some(acc) = data.accounts.get_mut(account) else {
        return 0;
    };
    for (n, (key, t)) in keys.iter().zip(times).enumerate() {
        let i = acc.ensure(key);
        let c = &mut acc.conversations[i];
        c.msg_time = t;
        c.deleted = false;
        if n < g.pinned && !c.pinned {
            c.pinned = true;
            c.pinned_at = g.start_time;
        }
    }
    keys.len()
}

fn time(rng: &mut Lcg) -> u64 {
    DEMO_BASE_TIME - rng.below(30 * DAY)
}

struct Spec<'a> {
    key: ConvKey,
    time: u64,
    pinned: bool,
    marks: &'a [u32],
    custom: &'a str,
}

fn apply(data: &mut Data, account: &str, specs: Vec<Spec<'_>>) {
    data.import(account);
    let Some(acc) = data.accounts.get_mut(account) else {
        return;
    };
    for s in specs {
        let i = acc.ensure(&s.key);
        let c = &mut acc.conversations[i];
        c.msg_time = s.time;
        if s.pinned {
            c.pinned = true;
            c.pinned_at = DEMO_BASE_TIME - DAY;
        }
        for b in s.marks {
            c.marks |= 1u64 << b;
        }
        c.custom_mark = s.custom.to_owned();
        if c.is_marked() {
            c.mark_time = DEMO_BASE_TIME - 2 * DAY;
        }
        acc.refresh_mark_seq(i);
    }
}

fn add_group(data: &mut Data, account: &str, name: &str, members: &[ConvKey]) {
    let Some(acc) = data.accounts.get_mut(account) else {
        return;
    };
    acc.next_group_id += 1;
    let id = acc.next_group_id;
    acc.groups.push(ContactGroup {
        id,
        name: name.to_owned(),
    });
    for m in members {
        let i = acc.ensure(m);
        acc.conversations[i].group_ids.push(id);
        acc.conversations[i].mark_time = DEMO_BASE_TIME - 3 * DAY;
        acc.refresh_mark_seq(i);
    }
}

/// The demo data set. Accounts `administrator`, `alice`, `bob`, `carol`, `dave` and
/// `user_001`…`user_040`. `alice` has 300 conversations (43 c2c, 257 group, 10 empty),
/// 3 pinned, 15 with standard marks, 3 custom marks and two conversation groups
/// ("Customers", "Team"); `bob` and `carol` have smaller lists; `dave` has two.
pub fn demo() -> Data {
    let mut data = Data::default();
    for a in ["administrator", "alice", "bob", "carol", "dave"] {
        data.import(a);
    }
    let users: Vec<String> = (1..=40).map(|i| format!("user_{i:03}")).collect();
    for u in &users {
        data.import(u);
    }
    let mut rng = Lcg::new(2026);

    // alice: 43 c2c + 257 groups, interleaved.
    let mut peers: Vec<ConvKey> = ["bob", "carol", "dave"]
        .iter()
        .map(|s| ConvKey::c2c(*s))
        .chain(users.iter().map(|u| ConvKey::c2c(u.clone())))
        .collect();
    let groups: Vec<ConvKey> = (1..=257)
        .map(|i| ConvKey::group(format!("@TGS#demo_{i:03}")))
        .collect();
    let mut order = Vec::with_capacity(300);
    let mut gi = groups.into_iter();
    peers.reverse();
    for n in 0..300 {
        let next = if n % 7 == 0 { peers.pop() } else { None };
        match next.or_else(|| gi.next()).or_else(|| peers.pop()) {
            Some(k) => order.push(k),
            None => break,
        }
    }
    let marks: &[(&str, &[u32], &str)] = &[
        ("bob", &[0], "vip"),
        ("carol", &[0, 1], ""),
        ("dave", &[1], ""),
        ("user_001", &[32], "renewal due"),
        ("user_002", &[32], ""),
        ("user_003", &[32, 33], ""),
        ("user_004", &[32], ""),
        ("user_005", &[0, 32], ""),
        ("user_006", &[34], ""),
        ("user_007", &[0, 40], ""),
        ("@TGS#demo_002", &[2], "muted"),
        ("@TGS#demo_003", &[3], ""),
        ("@TGS#demo_004", &[63], ""),
        ("@TGS#demo_005", &[1, 33], ""),
        ("@TGS#demo_006", &[0], ""),
    ];
    let pinned = ["bob", "carol", "@TGS#demo_001"];
    let mut specs = Vec::with_capacity(order.len());
    for (n, key) in order.into_iter().enumerate() {
        let t = if n % 30 == 29 { 0 } else { time(&mut rng) };
        let (m, custom) = marks
            .iter()
            .find(|(id, _, _)| *id == key.id)
            .map_or((&[][..], ""), |(_, m, c)| (*m, *c));
        specs.push(Spec {
            pinned: pinned.contains(&key.id.as_str()),
            key,
            time: t,
            marks: m,
            custom,
        });
    }
    apply(&mut data, "alice", specs);
    let customers: Vec<ConvKey> = ["user_001", "user_002", "user_003", "user_004", "user_010"]
        .iter()
        .map(|s| ConvKey::c2c(*s))
        .collect();
    add_group(&mut data, "alice", "Customers", &customers);
    add_group(
        &mut data,
        "alice",
        "Team",
        &[
            ConvKey::c2c("bob"),
            ConvKey::c2c("carol"),
            ConvKey::c2c("dave"),
            ConvKey::group("@TGS#demo_001"),
        ],
    );

    // bob: 25 conversations, alice pinned and favorite.
    let mut specs = Vec::new();
    for (n, key) in ["alice", "carol", "dave"]
        .iter()
        .map(|s| ConvKey::c2c(*s))
        .chain(users[10..25].iter().map(|u| ConvKey::c2c(u.clone())))
        .chain((1..=7).map(|i| ConvKey::group(format!("@TGS#demo_{i:03}"))))
        .enumerate()
    {
        let first = n == 0;
        specs.push(Spec {
            key,
            time: if n == 20 { 0 } else { time(&mut rng) },
            pinned: first,
            marks: if first { &[0] } else { &[] },
            custom: "",
        });
    }
    apply(&mut data, "bob", specs);

    // carol: 9 conversations.
    let mut specs = Vec::new();
    for key in ["alice", "bob"]
        .iter()
        .map(|s| ConvKey::c2c(*s))
        .chain(users[29..35].iter().map(|u| ConvKey::c2c(u.clone())))
        .chain(std::iter::once(ConvKey::group("@TGS#demo_001")))
    {
        specs.push(Spec {
            key,
            time: time(&mut rng),
            pinned: false,
            marks: &[],
            custom: "",
        });
    }
    apply(&mut data, "carol", specs);

    // dave: two.
    let specs = vec![
        Spec {
            key: ConvKey::c2c("alice"),
            time: DEMO_BASE_TIME - 3600,
            pinned: false,
            marks: &[],
            custom: "",
        },
        Spec {
            key: ConvKey::group("@TGS#demo_001"),
            time: DEMO_BASE_TIME - 7200,
            pinned: false,
            marks: &[],
            custom: "",
        },
    ];
    apply(&mut data, "dave", specs);
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_deterministic_and_shaped() {
        let a = demo();
        assert_eq!(a, demo());
        let alice = &a.accounts["alice"];
        assert_eq!(alice.conversations.len(), 300);
        assert_eq!(alice.pinned_count(), 3);
        assert_eq!(
            alice.conversations.iter().filter(|c| c.marks != 0).count(),
            15
        );
        assert_eq!(
            alice
                .conversations
                .iter()
                .filter(|c| c.msg_time == 0)
                .count(),
            10
        );
        assert_eq!(alice.groups.len(), 2);
        assert!(a.accounts.len() >= 45);
    }

    #[test]
    fn generate_counts_and_ties() {
        let mut d = Data::default();
        let n = generate(
            &mut d,
            "x",
            &Generate {
                count: 1000,
                groups: 0.2,
                start_time: 1_700_000_000,
                pinned: 3,
            },
        );
        assert_eq!(n, 1000);
        let acc = &d.accounts["x"];
        let groups = acc
            .conversations
            .iter()
            .filter(|c| c.kind == crate::model::Kind::Group)
            .count();
        assert_eq!(groups, 200);
        assert_eq!(acc.pinned_count(), 3);
        assert!(acc.conversations.iter().any(|c| c.msg_time == 0));
    }
}
