//! Whole-list walks fed by a hostile server: each input line is one response body of
//! `get_list` (first byte even) or `get_contact_group` (odd), decoded as the transport
//! does and handed to the walk. Whatever the pages say, the walk never panics, never
//! exceeds its page bound, stays over once it has failed or finished, sends each next
//! request from the previous page's cursor, and reports every conversation group once.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;
use tencent_chat_conversations::endpoints::contact_group::GetContactGroup;
use tencent_chat_conversations::endpoints::get_list::GetList;
use tencent_chat_conversations::endpoints::Endpoint;
use tencent_chat_conversations::types::{Cursor, GroupsOptions, ListOptions};
use tencent_chat_conversations::walk::{ConversationList, MarkedList, PagedList, Walk};
use tencent_chat_conversations::ErrorKind;

/// A low bound, so that inputs can reach it.
const MAX_PAGES: u32 = 16;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let pages = rest.split(|&b| b == b'\n');
    if first % 2 == 0 {
        let walk = Walk::new(ConversationList::new("a", ListOptions::default()).expect("valid"));
        let requests = run(walk, pages);
        // Each request after the first carries the cursor the previous page gave.
        for pair in requests.windows(2) {
            let (before, after) = (pair[0], pair[1]);
            assert_ne!(before, after, "the same cursor requested twice in a row");
        }
    } else {
        let list = MarkedList::new("a", GroupsOptions::default()).expect("valid");
        let walk = Walk::new(list);
        let starts = run(walk, pages);
        assert!(
            starts.windows(2).all(|w| w[0] < w[1]),
            "StartIndex must grow: {starts:?}"
        );
    }
});

/// What identifies a request's position, for the ordering checks.
trait Position: Endpoint {
    type At: Copy + std::fmt::Debug + PartialEq;
    fn position(request: &Self::Request) -> Self::At;
}

impl Position for GetList {
    type At = Cursor;
    fn position(r: &Self::Request) -> Cursor {
        Cursor {
            time_stamp: r.time_stamp,
            start_index: r.start_index,
            top_time_stamp: r.top_time_stamp,
            top_start_index: r.top_start_index,
        }
    }
}

impl Position for GetContactGroup {
    type At = u64;
    fn position(r: &Self::Request) -> u64 {
        r.start_index
    }
}

/// Drives `walk` with `pages` as a transport would; returns the positions requested.
fn run<'a, S>(
    walk: Walk<S>,
    pages: impl Iterator<Item = &'a [u8]>,
) -> Vec<<S::Endpoint as Position>::At>
where
    S: PagedList + Inspect,
    S::Endpoint: Position,
{
    let mut walk = walk.with_max_pages(MAX_PAGES);
    let mut requested = Vec::new();
    let mut accepted = 0u32;
    let mut items = 0u64;
    for body in pages {
        let request = match walk.next_request() {
            Ok(Some(request)) => request,
            Ok(None) => break,
            Err(e) => {
                assert_eq!(e.kind, ErrorKind::BadResponse, "{e:?}");
                assert_eq!(accepted, MAX_PAGES, "refused before the bound: {e:?}");
                break;
            }
        };
        requested.push(<S::Endpoint as Position>::position(&request));
        // A body the transport would reject ends the walk through `fail`.
        let Some(page) = decode::<S::Endpoint>(body) else {
            walk.fail(tencent_chat_conversations::ChatError::bad_response("x"));
            break;
        };
        match walk.accept(page) {
            Ok(page) => {
                accepted += 1;
                items += page.items.len() as u64;
                assert_eq!(page.number, accepted);
                assert_eq!(page.total, items);
            }
            Err(e) => {
                assert_eq!(e.kind, ErrorKind::BadResponse, "{e:?}");
                assert!(walk.is_done());
                break;
            }
        }
        walk.list().inspect();
    }
    assert!(accepted <= MAX_PAGES);
    if walk.is_done() {
        assert!(
            matches!(walk.next_request(), Ok(None)),
            "a finished walk asked for more"
        );
    }
    requested
}

/// A 2xx body through the envelope check, the wire type and the endpoint's decoding.
fn decode<E: Endpoint>(body: &[u8]) -> Option<E::Output> {
    E::decode_text(200, &String::from_utf8_lossy(body)).ok()
}

/// Per-list invariants that hold after every page.
trait Inspect {
    fn inspect(&self) {}
}

impl Inspect for ConversationList {}

impl Inspect for MarkedList {
    fn inspect(&self) {
        let mut ids = HashSet::new();
        assert!(
            self.groups().iter().all(|g| ids.insert(g.id)),
            "a group reported twice"
        );
    }
}
