//! `ConversationClient`, the package's one class. Every method reads its arguments, builds
//! its request with the core and returns a Promise at once ([`super::future`]): the call
//! owns what it needs (an `Rc` of the transport), so no borrow of the object spans an
//! await, and `free()` during a call lets it settle. Nothing throws: bad input and a bad
//! configuration (kept from the constructor) reject with a `ChatError`.

use super::convert::{self, input, output, string, Parsed};
use super::future::promise;
use super::hooks::Hooks;
use super::page_iterator::{self, FetchingWalk, PageIterator};
use super::transport::{CallOptions, Transport, UserSig};
use crate::config::ClientConfig;
use crate::endpoints::contact_group::{CreateContactGroup, GetContactGroup};
use crate::endpoints::del_contact_group::DelContactGroup;
use crate::endpoints::delete::DeleteConversation;
use crate::endpoints::get_list::GetList;
use crate::endpoints::mark_contact::MarkContact;
use crate::endpoints::top::{Pin, Unpin};
use crate::endpoints::update_contact_group::{RenameContactGroup, UpdateContactGroup};
use crate::endpoints::Endpoint;
use crate::error::ChatError;
use crate::response;
use crate::retry::Idempotency;
use crate::types::{CreatedGroup, GroupInfo, GroupsPage, ItemResult, ListPage, UpdatedGroup};
use crate::url::check_command;
use crate::walk::{ConversationList, ConversationSearch, MarkedList, PagedList};
use js_sys::{Function, Promise, Reflect, JSON};
use serde::Serialize;
use std::borrow::Cow;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A client for one app and administrator account, calling the Tencent Cloud Chat
/// conversation endpoints (`v4/recentcontact/*`). Cheap to share; calls may run concurrently.
///
/// Every method returns a Promise and never throws: a failure rejects with a `ChatError`
/// (branch on its `kind` and `code`). A bad configuration does not throw either: every call
/// of that client rejects with it.
///
/// @example
/// ```ts
/// const client = new ConversationClient({
///   sdkAppId: 1400000000,
///   identifier: "administrator",
///   userSig: () => getAdminSigFromBackend(),
///   region: "singapore",
/// });
/// await client.pin("alice", [{ type: "c2c", userId: "bob" }]);
/// ```
#[wasm_bindgen]
pub struct ConversationClient {
    transport: Result<Rc<Transport>, ChatError>,
}

#[wasm_bindgen]
impl ConversationClient {
    /// Creates a client from its options: the app (`sdkAppId`), the administrator account
    /// (`identifier`), its `userSig` (a string, or a function called for every request),
    /// and where to send (`region` or `endpoint`), plus timeouts, retries, the rate limit
    /// and hooks.
    ///
    /// Never throws: invalid options (a missing `userSig`, plain `http://` to a remote host,
    /// a bad `sdkAppId`, any option of the wrong type…) make every call of this client
    /// reject with `invalid_input`, naming the option.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue) -> Self {
        ConversationClient {
            transport: transport(options).map(Rc::new),
        }
    }

    /// Pins conversations to the top of `account`'s list (`top`, OperationType 1).
    ///
    /// Rejects with `invalid_input` for an empty account or list or a conversation without
    /// its id, and with the request's `ChatError` otherwise.
    ///
    /// @example
    /// ```ts
    /// await client.pin("alice", [{ type: "c2c", userId: "bob" }, { type: "group", groupId: "@TGS#1" }]);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn pin(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "readonly Conversation[]")] conversations: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.call::<Pin>(
            &account,
            input(conversations, "conversations", CONVERSATIONS),
            &options,
        )
    }

    /// Unpins conversations (`top`, OperationType 2). Errors as for `pin`.
    ///
    /// @example
    /// ```ts
    /// await client.unpin("alice", [{ type: "group", groupId: "@TGS#1" }]);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn unpin(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "readonly Conversation[]")] conversations: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.call::<Unpin>(
            &account,
            input(conversations, "conversations", CONVERSATIONS),
            &options,
        )
    }

    /// Sets and clears standard mark bits and custom marks (`mark_contact`), 1 to 100
    /// operations at once. Resolves to one result per conversation: items can fail while
    /// the call succeeds.
    ///
    /// Rejects with `invalid_input` for 0 or more than 100 operations, a bit outside 0–63,
    /// a bit both set and cleared, an operation with nothing to do, or a `customMark` over
    /// 256 UTF-8 bytes.
    ///
    /// @example
    /// ```ts
    /// const results = await client.mark("alice", [
    ///   { conversation: { type: "c2c", userId: "bob" }, set: [Mark.Favorite], customMark: "VIP" },
    /// ]);
    /// const failed = results.filter((r) => !r.ok);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Promise<ItemResult[]>")]
    pub fn mark(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "readonly MarkOperation[]")] operations: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.call::<MarkContact>(
            &account,
            input(operations, "operations", OPERATIONS),
            &options,
        )
    }

    /// Creates one conversation group with the given conversations
    /// (`create_contact_group`). Resolves to the new group and one result per conversation.
    ///
    /// Rejects with `invalid_input` for a name that is empty or over 32 UTF-8 bytes, and
    /// with `api` 51010 past 20 groups. Not idempotent: retried only after rate-limit
    /// rejections.
    ///
    /// @example
    /// ```ts
    /// const { group } = await client.createGroup("alice", { name: "Customers", conversations: [bob] });
    /// ```
    #[wasm_bindgen(js_name = createGroup, unchecked_return_type = "Promise<CreatedGroup>")]
    pub fn create_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "NewGroup")] group: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.call::<CreateContactGroup>(&account, input(group, "group", NEW_GROUP), &options)
    }

    /// One page of marked or grouped conversations and the conversation groups
    /// (`get_contact_group`). Pass the page's `nextStartIndex` as `startIndex` until
    /// `complete`, or use `markedConversations()` / `getAllGroups()`.
    ///
    /// Rejects with `invalid_input` for a `startIndex` that is not an integer from 0 to
    /// 2^53 − 1.
    ///
    /// @example
    /// ```ts
    /// const page = await client.getGroups("alice", { startIndex: 0 });
    /// ```
    #[wasm_bindgen(js_name = getGroups, unchecked_return_type = "Promise<GroupsPage>")]
    pub fn get_groups(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "GroupsOptions & CallOptions")]
        options: JsValue,
    ) -> Promise {
        self.call::<GetContactGroup>(&account, convert::options(&options), &options)
    }

    /// One page of the account's conversation list, pinned first (`get_list`). Pass the
    /// page's `cursor` back until `complete`, or use `conversations()`.
    ///
    /// Rejects with `invalid_input` for a cursor value that is not an integer from 0 to
    /// 2^53 − 1.
    ///
    /// @example
    /// ```ts
    /// let page = await client.listConversations("alice");
    /// while (!page.complete) page = await client.listConversations("alice", { cursor: page.cursor });
    /// ```
    #[wasm_bindgen(js_name = listConversations, unchecked_return_type = "Promise<ListPage>")]
    pub fn list_conversations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ListOptions & CallOptions")]
        options: JsValue,
    ) -> Promise {
        self.call::<GetList>(&account, convert::options(&options), &options)
    }

    /// Any REST command, e.g. `v4/recentcontact/delete`: sends `body` as JSON and resolves
    /// to the parsed response once its envelope says OK. Retried after unclear failures
    /// only with `{ idempotent: true }`.
    ///
    /// Rejects with `invalid_input` for a command that is not `v4/<service>/<command>` or a
    /// body that is not a JSON-serialisable object, and with the request's `ChatError`.
    ///
    /// @example
    /// ```ts
    /// const raw = await client.request("v4/recentcontact/get_list", { From_Account: "alice", TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 }, { idempotent: true });
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Promise<Record<string, unknown>>")]
    pub fn request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] command: JsValue,
        #[wasm_bindgen(unchecked_param_type = "object")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let prepared = self
            .transport()
            .and_then(|t| Ok((t, raw(&command, &body, &options)?)));
        // The command, when it is one, names every error (the configuration's too).
        let named = command.as_string().filter(|c| check_command(c).is_ok());
        send(prepared.map_err(|e| match &named {
            Some(command) => e.for_command(command),
            None => e,
        }))
    }

    /// Every conversation of the account (`get_list`, page after page), pinned first: an
    /// async iterator holding one page; `break` stops further requests. Its `next()`
    /// rejects with the walk's `ChatError` (bad input included), which ends the walk.
    ///
    /// @example
    /// ```ts
    /// for await (const item of client.conversations("alice", { onPage: ({ total }) => console.log(total) })) {
    ///   if (item.pinned) console.log(item.conversation);
    /// }
    /// ```
    #[wasm_bindgen(unchecked_return_type = "AsyncIterableIterator<ConversationItem>")]
    pub fn conversations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ConversationsOptions")] options: JsValue,
    ) -> PageIterator {
        let input = convert::options(&options);
        PageIterator::new(self.walk(&account, input, &options, ConversationList::new))
    }

    /// Every marked or grouped conversation of the account (`get_contact_group`, page
    /// after page): an async iterator holding one page. Errors as for `conversations()`.
    ///
    /// @example
    /// ```ts
    /// for await (const marked of client.markedConversations("alice")) console.log(marked.marks);
    /// ```
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
        let input = convert::options(&options);
        PageIterator::new(self.walk(&account, input, &options, MarkedList::new))
    }

    /// All pages of `get_contact_group` at once: every marked or grouped conversation and
    /// every conversation group, each group once. Rejects with the first page's error.
    ///
    /// @example
    /// ```ts
    /// const { conversations, groups } = await client.getAllGroups("alice");
    /// ```
    #[wasm_bindgen(js_name = getAllGroups, unchecked_return_type = "Promise<AllGroups>")]
    pub fn get_all_groups(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "MarkedConversationsOptions")]
        options: JsValue,
    ) -> Promise {
        let input = convert::options(&options);
        promise(page_iterator::all_groups(self.walk(
            &account,
            input,
            &options,
            MarkedList::new,
        )))
    }

    /// Renames a conversation group (`update_contact_group`, UpdateGroupType 1). Resolves to
    /// the group as the service reports it, `{ name, id }`.
    ///
    /// Rejects with `invalid_input` for a name or new name that is empty or over 32 UTF-8
    /// bytes, and with `api` for an unknown group (e.g. 51009). Not idempotent (a repeat
    /// finds the old name gone): retried only after rate-limit rejections.
    ///
    /// @example
    /// ```ts
    /// const group = await client.renameGroup("alice", { name: "Customers", newName: "Clients" });
    /// ```
    #[wasm_bindgen(js_name = renameGroup, unchecked_return_type = "Promise<GroupInfo>")]
    pub fn rename_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "GroupRename")] rename: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.call::<RenameContactGroup>(&account, input(rename, "rename", GROUP_RENAME), &options)
    }

    /// Adds conversations to and removes conversations from a conversation group in one
    /// request (`update_contact_group`, UpdateGroupType 2). Resolves to the group and one
    /// result per conversation: items can fail while the call succeeds.
    ///
    /// Rejects with `invalid_input` for a bad group name, nothing to add or remove, or a
    /// conversation both added and removed; with `api` for an unknown group.
    ///
    /// @example
    /// ```ts
    /// const { group, results } = await client.updateGroup("alice", { name: "Customers", add: [bob], remove: [team] });
    /// ```
    #[wasm_bindgen(js_name = updateGroup, unchecked_return_type = "Promise<UpdatedGroup>")]
    pub fn update_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "GroupUpdate")] update: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.call::<UpdateContactGroup>(&account, input(update, "update", GROUP_UPDATE), &options)
    }

    /// Deletes a conversation group by name (`del_contact_group`); its conversations stay.
    /// Resolves to the deleted group, `{ name, id }`.
    ///
    /// Rejects with `invalid_input` for a name that is empty or over 32 UTF-8 bytes, and
    /// with `api` 51009 for an unknown group. Not idempotent: retried only after rate-limit
    /// rejections.
    ///
    /// @example
    /// ```ts
    /// const deleted = await client.deleteGroup("alice", "Customers");
    /// ```
    #[wasm_bindgen(js_name = deleteGroup, unchecked_return_type = "Promise<GroupInfo>")]
    pub fn delete_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.call::<DelContactGroup>(&account, string(&name, "name"), &options)
    }

    /// The marks and groups of the given conversations (`search_contact_group`): those
    /// with any, in the order given, and the groups they are in, each once. Lists over 300
    /// are sent as several requests and merged; results are matched by conversation.
    ///
    /// Rejects with `invalid_input` for an empty list or a conversation without its id,
    /// and with the first failed request's `ChatError`.
    ///
    /// @example
    /// ```ts
    /// const { conversations, groups } = await client.findConversations("alice", [bob, team]);
    /// ```
    #[wasm_bindgen(js_name = findConversations, unchecked_return_type = "Promise<AllGroups>")]
    pub fn find_conversations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "readonly Conversation[]")] conversations: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let input = input(conversations, "conversations", CONVERSATIONS);
        promise(page_iterator::all_groups(self.walk(
            &account,
            input,
            &options,
            ConversationSearch::new,
        )))
    }

    /// Deletes one conversation from the account's list (`delete`). With
    /// `{ clearHistory: true }` the account's roaming messages of it are deleted too, which
    /// cannot be undone.
    ///
    /// Rejects with `invalid_input` for a conversation without its id.
    ///
    /// @example
    /// ```ts
    /// await client.deleteConversation("alice", { type: "c2c", userId: "bob" }, { clearHistory: true });
    /// ```
    #[wasm_bindgen(js_name = deleteConversation, unchecked_return_type = "Promise<void>")]
    pub fn delete_conversation(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Conversation")] conversation: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DeleteOptions & CallOptions")]
        options: JsValue,
    ) -> Promise {
        let input = input(conversation, "conversation", CONVERSATION)
            .and_then(|c| Ok((c, convert::options(&options)?)));
        self.call::<DeleteConversation>(&account, input, &options)
    }
}

impl ConversationClient {
    /// The transport, shared with the call, or the configuration's error.
    fn transport(&self) -> Result<Rc<Transport>, ChatError> {
        self.transport.clone()
    }

    /// A single-request method: the caller's input (read by the method), the account, and
    /// the endpoint's request, prepared now and sent by [`send`]. The configuration's error
    /// comes first, as every call reports it; then the input's, then the account's.
    fn call<E: Endpoint>(
        &self,
        account: &JsValue,
        input: Result<E::Input, ChatError>,
        options: &JsValue,
    ) -> Promise
    where
        E::Output: ToJs,
    {
        let prepared = self.transport().and_then(|transport| {
            let input = input?;
            let request = E::request(&string(account, "account")?, &input)?;
            let single = Single {
                command: Cow::Borrowed(E::COMMAND),
                body: convert::request_body(&request)?,
                call: CallOptions::read(options, E::IDEMPOTENCY)?,
                decode: |parsed| E::decode_body(parsed)?.to_js(),
            };
            Ok((transport, single))
        });
        send(prepared.map_err(|e| e.for_command(E::COMMAND)))
    }

    /// A walk of the list `list` makes from its input (read by the method); the first
    /// error (configuration, then input, then account) is reported by the walk's first call.
    fn walk<L, I>(
        &self,
        account: &JsValue,
        input: Result<I, ChatError>,
        options: &JsValue,
        list: fn(&str, I) -> Result<L, ChatError>,
    ) -> Result<FetchingWalk<L>, ChatError>
    where
        L: PagedList + 'static,
        L::Item: Serialize,
    {
        let transport = self.transport()?;
        let input = input?;
        let list = list(&string(account, "account")?, input)?;
        let call = CallOptions::read(options, Idempotency::Idempotent)?;
        if call.dry_run {
            return Err(ChatError::invalid_option(
                "dryRun",
                "`dryRun` is for single-request methods (a walk's requests depend on its answers)",
            ));
        }
        FetchingWalk::new(list, transport, call, options)
    }
}

/// A single-request call, prepared before anything is awaited: where it goes, its body, its
/// options, and how its answer becomes the result.
struct Single {
    command: Cow<'static, str>,
    body: JsValue,
    call: CallOptions,
    decode: fn(&Parsed) -> Result<JsValue, ChatError>,
}

/// Sends a prepared call (or rejects with why it could not be prepared). One copy of this
/// serves every single-request method.
fn send(prepared: Result<(Rc<Transport>, Single), ChatError>) -> Promise {
    promise(async move {
        let (transport, single) = prepared?;
        if single.call.dry_run {
            return prepared_request(&single);
        }
        transport
            .call(&single.command, &single.body, &single.call, single.decode)
            .await
    })
}

/// A dry run's result, `{ command, body }`: what would be sent, but for the URL's UserSig
/// and `random`, which are drawn per attempt.
fn prepared_request(single: &Single) -> Result<JsValue, ChatError> {
    let body = single
        .body
        .as_string()
        .and_then(|text| JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL);
    let out = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| Reflect::set(&out, &key.into(), value);
    set("command", &JsValue::from_str(&single.command))
        .and_then(|_| set("body", &body))
        .map_err(|_| ChatError::invalid_input("the request could not be encoded"))?;
    Ok(out.into())
}

/// `request()`'s call: a checked command and the caller's body as JSON text.
fn raw(command: &JsValue, body: &JsValue, options: &JsValue) -> Result<Single, ChatError> {
    let command = string(command, "command")?;
    check_command(&command)?;
    let text = Some(body)
        .filter(|b| b.is_object())
        .and_then(|b| JSON::stringify(b).ok())
        .ok_or_else(|| ChatError::invalid_input("body must be a JSON-serialisable object"))?;
    // An unknown command may not be safe to repeat unless the caller says so.
    let idempotency = if convert::flag(options, "idempotent")? == Some(true) {
        Idempotency::Idempotent
    } else {
        Idempotency::NotIdempotent
    };
    Ok(Single {
        command: Cow::Owned(command),
        body: text.into(),
        call: CallOptions::read(options, idempotency)?,
        decode: |parsed| response::check(parsed).map(|()| parsed.0.clone()),
    })
}

/// How an endpoint's result reaches JS: `undefined` for none, else the JSON-compatible
/// value tsify declares.
trait ToJs {
    fn to_js(&self) -> Result<JsValue, ChatError>;
}

impl ToJs for () {
    fn to_js(&self) -> Result<JsValue, ChatError> {
        Ok(JsValue::UNDEFINED)
    }
}

macro_rules! to_js_by_serde {
    ($($t:ty),*) => {$(
        impl ToJs for $t {
            fn to_js(&self) -> Result<JsValue, ChatError> {
                output(self)
            }
        }
    )*};
}

to_js_by_serde!(
    Vec<ItemResult>,
    CreatedGroup,
    GroupsPage,
    ListPage,
    GroupInfo,
    UpdatedGroup
);

/// Builds the transport from the constructor's options.
fn transport(options: JsValue) -> Result<Transport, ChatError> {
    if !convert::check_options(&options)? {
        return Err(ChatError::invalid_input(
            "ConversationClient needs an options object",
        ));
    }
    crate::options::check_required(|key| !convert::given(&options, key).is_undefined())?;
    let config: ClientConfig = convert::given_options(&options)?;
    // Checked before the UserSig, so a bad configuration is what every call reports.
    let base_url = config.base_url()?;
    let hooks = Hooks::from_options(&options)?;
    let sig = convert::get(&options, "userSig");
    let user_sig = if let Some(f) = sig.dyn_ref::<Function>() {
        UserSig::Callback(f.clone())
    } else if let Some(s) = sig.as_string() {
        if s.is_empty() {
            return Err(ChatError::invalid_option(
                "userSig",
                "`userSig` must not be empty",
            ));
        }
        UserSig::Fixed(s)
    } else {
        return Err(ChatError::invalid_option(
            "userSig",
            "`userSig` must be a string or a function",
        ));
    };
    Ok(Transport::new(config, base_url, user_sig, hooks))
}

// The shapes input errors name, as the TypeScript types declare them.
const CONVERSATIONS: &str = r#"an array of conversations, each { type: "c2c", userId: string } or { type: "group", groupId: string }"#;
const OPERATIONS: &str = "an array of { conversation, set?: number[], clear?: number[], customMark?: string } (bits 0 to 63)";
const CONVERSATION: &str =
    r#"a conversation, { type: "c2c", userId: string } or { type: "group", groupId: string }"#;
const GROUP_RENAME: &str = "{ name: string, newName: string }";
const GROUP_UPDATE: &str = "{ name: string, add?: Conversation[], remove?: Conversation[] }";
const NEW_GROUP: &str = "{ name: string, conversations: Conversation[] }";
