// @ts-check
// Browser and bundler entry: loads the wasm next to this file (no init() for users), then
// exports the API. The top-level await means a module Web Worker importing this entry
// statically gets no messages until it settles: see the README's "Runtimes" section.
import * as glue from "./web.js";
import { publicApi, wasmLoadError } from "./glue.js";

const wasm = new URL("./tencent_chat_conversations_bg.wasm", import.meta.url);
try {
  await glue.default({ module_or_path: wasm });
} catch (e) {
  throw wasmLoadError(wasm.href, e);
}

export const { ConversationClient, ChatError, Mark, REGIONS } = publicApi(glue);
