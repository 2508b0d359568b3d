//! `v4/recentcontact/delete`: delete one conversation from an account's list, optionally
//! with its roaming messages (`ClearRamble`). The group id is spelled `ToGroupid` here (D2).

use super::{check_account, Endpoint};
use crate::error::ChatError;
use crate::types::{Conversation, DeleteOptions};
use crate::wire;

/// Deletes one conversation: `delete`.
pub struct DeleteConversation;

impl Endpoint for DeleteConversation {
    const COMMAND: &'static str = "v4/recentcontact/delete";
    /// The conversation and the caller's options.
    type Input = (Conversation, DeleteOptions);
    type Request = wire::DeleteRequest;
    type Response = wire::Empty;
    type Output = ();
    // Deleting a deleted conversation leaves the same list.

    fn request(
        account: &str,
        (conversation, options): &(Conversation, DeleteOptions),
    ) -> Result<wire::DeleteRequest, ChatError> {
        let from_account = check_account(account)?;
        let item = conversation.to_contact()?;
        Ok(wire::DeleteRequest {
            from_account,
            r#type: item.r#type,
            to_account: item.to_account,
            to_groupid: item.to_group_id,
            // Sent either way: the docs do not say what its absence means.
            clear_ramble: u8::from(options.clear_history.unwrap_or(false)),
        })
    }

    fn decode(_: wire::Empty) -> Result<(), ChatError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::testing::{assert_wire, decode};

    fn clearing(conversation: Conversation) -> (Conversation, DeleteOptions) {
        let options = DeleteOptions {
            clear_history: Some(true),
        };
        (conversation, options)
    }

    #[test]
    fn docs_sample_requests() {
        assert_wire(
            &DeleteConversation::request("id1", &clearing(Conversation::c2c("id2"))).unwrap(),
            r#"{"From_Account":"id1","Type":1,"To_Account":"id2","ClearRamble":1}"#,
        );
        assert_wire(
            &DeleteConversation::request("id1", &clearing(Conversation::group("id2"))).unwrap(),
            r#"{"From_Account":"id1","Type":2,"ToGroupid":"id2","ClearRamble":1}"#,
        );
        let keep = (Conversation::c2c("b"), DeleteOptions::default());
        assert_wire(
            &DeleteConversation::request("a", &keep).unwrap(),
            r#"{"From_Account":"a","Type":1,"To_Account":"b","ClearRamble":0}"#,
        );
    }

    #[test]
    fn docs_sample_response() {
        let json = r#"{"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": "","ErrorDisplay": ""}"#;
        assert_eq!(decode::<DeleteConversation>(json), Ok(()));
        let e = decode::<DeleteConversation>(r#"{"ActionStatus":"FAIL","ErrorCode":50001}"#)
            .unwrap_err();
        assert_eq!(e.code, 50001);
    }

    #[test]
    fn invalid_input() {
        assert!(DeleteConversation::request("", &clearing(Conversation::c2c("b"))).is_err());
        assert!(DeleteConversation::request("a", &clearing(Conversation::c2c(""))).is_err());
        assert!(DeleteConversation::request("a", &clearing(Conversation::group(""))).is_err());
    }
}
