//! A response body of `v4/recentcontact/search_contact_group`, decoded as the transport does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencent_chat_conversations::endpoints::search_contact_group::SearchContactGroup;

fuzz_target!(|data: &[u8]| {
    tencent_chat_conversations_fuzz::decode::<SearchContactGroup>(data);
});
