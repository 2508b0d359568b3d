// The README's examples are the files these tests run: each fenced block that follows a
// `<!-- file: PATH -->` marker must equal PATH (in this project, or the repository's
// examples/ for the signing proxy).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT } from "./helpers.mjs";

test("the README shows the tested files verbatim", () => {
  const readme = process.env.README_PATH;
  assert.ok(readme, "README_PATH names the repository's README.md");
  const text = readFileSync(readme, "utf8");
  const blocks = [...text.matchAll(/<!-- file: (\S+) -->\n```[a-z]*\n([\s\S]*?)```\n/g)];
  const files = blocks.map((b) => b[1]);
  for (const f of ["vitest/conversations.test.ts", "playwright.config.js", "e2e/conversations.spec.js", "examples/real-usersig.mjs", "examples/signing-proxy.mjs"]) {
    assert.ok(files.includes(f), `README shows ${f}`);
  }
  for (const [, file, body] of blocks) assert.equal(body, readFileSync(join(PROJECT, file), "utf8"), file);
});
