// Nothing here for tencent-chat-conversations: only where this test project's node_modules
// is (two folders up, once copied into .work/), so Next.js does not guess between lock files.
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
export default { turbopack: { root }, outputFileTracingRoot: root };
