// `make bench`: the package against a hand-written fetch client (handwritten.mjs), same
// calls, same local server (server.mjs, its own process), one run, side by side. Ratios are
// package ÷ hand-written, the median of RUNS paired runs; each figure is the median of its
// runs. Timings are reported, never asserted (shared machines are noisy); sizes are budgeted
// in `make test` instead.
import { spawn, execFileSync } from "node:child_process";
import { createInterface } from "node:readline";
import os from "node:os";
import { ConversationClient } from "../pkg/index.mjs";
import { handwrittenClient } from "./handwritten.mjs";
import { listPage } from "./pages.mjs";
import { createRequire } from "node:module";

const RUNS = Number(process.env.RUNS ?? 7);
const CALLS = Number(process.env.CALLS ?? 300);
const here = new URL(".", import.meta.url);

const server = spawn(process.execPath, [new URL("server.mjs", here).pathname], { stdio: ["ignore", "pipe", "inherit"] });
const endpoint = await new Promise((resolve) =>
  createInterface({ input: server.stdout }).on("line", (l) => l.startsWith("listening on ") && resolve(l.slice(13))),
);
const options = { sdkAppId: 1400000000, identifier: "administrator", userSig: "bench-sig", endpoint, maxRequestsPerSecond: 0, maxRetries: 0 };
const clients = { package: new ConversationClient(options), handwritten: handwrittenClient(options) };
const bob = { type: "c2c", userId: "bob" };
const team = { type: "group", groupId: "@TGS#1" };
const calls = {
  top: (c) => c.pin("alice", [bob, team]),
  mark_contact: (c) => c.mark("alice", [{ conversation: bob, set: [1, 2, 3], customMark: "abcd" }]),
  create_contact_group: (c) => c.createGroup("alice", { name: "test0", conversations: [bob] }),
  get_contact_group: (c) => c.getGroups("alice"),
  get_list: (c) => c.listConversations("alice"),
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

async function sequential(call, client) {
  const c0 = cpuMs(), t0 = performance.now(), lat = [];
  for (let i = 0; i < CALLS; i++) {
    const s = performance.now();
    await call(client);
    lat.push(performance.now() - s);
  }
  return { cpuPerCall: (cpuMs() - c0) / CALLS, latency: median(lat), wall: performance.now() - t0 };
}

async function throughput(call, client, total = 2000, inFlight = 64) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async () => { while (next++ < total) await call(client); }));
  return total / ((performance.now() - t0) / 1000);
}

function child(what, which) {
  const out = execFileSync(process.execPath, ["--expose-gc", new URL("child.mjs", here).pathname, what, which, endpoint], { encoding: "utf8" });
  return JSON.parse(out);
}

const rows = [];
// Each run measures both clients back to back, so its ratio is paired: the median of those
// ratios cancels the load drift of a shared machine better than a ratio of medians would.
const row = (label, pkg, hand, unit, digits = 3) => {
  const ratio = median(pkg.map((p, i) => p / hand[i]));
  rows.push([label, median(pkg).toFixed(digits), median(hand).toFixed(digits), unit, ratio.toFixed(2)]);
};
const field = (runs, key) => runs.map((r) => r[key]);

// Warm both clients up (JIT, keep-alive connections) before measuring.
for (const c of Object.values(clients)) for (const call of Object.values(calls)) for (let i = 0; i < 50; i++) await call(c);

for (const [name, call] of Object.entries(calls)) {
  const r = { package: [], handwritten: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const which of run % 2 ? ["handwritten", "package"] : ["package", "handwritten"]) r[which].push(await sequential(call, clients[which]));
  }
  row(`CPU per call: ${name}`, field(r.package, "cpuPerCall"), field(r.handwritten, "cpuPerCall"), "ms");
  if (name === "top" || name === "get_list") {
    row(`sequential latency: ${name}`, field(r.package, "latency"), field(r.handwritten, "latency"), "ms");
  }
}
const tp = { package: [], handwritten: [] };
for (let run = 0; run < RUNS; run++) {
  for (const which of run % 2 ? ["handwritten", "package"] : ["package", "handwritten"]) tp[which].push(await throughput(calls.top, clients[which]));
}
row("throughput, 64 in flight (top)", tp.package, tp.handwritten, "calls/s", 0);

const walk = { package: [], handwritten: [] }, cold = { package: [], handwritten: [] };
for (let run = 0; run < RUNS; run++) {
  for (const which of run % 2 ? ["handwritten", "package"] : ["package", "handwritten"]) {
    walk[which].push(child("walk", which));
    cold[which].push(child("cold", which).ms);
  }
}
const kib = (runs) => field(runs, "peakBytes").map((b) => b / 1024);
row("walk 10,000 conversations: time", field(walk.package, "ms"), field(walk.handwritten, "ms"), "ms", 1);
row("walk 10,000 conversations: peak memory", kib(walk.package), kib(walk.handwritten), "KiB", 0);
row("cold start in Node: import to client ready", cold.package, cold.handwritten, "ms", 1);
server.kill();

// Where get_list's extra time goes, without the network: the hand-written client decodes a
// page with one JSON.parse; the package has the wasm read the page and write the result
// (the text crossing the boundary both ways included), then JSON.parse reads the result.
const { Engine } = createRequire(import.meta.url)("../pkg/node.cjs");
const engine = new Engine(JSON.stringify(options));
const page = listPage(0);
const result = engine.decode("listConversations", 200, page, options.userSig);
const microseconds = (f, n = 2000) => {
  for (let i = 0; i < n / 10; i++) f();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  return ((performance.now() - t0) / n) * 1000;
};
const decoding = { page: [], wasm: [], result: [] };
for (let run = 0; run < RUNS; run++) {
  decoding.page.push(microseconds(() => JSON.parse(page)));
  decoding.wasm.push(microseconds(() => engine.decode("listConversations", 200, page, options.userSig)));
  decoding.result.push(microseconds(() => JSON.parse(result)));
}
const packageDecoding = decoding.wasm.map((w, i) => w + decoding.result[i]);
row("get_list page decoded, no network", packageDecoding, decoding.page, "µs", 1);

// The sizes as `make size` budgets them: each file raw and gzip -9, then the .wasm plus
// the JS bundled and minified by esbuild.
const sizes = execFileSync(new URL("../scripts/size.sh", import.meta.url).pathname, { encoding: "utf8" });

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}`);
const rustc = execFileSync("rustc", ["+nightly", "--version"], { encoding: "utf8" }).trim();
console.log(`wasm built by ${rustc}; medians of ${RUNS} paired runs, ${CALLS} sequential calls each\n`);
const widths = [46, 12, 12, 8, 8];
const line = (cells) => cells.map((c, i) => String(c)[i ? "padStart" : "padEnd"](widths[i])).join(" ");
console.log(line(["measure", "package", "hand-written", "unit", "ratio"]));
for (const r of rows) console.log(line(r));
console.log(`(the package's decoding: the wasm ${median(decoding.wasm).toFixed(1)} µs, then JSON.parse of the result ${median(decoding.result).toFixed(1)} µs)`);
console.log("\n" + sizes.trimEnd());
