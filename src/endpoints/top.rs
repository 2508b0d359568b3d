//! `v4/recentcontact/top`: pin (OperationType 1) or unpin (2) conversations.

use super::{check_account, try_map, Endpoint};
use crate::error::ChatError;
use crate::types::Conversation;
use crate::wire;

pub struct Top;

/// Pin or unpin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Pin = 1,
    Unpin = 2,
}

impl Endpoint for Top {
    const COMMAND: &'static str = "v4/recentcontact/top";
    type Request = wire::TopRequest;
    type Response = wire::Empty;
    type Output = ();

    fn decode(_: Self::Response) -> Result<(), ChatError> {
        Ok(())
    }
}

pub fn request(
    account: &str,
    operation: Operation,
    conversations: &[Conversation],
) -> Result<wire::TopRequest, ChatError> {
    let from_account = check_account(account)?;
    if conversations.is_empty() {
        return Err(ChatError::invalid_input("give at least one conversation"));
    }
    Ok(wire::TopRequest {
        from_account,
        operation_type: operation as u8,
        recent_contact_item: try_map(conversations, Conversation::to_recent_contact)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::testing::{assert_wire, decode};

    #[test]
    fn docs_sample_request() {
        let req = request(
            "id1",
            Operation::Pin,
            &[Conversation::c2c("id2"), Conversation::group("group1")],
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
        let req = request("a", Operation::Unpin, &[Conversation::c2c("b")]).unwrap();
        assert_eq!(req.operation_type, 2);
    }

    #[test]
    fn docs_sample_response() {
        let json = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":""}"#;
        assert_eq!(decode::<Top>(json), Ok(()));
    }

    #[test]
    fn invalid_input() {
        assert!(request("", Operation::Pin, &[Conversation::c2c("b")]).is_err());
        assert!(request("a", Operation::Pin, &[]).is_err());
        assert!(request("a", Operation::Pin, &[Conversation::group("")]).is_err());
        assert!(request("a", Operation::Pin, &[Conversation::c2c("")]).is_err());
    }
}
