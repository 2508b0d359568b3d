// The Cloudflare Workers entry (conditions `workerd` and `worker`): the in-process emulator,
// its .wasm imported as a module (wrangler's convention) and instantiated synchronously on
// first use, since workerd has no file URLs. `createEmulator().handle` is a fetch handler.
import wasm from "./emulator_bg.wasm";
import { initSync, Emulator } from "./emulator.js";
import { inProcess } from "./core.js";

let loaded = false;
function load() {
  if (!loaded) {
    initSync({ module: wasm });
    loaded = true;
  }
  return Emulator;
}

/** An in-process emulator; use `handle` as (or in) a Worker's fetch handler. */
export const createEmulator = inProcess(load);

/** Needs Node (`node:http`): in a Worker it rejects. */
export function startEmulator() {
  return Promise.reject(new Error("tencent-chat-emulator: startEmulator needs Node; in a Worker, use createEmulator().handle as the fetch handler"));
}
