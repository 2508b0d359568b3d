// The case matrix (tests/matrix/cases.mjs, copied beside this folder) against the emulator
// as its npm package serves it: startEmulator() from the installed tencent-chat-emulator
// (the service compiled to wasm behind node:http), and the installed client package.
import { test, before, after } from "node:test";
import * as api from "tencent-chat-conversations";
import { startEmulator } from "tencent-chat-emulator";
import { connect, testCases } from "../matrix/cases.mjs";

let server;
let emu;
before(async () => {
  server = await startEmulator({ seed: "none" });
  emu = connect(server.url);
});
after(() => server?.stop());

testCases(test, api, () => emu);
