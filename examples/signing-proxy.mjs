// A signing proxy for browser dashboards: the browser calls this server with no UserSig;
// it signs a short-lived admin UserSig with the app's secret key (tls-sig-api-v2) and
// forwards POST /v4/recentcontact/* to the service. Every other path is refused, and the
// UserSig never goes back to the browser.
//
//   npm install tls-sig-api-v2
//   SDKAPPID=1400000000 SECRET_KEY=… ALLOW_ORIGIN=https://dashboard.example \
//     CHAT_REGION=singapore node signing-proxy.mjs        # or CHAT_ENDPOINT=https://…
//
// Put it behind your own authentication: whoever can reach it acts as the app admin on
// these endpoints.
import http from "node:http";
import { randomInt } from "node:crypto";
import TLSSigAPIv2 from "tls-sig-api-v2";

const REGION_HOSTS = {
  china: "console.tim.qq.com",
  singapore: "adminapisgp.im.qcloud.com",
  seoul: "adminapikr.im.qcloud.com",
  tokyo: "adminapijpn.im.qcloud.com",
  frankfurt: "adminapiger.im.qcloud.com",
  "silicon-valley": "adminapiusa.im.qcloud.com",
  jakarta: "adminapiidn.im.qcloud.com",
};
const env = process.env;
const sdkAppId = Number(env.SDKAPPID);
const identifier = env.IDENTIFIER ?? "administrator";
const target = (env.CHAT_ENDPOINT ?? `https://${REGION_HOSTS[env.CHAT_REGION ?? "china"]}`).replace(/\/+$/, "");
const allowOrigin = env.ALLOW_ORIGIN; // the dashboard's origin, for CORS
if (!Number.isSafeInteger(sdkAppId) || !env.SECRET_KEY || !allowOrigin || target.includes("undefined")) {
  console.error("set SDKAPPID, SECRET_KEY, ALLOW_ORIGIN and CHAT_REGION or CHAT_ENDPOINT");
  process.exit(2);
}
const signer = new TLSSigAPIv2.Api(sdkAppId, env.SECRET_KEY);
delete env.SECRET_KEY; // keep it out of child processes and diagnostics

// One UserSig valid for 5 minutes, replaced a minute before it expires.
const SIG_SECONDS = 300;
let sig = { value: "", renewAt: 0 };
function userSig() {
  if (Date.now() >= sig.renewAt) {
    sig = { value: signer.genUserSig(identifier, SIG_SECONDS), renewAt: Date.now() + (SIG_SECONDS - 60) * 1000 };
  }
  return sig.value;
}

const cors = {
  "access-control-allow-origin": allowOrigin,
  "access-control-allow-methods": "POST",
  "access-control-allow-headers": "content-type",
  "access-control-max-age": "600",
  vary: "origin",
};
const COMMAND = /^\/v4\/recentcontact\/[a-z_]{1,64}$/;
const BODY_LIMIT = 1024 * 1024;

function send(res, status, body, type = "application/json; charset=utf-8") {
  res.writeHead(status, { ...cors, "content-type": type, "cache-control": "no-store" }).end(body);
}

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > BODY_LIMIT) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const server = http.createServer(async (req, res) => {
  const { pathname, searchParams } = new URL(req.url ?? "/", "http://proxy");
  if (!COMMAND.test(pathname)) return send(res, 404, '{"error":"not found"}');
  if (req.method === "OPTIONS") return res.writeHead(204, cors).end();
  if (req.method !== "POST") return send(res, 405, '{"error":"method not allowed"}');
  const body = await readBody(req);
  if (body === null) return send(res, 413, '{"error":"body too large"}');
  // The browser's own sdkappid/identifier/usersig are dropped; `random` is kept so that
  // the caller can find its request in the service's logs.
  const random = /^\d{1,10}$/.test(searchParams.get("random") ?? "") ? searchParams.get("random") : String(randomInt(2 ** 32));
  const sigValue = userSig();
  const query = new URLSearchParams({ sdkappid: String(sdkAppId), identifier, usersig: sigValue, random, contenttype: "json" });
  try {
    const upstream = await fetch(`${target}${pathname}?${query}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      redirect: "error",
      signal: AbortSignal.timeout(15_000),
    });
    const text = (await upstream.text()).replaceAll(sigValue, "REDACTED");
    send(res, upstream.status, text, upstream.headers.get("content-type") ?? "application/json");
  } catch {
    send(res, 502, '{"error":"the service could not be reached"}');
  }
});

server.listen(Number(env.PORT ?? 8788), env.HOST ?? "127.0.0.1", () => {
  const { address, port } = server.address();
  console.log(`listening on http://${address}:${port}`);
});
