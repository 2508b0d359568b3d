//! `ConversationClient`, the package's one class. Every method returns a promise and does
//! all argument conversion inside it, so bad input rejects instead of throwing.

use super::convert::{self, input, output, string};
use super::errors;
use super::hooks::Hooks;
use super::transport::{CallOptions, Transport, UserSig};
use super::walk::{self, PageIterator};
use crate::config::{check_timeout, ClientConfig};
use crate::endpoints::contact_group::{self, CreateContactGroup, GetContactGroup};
use crate::endpoints::get_list::{self, GetList};
use crate::endpoints::mark_contact::{self, MarkContact};
use crate::endpoints::top::{self, Operation, Top};
use crate::endpoints::Endpoint;
use crate::error::ChatError;
use crate::retry::Idempotency;
use crate::types::{Conversation, GroupsOptions, ListOptions, MarkOperation, NewGroup};
use crate::walk::{ConversationList, MarkedList, Source};
use js_sys::{Function, Promise, Reflect, JSON};
use serde::Serialize;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortSignal;

/// A client for one app and administrator. Cheap to share; calls may run concurrently.
#[wasm_bindgen]
pub struct ConversationClient {
    // A bad configuration is reported by every call rather than thrown by the constructor.
    transport: Result<Rc<Transport>, ChatError>,
}

#[wasm_bindgen]
impl ConversationClient {
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue) -> Self {
        ConversationClient {
            transport: transport(options).map(Rc::new),
        }
    }

    /// Pins conversations (`top`, OperationType 1).
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn pin(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Conversation[]")] conversations: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.top(Operation::Pin, account, conversations, options)
    }

    /// Unpins conversations (`top`, OperationType 2).
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn unpin(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Conversation[]")] conversations: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.top(Operation::Unpin, account, conversations, options)
    }

    /// Sets and clears standard mark bits and custom marks (`mark_contact`), ≤ 100 at once.
    #[wasm_bindgen(unchecked_return_type = "Promise<ItemResult[]>")]
    pub fn mark(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MarkOperation[]")] operations: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(move |t| async move {
            let ops: Vec<MarkOperation> = input(operations, "operations")?;
            let body = mark_contact::request(&string(&account, "account")?, &ops)?;
            output(&call::<MarkContact>(&t, &body, &options).await?)
        })
    }

    /// Creates one conversation group with the given conversations (`create_contact_group`).
    #[wasm_bindgen(js_name = createGroup, unchecked_return_type = "Promise<CreatedGroup>")]
    pub fn create_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "NewGroup")] group: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(move |t| async move {
            let group: NewGroup = input(group, "group")?;
            let body = contact_group::create_request(&string(&account, "account")?, &group)?;
            output(&call::<CreateContactGroup>(&t, &body, &options).await?)
        })
    }

    /// One page of marked/grouped conversations and the groups (`get_contact_group`).
    #[wasm_bindgen(js_name = getGroups, unchecked_return_type = "Promise<GroupsPage>")]
    pub fn get_groups(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "GroupsOptions & CallOptions")]
        options: JsValue,
    ) -> Promise {
        self.run(move |t| async move {
            let opts: GroupsOptions = optional_input(&options, "options")?;
            let body = contact_group::get_request(&string(&account, "account")?, &opts)?;
            output(&call::<GetContactGroup>(&t, &body, &options).await?)
        })
    }

    /// One page of the account's conversation list, pinned first (`get_list`).
    #[wasm_bindgen(js_name = listConversations, unchecked_return_type = "Promise<ListPage>")]
    pub fn list_conversations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ListOptions & CallOptions")]
        options: JsValue,
    ) -> Promise {
        self.run(move |t| async move {
            let opts: ListOptions = optional_input(&options, "options")?;
            let body = get_list::request(&string(&account, "account")?, &opts)?;
            output(&call::<GetList>(&t, &body, &options).await?)
        })
    }

    /// Any REST command, e.g. `v4/recentcontact/delete`: sends `body` as JSON and returns
    /// the parsed response once its envelope says OK.
    #[wasm_bindgen(unchecked_return_type = "Promise<Record<string, unknown>>")]
    pub fn request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] command: JsValue,
        #[wasm_bindgen(unchecked_param_type = "object")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.run(move |t| async move {
            let command = string(&command, "command")?;
            check_command(&command)?;
            let json = JSON::stringify(&body)
                .ok()
                .and_then(|s| s.as_string())
                .filter(|_| body.is_object())
                .ok_or_else(|| {
                    ChatError::invalid_input("body must be a JSON-serialisable object")
                })?;
            // An unknown command may not be safe to repeat unless the caller says so.
            let idempotent = Reflect::get(&options, &"idempotent".into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            let idempotency = if idempotent {
                Idempotency::Idempotent
            } else {
                Idempotency::NotIdempotent
            };
            let call = call_options(&options, idempotency)?;
            Ok(t.send(&command, &json, &call).await?.body)
        })
    }

    /// Every conversation of the account (`get_list`, page after page), pinned first: an
    /// async iterator holding one page; `break` stops further requests.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterableIterator<ConversationItem>")]
    pub fn conversations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ConversationsOptions")] options: JsValue,
    ) -> PageIterator {
        PageIterator::new(
            self.pages(&account, &options, ConversationList::new),
            &options,
        )
    }

    /// Every marked or grouped conversation of the account (`get_contact_group`, page
    /// after page): an async iterator holding one page.
    #[wasm_bindgen(
        js_name = markedConversations,
        unchecked_return_type = "AsyncIterableIterator<MarkedConversation>"
    )]
    pub fn marked_conversations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "MarkedConversationsOptions")]
        options: JsValue,
    ) -> PageIterator {
        PageIterator::new(self.pages(&account, &options, MarkedList::new), &options)
    }

    /// All pages of `get_contact_group` at once: every marked or grouped conversation and
    /// every conversation group, each group once.
    #[wasm_bindgen(js_name = getAllGroups, unchecked_return_type = "Promise<AllGroups>")]
    pub fn get_all_groups(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "MarkedConversationsOptions")]
        options: JsValue,
    ) -> Promise {
        let pages = self.pages(&account, &options, MarkedList::new);
        future_to_promise(
            async move { walk::all_groups(pages).await.map_err(|e| errors::to_js(&e)) },
        )
    }

    /// A walk's source and sender; the first error (configuration, then options, then
    /// account) is reported by the walk's first call. Not exported (not `pub`).
    fn pages<S, O>(
        &self,
        account: &JsValue,
        options: &JsValue,
        source: fn(&str, O) -> Result<S, ChatError>,
    ) -> Result<walk::Pages<S>, ChatError>
    where
        S: Source + 'static,
        S::Item: Serialize,
        S::Endpoint: 'static,
        O: serde::de::DeserializeOwned + Default,
    {
        let transport = self.transport.clone()?;
        let opts: O = optional_input(options, "options")?;
        let source = source(&string(account, "account")?, opts)?;
        let call_with = options.clone();
        let send: walk::Sender<S::Endpoint> = Box::new(move |body| {
            let (transport, options) = (Rc::clone(&transport), call_with.clone());
            Box::pin(async move { call::<S::Endpoint>(&transport, &body, &options).await })
        });
        walk::Pages::new(source, send, options)
    }
}

impl ConversationClient {
    fn top(
        &self,
        op: Operation,
        account: JsValue,
        conversations: JsValue,
        options: JsValue,
    ) -> Promise {
        self.run(move |t| async move {
            let list: Vec<Conversation> = input(conversations, "conversations")?;
            let body = top::request(&string(&account, "account")?, op, &list)?;
            call::<Top>(&t, &body, &options).await?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// Runs `work` as a promise; any error, including a bad configuration, rejects it.
    /// Boxed, so that the promise machinery is compiled once rather than per method.
    fn run<F, Fut>(&self, work: F) -> Promise
    where
        F: FnOnce(Rc<Transport>) -> Fut + 'static,
        Fut: Future<Output = Result<JsValue, ChatError>> + 'static,
    {
        let work: Pin<Box<dyn Future<Output = Result<JsValue, ChatError>>>> = match &self.transport
        {
            Err(e) => Box::pin(std::future::ready(Err(e.clone()))),
            Ok(transport) => Box::pin(work(Rc::clone(transport))),
        };
        future_to_promise(async move { work.await.map_err(|e| errors::to_js(&e)) })
    }
}

/// Sends one endpoint's request and decodes its response.
async fn call<E: Endpoint>(
    transport: &Transport,
    body: &E::Request,
    options: &JsValue,
) -> Result<E::Output, ChatError>
where
    E::Request: Serialize,
{
    let json = serde_wasm_bindgen::to_value(body)
        .ok()
        .and_then(|v| JSON::stringify(&v).ok())
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            ChatError::invalid_input("request could not be encoded").for_command(E::COMMAND)
        })?;
    let call = call_options(options, E::IDEMPOTENCY)?;
    let sent = transport.send(E::COMMAND, &json, &call).await?;
    convert::response::<E::Response>(sent.body.clone())
        .and_then(E::decode)
        .map_err(|e| sent.fail(e, E::COMMAND))
}

/// Builds the transport from the constructor's options.
fn transport(options: JsValue) -> Result<Transport, ChatError> {
    if !options.is_object() {
        return Err(ChatError::invalid_input(
            "ConversationClient needs an options object",
        ));
    }
    let config: ClientConfig = input(options.clone(), "options")?;
    let sig = Reflect::get(&options, &"userSig".into()).unwrap_or(JsValue::UNDEFINED);
    let user_sig = if let Some(f) = sig.dyn_ref::<Function>() {
        UserSig::Callback(f.clone())
    } else if let Some(s) = sig.as_string() {
        UserSig::Fixed(s)
    } else {
        return Err(ChatError::invalid_input(
            "userSig must be a string or a function",
        ));
    };
    Transport::new(config, user_sig, Hooks::from_options(&options))
}

/// Reads an optional options object (undefined → defaults).
fn optional_input<T>(options: &JsValue, what: &str) -> Result<T, ChatError>
where
    T: serde::de::DeserializeOwned + Default,
{
    if options.is_undefined() || options.is_null() {
        return Ok(T::default());
    }
    input(options.clone(), what)
}

/// The per-call options: `signal` and `timeoutMs`.
fn call_options(options: &JsValue, idempotency: Idempotency) -> Result<CallOptions, ChatError> {
    let mut call = CallOptions {
        signal: None,
        timeout_ms: None,
        idempotency,
    };
    if !options.is_object() {
        return Ok(call);
    }
    let get = |key: &str| {
        Reflect::get(options, &key.into())
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    if let Some(value) = get("signal") {
        let signal = value
            .dyn_into::<AbortSignal>()
            .map_err(|_| ChatError::invalid_input("signal must be an AbortSignal"))?;
        call.signal = Some(signal);
    }
    if let Some(value) = get("timeoutMs") {
        let ms = value.as_f64().unwrap_or(f64::NAN);
        check_timeout(ms)?;
        call.timeout_ms = Some(ms);
    }
    Ok(call)
}

/// Keeps the raw escape hatch to service paths: `v4/<service>/<command>`.
fn check_command(command: &str) -> Result<(), ChatError> {
    let mut parts = command.split('/');
    let valid = parts.next() == Some("v4")
        && command.split('/').count() == 3
        && parts.all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        });
    if valid {
        Ok(())
    } else {
        Err(ChatError::invalid_input(format!(
            "command must look like \"v4/recentcontact/get_list\", not {command:?}"
        )))
    }
}
