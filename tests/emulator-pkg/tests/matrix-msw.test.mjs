// The case matrix (tests/matrix/cases.mjs, copied beside this folder) with no server at
// all: MSW in Node hands the client's requests, and the cases' control calls, to the
// in-process emulator (createEmulator, wasm) under a base URL, as a user's tests would.
import { test, after } from "node:test";
import { setupServer } from "msw/node";
import * as api from "tencent-chat-conversations";
import { createEmulator } from "tencent-chat-emulator";
import { emulatorHandlers } from "tencent-chat-emulator/msw";
import { connect, testCases } from "../matrix/cases.mjs";

const BASE = "https://chat-emulator.example/api";
const server = setupServer(...emulatorHandlers(createEmulator({ seed: "none" }), { baseUrl: BASE }));
// Anything else (the network-error case's closed port) goes to the real network.
server.listen({ onUnhandledRequest: "bypass" });
after(() => server.close());
const emu = connect(BASE);

testCases(test, api, () => emu);
