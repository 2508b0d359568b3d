// src/emulator.js: the emulator itself as a Worker, to test a Worker against it.
import { createEmulator } from "tencent-chat-emulator";

const emulator = createEmulator({ seed: "demo" });

export default { fetch: (request) => emulator.handle(request) };
