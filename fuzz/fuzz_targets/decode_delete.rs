//! A response body of `v4/recentcontact/delete`, decoded as the transport does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencent_chat_conversations::endpoints::delete::DeleteConversation;

fuzz_target!(|data: &[u8]| {
    tencent_chat_conversations_fuzz::decode::<DeleteConversation>(data);
});
