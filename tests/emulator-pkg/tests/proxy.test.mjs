// The signing proxy of docs/signing-proxy.md (examples/signing-proxy.mjs, run as written) in front of
// the emulator started with --secret-key: it signs with tls-sig-api-v2, forwards only
// v4/recentcontact/*, never returns the UserSig, and the dashboard works through it in
// Chromium with no UserSig typed into the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { build } from "vite";
import { BIN, PROJECT, SDK_APP_ID, ADMIN, control, startCommand } from "./helpers.mjs";
import { launchChromium, serveDir } from "./browser.mjs";

const KEY = "9c2e4a6b8d0f1e3c5a7b9d1f2e4c6a8b0d2f4e6c8a1b3d5f7e9c0a2b4d6f8e1c";
let emu;
let proxy;
let site;
let browser;

before(async () => {
  emu = await startCommand(BIN, ["--port", "0", "--seed", "demo", "--secret-key", KEY]);
  const www = process.env.WWW_ROOT;
  assert.ok(www, "WWW_ROOT names the dashboard's folder (www/)");
  const dist = join(PROJECT, "dist/www");
  await build({ root: www, logLevel: "warn", build: { outDir: dist, emptyOutDir: true } });
  site = await serveDir(dist);
  const origin = new URL(site.url).origin;
  proxy = await startCommand("node", [join(PROJECT, "examples/signing-proxy.mjs")], {
    env: { SDKAPPID: String(SDK_APP_ID), IDENTIFIER: ADMIN, SECRET_KEY: KEY, CHAT_ENDPOINT: emu.url, ALLOW_ORIGIN: origin, PORT: "0" },
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  site?.close();
  await proxy?.kill();
  await emu?.kill();
});

/** Every UserSig the emulator has seen (the proxy's). */
async function sigsSeen() {
  const { recent } = await control(emu.url, "stats");
  return [...new Set(recent.map((r) => r.query.usersig))];
}

test("forwards recentcontact calls with a UserSig of its own, refuses the rest", async () => {
  const body = JSON.stringify({ From_Account: "alice", TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 });
  const texts = [];
  for (const query of ["", "?usersig=from-the-browser&identifier=alice&sdkappid=1&random=77"]) {
    const res = await fetch(`${proxy.url}/v4/recentcontact/get_list${query}`, { method: "POST", body });
    const text = await res.text();
    texts.push(text, JSON.stringify([...res.headers]));
    const json = JSON.parse(text);
    assert.equal(json.ErrorCode, 0, text);
    assert.equal(json.SessionItem.length, 100);
  }
  const sigs = await sigsSeen();
  assert.equal(sigs.length, 1);
  assert.ok(sigs[0].length > 100, "a real TLSSigAPIv2 sig");
  const { recent } = await control(emu.url, "stats");
  assert.equal(recent.at(-1).query.random, "77");
  assert.equal(recent.at(-1).query.identifier, ADMIN);

  for (const [method, path] of [
    ["GET", "/_emulator/state?account=alice"],
    ["POST", "/_emulator/reset"],
    ["POST", "/v4/openim/sendmsg"],
    ["POST", "/v4/recentcontact/../openim/sendmsg"],
    ["GET", "/"],
  ]) {
    const res = await fetch(`${proxy.url}${path}`, { method });
    texts.push(await res.text());
    assert.ok(res.status === 404 || res.status === 405, `${method} ${path}: ${res.status}`);
  }
  const get = await fetch(`${proxy.url}/v4/recentcontact/get_list`);
  assert.equal(get.status, 405);
  const preflight = await fetch(`${proxy.url}/v4/recentcontact/top`, { method: "OPTIONS" });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get("access-control-allow-origin"), new URL(site.url).origin);
  for (const t of texts) assert.ok(!t.includes(sigs[0]), "the UserSig never comes back");
});

test("the dashboard works through the proxy with no UserSig in the page", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const params = new URLSearchParams({ endpoint: proxy.url, sdkAppId: String(SDK_APP_ID), identifier: ADMIN, account: "alice" });
  await page.goto(`${site.url}?${params}`);
  await page.waitForSelector("body[data-ready]");
  assert.equal(await page.getByTestId("user-sig").inputValue(), "");
  await page.getByTestId("connect").click();
  await page.waitForSelector("#workspace[data-groups=ready] [data-testid=conversations][data-loading=false] tr[data-key]");
  const rows = await page.$$eval("[data-testid=conversations] tr[data-key]", (r) => r.map((x) => x.dataset.key));
  assert.equal(rows.length, 100);
  assert.ok(rows.includes("c2c:bob"));
  assert.equal(await page.getByTestId("error").isHidden(), true);

  // Pin a conversation through the page; the emulator sees it.
  const target = rows.find((k) => k.startsWith("c2c:") && k !== "c2c:bob" && k !== "c2c:carol");
  await page.locator(`[data-testid=conversations] tr[data-key="${target}"]`).getByTestId("pin").click();
  await page.waitForSelector(`[data-testid=pinned-rows] tr[data-key="${target}"] [data-testid=unpin]:not([disabled])`);
  const alice = await control(emu.url, "state?account=alice");
  assert.equal(alice.conversations.find((c) => `c2c:${c.userId}` === target)?.pinned, true);
  const sigs = await sigsSeen();
  const html = await page.content();
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }) + document.cookie);
  await page.close();
  assert.deepEqual(errors, []);
  assert.ok(requests.some((u) => u.startsWith(`${proxy.url}/v4/recentcontact/get_list`)), "the page called the proxy");
  for (const sig of sigs) {
    assert.ok(!html.includes(sig) && !storage.includes(sig), "no UserSig in the page");
    assert.ok(!requests.some((u) => u.includes(sig)), "no UserSig in the page's requests");
  }
});
