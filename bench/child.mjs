// One measurement in a fresh process: `walk` (10,000 conversations through get_list, time and
// peak memory) or `cold` (import to first call ready), for `package` or `handwritten`.
const [what, which, endpoint] = process.argv.slice(2);
const options = { sdkAppId: 1400000000, identifier: "administrator", userSig: "bench-sig", endpoint, maxRequestsPerSecond: 0, maxRetries: 0 };
const started = performance.now();
const client =
  which === "package"
    ? new (await import("../pkg/index.mjs")).ConversationClient(options)
    : (await import("./handwritten.mjs")).handwrittenClient(options);
const ready = performance.now() - started;
if (what === "cold") {
  console.log(JSON.stringify({ ms: ready }));
  process.exit(0);
}
const mem = () => { const m = process.memoryUsage(); return m.heapUsed + m.external; };
global.gc?.();
const base = mem();
let peak = base;
const sampler = setInterval(() => (peak = Math.max(peak, mem())), 2);
const t0 = performance.now();
let count = 0;
if (which === "package") {
  let cursor;
  for (;;) {
    const page = await client.listConversations("alice", cursor ? { cursor } : {});
    count += page.items.length;
    peak = Math.max(peak, mem());
    if (page.complete) break;
    cursor = page.cursor;
  }
} else {
  let cursor;
  for (;;) {
    const page = await client.listConversations("alice", cursor);
    count += page.SessionItem.length;
    peak = Math.max(peak, mem());
    if (page.CompleteFlag === 1) break;
    cursor = page;
  }
}
clearInterval(sampler);
console.log(JSON.stringify({ ms: performance.now() - t0, peakBytes: peak - base, count }));
