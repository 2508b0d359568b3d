//! Whole-list walks for JS: `conversations()` and `markedConversations()` return a
//! [`PageIterator`] (an async iterator; the entry files add `[Symbol.asyncIterator]`), and
//! `getAllGroups()` and `findConversations()` drive the same kind of walk to the end. The
//! walk logic is the core's ([`crate::walk`]); a [`FetchingWalk`] sends its requests,
//! converts the items and calls `onPage`.
//!
//! Calls on one iterator run one after another (like an async generator's), and the state
//! is taken out of its cell while a page is fetched, so no borrow spans an await.

use super::convert::{self, output, request_body};
use super::future::promise;
use super::timers::check_aborted;
use super::transport::{CallOptions, Transport};
use crate::endpoints::Endpoint;
use crate::error::ChatError;
use crate::walk::{PagedList, Walk};
use js_sys::{Array, Function, Object, Promise, Reflect};
use serde::Serialize;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

/// A walk with its transport, its per-request options and its `onPage`: it fetches its
/// own pages.
pub struct FetchingWalk<L: PagedList> {
    walk: Walk<L>,
    transport: Rc<Transport>,
    call: CallOptions,
    on_page: Option<Function>,
}

impl<L: PagedList> FetchingWalk<L>
where
    L::Item: Serialize,
{
    /// `options` is the caller's options object (read for `onPage`).
    pub fn new(
        list: L,
        transport: Rc<Transport>,
        call: CallOptions,
        options: &JsValue,
    ) -> Result<Self, ChatError> {
        Ok(FetchingWalk {
            walk: Walk::new(list),
            transport,
            call,
            on_page: convert::function(options, "onPage")?,
        })
    }

    /// Fetches the next page, reports it to `onPage` and returns its items; `None` once
    /// the walk is over. Any error ends the walk.
    async fn next_page(&mut self) -> Result<Option<Array>, ChatError> {
        let command = L::Endpoint::COMMAND;
        let Some(request) = self.walk.next_request()? else {
            return Ok(None);
        };
        let body = request_body(&request).map_err(|e| self.walk.fail(e.for_command(command)))?;
        let sent = self
            .transport
            .call(command, &body, &self.call, L::Endpoint::decode_body);
        let page = match sent.await {
            Ok(page) => self.walk.accept(page)?,
            Err(e) => return Err(self.walk.fail(e)),
        };
        let items = match output(&page.items) {
            Ok(items) => Array::from(&items),
            Err(e) => return Err(self.walk.fail(e.for_command(command))),
        };
        if let Some(on_page) = &self.on_page {
            let report = Object::new();
            let _ = Reflect::set(&report, &"page".into(), &page.number.into());
            let _ = Reflect::set(&report, &"items".into(), &items);
            let _ = Reflect::set(&report, &"total".into(), &(page.total as f64).into());
            // Observes only: what it throws does not break the walk.
            let _ = on_page.call1(&JsValue::UNDEFINED, &report);
        }
        Ok(Some(items))
    }
}

/// A [`FetchingWalk`] whose list type is erased, so one iterator class serves every
/// endpoint.
type Fetched = (Box<dyn DynWalk>, Result<Option<Array>, ChatError>);

trait DynWalk {
    /// Fetches the next page; gives the walk back with the outcome.
    fn fetch(self: Box<Self>) -> Pin<Box<dyn Future<Output = Fetched>>>;

    /// The conversation groups seen so far, for JS.
    fn groups(&self) -> Result<JsValue, ChatError>;
}

impl<L: PagedList + 'static> DynWalk for FetchingWalk<L>
where
    L::Item: Serialize,
{
    fn fetch(mut self: Box<Self>) -> Pin<Box<dyn Future<Output = Fetched>>> {
        Box::pin(async move {
            let outcome = self.next_page().await;
            (self as Box<dyn DynWalk>, outcome)
        })
    }

    fn groups(&self) -> Result<JsValue, ChatError> {
        output(self.walk.list().groups())
    }
}

enum State {
    /// The input was bad: the first `next()` rejects with this.
    Failed(ChatError),
    Walking {
        /// The current page's items, and the index of the next one to yield.
        page: Array,
        next: u32,
        walk: Box<dyn DynWalk>,
    },
    Done,
}

struct Inner {
    // Taken out while in use; only ever `replace`d, never borrowed.
    state: Cell<State>,
    signal: Option<AbortSignal>,
    /// The endpoint walked, for errors raised here.
    command: &'static str,
    // The last call's promise: each call starts once the previous one settled.
    tail: Cell<Option<Promise>>,
    /// Calls queued and not yet settled.
    pending: Cell<u32>,
}

/// The async iterator `conversations()` and `markedConversations()` return: one page in
/// memory, the next requested only when its first item is asked for.
#[wasm_bindgen(skip_typescript)]
pub struct PageIterator {
    inner: Rc<Inner>,
}

impl PageIterator {
    /// An iterator over a walk's items; a walk that could not start (bad input, a bad
    /// configuration) rejects its first `next()` with why.
    pub fn new<L: PagedList + 'static>(walk: Result<FetchingWalk<L>, ChatError>) -> Self
    where
        L::Item: Serialize,
    {
        // The walk's own requests watch the signal too; held here for the items in hand.
        let (state, signal) = match walk {
            Ok(walk) => {
                let signal = walk.call.signal.clone();
                let walk = Box::new(walk);
                let page = Array::new();
                (
                    State::Walking {
                        page,
                        next: 0,
                        walk,
                    },
                    signal,
                )
            }
            Err(e) => (State::Failed(e.for_command(L::Endpoint::COMMAND)), None),
        };
        PageIterator {
            inner: Rc::new(Inner {
                state: Cell::new(state),
                signal,
                command: L::Endpoint::COMMAND,
                tail: Cell::new(None),
                pending: Cell::new(0),
            }),
        }
    }

    /// Runs `op` after every earlier call on this iterator has settled.
    fn queue<F, Fut>(&self, op: F) -> Promise
    where
        F: FnOnce(Rc<Inner>) -> Fut + 'static,
        Fut: Future<Output = Result<JsValue, ChatError>> + 'static,
    {
        let inner = Rc::clone(&self.inner);
        let previous = self.inner.tail.take();
        inner.pending.set(inner.pending.get() + 1);
        let promise = promise(async move {
            if let Some(previous) = previous {
                // Its outcome went to its own caller.
                let _ = JsFuture::from(previous).await;
            }
            let outcome = op(Rc::clone(&inner)).await;
            inner.pending.set(inner.pending.get().saturating_sub(1));
            outcome
        });
        self.inner.tail.set(Some(promise.clone()));
        promise
    }
}

#[wasm_bindgen]
impl PageIterator {
    /// The next item: `{ value, done: false }`, or `{ value: undefined, done: true }` after
    /// the last. Rejects with the walk's error (then the walk is over), and with `aborted`
    /// once the signal fired.
    pub fn next(&self) -> Promise {
        // An item already held, with nothing queued before it: no task to schedule.
        if let Some(item) = self.inner.buffered() {
            return Promise::resolve(&iterator_result(item, false));
        }
        self.queue(|inner| async move { inner.next().await })
    }

    /// Ends the walk (what `break` in `for await` calls): no further request.
    #[wasm_bindgen(js_name = "return")]
    pub fn finish(&self, value: JsValue) -> Promise {
        self.queue(|inner| async move {
            inner.state.replace(State::Done);
            Ok(iterator_result(value, true))
        })
    }
}

impl Inner {
    /// The next held item, taken, if no call is queued and the signal has not fired.
    fn buffered(&self) -> Option<JsValue> {
        if self.pending.get() > 0 || self.signal.as_ref().is_some_and(AbortSignal::aborted) {
            return None;
        }
        match self.state.replace(State::Done) {
            State::Walking { page, next, walk } if next < page.length() => {
                let item = page.get(next);
                let next = next + 1;
                self.state.replace(State::Walking { page, next, walk });
                Some(item)
            }
            state => {
                self.state.replace(state);
                None
            }
        }
    }

    async fn next(&self) -> Result<JsValue, ChatError> {
        loop {
            let (page, next, walk) = match self.state.replace(State::Done) {
                State::Done => return Ok(iterator_result(JsValue::UNDEFINED, true)),
                State::Failed(e) => return Err(e),
                State::Walking { page, next, walk } => (page, next, walk),
            };
            // Also with items held: an abort ends the walk at once.
            check_aborted(self.signal.as_ref()).map_err(|e| e.for_command(self.command))?;
            if next < page.length() {
                let item = page.get(next);
                self.state.replace(State::Walking {
                    page,
                    next: next + 1,
                    walk,
                });
                return Ok(iterator_result(item, false));
            }
            // The state is Done while the page is on its way; an error leaves it so.
            let (walk, fetched) = walk.fetch().await;
            match fetched? {
                None => return Ok(iterator_result(JsValue::UNDEFINED, true)),
                Some(page) => self.state.replace(State::Walking {
                    page,
                    next: 0,
                    walk,
                }),
            };
        }
    }
}

fn iterator_result(value: JsValue, done: bool) -> JsValue {
    let result = Object::new();
    let _ = Reflect::set(&result, &"value".into(), &value);
    let _ = Reflect::set(&result, &"done".into(), &done.into());
    result.into()
}

/// `getAllGroups` and `findConversations`: walks every page (or request), then returns
/// `{ conversations, groups }` with each group once. Through the same `DynWalk` as the
/// iterators, so that fetching a page is not compiled again.
pub async fn all_groups<L: PagedList + 'static>(
    walk: Result<FetchingWalk<L>, ChatError>,
) -> Result<JsValue, ChatError>
where
    L::Item: Serialize,
{
    match walk {
        Ok(walk) => walk_to_end(Box::new(walk)).await,
        Err(e) => Err(e.for_command(L::Endpoint::COMMAND)),
    }
}

async fn walk_to_end(mut walk: Box<dyn DynWalk>) -> Result<JsValue, ChatError> {
    let conversations = Array::new();
    loop {
        let (next, fetched) = walk.fetch().await;
        walk = next;
        let Some(items) = fetched? else { break };
        for item in items.iter() {
            conversations.push(&item);
        }
    }
    let result = Object::new();
    let _ = Reflect::set(&result, &"conversations".into(), &conversations);
    let _ = Reflect::set(&result, &"groups".into(), &walk.groups()?);
    Ok(result.into())
}
