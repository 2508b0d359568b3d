import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { setupServer } from "msw/node";
import { createEmulator } from "tencent-chat-emulator";
import { emulatorHandlers } from "tencent-chat-emulator/msw";
import { ConversationClient } from "tencent-chat-conversations";

// The emulator runs in the test process; MSW routes the client's requests to it.
const emulator = createEmulator({ seed: "demo" });
const server = setupServer(...emulatorHandlers(emulator));

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => emulator.reset("demo"));
afterAll(() => server.close());

const client = new ConversationClient({
  sdkAppId: 1400000000,
  identifier: "administrator",
  userSig: "emulator-usersig",
  region: "singapore",
});

test("pins a conversation", async () => {
  await client.pin("alice", [{ type: "c2c", userId: "dave" }]);

  const alice = await emulator.state("alice");
  const dave = alice.conversations.find((c) => c.type === "c2c" && c.userId === "dave");
  expect(dave?.pinned).toBe(true);
});

test("shows the service's error when it fails", async () => {
  await emulator.addFault("get_list", { kind: "error", code: 50004 }, 3);

  await expect(client.listConversations("alice")).rejects.toMatchObject({ kind: "api", code: 50004 });
});
