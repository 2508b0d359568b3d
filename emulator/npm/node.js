// The Node entry (ESM; node.cjs is bundled from it): the in-process emulator and the
// HTTP server. The wasm bytes are read from beside this file (Node cannot fetch file: URLs).
import { readFileSync } from "node:fs";
import { initSync, Emulator } from "./emulator.js";
import { inProcess } from "./core.js";
import { serve } from "./server.js";

let loaded = false;
function load() {
  if (!loaded) {
    initSync({ module: readFileSync(new URL("./emulator_bg.wasm", import.meta.url)) });
    loaded = true;
  }
  return Emulator;
}

/** An in-process emulator (`handle(request)`), for MSW and other fetch interceptors. */
export const createEmulator = inProcess(load);

/** Starts the emulator over HTTP; resolves once it accepts connections. */
export function startEmulator(options) {
  return serve(load, options);
}
