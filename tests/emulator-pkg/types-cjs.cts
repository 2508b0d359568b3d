// The CommonJS declarations (index.d.cts, msw.d.cts), as `require` resolves them.
import emulatorPkg = require("tencent-chat-emulator");
import mswEntry = require("tencent-chat-emulator/msw");

const emulator: emulatorPkg.Emulator = emulatorPkg.createEmulator({ seed: "demo", rateLimit: 0 });
const running: Promise<emulatorPkg.RunningEmulator> = emulatorPkg.startEmulator({ port: 0 });
const handlers = mswEntry.emulatorHandlers(emulator, { baseUrl: "http://127.0.0.1:8787" });
// @ts-expect-error an unknown option
emulatorPkg.createEmulator({ colour: "blue" });

export = { running, count: handlers.length };
