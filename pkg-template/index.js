// @ts-check
// Browser and bundler entry: loads the wasm next to this file (no init() for users), then
// exports the API.
// @ts-expect-error: PageIterator and the __ functions are exported without declarations
// (skip_typescript: users reach them only through ConversationClient, ChatError, REGIONS).
import init, { ConversationClient, Mark, PageIterator, __setErrorClass, __freedError, __regions } from "./web.js";
import { ChatError } from "./chat-error.js";
import { guardFreed } from "./guard.js";

await init({ module_or_path: new URL("./tencent_chat_conversations_bg.wasm", import.meta.url) });
__setErrorClass(ChatError);
guardFreed({ ConversationClient, PageIterator, __freedError });
/** @type {readonly import("./api.js").Region[]} */
const REGIONS = __regions();

export { ConversationClient, ChatError, Mark, REGIONS };
