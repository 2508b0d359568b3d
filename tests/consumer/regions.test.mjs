// One list of regions: the package's REGIONS (from the Rust Region enum) is every Region
// the declarations name, in order, and the README and the CLI's help list exactly it.
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
