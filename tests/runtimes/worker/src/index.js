// src/index.js: a Worker; wrangler bundles the package's `workerd` entry and its .wasm.
import { ConversationClient } from "tencent-chat-conversations";

export default {
  async fetch(request, env) {
    const client = new ConversationClient({
      sdkAppId: Number(env.TENCENT_CHAT_SDKAPPID), identifier: env.TENCENT_CHAT_IDENTIFIER,
      userSig: env.TENCENT_CHAT_USERSIG, endpoint: env.TENCENT_CHAT_ENDPOINT, // tests: the emulator
    });
    const account = new URL(request.url).searchParams.get("account") ?? "administrator";
    return Response.json((await client.listConversations(account)).items);
  },
};
