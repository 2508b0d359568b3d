//! `v4/recentcontact/update_contact_group`: rename a conversation group (type 1) or add
//! and remove its conversations (type 2, `UpdateGroupType`). The group is addressed by its
//! name; the answer is nested in `UpdateGroupResult` (D6), and only the group's name and id
//! are required of it.

use super::contact_group::check_group_name;
use super::{check_account, item_results, try_map, Endpoint};
use crate::error::ChatError;
use crate::numbers::safe;
use crate::retry::Idempotency;
use crate::types::{Conversation, GroupInfo, GroupRename, GroupUpdate, UpdatedGroup};
use crate::wire;

/// Renames a conversation group: `update_contact_group` with `UpdateGroupType` 1.
pub struct RenameContactGroup;
/// Adds and removes a group's conversations in one request: `update_contact_group` with
/// `UpdateGroupType` 2.
pub struct UpdateContactGroup;

const COMMAND: &str = "v4/recentcontact/update_contact_group";
/// `UpdateType`: the only documented value.
const UPDATE_TYPE: u8 = 1;
/// `UpdateGroupType`.
const RENAME: u8 = 1;
const MEMBERSHIP: u8 = 2;
/// `ContactOptType`.
const ADD: u8 = 1;
const REMOVE: u8 = 2;

impl Endpoint for RenameContactGroup {
    const COMMAND: &'static str = COMMAND;
    type Input = GroupRename;
    type Request = wire::UpdateContactGroupRequest;
    type Response = wire::UpdateContactGroupResponse;
    type Output = GroupInfo;
    // A repeat finds the old name gone and fails as unknown: never repeated unless surely
    // not applied.
    const IDEMPOTENCY: Idempotency = Idempotency::NotIdempotent;

    fn request(
        account: &str,
        rename: &GroupRename,
    ) -> Result<wire::UpdateContactGroupRequest, ChatError> {
        Ok(wire::UpdateContactGroupRequest {
            from_account: check_account(account)?,
            update_type: UPDATE_TYPE,
            update_group: wire::UpdateGroup {
                update_group_type: RENAME,
                old_group_name: check_group_name(&rename.name, "group name")?,
                new_group_name: Some(check_group_name(&rename.new_name, "newName")?),
                contact_update_item: None,
            },
        })
    }

    fn decode(response: wire::UpdateContactGroupResponse) -> Result<GroupInfo, ChatError> {
        group(&result(response)?)
    }
}

impl Endpoint for UpdateContactGroup {
    const COMMAND: &'static str = COMMAND;
    type Input = GroupUpdate;
    type Request = wire::UpdateContactGroupRequest;
    type Response = wire::UpdateContactGroupResponse;
    type Output = UpdatedGroup;
    // Adding a member or removing one twice leaves the same group.

    fn request(
        account: &str,
        update: &GroupUpdate,
    ) -> Result<wire::UpdateContactGroupRequest, ChatError> {
        let from_account = check_account(account)?;
        let name = check_group_name(&update.name, "group name")?;
        let add = update.add.as_deref().unwrap_or_default();
        let remove = update.remove.as_deref().unwrap_or_default();
        if add.is_empty() && remove.is_empty() {
            return Err(ChatError::invalid_input(
                "give at least one conversation to add or remove",
            ));
        }
        if add.iter().any(|c| remove.contains(c)) {
            return Err(ChatError::invalid_input(
                "a conversation cannot be both added and removed",
            ));
        }
        let item = |opt: u8| {
            move |c: &Conversation| {
                Ok(wire::ContactUpdateItem {
                    contact_opt_type: opt,
                    contact_item: c.to_contact()?,
                })
            }
        };
        let mut items = try_map(add, item(ADD))?;
        items.extend(try_map(remove, item(REMOVE))?);
        Ok(wire::UpdateContactGroupRequest {
            from_account,
            update_type: UPDATE_TYPE,
            update_group: wire::UpdateGroup {
                update_group_type: MEMBERSHIP,
                old_group_name: name,
                new_group_name: None,
                contact_update_item: Some(items),
            },
        })
    }

    fn decode(response: wire::UpdateContactGroupResponse) -> Result<UpdatedGroup, ChatError> {
        let result = result(response)?;
        Ok(UpdatedGroup {
            group: group(&result)?,
            results: item_results(result.contact_result_item.unwrap_or_default())?,
        })
    }
}

fn result(
    response: wire::UpdateContactGroupResponse,
) -> Result<wire::UpdateGroupResult, ChatError> {
    response
        .update_group_result
        .ok_or_else(|| ChatError::bad_response("the response has no UpdateGroupResult"))
}

/// The group as the service reports it: its name (the new one after a rename) and id.
fn group(result: &wire::UpdateGroupResult) -> Result<GroupInfo, ChatError> {
    match (&result.group_name, result.group_id) {
        (Some(name), Some(id)) => Ok(GroupInfo {
            name: name.clone(),
            id: safe(id)?,
        }),
        _ => Err(ChatError::bad_response(
            "UpdateGroupResult lacks GroupName or GroupId",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::testing::{assert_wire, decode};
    use crate::types::ItemResult;
    use crate::ErrorKind;

    fn update(name: &str, add: Vec<Conversation>, remove: Vec<Conversation>) -> GroupUpdate {
        GroupUpdate {
            name: name.into(),
            add: Some(add),
            remove: Some(remove),
        }
    }

    #[test]
    fn docs_sample_requests_2026() {
        let rename = GroupRename {
            name: "group_0001".into(),
            new_name: "group_0002".into(),
        };
        assert_wire(
            &RenameContactGroup::request("user_0001", &rename).unwrap(),
            r#"{"From_Account": "user_0001","UpdateType": 1,"UpdateGroup": {"UpdateGroupType": 1,"OldGroupName": "group_0001","NewGroupName": "group_0002"}}"#,
        );
        let members = update(
            "group_0001",
            vec![Conversation::c2c("user_0002")],
            vec![Conversation::group("@TGS#1B2AUI7RZ")],
        );
        assert_wire(
            &UpdateContactGroup::request("user_0001", &members).unwrap(),
            r#"{"From_Account": "user_0001","UpdateType": 1,"UpdateGroup": {"UpdateGroupType": 2,"OldGroupName": "group_0001","ContactUpdateItem": [{"ContactOptType": 1,"ContactItem": {"Type": 1,"To_Account": "user_0002"}},{"ContactOptType": 2,"ContactItem": {"Type": 2,"ToGroupId": "@TGS#1B2AUI7RZ"}}]}}"#,
        );
    }

    #[test]
    fn docs_sample_request_older() {
        let members = GroupUpdate {
            name: "test1".into(),
            add: Some(vec![Conversation::c2c("user1")]),
            remove: None,
        };
        assert_wire(
            &UpdateContactGroup::request("user20", &members).unwrap(),
            r#"{"From_Account":"user20","UpdateType":1,"UpdateGroup":{"UpdateGroupType":2,"OldGroupName":"test1","ContactUpdateItem":[{"ContactOptType":1,"ContactItem":{"Type": 1,"To_Account": "user1"}}]}}"#,
        );
    }

    const DOCS_RESPONSE: &str = r#"{"UpdateType": 1,"UpdateGroupResult": {"UpdateGroupType": 2,"GroupName": "test1","GroupId": 1,"OldGroupName": "test1","ContactResultItem": [{"ContactOptType": 1,"ContactItem": {"Type": 1,"To_Account": "user1"},"ResultCode": 0,"ResultInfo": ""}]},"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": ""}"#;

    #[test]
    fn docs_sample_response() {
        let updated = decode::<UpdateContactGroup>(DOCS_RESPONSE).unwrap();
        assert_eq!(
            updated,
            UpdatedGroup {
                group: GroupInfo {
                    name: "test1".into(),
                    id: 1
                },
                results: vec![ItemResult {
                    conversation: Conversation::c2c("user1"),
                    ok: true,
                    code: 0,
                    info: String::new()
                }],
            }
        );
        // The same answer read as a rename's: the group.
        let group = decode::<RenameContactGroup>(DOCS_RESPONSE).unwrap();
        assert_eq!((group.name.as_str(), group.id), ("test1", 1));
    }

    #[test]
    fn a_rename_answer_without_results_or_old_name_decodes() {
        let group = decode::<RenameContactGroup>(
            r#"{"UpdateGroupResult":{"GroupName":"new","GroupId":7},"ActionStatus":"OK","ErrorCode":0}"#,
        )
        .unwrap();
        assert_eq!(
            group,
            GroupInfo {
                name: "new".into(),
                id: 7
            }
        );
        let updated = decode::<UpdateContactGroup>(
            r#"{"UpdateGroupResult":{"GroupName":"g","GroupId":2},"ActionStatus":"OK"}"#,
        )
        .unwrap();
        assert!(updated.results.is_empty());
    }

    #[test]
    fn item_failures_are_results_and_a_missing_group_is_a_bad_response() {
        let updated = decode::<UpdateContactGroup>(
            r#"{"UpdateGroupResult":{"GroupName":"g","GroupId":2,"ContactResultItem":[
            {"ContactOptType":2,"ContactItem":{"Type":2,"ToGroupId":"@TGS#1"},"ResultCode":51007,
            "ResultInfo":"disbanded"}]},"ActionStatus":"OK","ErrorCode":0}"#,
        )
        .unwrap();
        assert_eq!(
            (updated.results[0].ok, updated.results[0].code),
            (false, 51007)
        );
        assert_eq!(
            updated.results[0].conversation,
            Conversation::group("@TGS#1")
        );
        for body in [
            r#"{"ActionStatus":"OK","ErrorCode":0}"#,
            r#"{"UpdateGroupResult":{"GroupId":2},"ActionStatus":"OK","ErrorCode":0}"#,
            r#"{"UpdateGroupResult":{"GroupName":"g","GroupId":9007199254740992},"ActionStatus":"OK"}"#,
        ] {
            let e = decode::<RenameContactGroup>(body).unwrap_err();
            assert_eq!(e.kind, ErrorKind::BadResponse, "{body}");
        }
        let e = decode::<RenameContactGroup>(
            r#"{"ActionStatus":"FAIL","ErrorCode":51009,"ErrorInfo":"no such group"}"#,
        )
        .unwrap_err();
        assert_eq!((e.kind, e.code), (ErrorKind::Api, 51009));
    }

    #[test]
    fn invalid_input() {
        let rename = |name: &str, new_name: &str| GroupRename {
            name: name.into(),
            new_name: new_name.into(),
        };
        assert!(RenameContactGroup::request("a", &rename("x", &"y".repeat(32))).is_ok());
        let e = RenameContactGroup::request("a", &rename("x", &"y".repeat(33))).unwrap_err();
        assert!(e.info.contains("newName must be 1 to 32"), "{}", e.info);
        assert!(RenameContactGroup::request("a", &rename("", "y")).is_err());
        assert!(RenameContactGroup::request("", &rename("x", "y")).is_err());
        let bob = Conversation::c2c("bob");
        assert!(UpdateContactGroup::request("a", &update("g", vec![], vec![])).is_err());
        let both = update("g", vec![bob.clone()], vec![bob.clone()]);
        assert!(UpdateContactGroup::request("a", &both).is_err());
        let empty_id = update("g", vec![Conversation::group("")], vec![]);
        assert!(UpdateContactGroup::request("a", &empty_id).is_err());
        assert!(
            UpdateContactGroup::request("a", &update(&"群".repeat(11), vec![bob], vec![])).is_err()
        );
    }
}
