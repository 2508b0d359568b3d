// `make bench`: the package against a hand-written fetch client (handwritten.mjs), same
// calls, same local server (server.mjs, its own process), one run, side by side. Ratios are
// package ÷ hand-written; each figure is the median of RUNS runs. Timings are reported, never
// asserted (shared machines are noisy); sizes are budgeted in `make test` instead.
import { spawn, execFileSync } from "node:child_process";
import { createInterface } from "node:readline";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { transformSync } from "esbuild";
import os from "node:os";
import { ConversationClient } from "../pkg/index.mjs";
import { handwrittenClient } from "./handwritten.mjs";

const RUNS = Number(process.env.RUNS ?? 5);
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
const row = (label, pkg, hand, unit, digits = 3) =>
  rows.push([label, pkg.toFixed(digits), hand.toFixed(digits), unit, (pkg / hand).toFixed(2)]);

// Warm both clients up (JIT, keep-alive connections) before measuring.
for (const c of Object.values(clients)) for (const call of Object.values(calls)) for (let i = 0; i < 50; i++) await call(c);

for (const [name, call] of Object.entries(calls)) {
  const r = { package: [], handwritten: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const which of run % 2 ? ["handwritten", "package"] : ["package", "handwritten"]) r[which].push(await sequential(call, clients[which]));
  }
  row(`CPU per call: ${name}`, median(r.package.map((x) => x.cpuPerCall)), median(r.handwritten.map((x) => x.cpuPerCall)), "ms");
  if (name === "top" || name === "get_list") {
    row(`sequential latency: ${name}`, median(r.package.map((x) => x.latency)), median(r.handwritten.map((x) => x.latency)), "ms");
  }
}
const tp = { package: [], handwritten: [] };
for (let run = 0; run < RUNS; run++) for (const which of ["package", "handwritten"]) tp[which].push(await throughput(calls.top, clients[which]));
row("throughput, 64 in flight (top)", median(tp.package), median(tp.handwritten), "calls/s", 0);

const walk = { package: [], handwritten: [] }, cold = { package: [], handwritten: [] };
for (let run = 0; run < RUNS; run++) {
  for (const which of ["package", "handwritten"]) {
    walk[which].push(child("walk", which));
    cold[which].push(child("cold", which).ms);
  }
}
row("walk 10,000 conversations: time", median(walk.package.map((x) => x.ms)), median(walk.handwritten.map((x) => x.ms)), "ms", 1);
row("walk 10,000 conversations: peak memory", median(walk.package.map((x) => x.peakBytes)) / 1024, median(walk.handwritten.map((x) => x.peakBytes)) / 1024, "KiB", 0);
row("cold start in Node: import to client ready", median(cold.package), median(cold.handwritten), "ms", 1);
server.kill();

const pkgDir = new URL("../pkg/", import.meta.url);
const gz = (b) => gzipSync(b, { level: 9 }).length;
// Raw, gzip, and gzip after minifying the JS as a production bundler would (esbuild).
const size = (f) => {
  const b = readFileSync(new URL(f, pkgDir));
  const min = f.endsWith(".js") ? transformSync(b.toString(), { minify: true, format: "esm" }).code : b;
  return [b.length, gz(b), gz(Buffer.from(min))];
};
const files = ["tencent_chat_conversations_bg.wasm", "web.js", "index.js", "client.js", "chat-error.js"];
const sizes = files.map((f) => [f, ...size(f)]);
const sum = (i) => sizes.reduce((a, s) => a + s[i], 0);
sizes.push(["total (browser: wasm + glue)", sum(1), sum(2), sum(3)]);

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}`);
console.log(`Rust ${execFileSync("rustc", ["--version"], { encoding: "utf8" }).trim()}; medians of ${RUNS} runs, ${CALLS} sequential calls each\n`);
const widths = [46, 12, 12, 8, 8];
const line = (cells) => cells.map((c, i) => String(c)[i ? "padStart" : "padEnd"](widths[i])).join(" ");
console.log(line(["measure", "package", "hand-written", "unit", "ratio"]));
for (const r of rows) console.log(line(r));
console.log("\n" + line(["size", "raw B", "gzip B", "min+gzip B", ""]));
for (const [f, raw, gzip, min] of sizes) console.log(line([f, raw, gzip, min, ""]));
