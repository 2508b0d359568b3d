// The hostile server: node:http on 127.0.0.1, one scenario per path prefix
// (`/s/{scenario}/{clientId}`, used as a client's `endpoint`), with CORS so that a page on
// another loopback origin can call it. It answers a client's first `hostile` POSTs with
// the scenario's response and valid bodies after that (and before, for its `okFirst`
// ones). A second server (the "sink") is the target of the redirect scenarios and must
// never receive anything.
import http from "node:http";
import { SIG, okBody, scenarioByName } from "./scenarios.mjs";

// `connection: close` on every answer: no request ever goes out on a reused socket, so a
// browser has no reason to silently resend a POST whose connection was reset (Chromium
// does that for reused keep-alive sockets), and each POST the server counts is one attempt.
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "content-type",
  "access-control-allow-methods": "POST, OPTIONS",
  connection: "close",
};

function listen(handler) {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function closer(server) {
  return () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  };
}

export async function startHostileServer() {
  const sinkRequests = [];
  const sink = await listen((req, res) => {
    sinkRequests.push({ method: req.method, url: req.url });
    res.writeHead(200, { ...CORS, "content-type": "application/json" }).end(JSON.stringify(okBody("get_list")));
  });
  const sinkUrl = `http://127.0.0.1:${sink.address().port}`;

  /** POSTs per client id, and what the server saw that it should not have. */
  const posts = new Map();
  const problems = [];

  const server = await listen((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (req.method === "OPTIONS") return res.writeHead(204, CORS).end();
    const match = /^\/s\/([^/]+)\/([^/]+)\/v4\/([a-z_]+)\/([a-z_]+)$/.exec(url.pathname);
    if (req.method !== "POST" || !match) return res.writeHead(404, CORS).end("no such path");
    const [name, clientId, , command] = match.slice(1).map(decodeURIComponent);
    const scenario = name === "ok" ? { hostile: 0 } : scenarioByName(name);
    if (!scenario) return res.writeHead(404, CORS).end("no such scenario");
    // The client really sends the UserSig (so the leak checks mean something), only in the URL.
    if (url.searchParams.get("usersig") !== SIG) problems.push(`${name}: usersig ${url.searchParams.get("usersig")}`);

    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      if (raw.includes(SIG)) problems.push(`${name}: UserSig in the request body`);
      const key = `${name}/${clientId}`;
      const n = (posts.get(key) ?? 0) + 1;
      posts.set(key, n);
      const okFirst = scenario.okFirst ?? 0;
      if (n <= okFirst || n > okFirst + (scenario.hostile ?? 1)) {
        return res.writeHead(200, { ...CORS, "content-type": "application/json" }).end(JSON.stringify(okBody(command)));
      }
      hostile(scenario.send, command, req, res, raw);
    });
  });

  function hostile(send, command, req, res, raw) {
    if (send.destroy === "before") return req.socket.destroy();
    if (send.stall === "headers") return; // accept, read, never answer
    if (send.redirect) {
      return res.writeHead(send.redirect, { ...CORS, location: `${sinkUrl}/v4/recentcontact/${command}${req.url.slice(req.url.indexOf("?"))}` }).end();
    }
    if (send.stall === "body" || send.destroy === "body") {
      const full = JSON.stringify(okBody(command));
      res.writeHead(200, { ...CORS, "content-type": "application/json", "content-length": Buffer.byteLength(full) });
      res.write(full.slice(0, full.length >> 1));
      if (send.destroy) setTimeout(() => req.socket.destroy(), 50);
      return; // stall: the rest never comes
    }
    if (send.walk) return res.writeHead(200, { ...CORS, "content-type": "application/json" }).end(JSON.stringify(walkPage(send.walk, command, raw)));
    if (send.echoSig === "MsgTime") {
      const sig = new URL(req.url, "http://x").searchParams.get("usersig");
      const echo = { ...okBody(command), SessionItem: [{ Type: 1, To_Account: "bob", MsgTime: sig }] };
      return res.writeHead(200, { ...CORS, "content-type": "application/json" }).end(JSON.stringify(echo));
    }
    if (send.echoSig) {
      const sig = new URL(req.url, "http://x").searchParams.get("usersig");
      const echo = { ActionStatus: "FAIL", ErrorCode: 70003, ErrorInfo: `UserSig ${sig} is invalid (raw query: ${req.url})`, ErrorDisplay: `bad sig ${sig}` };
      return res.writeHead(200, { ...CORS, "content-type": "application/json" }).end(JSON.stringify(echo));
    }
    const body = typeof send.body === "function" ? send.body() : send.body;
    res.writeHead(send.status ?? 200, { ...CORS, "content-type": send.contentType ?? "application/json" });
    res.end(body);
  }

  /** A page that never lets a walk finish: CompleteFlag 0 with a cursor that goes nowhere. */
  function walkPage(how, command, raw) {
    const req = JSON.parse(raw);
    if (command === "get_contact_group") {
      // NextStartIndex back to where the walk already was.
      return { ...okBody(command), ContactItem: [{ Type: 1, To_Account: "bob", StandardMark: "1" }], CompleteFlag: 0, NextStartIndex: Math.max(0, req.StartIndex - 1) };
    }
    const cursor = { TimeStamp: req.TimeStamp, StartIndex: req.StartIndex, TopTimeStamp: req.TopTimeStamp, TopStartIndex: req.TopStartIndex };
    // "same": the request's own cursor again; "cycle": StartIndex 1, 2, 1, 2, ...
    if (how === "cycle") cursor.StartIndex = (req.StartIndex % 2) + 1;
    return { ...okBody(command), CompleteFlag: 0, ...cursor };
  }

  const base = `http://127.0.0.1:${server.address().port}`;
  const closeMain = closer(server);
  const closeSink = closer(sink);
  return {
    url: base,
    sinkRequests,
    problems,
    /** POSTs received for one client of a scenario. */
    posts: (name, clientId) => posts.get(`${name}/${clientId}`) ?? 0,
    /** POSTs received for all clients of a scenario (for those that never get an id). */
    postsFor: (name) => [...posts].filter(([k]) => k.startsWith(`${name}/`)).reduce((a, [, n]) => a + n, 0),
    close: () => Promise.all([closeMain(), closeSink()]),
  };
}
