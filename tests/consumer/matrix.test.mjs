// The case matrix (tests/matrix/cases.mjs) in Node, the package imported by name as an ES
// module user does, against the chat-emulator binary.
import { test, before, after } from "node:test";
import * as api from "tencent-chat-conversations";
import { connect, testCases } from "../matrix/cases.mjs";
import { startEmulator } from "./emulator.mjs";

let server;
let emu;
before(async () => {
  server = await startEmulator(["--seed", "none"]);
  emu = connect(server.url);
});
after(() => server.stop());

testCases(test, api, () => emu);
