// MSW (>= 2) request handlers answering the client's calls from an in-process emulator.
import { http } from "msw";

/** The client's region hosts (its `region` option), all answered by default. The emulator
 * package does not depend on the client, so they are listed here, in the client's REGIONS
 * order; tests/consumer/regions.test.mjs fails when they differ from the hosts it calls. */
const REGION_HOSTS = ["console.tim.qq.com", "adminapisgp.im.qcloud.com", "adminapikr.im.qcloud.com", "adminapijpn.im.qcloud.com", "adminapiger.im.qcloud.com", "adminapiusa.im.qcloud.com", "adminapiidn.im.qcloud.com"];

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Handlers for `setupServer(...)` / `setupWorker(...)`. Without `baseUrl` they answer
 * `/v4/recentcontact/*` on every region's host; with it, everything under that URL (the
 * `/_emulator/` control API included), its path prefix removed. */
export function emulatorHandlers(emulator, options = {}) {
  if (typeof emulator?.handle !== "function") throw new TypeError("emulatorHandlers: pass the emulator createEmulator() returned");
  const { baseUrl } = options ?? {};
  if (baseUrl === undefined) {
    const hosts = REGION_HOSTS.map(escapeRegExp).join("|");
    return [http.all(new RegExp(`^https://(${hosts})/v4/recentcontact/[^?]*(\\?.*)?$`), ({ request }) => emulator.handle(request))];
  }
  const base = new URL(String(baseUrl));
  const prefix = base.pathname.replace(/\/+$/, "");
  const under = new RegExp(`^${escapeRegExp(base.origin + prefix)}/`);
  return [
    http.all(under, async ({ request }) => {
      if (prefix === "") return emulator.handle(request);
      const url = new URL(request.url);
      url.pathname = url.pathname.slice(prefix.length);
      const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
      return emulator.handle(new Request(url, { method: request.method, headers: request.headers, body }));
    }),
  ];
}
