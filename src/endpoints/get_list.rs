//! `v4/recentcontact/get_list`: one page of a user's conversations, pinned first.

use super::{check_account, try_map, Endpoint};
use crate::error::ChatError;
use crate::marks::decode_standard_mark;
use crate::numbers::{check_index, safe};
use crate::types::{Conversation, ConversationItem, Cursor, ListOptions, ListPage};
use crate::wire;

/// One page of the conversation list: `get_list`.
pub struct GetList;

/// AssistFlags bit 0: report pinned conversations first and as pinned.
pub const SUPPORT_PINNED: u32 = 1;
/// Bit 1: include conversations without messages.
pub const INCLUDE_EMPTY: u32 = 1 << 1;
/// Bit 2: page through pinned conversations instead of sending all on the first page.
pub const PAGINATE_PINNED: u32 = 1 << 2;
/// Bits 3–5, always sent: the docs define only bits 0–2, and the newest `get_list` page
/// says to send 63 ("for complete conversation data") without naming the other three, so
/// the package gives them no meaning and no option of their own.
pub const UNNAMED: u32 = 0b11_1000;

impl Endpoint for GetList {
    const COMMAND: &'static str = "v4/recentcontact/get_list";
    type Input = ListOptions;
    type Request = wire::GetListRequest;
    type Response = wire::GetListResponse;
    type Output = ListPage;

    fn request(account: &str, options: &ListOptions) -> Result<wire::GetListRequest, ChatError> {
        let cursor = options.cursor.unwrap_or_default();
        Ok(wire::GetListRequest {
            from_account: check_account(account)?,
            time_stamp: check_index(cursor.time_stamp, "cursor", "cursor.timeStamp")?,
            start_index: check_index(cursor.start_index, "cursor", "cursor.startIndex")?,
            top_time_stamp: check_index(cursor.top_time_stamp, "cursor", "cursor.topTimeStamp")?,
            top_start_index: check_index(cursor.top_start_index, "cursor", "cursor.topStartIndex")?,
            assist_flags: assist_flags(options),
        })
    }

    fn decode(response: Self::Response) -> Result<ListPage, ChatError> {
        Ok(ListPage {
            items: try_map(response.session_item.unwrap_or_default(), conversation_item)?,
            complete: response.complete_flag == 1,
            cursor: Cursor {
                time_stamp: safe(response.time_stamp.unwrap_or(0))?,
                start_index: safe(response.start_index.unwrap_or(0))?,
                top_time_stamp: safe(response.top_time_stamp.unwrap_or(0))?,
                top_start_index: safe(response.top_start_index.unwrap_or(0))?,
            },
        })
    }
}

/// The AssistFlags an options object asks for: 63 by default, the value the newest docs
/// prescribe; the named options clear bits 0–2 only.
pub fn assist_flags(options: &ListOptions) -> u32 {
    if let Some(raw) = options.assist_flags {
        return raw;
    }
    let bit = |on: Option<bool>, bit: u32| if on.unwrap_or(true) { bit } else { 0 };
    bit(options.pinned, SUPPORT_PINNED)
        | bit(options.include_empty, INCLUDE_EMPTY)
        | bit(options.paginate_pinned, PAGINATE_PINNED)
        | UNNAMED
}

fn conversation_item(item: wire::SessionItem) -> Result<ConversationItem, ChatError> {
    Ok(ConversationItem {
        conversation: Conversation::from_wire(item.r#type, item.to_account, item.group_id)?,
        msg_time: safe(item.msg_time.unwrap_or(0))?,
        pinned: item.top_flag == Some(1),
        marks: item.standard_mark.as_deref().and_then(decode_standard_mark),
        standard_mark: item.standard_mark,
        custom_mark: item.custom_mark,
        group_ids: item
            .contact_group_id
            .map(|ids| try_map(ids, safe))
            .transpose()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::testing::{assert_wire, decode};

    #[test]
    fn docs_sample_request() {
        // The 2026-03 page's sample (7): the three documented bits only, sent raw.
        let original = ListOptions {
            assist_flags: Some(7),
            ..ListOptions::default()
        };
        assert_wire(
            &GetList::request("id1", &original).unwrap(),
            r#"{"From_Account": "id1","TimeStamp": 0,"StartIndex": 0,"TopTimeStamp": 0,
                "TopStartIndex": 0,"AssistFlags": 7}"#,
        );
        // The newest page's (63), which the defaults send.
        assert_wire(
            &GetList::request("id1", &ListOptions::default()).unwrap(),
            r#"{"From_Account": "id1","TimeStamp": 0,"StartIndex": 0,"TopTimeStamp": 0,
                "TopStartIndex": 0,"AssistFlags": 63}"#,
        );
        let unpinned = ListOptions {
            pinned: Some(false),
            ..ListOptions::default()
        };
        assert_eq!(assist_flags(&unpinned), 62);
    }

    #[test]
    fn options_map_to_flags_and_cursor() {
        let options = ListOptions {
            cursor: Some(Cursor {
                time_stamp: 5,
                start_index: 6,
                top_time_stamp: 7,
                top_start_index: 8,
            }),
            include_empty: Some(false),
            ..ListOptions::default()
        };
        assert_wire(
            &GetList::request("a", &options).unwrap(),
            r#"{"From_Account":"a","TimeStamp":5,"StartIndex":6,"TopTimeStamp":7,"TopStartIndex":8,"AssistFlags":61}"#,
        );
        let none = ListOptions {
            pinned: Some(false),
            include_empty: Some(false),
            paginate_pinned: Some(false),
            ..ListOptions::default()
        };
        assert_eq!(assist_flags(&none), UNNAMED);
        let raw = ListOptions {
            assist_flags: Some(15),
            pinned: Some(false),
            ..ListOptions::default()
        };
        assert_eq!(assist_flags(&raw), 15);
    }

    #[test]
    fn docs_sample_response() {
        let page = decode::<GetList>(
            r#"{"SessionItem": [{"Type": 1,"To_Account": "id2","MsgTime": 1630997627,"TopFlag": 1},
            {"Type": 2,"GroupId": "id3","MsgTime": 1630997628,"TopFlag": 1},{"Type": 1,"To_Account":
            "id4","MsgTime": 1630997630,"TopFlag": 0},{"Type": 2,"GroupId": "id5","MsgTime": 1630997650,
            "TopFlag": 0}],"CompleteFlag": 1,"TimeStamp": 1631012800,"StartIndex": 0,"TopTimeStamp":
            1631012800,"TopStartIndex": 0,"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": "","ErrorDisplay": ""}"#,
        )
        .unwrap();
        assert_eq!(page.items.len(), 4);
        assert_eq!(
            page.items[1],
            ConversationItem {
                conversation: Conversation::group("id3"),
                msg_time: 1630997628,
                pinned: true,
                standard_mark: None,
                marks: None,
                custom_mark: None,
                group_ids: None,
            }
        );
        assert!(!page.items[2].pinned);
        assert!(page.complete);
        assert_eq!(
            page.cursor,
            Cursor {
                time_stamp: 1631012800,
                start_index: 0,
                top_time_stamp: 1631012800,
                top_start_index: 0
            }
        );
    }

    #[test]
    fn newer_fields_decode_when_present() {
        let page = decode::<GetList>(
            r#"{"SessionItem":[{"Type":1,"To_Account":"x","MsgTime":1,"TopFlag":0,"StandardMark":"1001",
            "CustomMark":"vip","ContactGroupId":[3]}],"CompleteFlag":0,"ActionStatus":"OK","ErrorCode":0}"#,
        )
        .unwrap();
        let item = &page.items[0];
        assert_eq!(item.marks, Some(vec![0, 3]));
        assert_eq!(item.custom_mark.as_deref(), Some("vip"));
        assert_eq!(item.group_ids, Some(vec![3]));
        assert!(!page.complete);
    }

    #[test]
    fn a_cursor_beyond_2_53_is_refused() {
        let options = ListOptions {
            cursor: Some(Cursor {
                start_index: 1 << 53,
                ..Cursor::default()
            }),
            ..ListOptions::default()
        };
        let e = GetList::request("a", &options).unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::InvalidInput);
        assert!(e.info.contains("cursor.startIndex"), "{}", e.info);
    }

    #[test]
    fn malformed_items_are_bad_responses() {
        let e = decode::<GetList>(
            r#"{"SessionItem":[{"Type":2,"To_Account":"x"}],"CompleteFlag":1,"ActionStatus":"OK","ErrorCode":0}"#,
        )
        .unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::BadResponse);
    }
}
