// Strict TypeScript against the installed package's declarations: the API is typed (no
// `any` to hide behind) and misuse is rejected.
import { createEmulator, startEmulator, type AccountState, type EmulatorConfig, type RunningEmulator } from "tencent-chat-emulator";
import { emulatorHandlers } from "tencent-chat-emulator/msw";
import type { HttpHandler } from "msw";

export async function typed(): Promise<void> {
  const emu = createEmulator({ seed: "none", sdkAppId: 1400000001, secretKey: "k", pageSize: 10 });
  const res: Response = await emu.handle(new Request("http://x/_emulator/health"));
  const handlers: HttpHandler[] = emulatorHandlers(emu, { baseUrl: new URL("https://p.example/api") });
  const state: AccountState = await emu.state("alice");
  const first = state.conversations[0];
  if (first?.type === "c2c") first.userId.toUpperCase();
  const config: EmulatorConfig = await emu.setConfig({ expiredUserSigs: ["old"] });
  const n: number = config.pageSize + (await emu.importAccounts(["a"]));
  await emu.addFault("get_list", { kind: "delay", ms: 100 }, 2);
  const running: RunningEmulator = await startEmulator({ port: 0, host: "127.0.0.1", state: "emu.json", seed: "demo" });
  const url: string = running.url;
  await running.stop();
  void [res, handlers, n, url];

  // @ts-expect-error port is startEmulator's alone
  createEmulator({ port: 0 });
  // @ts-expect-error no such seed
  createEmulator({ seed: "full" });
  // @ts-expect-error sdkAppId is a number
  createEmulator({ sdkAppId: "1400000000" });
  // @ts-expect-error an unknown fault kind
  await emu.addFault("top", { kind: "explode" });
  // @ts-expect-error the handlers need an emulator
  emulatorHandlers({});
  // @ts-expect-error state needs an account
  await emu.state();
}
