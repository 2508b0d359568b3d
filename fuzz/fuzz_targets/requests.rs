//! Request validation: arbitrary JSON as the caller's values, read into the caller's types
//! by serde as the package reads what JS passes, then through the request builders and
//! serialised as the body sent. A builder must either refuse with `invalid_input` or
//! produce a body that keeps every documented limit; the config must never yield a URL
//! that plain-HTTPs a remote host or lets the identifier or UserSig escape their query
//! parameters.
//!
//! The input is one externally tagged case, e.g.
//! `{"mark":{"account":"a","operations":[{"conversation":{"type":"c2c","userId":"b"},"set":[1]}]}}`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tencent_chat_conversations::endpoints::contact_group::{
    CreateContactGroup, GetContactGroup, MAX_GROUP_NAME_BYTES,
};
use tencent_chat_conversations::endpoints::del_contact_group::DelContactGroup;
use tencent_chat_conversations::endpoints::delete::DeleteConversation;
use tencent_chat_conversations::endpoints::get_list::{self, GetList};
use tencent_chat_conversations::endpoints::mark_contact::{
    MarkContact, MAX_CUSTOM_MARK_BYTES, MAX_ITEMS,
};
use tencent_chat_conversations::endpoints::search_contact_group::{
    SearchContactGroup, MAX_SEARCH_ITEMS,
};
use tencent_chat_conversations::endpoints::top::{Pin, Unpin};
use tencent_chat_conversations::endpoints::update_contact_group::{
    RenameContactGroup, UpdateContactGroup,
};
use tencent_chat_conversations::endpoints::Endpoint;
use tencent_chat_conversations::redact::REDACTED;
use tencent_chat_conversations::url::{self, Caller};
use tencent_chat_conversations::types::{
    AllGroups, Conversation, DeleteOptions, GroupRename, GroupUpdate, GroupsOptions, ListOptions,
    MarkOperation, NewGroup,
};
use tencent_chat_conversations::walk::{ConversationSearch, Walk};
use tencent_chat_conversations::{ChatError, ClientConfig, ErrorKind};
use tencent_chat_conversations_fuzz::shown;

/// The case's envelope; the caller's values stay JSON until serde reads them into the
/// caller's types, one argument at a time as the package does.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
enum RawCase {
    Top {
        account: String,
        #[serde(default)]
        unpin: bool,
        conversations: Value,
    },
    Mark {
        account: String,
        operations: Value,
    },
    CreateGroup {
        account: String,
        group: Value,
    },
    GetGroups {
        account: String,
        #[serde(default)]
        options: Value,
    },
    List {
        account: String,
        #[serde(default)]
        options: Value,
    },
    RenameGroup {
        account: String,
        rename: Value,
    },
    UpdateGroup {
        account: String,
        update: Value,
    },
    DeleteGroup {
        account: String,
        name: Value,
    },
    Find {
        account: String,
        conversations: Value,
    },
    DeleteConversation {
        account: String,
        conversation: Value,
        #[serde(default)]
        options: Value,
    },
    Config(Value),
}

enum Case {
    Top {
        account: String,
        unpin: bool,
        conversations: Vec<Conversation>,
    },
    Mark {
        account: String,
        operations: Vec<MarkOperation>,
    },
    CreateGroup {
        account: String,
        group: NewGroup,
    },
    GetGroups {
        account: String,
        options: GroupsOptions,
    },
    List {
        account: String,
        options: ListOptions,
    },
    RenameGroup {
        account: String,
        rename: GroupRename,
    },
    UpdateGroup {
        account: String,
        update: GroupUpdate,
    },
    DeleteGroup {
        account: String,
        name: String,
    },
    Find {
        account: String,
        conversations: Vec<Conversation>,
    },
    DeleteConversation {
        account: String,
        input: (Conversation, DeleteOptions),
    },
    Config(ConfigCase),
}

/// A client configuration plus the per-request values that go into the URL.
struct ConfigCase {
    config: ClientConfig,
    user_sig: String,
    random: u32,
}

/// Reads a caller argument as the package's `convert::input` does; a wrong shape is
/// `invalid_input` there, before any builder runs, so the case ends here.
fn input<T: DeserializeOwned>(value: Value) -> Option<T> {
    serde_json::from_value(value).ok()
}

/// Reads an options argument as `convert::options` does: `null` means the defaults.
fn defaulted<T: DeserializeOwned + Default>(value: Value) -> Option<T> {
    if value.is_null() {
        return Some(T::default());
    }
    input(value)
}

fn case(raw: RawCase) -> Option<Case> {
    Some(match raw {
        RawCase::Top {
            account,
            unpin,
            conversations,
        } => Case::Top {
            account,
            unpin,
            conversations: input(conversations)?,
        },
        RawCase::Mark {
            account,
            operations,
        } => Case::Mark {
            account,
            operations: input(operations)?,
        },
        RawCase::CreateGroup { account, group } => Case::CreateGroup {
            account,
            group: input(group)?,
        },
        RawCase::GetGroups { account, options } => Case::GetGroups {
            account,
            options: defaulted(options)?,
        },
        RawCase::List { account, options } => Case::List {
            account,
            options: defaulted(options)?,
        },
        RawCase::RenameGroup { account, rename } => Case::RenameGroup {
            account,
            rename: input(rename)?,
        },
        RawCase::UpdateGroup { account, update } => Case::UpdateGroup {
            account,
            update: input(update)?,
        },
        RawCase::DeleteGroup { account, name } => Case::DeleteGroup {
            account,
            name: input(name)?,
        },
        RawCase::Find {
            account,
            conversations,
        } => Case::Find {
            account,
            conversations: input(conversations)?,
        },
        RawCase::DeleteConversation {
            account,
            conversation,
            options,
        } => Case::DeleteConversation {
            account,
            input: (input(conversation)?, defaulted(options)?),
        },
        RawCase::Config(value) => Case::Config(ConfigCase {
            user_sig: value
                .get("userSig")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            random: value
                .get("random")
                .and_then(Value::as_u64)
                .and_then(|r| u32::try_from(r).ok())
                .unwrap_or(0),
            // The package reads the whole options object as the config; the other keys
            // (`userSig`, hooks) are ignored by it.
            config: input(value)?,
        }),
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(case) = serde_json::from_slice::<RawCase>(data).ok().and_then(case) else {
        return; // the wasm layer rejects a wrong shape as invalid_input
    };
    match case {
        Case::Top {
            account,
            unpin,
            conversations,
        } => {
            let (built_body, op) = if unpin {
                (Unpin::request(&account, &conversations), 2)
            } else {
                (Pin::request(&account, &conversations), 1)
            };
            if let Some(body) = built(built_body) {
                assert!(!account.is_empty() && !conversations.is_empty());
                assert_eq!(body["From_Account"], account.as_str());
                assert_eq!(body["OperationType"], op);
                let items = array(&body["RecentContactItem"]);
                assert_eq!(items.len(), conversations.len());
                for (item, c) in items.iter().zip(&conversations) {
                    conversation(item, c, "GroupId");
                }
            }
        }
        Case::Mark {
            account,
            operations,
        } => {
            if let Some(body) = built(MarkContact::request(&account, &operations)) {
                assert!(!account.is_empty());
                let items = array(&body["MarkItem"]);
                assert!((1..=MAX_ITEMS).contains(&items.len()));
                assert_eq!(items.len(), operations.len());
                for (item, op) in items.iter().zip(&operations) {
                    mark_item(item, op);
                }
            }
        }
        Case::CreateGroup { account, group } => {
            if let Some(body) = built(CreateContactGroup::request(&account, &group)) {
                assert!(!account.is_empty());
                let groups = array(&body["GroupContactItem"]);
                assert_eq!(groups.len(), 1, "one group per call");
                let name = groups[0]["GroupName"].as_str().expect("GroupName");
                assert!((1..=MAX_GROUP_NAME_BYTES).contains(&name.len()));
                let items = array(&groups[0]["ContactItem"]);
                assert_eq!(items.len(), group.conversations.len());
                for (item, c) in items.iter().zip(&group.conversations) {
                    conversation(item, c, "ToGroupId");
                }
            }
        }
        Case::GetGroups { account, options } => {
            if let Some(body) = built(GetContactGroup::request(&account, &options)) {
                assert!(!account.is_empty());
                assert_eq!(body["StartIndex"], options.start_index.unwrap_or(0));
            }
        }
        Case::List { account, options } => {
            if let Some(body) = built(GetList::request(&account, &options)) {
                assert!(!account.is_empty());
                let cursor = options.cursor.unwrap_or_default();
                assert_eq!(body["TimeStamp"], cursor.time_stamp);
                assert_eq!(body["StartIndex"], cursor.start_index);
                assert_eq!(body["TopTimeStamp"], cursor.top_time_stamp);
                assert_eq!(body["TopStartIndex"], cursor.top_start_index);
                assert_eq!(body["AssistFlags"], get_list::assist_flags(&options));
            }
        }
        Case::RenameGroup { account, rename } => {
            if let Some(body) = built(RenameContactGroup::request(&account, &rename)) {
                assert!(!account.is_empty());
                assert_eq!(body["UpdateType"], 1);
                let update = &body["UpdateGroup"];
                assert_eq!(update["UpdateGroupType"], 1);
                assert_eq!(update["OldGroupName"], rename.name.as_str());
                assert_eq!(update["NewGroupName"], rename.new_name.as_str());
                assert!(update.get("ContactUpdateItem").is_none());
                for name in [&rename.name, &rename.new_name] {
                    assert!((1..=MAX_GROUP_NAME_BYTES).contains(&name.len()));
                }
            }
        }
        Case::UpdateGroup { account, update } => {
            if let Some(body) = built(UpdateContactGroup::request(&account, &update)) {
                let (add, remove) = (
                    update.add.unwrap_or_default(),
                    update.remove.unwrap_or_default(),
                );
                assert!(!account.is_empty() && !(add.is_empty() && remove.is_empty()));
                assert!(add.iter().all(|c| !remove.contains(c)));
                let group = &body["UpdateGroup"];
                assert_eq!(group["UpdateGroupType"], 2);
                assert!((1..=MAX_GROUP_NAME_BYTES).contains(&update.name.len()));
                assert!(group.get("NewGroupName").is_none());
                let items = array(&group["ContactUpdateItem"]);
                assert_eq!(items.len(), add.len() + remove.len());
                let expected = add
                    .iter()
                    .map(|c| (1, c))
                    .chain(remove.iter().map(|c| (2, c)));
                for (item, (opt, c)) in items.iter().zip(expected) {
                    assert_eq!(item["ContactOptType"], opt);
                    conversation(&item["ContactItem"], c, "ToGroupId");
                }
            }
        }
        Case::DeleteGroup { account, name } => {
            if let Some(body) = built(DelContactGroup::request(&account, &name)) {
                assert!(!account.is_empty());
                assert!((1..=MAX_GROUP_NAME_BYTES).contains(&name.len()));
                assert_eq!(body["GroupName"], serde_json::json!([name]));
            }
        }
        Case::Find {
            account,
            conversations,
        } => {
            let split = ConversationSearch::new(&account, conversations.clone());
            if let Some(body) = built(SearchContactGroup::request(&account, &conversations)) {
                assert!((1..=MAX_SEARCH_ITEMS).contains(&conversations.len()));
                let items = array(&body["ContactItem"]);
                for (item, c) in items.iter().zip(&conversations) {
                    conversation(item, c, "ToGroupId");
                }
                assert!(split.is_ok(), "a valid request's list must split too");
            }
            if let Ok(search) = split {
                // Every request of the split is a valid one of at most 300.
                let mut walk = Walk::new(search);
                while let Some(request) = walk.next_request().expect("checked at the start") {
                    assert!((1..=MAX_SEARCH_ITEMS).contains(&request.contact_item.len()));
                    let empty = AllGroups {
                        conversations: vec![],
                        groups: vec![],
                    };
                    walk.accept(empty).expect("an empty answer");
                }
            }
        }
        Case::DeleteConversation { account, input } => {
            if let Some(body) = built(DeleteConversation::request(&account, &input)) {
                assert!(!account.is_empty());
                let object = body.as_object().expect("an object");
                assert_eq!(object.len(), 4, "{body}");
                let clear = u8::from(input.1.clear_history.unwrap_or(false));
                assert_eq!(body["ClearRamble"], clear);
                let mut item = body.clone();
                for key in ["From_Account", "ClearRamble"] {
                    item.as_object_mut().expect("an object").remove(key);
                }
                conversation(&item, &input.0, "ToGroupid");
            }
        }
        Case::Config(case) => config(case),
    }
});

/// A builder's outcome: refused as invalid input, or a body that serialises to an object.
fn built<T: Serialize>(result: Result<T, ChatError>) -> Option<Value> {
    match result {
        Ok(request) => {
            let body = serde_json::to_value(&request).expect("a request serialises");
            assert!(body.is_object());
            Some(body)
        }
        Err(e) => {
            assert_eq!(e.kind, ErrorKind::InvalidInput, "{e:?}");
            assert_eq!(e.attempts, 0);
            shown(&e);
            None
        }
    }
}

fn array(value: &Value) -> &Vec<Value> {
    value.as_array().expect("an array")
}

/// A wire conversation: `Type` and exactly the one non-empty id field of that type.
fn conversation(item: &Value, c: &Conversation, group_key: &str) {
    let object = item.as_object().expect("a conversation object");
    assert_eq!(object.len(), 2, "{item}");
    match c {
        Conversation::C2c { user_id } => {
            assert_eq!(item["Type"], 1);
            assert!(!user_id.is_empty());
            assert_eq!(item["To_Account"], user_id.as_str());
        }
        Conversation::Group { group_id } => {
            assert_eq!(item["Type"], 2);
            assert!(!group_id.is_empty());
            assert_eq!(item[group_key], group_id.as_str());
        }
    }
}

fn mark_item(item: &Value, op: &MarkOperation) {
    conversation(&item["ContactItem"], &op.conversation, "ToGroupId");
    let bits = |key: &str| -> Vec<u64> {
        item.get(key)
            .map(|v| array(v).iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default()
    };
    let (set, clear) = (bits("SetMark"), bits("ClearMark"));
    assert!(set.iter().chain(&clear).all(|&b| b <= 63), "{item}");
    assert!(set.iter().all(|b| !clear.contains(b)), "{item}");
    let custom = item
        .get("CustomMark")
        .map(|v| v.as_str().expect("a string"));
    if let Some(custom) = custom {
        assert!(custom.len() <= MAX_CUSTOM_MARK_BYTES);
    }
    let standard = !set.is_empty() || !clear.is_empty();
    let expected = match (standard, custom.is_some()) {
        (true, false) => 1,
        (false, true) => 2,
        (true, true) => 3,
        (false, false) => panic!("an empty mark operation was accepted: {item}"),
    };
    assert_eq!(item["OptType"], expected);
}

fn config(case: ConfigCase) {
    let config = case.config;
    let base = match config.base_url() {
        Ok(base) => base,
        Err(e) => {
            assert_eq!(e.kind, ErrorKind::InvalidInput, "{e:?}");
            shown(&e);
            return;
        }
    };
    assert!(!config.identifier.trim().is_empty());
    assert!(config.timeout_ms().is_finite() && config.timeout_ms() > 0.0);
    assert!(!base.ends_with('/'), "{base}");
    assert!(!base.contains(['?', '#']), "{base}");
    let rest = if let Some(rest) = base.strip_prefix("https://") {
        rest
    } else if let Some(rest) = base.strip_prefix("http://") {
        let authority = rest.split('/').next().unwrap_or_default();
        assert!(
            config.allow_insecure_http.unwrap_or(false)
                || tencent_chat_conversations::config::is_loopback(authority),
            "plain http to a remote host: {base}"
        );
        rest
    } else {
        panic!("base URL without http(s)://: {base}");
    };
    let authority = rest.split('/').next().unwrap_or_default();
    assert!(!authority.is_empty() && !authority.contains('@'), "{base}");

    // The identifier and the UserSig stay inside their own query values.
    let caller = Caller {
        base_url: &base,
        sdk_app_id: config.sdk_app_id,
        identifier: &config.identifier,
    };
    let command = "v4/recentcontact/get_list";
    let url = url::signed_url(caller, command, &case.user_sig, case.random);
    let (path, query) = url.split_once('?').expect("a query");
    assert_eq!(path, format!("{base}/{command}"));
    let params: Vec<(&str, &str)> = query
        .split('&')
        .map(|p| p.split_once('=').expect("key=value"))
        .collect();
    let keys: Vec<&str> = params.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        keys,
        ["sdkappid", "identifier", "usersig", "random", "contenttype"]
    );
    for (_, value) in &params {
        assert!(
            value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)),
            "unescaped character in {url}"
        );
    }
    assert_eq!(params[3].1, case.random.to_string());
    let redacted = url::redacted_url(caller, command, case.random);
    assert!(
        redacted.contains(&format!("&usersig={REDACTED}&")),
        "{redacted}"
    );
}
