// @ts-check
// Browser and bundler entry: loads the wasm next to this file (no init() for users), then
// exports the API.
// @ts-expect-error: PageIterator and __setErrorClass are exported without declarations
// (skip_typescript: users reach them only through ConversationClient and ChatError).
import init, { ConversationClient, Mark, PageIterator, __setErrorClass } from "./web.js";
import { ChatError } from "./chat-error.js";

await init({ module_or_path: new URL("./tencent_chat_conversations_bg.wasm", import.meta.url) });
__setErrorClass(ChatError);
// conversations() / markedConversations() return PageIterators: usable with `for await`.
Object.assign(PageIterator.prototype, { [Symbol.asyncIterator]() { return this; } });

export { ConversationClient, ChatError, Mark };
