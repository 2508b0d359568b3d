//! `ConversationClient`, the package's one class. Every method is an `async fn` that reads
//! its arguments inside its body, so bad input rejects (with a `ChatError`) instead of
//! throwing; a bad configuration is kept and rejects every call the same way.

use super::convert::{self, input, output, string, Parsed};
use super::errors;
use super::hooks::Hooks;
use super::transport::{self, CallOptions, Transport, UserSig};
use super::walker::{self, PageIterator, Pages};
use crate::codec;
use crate::config::ClientConfig;
use crate::endpoints::contact_group::{self, CreateContactGroup, GetContactGroup};
use crate::endpoints::get_list::{self, GetList};
use crate::endpoints::mark_contact::{self, MarkContact};
use crate::endpoints::top::{self, Operation, Top};
use crate::endpoints::Endpoint;
use crate::error::ChatError;
use crate::request::check_command;
use crate::retry::Idempotency;
use crate::types::{Conversation, GroupsOptions, ListOptions, MarkOperation, NewGroup};
use crate::walk::{ConversationList, MarkedList, Source};
use js_sys::{Function, JSON};
use serde::Serialize;
use std::borrow::Cow;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A client for one app and administrator. Cheap to share; calls may run concurrently.
#[wasm_bindgen]
pub struct ConversationClient {
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
    pub async fn pin(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Conversation[]")] conversations: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Result<(), JsValue> {
        let call = self.top(Operation::Pin, &account, conversations, &options);
        self.send(call).await.map(drop)
    }

    /// Unpins conversations (`top`, OperationType 2).
    pub async fn unpin(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Conversation[]")] conversations: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Result<(), JsValue> {
        let call = self.top(Operation::Unpin, &account, conversations, &options);
        self.send(call).await.map(drop)
    }

    /// Sets and clears standard mark bits and custom marks (`mark_contact`), ≤ 100 at once.
    #[wasm_bindgen(unchecked_return_type = "ItemResult[]")]
    pub async fn mark(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MarkOperation[]")] operations: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let call = (|| {
            let ops: Vec<MarkOperation> = input(operations, "operations", OPERATIONS)?;
            let body = mark_contact::request(&string(&account, "account")?, &ops)?;
            Single::new::<MarkContact>(&body, &options)
        })();
        self.send(call).await
    }

    /// Creates one conversation group with the given conversations (`create_contact_group`).
    #[wasm_bindgen(js_name = createGroup, unchecked_return_type = "CreatedGroup")]
    pub async fn create_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "NewGroup")] group: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let call = (|| {
            let group: NewGroup = input(group, "group", NEW_GROUP)?;
            let body = contact_group::create_request(&string(&account, "account")?, &group)?;
            Single::new::<CreateContactGroup>(&body, &options)
        })();
        self.send(call).await
    }

    /// One page of marked/grouped conversations and the groups (`get_contact_group`).
    #[wasm_bindgen(js_name = getGroups, unchecked_return_type = "GroupsPage")]
    pub async fn get_groups(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "GroupsOptions & CallOptions")]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let call = (|| {
            let opts: GroupsOptions = convert::options(&options, GROUPS_OPTIONS)?;
            let body = contact_group::get_request(&string(&account, "account")?, &opts)?;
            Single::new::<GetContactGroup>(&body, &options)
        })();
        self.send(call).await
    }

    /// One page of the account's conversation list, pinned first (`get_list`).
    #[wasm_bindgen(js_name = listConversations, unchecked_return_type = "ListPage")]
    pub async fn list_conversations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ListOptions & CallOptions")]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let call = (|| {
            let opts: ListOptions = convert::options(&options, LIST_OPTIONS)?;
            let body = get_list::request(&string(&account, "account")?, &opts)?;
            Single::new::<GetList>(&body, &options)
        })();
        self.send(call).await
    }

    /// Any REST command, e.g. `v4/recentcontact/delete`: sends `body` as JSON and returns
    /// the parsed response once its envelope says OK.
    #[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
    pub async fn request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] command: JsValue,
        #[wasm_bindgen(unchecked_param_type = "object")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let call = (|| {
            let command = string(&command, "command")?;
            check_command(&command)?;
            let text = Some(&body)
                .filter(|b| b.is_object())
                .and_then(|b| JSON::stringify(b).ok())
                .ok_or_else(|| {
                    ChatError::invalid_input("body must be a JSON-serialisable object")
                })?;
            // An unknown command may not be safe to repeat unless the caller says so.
            let idempotency = if convert::get(&options, "idempotent").as_bool() == Some(true) {
                Idempotency::Idempotent
            } else {
                Idempotency::NotIdempotent
            };
            Ok(Single {
                command: Cow::Owned(command),
                body: text.into(),
                call: CallOptions::read(&options, idempotency)?,
                decode: |status, parsed| codec::check(status, parsed).map(|()| parsed.0.clone()),
            })
        })();
        self.send(call).await
    }

    /// Every conversation of the account (`get_list`, page after page), pinned first: an
    /// async iterator holding one page; `break` stops further requests.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterableIterator<ConversationItem>")]
    pub fn conversations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ConversationsOptions")] options: JsValue,
    ) -> PageIterator {
        let pages = self.pages(&account, &options, LIST_OPTIONS, ConversationList::new);
        PageIterator::new(pages)
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
        let pages = self.pages(&account, &options, GROUPS_OPTIONS, MarkedList::new);
        PageIterator::new(pages)
    }

    /// All pages of `get_contact_group` at once: every marked or grouped conversation and
    /// every conversation group, each group once.
    #[wasm_bindgen(js_name = getAllGroups, unchecked_return_type = "AllGroups")]
    pub async fn get_all_groups(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "MarkedConversationsOptions")]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let pages = self.pages(&account, &options, GROUPS_OPTIONS, MarkedList::new);
        walker::all_groups(pages)
            .await
            .map_err(|e| errors::to_js(&e))
    }
}

impl ConversationClient {
    fn transport(&self) -> Result<&Rc<Transport>, ChatError> {
        self.transport.as_ref().map_err(Clone::clone)
    }

    fn top(
        &self,
        op: Operation,
        account: &JsValue,
        conversations: JsValue,
        options: &JsValue,
    ) -> Result<Single, ChatError> {
        let list: Vec<Conversation> = input(conversations, "conversations", CONVERSATIONS)?;
        let body = top::request(&string(account, "account")?, op, &list)?;
        Single::new::<Top>(&body, options)
    }

    /// Sends a prepared call (or rejects with why it could not be prepared). One copy of
    /// this serves every single-request method.
    async fn send(&self, call: Result<Single, ChatError>) -> Result<JsValue, JsValue> {
        let sent = async {
            // The configuration's error comes first, as every call reports it.
            let transport = self.transport()?;
            let call = call?;
            let decode = call.decode;
            let command = call.command.as_ref();
            transport
                .call(command, &call.body, &call.call, decode)
                .await
        };
        sent.await.map_err(|e| errors::to_js(&e))
    }

    /// A walk's pages; the first error (configuration, then options, then account) is
    /// reported by the walk's first call.
    fn pages<S, O>(
        &self,
        account: &JsValue,
        options: &JsValue,
        expected: &str,
        source: fn(&str, O) -> Result<S, ChatError>,
    ) -> Result<Pages<S>, ChatError>
    where
        S: Source + 'static,
        S::Item: Serialize,
        O: serde::de::DeserializeOwned + Default,
    {
        let transport = Rc::clone(self.transport()?);
        let opts: O = convert::options(options, expected)?;
        let source = source(&string(account, "account")?, opts)?;
        let call = CallOptions::read(options, Idempotency::Idempotent)?;
        Pages::new(source, transport, call, options)
    }
}

/// A single-request call, prepared before anything is awaited: where it goes, its body, its
/// options, and how its answer becomes the result.
struct Single {
    command: Cow<'static, str>,
    body: JsValue,
    call: CallOptions,
    decode: fn(u16, &Parsed) -> Result<JsValue, ChatError>,
}

impl Single {
    fn new<E: Endpoint>(request: &E::Request, options: &JsValue) -> Result<Single, ChatError>
    where
        E::Output: Serialize,
    {
        Ok(Single {
            command: Cow::Borrowed(E::COMMAND),
            body: request_body(request)?,
            call: CallOptions::read(options, E::IDEMPOTENCY)?,
            decode: |status, parsed| output(&codec::decode::<E>(status, parsed)?),
        })
    }
}

/// A request as JSON text: serde-wasm-bindgen's object, stringified by the runtime.
pub fn request_body<T: Serialize>(body: &T) -> Result<JsValue, ChatError> {
    // Built from the caller's checked input: a failure here is that input's.
    let failed = || ChatError::invalid_input("the request could not be encoded");
    let object = output(body).map_err(|_| failed())?;
    JSON::stringify(&object)
        .map(JsValue::from)
        .map_err(|_| failed())
}

/// Builds the transport from the constructor's options.
fn transport(options: JsValue) -> Result<Transport, ChatError> {
    if !options.is_object() {
        return Err(ChatError::invalid_input(
            "ConversationClient needs an options object",
        ));
    }
    let config: ClientConfig = input(options.clone(), "options", CONFIG)?;
    // As given too: the plain copy `input` reads has a NaN or Infinity as null (absent).
    transport::timeout_ms(&options)?;
    // Checked before the UserSig, so a bad configuration is what every call reports.
    let base_url = config.base_url()?;
    let sig = convert::get(&options, "userSig");
    let user_sig = if let Some(f) = sig.dyn_ref::<Function>() {
        UserSig::Callback(f.clone())
    } else if let Some(s) = sig.as_string() {
        if s.is_empty() {
            return Err(ChatError::invalid_input("userSig must not be empty"));
        }
        UserSig::Fixed(s)
    } else {
        return Err(ChatError::invalid_input(
            "userSig must be a string or a function",
        ));
    };
    Ok(Transport::new(
        config,
        base_url,
        user_sig,
        Hooks::from_options(&options),
    ))
}

// The shapes input errors name, as the TypeScript types declare them.
const CONFIG: &str = r#"{ sdkAppId: a 32-bit unsigned integer, identifier: string, region?: "china" | "singapore" | "seoul" | "tokyo" | "frankfurt" | "silicon-valley" | "jakarta", endpoint?: string, allowInsecureHttp?: boolean, timeoutMs?: number, maxRetries?: integer, maxRequestsPerSecond?: integer }"#;
const CONVERSATIONS: &str = r#"an array of conversations, each { type: "c2c", userId: string } or { type: "group", groupId: string }"#;
const OPERATIONS: &str = "an array of { conversation, set?: number[], clear?: number[], customMark?: string } (bits 0 to 63)";
const NEW_GROUP: &str = "{ name: string, conversations: Conversation[] }";
const GROUPS_OPTIONS: &str = "{ startIndex?: a non-negative integer }";
const LIST_OPTIONS: &str = "{ cursor?: { timeStamp, startIndex, topTimeStamp, topStartIndex: non-negative integers }, pinned?: boolean, includeEmpty?: boolean, paginatePinned?: boolean, assistFlags?: a 32-bit unsigned integer }";
