// The API's declarations are generated from the Rust code (wasm-bindgen for the class,
// tsify for the serde types) into api.d.ts; only what JS adds is declared here.
export * from "./api.js";
import type { ChatError as ChatErrorData, Region } from "./api.js";

/** Every `region` the client accepts, the default (`china`) first; frozen. */
export declare const REGIONS: readonly Region[];

/**
 * Every failure of a ConversationClient call rejects with a ChatError. Branch on `kind`
 * and `code` (and `option` for a bad option), never on `message`, which the core writes.
 * It never contains the UserSig.
 */
export declare class ChatError extends Error {
  private constructor();
  /** Always "ChatError". */
  readonly name: "ChatError";
  /** For kind "user_sig": what the host's `userSig` function threw or rejected with, untouched. */
  readonly cause?: unknown;
}
export interface ChatError extends Readonly<ChatErrorData> {}
