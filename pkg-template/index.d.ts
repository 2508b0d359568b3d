export * from "./api.js";
import type {
  AllGroups, CallOptions, ChatError as ChatErrorData, ClientOptions, Conversation,
  ConversationItem, ConversationsOptions, CreatedGroup, GroupsOptions, GroupsPage, ItemResult,
  ListOptions, ListPage, MarkOperation, MarkedConversation, MarkedConversationsOptions,
  NewGroup, RequestOptions,
} from "./api.js";

/**
 * Every failure of a ConversationClient call rejects with a ChatError. Branch on `kind`
 * and `code`, never on `message`. It never contains the UserSig.
 */
export declare class ChatError extends Error {
  private constructor();
  readonly name: "ChatError";
}
export interface ChatError extends Readonly<ChatErrorData> {}

/**
 * A client for one app and administrator. Cheap to share; calls may run concurrently.
 * Every method returns a promise (or an async iterator) and rejects with a `ChatError`;
 * none throws synchronously, not even for a bad configuration.
 */
export declare class ConversationClient {
  constructor(options: ClientOptions);
  /** Pins conversations (`top`, OperationType 1). */
  pin(account: string, conversations: Conversation[], options?: CallOptions): Promise<void>;
  /** Unpins conversations (`top`, OperationType 2). */
  unpin(account: string, conversations: Conversation[], options?: CallOptions): Promise<void>;
  /** Sets and clears standard mark bits and custom marks (`mark_contact`), ≤ 100 at once. */
  mark(account: string, operations: MarkOperation[], options?: CallOptions): Promise<ItemResult[]>;
  /** Creates one conversation group with the given conversations (`create_contact_group`). */
  createGroup(account: string, group: NewGroup, options?: CallOptions): Promise<CreatedGroup>;
  /** One page of marked/grouped conversations and the groups (`get_contact_group`). */
  getGroups(account: string, options?: GroupsOptions & CallOptions): Promise<GroupsPage>;
  /** One page of the account's conversation list, pinned first (`get_list`). */
  listConversations(account: string, options?: ListOptions & CallOptions): Promise<ListPage>;
  /**
   * Any REST command, e.g. `v4/recentcontact/delete`: sends `body` as JSON and returns the
   * parsed response once its envelope says OK.
   */
  request(command: string, body: object, options?: RequestOptions): Promise<Record<string, unknown>>;
  /**
   * Every conversation of the account (`get_list`, page after page), pinned first: an async
   * iterator holding one page; `break` stops further requests.
   */
  conversations(account: string, options?: ConversationsOptions): AsyncGenerator<ConversationItem, void, undefined>;
  /** Every marked or grouped conversation of the account (`get_contact_group`, page after page). */
  markedConversations(account: string, options?: MarkedConversationsOptions): AsyncGenerator<MarkedConversation, void, undefined>;
  /** All pages of `get_contact_group` at once: every marked or grouped conversation and every group, each once. */
  getAllGroups(account: string, options?: MarkedConversationsOptions): Promise<AllGroups>;
  /** Releases the client's wasm memory now rather than at garbage collection. */
  free(): void;
}
