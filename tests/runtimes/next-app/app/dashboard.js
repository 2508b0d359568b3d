"use client";
// A client component: the package loaded in the browser (its browser entry, the .wasm
// emitted by the bundler), calling the emulator directly; a button runs the server action.
import { useEffect, useState } from "react";
import { pinConversation } from "./actions.js";

export default function Dashboard({ endpoint }) {
  const [listed, setListed] = useState("loading");
  const [pinned, setPinned] = useState("");
  useEffect(() => {
    (async () => {
      const { ConversationClient } = await import("tencent-chat-conversations");
      // The emulator's own test credentials; a real dashboard signs through its server.
      const client = new ConversationClient({ sdkAppId: 1400000000, identifier: "administrator", userSig: "emulator-usersig", endpoint });
      const page = await client.listConversations("alice");
      setListed(page.items.map((i) => i.conversation.userId ?? i.conversation.groupId).join(","));
    })().catch((e) => setListed(`error: ${e.message}`));
  }, [endpoint]);
  return (
    <main>
      <p id="listed">{listed}</p>
      <button id="pin" onClick={() => pinConversation("alice", "carol").then((ids) => setPinned(ids.join(",")), (e) => setPinned(`error: ${e.message}`))}>
        pin carol
      </button>
      <p id="pinned">{pinned}</p>
    </main>
  );
}
