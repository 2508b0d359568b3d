// The case matrix (tests/matrix/cases.mjs) in the runtime running this file (Deno, Bun),
// against the emulator at the URL given as the first argument. The client package is
// loaded by `import`, or by `require` when the second argument is "require" (its CommonJS
// entry). Prints one JSON line: each case's result (runCase's: name, ok, error, skipped).
import { createRequire } from "node:module";
import process from "node:process";
import { connect, runCases } from "../../matrix/cases.mjs";

const [url, loader = "import"] = process.argv.slice(2);
const api = loader === "require" ? createRequire(import.meta.url)("tencent-chat-conversations") : await import("tencent-chat-conversations");
console.log(JSON.stringify({ loader, results: await runCases(api, connect(url)) }));
