// Serves the built dashboard (target/www-dist) on loopback.
//   node www/serve.mjs [--port 5173] [--emulator http://127.0.0.1:8787] [--dir target/www-dist]
// With --emulator it prints a link that pre-fills the endpoint, SDKAppID and admin (never the
// UserSig: type it in the page; the emulator's is "emulator-usersig").
import http from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** A static file server for `dir` (GET/HEAD only, no listing, nothing outside `dir`). */
export function createStaticServer(dir) {
  const root = resolve(dir);
  return http.createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return res.writeHead(405, { allow: "GET, HEAD" }).end();
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return res.writeHead(400).end();
    }
    const file = resolve(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root + sep)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "content-length": body.length,
        "cache-control": "no-cache",
        "referrer-policy": "no-referrer",
        "x-content-type-options": "nosniff",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    }
  });
}

/** The page's address, pre-filled for an emulator (endpoint, SDKAppID, admin; never the sig). */
export function dashboardUrl(base, { emulator, sdkAppId = "1400000000", identifier = "administrator", account } = {}) {
  if (!emulator) return `${base}/`;
  const q = new URLSearchParams({ endpoint: emulator, sdkAppId, identifier });
  if (account) q.set("account", account);
  return `${base}/?${q}`;
}

async function main() {
  const here = fileURLToPath(new URL(".", import.meta.url));
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "5173" },
      host: { type: "string", default: "127.0.0.1" },
      emulator: { type: "string" },
      dir: { type: "string", default: join(here, "../target/www-dist") },
      sdkappid: { type: "string", default: "1400000000" },
      identifier: { type: "string", default: "administrator" },
      account: { type: "string" },
    },
  });
  const dir = resolve(values.dir);
  if (!(await stat(join(dir, "index.html")).catch(() => null))) {
    console.error(`no build in ${dir}: run \`npx vite build\` in www/ first`);
    process.exit(1);
  }
  const server = createStaticServer(dir);
  await new Promise((ok, fail) => server.once("error", fail).listen(Number(values.port), values.host, ok));
  const base = `http://${values.host}:${server.address().port}`;
  const url = dashboardUrl(base, { emulator: values.emulator, sdkAppId: values.sdkappid, identifier: values.identifier, account: values.account });
  console.log(`dashboard at ${url}`);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
