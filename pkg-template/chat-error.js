/**
 * Every failure of a ConversationClient call rejects with a ChatError. Its fields are
 * stable: branch on `kind` and `code`, never on `message`. It never contains the UserSig.
 */
export class ChatError extends Error {
  constructor(fields) {
    super(fields.message);
    this.name = "ChatError";
    this.kind = fields.kind;
    this.code = fields.code;
    this.info = fields.info;
    this.display = fields.display;
    this.command = fields.command;
    this.random = fields.random;
    this.httpStatus = fields.httpStatus;
    this.attempts = fields.attempts;
  }
}
