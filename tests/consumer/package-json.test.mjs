// The installed package's package.json against Cargo.toml, the one place the version is
// set (scripts/package-json.mjs writes it), and the links the registry page shows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pkg = require("tencent-chat-conversations/package.json");

/** A key of Cargo.toml's [package] table (a plain string value). */
function cargoPackage(key) {
  const toml = readFileSync(new URL("../../Cargo.toml", import.meta.url), "utf8");
  const table = /^\[package\]\n([\s\S]*?)(?=^\[)/m.exec(toml);
  assert.ok(table, "Cargo.toml has a [package] table");
  const value = new RegExp(`^${key} = "([^"]*)"$`, "m").exec(table[1]);
  assert.ok(value, `Cargo.toml [package] has ${key}`);
  return value[1];
}

test("the package's version is Cargo.toml's", () => {
  const version = cargoPackage("version");
  assert.match(version, /^\d+\.\d+\.\d+/);
  assert.equal(pkg.version, version);
});

test("repository, homepage and bugs point at Cargo.toml's repository", () => {
  const repository = cargoPackage("repository");
  assert.deepEqual(pkg.repository, { type: "git", url: `git+${repository}.git` });
  assert.equal(pkg.homepage, `${repository}#readme`);
  assert.deepEqual(pkg.bugs, { url: `${repository}/issues` });
});
