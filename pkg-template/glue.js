// @ts-check
// What every entry does once the wasm is instantiated (whichever way its runtime loads it),
// and the one error for a wasm that cannot be loaded.
import { ChatError } from "./chat-error.js";
import { guardFreed } from "./guard.js";

/**
 * The public API from the wasm-bindgen glue, once instantiated: the core's errors become
 * ChatError, calls on freed objects reject, and the regions are read once.
 * @param {any} glue the glue's exports (the PageIterator and __ functions have no declarations)
 */
export function publicApi(glue) {
  glue.__setErrorClass(ChatError);
  guardFreed(glue);
  /** @type {readonly import("./api.js").Region[]} */
  const REGIONS = glue.__regions();
  return { ConversationClient: glue.ConversationClient, ChatError, Mark: glue.Mark, REGIONS };
}

/**
 * Why the wasm could not be loaded, naming the package, the file and the fix, with the
 * runtime's own error as `cause`.
 * @param {string} where where the entry looked for the file
 * @param {unknown} cause
 */
export function wasmLoadError(where, cause) {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new Error(
    `tencent-chat-conversations: cannot load its WebAssembly file tencent_chat_conversations_bg.wasm (${where}): ${why}. ` +
      "Fix: ship the file beside the package's entry files (a bundler must emit it as an asset; " +
      "a Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src). See the README's \"Runtimes\" section.",
    { cause },
  );
}
