// What every runtime shares: the options, one request through the wasm service (with the
// `delay` fault's timer), and the typed control operations over the /_emulator/ API.

// The service's settings (ServiceConfig in emulator/service/src/config.rs), listed here so
// that createEmulator can refuse an unknown key before the wasm has loaded; a Rust test
// (emulator/wasm/src/options.rs) fails when this list and the type differ.
const OPTION_KEYS = ["seed", "sdkAppId", "identifier", "userSig", "expiredUserSigs", "secretKey", "pageSize", "groupPageSize", "pinnedLimit", "rateLimit", "corsOrigins"];

/** The options the service reads, as JSON text; `shellKeys` are handled by the caller. */
export function serviceOptions(options, shellKeys = []) {
  if (options === undefined || options === null) return "{}";
  if (typeof options !== "object" || Array.isArray(options)) throw new TypeError("tencent-chat-emulator: options must be an object");
  const picked = {};
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined || shellKeys.includes(k)) continue;
    if (!OPTION_KEYS.includes(k)) throw new TypeError(`tencent-chat-emulator: unknown option ${JSON.stringify(k)}`);
    picked[k] = v;
  }
  return JSON.stringify(picked);
}

/** Splits a URL into the path and the raw query (`undefined` when it has no `?`). */
export function splitUrl(url) {
  const q = url.indexOf("?");
  const h = url.indexOf("#");
  const end = h === -1 ? url.length : h;
  return q === -1 || q > end ? { path: url.slice(0, end), query: undefined } : { path: url.slice(0, q), query: url.slice(q + 1, end) };
}

/** Runs one request: resolves to `{ status, headers, body, mutated }`, or `null` for a
 * connection reset. `parts` = `{ method, path, query, headers: [name, value, …], body }`. */
export async function runRequest(wasm, parts) {
  let out = wasm.handle(parts.method, parts.path, parts.query, parts.headers, parts.body, Date.now());
  if (out.kind === "delay") {
    const { delayMs, token } = out;
    out.free();
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    out = wasm.resume(token, Date.now());
  }
  try {
    if (out.kind === "reset") return null;
    return { status: out.status, headers: out.headers, body: out.body, mutated: out.mutated };
  } finally {
    out.free();
  }
}

/** The control operations, given `send(method, path, body?)` resolving to the answer's JSON. */
export function controlApi(send) {
  const post = (path, body) => send("POST", path, body ?? {});
  return {
    health: () => send("GET", "/_emulator/health"),
    reset: async (seed) => void (await post("/_emulator/reset", seed === undefined ? {} : { seed })),
    importAccounts: async (accounts) => (await post("/_emulator/accounts", { accounts })).imported,
    addConversations: async (account, conversations) => (await post("/_emulator/conversations", { account, conversations })).conversations,
    generateConversations: async (account, generate) => {
      const r = await post("/_emulator/conversations", { account, generate });
      return { conversations: r.conversations, generated: r.generated };
    },
    accounts: async () => (await send("GET", "/_emulator/state")).accounts,
    state: async (account) => {
      const { ok: _, ...state } = await send("GET", `/_emulator/state?account=${encodeURIComponent(account)}`);
      return state;
    },
    getConfig: async () => (await send("GET", "/_emulator/config")).config,
    setConfig: async (changes) => (await post("/_emulator/config", changes)).config,
    addFault: async (command, fault, count = 1) => void (await post("/_emulator/faults", { command, count, fault })),
    faults: async () => (await send("GET", "/_emulator/faults")).faults,
    clearFaults: async () => void (await send("DELETE", "/_emulator/faults")),
    stats: () => send("GET", "/_emulator/stats"),
    resetStats: async () => void (await post("/_emulator/stats/reset")),
  };
}

/** A refused control request as an Error with the emulator's message and the HTTP status. */
export async function controlAnswer(status, text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`tencent-chat-emulator: control API answered HTTP ${status}: ${text.slice(0, 200)}`);
  }
  if (status !== 200 || json?.ok === false) {
    const e = new Error(`tencent-chat-emulator: ${json?.error ?? `HTTP ${status}`}`);
    e.status = status;
    throw e;
  }
  return json;
}

/** `createEmulator` for a runtime whose wasm `load()` resolves to the Emulator class. */
export function inProcess(load) {
  return function createEmulator(options) {
    const json = serviceOptions(options);
    // Loaded at once, not on first use: once an MSW worker is running, the .wasm fetch
    // itself would go through it.
    const wasm = Promise.resolve()
      .then(load)
      .then((Wasm) => new Wasm(json, undefined));
    wasm.catch(() => {}); // reported by every call instead
    const ready = () => wasm;
    const emulator = {
      async handle(request) {
        const service = await ready();
        const url = new URL(request.url);
        const headers = [];
        request.headers.forEach((v, k) => headers.push(k, v));
        const body = request.method === "GET" || request.method === "HEAD" ? new Uint8Array() : new Uint8Array(await request.arrayBuffer());
        const r = await runRequest(service, {
          method: request.method,
          path: url.pathname,
          query: request.url.includes("?") ? url.search.slice(1) : undefined,
          headers,
          body,
        });
        if (r === null) return Response.error();
        const h = new Headers();
        for (let i = 0; i + 1 < r.headers.length; i += 2) h.append(r.headers[i], r.headers[i + 1]);
        return new Response(r.status === 204 ? null : r.body, { status: r.status, headers: h });
      },
      ...controlApi(async (method, path, body) => {
        const res = await emulator.handle(
          new Request(`http://emulator.invalid${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json" } }),
        );
        return controlAnswer(res.status, await res.text());
      }),
    };
    return emulator;
  };
}
