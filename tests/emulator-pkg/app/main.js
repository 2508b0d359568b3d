// The app under test in the Playwright example: alice's first page of conversations,
// from the emulator the Playwright config starts.
import { ConversationClient } from "tencent-chat-conversations";

const client = new ConversationClient({
  sdkAppId: 1400000000,
  identifier: "administrator",
  userSig: "emulator-usersig",
  endpoint: "http://127.0.0.1:8790",
});
const page = await client.listConversations("alice");
document.getElementById("list").replaceChildren(
  ...page.items.map((item) => {
    const li = document.createElement("li");
    const c = item.conversation;
    li.textContent = `${item.pinned ? "📌 " : ""}${c.type === "c2c" ? c.userId : c.groupId}`;
    return li;
  }),
);
