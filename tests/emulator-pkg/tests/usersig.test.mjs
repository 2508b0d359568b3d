// Real UserSigs, signed by Tencent's own tls-sig-api-v2, against the emulator started with
// --secret-key: the npm bin (wasm) and, when CHAT_EMULATOR_BIN names it, the Rust binary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateSync, inflateSync } from "node:zlib";
import TLSSigAPIv2 from "tls-sig-api-v2";
import { BIN, SDK_APP_ID, ADMIN, clientOf, control, startCommand } from "./helpers.mjs";

const KEY = "3f1c0a5e9b7d2c4e6a8b0d1f3e5c7a9b1d3f5e7c9a0b2d4f6e8a1c3e5b7d9f0a";
const signer = new TLSSigAPIv2.Api(SDK_APP_ID, KEY);

const shells = [["npm bin (wasm)", BIN]];
if (process.env.CHAT_EMULATOR_BIN) shells.push(["chat-emulator (Rust)", process.env.CHAT_EMULATOR_BIN]);

/** The sig's JSON document, changed by `edit`, wrapped again (the HMAC is left as it was). */
function tamper(sig, edit) {
  const b64 = sig.replace(/\*/g, "+").replace(/-/g, "/").replace(/_/g, "=");
  const doc = JSON.parse(inflateSync(Buffer.from(b64, "base64")).toString());
  edit(doc);
  return deflateSync(Buffer.from(JSON.stringify(doc))).toString("base64").replace(/\+/g, "*").replace(/\//g, "-").replace(/=/g, "_");
}

const codeOf = (url, userSig) =>
  clientOf(url, userSig)
    .listConversations("alice")
    .then(() => 0, (e) => (e.kind === "api" ? e.code : `${e.kind}`));

for (const [name, cmd] of shells) {
  test(`${name}: real UserSigs are verified with the service's codes`, async () => {
    const emu = await startCommand(cmd, ["--port", "0", "--secret-key", KEY]);
    try {
      assert.equal(await codeOf(emu.url, signer.genUserSig(ADMIN, 600)), 0);
      assert.equal(await codeOf(emu.url, tamper(signer.genUserSig(ADMIN, 600), (d) => (d["TLS.expire"] = 86400 * 365))), 70009);
      assert.equal(await codeOf(emu.url, new TLSSigAPIv2.Api(SDK_APP_ID, "another-key").genUserSig(ADMIN, 600)), 70009);
      assert.equal(await codeOf(emu.url, signer.genUserSig("alice", 600)), 70013);
      assert.equal(await codeOf(emu.url, new TLSSigAPIv2.Api(SDK_APP_ID + 1, KEY).genUserSig(ADMIN, 600)), 70014);
      assert.equal(await codeOf(emu.url, signer.genUserSig(ADMIN, 600).slice(0, 60)), 70003);
      assert.equal(await codeOf(emu.url, "emulator-usersig"), 70003);
      const sig = signer.genUserSig(ADMIN, 600);
      const info = await clientOf(emu.url, tamper(sig, (d) => (d["TLS.identifier"] = "x"))).listConversations("alice").catch((e) => e);
      assert.equal(info.code, 70013);
      assert.ok(!JSON.stringify(await control(emu.url, "config")).includes(KEY), "the key is not shown");
    } finally {
      await emu.kill();
    }
  });

  test(`${name}: without --secret-key the fixed UserSig is checked, a real one refused`, async () => {
    const emu = await startCommand(cmd, ["--port", "0"]);
    try {
      assert.equal(await codeOf(emu.url, "emulator-usersig"), 0);
      assert.equal(await codeOf(emu.url, signer.genUserSig(ADMIN, 600)), 70003);
    } finally {
      await emu.kill();
    }
  });

  test(`${name}: a sig that expired is refused with 70001 and the client's userSig function refreshes it`, async () => {
    const emu = await startCommand(cmd, ["--port", "0", "--secret-key", KEY]);
    try {
      const short = signer.genUserSig(ADMIN, 1);
      const signedAt = Math.floor(Date.now() / 1000);
      // Wait until the 1 s lifetime is over (the service's clock has 1 s steps).
      while (Math.floor(Date.now() / 1000) <= signedAt + 1) await new Promise((r) => setTimeout(r, 100));
      assert.equal(await codeOf(emu.url, short), 70001);

      const handed = [];
      const client = clientOf(emu.url, () => {
        const sig = handed.length === 0 ? short : signer.genUserSig(ADMIN, 600);
        handed.push(sig);
        return sig;
      });
      await control(emu.url, "stats/reset", {});
      const page = await client.listConversations("alice");
      assert.equal(page.items.length, 100);
      assert.equal(handed.length, 2, "asked once more after 70001");
      const recent = (await control(emu.url, "stats")).recent;
      assert.deepEqual(recent.map((r) => r.query.usersig), handed);
    } finally {
      await emu.kill();
    }
  });
}

test("the signing script of docs/testing-without-an-account.md (examples/real-usersig.mjs) runs against the emulator", async () => {
  const emu = await startCommand(BIN, ["--port", "0", "--secret-key", KEY]);
  try {
    const { spawnSync } = await import("node:child_process");
    const run = spawnSync("node", [new URL("../examples/real-usersig.mjs", import.meta.url).pathname], {
      env: { ...process.env, SDKAPPID: String(SDK_APP_ID), SECRET_KEY: KEY, CHAT_ENDPOINT: emu.url },
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "alice has 100 conversations on the first page\n");
  } finally {
    await emu.kill();
  }
});
