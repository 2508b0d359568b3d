//! Walking a whole paged list — every page of `get_list` or of `get_contact_group`, or a
//! long `search_contact_group` lookup split into requests of 300 — as a plain state
//! machine: the request for the next page is derived from the previous page, and a service
//! that would keep the walk going forever (the same cursor again, or more pages than any
//! account can have) ends it with a `bad_response` error instead.
//!
//! The words: a [`PagedList`] is what is walked (its position and how a page moves it:
//! [`ConversationList`], [`MarkedList`], [`ConversationSearch`]); a [`Walk`] goes through
//! one to its end, page by page, within bounds; a [`Page`] is what each step yields. The
//! package's layer adds the sending (`FetchingWalk`) and the JS async iterator
//! (`PageIterator`).
//!
//! The transport is the caller's: ask [`Walk::next_request`], send it, hand the decoded
//! page to [`Walk::accept`], repeat until `next_request` returns `None`. Only one page is
//! held at a time; nothing is requested ahead.

use crate::endpoints::contact_group::GetContactGroup;
use crate::endpoints::get_list::GetList;
use crate::endpoints::search_contact_group::{SearchContactGroup, MAX_SEARCH_ITEMS};
use crate::endpoints::Endpoint;
use crate::error::ChatError;
use crate::types::{
    AllGroups, Conversation, ConversationItem, Cursor, GroupInfo, GroupsOptions, GroupsPage,
    ListOptions, ListPage, MarkedConversation,
};
use std::collections::BTreeSet;

/// More pages than this ends a walk as `bad_response`: at the service's page sizes (about
/// 100) it is millions of conversations, far past what one account can hold.
pub const MAX_PAGES: u32 = 100_000;

/// More distinct conversation groups than this ends a walk as `bad_response`: the service
/// allows 20 per user. (The bound keeps looking groups up in a list cheap.)
pub const MAX_GROUPS: usize = 1_000;

/// A list fetched page by page from one endpoint: its current position, the request for
/// it, and how a page moves it.
pub trait PagedList {
    /// The paged endpoint.
    type Endpoint: Endpoint;
    /// What a page holds, as the caller gets it.
    type Item;

    /// The request for the page at the current position.
    fn request(&self) -> Result<<Self::Endpoint as Endpoint>::Request, ChatError>;

    /// Moves past `page`. Returns its items and whether it was the last page; a page that
    /// does not move the walk forward is a `bad_response`.
    fn advance(
        &mut self,
        page: <Self::Endpoint as Endpoint>::Output,
    ) -> Result<(Vec<Self::Item>, bool), ChatError>;

    /// The conversation groups seen so far, each once (only `get_contact_group` has them).
    fn groups(&self) -> &[GroupInfo] {
        &[]
    }
}

/// One page of a walk, as `onPage` reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// 1 for the first page.
    pub number: u32,
    /// The page's items.
    pub items: Vec<T>,
    /// Items so far, this page's included.
    pub total: u64,
}

/// The walk over all pages of a [`PagedList`].
#[derive(Debug)]
pub struct Walk<L> {
    list: L,
    pages: u32,
    total: u64,
    done: bool,
    max_pages: u32,
}

impl<L: PagedList> Walk<L> {
    /// A walk from the list's starting position.
    pub fn new(list: L) -> Self {
        Walk {
            list,
            pages: 0,
            total: 0,
            done: false,
            max_pages: MAX_PAGES,
        }
    }

    /// Lowers the page bound (tests).
    pub fn with_max_pages(mut self, max_pages: u32) -> Self {
        self.max_pages = max_pages;
        self
    }

    /// The list walked, e.g. for the groups seen so far.
    pub fn list(&self) -> &L {
        &self.list
    }

    /// True once the last page was accepted, the walk failed or was stopped.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Ends the walk: no further request.
    pub fn stop(&mut self) {
        self.done = true;
    }

    /// Ends the walk with `error` (a failed request), and returns it.
    pub fn fail(&mut self, error: ChatError) -> ChatError {
        self.done = true;
        error
    }

    /// The request for the next page, or `None` once the walk is over.
    pub fn next_request(
        &mut self,
    ) -> Result<Option<<L::Endpoint as Endpoint>::Request>, ChatError> {
        if self.done {
            return Ok(None);
        }
        if self.pages >= self.max_pages {
            self.done = true;
            return Err(ChatError::bad_response(format!(
                "more than {} pages without CompleteFlag 1; the walk was stopped",
                self.max_pages
            ))
            .for_command(L::Endpoint::COMMAND));
        }
        match self.list.request() {
            Ok(request) => Ok(Some(request)),
            Err(e) => Err(self.fail(e.for_command(L::Endpoint::COMMAND))),
        }
    }

    /// Records the page answering the last request and returns it, numbered.
    pub fn accept(
        &mut self,
        page: <L::Endpoint as Endpoint>::Output,
    ) -> Result<Page<L::Item>, ChatError> {
        let (items, last) = match self.list.advance(page) {
            Ok(advanced) => advanced,
            Err(e) => return Err(self.fail(e.for_command(L::Endpoint::COMMAND))),
        };
        self.pages = self.pages.saturating_add(1);
        self.total = self.total.saturating_add(items.len() as u64);
        self.done = last;
        Ok(Page {
            number: self.pages,
            items,
            total: self.total,
        })
    }
}

/// All conversations of an account, through `get_list`.
#[derive(Debug, Clone)]
pub struct ConversationList {
    account: String,
    /// The options of every request; `cursor` is the current position.
    options: ListOptions,
    /// Brent's cycle detection over the cursors: a saved cursor, and the steps since it
    /// was saved and until the next save. Any cursor sequence that comes back to a cursor
    /// is caught within about twice its period plus its lead-in, in constant memory.
    saved: Cursor,
    steps: u32,
    power: u32,
}

impl ConversationList {
    /// Starts at `options.cursor` (the beginning when absent). Checks the input at once.
    pub fn new(account: &str, options: ListOptions) -> Result<Self, ChatError> {
        GetList::request(account, &options)?;
        Ok(ConversationList {
            account: account.to_owned(),
            saved: options.cursor.unwrap_or_default(),
            steps: 0,
            power: 1,
            options,
        })
    }
}

impl PagedList for ConversationList {
    type Endpoint = GetList;
    type Item = ConversationItem;

    fn request(&self) -> Result<crate::wire::GetListRequest, ChatError> {
        GetList::request(&self.account, &self.options)
    }

    fn advance(&mut self, page: ListPage) -> Result<(Vec<ConversationItem>, bool), ChatError> {
        if !page.complete {
            if page.cursor == self.saved || page.cursor == self.options.cursor.unwrap_or_default() {
                return Err(ChatError::bad_response(
                    "get_list answered CompleteFlag 0 with a cursor the walk already \
                     requested; the walk would never end",
                ));
            }
            self.steps += 1;
            if self.steps == self.power {
                (self.saved, self.steps, self.power) =
                    (page.cursor, 0, self.power.saturating_mul(2));
            }
            self.options.cursor = Some(page.cursor);
        }
        Ok((page.items, page.complete))
    }
}

/// All marked or grouped conversations of an account, through `get_contact_group`, and
/// the conversation groups (the service repeats them on every page; kept once each).
#[derive(Debug, Clone)]
pub struct MarkedList {
    account: String,
    start_index: u64,
    groups: Groups,
}

impl MarkedList {
    /// Starts at `options.startIndex` (0 when absent). Checks the input at once.
    pub fn new(account: &str, options: GroupsOptions) -> Result<Self, ChatError> {
        GetContactGroup::request(account, &options)?;
        Ok(MarkedList {
            account: account.to_owned(),
            start_index: options.start_index.unwrap_or(0),
            groups: Groups::default(),
        })
    }
}

impl PagedList for MarkedList {
    type Endpoint = GetContactGroup;
    type Item = MarkedConversation;

    /// Each id once, in order of first appearance (with the name of its latest appearance).
    fn groups(&self) -> &[GroupInfo] {
        &self.groups.0
    }

    fn request(&self) -> Result<crate::wire::GetContactGroupRequest, ChatError> {
        GetContactGroup::request(
            &self.account,
            &GroupsOptions {
                start_index: Some(self.start_index),
            },
        )
    }

    fn advance(&mut self, page: GroupsPage) -> Result<(Vec<MarkedConversation>, bool), ChatError> {
        if !page.complete {
            if page.next_start_index <= self.start_index {
                return Err(ChatError::bad_response(format!(
                    "get_contact_group answered CompleteFlag 0 with NextStartIndex {} after \
                     StartIndex {}; the walk would never end",
                    page.next_start_index, self.start_index
                )));
            }
            self.start_index = page.next_start_index;
        }
        self.groups.add(page.groups)?;
        Ok((page.conversations, page.complete))
    }
}

/// Conversation groups seen across pages or requests, each id once, in order of first
/// appearance with the name of its latest.
#[derive(Debug, Clone, Default)]
struct Groups(Vec<GroupInfo>);

impl Groups {
    fn add(&mut self, groups: Vec<GroupInfo>) -> Result<(), ChatError> {
        for group in groups {
            let full = self.0.len() >= MAX_GROUPS;
            match self.0.iter_mut().find(|known| known.id == group.id) {
                Some(known) => *known = group,
                None if !full => self.0.push(group),
                None => {
                    return Err(ChatError::bad_response(format!(
                        "the service sent more than {} conversation groups; it allows 20 \
                         per user",
                        MAX_GROUPS
                    )))
                }
            }
        }
        Ok(())
    }
}

/// The marks and groups of given conversations, through `search_contact_group`: the
/// conversations (each once) split into requests of at most 300, each answer matched to
/// its request by conversation, the groups kept once each.
#[derive(Debug, Clone)]
pub struct ConversationSearch {
    account: String,
    conversations: Vec<Conversation>,
    /// Where the next request's conversations start.
    next: usize,
    groups: Groups,
}

impl ConversationSearch {
    /// Checks every conversation at once; duplicates are asked for once.
    pub fn new(account: &str, conversations: Vec<Conversation>) -> Result<Self, ChatError> {
        let mut seen = BTreeSet::new();
        let mut unique = Vec::with_capacity(conversations.len());
        for c in conversations {
            if seen.insert(c.clone()) {
                unique.push(c);
            }
        }
        let search = ConversationSearch {
            account: account.to_owned(),
            conversations: unique,
            next: 0,
            groups: Groups::default(),
        };
        // Every request is built here once, so that bad input fails before any is sent.
        let mut at = 0;
        loop {
            SearchContactGroup::request(account, &search.chunk(at).to_vec())?;
            at += MAX_SEARCH_ITEMS;
            if at >= search.conversations.len() {
                return Ok(search);
            }
        }
    }

    /// The conversations of the request starting at `at`.
    fn chunk(&self, at: usize) -> &[Conversation] {
        let end = self
            .conversations
            .len()
            .min(at.saturating_add(MAX_SEARCH_ITEMS));
        self.conversations.get(at..end).unwrap_or_default()
    }
}

impl PagedList for ConversationSearch {
    type Endpoint = SearchContactGroup;
    type Item = MarkedConversation;

    fn groups(&self) -> &[GroupInfo] {
        &self.groups.0
    }

    fn request(&self) -> Result<crate::wire::SearchContactGroupRequest, ChatError> {
        SearchContactGroup::request(&self.account, &self.chunk(self.next).to_vec())
    }

    /// The found conversations in the order they were asked for; any the request did not
    /// ask for, or repeated, are left out.
    fn advance(&mut self, page: AllGroups) -> Result<(Vec<MarkedConversation>, bool), ChatError> {
        let mut found = page.conversations;
        let mut items = Vec::with_capacity(found.len());
        for wanted in self.chunk(self.next) {
            if let Some(at) = found.iter().position(|m| m.conversation == *wanted) {
                items.push(found.swap_remove(at));
            }
        }
        self.groups.add(page.groups)?;
        self.next = self.next.saturating_add(MAX_SEARCH_ITEMS);
        Ok((items, self.next >= self.conversations.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Conversation, Cursor};
    use crate::wire::{GetContactGroupRequest, GetListRequest};
    use crate::ErrorKind;

    /// Runs a walk against `server` as a transport would; also returns the requests sent.
    fn run<L: PagedList>(
        mut walk: Walk<L>,
        mut server: impl FnMut(&<L::Endpoint as Endpoint>::Request) -> <L::Endpoint as Endpoint>::Output,
    ) -> (Vec<Page<L::Item>>, usize, Result<(), ChatError>) {
        let mut pages = Vec::new();
        let mut sent = 0;
        loop {
            match walk.next_request() {
                Ok(None) => return (pages, sent, Ok(())),
                Ok(Some(request)) => {
                    sent += 1;
                    match walk.accept(server(&request)) {
                        Ok(page) => pages.push(page),
                        Err(e) => {
                            assert!(walk.is_done());
                            assert!(matches!(walk.next_request(), Ok(None)));
                            return (pages, sent, Err(e));
                        }
                    }
                }
                Err(e) => {
                    assert!(matches!(walk.next_request(), Ok(None)));
                    return (pages, sent, Err(e));
                }
            }
        }
    }

    #[test]
    fn a_cursor_cycle_ends_the_walk() {
        let walk = Walk::new(ConversationList::new("a", ListOptions::default()).unwrap());
        let (pages, sent, result) = run(walk, |req: &GetListRequest| ListPage {
            items: vec![item(req.start_index)],
            complete: false,
            cursor: Cursor {
                start_index: req.start_index % 2 + 1,
                ..Cursor::default()
            },
        });
        assert_eq!(result.unwrap_err().kind, ErrorKind::BadResponse);
        assert_eq!((pages.len(), sent), (2, 3));
    }

    fn item(n: u64) -> ConversationItem {
        ConversationItem {
            conversation: Conversation::c2c(format!("u{n}")),
            msg_time: 1000 - n,
            pinned: false,
            standard_mark: None,
            marks: None,
            custom_mark: None,
            group_ids: None,
        }
    }

    /// A get_list server of `count` items, `size` per page, cursor = (0, index of next).
    fn list_server(count: u64, size: u64) -> impl FnMut(&GetListRequest) -> ListPage {
        move |req| {
            let start = req.start_index;
            let end = (start + size).min(count);
            ListPage {
                items: (start..end).map(item).collect(),
                complete: end == count,
                cursor: Cursor {
                    time_stamp: 7,
                    start_index: end,
                    top_time_stamp: 0,
                    top_start_index: 0,
                },
            }
        }
    }

    #[test]
    fn list_walks_every_page_once_and_stops_after_the_last() {
        let walk = Walk::new(ConversationList::new("alice", ListOptions::default()).unwrap());
        let (pages, sent, end) = run(walk, list_server(250, 100));
        end.unwrap();
        assert_eq!(sent, 3);
        let numbers: Vec<_> = pages
            .iter()
            .map(|p| (p.number, p.items.len(), p.total))
            .collect();
        assert_eq!(numbers, vec![(1, 100, 100), (2, 100, 200), (3, 50, 250)]);
        let all: Vec<_> = pages.into_iter().flat_map(|p| p.items).collect();
        assert_eq!(all, (0..250).map(item).collect::<Vec<_>>());
    }

    #[test]
    fn list_requests_carry_the_previous_cursor_and_the_options() {
        let options = ListOptions {
            include_empty: Some(false),
            cursor: Some(Cursor {
                time_stamp: 9,
                start_index: 10,
                top_time_stamp: 0,
                top_start_index: 0,
            }),
            ..ListOptions::default()
        };
        let mut walk = Walk::new(ConversationList::new("a", options).unwrap());
        let first = walk.next_request().unwrap().unwrap();
        assert_eq!((first.time_stamp, first.start_index), (9, 10));
        assert_eq!(first.assist_flags, 61);
        walk.accept(list_server(30, 10)(&first)).unwrap();
        let second = walk.next_request().unwrap().unwrap();
        assert_eq!((second.time_stamp, second.start_index), (7, 20));
        assert_eq!(
            (second.assist_flags, second.from_account.as_str()),
            (61, "a")
        );
    }

    #[test]
    fn empty_pages_before_the_end_are_walked_through() {
        let walk = Walk::new(ConversationList::new("a", ListOptions::default()).unwrap());
        let mut calls = 0;
        let (pages, sent, end) = run(walk, |req| {
            calls += 1;
            ListPage {
                items: if calls == 3 { vec![item(1)] } else { vec![] },
                complete: calls == 3,
                cursor: Cursor {
                    start_index: req.start_index + 1,
                    ..Cursor::default()
                },
            }
        });
        end.unwrap();
        assert_eq!((sent, pages.len(), pages[2].total), (3, 3, 1));
    }

    #[test]
    fn list_same_cursor_again_is_a_bad_response_not_a_loop() {
        // The first request's cursor is all zeros; a server echoing it never moves.
        let walk = Walk::new(ConversationList::new("a", ListOptions::default()).unwrap());
        let (pages, sent, end) = run(walk, |req| ListPage {
            items: vec![item(1)],
            complete: false,
            cursor: Cursor {
                time_stamp: req.time_stamp,
                start_index: req.start_index,
                top_time_stamp: req.top_time_stamp,
                top_start_index: req.top_start_index,
            },
        });
        let e = end.unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadResponse);
        assert_eq!(e.command, "v4/recentcontact/get_list");
        assert!(e.info.contains("cursor"), "{}", e.info);
        assert_eq!((sent, pages.len()), (1, 0));

        // Moving first, then stuck: two pages, then the error.
        let walk = Walk::new(ConversationList::new("a", ListOptions::default()).unwrap());
        let (pages, sent, end) = run(walk, |_| ListPage {
            items: vec![item(1)],
            complete: false,
            cursor: Cursor {
                top_time_stamp: 5,
                top_start_index: 1,
                ..Cursor::default()
            },
        });
        assert_eq!(end.unwrap_err().kind, ErrorKind::BadResponse);
        assert_eq!((sent, pages.len()), (2, 1));
    }

    #[test]
    fn list_same_cursor_on_the_last_page_is_fine() {
        let walk = Walk::new(ConversationList::new("a", ListOptions::default()).unwrap());
        let (pages, sent, end) = run(walk, |_| ListPage {
            items: vec![],
            complete: true,
            cursor: Cursor::default(),
        });
        end.unwrap();
        assert_eq!((sent, pages.len()), (1, 1));
    }

    #[test]
    fn more_pages_than_the_bound_is_a_bad_response() {
        let walk = Walk::new(ConversationList::new("a", ListOptions::default()).unwrap())
            .with_max_pages(50);
        // Always a new cursor, never complete.
        let (pages, sent, end) = run(walk, list_server(u64::MAX, 1));
        let e = end.unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadResponse);
        assert!(e.info.contains("more than 50 pages"), "{}", e.info);
        assert_eq!((sent, pages.len()), (50, 50));
        const { assert!(MAX_PAGES >= 10_000) };
    }

    #[test]
    fn bad_input_fails_before_any_request() {
        let e = ConversationList::new("", ListOptions::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidInput);
        let e = MarkedList::new("", GroupsOptions::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidInput);
    }

    #[test]
    fn stop_ends_the_walk() {
        let mut walk = Walk::new(ConversationList::new("a", ListOptions::default()).unwrap());
        let first = walk.next_request().unwrap().unwrap();
        walk.accept(list_server(30, 10)(&first)).unwrap();
        walk.stop();
        assert!(walk.is_done());
        assert!(walk.next_request().unwrap().is_none());
        let mut walk = Walk::new(ConversationList::new("a", ListOptions::default()).unwrap());
        let e = walk.fail(ChatError::bad_response("x"));
        assert_eq!(e.info, "x");
        assert!(walk.next_request().unwrap().is_none());
    }

    fn marked(n: u64) -> MarkedConversation {
        MarkedConversation {
            conversation: Conversation::c2c(format!("u{n}")),
            standard_mark: "1".into(),
            marks: Some(vec![0]),
            custom_mark: None,
            group_ids: vec![],
            timestamp: n,
        }
    }

    fn group(id: u64, name: &str) -> GroupInfo {
        GroupInfo {
            name: name.into(),
            id,
        }
    }

    /// A get_contact_group server of `count` items, `size` per page, with two groups.
    fn groups_server(count: u64, size: u64) -> impl FnMut(&GetContactGroupRequest) -> GroupsPage {
        move |req| {
            let start = req.start_index;
            let end = (start + size).min(count);
            GroupsPage {
                conversations: (start..end).map(marked).collect(),
                groups: vec![group(1, "Customers"), group(2, "Team")],
                complete: end == count,
                next_start_index: if end == count { 0 } else { end },
            }
        }
    }

    #[test]
    fn marked_walks_every_page_and_keeps_each_group_once() {
        let walk = Walk::new(MarkedList::new("alice", GroupsOptions::default()).unwrap());
        let mut seen = Vec::new();
        let mut server = groups_server(25, 10);
        let (pages, sent, end) = run(walk, |req| {
            seen.push(req.start_index);
            server(req)
        });
        end.unwrap();
        assert_eq!((sent, seen), (3, vec![0, 10, 20]));
        let all: Vec<_> = pages.into_iter().flat_map(|p| p.items).collect();
        assert_eq!(all, (0..25).map(marked).collect::<Vec<_>>());

        let mut walk = Walk::new(MarkedList::new("alice", GroupsOptions::default()).unwrap());
        let mut server = groups_server(25, 10);
        let mut calls = 0;
        while let Some(req) = walk.next_request().unwrap() {
            calls += 1;
            let mut page = server(&req);
            if calls == 2 {
                page.groups.push(group(3, "New"));
            }
            if calls == 3 {
                page.groups[0].name = "Renamed".into();
            }
            walk.accept(page).unwrap();
        }
        assert_eq!(
            walk.list().groups(),
            [group(1, "Renamed"), group(2, "Team"), group(3, "New")]
        );
    }

    #[test]
    fn more_groups_than_the_service_allows_end_the_walk() {
        let walk = Walk::new(MarkedList::new("a", GroupsOptions::default()).unwrap());
        let mut next = 0;
        let (pages, sent, end) = run(walk, |req| {
            let groups = (next..next + 300).map(|id| group(id, "g")).collect();
            next += 300;
            GroupsPage {
                conversations: vec![marked(req.start_index)],
                groups,
                complete: false,
                next_start_index: req.start_index + 1,
            }
        });
        assert_eq!((pages.len(), sent), (3, 4));
        let e = end.unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadResponse);
        assert!(
            e.info.contains("more than 1000 conversation groups"),
            "{}",
            e.info
        );
    }

    #[test]
    fn marked_start_index_option_is_the_first_request() {
        let options = GroupsOptions {
            start_index: Some(20),
        };
        let walk = Walk::new(MarkedList::new("a", options).unwrap());
        let (pages, sent, end) = run(walk, groups_server(25, 10));
        end.unwrap();
        assert_eq!((sent, pages[0].items[0].timestamp), (1, 20));
    }

    #[test]
    fn marked_next_start_index_not_moving_is_a_bad_response() {
        for stuck in [0, 10] {
            let walk = Walk::new(MarkedList::new("a", GroupsOptions::default()).unwrap());
            let mut calls = 0;
            let (pages, sent, end) = run(walk, |req| {
                calls += 1;
                GroupsPage {
                    conversations: vec![marked(req.start_index)],
                    groups: vec![],
                    complete: false,
                    next_start_index: if calls == 1 { 10 } else { stuck },
                }
            });
            let e = end.unwrap_err();
            assert_eq!(e.kind, ErrorKind::BadResponse);
            assert_eq!(e.command, "v4/recentcontact/get_contact_group");
            assert!(e.info.contains("NextStartIndex"), "{}", e.info);
            assert_eq!((sent, pages.len()), (2, 1));
        }
    }

    /// A search_contact_group server that knows the even-numbered users and answers in
    /// reverse order, with an unasked-for conversation and the groups repeated.
    fn search_server(req: &crate::wire::SearchContactGroupRequest) -> AllGroups {
        let mut conversations: Vec<MarkedConversation> = req
            .contact_item
            .iter()
            .filter_map(|c| c.to_account.as_deref()?.strip_prefix('u')?.parse().ok())
            .filter(|n: &u64| n % 2 == 0)
            .map(marked)
            .collect();
        conversations.reverse();
        conversations.push(marked(999_999));
        AllGroups {
            conversations,
            groups: vec![group(1, "Customers"), group(2, "Team")],
        }
    }

    #[test]
    fn a_search_is_split_by_300_and_matched_by_conversation() {
        let mut asked: Vec<Conversation> = (0..700)
            .map(|n| Conversation::c2c(format!("u{n}")))
            .collect();
        asked.push(Conversation::c2c("u4")); // a repeat: asked for once
        let walk = Walk::new(ConversationSearch::new("alice", asked).unwrap());
        let mut sizes = Vec::new();
        let (pages, sent, end) = run(walk, |req| {
            sizes.push(req.contact_item.len());
            search_server(req)
        });
        end.unwrap();
        assert_eq!((sent, sizes), (3, vec![300, 300, 100]));
        let found: Vec<_> = pages.into_iter().flat_map(|p| p.items).collect();
        assert_eq!(
            found,
            (0..700)
                .filter(|n| n % 2 == 0)
                .map(marked)
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_search_keeps_each_group_once_and_checks_input_first() {
        let asked = vec![Conversation::c2c("u2")];
        let mut walk = Walk::new(ConversationSearch::new("alice", asked).unwrap());
        let request = walk.next_request().unwrap().unwrap();
        walk.accept(search_server(&request)).unwrap();
        assert!(walk.next_request().unwrap().is_none());
        assert_eq!(
            walk.list().groups(),
            &[group(1, "Customers"), group(2, "Team")]
        );
        assert!(ConversationSearch::new("alice", vec![]).is_err());
        assert!(ConversationSearch::new("", vec![Conversation::c2c("x")]).is_err());
        let mut late_bad: Vec<_> = (0..400)
            .map(|n| Conversation::c2c(format!("u{n}")))
            .collect();
        late_bad.push(Conversation::group(""));
        assert!(ConversationSearch::new("alice", late_bad).is_err());
    }
}
