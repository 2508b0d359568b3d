// The package through require(), as a CommonJS script uses it, and the same ChatError class
// as import() sees (one instance of the package per process).
const { test } = require("node:test");
const assert = require("node:assert/strict");
const pkg = require("tencent-chat-conversations");
const { ConversationClient, ChatError, Mark } = pkg;

test("require() exposes the API", async () => {
  assert.equal(typeof ConversationClient, "function");
  assert.equal(Mark.Unread, 1);
  const client = new ConversationClient({ sdkAppId: 1, identifier: "a", userSig: "s", endpoint: "http://127.0.0.1:9" });
  const error = await client.pin("", []).catch((e) => e);
  assert.ok(error instanceof ChatError);
  assert.equal(error.kind, "invalid_input");
});

test("import() and require() share one ChatError class", async () => {
  const esm = await import("tencent-chat-conversations");
  assert.equal(esm.ChatError, ChatError);
  assert.equal(esm.ConversationClient, ConversationClient);
});
