// The case matrix (tests/matrix/cases.mjs) in Node through require(), as a CommonJS script
// uses the package, and the one ChatError class that import() and require() share.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const api = require("tencent-chat-conversations");

let server;
before(async () => {
  const { startEmulator } = await import("./emulator.mjs");
  server = await startEmulator(["--seed", "none"]);
});
after(() => server?.stop());

test("the case matrix, the package loaded with require()", async (t) => {
  // The cases are an ES module, loaded here; each runs as a subtest.
  const { connect, testCases } = await import("../matrix/cases.mjs");
  const emu = connect(server.url);
  await testCases((...args) => t.test(...args), api, () => emu);
});

test("import() and require() share one package instance: the same classes", async () => {
  const esm = await import("tencent-chat-conversations");
  assert.equal(esm.ChatError, api.ChatError);
  assert.equal(esm.ConversationClient, api.ConversationClient);
  assert.equal(esm.REGIONS, api.REGIONS);
});
