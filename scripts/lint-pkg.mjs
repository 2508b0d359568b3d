#!/usr/bin/env node
// Lints the package as it is published: `npm pack` of pkg/, then publint and
// arethetypeswrong on that tarball. Fails on any message of either, publint's suggestions
// included, and unless attw resolved every entry point's types under node10, node16 (CJS
// and ESM) and bundler. The .wasm export is an asset, not a module, so attw skips it.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const root = fileURLToPath(new URL("..", import.meta.url));
const WASM_ENTRY = "./tencent_chat_conversations_bg.wasm";
const RESOLUTIONS = ["node10", "node16-cjs", "node16-esm", "bundler"];
const ENTRY_POINTS = [".", "./package.json"];

const dir = `${root}target/lint-pkg`;
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: `${root}pkg`, encoding: "utf8" }));
const tarball = `${dir}/${packed[0].filename}`;
let failed = false;

// publint
const bytes = readFileSync(tarball);
const { messages, pkg } = await publint({
  pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
  level: "suggestion",
  strict: true,
});
for (const m of messages) console.error(`publint ${m.type}: ${formatMessage(m, pkg) ?? m.code}`);
if (messages.length) failed = true;
else console.log(`publint: no errors, warnings or suggestions in ${packed[0].filename}`);

// arethetypeswrong
const attw = fileURLToPath(new URL("../node_modules/.bin/attw", import.meta.url));
const args = [tarball, "--profile", "strict", "--exclude-entrypoints", WASM_ENTRY, "--no-emoji", "--no-color"];
const run = spawnSync(attw, [...args, "--format", "json"], { encoding: "utf8" });
if (run.status !== 0 && run.status !== 1) {
  console.error(run.stderr || run.stdout);
  process.exit(1);
}
const { analysis } = JSON.parse(run.stdout);
const problems = analysis.problems ?? [];
const entries = Object.keys(analysis.entrypoints ?? {});
const unchecked = [];
if (!analysis.types) unchecked.push("the package has no types");
for (const entry of ENTRY_POINTS) if (!entries.includes(entry)) unchecked.push(`entry point ${entry} not analysed`);
for (const entry of entries) {
  for (const kind of RESOLUTIONS) {
    if (!analysis.entrypoints[entry].resolutions?.[kind]) unchecked.push(`${entry} has no ${kind} resolution`);
  }
}
if (problems.length || unchecked.length || run.status !== 0) {
  failed = true;
  for (const u of unchecked) console.error(`attw: ${u}`);
  // The table says which entry and resolution each problem belongs to.
  console.error(spawnSync(attw, [...args, "--format", "table"], { encoding: "utf8" }).stdout);
} else {
  console.log(`attw: no problems in ${entries.join(", ")} under ${RESOLUTIONS.join(", ")} (${WASM_ENTRY} excluded: an asset)`);
}
process.exit(failed ? 1 : 0);
