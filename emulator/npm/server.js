// The emulator over HTTP with node:http: what the axum shell does, for Node with no Rust.
// Bodies up to 8 MiB, the `drop` fault as a TCP reset, the `delay` fault as a timer, and
// `state`: loaded at start, saved atomically (temp file, fsync, rename, fsync folder)
// after every change and before the answer is sent, so a kill -9 never tears it.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { serviceOptions, splitUrl, runRequest, controlApi, controlAnswer } from "./core.js";

const BODY_LIMIT = 8 * 1024 * 1024;

function checkShellOptions({ port = 0, host = "127.0.0.1", state } = {}) {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError("tencent-chat-emulator: port must be an integer 0-65535");
  if (typeof host !== "string" || host === "") throw new TypeError("tencent-chat-emulator: host must be a non-empty string");
  if (state !== undefined && (typeof state !== "string" || state === "")) throw new TypeError("tencent-chat-emulator: state must be a file path");
  return { port, host, state };
}

/** Writes `bytes` to `file` so that a crash at any point leaves the old or the new file. */
export function writeAtomic(file, bytes) {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.tmp-${process.pid}`);
  const fd = fs.openSync(tmp, "w");
  try {
    for (let off = 0; off < bytes.length; ) off += fs.writeSync(fd, bytes, off);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  try {
    const d = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(d);
    } finally {
      fs.closeSync(d);
    }
  } catch {
    // Some file systems refuse to fsync a folder; the rename is still atomic.
  }
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size <= BODY_LIMIT) chunks.push(c);
    });
    req.on("end", () => resolve(size > BODY_LIMIT ? undefined : new Uint8Array(Buffer.concat(chunks))));
    req.on("error", () => resolve(undefined));
  });
}

/** Starts serving; resolves to `{ url, stop(), …control }` once connections are accepted. */
export async function serve(load, options) {
  const json = serviceOptions(options, ["port", "host", "state"]);
  const { port, host, state } = checkShellOptions(options ?? {});
  const Wasm = await load();
  let saved;
  if (state !== undefined && fs.existsSync(state)) {
    const bytes = fs.readFileSync(state);
    try {
      saved = new Wasm(json, bytes);
    } catch (e) {
      throw new Error(`${state}: ${e.message}`);
    }
  }
  const wasm = saved ?? new Wasm(json, undefined);

  const server = http.createServer(async (req, res) => {
    const body = await readBody(req);
    const { path: urlPath, query } = splitUrl(req.url ?? "/");
    let r;
    try {
      r = await runRequest(wasm, { method: req.method ?? "GET", path: urlPath, query, headers: req.rawHeaders, body });
    } catch (e) {
      res.writeHead(500, { "content-type": "text/plain" }).end(`tencent-chat-emulator: ${e.message}`);
      return;
    }
    if (r === null) {
      req.socket.resetAndDestroy();
      return;
    }
    if (r.mutated && state !== undefined) {
      try {
        writeAtomic(state, wasm.save());
      } catch (e) {
        process.stderr.write(`tencent-chat-emulator: cannot save state: ${e.message}\n`);
      }
    }
    res.writeHead(r.status, [...r.headers, "content-length", String(r.body.length)]);
    res.end(r.body);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address();
  const url = `http://${addr.family === "IPv6" ? `[${addr.address}]` : addr.address}:${addr.port}`;
  let stopping;
  return {
    url,
    stop() {
      stopping ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
    ...controlApi(async (method, p, b) => {
      const res = await fetch(url + p, { method, body: b === undefined ? undefined : JSON.stringify(b), headers: { "content-type": "application/json" } });
      return controlAnswer(res.status, await res.text());
    }),
  };
}
