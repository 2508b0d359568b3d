//! A response body of `v4/recentcontact/create_contact_group`, decoded as the transport does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencent_chat_conversations::endpoints::contact_group::CreateContactGroup;

fuzz_target!(|data: &[u8]| {
    tencent_chat_conversations_fuzz::decode::<CreateContactGroup>(data);
});
