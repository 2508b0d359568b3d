export * from "./api.js";
// The generated `ChatError` interface holds the fields; the class below carries them.
import type { ChatError as ChatErrorData } from "./api.js";

/**
 * Every failure of a ConversationClient call rejects with a ChatError. Branch on `kind`
 * and `code`, never on `message`. It never contains the UserSig.
 */
export declare class ChatError extends Error {
  private constructor();
  readonly name: "ChatError";
}
export interface ChatError extends Readonly<ChatErrorData> {}
