#!/usr/bin/env node
// @ts-check
"use strict";
// tencent-chat: the package's command line, a thin layer over its API (ConversationClient).
// This file is the entry: it parses the command line and dispatches to a command
// (commands.cjs, lifecycle.cjs), once for --account or per row (bulk.cjs); the connection
// is connection.cjs's, and what is written goes through output.cjs.
// Exit status: 0 success, 1 the service (or the network) failed, 2 usage error.
// The UserSig is never written anywhere: not in output, errors or usage messages.
const { parseArgs } = require("node:util");
const { ConversationClient, ChatError } = require("../index.cjs");
const { COMMANDS } = require("./commands.cjs");
const connection = require("./connection.cjs");
const bulk = require("./bulk.cjs");
const { out, err, status } = require("./output.cjs");
const { PROGRAM, USAGE, FAILED, UsageError, hint, suggest } = require("./usage.cjs");

/** @typedef {import("./commands.cjs").Values} Values */
/** @typedef {import("./commands.cjs").Options} Options */
/** @typedef {import("../index.cjs").Conversation} Conversation */

const OUTPUT = `Output:
  (default)          an aligned table, on a terminal or not
  --json             one JSON document
  --ndjson           one JSON value per line`;

/** @type {Options} */
const common = {
  account: { type: "string" },
  sdkappid: { type: "string" },
  identifier: { type: "string" },
  usersig: { type: "string" },
  region: { type: "string" },
  endpoint: { type: "string" },
  "allow-insecure-http": { type: "boolean" },
  json: { type: "boolean" },
  ndjson: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  ...bulk.FLAGS,
};

const OVERVIEW = `${PROGRAM}: Tencent Cloud Chat conversations from the command line

Usage: ${PROGRAM} COMMAND --account ID [options]
       ${PROGRAM} COMMAND (--accounts FILE | --csv FILE) [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`)
  .join("\n")}

${connection.HELP}

${OUTPUT}

${bulk.HELP}

Exit status: 0 success, 1 the service or the network failed, 2 usage error.
Run "${PROGRAM} COMMAND --help" for a command's options.`;

/** @param {string[]} argv */
async function main(argv) {
  const [name, ...rest] = argv;
  if (name === undefined) {
    err(`${OVERVIEW}\n`);
    return USAGE;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    if (topic !== undefined && Object.hasOwn(COMMANDS, topic)) return help(topic);
    if (topic !== undefined && !topic.startsWith("-")) {
      return usageError(undefined, `unknown command ${JSON.stringify(topic)}${hint(suggest(topic, Object.keys(COMMANDS)))}`);
    }
    out(`${OVERVIEW}\n`);
    return 0;
  }
  if (name === "--version") {
    out(`${require("../package.json").version}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    // An option is not echoed: what follows it could be a credential.
    if (name.startsWith("-")) return usageError(undefined, `the command comes first: ${PROGRAM} COMMAND [options]`);
    return usageError(undefined, `unknown command ${JSON.stringify(name)}${hint(suggest(name, Object.keys(COMMANDS)))}`);
  }
  const options = { ...common, ...command.options };
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: false, tokens: true });
  } catch (e) {
    const code = /** @type {NodeJS.ErrnoException} */ (e).code;
    // A stray value is not echoed: it could be a credential that lost its flag.
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return usageError(name, "unexpected argument: every value follows its flag (--name VALUE)");
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return usageError(name, unknownOption(name, rest, options));
    return usageError(name, /** @type {Error} */ (e).message);
  }
  const values = /** @type {Values & Record<string, unknown>} */ (parsed.values);
  if (values.help) return help(name);

  try {
    const many = values.accounts !== undefined || values.csv !== undefined;
    if (!values.account && !many) throw new UsageError("--account is required (or --accounts FILE, or --csv FILE)");
    if (values.json && values.ndjson) throw new UsageError("--json and --ndjson exclude each other");
    /** @type {Conversation[]} */
    const conversations = [];
    for (const t of parsed.tokens) {
      if (t.kind !== "option" || t.value === undefined) continue;
      if (t.name === "c2c") conversations.push({ type: "c2c", userId: t.value });
      else if (t.name === "group") conversations.push({ type: "group", groupId: t.value });
    }
    const rate = values.rate === undefined ? {} : { maxRequestsPerSecond: /^[0-9]+$/.test(String(values.rate)) ? Number(values.rate) : /** @type {any} */ (values.rate) };
    const client = new ConversationClient(connection.clientOptions(values, rate));
    if (bulk.isBulk(values)) {
      // The configuration's refusal, if any, before any row runs: every row would fail with it.
      await client.listConversations("-", { dryRun: true });
      return await bulk.runBulk({ name, command, values, conversations, client });
    }
    return await command.run(client, values, conversations);
  } catch (e) {
    status.clear();
    if (e instanceof UsageError) return usageError(name, e.message);
    if (e instanceof ChatError) {
      if (e.kind === "invalid_input") return usageError(name, connection.optionMessage(e, values) ?? e.info);
      err(`${PROGRAM}: ${e.message} [${e.kind} error, code ${e.code}${e.random === undefined ? "" : `, random ${e.random}`}]\n`);
      return FAILED;
    }
    throw e;
  }
}

/** @param {string} name */
function help(name) {
  out(`Usage: ${COMMANDS[name].usage}\n\n${connection.HELP}\n\n${OUTPUT}\n\n${bulk.HELP}\n`);
  return 0;
}

/**
 * @param {string | undefined} name
 * @param {string} message
 */
function usageError(name, message) {
  const who = name ? `${PROGRAM} ${name}` : PROGRAM;
  err(`${who}: ${message}\nRun "${who} --help" for usage.\n`);
  return USAGE;
}

/**
 * The message for an option the command does not have: the closest one it has, or the
 * commands that have it. Only the option's name is repeated, never a value.
 * @param {string} command
 * @param {string[]} args
 * @param {Options} options
 */
function unknownOption(command, args, options) {
  const loose = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const token = loose.tokens.find((t) => t.kind === "option" && !Object.hasOwn(options, t.name));
  if (!token || token.kind !== "option") return "unknown option";
  const flag = token.rawName;
  if (!flag.startsWith("--")) return `unknown option ${flag}`;
  const owners = Object.keys(COMMANDS).filter((c) => Object.hasOwn(COMMANDS[c].options, token.name));
  if (owners.length) return `${flag} is not an option of ${command} (it is one of ${owners.join(", ")})`;
  const near = suggest(token.name, Object.keys(options));
  return `unknown option ${flag}${hint(near === undefined ? undefined : `--${near}`)}`;
}

// Last, so that every constant above is initialised.
main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    status.clear();
    err(`${PROGRAM}: unexpected error: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = FAILED;
  },
);
