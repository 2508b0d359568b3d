//! `v4/recentcontact/top`: pin (OperationType 1) or unpin (2) conversations.

use super::{check_account, try_map, Endpoint};
use crate::error::ChatError;
use crate::types::Conversation;
use crate::wire;

/// `top` with OperationType `OP`: one endpoint type for both operations.
pub struct Top<const OP: u8>;
/// Pins conversations: `top` with OperationType 1.
pub type Pin = Top<1>;
/// Unpins conversations: `top` with OperationType 2.
pub type Unpin = Top<2>;

impl<const OP: u8> Endpoint for Top<OP> {
    const COMMAND: &'static str = "v4/recentcontact/top";
    type Input = Vec<Conversation>;
    type Request = wire::TopRequest;
    type Response = wire::Empty;
    type Output = ();

    fn request(
        account: &str,
        conversations: &Vec<Conversation>,
    ) -> Result<wire::TopRequest, ChatError> {
        let from_account = check_account(account)?;
        if conversations.is_empty() {
            return Err(ChatError::invalid_input("give at least one conversation"));
        }
        Ok(wire::TopRequest {
            from_account,
            operation_type: OP,
            recent_contact_item: try_map(conversations, Conversation::to_recent_contact)?,
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

    #[test]
    fn docs_sample_request() {
        let req = Pin::request(
            "id1",
            &vec![Conversation::c2c("id2"), Conversation::group("group1")],
        )
        .unwrap();
        assert_wire(
            &req,
            r#"{"From_Account":"id1","OperationType":1,"RecentContactItem":[
                {"Type":1,"To_Account":"id2"},{"Type":2,"GroupId":"group1"}]}"#,
        );
    }

    #[test]
    fn unpin_is_operation_two() {
        let req = Unpin::request("a", &vec![Conversation::c2c("b")]).unwrap();
        assert_eq!(req.operation_type, 2);
    }

    #[test]
    fn docs_sample_response() {
        let json = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":""}"#;
        assert_eq!(decode::<Pin>(json), Ok(()));
    }

    #[test]
    fn invalid_input() {
        assert!(Pin::request("", &vec![Conversation::c2c("b")]).is_err());
        assert!(Pin::request("a", &vec![]).is_err());
        assert!(Unpin::request("a", &vec![Conversation::group("")]).is_err());
        assert!(Pin::request("a", &vec![Conversation::c2c("")]).is_err());
    }
}
