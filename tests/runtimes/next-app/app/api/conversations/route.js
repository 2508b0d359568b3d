// app/api/conversations/route.js: no next.config setting is needed for the package.
import { ConversationClient } from "tencent-chat-conversations";

export async function GET(request) {
  const client = new ConversationClient({
    sdkAppId: Number(process.env.TENCENT_CHAT_SDKAPPID), identifier: process.env.TENCENT_CHAT_IDENTIFIER,
    userSig: process.env.TENCENT_CHAT_USERSIG, endpoint: process.env.TENCENT_CHAT_ENDPOINT, // unset: china
  });
  const account = new URL(request.url).searchParams.get("account") ?? "administrator";
  return Response.json((await client.listConversations(account)).items);
}
