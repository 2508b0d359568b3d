//! Whole-list walks for JS: `conversations()` and `markedConversations()` return a
//! [`PageIterator`] (an async iterator; the entry files add `[Symbol.asyncIterator]`), and
//! `getAllGroups()` and `findConversations()` drive the same kind of walk to the end. The walk logic is the core's
//! ([`crate::walk`]); this layer sends the requests, converts the items and calls `onPage`.
//!
//! Calls on one iterator run one after another (like an async generator's), and the state
//! is taken out of its cell while a page is fetched, so no borrow spans an await.

use super::convert::{self, output, request_body};
use super::future::promise;
use super::timers::check_aborted;
use super::transport::{CallOptions, Transport};
use crate::endpoints::Endpoint;
use crate::error::ChatError;
use crate::walk::{Source, Walk};
use js_sys::{Array, Function, Object, Promise, Reflect};
use serde::Serialize;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

/// A walk with its transport, its per-request options and its `onPage`.
pub struct Pages<S: Source> {
    walk: Walk<S>,
    transport: Rc<Transport>,
    call: CallOptions,
    on_page: Option<Function>,
}

impl<S: Source> Pages<S>
where
    S::Item: Serialize,
{
    /// `options` is the caller's options object (read for `onPage`).
    pub fn new(
        source: S,
        transport: Rc<Transport>,
        call: CallOptions,
        options: &JsValue,
    ) -> Result<Self, ChatError> {
        Ok(Pages {
            walk: Walk::new(source),
            transport,
            call,
            on_page: convert::function(options, "onPage")?,
        })
    }

    /// Fetches the next page, reports it to `onPage` and returns its items; `None` once
    /// the walk is over. Any error ends the walk.
    async fn next_page(&mut self) -> Result<Option<Array>, ChatError> {
        let command = S::Endpoint::COMMAND;
        let Some(request) = self.walk.next_request()? else {
            return Ok(None);
        };
        let body = request_body(&request).map_err(|e| self.walk.fail(e.for_command(command)))?;
        let sent = self
            .transport
            .call(command, &body, &self.call, S::Endpoint::decode_body);
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

/// A walk whose item type is erased, so one iterator class serves every endpoint.
type Fetched = (Box<dyn Walker>, Result<Option<Array>, ChatError>);

trait Walker {
    /// Fetches the next page; gives the walker back with the outcome.
    fn fetch(self: Box<Self>) -> Pin<Box<dyn Future<Output = Fetched>>>;

    /// The conversation groups seen so far, for JS.
    fn groups(&self) -> Result<JsValue, ChatError>;
}

impl<S: Source + 'static> Walker for Pages<S>
where
    S::Item: Serialize,
{
    fn fetch(mut self: Box<Self>) -> Pin<Box<dyn Future<Output = Fetched>>> {
        Box::pin(async move {
            let outcome = self.next_page().await;
            (self as Box<dyn Walker>, outcome)
        })
    }

    fn groups(&self) -> Result<JsValue, ChatError> {
        output(self.walk.source().groups())
    }
}

enum State {
    /// The input was bad: the first `next()` rejects with this.
    Failed(ChatError),
    Walking {
        /// The current page's items, and the index of the next one to yield.
        page: Array,
        next: u32,
        walker: Box<dyn Walker>,
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
    pub fn new<S: Source + 'static>(pages: Result<Pages<S>, ChatError>) -> Self
    where
        S::Item: Serialize,
    {
        // The walk's own requests watch the signal too; held here for the items in hand.
        let (state, signal) = match pages {
            Ok(pages) => {
                let signal = pages.call.signal.clone();
                let walker = Box::new(pages);
                let page = Array::new();
                (
                    State::Walking {
                        page,
                        next: 0,
                        walker,
                    },
                    signal,
                )
            }
            Err(e) => (State::Failed(e.for_command(S::Endpoint::COMMAND)), None),
        };
        PageIterator {
            inner: Rc::new(Inner {
                state: Cell::new(state),
                signal,
                command: S::Endpoint::COMMAND,
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
            State::Walking { page, next, walker } if next < page.length() => {
                let item = page.get(next);
                let next = next + 1;
                self.state.replace(State::Walking { page, next, walker });
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
            let (page, next, walker) = match self.state.replace(State::Done) {
                State::Done => return Ok(iterator_result(JsValue::UNDEFINED, true)),
                State::Failed(e) => return Err(e),
                State::Walking { page, next, walker } => (page, next, walker),
            };
            // Also with items held: an abort ends the walk at once.
            check_aborted(self.signal.as_ref()).map_err(|e| e.for_command(self.command))?;
            if next < page.length() {
                let item = page.get(next);
                self.state.replace(State::Walking {
                    page,
                    next: next + 1,
                    walker,
                });
                return Ok(iterator_result(item, false));
            }
            // The state is Done while the page is on its way; an error leaves it so.
            let (walker, fetched) = walker.fetch().await;
            match fetched? {
                None => return Ok(iterator_result(JsValue::UNDEFINED, true)),
                Some(page) => self.state.replace(State::Walking {
                    page,
                    next: 0,
                    walker,
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
/// `{ conversations, groups }` with each group once. Through the same `Walker` as the
/// iterators, so that fetching a page is not compiled again.
pub async fn all_groups<S: Source + 'static>(
    pages: Result<Pages<S>, ChatError>,
) -> Result<JsValue, ChatError>
where
    S::Item: Serialize,
{
    match pages {
        Ok(pages) => walk_to_end(Box::new(pages)).await,
        Err(e) => Err(e.for_command(S::Endpoint::COMMAND)),
    }
}

async fn walk_to_end(mut walker: Box<dyn Walker>) -> Result<JsValue, ChatError> {
    let conversations = Array::new();
    loop {
        let (next, fetched) = walker.fetch().await;
        walker = next;
        let Some(items) = fetched? else { break };
        for item in items.iter() {
            conversations.push(&item);
        }
    }
    let result = Object::new();
    let _ = Reflect::set(&result, &"conversations".into(), &conversations);
    let _ = Reflect::set(&result, &"groups".into(), &walker.groups()?);
    Ok(result.into())
}
