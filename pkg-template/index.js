// Browser and bundler entry: loads the wasm next to this file, then exports the API.
import init, { ConversationClient, Mark, __setErrorClass } from "./web.js";
import { ChatError } from "./chat-error.js";

await init({ module_or_path: new URL("./tencent_chat_conversations_bg.wasm", import.meta.url) });
__setErrorClass(ChatError);

export { ConversationClient, ChatError, Mark };
