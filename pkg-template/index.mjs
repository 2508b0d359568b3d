// @ts-check
// Node entry (import), also Deno's and Bun's. The wasm is read at a `new URL(…,
// import.meta.url)`, which bundlers (Next.js's Turbopack and webpack) trace and emit with
// the server bundle; the instance is require()'s, so ChatError is one class per process.
import { readFileSync } from "node:fs";
import node from "./node-api.cjs";

export const { ConversationClient, ChatError, Mark, REGIONS } = node.load(new URL("./tencent_chat_conversations_bg.wasm", import.meta.url), readFileSync);
