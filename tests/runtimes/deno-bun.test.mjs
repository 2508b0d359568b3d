// Deno and Bun (installed from npm as this project's devDependencies), both packages:
// `import` and `require`, the client's CLI (`tencent-chat`), the emulator's bin (`bunx`,
// `deno run` from node_modules), startEmulator and createEmulator. What the client does
// under each is the case matrix's (matrix.test.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { BIN, CREDENTIALS, ENV, MODULES, emulator, run, runOk, start } from "./harness.mjs";

const RUNTIMES = {
  deno: { cmd: join(BIN, "deno"), run: ["run", "-A"] },
  bun: { cmd: join(BIN, "bun"), run: [] },
};
const CLI = join(MODULES, "tencent-chat-conversations/bin/tencent-chat.cjs");
const EMULATOR_BIN = join(MODULES, "tencent-chat-emulator/bin/tencent-chat-emulator.js");

let emu;
before(async () => {
  emu = await emulator();
});
after(() => emu?.stop());

const lastJson = (stdout) => JSON.parse(stdout.trim().split("\n").at(-1));

for (const [name, rt] of Object.entries(RUNTIMES)) {
  test(`${name}: version`, async () => {
    const { stdout } = await runOk(rt.cmd, ["--version"]);
    console.log(`${name} ${stdout.trim().split("\n")[0]}`);
  });

  test(`${name}: import both packages; startEmulator answers the client; createEmulator`, async () => {
    const { stdout } = await runOk(rt.cmd, [...rt.run, "scripts/esm.mjs"]);
    assert.deepEqual(lastJson(stdout), {
      page: ["bob", "carol"],
      complete: false,
      pinned: ["@TGS#team"],
      health: true,
      inProcessItems: 100,
    });
  });

  test(`${name}: require both packages`, async () => {
    const { stdout } = await runOk(rt.cmd, [...rt.run, "scripts/cjs.cjs"]);
    assert.deepEqual(lastJson(stdout), { items: 100, pinnedFirst: true, health: true });
  });

  test(`${name}: the tencent-chat CLI lists and pins`, async () => {
    const env = {
      PATH: ENV.PATH,
      HOME: process.env.HOME,
      TENCENT_CHAT_SDKAPPID: String(CREDENTIALS.sdkAppId),
      TENCENT_CHAT_IDENTIFIER: CREDENTIALS.identifier,
      TENCENT_CHAT_USERSIG: CREDENTIALS.userSig,
      TENCENT_CHAT_ENDPOINT: emu.url,
    };
    const listed = await runOk(rt.cmd, [...rt.run, CLI, "list", "--account", "alice", "--json"], { env });
    assert.match(listed.stdout, /"carol"/);
    assert.ok(!listed.stdout.includes(CREDENTIALS.userSig) && !listed.stderr.includes(CREDENTIALS.userSig), "no UserSig in the output");
    await runOk(rt.cmd, [...rt.run, CLI, "pin", "--account", "alice", "--c2c", "bob"], { env });
    assert.equal((await emu.state("alice")).conversations.find((c) => c.userId === "bob").pinned, true);
    await runOk(rt.cmd, [...rt.run, CLI, "unpin", "--account", "alice", "--c2c", "bob"], { env });
    const refused = await run(rt.cmd, [...rt.run, CLI, "list", "--account", "alice"], { env: { ...env, TENCENT_CHAT_USERSIG: "wrong-sig" } });
    assert.notEqual(refused.code, 0, "a refused call fails the command");
    assert.ok(!refused.stderr.includes("wrong-sig"), "no UserSig in the output");
  });
}

const EMULATOR_BINS = {
  "bun: bunx tencent-chat-emulator": [join(BIN, "bunx"), ["tencent-chat-emulator"]],
  "deno: deno run the emulator bin from node_modules": [join(BIN, "deno"), ["run", "-A", EMULATOR_BIN]],
};
for (const [name, [cmd, args]] of Object.entries(EMULATOR_BINS)) {
  test(`${name} serves the client`, async () => {
    const server = await start(cmd, [...args, "--port", "0", "--seed", "demo"], /listening on (http:\/\/\S+)/);
    try {
      const url = server.match[1];
      const { ConversationClient } = await import("tencent-chat-conversations");
      const page = await new ConversationClient({ ...CREDENTIALS, endpoint: url }).listConversations("alice");
      assert.equal(page.items.length, 100);
    } finally {
      await server.stop();
    }
  });
}
