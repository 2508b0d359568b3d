//! A response body of `v4/recentcontact/del_contact_group`, decoded as the transport does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencent_chat_conversations::endpoints::del_contact_group::DelContactGroup;

fuzz_target!(|data: &[u8]| {
    tencent_chat_conversations_fuzz::decode::<DelContactGroup>(data);
});
