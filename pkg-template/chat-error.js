// @ts-check
/** @typedef {import("./api.js").ChatError} ChatErrorFields */

/**
 * Every failure of a ConversationClient call rejects with a ChatError. Its fields are
 * stable: branch on `kind` and `code`, never on `message`. It never contains the UserSig.
 */
export class ChatError extends Error {
  /** @param {ChatErrorFields & { cause?: unknown }} fields `cause`: the host's own error (kind "user_sig") */
  constructor(fields) {
    super(describe(fields), "cause" in fields ? { cause: fields.cause } : undefined);
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

/**
 * "command: info (ErrorCode n)", or "(HTTP n)" for an http error whose info does not name
 * the status already (the core's own says "HTTP status n").
 * @param {ChatErrorFields} fields
 */
function describe({ command, info, code, kind, httpStatus }) {
  const where = command ? `${command}: ` : "";
  let why = "";
  if (code) why = ` (ErrorCode ${code})`;
  else if (kind === "http" && httpStatus != null && !new RegExp(`\\bHTTP (status )?${httpStatus}\\b`).test(info)) why = ` (HTTP ${httpStatus})`;
  return where + info + why;
}
