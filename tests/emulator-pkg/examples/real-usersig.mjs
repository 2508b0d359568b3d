// Calls the service with real UserSigs, signed here with the app's secret key.
import TLSSigAPIv2 from "tls-sig-api-v2";
import { ConversationClient } from "tencent-chat-conversations";

const sdkAppId = Number(process.env.SDKAPPID);
const signer = new TLSSigAPIv2.Api(sdkAppId, process.env.SECRET_KEY);

const client = new ConversationClient({
  sdkAppId,
  identifier: "administrator",
  // Called for every request: a fresh sig valid for 5 minutes.
  userSig: () => signer.genUserSig("administrator", 300),
  endpoint: process.env.CHAT_ENDPOINT, // the emulator; leave out for the real service's region
});

const page = await client.listConversations("alice");
console.log(`alice has ${page.items.length} conversations on the first page`);
