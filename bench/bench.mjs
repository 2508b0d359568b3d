// `make bench`: the package against a hand-written fetch client (handwritten.mjs), same
// calls, same local server (server.mjs, its own process; a second one 20 ms away, and fetch
// answered from memory for each client's own cost), one run, side by side. Ratios are
// package ÷ hand-written, the median of RUNS paired runs; each figure is the median of its
// runs. Timings are reported, never asserted (shared machines are noisy); sizes are budgeted
// in `make test` instead.
import { spawn, execFileSync } from "node:child_process";
import { createInterface } from "node:readline";
import os from "node:os";
import { ConversationClient } from "../pkg/index.mjs";
import { handwrittenClient } from "./handwritten.mjs";
import { canned, listPage, SEARCHED } from "./pages.mjs";

const RUNS = Number(process.env.RUNS ?? 7);
const CALLS = Number(process.env.CALLS ?? 300);
// Without a network a call takes tens of µs: ten times the calls keeps each run well above
// the resolution of process.cpuUsage().
const MEMORY_CALLS = CALLS * 10;
// 20 ms away a call takes over 20 ms: 50 calls a run (1 s) keeps the whole bench short.
const FAR_CALLS = 50;
const here = new URL(".", import.meta.url);

function listen(delay) {
  const server = spawn(process.execPath, [new URL("server.mjs", here).pathname], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, DELAY: delay } });
  const endpoint = new Promise((resolve) =>
    createInterface({ input: server.stdout }).on("line", (l) => l.startsWith("listening on ") && resolve(l.slice(13))),
  );
  return { server, endpoint };
}
const near = listen(0), far = listen(20);
const [endpoint, farEndpoint] = await Promise.all([near.endpoint, far.endpoint]);
const options = { sdkAppId: 1400000000, identifier: "administrator", userSig: "bench-sig", endpoint, maxRequestsPerSecond: 0, maxRetries: 0 };
const clients = { package: new ConversationClient(options), handwritten: handwrittenClient(options) };
const farOptions = { ...options, endpoint: farEndpoint };
const farClients = { package: new ConversationClient(farOptions), handwritten: handwrittenClient(farOptions) };
const bob = { type: "c2c", userId: "bob" };
const team = { type: "group", groupId: "@TGS#1" };
// The conversations pages.mjs's search answer reports, in the same order.
const searched = Array.from({ length: SEARCHED }, (_, i) => (i % 2 ? { type: "c2c", userId: `user_${i}` } : { type: "group", groupId: `@TGS#${i}` }));
const calls = {
  top: (c) => c.pin("alice", [bob, team]),
  mark_contact: (c) => c.mark("alice", [{ conversation: bob, set: [1, 2, 3], customMark: "abcd" }]),
  create_contact_group: (c) => c.createGroup("alice", { name: "test0", conversations: [bob] }),
  get_contact_group: (c) => c.getGroups("alice"),
  get_list: (c) => c.listConversations("alice"),
  update_contact_group: (c) => c.updateGroup("alice", { name: "test1x", add: [bob], remove: [team] }),
  del_contact_group: (c) => c.deleteGroup("alice", "test1x"),
  search_contact_group: (c) => c.findConversations("alice", searched),
  delete: (c) => c.deleteConversation("alice", bob),
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

async function sequential(call, client, n = CALLS) {
  const c0 = cpuMs(), t0 = performance.now(), lat = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await call(client);
    lat.push(performance.now() - s);
  }
  return { cpuPerCall: (cpuMs() - c0) / n, latency: median(lat), wall: performance.now() - t0 };
}

async function throughput(call, client, total = 2000, inFlight = 64) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async () => { while (next++ < total) await call(client); }));
  return total / ((performance.now() - t0) / 1000);
}

function child(what, which, at = endpoint) {
  const out = execFileSync(process.execPath, ["--expose-gc", new URL("child.mjs", here).pathname, what, which, at], { encoding: "utf8" });
  return JSON.parse(out);
}

// Each run measures both clients back to back, in alternating order, so its ratio is paired:
// the median of those ratios cancels the load drift of a shared machine better than a ratio
// of medians would.
async function paired(measure) {
  const r = { package: [], handwritten: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const which of run % 2 ? ["handwritten", "package"] : ["package", "handwritten"]) r[which].push(await measure(which));
  }
  return r;
}
const rows = [];
const row = (label, pkg, hand, unit, digits = 3) => {
  const ratio = median(pkg.map((p, i) => p / hand[i]));
  rows.push([label, median(pkg).toFixed(digits), median(hand).toFixed(digits), unit, ratio.toFixed(2)]);
};
const field = (runs, key) => runs.map((r) => r[key]);
const warmUp = async (clients, n) => { for (const c of Object.values(clients)) for (const call of Object.values(calls)) for (let i = 0; i < n; i++) await call(c); };

// Warm both clients up (JIT, keep-alive connections) before measuring.
await warmUp(clients, 50);

for (const [name, call] of Object.entries(calls)) {
  const r = await paired((which) => sequential(call, clients[which]));
  row(`CPU per call: ${name}`, field(r.package, "cpuPerCall"), field(r.handwritten, "cpuPerCall"), "ms");
  if (name === "top" || name === "get_list") {
    row(`sequential latency: ${name}`, field(r.package, "latency"), field(r.handwritten, "latency"), "ms");
  }
}
const tp = await paired((which) => throughput(calls.top, clients[which]));
row("throughput, 64 in flight (top)", tp.package, tp.handwritten, "calls/s", 0);

const fresh = await paired((which) => ({ walk: child("walk", which), cold: child("cold", which).ms }));
const walk = field(fresh.package, "walk"), handWalk = field(fresh.handwritten, "walk");
const kib = (runs) => field(runs, "peakBytes").map((b) => b / 1024);
row("walk 10,000 conversations: time", field(walk, "ms"), field(handWalk, "ms"), "ms", 1);
row("walk 10,000 conversations: peak memory", kib(walk), kib(handWalk), "KiB", 0);
row("cold start in Node: import to client ready", field(fresh.package, "cold"), field(fresh.handwritten, "cold"), "ms", 1);
near.server.kill();

// Each client's own cost, without the network and the server: fetch answers at once from
// memory with the body the server would send. gloo-net calls fetch(new Request(url, init)),
// the hand-written client fetch(url, init); the stub reads only the URL, so it costs both the same.
const bodies = { ...canned, get_list: listPage(0) };
const realFetch = globalThis.fetch;
globalThis.fetch = async (input) => {
  const url = input instanceof Request ? input.url : String(input);
  const command = url.slice(url.lastIndexOf("/") + 1, url.indexOf("?"));
  return new Response(bodies[command], { status: 200, headers: { "content-type": "application/json" } });
};
try {
  await warmUp(clients, 200);
  for (const name of ["top", "get_list"]) {
    const r = await paired((which) => sequential(calls[name], clients[which], MEMORY_CALLS));
    const us = (runs) => field(runs, "cpuPerCall").map((ms) => ms * 1000);
    row(`CPU per call, fetch answered from memory: ${name}`, us(r.package), us(r.handwritten), "µs", 1);
  }
} finally {
  globalThis.fetch = realFetch;
}

// What users wait for: the same calls to a server 20 ms away (the ≤ 1.05× target).
await warmUp(farClients, 2);
for (const name of ["top", "get_list"]) {
  const r = await paired((which) => sequential(calls[name], farClients[which], FAR_CALLS));
  row(`20 ms away: sequential latency: ${name}`, field(r.package, "latency"), field(r.handwritten, "latency"), "ms", 2);
}
const farWalk = await paired((which) => child("walk", which, farEndpoint).ms);
row("20 ms away: walk 10,000 conversations: time", farWalk.package, farWalk.handwritten, "ms", 1);
far.server.kill();

// The sizes as `make size` budgets them: each file raw and gzip -9, then the .wasm plus
// the JS bundled and minified by esbuild.
const sizes = execFileSync(new URL("../scripts/size.sh", import.meta.url).pathname, { encoding: "utf8" });

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}`);
const rustc = execFileSync("rustc", ["--version"], { encoding: "utf8" }).trim();
console.log(`wasm built by ${rustc}; medians of ${RUNS} paired runs, ${CALLS} sequential calls each (${MEMORY_CALLS} from memory, ${FAR_CALLS} 20 ms away)\n`);
const widths = [50, 12, 12, 8, 8];
const line = (cells) => cells.map((c, i) => String(c)[i ? "padStart" : "padEnd"](widths[i])).join(" ");
console.log(line(["measure", "package", "hand-written", "unit", "ratio"]));
for (const r of rows) console.log(line(r));
console.log("\n" + sizes.trimEnd());

// The library's limiter and the CLI's bulk runner at the service's rate, as the emulator
// counts it (limiter.mjs and bulk.mjs; each starts its own emulator).
for (const script of ["limiter.mjs", "bulk.mjs"]) {
  console.log("\n" + execFileSync(process.execPath, [new URL(script, here).pathname], { encoding: "utf8" }).trimEnd());
}
