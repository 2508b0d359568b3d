//! `v4/recentcontact/del_contact_group`: delete one conversation group, by name. The wire
//! field is an array but holds exactly one name (D10).

use super::contact_group::{check_group_name, group_info};
use super::{check_account, Endpoint};
use crate::error::ChatError;
use crate::retry::Idempotency;
use crate::types::GroupInfo;
use crate::wire;

/// Deletes one conversation group: `del_contact_group`.
pub struct DelContactGroup;

impl Endpoint for DelContactGroup {
    const COMMAND: &'static str = "v4/recentcontact/del_contact_group";
    type Input = String;
    type Request = wire::DelContactGroupRequest;
    type Response = wire::DelContactGroupResponse;
    type Output = GroupInfo;
    // A repeat finds the group gone and fails as unknown (51009).
    const IDEMPOTENCY: Idempotency = Idempotency::NotIdempotent;

    fn request(account: &str, name: &String) -> Result<wire::DelContactGroupRequest, ChatError> {
        Ok(wire::DelContactGroupRequest {
            from_account: check_account(account)?,
            group_name: vec![check_group_name(name, "group name")?],
        })
    }

    fn decode(response: wire::DelContactGroupResponse) -> Result<GroupInfo, ChatError> {
        let deleted = response.group_item.unwrap_or_default().into_iter().next();
        group_info(deleted.ok_or_else(|| ChatError::bad_response("GroupItem is empty"))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::testing::{assert_wire, decode};

    #[test]
    fn docs_sample_requests() {
        // Both samples carry a `//` comment inside the JSON (D9), left out here.
        assert_wire(
            &DelContactGroup::request("user_0001", &"group_0001".into()).unwrap(),
            r#"{"From_Account": "user_0001","GroupName": ["group_0001"]}"#,
        );
        assert_wire(
            &DelContactGroup::request("user15", &"test0".into()).unwrap(),
            r#"{"From_Account":"user15","GroupName":["test0"]}"#,
        );
    }

    #[test]
    fn docs_sample_responses() {
        for (sample, name, id) in [
            (
                r#"{"GroupItem": [{"GroupName": "group_0001","GroupId": 1}],"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": ""}"#,
                "group_0001",
                1,
            ),
            (
                r#"{"GroupItem": [{"GroupName": "test0","GroupId": 2}],"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": ""}"#,
                "test0",
                2,
            ),
        ] {
            let deleted = decode::<DelContactGroup>(sample).unwrap();
            assert_eq!(
                deleted,
                GroupInfo {
                    name: name.into(),
                    id
                }
            );
        }
    }

    #[test]
    fn no_group_is_a_bad_response_and_names_are_checked() {
        for body in [
            r#"{"ActionStatus":"OK","ErrorCode":0}"#,
            r#"{"GroupItem":[],"ActionStatus":"OK","ErrorCode":0}"#,
        ] {
            let e = decode::<DelContactGroup>(body).unwrap_err();
            assert_eq!(e.kind, crate::ErrorKind::BadResponse);
        }
        assert!(DelContactGroup::request("a", &String::new()).is_err());
        assert!(DelContactGroup::request("a", &"x".repeat(33)).is_err());
        assert!(DelContactGroup::request("", &"x".into()).is_err());
    }
}
