// @ts-check
// Cloudflare Workers entry (conditions `workerd` and `worker`): workerd has no file URLs
// and compiles wasm only from an imported module, so the .wasm is imported (wrangler's
// convention) and instantiated synchronously: no top-level await.
// @ts-expect-error: a .wasm imported as a module (a WebAssembly.Module) has no declarations
import wasm from "./tencent_chat_conversations_bg.wasm";
import * as glue from "./web.js";
import { publicApi, wasmLoadError } from "./glue.js";

try {
  glue.initSync({ module: wasm });
} catch (e) {
  throw wasmLoadError("imported as a module", e);
}

export const { ConversationClient, ChatError, Mark, REGIONS } = publicApi(glue);
