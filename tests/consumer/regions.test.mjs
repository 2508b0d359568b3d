// One list of regions: the package's REGIONS (from the Rust Region enum) is every Region
// the declarations name, in order, and the README and the CLI's help list exactly it. The
// lists that cannot import REGIONS (the emulator's MSW hosts, the signing proxy's region
// table) name exactly the hosts the client calls for each region; the dashboard imports it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { ConversationClient, REGIONS } from "tencent-chat-conversations";

const require = createRequire(import.meta.url);
const pkgDir = fileURLToPath(new URL("./node_modules/tencent-chat-conversations/", import.meta.url));
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

test("REGIONS is every Region of the declarations, in order, frozen, the same for require()", () => {
  const declared = /^export type Region = (.+);$/m.exec(readFileSync(`${pkgDir}api.d.ts`, "utf8"));
  assert.ok(declared, "no Region type in api.d.ts");
  assert.deepEqual(REGIONS, declared[1].split(" | ").map((r) => JSON.parse(r)));
  assert.ok(Object.isFrozen(REGIONS));
  assert.equal(require("tencent-chat-conversations").REGIONS, REGIONS);
});

test("the README lists REGIONS, the default first", () => {
  const line = /region: "[a-z-]+",\s+\/\/ (.+)$/m.exec(readme);
  assert.ok(line, "no region comment in the README's usage");
  assert.deepEqual(line[1].replace(" (default)", "").split(" | "), [...REGIONS]);
  assert.match(line[1], new RegExp(`^${REGIONS[0]} \\(default\\)`));
});

test("the CLI's help lists REGIONS and accepts each", () => {
  const bin = `${pkgDir}bin/tencent-chat.cjs`;
  const help = execFileSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
  const listed = /--region NAME\s+TENCENT_CHAT_REGION\s+([\s\S]+?)\n\s+--endpoint/.exec(help);
  assert.ok(listed, help);
  assert.deepEqual(listed[1].replace("(default)", "").split(/[\s,]+/).filter(Boolean), [...REGIONS]);
});

test("each region is accepted by the client, anything else named as not one of them", async () => {
  const base = { sdkAppId: 1, identifier: "a", userSig: "s" };
  for (const region of REGIONS) {
    // An empty account is refused after the configuration: the region was accepted.
    const e = await new ConversationClient({ ...base, region }).pin("", []).catch((x) => x);
    assert.match(e.info, /account/, region);
  }
  const e = await new ConversationClient({ ...base, region: "moon" }).pin("a", []).catch((x) => x);
  assert.equal(e.info, `\`region\` must be one of ${REGIONS.join(", ")}`);
});

/** The host the client sends a call to for `region`, seen by a stand-in for `fetch`. */
async function hostOf(region) {
  const realFetch = globalThis.fetch;
  let host;
  globalThis.fetch = async (input) => {
    host = new URL(input instanceof Request ? input.url : String(input)).host;
    return new Response(JSON.stringify({ ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "", ErrorDisplay: "" }), { headers: { "content-type": "application/json" } });
  };
  try {
    await new ConversationClient({ sdkAppId: 1, identifier: "a", userSig: "s", region, maxRetries: 0 }).deleteConversation("a", { type: "c2c", userId: "b" });
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.ok(host, `no call for ${region}`);
  return host;
}

const source = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

test("the emulator's MSW handlers answer exactly the hosts the client calls, in REGIONS' order", async () => {
  const listed = /^const REGION_HOSTS = (\[.*\]);$/m.exec(source("emulator/npm/msw.js"));
  assert.ok(listed, "no REGION_HOSTS line in emulator/npm/msw.js");
  const hosts = [];
  for (const region of REGIONS) hosts.push(await hostOf(region));
  assert.deepEqual(JSON.parse(listed[1]), hosts);
});

test("the signing proxy's region table is REGIONS with the hosts the client calls", async () => {
  const table = /^const REGION_HOSTS = \{\n([\s\S]*?)\n\};$/m.exec(source("examples/signing-proxy.mjs"));
  assert.ok(table, "no REGION_HOSTS table in examples/signing-proxy.mjs");
  const entries = table[1].split("\n").map((line) => {
    const m = /^\s+("?)([a-z-]+)\1: "([a-z0-9.]+)",$/.exec(line);
    assert.ok(m, `unexpected line ${JSON.stringify(line)}`);
    return [m[2], m[3]];
  });
  const expected = [];
  for (const region of REGIONS) expected.push([region, await hostOf(region)]);
  assert.deepEqual(entries, expected);
});

test("the dashboard lists no region by hand: it imports REGIONS", () => {
  const html = source("www/index.html");
  const options = [...html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(options, ["custom"]);
  assert.match(source("www/src/main.js"), /^import \{[^}]*\bREGIONS\b[^}]*\} from "tencent-chat-conversations";$/m);
});
