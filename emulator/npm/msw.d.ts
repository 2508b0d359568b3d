import type { HttpHandler } from "msw";
import type { Emulator } from "./index.js";

/** Where the handlers answer. */
export interface EmulatorHandlersOptions {
  /** Answer everything under this URL (the client's `endpoint`), its path prefix removed,
   * instead of `/v4/recentcontact/*` on the region hosts. */
  baseUrl?: string | URL;
}

/** MSW (>= 2) request handlers answered by `emulator`: pass them to `setupServer(...)`
 * (msw/node) or `setupWorker(...)` (msw/browser). */
export declare function emulatorHandlers(emulator: Pick<Emulator, "handle">, options?: EmulatorHandlersOptions): HttpHandler[];
