//! A response body of `v4/recentcontact/update_contact_group`, decoded as the transport does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencent_chat_conversations::endpoints::update_contact_group::UpdateContactGroup;

fuzz_target!(|data: &[u8]| {
    tencent_chat_conversations_fuzz::decode::<UpdateContactGroup>(data);
});
