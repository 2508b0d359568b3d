//! The emulator's own data model: accounts, their conversations and conversation groups.
//!
//! Saved as JSON (camelCase, the state format). Nothing here is shared with the client
//! crate: the wire format is produced and parsed in `api/` by hand.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Largest number of conversations that may carry a mark or a group membership.
pub const MARKED_LIMIT: usize = 1000;
/// Largest number of conversation groups per account.
pub const GROUP_LIMIT: usize = 20;
/// Largest GroupName, in bytes.
pub const GROUP_NAME_MAX: usize = 32;
/// Largest CustomMark, in bytes.
pub const CUSTOM_MARK_MAX: usize = 256;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    C2c,
    Group,
}

impl Kind {
    /// The wire `Type`: 1 = C2C, 2 = group.
    pub fn wire(self) -> u8 {
        match self {
            Kind::C2c => 1,
            Kind::Group => 2,
        }
    }
}

/// Identifies a conversation inside one account.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConvKey {
    pub kind: Kind,
    pub id: String,
}

impl ConvKey {
    pub fn c2c(id: impl Into<String>) -> Self {
        ConvKey {
            kind: Kind::C2c,
            id: id.into(),
        }
    }
    pub fn group(id: impl Into<String>) -> Self {
        ConvKey {
            kind: Kind::Group,
            id: id.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    pub kind: Kind,
    /// Peer user id (c2c) or group id (group).
    pub id: String,
    /// Time of the last message, unix seconds; 0 = empty conversation.
    pub msg_time: u64,
    /// Creation order inside the account; the stable tie-break of every listing.
    pub seq: u64,
    #[serde(default)]
    pub pinned: bool,
    #[serde(default)]
    pub pinned_at: u64,
    /// Standard marks, bit n = mark n.
    #[serde(default)]
    pub marks: u64,
    #[serde(default)]
    pub custom_mark: String,
    #[serde(default)]
    pub group_ids: Vec<u32>,
    /// Last change of marks or group membership, unix seconds.
    #[serde(default)]
    pub mark_time: u64,
    /// Order in which the conversation became marked/grouped (get_contact_group order).
    #[serde(default)]
    pub mark_seq: Option<u64>,
    /// Removed from the conversation list by `delete`; kept only for its marks and groups,
    /// which live apart from the list.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deleted: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Conversation {
    /// A conversation with no pin, marks or groups.
    pub fn new(kind: Kind, id: impl Into<String>, msg_time: u64, seq: u64) -> Self {
        Conversation {
            kind,
            id: id.into(),
            msg_time,
            seq,
            pinned: false,
            pinned_at: 0,
            marks: 0,
            custom_mark: String::new(),
            group_ids: Vec::new(),
            mark_time: 0,
            mark_seq: None,
            deleted: false,
        }
    }

    pub fn key(&self) -> ConvKey {
        ConvKey {
            kind: self.kind,
            id: self.id.clone(),
        }
    }

    pub fn is_marked(&self) -> bool {
        self.marks != 0 || !self.custom_mark.is_empty() || !self.group_ids.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactGroup {
    pub id: u32,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    #[serde(default)]
    pub conversations: Vec<Conversation>,
    #[serde(default)]
    pub groups: Vec<ContactGroup>,
    #[serde(default)]
    pub next_group_id: u32,
    #[serde(default)]
    pub next_seq: u64,
}

impl Account {
    pub fn find(&self, key: &ConvKey) -> Option<usize> {
        self.conversations
            .iter()
            .position(|c| c.kind == key.kind && c.id == key.id)
    }

    pub fn get(&self, key: &ConvKey) -> Option<&Conversation> {
        self.find(key).map(|i| &self.conversations[i])
    }

    /// Index of the conversation, created empty (MsgTime 0) if the account lacks it.
    pub fn ensure(&mut self, key: &ConvKey) -> usize {
        if let Some(i) = self.find(key) {
            return i;
        }
        self.next_seq += 1;
        self.conversations.push(Conversation::new(
            key.kind,
            key.id.clone(),
            0,
            self.next_seq,
        ));
        self.conversations.len() - 1
    }

    pub fn marked_count(&self) -> usize {
        self.conversations.iter().filter(|c| c.is_marked()).count()
    }

    /// The conversations of the conversation list (not deleted).
    pub fn listed(&self) -> impl Iterator<Item = &Conversation> {
        self.conversations.iter().filter(|c| !c.deleted)
    }

    /// Index of the first group (in creation order) named `name`.
    pub fn group_by_name(&self, name: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.name == name)
    }

    /// Forgets deleted conversations that no longer carry a mark or a group.
    pub fn prune(&mut self) {
        self.conversations.retain(|c| !c.deleted || c.is_marked());
    }

    pub fn pinned_count(&self) -> usize {
        self.conversations.iter().filter(|c| c.pinned).count()
    }

    /// Keeps `mark_seq` in line with `is_marked` after a change to conversation `i`.
    pub fn refresh_mark_seq(&mut self, i: usize) {
        let marked = self.conversations[i].is_marked();
        let has_seq = self.conversations[i].mark_seq.is_some();
        if marked && !has_seq {
            self.next_seq += 1;
            self.conversations[i].mark_seq = Some(self.next_seq);
        } else if !marked && has_seq {
            self.conversations[i].mark_seq = None;
        }
    }

    /// Marked or grouped conversations in get_contact_group order.
    pub fn marked_sorted(&self) -> Vec<&Conversation> {
        let mut v: Vec<&Conversation> = self
            .conversations
            .iter()
            .filter(|c| c.is_marked())
            .collect();
        v.sort_by_key(|c| (c.mark_seq.unwrap_or(u64::MAX), c.seq));
        v
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Data {
    #[serde(default)]
    pub accounts: BTreeMap<String, Account>,
}

impl Data {
    pub fn import(&mut self, id: &str) -> bool {
        if self.accounts.contains_key(id) {
            false
        } else {
            self.accounts.insert(id.to_owned(), Account::default());
            true
        }
    }
}

/// On-disk form of `--state FILE`.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateFile {
    pub format: String,
    #[serde(flatten)]
    pub data: Data,
}

pub const STATE_FORMAT: &str = "chat-emulator-state/1";

/// The wire `StandardMark`: binary digits, rightmost character = bit 0, no leading zeros,
/// "" when no bit is set.
pub fn standard_mark_string(marks: u64) -> String {
    if marks == 0 {
        String::new()
    } else {
        format!("{marks:b}")
    }
}

/// Bit numbers set in `marks`, ascending.
pub fn mark_bits(marks: u64) -> Vec<u32> {
    (0..64).filter(|b| marks & (1u64 << b) != 0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_mark_encoding() {
        assert_eq!(standard_mark_string(0), "");
        assert_eq!(standard_mark_string(1), "1");
        assert_eq!(
            standard_mark_string(1 << 34),
            format!("1{}", "0".repeat(34))
        );
        assert_eq!(standard_mark_string(0b111001), "111001");
        assert_eq!(standard_mark_string(u64::MAX), "1".repeat(64));
        assert_eq!(mark_bits(0b1010), vec![1, 3]);
    }

    #[test]
    fn mark_seq_follows_marks() {
        let mut a = Account::default();
        let i = a.ensure(&ConvKey::c2c("bob"));
        a.conversations[i].marks = 1;
        a.refresh_mark_seq(i);
        assert!(a.conversations[i].mark_seq.is_some());
        a.conversations[i].marks = 0;
        a.refresh_mark_seq(i);
        assert!(a.conversations[i].mark_seq.is_none());
    }
}
