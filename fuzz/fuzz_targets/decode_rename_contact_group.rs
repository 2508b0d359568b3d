//! A response body of `v4/recentcontact/update_contact_group (a rename's answer)`, decoded as the transport does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencent_chat_conversations::endpoints::update_contact_group::RenameContactGroup;

fuzz_target!(|data: &[u8]| {
    tencent_chat_conversations_fuzz::decode::<RenameContactGroup>(data);
});
