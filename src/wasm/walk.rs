//! Whole-list walks for JS: `conversations()` and `markedConversations()` return a
//! [`PageIterator`] (an async iterator; the entry files add `[Symbol.asyncIterator]`), and
//! `getAllGroups()` drives the same walk to the end. The walk logic is the core's
//! ([`crate::walk`]); this layer sends the requests, converts the items and calls `onPage`.
//!
//! Calls on one iterator run one after another (like an async generator's), and the state
//! is taken out of its cell while a page is fetched, so no borrow spans an await.

use super::convert::output;
use super::errors;
use super::timers::check_aborted;
use crate::endpoints::Endpoint;
use crate::error::ChatError;
use crate::walk::{MarkedList, Source, Walk};
use js_sys::{Array, Function, Object, Promise, Reflect};
use serde::Serialize;
use std::cell::Cell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::AbortSignal;

#[wasm_bindgen(typescript_custom_section)]
const TS_WALK_TYPES: &str = r#"
/** What `onPage` receives after each page of a whole-list walk. */
export interface WalkPage<T> {
  /** 1 for the first page. */
  page: number;
  /** This page's items. */
  items: T[];
  /** Items so far, this page's included. */
  total: number;
}

/** Options of the whole-list walks besides the single-page call's; `timeoutMs` is per request. */
export interface WalkOptions<T> extends CallOptions {
  /** Called after each page is received, before its items are yielded; what it throws is ignored. */
  onPage?: (page: WalkPage<T>) => void;
}

/** Options of `conversations()`: those of `listConversations` (`cursor` is where to start). */
export type ConversationsOptions = ListOptions & WalkOptions<ConversationItem>;

/** Options of `markedConversations()` and `getAllGroups()`. */
export type MarkedConversationsOptions = GroupsOptions & WalkOptions<MarkedConversation>;
"#;

/// A page's request on its way: the client's `call` with the walk's options.
pub type Reply<E> = Pin<Box<dyn Future<Output = Result<<E as Endpoint>::Output, ChatError>>>>;
pub type Sender<E> = Box<dyn Fn(<E as Endpoint>::Request) -> Reply<E>>;

/// A walk with its way of sending and its `onPage`.
pub struct Pages<S: Source> {
    walk: Walk<S>,
    send: Sender<S::Endpoint>,
    on_page: Option<Function>,
}

impl<S: Source> Pages<S>
where
    S::Item: Serialize,
{
    /// `options` is the caller's options object (read for `onPage`).
    pub fn new(source: S, send: Sender<S::Endpoint>, options: &JsValue) -> Result<Self, ChatError> {
        let on_page = match Reflect::get(options, &"onPage".into()) {
            Ok(f) if f.is_undefined() || f.is_null() => None,
            Ok(f) => Some(
                f.dyn_into::<Function>()
                    .map_err(|_| ChatError::invalid_input("onPage must be a function"))?,
            ),
            Err(_) => None,
        };
        Ok(Pages {
            walk: Walk::new(source),
            send,
            on_page,
        })
    }

    /// Fetches the next page, reports it to `onPage` and returns its items; `None` once
    /// the walk is over. Any error ends the walk.
    async fn next_page(&mut self) -> Result<Option<Vec<JsValue>>, ChatError> {
        let Some(request) = self.walk.next_request()? else {
            return Ok(None);
        };
        let page = match (self.send)(request).await {
            Ok(page) => self.walk.accept(page)?,
            Err(e) => return Err(self.walk.fail(e)),
        };
        let items = match page.items.iter().map(output).collect::<Result<Vec<_>, _>>() {
            Ok(items) => items,
            Err(e) => return Err(self.walk.fail(e.for_command(S::Endpoint::COMMAND))),
        };
        if let Some(on_page) = &self.on_page {
            let report = Object::new();
            let array: Array = items.iter().collect();
            let _ = Reflect::set(&report, &"page".into(), &page.number.into());
            let _ = Reflect::set(&report, &"items".into(), &array);
            let _ = Reflect::set(&report, &"total".into(), &(page.total as f64).into());
            // Observes only: what it throws does not break the walk.
            let _ = on_page.call1(&JsValue::UNDEFINED, &report);
        }
        Ok(Some(items))
    }
}

/// A walk whose item type is erased, so one iterator class serves every endpoint.
type Fetched = (Box<dyn Walker>, Result<Option<Vec<JsValue>>, ChatError>);

trait Walker {
    /// Fetches the next page; gives the walker back with the outcome.
    fn fetch(self: Box<Self>) -> Pin<Box<dyn Future<Output = Fetched>>>;
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
}

enum State {
    /// The input was bad: the first `next()` rejects with this.
    Failed(ChatError),
    Walking {
        buffer: VecDeque<JsValue>,
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
}

/// The async iterator `conversations()` and `markedConversations()` return: one page in
/// memory, the next requested only when its first item is asked for.
#[wasm_bindgen(skip_typescript)]
pub struct PageIterator {
    inner: Rc<Inner>,
}

impl PageIterator {
    pub fn new<S: Source + 'static>(pages: Result<Pages<S>, ChatError>, options: &JsValue) -> Self
    where
        S::Item: Serialize,
    {
        let state = match pages {
            Ok(pages) => State::Walking {
                buffer: VecDeque::new(),
                walker: Box::new(pages),
            },
            Err(e) => State::Failed(e),
        };
        let signal = Reflect::get(options, &"signal".into())
            .ok()
            .and_then(|s| s.dyn_into::<AbortSignal>().ok());
        PageIterator {
            inner: Rc::new(Inner {
                state: Cell::new(state),
                signal,
                command: S::Endpoint::COMMAND,
                tail: Cell::new(None),
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
        let promise = future_to_promise(async move {
            if let Some(previous) = previous {
                // Its outcome went to its own caller.
                let _ = JsFuture::from(previous).await;
            }
            op(inner).await.map_err(|e| errors::to_js(&e))
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
    async fn next(&self) -> Result<JsValue, ChatError> {
        loop {
            let (mut buffer, walker) = match self.state.replace(State::Done) {
                State::Done => return Ok(iterator_result(JsValue::UNDEFINED, true)),
                State::Failed(e) => return Err(e),
                State::Walking { buffer, walker } => (buffer, walker),
            };
            // Also with items buffered: an abort ends the walk at once.
            check_aborted(self.signal.as_ref()).map_err(|e| e.for_command(self.command))?;
            if let Some(item) = buffer.pop_front() {
                self.state.replace(State::Walking { buffer, walker });
                return Ok(iterator_result(item, false));
            }
            // The state is Done while the page is on its way; an error leaves it so.
            let (walker, fetched) = walker.fetch().await;
            match fetched? {
                None => return Ok(iterator_result(JsValue::UNDEFINED, true)),
                Some(items) => self.state.replace(State::Walking {
                    buffer: items.into(),
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

/// `getAllGroups`: walks every page, then returns `{ conversations, groups }` with each
/// group once.
pub async fn all_groups(pages: Result<Pages<MarkedList>, ChatError>) -> Result<JsValue, ChatError> {
    let mut pages = pages?;
    let conversations = Array::new();
    while let Some(items) = pages.next_page().await? {
        for item in items {
            conversations.push(&item);
        }
    }
    let groups = output(&pages.walk.source().groups())?;
    let result = Object::new();
    let _ = Reflect::set(&result, &"conversations".into(), &conversations);
    let _ = Reflect::set(&result, &"groups".into(), &groups);
    Ok(result.into())
}
