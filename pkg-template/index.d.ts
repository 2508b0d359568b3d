// The API's declarations are generated from the Rust code (wasm-bindgen for the class,
// tsify for the serde types) into api.d.ts; only what JS adds is declared here.
export * from "./api.js";
import type { ChatError as ChatErrorData } from "./api.js";

/**
 * Every failure of a ConversationClient call rejects with a ChatError. Branch on `kind`
 * and `code`, never on `message`. It never contains the UserSig.
 */
export declare class ChatError extends Error {
  private constructor();
  /** Always "ChatError". */
  readonly name: "ChatError";
}
export interface ChatError extends Readonly<ChatErrorData> {}
