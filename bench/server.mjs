// A canned, cheap server for benchmarks (run in its own process, so its CPU is not the
// client's), answering with pages.mjs. DELAY=ms waits that long before each answer, to stand
// for a server that far away (what users of the real service wait for).
import http from "node:http";
import { canned, listPage } from "./pages.mjs";

const delay = Number(process.env.DELAY ?? 0);
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const command = req.url.slice(req.url.lastIndexOf("/") + 1, req.url.indexOf("?"));
    const reply = command === "get_list" ? listPage(JSON.parse(body).StartIndex ?? 0) : canned[command];
    const answer = () => res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(reply) }).end(reply);
    delay ? setTimeout(answer, delay) : answer();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
