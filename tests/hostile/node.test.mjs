// The hostile-response matrix in Node, one subtest per scenario: every hostile answer ends
// in a ChatError of the right kind within the timeout, without the UserSig anywhere, and
// the same client and the module keep working. scenarios.mjs has the list and the checks.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { SCENARIOS, runScenario, survivorClient, expectedPosts } from "./scenarios.mjs";
import { startHostileServer } from "./server.mjs";
import { importPackage } from "./package.mjs";

let api;
let server;
let survivor;

before(async () => {
  api = await importPackage();
  server = await startHostileServer();
  survivor = survivorClient(api, server.url);
  await survivor.listConversations("alice"); // the module works before any scenario
});
after(() => server?.close());

test("Node: hostile responses", async (t) => {
  for (const scenario of SCENARIOS) {
    let result;
    await t.test(scenario.name, async () => {
      result = await runScenario(api, server.url, scenario, survivor);
      t.diagnostic(`outcome of ${scenario.name}: ${result.kind} in ${result.elapsedMs} ms`);
      assert.equal(server.posts(scenario.name, result.clientId), expectedPosts(scenario, result), "POSTs the server received");
      assert.deepEqual(server.sinkRequests, [], "a redirect was followed");
      assert.deepEqual(server.problems, []);
    });
  }
});
