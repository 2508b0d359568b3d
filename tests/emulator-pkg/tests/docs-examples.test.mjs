// The examples in docs/ are the files these tests run: each fenced block that follows a
// `<!-- file: PATH -->` marker must equal PATH (in this project, or the repository's
// examples/ for the signing proxy).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT } from "./helpers.mjs";

/** The pages that show tested files, and the files each must show. */
const PAGES = {
  "testing-without-an-account.md": ["vitest/conversations.test.ts", "playwright.config.js", "e2e/conversations.spec.js", "examples/real-usersig.mjs"],
  "signing-proxy.md": ["examples/signing-proxy.mjs"],
};

for (const [page, expected] of Object.entries(PAGES)) {
  test(`docs/${page} shows the tested files verbatim`, () => {
    const docs = process.env.DOCS_DIR;
    assert.ok(docs, "DOCS_DIR names the repository's docs/ folder");
    const text = readFileSync(join(docs, page), "utf8");
    const blocks = [...text.matchAll(/<!-- file: (\S+) -->\n```[a-z]*\n([\s\S]*?)```\n/g)];
    assert.deepEqual(blocks.map((b) => b[1]), expected);
    for (const [, file, body] of blocks) assert.equal(body, readFileSync(join(PROJECT, file), "utf8"), file);
  });
}
