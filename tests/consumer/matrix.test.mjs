// The case matrix (tests/matrix/cases.mjs) in Node, the package imported by name as an ES
// module user does, against the chat-emulator binary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as api from "tencent-chat-conversations";
import { cases, connect, runCase } from "../matrix/cases.mjs";
import { startEmulator } from "./emulator.mjs";

let server;
let emu;
before(async () => {
  server = await startEmulator(["--seed", "none"]);
  emu = connect(server.url);
});
after(() => server.stop());

for (const c of cases) {
  test(c.name, { skip: c.needs?.() }, async () => {
    const result = await runCase(c, api, emu);
    assert.ok(result.ok, result.error);
  });
}
