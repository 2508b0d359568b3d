// @ts-check
/** @typedef {import("./api.js").ChatError} ChatErrorFields */

/**
 * Every failure of a ConversationClient call rejects with a ChatError. Its fields are
 * stable: branch on `kind`, `code` and `option`, never on `message`. It never contains the
 * UserSig.
 */
export class ChatError extends Error {
  /**
   * @param {ChatErrorFields & { message: string, cause?: unknown }} fields the core's: the
   * message is its text (`Display`), `cause` the host's own error (kind "user_sig")
   */
  constructor(fields) {
    super(fields.message, "cause" in fields ? { cause: fields.cause } : undefined);
    this.name = "ChatError";
    this.kind = fields.kind;
    this.code = fields.code;
    this.info = fields.info;
    this.display = fields.display;
    this.command = fields.command;
    this.random = fields.random;
    this.httpStatus = fields.httpStatus;
    this.attempts = fields.attempts;
    this.option = fields.option;
  }
}
