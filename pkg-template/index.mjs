// @ts-check
// Node entry (import), also Deno's and Bun's. The wasm is read at a `new URL(…,
// import.meta.url)`, which bundlers (Next.js's Turbopack and webpack) trace and emit with
// the server bundle; the instance is require()'s, so ChatError is one class per process.
import { readFileSync } from "node:fs";
import node from "./node-api.cjs";

const wasm = new URL("./tencent_chat_conversations_bg.wasm", import.meta.url);
// A server bundle may turn that URL into the asset's public path (/_next/static/…), which
// is no file here: then the bytes come embedded, from a module the bundler includes.
const embedded = wasm instanceof URL && wasm.protocol === "file:" ? undefined : (await import("./wasm-inline.mjs")).default;

export const { ConversationClient, ChatError, Mark, REGIONS } = node.load(wasm, (file) => embedded ?? readFileSync(file));
