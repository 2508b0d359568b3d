// The admin dashboard in www/, end to end: a Vite production build of it (importing the
// package from www/node_modules, i.e. the built pkg/), served over HTTP, driven in headless
// Chromium against the emulator, checked against the emulator's state.
// Needs: pkg/ built, `npm install` done in www/ (make www-deps), target/debug/chat-emulator, /usr/bin/chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { build } from "vite";
import { launchChromium } from "../browser/chromium.mjs";
import { startEmulator, SDK_APP_ID, ADMIN } from "../consumer/emulator.mjs";
import { createStaticServer, dashboardUrl } from "../../www/serve.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dist = join(root, "target/www-dist");
const shots = join(root, "test-output/www");
// A sig that cannot appear anywhere by accident.
const SIG = "dashboard-test-usersig-9f4e7c21";

let emu;
let server;
let base;
let browser;

before(async () => {
  if (!existsSync(join(root, "www/node_modules/tencent-chat-conversations/package.json"))) {
    throw new Error("www/node_modules lacks the package: build pkg/, then run `npm install` in www/");
  }
  await build({
    root: join(root, "www"),
    logLevel: "warn",
    build: { outDir: dist, emptyOutDir: true },
  });
  await mkdir(shots, { recursive: true });
  emu = await startEmulator(["--seed", "demo", "--usersig", SIG]);
  server = createStaticServer(dist);
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  await emu?.stop();
});

const keyOf = (c) => (c.type === "c2c" ? `c2c:${c.userId}` : `group:${c.groupId}`);
const state = async (account) => {
  const s = await emu.get(`state?account=${encodeURIComponent(account)}`);
  return { ...s, byKey: new Map(s.conversations.map((c) => [keyOf(c), c])) };
};

/** Retries `fn` (an assertion) until it passes or `ms` run out. */
async function eventually(fn, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** A fresh page: loaded with the emulator pre-filled, connected, and `account` opened. */
async function openDashboard(t, { account = "alice", url } = {}) {
  await emu.post("reset", { seed: "demo" });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  t.after(async () => {
    await page.close();
    assert.deepEqual(pageErrors, [], "uncaught errors in the page");
  });
  await page.goto(url ?? dashboardUrl(base, { emulator: emu.url, sdkAppId: String(SDK_APP_ID), identifier: ADMIN }));
  await page.waitForSelector("body[data-ready]");
  await page.getByTestId("user-sig").fill(SIG);
  await page.getByTestId("connect").click();
  if (account) await openAccount(page, account);
  return page;
}

async function openAccount(page, account) {
  await page.getByTestId("account").fill(account);
  await page.getByTestId("open-account").click();
  await page.waitForSelector("#workspace[data-groups=ready] [data-testid=conversations][data-loading=false] tr[data-key]");
}

async function loadAll(page) {
  while ((await page.getByTestId("conversations").getAttribute("data-complete")) !== "true") {
    await page.getByTestId("load-more").click();
    await page.waitForSelector("[data-testid=conversations][data-loading=false]");
    assert.equal(await page.getByTestId("error").isHidden(), true, await page.getByTestId("error").textContent());
  }
}

/** What the table shows, row by row, in order. */
function readRows(page, section = "") {
  return page.$$eval(`[data-testid=conversations] ${section} tr[data-key]`, (rows) =>
    rows.map((r) => ({
      key: r.dataset.key,
      pinned: r.closest("tbody").dataset.testid === "pinned-rows",
      time: r.querySelector("[data-testid=msg-time]").textContent,
      datetime: r.querySelector("time")?.getAttribute("datetime") ?? null,
      marks: [...r.querySelectorAll("[data-testid=mark]")].map((b) => Number(b.dataset.bit)),
      markLabels: [...r.querySelectorAll("[data-testid=mark]")].map((b) => b.textContent),
      customMark: r.querySelector("[data-testid=custom-mark]")?.textContent ?? "",
      groups: [...r.querySelectorAll("[data-testid=group-chip]")].map((b) => Number(b.dataset.groupId)),
    })),
  );
}

const row = (page, key) => page.locator(`[data-testid=conversations] tr[data-key="${key}"]`);

test("connects from pre-filled fields, clears the UserSig input, lists pinned first with local times and merged marks", async (t) => {
  const page = await openDashboard(t, { account: null });
  assert.equal(await page.getByTestId("region").inputValue(), "custom");
  // The region list is the package's REGIONS (the one the dashboard imports), then "custom".
  const { REGIONS } = createRequire(join(root, "www/package.json"))("tencent-chat-conversations");
  const offered = await page.getByTestId("region").locator("option").evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(offered, [...REGIONS, "custom"]);
  assert.equal(await page.getByTestId("endpoint").inputValue(), emu.url);
  assert.equal(await page.getByTestId("sdk-app-id").inputValue(), String(SDK_APP_ID));
  assert.equal(await page.getByTestId("identifier").inputValue(), ADMIN);
  assert.equal(await page.getByTestId("user-sig").inputValue(), "", "the UserSig input is cleared after connecting");
  assert.match(await page.getByTestId("sig-note").textContent(), /backend|proxy/);
  assert.match(await page.getByTestId("connection").textContent(), /Connected/);
  await openAccount(page, "alice");

  const first = await readRows(page);
  assert.equal(first.length, 100, "one page of 100");
  const pinned = first.filter((r) => r.pinned).map((r) => r.key);
  assert.deepEqual(new Set(pinned), new Set(["c2c:bob", "c2c:carol", "group:@TGS#demo_001"]));
  assert.deepEqual(first.slice(0, 3).map((r) => r.key), pinned, "pinned rows come first");
  assert.match(await page.getByTestId("list-status").textContent(), /more available/);
  await page.screenshot({ path: join(shots, "list.png") });

  await loadAll(page);
  const rows = await readRows(page);
  const alice = await state("alice");
  assert.equal(rows.length, 300);
  assert.equal(new Set(rows.map((r) => r.key)).size, 300, "no duplicates");
  assert.deepEqual(new Set(rows.map((r) => r.key)), new Set(alice.byKey.keys()));
  assert.match(await page.getByTestId("list-status").textContent(), /300 conversations \(3 pinned\) · all loaded/);
  assert.equal(await page.getByTestId("load-more").isDisabled(), true);

  // Times: the service's MsgTime, shown in the browser's local time zone.
  const expectedTimes = await page.evaluate(
    (list) => {
      const f = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
      return list.map((t) => (t ? f.format(new Date(t * 1000)) : "no messages"));
    },
    rows.map((r) => alice.byKey.get(r.key).msgTime),
  );
  assert.deepEqual(rows.map((r) => r.time), expectedTimes);
  const normal = rows.filter((r) => !r.pinned).map((r) => alice.byKey.get(r.key).msgTime);
  assert.deepEqual(normal, [...normal].sort((a, b) => b - a), "newest first");
  assert.ok(rows.some((r) => r.time === "no messages"), "empty conversations are listed");

  // Marks, custom marks and groups come from getGroups, merged into the rows by key.
  for (const r of rows) {
    const c = alice.byKey.get(r.key);
    assert.deepEqual(r.marks, c.marks, `marks of ${r.key}`);
    assert.equal(r.customMark, c.customMark, `custom mark of ${r.key}`);
    assert.deepEqual(r.groups, c.groupIds, `groups of ${r.key}`);
  }
  const labels = new Set(rows.flatMap((r) => r.markLabels));
  for (const l of ["favorite", "unread", "collapsed", "hidden", "bit 32", "bit 40", "bit 63"]) assert.ok(labels.has(l), `a "${l}" badge`);
  assert.ok(rows.find((r) => r.key === "c2c:bob").customMark, "bob's custom mark");
  await row(page, "c2c:bob").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "list-loaded.png") });
});

test("pins a conversation into the pinned section and unpins it back", async (t) => {
  const page = await openDashboard(t);
  const [target] = await readRows(page, "[data-testid=rows]");
  await row(page, target.key).getByTestId("pin").click();
  await page.waitForSelector(`[data-testid=pinned-rows] tr[data-key="${target.key}"] [data-testid=unpin]:not([disabled])`);
  assert.equal((await state("alice")).byKey.get(target.key).pinned, true);
  assert.equal((await readRows(page, "[data-testid=pinned-rows]")).length, 4);
  assert.match(await page.getByTestId("notice").textContent(), /Pinned/);
  await page.screenshot({ path: join(shots, "pinned.png") });

  await row(page, target.key).getByTestId("unpin").click();
  await page.waitForSelector(`[data-testid=rows] tr[data-key="${target.key}"] [data-testid=pin]:not([disabled])`);
  assert.equal((await state("alice")).byKey.get(target.key).pinned, false);
  const rows = await readRows(page);
  assert.equal(rows.filter((r) => r.pinned).length, 3);
  assert.equal(rows[3].key, target.key, "back at its place: the newest normal conversation");
});

test("sets standard marks, an app bit and a custom mark, then clears one", async (t) => {
  const page = await openDashboard(t);
  const alice = await state("alice");
  const target = (await readRows(page, "[data-testid=rows]")).find((r) => !r.marks.length && !r.customMark);
  assert.deepEqual(alice.byKey.get(target.key).marks, []);

  await row(page, target.key).getByTestId("edit-marks").click();
  const editor = page.getByTestId("mark-editor");
  await editor.getByTestId("mark-bit-0").check();
  await editor.getByTestId("mark-bit-1").check();
  await editor.getByTestId("mark-bit-40").check();
  await editor.getByTestId("custom-mark-input").fill("VIP · über");
  await page.screenshot({ path: join(shots, "mark-editor.png") });
  await editor.getByTestId("save-marks").click();

  await eventually(async () => {
    const [r] = (await readRows(page)).filter((x) => x.key === target.key);
    assert.deepEqual(r.markLabels, ["favorite", "unread", "bit 40"]);
    assert.equal(r.customMark, "VIP · über");
  });
  let c = (await state("alice")).byKey.get(target.key);
  assert.deepEqual(c.marks, [0, 1, 40]);
  assert.equal(c.customMark, "VIP · über");
  await row(page, target.key).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "marked.png") });

  // Clear "unread" and the custom mark; the editor starts from the current marks.
  await row(page, target.key).getByTestId("edit-marks").click();
  assert.equal(await editor.getByTestId("mark-bit-40").isChecked(), true);
  assert.equal(await editor.getByTestId("custom-mark-input").inputValue(), "VIP · über");
  await editor.getByTestId("mark-bit-1").uncheck();
  await editor.getByTestId("custom-mark-input").fill("");
  await editor.getByTestId("save-marks").click();
  await eventually(async () => {
    const [r] = (await readRows(page)).filter((x) => x.key === target.key);
    assert.deepEqual(r.markLabels, ["favorite", "bit 40"]);
    assert.equal(r.customMark, "");
  });
  c = (await state("alice")).byKey.get(target.key);
  assert.deepEqual(c.marks, [0, 40]);
  assert.equal(c.customMark, "");
  assert.equal(await page.getByTestId("error").isHidden(), true);
});

test("creates a conversation group from two selected rows and shows it in the groups view", async (t) => {
  const page = await openDashboard(t);
  const picked = (await readRows(page, "[data-testid=rows]")).slice(5, 7).map((r) => r.key);
  for (const key of picked) await row(page, key).getByTestId("select").check();
  assert.equal(await page.getByTestId("selection-count").textContent(), "2 selected");
  await page.getByTestId("new-group-name").fill("Follow up");
  await page.getByTestId("create-group").click();
  await eventually(async () => assert.match(await page.getByTestId("notice").textContent(), /Created group "Follow up" \(#3\) with 2 conversations/));

  const alice = await state("alice");
  const group = alice.groups.find((g) => g.name === "Follow up");
  assert.ok(group, "the group exists in the emulator");
  for (const key of picked) assert.ok(alice.byKey.get(key).groupIds.includes(group.id));
  await eventually(async () => {
    for (const key of picked) assert.deepEqual((await readRows(page)).find((r) => r.key === key).groups, [group.id]);
  });
  assert.equal(await page.getByTestId("selection-count").textContent(), "0 selected", "selection cleared");

  await page.getByTestId("tab-groups").click();
  const section = page.locator(`[data-testid=group][data-group-id="${group.id}"]`);
  assert.equal(await section.getByTestId("group-name").textContent(), "Follow up");
  const members = await section.getByTestId("group-member").evaluateAll((els) => els.map((e) => e.dataset.key));
  assert.deepEqual(new Set(members), new Set(picked));
  // The seeded groups and every marked conversation are listed too.
  assert.deepEqual(await page.getByTestId("group-name").allTextContents(), alice.groups.map((g) => g.name));
  const marked = alice.conversations.filter((c) => c.marks.length || c.customMark || c.groupIds.length);
  assert.equal(await page.getByTestId("marked-row").count(), marked.length);
  await page.screenshot({ path: join(shots, "groups.png"), fullPage: false });
});

test("shows errors with kind, code and message: API error, HTTP 502, invalid input", async (t) => {
  const page = await openDashboard(t);
  const error = page.getByTestId("error");

  // Both faults are retryable: queue one per attempt (the package may retry), clear the rest.
  await emu.post("faults", { command: "get_list", count: 3, fault: { kind: "error", code: 50004 } });
  await page.getByTestId("open-account").click();
  await error.waitFor();
  await emu.del("faults");
  assert.equal(await page.getByRole("alert").getByTestId("error-kind").textContent(), "api");
  assert.match(await error.getByTestId("error-code").textContent(), /^code 50004\b/);
  assert.match(await error.getByTestId("error-message").textContent(), /./);
  await page.screenshot({ path: join(shots, "error-api.png") });

  await emu.post("faults", { command: "get_list", count: 3, fault: { kind: "http502" } });
  await page.getByTestId("open-account").click();
  await eventually(async () => assert.equal(await error.getByTestId("error-kind").textContent(), "http"));
  await emu.del("faults");
  assert.match(await error.getByTestId("error-code").textContent(), /HTTP 502/);

  // Reopening without a fault clears the error and loads the list.
  await openAccount(page, "alice");
  assert.equal(await error.isHidden(), true);
  assert.equal((await readRows(page)).length, 100);

  // Rejected by the package before sending: an empty group name.
  await row(page, "c2c:bob").getByTestId("select").check();
  await page.getByTestId("create-group").click();
  await error.waitFor();
  assert.equal(await error.getByTestId("error-kind").textContent(), "invalid_input");
  assert.match(await error.getByTestId("error-code").textContent(), /^code 0\b/);

  // A fault on a mutation: the pin fails, the row stays where it was.
  await emu.post("faults", { command: "top", count: 1, fault: { kind: "error", code: 51012, info: "pinned limit" } });
  const [target] = await readRows(page, "[data-testid=rows]");
  await row(page, target.key).getByTestId("pin").click();
  await eventually(async () => assert.match(await error.getByTestId("error-code").textContent(), /^code 51012\b/));
  await page.waitForSelector(`[data-testid=rows] tr[data-key="${target.key}"] [data-testid=pin]:not([disabled])`);
  assert.equal((await state("alice")).byKey.get(target.key).pinned, false);
});

test("1,500 conversations: every page loads, all rows render, the page stays responsive", async (t) => {
  const page = await openDashboard(t, { account: null });
  await emu.post("conversations", { account: "x", generate: { count: 1500 } });
  await openAccount(page, "x");
  const started = Date.now();
  await page.getByTestId("load-all").click();
  await page.waitForSelector("[data-testid=conversations][data-complete=true][data-loading=false]", { timeout: 60_000 });
  t.diagnostic(`15 pages loaded and rendered in ${Date.now() - started} ms`);
  const rows = await readRows(page);
  assert.equal(rows.length, 1500);
  assert.equal(new Set(rows.map((r) => r.key)).size, 1500);
  assert.match(await page.getByTestId("list-status").textContent(), /1500 conversations \(0 pinned\) · all loaded/);

  // Clicks are handled promptly with 1,500 rows: select the last row, then pin it.
  const last = rows.at(-1).key;
  await row(page, last).scrollIntoViewIfNeeded();
  const clickStart = Date.now();
  await row(page, last).getByTestId("select").check();
  await eventually(async () => assert.equal(await page.getByTestId("selection-count").textContent(), "1 selected"));
  t.diagnostic(`select click handled in ${Date.now() - clickStart} ms`);
  const frameMs = await page.evaluate(
    () => new Promise((r) => { const s = performance.now(); requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now() - s))); }),
  );
  t.diagnostic(`two animation frames took ${Math.round(frameMs)} ms`);
  await row(page, last).getByTestId("pin").click();
  await page.waitForSelector(`[data-testid=pinned-rows] tr[data-key="${last}"]`);
  assert.equal((await state("x")).byKey.get(last).pinned, true);
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: join(shots, "big.png") });
});

test("the UserSig is never in storage, cookies, the URL or the DOM; one in the URL is removed", async (t) => {
  const page = await openDashboard(t);
  await loadAll(page);
  await row(page, "c2c:bob").getByTestId("unpin").click();
  await page.waitForSelector(`[data-testid=rows] tr[data-key="c2c:bob"] [data-testid=pin]:not([disabled])`);
  const where = await page.evaluate(() => ({
    localStorage: JSON.stringify({ ...localStorage }),
    sessionStorage: JSON.stringify({ ...sessionStorage }),
    cookie: document.cookie,
    location: location.href,
    history: String(history.state),
    dom: document.documentElement.outerHTML,
    inputs: [...document.querySelectorAll("input")].map((i) => i.value).join("\n"),
  }));
  for (const [place, text] of Object.entries(where)) assert.ok(!text.includes(SIG), `UserSig found in ${place}`);
  assert.equal(where.localStorage, "{}");
  assert.equal(where.sessionStorage, "{}");
  assert.equal(where.cookie, "");
  const cookies = await page.context().cookies();
  assert.deepEqual(cookies, []);

  // A sig passed in the URL is not used, and is taken out of the address bar.
  const url = `${dashboardUrl(base, { emulator: emu.url })}&userSig=${SIG}`;
  const other = await browser.newPage();
  t.after(() => other.close());
  await other.goto(url);
  await other.waitForSelector("body[data-ready]");
  assert.ok(!other.url().includes(SIG), other.url());
  assert.equal(await other.getByTestId("user-sig").inputValue(), "");
  assert.match(await other.getByTestId("notice").textContent(), /ignored/);
  assert.equal(await other.getByTestId("endpoint").inputValue(), emu.url, "the other fields stay pre-filled");
});

const groupSection = (page, id) => page.locator(`[data-testid=group][data-group-id="${id}"]`);
const groupIdsOf = async (page, key) => (await readRows(page)).find((r) => r.key === key).groups;

test("renames a group, adds and removes the selected rows, removes a member, deletes the group after a confirmation", async (t) => {
  const page = await openDashboard(t);
  const dialog = page.getByTestId("confirm-dialog");

  // Rename "Team" (#2); Enter in the field saves.
  await page.getByTestId("tab-groups").click();
  await groupSection(page, 2).getByTestId("rename-group").click();
  assert.equal(await page.getByTestId("rename-input").inputValue(), "Team");
  await page.getByTestId("rename-input").fill("Core team");
  await page.getByTestId("rename-input").press("Enter");
  await eventually(async () => assert.equal(await groupSection(page, 2).getByTestId("group-name").textContent(), "Core team"));
  assert.match(await page.getByTestId("notice").textContent(), /Renamed group "Team" to "Core team"/);
  assert.deepEqual((await state("alice")).groups, [{ id: 1, name: "Customers" }, { id: 2, name: "Core team" }]);
  const chips = page.locator(`[data-testid=conversations] tr[data-key="c2c:bob"] [data-testid=group-chip]`);
  await eventually(async () => assert.ok((await chips.allTextContents()).includes("Core team"), "bob's row shows the new name"));

  // Add two rows that are in no group to it, from the selection bar.
  await page.getByTestId("tab-conversations").click();
  const picked = (await readRows(page, "[data-testid=rows]")).filter((r) => !r.groups.length).slice(0, 2).map((r) => r.key);
  assert.equal(picked.length, 2);
  assert.equal(await page.getByTestId("add-to-group").isDisabled(), true, "nothing selected yet");
  for (const key of picked) await row(page, key).getByTestId("select").check();
  await page.getByTestId("target-group").selectOption("2");
  await page.getByTestId("add-to-group").click();
  await eventually(async () => assert.match(await page.getByTestId("notice").textContent(), /Added 2 of 2 conversations to "Core team"/));
  await eventually(async () => {
    for (const key of picked) assert.deepEqual(await groupIdsOf(page, key), [2]);
  });
  let alice = await state("alice");
  for (const key of picked) assert.deepEqual(alice.byKey.get(key).groupIds, [2]);
  await eventually(async () => assert.equal(await page.getByTestId("selection-count").textContent(), "0 selected", "selection cleared"));
  assert.equal(await page.getByTestId("error").isHidden(), true);
  await page.screenshot({ path: join(shots, "group-added.png") });

  // Take the first one out again, from the selection bar.
  await row(page, picked[0]).getByTestId("select").check();
  await page.getByTestId("remove-from-group").click();
  await eventually(async () => assert.match(await page.getByTestId("notice").textContent(), /Removed 1 of 1 conversation from "Core team"/));
  await eventually(async () => assert.deepEqual(await groupIdsOf(page, picked[0]), []));
  assert.deepEqual((await state("alice")).byKey.get(picked[0]).groupIds, []);

  // And the second from the groups view, with its member's Remove button.
  await page.getByTestId("tab-groups").click();
  const member = groupSection(page, 2).locator(`[data-testid=group-member][data-key="${picked[1]}"]`);
  await member.getByTestId("remove-member").click();
  await member.waitFor({ state: "detached" });
  alice = await state("alice");
  assert.deepEqual(alice.byKey.get(picked[1]).groupIds, []);
  const members = alice.conversations.filter((c) => c.groupIds.includes(2)).map(keyOf);
  assert.ok(members.length > 0, "the seeded members stay");
  assert.deepEqual(new Set(await groupSection(page, 2).getByTestId("group-member").evaluateAll((els) => els.map((e) => e.dataset.key))), new Set(members));

  // Delete: cancelled first (nothing happens), then confirmed.
  await groupSection(page, 2).getByTestId("delete-group").click();
  await dialog.waitFor();
  assert.match(await page.getByTestId("confirm-title").textContent(), /Delete group "Core team"\?/);
  assert.match(await page.getByTestId("confirm-text").textContent(), new RegExp(`its ${members.length} conversations stay`));
  assert.equal(await page.getByTestId("clear-history").isVisible(), false, "no history option for a group");
  await page.screenshot({ path: join(shots, "confirm-delete-group.png") });
  await page.getByTestId("confirm-cancel").click();
  await dialog.waitFor({ state: "hidden" });
  assert.equal((await state("alice")).groups.length, 2, "cancel deletes nothing");

  await groupSection(page, 2).getByTestId("delete-group").click();
  await page.getByTestId("confirm-ok").click();
  await groupSection(page, 2).waitFor({ state: "detached" });
  assert.match(await page.getByTestId("notice").textContent(), /Deleted group "Core team" \(#2\)/);
  alice = await state("alice");
  assert.deepEqual(alice.groups, [{ id: 1, name: "Customers" }]);
  for (const key of members) assert.ok(alice.byKey.has(key), `${key} is still a conversation`);
  await page.getByTestId("tab-conversations").click();
  await eventually(async () => {
    for (const r of await readRows(page)) assert.ok(!r.groups.includes(2), `${r.key} still shows group 2`);
  });
  assert.deepEqual(await page.getByTestId("target-group").locator("option").allTextContents(), ["Customers (#1)"]);
  assert.equal(await page.getByTestId("error").isHidden(), true);
});

test("deletes a conversation after a confirmation, clearing its roaming messages when asked", async (t) => {
  const page = await openDashboard(t);
  const dialog = page.getByTestId("confirm-dialog");
  const [first, second] = (await readRows(page, "[data-testid=rows]")).map((r) => r.key);

  // Escape and Cancel leave it alone.
  await row(page, first).getByTestId("delete-conversation").click();
  await dialog.waitFor();
  assert.match(await page.getByTestId("confirm-title").textContent(), new RegExp(`Delete conversation ${first.split(":")[1]}\\?`));
  assert.equal(await page.getByTestId("clear-history").isChecked(), false, "history is kept unless asked");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  await row(page, first).getByTestId("delete-conversation").click();
  await page.getByTestId("confirm-cancel").click();
  await dialog.waitFor({ state: "hidden" });
  assert.ok(!(await state("alice")).byKey.get(first).deleted);
  assert.equal((await readRows(page)).length, 100);

  await emu.post("stats/reset");
  await row(page, first).getByTestId("delete-conversation").click();
  await page.screenshot({ path: join(shots, "confirm-delete-conversation.png") });
  await page.getByTestId("confirm-ok").click();
  await row(page, first).waitFor({ state: "detached" });
  assert.equal((await state("alice")).byKey.get(first)?.deleted ?? true, true, "off the list");
  assert.match(await page.getByTestId("notice").textContent(), /^Deleted \S+\.$/);
  assert.match(await page.getByTestId("list-status").textContent(), /^99 conversations \(3 pinned\)/);

  await row(page, second).getByTestId("select").check();
  await row(page, second).getByTestId("delete-conversation").click();
  await page.getByTestId("clear-history").check();
  await page.getByTestId("confirm-ok").click();
  await row(page, second).waitFor({ state: "detached" });
  assert.equal((await state("alice")).byKey.get(second)?.deleted ?? true, true, "off the list");
  assert.match(await page.getByTestId("notice").textContent(), /and its roaming messages/);
  assert.equal(await page.getByTestId("selection-count").textContent(), "0 selected", "a deleted row leaves the selection");
  const deletes = (await emu.get("stats")).recent.filter((r) => r.command === "delete").map((r) => r.body);
  assert.equal(deletes.length, 2);
  assert.equal(deletes[0].ClearRamble ?? 0, 0);
  assert.equal(deletes[1].ClearRamble, 1);
  assert.equal(await page.getByTestId("error").isHidden(), true);
});

test("shows per-item failures of a group update, and the errors of the new calls", async (t) => {
  // 1,000 conversations with marks (the service's cap on marked or grouped ones) and two
  // newer unmarked ones: adding those to a group must fail item by item (51008).
  const page = await openDashboard(t, { account: null });
  const marked = Array.from({ length: 1000 }, (_, i) => ({ type: "c2c", userId: `m${i}`, msgTime: 1700000000 + i, marks: [0] }));
  const fresh = [0, 1].map((i) => ({ type: "c2c", userId: `fresh${i}`, msgTime: 1800000000 + i }));
  await emu.post("conversations", { account: "capped", conversations: [...marked, ...fresh] });
  await openAccount(page, "capped");
  const error = page.getByTestId("error");

  // A group with one marked conversation (already counted: it fits).
  await row(page, "c2c:m999").getByTestId("select").check();
  await page.getByTestId("new-group-name").fill("Capped");
  await page.getByTestId("create-group").click();
  await eventually(async () => assert.match(await page.getByTestId("notice").textContent(), /Created group "Capped" \(#1\) with 1 conversations/));

  for (const key of ["c2c:fresh1", "c2c:fresh0", "c2c:m998"]) await row(page, key).getByTestId("select").check();
  await page.getByTestId("add-to-group").click();
  await error.waitFor();
  assert.equal(await error.getByTestId("error-kind").textContent(), "item_failed");
  assert.match(await error.getByTestId("error-code").textContent(), /^code 51008\b/);
  assert.match(await error.getByTestId("error-message").textContent(), /^add to group: 2 of 3 failed — fresh1: 51008 .*; fresh0: 51008 /);
  await eventually(async () => assert.match(await page.getByTestId("notice").textContent(), /Added 1 of 3 conversations to "Capped"/));
  const capped = await state("capped");
  assert.deepEqual(capped.byKey.get("c2c:m998").groupIds, [1]);
  assert.deepEqual(capped.byKey.get("c2c:fresh0").groupIds, []);
  await eventually(async () => assert.deepEqual(await groupIdsOf(page, "c2c:m998"), [1]));
  await eventually(async () => assert.equal(await page.getByTestId("selection-count").textContent(), "2 selected", "the failed rows stay selected"));
  assert.equal(await row(page, "c2c:fresh0").getByTestId("select").isChecked(), true);
  assert.equal(await row(page, "c2c:m998").getByTestId("select").isChecked(), false);
  await page.screenshot({ path: join(shots, "item-failures.png") });

  // Whole-call errors: the service's (a fault), and input the package rejects.
  await page.getByTestId("dismiss-error").click();
  await page.getByTestId("tab-groups").click();
  await emu.post("faults", { command: "del_contact_group", count: 1, fault: { kind: "error", code: 51009, info: "group not found" } });
  await groupSection(page, 1).getByTestId("delete-group").click();
  await page.getByTestId("confirm-ok").click();
  await error.waitFor();
  assert.equal(await error.getByTestId("error-kind").textContent(), "api");
  assert.match(await error.getByTestId("error-code").textContent(), /^code 51009\b/);
  assert.equal((await state("capped")).groups.length, 1, "nothing deleted");
  assert.equal(await groupSection(page, 1).isVisible(), true);

  await groupSection(page, 1).getByTestId("rename-group").click();
  await page.getByTestId("rename-input").fill("x".repeat(33));
  await page.getByTestId("rename-save").click();
  await eventually(async () => assert.equal(await error.getByTestId("error-kind").textContent(), "invalid_input"));
  assert.deepEqual((await state("capped")).groups, [{ id: 1, name: "Capped" }]);
});
