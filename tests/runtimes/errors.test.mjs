// A runtime that cannot load the .wasm (here: the file is missing beside the entry) fails
// with an error naming the package, the file and the fix, under import and require, in
// Node, Deno and Bun; not with a bare ENOENT.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, MODULES, WORK, run } from "./harness.mjs";

const MESSAGE = /tencent-chat-conversations: cannot load its WebAssembly file tencent_chat_conversations_bg\.wasm \(.*tencent_chat_conversations_bg\.wasm\): .*\. Fix: ship the file beside the package's entry files/;

test("a missing .wasm: the error names the package, the file and the fix (node, deno, bun; import and require)", async () => {
  const dir = join(WORK, "missing-wasm");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  cpSync(join(MODULES, "tencent-chat-conversations"), join(dir, "node_modules/tencent-chat-conversations"), { recursive: true });
  rmSync(join(dir, "node_modules/tencent-chat-conversations/tencent_chat_conversations_bg.wasm"));
  writeFileSync(join(dir, "package.json"), '{ "private": true }\n');
  writeFileSync(join(dir, "esm.mjs"), 'import("tencent-chat-conversations").then(() => console.log("loaded"), (e) => console.log(e.message));\n');
  writeFileSync(join(dir, "cjs.cjs"), 'try { require("tencent-chat-conversations"); console.log("loaded"); } catch (e) { console.log(e.message); }\n');
  const runtimes = [[process.execPath, []], [join(BIN, "deno"), ["run", "-A"]], [join(BIN, "bun"), []]];
  for (const [cmd, args] of runtimes) {
    for (const file of ["esm.mjs", "cjs.cjs"]) {
      const { stdout, stderr } = await run(cmd, [...args, file], { cwd: dir });
      assert.match(stdout, MESSAGE, `${cmd} ${file}:\n${stdout}\n${stderr}`);
    }
  }
});
