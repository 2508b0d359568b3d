//! `v4/recentcontact/mark_contact`: set/clear standard mark bits and set a custom mark.

use super::{check_account, check_count, item_results, try_map, Endpoint};
use crate::error::ChatError;
use crate::marks::check_bit;
use crate::types::{ItemResult, MarkOperation};
use crate::wire;

/// Sets and clears standard mark bits and custom marks: `mark_contact`.
pub struct MarkContact;

/// At most this many operations per call (51006 beyond).
pub const MAX_ITEMS: usize = 100;
/// A custom mark's limit in UTF-8 bytes.
pub const MAX_CUSTOM_MARK_BYTES: usize = 256;

/// `OptType`: which of the two kinds of mark an item changes.
const OPT_STANDARD: u8 = 1;
const OPT_CUSTOM: u8 = 2;
const OPT_BOTH: u8 = 3;

impl Endpoint for MarkContact {
    const COMMAND: &'static str = "v4/recentcontact/mark_contact";
    type Input = Vec<MarkOperation>;
    type Request = wire::MarkContactRequest;
    type Response = wire::MarkContactResponse;
    type Output = Vec<ItemResult>;

    fn request(
        account: &str,
        operations: &Vec<MarkOperation>,
    ) -> Result<wire::MarkContactRequest, ChatError> {
        let from_account = check_account(account)?;
        check_count(operations.len(), MAX_ITEMS, "mark operations")?;
        Ok(wire::MarkContactRequest {
            from_account,
            mark_item: try_map(operations, mark_item)?,
        })
    }

    fn decode(response: Self::Response) -> Result<Vec<ItemResult>, ChatError> {
        item_results(response.result_item.unwrap_or_default())
    }
}

fn mark_item(op: &MarkOperation) -> Result<wire::MarkItem, ChatError> {
    let set = op.set.clone().unwrap_or_default();
    let clear = op.clear.clone().unwrap_or_default();
    for &bit in set.iter().chain(&clear) {
        check_bit(bit)?;
    }
    if let Some(bit) = set.iter().find(|b| clear.contains(b)) {
        return Err(ChatError::invalid_input(format!(
            "mark bit {} is both set and cleared",
            bit
        )));
    }
    if let Some(custom) = &op.custom_mark {
        if custom.len() > MAX_CUSTOM_MARK_BYTES {
            return Err(ChatError::invalid_input(format!(
                "customMark is {} UTF-8 bytes; the limit is {}",
                custom.len(),
                MAX_CUSTOM_MARK_BYTES
            )));
        }
    }
    let standard = !set.is_empty() || !clear.is_empty();
    let opt_type = match (standard, op.custom_mark.is_some()) {
        (true, false) => OPT_STANDARD,
        (false, true) => OPT_CUSTOM,
        (true, true) => OPT_BOTH,
        (false, false) => {
            return Err(ChatError::invalid_input(
                "a mark operation needs set, clear or customMark",
            ))
        }
    };
    Ok(wire::MarkItem {
        opt_type,
        contact_item: op.conversation.to_contact()?,
        set_mark: Some(set).filter(|bits| !bits.is_empty()),
        clear_mark: Some(clear).filter(|bits| !bits.is_empty()),
        custom_mark: op.custom_mark.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::testing::{assert_wire, decode};
    use crate::types::Conversation;

    fn op(conversation: Conversation) -> MarkOperation {
        MarkOperation {
            conversation,
            set: Some(vec![]),
            clear: Some(vec![]),
            custom_mark: None,
        }
    }

    #[test]
    fn docs_sample_request() {
        let ops = [MarkOperation {
            set: Some(vec![1, 2, 3]),
            custom_mark: Some("abcd".into()),
            ..op(Conversation::c2c("user_0002"))
        }];
        assert_wire(
            &MarkContact::request("user_0001", &ops.to_vec()).unwrap(),
            r#"{"From_Account": "user_0001","MarkItem": [{"OptType": 3,"ContactItem":
                {"Type": 1,"To_Account": "user_0002"},"SetMark": [1,2,3],"CustomMark": "abcd"}]}"#,
        );
    }

    #[test]
    fn opt_type_is_derived_and_groups_use_to_group_id() {
        let marks_only = MarkOperation {
            clear: Some(vec![0]),
            ..op(Conversation::group("@TGS#1"))
        };
        let custom_only = MarkOperation {
            custom_mark: Some(String::new()),
            ..op(Conversation::c2c("b"))
        };
        let req = MarkContact::request("a", &vec![marks_only, custom_only]).unwrap();
        assert_wire(
            &req,
            r#"{"From_Account":"a","MarkItem":[
                {"OptType":1,"ContactItem":{"Type":2,"ToGroupId":"@TGS#1"},"ClearMark":[0]},
                {"OptType":2,"ContactItem":{"Type":1,"To_Account":"b"},"CustomMark":""}]}"#,
        );
    }

    #[test]
    fn docs_sample_response() {
        let results = decode::<MarkContact>(
            r#"{"ResultItem": [{"OptType": 3,"ContactItem": {"Type": 1,"To_Account": "user_0002"},
            "ResultCode": 0,"ResultInfo": ""}],"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": ""}"#,
        )
        .unwrap();
        assert_eq!(
            results,
            vec![ItemResult {
                conversation: Conversation::c2c("user_0002"),
                ok: true,
                code: 0,
                info: String::new()
            }]
        );
    }

    #[test]
    fn per_item_failure_is_reported_not_thrown() {
        let results = decode::<MarkContact>(
            r#"{"ResultItem":[{"ContactItem":{"Type":2,"ToGroupId":"g"},"ResultCode":51008,
            "ResultInfo":"limit"}],"ActionStatus":"OK","ErrorCode":0}"#,
        )
        .unwrap();
        assert_eq!((results[0].ok, results[0].code), (false, 51008));
        assert_eq!(results[0].conversation, Conversation::group("g"));
    }

    #[test]
    fn a_result_code_a_js_number_cannot_hold_is_a_bad_response() {
        let e = decode::<MarkContact>(
            r#"{"ResultItem":[{"ContactItem":{"Type":1,"To_Account":"b"},
            "ResultCode":-9223372036854775808}],"ActionStatus":"OK","ErrorCode":0}"#,
        )
        .unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::BadResponse);
    }

    #[test]
    fn invalid_input() {
        let set = |bits: Vec<u8>| MarkOperation {
            set: Some(bits),
            ..op(Conversation::c2c("b"))
        };
        assert!(MarkContact::request("a", &vec![]).is_err());
        assert!(MarkContact::request("a", &vec![set(vec![1]); 101]).is_err());
        assert!(MarkContact::request("a", &vec![set(vec![1]); 100]).is_ok());
        assert!(MarkContact::request("a", &vec![set(vec![64])]).is_err());
        assert!(MarkContact::request("a", &vec![set(vec![63])]).is_ok());
        assert!(MarkContact::request("a", &vec![op(Conversation::c2c("b"))]).is_err());
        assert!(MarkContact::request(
            "a",
            &vec![MarkOperation {
                clear: Some(vec![5]),
                ..set(vec![5])
            }]
        )
        .is_err());
        let custom = |s: String| MarkOperation {
            custom_mark: Some(s),
            ..op(Conversation::c2c("b"))
        };
        assert!(MarkContact::request("a", &vec![custom("é".repeat(128))]).is_ok());
        let e = MarkContact::request("a", &vec![custom("é".repeat(129))]).unwrap_err();
        assert!(e.info.contains("258 UTF-8 bytes"), "{}", e.info);
    }
}
