// The case matrix (tests/matrix/cases.mjs, copied beside this folder) against the emulator
// as its npm package serves it: startEmulator() from the installed tencent-chat-emulator
// (the service compiled to wasm behind node:http), and the installed client package.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as api from "tencent-chat-conversations";
import { startEmulator } from "tencent-chat-emulator";
import { cases, connect, runCase } from "../matrix/cases.mjs";

let server;
let emu;
before(async () => {
  server = await startEmulator({ seed: "none" });
  emu = connect(server.url);
});
after(() => server?.stop());

for (const c of cases) {
  test(c.name, { skip: c.needs?.() }, async () => {
    const result = await runCase(c, api, emu);
    assert.ok(result.ok, result.error);
  });
}
