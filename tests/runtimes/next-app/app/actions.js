"use server";
// A server action (Node runtime) using the package: pins, then answers the pinned ids.
import { ConversationClient } from "tencent-chat-conversations";

export async function pinConversation(account, userId) {
  const client = new ConversationClient({
    sdkAppId: Number(process.env.TENCENT_CHAT_SDKAPPID),
    identifier: process.env.TENCENT_CHAT_IDENTIFIER,
    userSig: process.env.TENCENT_CHAT_USERSIG,
    endpoint: process.env.TENCENT_CHAT_ENDPOINT,
  });
  await client.pin(account, [{ type: "c2c", userId }]);
  const page = await client.listConversations(account);
  return page.items.filter((i) => i.pinned).map((i) => i.conversation.userId ?? i.conversation.groupId);
}
