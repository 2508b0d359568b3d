//! Conversation groups: `create_contact_group` (one group per call) and the paged
//! `get_contact_group`, which also returns every marked conversation.

use super::{check_account, item_results, try_map, Endpoint};
use crate::error::ChatError;
use crate::marks::decode_standard_mark;
use crate::numbers::{check_index, safe};
use crate::retry::Idempotency;
use crate::types::{
    Conversation, CreatedGroup, GroupInfo, GroupsOptions, GroupsPage, MarkedConversation, NewGroup,
};
use crate::wire;

/// Creates one conversation group with its conversations: `create_contact_group`.
pub struct CreateContactGroup;
/// One page of marked or grouped conversations and the groups: `get_contact_group`.
pub struct GetContactGroup;

/// A group name's limit in UTF-8 bytes (51011 beyond). The 2026 English
/// `update_contact_group` page allows 64 bytes for a new name, but the Chinese page,
/// `create_contact_group` and error 51011 say 32 (D1); until the service is seen to take
/// more, every name the package sends is held to 32.
pub const MAX_GROUP_NAME_BYTES: usize = 32;

/// A group name as the service takes it: 1 to [`MAX_GROUP_NAME_BYTES`] UTF-8 bytes.
pub(crate) fn check_group_name(name: &str, what: &str) -> Result<String, ChatError> {
    if name.is_empty() || name.len() > MAX_GROUP_NAME_BYTES {
        return Err(ChatError::invalid_input(format!(
            "{what} must be 1 to {} UTF-8 bytes, not {}",
            MAX_GROUP_NAME_BYTES,
            name.len()
        )));
    }
    Ok(name.to_owned())
}

impl Endpoint for CreateContactGroup {
    const COMMAND: &'static str = "v4/recentcontact/create_contact_group";
    type Input = NewGroup;
    type Request = wire::CreateContactGroupRequest;
    type Response = wire::CreateContactGroupResponse;
    type Output = CreatedGroup;
    // Each call makes a new group: never repeated unless surely not applied.
    const IDEMPOTENCY: Idempotency = Idempotency::NotIdempotent;

    fn request(
        account: &str,
        group: &NewGroup,
    ) -> Result<wire::CreateContactGroupRequest, ChatError> {
        let from_account = check_account(account)?;
        Ok(wire::CreateContactGroupRequest {
            from_account,
            group_contact_item: vec![wire::GroupContactItem {
                group_name: check_group_name(&group.name, "group name")?,
                contact_item: try_map(&group.conversations, Conversation::to_contact)?,
            }],
        })
    }

    fn decode(response: Self::Response) -> Result<CreatedGroup, ChatError> {
        let created = response
            .group_result_item
            .unwrap_or_default()
            .into_iter()
            .next()
            .ok_or_else(|| ChatError::bad_response("GroupResultItem is empty"))?;
        Ok(CreatedGroup {
            group: group_info(created.group_item)?,
            results: item_results(created.result_item.unwrap_or_default())?,
        })
    }
}

impl Endpoint for GetContactGroup {
    const COMMAND: &'static str = "v4/recentcontact/get_contact_group";
    type Input = GroupsOptions;
    type Request = wire::GetContactGroupRequest;
    type Response = wire::GetContactGroupResponse;
    type Output = GroupsPage;

    fn request(
        account: &str,
        options: &GroupsOptions,
    ) -> Result<wire::GetContactGroupRequest, ChatError> {
        Ok(wire::GetContactGroupRequest {
            from_account: check_account(account)?,
            start_index: check_index(options.start_index.unwrap_or(0), "startIndex", "startIndex")?,
        })
    }

    fn decode(response: Self::Response) -> Result<GroupsPage, ChatError> {
        Ok(GroupsPage {
            conversations: try_map(
                response.contact_item.unwrap_or_default(),
                marked_conversation,
            )?,
            groups: try_map(response.group_item.unwrap_or_default(), group_info)?,
            complete: response.complete_flag == 1,
            next_start_index: safe(response.next_start_index.unwrap_or(0))?,
        })
    }
}

/// A group of a response, its id checked.
pub(crate) fn group_info(item: wire::GroupItem) -> Result<GroupInfo, ChatError> {
    Ok(GroupInfo {
        name: item.group_name,
        id: safe(item.group_id)?,
    })
}

/// A conversation with marks or groups (`get_contact_group`, `search_contact_group`).
pub(crate) fn marked_conversation(
    item: wire::MarkedContactItem,
) -> Result<MarkedConversation, ChatError> {
    Ok(MarkedConversation {
        conversation: Conversation::from_wire(item.r#type, item.to_account, item.to_group_id)?,
        marks: item.standard_mark.as_deref().and_then(decode_standard_mark),
        standard_mark: item.standard_mark.unwrap_or_default(),
        custom_mark: item.custom_mark,
        group_ids: try_map(item.contact_group_id.unwrap_or_default(), safe)?,
        timestamp: safe(item.timestamp.unwrap_or(0))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::testing::{assert_wire, decode};
    use crate::types::ItemResult;

    #[test]
    fn create_docs_sample_request() {
        let group = NewGroup {
            name: "test0".into(),
            conversations: vec![Conversation::c2c("user0")],
        };
        assert_wire(
            &CreateContactGroup::request("user15", &group).unwrap(),
            r#"{"From_Account":"user15","GroupContactItem":[{"GroupName":"test0",
                "ContactItem":[{"Type": 1,"To_Account": "user0"}]}]}"#,
        );
        let group = NewGroup {
            name: "g".into(),
            conversations: vec![Conversation::group("@TGS#2")],
        };
        let req =
            serde_json::to_string(&CreateContactGroup::request("u", &group).unwrap()).unwrap();
        assert!(req.contains(r#"{"Type":2,"ToGroupId":"@TGS#2"}"#), "{req}");
    }

    #[test]
    fn create_docs_sample_response() {
        let created = decode::<CreateContactGroup>(
            r#"{"GroupResultItem": [{"GroupItem": {"GroupName": "test2","GroupId": 2},
            "ResultItem": [{"ContactItem": {"Type": 1,"To_Account": "user1"},"ResultCode": 0,
            "ResultInfo": ""}]}],"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": "","ErrorDisplay": ""}"#,
        )
        .unwrap();
        assert_eq!(
            created,
            CreatedGroup {
                group: GroupInfo {
                    name: "test2".into(),
                    id: 2
                },
                results: vec![ItemResult {
                    conversation: Conversation::c2c("user1"),
                    ok: true,
                    code: 0,
                    info: String::new()
                }],
            }
        );
    }

    #[test]
    fn create_without_result_is_a_bad_response() {
        let e = decode::<CreateContactGroup>(r#"{"ActionStatus":"OK","ErrorCode":0}"#).unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::BadResponse);
    }

    #[test]
    fn group_name_limits() {
        let named = |name: &str| NewGroup {
            name: name.into(),
            conversations: vec![],
        };
        assert!(CreateContactGroup::request("a", &named("")).is_err());
        assert!(CreateContactGroup::request("a", &named(&"x".repeat(32))).is_ok());
        assert!(CreateContactGroup::request("a", &named(&"x".repeat(33))).is_err());
        assert!(CreateContactGroup::request("a", &named(&"群".repeat(11))).is_err()); // 33 bytes
        assert!(CreateContactGroup::request("", &named("ok")).is_err());
    }

    #[test]
    fn get_docs_sample_request() {
        assert_wire(
            &GetContactGroup::request("user0", &GroupsOptions::default()).unwrap(),
            r#"{"From_Account":"user0","StartIndex":0}"#,
        );
    }

    #[test]
    fn get_docs_sample_response() {
        let page = decode::<GetContactGroup>(
            r#"{"ContactItem": [{"Type": 1,"To_Account": "teacher4","StandardMark": "111001",
            "ContactGroupId": [1,2],"Timestamp": 1670843110},{"Type": 2,"ToGroupId": "@TGS#1N3RSUYG2",
            "StandardMark": "111001","CustomMark": "abcd","Timestamp": 1672998266}],"GroupItem":
            [{"GroupName": "test1x","GroupId": 1},{"GroupName": "test10","GroupId": 2}],
            "CompleteFlag": 1,"NextStartIndex": 0,"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": ""}"#,
        )
        .unwrap();
        assert_eq!(
            page.conversations[0],
            MarkedConversation {
                conversation: Conversation::c2c("teacher4"),
                standard_mark: "111001".into(),
                marks: Some(vec![0, 3, 4, 5]),
                custom_mark: None,
                group_ids: vec![1, 2],
                timestamp: 1670843110,
            }
        );
        assert_eq!(
            page.conversations[1].conversation,
            Conversation::group("@TGS#1N3RSUYG2")
        );
        assert_eq!(page.conversations[1].custom_mark.as_deref(), Some("abcd"));
        assert_eq!(
            page.groups[1],
            GroupInfo {
                name: "test10".into(),
                id: 2
            }
        );
        assert!(page.complete);
        assert_eq!(page.next_start_index, 0);
    }

    #[test]
    fn final_page_may_omit_next_start_index_and_marks_may_be_garbage() {
        let page = decode::<GetContactGroup>(
            r#"{"ContactItem":[{"Type":1,"To_Account":"x","StandardMark":"2"}],"CompleteFlag":0,
            "NextStartIndex":100,"ActionStatus":"OK","ErrorCode":0,"Extra":{"a":1}}"#,
        )
        .unwrap();
        assert_eq!((page.complete, page.next_start_index), (false, 100));
        assert_eq!(page.conversations[0].marks, None);
        assert_eq!(page.conversations[0].standard_mark, "2");
        let last =
            decode::<GetContactGroup>(r#"{"CompleteFlag":1,"ActionStatus":"OK","ErrorCode":0}"#)
                .unwrap();
        assert!(last.complete && last.conversations.is_empty());
    }
}
