//! `v4/recentcontact/search_contact_group`: the marks and groups of given conversations, at
//! most 300 a request (longer lists are split by [`crate::walk::ConversationSearch`]). The
//! answer's array is `ContactResultItem` as every sample has it, not the tables'
//! `ContactItem` (D3); it has no per-item codes, and conversations without data are left
//! out, so results are matched by conversation, never by position.

use super::contact_group::{group_info, marked_conversation};
use super::{check_account, check_count, try_map, Endpoint};
use crate::error::ChatError;
use crate::types::{AllGroups, Conversation};
use crate::wire;

/// Looks up the marks and groups of at most 300 conversations: `search_contact_group`.
pub struct SearchContactGroup;

/// At most this many conversations per request (all versions of the docs).
pub const MAX_SEARCH_ITEMS: usize = 300;

impl Endpoint for SearchContactGroup {
    const COMMAND: &'static str = "v4/recentcontact/search_contact_group";
    type Input = Vec<Conversation>;
    type Request = wire::SearchContactGroupRequest;
    type Response = wire::SearchContactGroupResponse;
    type Output = AllGroups;

    fn request(
        account: &str,
        conversations: &Vec<Conversation>,
    ) -> Result<wire::SearchContactGroupRequest, ChatError> {
        let from_account = check_account(account)?;
        check_count(
            conversations.len(),
            MAX_SEARCH_ITEMS,
            "conversations per request",
        )?;
        Ok(wire::SearchContactGroupRequest {
            from_account,
            contact_item: try_map(conversations, Conversation::to_contact)?,
        })
    }

    fn decode(response: wire::SearchContactGroupResponse) -> Result<AllGroups, ChatError> {
        Ok(AllGroups {
            conversations: try_map(
                response.contact_result_item.unwrap_or_default(),
                marked_conversation,
            )?,
            groups: try_map(response.group_item.unwrap_or_default(), group_info)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::testing::{assert_wire, decode};
    use crate::types::{GroupInfo, MarkedConversation};

    #[test]
    fn docs_sample_requests() {
        let both = vec![
            Conversation::c2c("user_0002"),
            Conversation::group("@TGS#1B2AUI7RZ"),
        ];
        assert_wire(
            &SearchContactGroup::request("user_0001", &both).unwrap(),
            r#"{"From_Account": "user_0001","ContactItem": [{"Type": 1,"To_Account": "user_0002"},{"Type": 2,"ToGroupId": "@TGS#1B2AUI7RZ"}]}"#,
        );
        assert_wire(
            &SearchContactGroup::request("yahaha", &vec![Conversation::c2c("xixi")]).unwrap(),
            r#"{"From_Account":"yahaha","ContactItem":[{"Type":1,"To_Account":"xixi"}]}"#,
        );
    }

    #[test]
    fn docs_sample_response_2026() {
        let found = decode::<SearchContactGroup>(
            r#"{"ContactResultItem": [{"Type": 1,"To_Account": "user_0002","StandardMark": "11111110","CustomMark": "abcde","ContactGroupId": [1,2],"Timestamp": 1775217000},{"Type": 2,"ToGroupId": "@TGS#1B2AUI7RZ","StandardMark": "","ContactGroupId": [1],"Timestamp": 1775186067}],"GroupItem": [{"GroupName": "group_0001","GroupId": 1},{"GroupName": "group_0002","GroupId": 2}],"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": ""}"#,
        )
        .unwrap();
        assert_eq!(
            found.conversations,
            vec![
                MarkedConversation {
                    conversation: Conversation::c2c("user_0002"),
                    standard_mark: "11111110".into(),
                    marks: Some(vec![1, 2, 3, 4, 5, 6, 7]),
                    custom_mark: Some("abcde".into()),
                    group_ids: vec![1, 2],
                    timestamp: 1775217000,
                },
                MarkedConversation {
                    conversation: Conversation::group("@TGS#1B2AUI7RZ"),
                    standard_mark: String::new(),
                    marks: Some(vec![]),
                    custom_mark: None,
                    group_ids: vec![1],
                    timestamp: 1775186067,
                },
            ]
        );
        assert_eq!(
            found.groups,
            vec![
                GroupInfo {
                    name: "group_0001".into(),
                    id: 1
                },
                GroupInfo {
                    name: "group_0002".into(),
                    id: 2
                },
            ]
        );
    }

    #[test]
    fn docs_sample_response_older() {
        let found = decode::<SearchContactGroup>(
            r#"{"ContactResultItem": [{"Type": 1,"To_Account": "xixi","StandardMark": "11111110","CustomMark": "xxyyyzzzfffffffxxx111111","ContactGroupId": [1,2],"Timestamp": 1673500546}],"GroupItem": [{"GroupName": "test1x","GroupId": 1},{"GroupName": "test10","GroupId": 2}],"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": "","ErrorDisplay": ""}"#,
        )
        .unwrap();
        assert_eq!(
            found.conversations[0].conversation,
            Conversation::c2c("xixi")
        );
        assert_eq!(found.groups.len(), 2);
    }

    #[test]
    fn nothing_found_and_limits() {
        let found = decode::<SearchContactGroup>(r#"{"ActionStatus":"OK","ErrorCode":0}"#).unwrap();
        assert!(found.conversations.is_empty() && found.groups.is_empty());
        let many = |n: usize| (0..n).map(|i| Conversation::c2c(format!("u{i}"))).collect();
        assert!(SearchContactGroup::request("a", &many(300)).is_ok());
        assert!(SearchContactGroup::request("a", &many(301)).is_err());
        assert!(SearchContactGroup::request("a", &vec![]).is_err());
        // The tables' name for the array is not what the service sends: ignored.
        let found = decode::<SearchContactGroup>(
            r#"{"ContactItem":[{"Type":1,"To_Account":"x"}],"ActionStatus":"OK","ErrorCode":0}"#,
        )
        .unwrap();
        assert!(found.conversations.is_empty());
    }
}
