/**
 * Every failure of a ConversationClient call rejects with a ChatError. Its fields are
 * stable: branch on `kind` and `code`, never on `message`. It never contains the UserSig.
 */
export class ChatError extends Error {
  constructor(fields) {
    super(describe(fields));
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

/** "command: info (ErrorCode n)", as the Rust `Display` of the same error reads. */
function describe({ command, info, code, kind, httpStatus }) {
  const where = command ? `${command}: ` : "";
  const why = code ? ` (ErrorCode ${code})` : kind === "http" && httpStatus != null ? ` (HTTP ${httpStatus})` : "";
  return where + info + why;
}
