//! A response body of `v4/recentcontact/top`, decoded as the transport does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencent_chat_conversations::endpoints::top::Pin;

fuzz_target!(|data: &[u8]| {
    tencent_chat_conversations_fuzz::decode::<Pin>(data);
});
