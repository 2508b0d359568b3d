// Browser and bundler entry: loads the wasm next to this file (no init() for users), then
// exports the API.
import init, { ConversationClient, Mark, PageIterator, __setErrorClass } from "./web.js";
import { ChatError } from "./chat-error.js";

await init({ module_or_path: new URL("./tencent_chat_conversations_bg.wasm", import.meta.url) });
__setErrorClass(ChatError);
// conversations() / markedConversations() return PageIterators: usable with `for await`.
PageIterator.prototype[Symbol.asyncIterator] = function () { return this; };

export { ConversationClient, ChatError, Mark };
