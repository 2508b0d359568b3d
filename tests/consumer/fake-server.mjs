// A scripted HTTP server on loopback: records every request exactly as received and answers
// with whatever the test queued (default: the OK envelope). Used where a test needs to see
// the raw wire or to send what a real service never would.
import http from "node:http";

export const OK = { ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "", ErrorDisplay: "" };

export async function startFakeServer() {
  const requests = [];
  const queue = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const url = new URL(req.url, "http://127.0.0.1");
      requests.push({
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        rawQuery: url.search,
        headers: req.headers,
        raw,
      });
      const reply = queue.shift() ?? { json: OK };
      if (reply.destroy) return req.socket.destroy();
      const send = () => {
        res.writeHead(reply.status ?? 200, {
          "content-type": reply.contentType ?? "application/json",
        });
        res.end(reply.body ?? JSON.stringify(reply.json));
      };
      reply.delayMs ? setTimeout(send, reply.delayMs) : send();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Queues replies: { json } | { status, body, contentType } | { destroy: true } | { delayMs, json }. */
    reply(...replies) {
      queue.push(...replies);
    },
    last() {
      return requests[requests.length - 1];
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
