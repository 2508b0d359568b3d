#!/usr/bin/env node
// Writes pkg/package.json from pkg-template/package.json with what Cargo.toml owns: the
// version (the one place it is set) and the repository, with the homepage and issue
// tracker derived from it. Usage: node scripts/package-json.mjs TEMPLATE OUT
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const CRATE = "tencent-chat-conversations";
const [template, out] = process.argv.slice(2);
if (!template || !out) {
  console.error("usage: node scripts/package-json.mjs TEMPLATE OUT");
  process.exit(2);
}

const metadata = JSON.parse(execFileSync("cargo", ["metadata", "--no-deps", "--format-version", "1"], { encoding: "utf8" }));
const crate = metadata.packages.find((p) => p.name === CRATE);
if (!crate) throw new Error(`cargo metadata lists no package ${CRATE}`);
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(crate.version)) throw new Error(`Cargo.toml version ${crate.version} is not semver`);
const repository = crate.repository?.replace(/\/+$/, "");
if (!repository?.startsWith("https://github.com/")) throw new Error(`Cargo.toml repository must be a GitHub URL, not ${crate.repository}`);

const pkg = JSON.parse(readFileSync(template, "utf8"));
if (pkg.version !== "0.0.0") throw new Error(`${template}: "version" must stay "0.0.0" (Cargo.toml sets it)`);
// Key order as npm writes it: identity first, then links.
const { name, version: _placeholder, ...rest } = pkg;
const written = {
  name,
  version: crate.version,
  ...rest,
  homepage: `${repository}#readme`,
  bugs: { url: `${repository}/issues` },
  repository: { type: "git", url: `git+${repository}.git` },
};
writeFileSync(out, `${JSON.stringify(written, null, 2)}\n`);
console.error(`${out}: version ${crate.version} (Cargo.toml)`);
