//! `Walker`: one whole-list walk (the core's [`Walk`]) for the JS half, which sends each
//! request it hands out and gives back the response; the walk's state stays here.

use super::methods::{account_of, optional, GROUPS_OPTIONS, LIST_OPTIONS};
use super::thrown;
use crate::codec::{self, to_json};
use crate::endpoints::Endpoint;
use crate::error::ChatError;
use crate::json::Write;
use crate::walk::{ConversationList, MarkedList, Source, Walk};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

enum Kind {
    Conversations(Walk<ConversationList>),
    Marked(Walk<MarkedList>),
}

#[wasm_bindgen(skip_typescript)]
pub struct Walker {
    // Borrowed only inside one synchronous export.
    kind: RefCell<Kind>,
}

impl Walker {
    pub fn new(kind: &str, account: &str, options: &str) -> Result<Walker, ChatError> {
        let account = account_of(account)?;
        let kind = match kind {
            "conversations" => Kind::Conversations(Walk::new(ConversationList::new(
                &account,
                optional(options, LIST_OPTIONS)?,
            )?)),
            _ => Kind::Marked(Walk::new(MarkedList::new(
                &account,
                optional(options, GROUPS_OPTIONS)?,
            )?)),
        };
        Ok(Walker {
            kind: RefCell::new(kind),
        })
    }

    fn with<T>(&self, f: impl FnOnce(&mut Kind) -> Result<T, ChatError>) -> Result<T, JsValue> {
        let mut kind = self
            .kind
            .try_borrow_mut()
            .map_err(|_| thrown(ChatError::invalid_input("the walk is busy")))?;
        f(&mut kind).map_err(thrown)
    }
}

#[wasm_bindgen]
impl Walker {
    #[wasm_bindgen(getter)]
    pub fn command(&self) -> String {
        match self.kind.try_borrow().as_deref() {
            Ok(Kind::Conversations(_)) => command_of::<ConversationList>(),
            _ => command_of::<MarkedList>(),
        }
        .to_owned()
    }

    /// The next page's request body, or `undefined` once the walk is over.
    #[wasm_bindgen(js_name = nextRequest)]
    pub fn next_request(&self) -> Result<Option<String>, JsValue> {
        self.with(|kind| match kind {
            Kind::Conversations(walk) => next_request(walk),
            Kind::Marked(walk) => next_request(walk),
        })
    }

    /// Decodes the exchange answering the last request and returns the page's items as
    /// JSON. A failed exchange leaves the walk where it was, so the request may be retried.
    pub fn accept(&self, status: u16, text: &str, sig: &str) -> Result<String, JsValue> {
        self.with(|kind| {
            match kind {
                Kind::Conversations(walk) => accept(walk, status, text),
                Kind::Marked(walk) => accept(walk, status, text),
            }
            .map_err(|e| e.redacted(sig))
        })
    }

    /// The conversation groups seen so far, each once, as JSON (`[]` for conversations).
    pub fn groups(&self) -> Result<String, JsValue> {
        self.with(|kind| match kind {
            Kind::Marked(walk) => Ok(to_json(walk.source().groups())),
            Kind::Conversations(_) => Ok("[]".into()),
        })
    }
}

fn command_of<S: Source>() -> &'static str {
    S::Endpoint::COMMAND
}

fn next_request<S: Source>(walk: &mut Walk<S>) -> Result<Option<String>, ChatError>
where
    <S::Endpoint as Endpoint>::Request: Write,
{
    match walk.next_request()? {
        Some(request) => Ok(Some(to_json(&request))),
        None => Ok(None),
    }
}

fn accept<S: Source>(walk: &mut Walk<S>, status: u16, text: &str) -> Result<String, ChatError>
where
    S::Item: Write,
{
    let page = codec::decode::<S::Endpoint>(status, text)?;
    Ok(to_json(&walk.accept(page)?.items))
}
