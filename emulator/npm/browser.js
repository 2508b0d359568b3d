// The browser and bundler entry: the in-process emulator only (no sockets here).
import init, { Emulator } from "./emulator.js";
import { inProcess } from "./core.js";

let loading;
const load = () => (loading ??= init({ module_or_path: new URL("./emulator_bg.wasm", import.meta.url) }).then(() => Emulator));

/** An in-process emulator; the wasm loads on first use. */
export const createEmulator = inProcess(load);

/** Needs Node (`node:http`): in a browser it rejects. */
export function startEmulator() {
  return Promise.reject(new Error("tencent-chat-emulator: startEmulator needs Node; use createEmulator in a browser"));
}
