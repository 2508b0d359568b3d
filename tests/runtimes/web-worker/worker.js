// worker.js: a module Web Worker. The handler is set before the package loads: with a
// static import, messages posted before the wasm is ready (top-level await) are lost.
const loading = import("tencent-chat-conversations");

self.onmessage = async ({ data: { options, account } }) => {
  const { ConversationClient } = await loading;
  const page = await new ConversationClient(options).listConversations(account);
  self.postMessage(page.items.map((i) => i.conversation.userId ?? i.conversation.groupId));
};
