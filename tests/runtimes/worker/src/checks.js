// The suite's Worker: the README's Worker at /, and at /check/NAME one documented behaviour
// of the client inside workerd, answered as JSON (what the test asserts on).
import { ConversationClient, ChatError, REGIONS } from "tencent-chat-conversations";
import readme from "./index.js";

const ids = (items) => items.map((i) => i.conversation.userId ?? i.conversation.groupId);

function client(env, options = {}) {
  return new ConversationClient({
    sdkAppId: Number(env.TENCENT_CHAT_SDKAPPID),
    identifier: env.TENCENT_CHAT_IDENTIFIER,
    userSig: env.TENCENT_CHAT_USERSIG,
    endpoint: env.TENCENT_CHAT_ENDPOINT,
    maxRetries: 0,
    ...options,
  });
}

/** A ChatError's stable fields, or the unexpected error as text. */
async function failure(promise) {
  try {
    await promise;
    return { resolved: true };
  } catch (e) {
    if (!(e instanceof ChatError)) return { notChatError: String(e) };
    return { kind: e.kind, code: e.code, httpStatus: e.httpStatus, message: e.message };
  }
}

const CHECKS = {
  regions: async () => REGIONS,
  list: async (env) => {
    const page = await client(env).listConversations("alice");
    return { ids: ids(page.items), complete: page.complete };
  },
  walk: async (env) => {
    const seen = [];
    for await (const item of client(env).conversations("alice")) seen.push(item);
    return ids(seen);
  },
  pin: async (env) => {
    const c = client(env);
    await c.pin("alice", [{ type: "c2c", userId: "dave" }]);
    return (await c.listConversations("alice")).items.filter((i) => i.pinned).map((i) => i.conversation.userId);
  },
  "wrong-usersig": (env) => failure(client(env, { userSig: "not-the-sig" }).listConversations("alice")),
  "invalid-input": (env) => failure(client(env).pin("", [])),
  redirect: (env, url) => failure(client(env, { endpoint: url.searchParams.get("to") }).listConversations("alice")),
  unreachable: (env, url) => failure(client(env, { endpoint: url.searchParams.get("to"), timeoutMs: 5000 }).listConversations("alice")),
};

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const name = url.pathname.startsWith("/check/") ? url.pathname.slice("/check/".length) : undefined;
    if (name === undefined) return readme.fetch(request, env, ctx);
    const check = CHECKS[name];
    if (!check) return new Response(`no check ${name}`, { status: 404 });
    try {
      return Response.json(await check(env, url));
    } catch (e) {
      return Response.json({ threw: String(e), stack: e?.stack }, { status: 500 });
    }
  },
};
