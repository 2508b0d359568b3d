//! `get_list`: one page of conversations, pinned ones optionally first, with the
//! `(MsgTime, index)` cursors that stay exact under ties and inserts.
//!
//! AssistFlags: bit 0 pinned first, bit 1 empty conversations too, bit 2 paginate pinned
//! ones (the documented three). No page names bits 3, 4 and 5; the newest one asks for 63
//! "to get complete conversation data" and its sample items carry `StandardMark`,
//! `CustomMark` and `ContactGroupId`. So the emulator adds those three when bits 3, 4 and 5
//! are all set, and none of them otherwise: it does not guess a meaning for each bit.

use super::envelope::ok_bytes;
use super::fields::{from_account, req_u64};
use super::{account, ApiResult};
use crate::config::ServiceConfig;
use crate::model::{standard_mark_string, Conversation, Data, Kind};
use serde::Serialize;
use serde_json::{Map, Value};
use std::cmp::Reverse;

#[derive(Serialize)]
struct SessionItem {
    #[serde(rename = "Type")]
    ty: u8,
    #[serde(rename = "To_Account", skip_serializing_if = "Option::is_none")]
    to_account: Option<String>,
    #[serde(rename = "GroupId", skip_serializing_if = "Option::is_none")]
    group_id: Option<String>,
    #[serde(rename = "MsgTime")]
    msg_time: u64,
    #[serde(rename = "TopFlag")]
    top_flag: u8,
    #[serde(rename = "StandardMark", skip_serializing_if = "Option::is_none")]
    standard_mark: Option<String>,
    #[serde(rename = "CustomMark", skip_serializing_if = "Option::is_none")]
    custom_mark: Option<String>,
    #[serde(rename = "ContactGroupId", skip_serializing_if = "Option::is_none")]
    group_ids: Option<Vec<u32>>,
}

#[derive(Serialize)]
struct GetListResponse {
    #[serde(rename = "SessionItem")]
    items: Vec<SessionItem>,
    #[serde(rename = "CompleteFlag")]
    complete: u8,
    #[serde(rename = "TimeStamp")]
    timestamp: u64,
    #[serde(rename = "StartIndex")]
    start_index: u64,
    #[serde(rename = "TopTimeStamp")]
    top_timestamp: u64,
    #[serde(rename = "TopStartIndex")]
    top_start_index: u64,
}

/// Bits 3, 4 and 5 of AssistFlags: with all three set, items carry their marks and groups.
const COMPLETE_DATA: u64 = 8 | 16 | 32;

/// A get_list cursor: (MsgTime of the last item returned, how many items with exactly
/// that MsgTime have been returned). (0, 0) = nothing returned yet.
type Cursor = (u64, u64);

/// Where to resume in `items` (sorted by MsgTime desc, then creation order asc).
fn resume_index(items: &[&Conversation], cursor: Cursor) -> usize {
    if cursor == (0, 0) {
        return 0;
    }
    let (t, s) = cursor;
    let newer = items.partition_point(|c| c.msg_time > t);
    let same = items[newer..].partition_point(|c| c.msg_time == t);
    newer + usize::try_from(s).unwrap_or(usize::MAX).min(same)
}

/// The cursor after returning `items[..end]` (unchanged when `end == start`).
fn cursor_after(items: &[&Conversation], start: usize, end: usize, prev: Cursor) -> Cursor {
    if end <= start || end > items.len() {
        return prev;
    }
    let t = items[end - 1].msg_time;
    let first = items.partition_point(|c| c.msg_time > t);
    (t, (end - first) as u64)
}

/// Handles one `get_list` request body.
pub fn get_list(data: &Data, config: &ServiceConfig, o: &Map<String, Value>) -> ApiResult<Vec<u8>> {
    let from = from_account(o)?;
    let ts = req_u64(o, "", "TimeStamp")?;
    let si = req_u64(o, "", "StartIndex")?;
    let top_ts = req_u64(o, "", "TopTimeStamp")?;
    let top_si = req_u64(o, "", "TopStartIndex")?;
    let flags = req_u64(o, "", "AssistFlags")?;
    let acc = account(data, from)?;
    let pinned_mode = flags & 1 != 0;
    let include_empty = flags & 2 != 0;
    let paginate_pinned = flags & 4 != 0;
    let with_marks = flags & COMPLETE_DATA == COMPLETE_DATA;

    let mut all: Vec<&Conversation> = acc
        .listed()
        .filter(|c| include_empty || c.msg_time != 0)
        .collect();
    all.sort_by_key(|c| (Reverse(c.msg_time), c.seq));
    let (pinned, normal): (Vec<&Conversation>, Vec<&Conversation>) = if pinned_mode {
        all.into_iter().partition(|c| c.pinned)
    } else {
        (Vec::new(), all)
    };
    let page = config.page_size.max(1);
    let p_start = resume_index(&pinned, (top_ts, top_si));
    let p_left = pinned.len() - p_start;
    let p_take = if paginate_pinned {
        p_left.min(page)
    } else {
        p_left
    };
    let n_start = resume_index(&normal, (ts, si));
    let n_take = page.saturating_sub(p_take).min(normal.len() - n_start);
    let p_end = p_start + p_take;
    let n_end = n_start + n_take;

    let item = |c: &Conversation, top: bool| SessionItem {
        ty: c.kind.wire(),
        to_account: (c.kind == Kind::C2c).then(|| c.id.clone()),
        group_id: (c.kind == Kind::Group).then(|| c.id.clone()),
        msg_time: c.msg_time,
        top_flag: u8::from(top),
        standard_mark: (with_marks && c.marks != 0).then(|| standard_mark_string(c.marks)),
        custom_mark: (with_marks && !c.custom_mark.is_empty()).then(|| c.custom_mark.clone()),
        group_ids: (with_marks && !c.group_ids.is_empty()).then(|| c.group_ids.clone()),
    };
    let items: Vec<SessionItem> = pinned[p_start..p_end]
        .iter()
        .map(|c| item(c, true))
        .chain(normal[n_start..n_end].iter().map(|c| item(c, false)))
        .collect();
    let (next_ts, next_si) = cursor_after(&normal, n_start, n_end, (ts, si));
    let (next_top_ts, next_top_si) = if pinned_mode {
        cursor_after(&pinned, p_start, p_end, (top_ts, top_si))
    } else {
        (0, 0)
    };
    ok_bytes(GetListResponse {
        items,
        complete: u8::from(p_end == pinned.len() && n_end == normal.len()),
        timestamp: next_ts,
        start_index: next_si,
        top_timestamp: next_top_ts,
        top_start_index: next_top_si,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(t: u64, seq: u64) -> Conversation {
        Conversation::new(Kind::C2c, format!("u{seq}"), t, seq)
    }

    #[test]
    fn cursor_round_trip_with_ties_and_empty() {
        let convs = [
            conv(9, 1),
            conv(5, 2),
            conv(5, 3),
            conv(5, 4),
            conv(0, 5),
            conv(0, 6),
        ];
        let items: Vec<&Conversation> = convs.iter().collect();
        for page in 1..=6 {
            let mut cur = (0, 0);
            let mut seen = Vec::new();
            loop {
                let s = resume_index(&items, cur);
                let e = (s + page).min(items.len());
                seen.extend(items[s..e].iter().map(|c| c.seq));
                cur = cursor_after(&items, s, e, cur);
                if e == items.len() {
                    break;
                }
            }
            assert_eq!(seen, vec![1, 2, 3, 4, 5, 6], "page size {page}");
        }
    }
}
