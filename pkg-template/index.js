// Browser and bundler entry: loads the wasm next to this file, then exports the API.
import init, * as wasm from "./web.js";
import { createApi } from "./client.js";
import { ChatError } from "./chat-error.js";

await init({ module_or_path: new URL("./tencent_chat_conversations_bg.wasm", import.meta.url) });

export const { ConversationClient } = createApi(wasm);
export { ChatError };
export { Mark } from "./web.js";
