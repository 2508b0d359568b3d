// Next.js 16 (App Router) with no setting for the package, built by Turbopack (the default
// `next build`) and by webpack (`next build --webpack`), then served by `next start` against
// the emulator: a route handler and a server action (Node runtime) on the server, and a
// client component in Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "../browser/chromium.mjs";
import { BIN, CREDENTIALS, ENV, HERE, REPO, cached, emulator, freePort, ids, runOk, seed, shownFile, start } from "./harness.mjs";

const APP = join(HERE, "next-app");
const NEXT = join(BIN, "next");

let emu;
let browser;
before(async () => {
  emu = await emulator();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await emu?.stop();
});

for (const bundler of ["turbopack", "webpack"]) {
  test(`Next.js 16 (${bundler}): route handler, server action and client component after next build + next start`, async () => {
    const { dir } = await cached(`next-${bundler}`, [APP], async (out) => {
      cpSync(APP, out, { recursive: true });
      await runOk(NEXT, ["build", ...(bundler === "webpack" ? ["--webpack"] : [])], { cwd: out });
    });
    await seed(emu);
    const port = await freePort();
    const env = {
      ...ENV,
      TENCENT_CHAT_SDKAPPID: String(CREDENTIALS.sdkAppId),
      TENCENT_CHAT_IDENTIFIER: CREDENTIALS.identifier,
      TENCENT_CHAT_USERSIG: CREDENTIALS.userSig,
      TENCENT_CHAT_ENDPOINT: emu.url,
    };
    const server = await start(NEXT, ["start", "-p", String(port), "-H", "127.0.0.1"], /Ready in|started server/i, { cwd: dir, env });
    try {
      const base = `http://127.0.0.1:${port}`;
      const res = await fetch(`${base}/api/conversations?account=alice`);
      const items = await res.json();
      assert.equal(res.status, 200, JSON.stringify(items));
      assert.deepEqual(ids(items), ["bob", "carol"], "the route handler's first page (the emulator pages by two)");

      const page = await browser.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      try {
        await page.goto(base);
        await page.waitForFunction(() => document.querySelector("#listed")?.textContent !== "loading", null, { timeout: 30_000 });
        assert.equal(await page.textContent("#listed"), "bob,carol", `client component; page errors: ${errors}`);
        await page.click("#pin");
        await page.waitForFunction(() => document.querySelector("#pinned")?.textContent !== "", null, { timeout: 30_000 });
        assert.equal(await page.textContent("#pinned"), "carol", `server action; page errors: ${errors}`);
      } finally {
        await page.close();
      }
      assert.equal((await emu.state("alice")).conversations.find((c) => c.userId === "carol").pinned, true);
    } catch (e) {
      e.message += `\nnext start output:\n${server.output().slice(-3000)}`;
      throw e;
    } finally {
      await server.stop();
    }
  });
}

test("the README's Next.js route handler is next-app/app/api/conversations/route.js verbatim", () => {
  const file = "next-app/app/api/conversations/route.js";
  assert.equal(shownFile(join(REPO, "README.md"), file), readFileSync(join(HERE, file), "utf8"));
});
