#!/usr/bin/env node
// @ts-check
"use strict";
// tencent-chat: the package's command line, a thin layer over its API (ConversationClient).
// Exit status: 0 success, 1 the service (or the network) failed, 2 usage error.
// The UserSig is never written anywhere: not in output, errors or usage messages.
const { parseArgs } = require("node:util");
const { ConversationClient, ChatError, Mark, REGIONS } = require("../index.cjs");

/** @typedef {import("../index.cjs").Conversation} Conversation */
/** @typedef {import("../index.cjs").ClientOptions} ClientOptions */
/** @typedef {import("../index.cjs").ItemResult} ItemResult */
/** @typedef {NonNullable<import("node:util").ParseArgsConfig["options"]>} Options */
/**
 * The flags of every command, as parseArgs gives them.
 * @typedef {{
 *   account?: string, sdkappid?: string, identifier?: string, usersig?: string, region?: string,
 *   endpoint?: string, "allow-insecure-http"?: boolean, json?: boolean, ndjson?: boolean,
 *   help?: boolean, limit?: string, "exclude-empty"?: boolean, "assist-flags"?: string,
 *   set?: string[], clear?: string[], custom?: string, name?: string,
 * }} Values
 */
/**
 * @typedef {object} Command
 * @property {string} summary
 * @property {string} usage
 * @property {Options} options
 * @property {(client: ConversationClient, values: Values, conversations: Conversation[]) => Promise<number>} run
 */

const PROGRAM = "tencent-chat";
const USAGE = 2;
const FAILED = 1;


/** Mark names ("favorite") to bits, from the package's exported `Mark` enum. */
const MARKS = new Map(
  Object.entries(Mark).flatMap(([name, bit]) => (typeof bit === "number" ? [[name.toLowerCase(), bit]] : [])),
);
const MARK_NAMES = new Map([...MARKS].map(([name, bit]) => [bit, name]));

const CONNECTION = `Connection (a flag wins over its environment variable):
  --sdkappid N       TENCENT_CHAT_SDKAPPID     the app's SDKAppID
  --identifier ID    TENCENT_CHAT_IDENTIFIER   an app administrator account
  --usersig SIG      TENCENT_CHAT_USERSIG      that administrator's UserSig (prefer the
                                               variable: flags show up in process lists)
  --region NAME      TENCENT_CHAT_REGION       ${REGIONS[0]} (default), ${REGIONS.slice(1, 4).join(", ")},
                                               ${REGIONS.slice(4).join(", ")}
  --endpoint URL     TENCENT_CHAT_ENDPOINT     a base URL instead (proxy, local emulator)
  --allow-insecure-http, or TENCENT_CHAT_ALLOW_INSECURE_HTTP=1: allow plain http:// to
                     a host that is not loopback (the UserSig travels unencrypted: only
                     on a network you trust)`;

const OUTPUT = `Output:
  (default)          an aligned table, on a terminal or not
  --json             one JSON document
  --ndjson           one JSON value per line`;

const CONVERSATIONS = `  --c2c USER         a one-to-one conversation with USER (repeatable)
  --group GID        a group chat conversation (repeatable)`;

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
};
/** @type {Options} */
const conversationFlags = { c2c: { type: "string", multiple: true }, group: { type: "string", multiple: true } };

/** @type {Record<string, Command>} */
const COMMANDS = {
  list: {
    summary: "every conversation of an account, pinned first (all pages of get_list)",
    usage: `${PROGRAM} list --account ID [--limit N] [--exclude-empty] [--assist-flags N]

Lists the account's conversations page after page; a page is requested only when the
previous one is printed (--json/--ndjson) or collected (table).

  --account ID       the account whose conversations to list
  --limit N          stop after N conversations (no further pages are requested)
  --exclude-empty    leave out conversations without messages
  --assist-flags N   raw AssistFlags (default 63: pinned first, empty ones, marks and groups;
                     7 leaves out marks, custom marks and groups)

--ndjson writes one conversation per line; --json an array.`,
    options: { limit: { type: "string" }, "exclude-empty": { type: "boolean" }, "assist-flags": { type: "string" } },
    run: runList,
  },
  groups: {
    summary: "conversation groups and marked conversations (all pages of get_contact_group)",
    usage: `${PROGRAM} groups --account ID

Prints the account's conversation groups (each once) and every conversation with a mark,
a custom mark or a group.

  --account ID       the account

--json writes {"conversations": [...], "groups": [...]}; --ndjson one line per group
({"kind":"group",...}) then one per conversation ({"kind":"conversation",...}).`,
    options: {},
    run: runGroups,
  },
  pin: {
    summary: "pin conversations (top)",
    usage: `${PROGRAM} pin --account ID (--c2c USER | --group GID)...

  --account ID       the account whose conversations to pin
${CONVERSATIONS}`,
    options: conversationFlags,
    run: (client, values, conversations) => runTop(client, values, conversations, "pin"),
  },
  unpin: {
    summary: "unpin conversations (top)",
    usage: `${PROGRAM} unpin --account ID (--c2c USER | --group GID)...

  --account ID       the account whose conversations to unpin
${CONVERSATIONS}`,
    options: conversationFlags,
    run: (client, values, conversations) => runTop(client, values, conversations, "unpin"),
  },
  mark: {
    summary: "set or clear mark bits and the custom mark (mark_contact)",
    usage: `${PROGRAM} mark --account ID (--c2c USER | --group GID)... [--set BITS] [--clear BITS] [--custom TEXT]

Applies the same change to each conversation given.

  --account ID       the account whose conversations to mark
${CONVERSATIONS}
  --set BITS         bits to set: numbers 0-63 or ${[...MARKS.keys()].join(", ")},
                     comma-separated or repeated (e.g. --set ${[...MARKS.keys()][0]},40)
  --clear BITS       bits to clear, the same way
  --custom TEXT      the custom mark (at most 256 bytes); --custom "" clears it

Exits 1 when the service refused any conversation (the results are printed first).`,
    options: { ...conversationFlags, set: { type: "string", multiple: true }, clear: { type: "string", multiple: true }, custom: { type: "string" } },
    run: runMark,
  },
  "create-group": {
    summary: "create a conversation group with conversations (create_contact_group)",
    usage: `${PROGRAM} create-group --account ID --name NAME [(--c2c USER | --group GID)...]

  --account ID       the account the group belongs to
  --name NAME        the group's name, 1 to 32 bytes
${CONVERSATIONS}

Exits 1 when the service refused any conversation (the result is printed first).`,
    options: { ...conversationFlags, name: { type: "string" } },
    run: runCreateGroup,
  },
};
// The conversation-group lifecycle commands (lifecycle.cjs) take the helpers below when they run.
Object.assign(COMMANDS, require("./lifecycle.cjs")({ PROGRAM, CONVERSATIONS }, () => ({ out, err, redact, format, table, describe, describeMarks, when, plural, itemResults, UsageError, FAILED })));

const OVERVIEW = `${PROGRAM}: Tencent Cloud Chat conversations from the command line

Usage: ${PROGRAM} COMMAND --account ID [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`)
  .join("\n")}

${CONNECTION}

${OUTPUT}

Exit status: 0 success, 1 the service or the network failed, 2 usage error.
Run "${PROGRAM} COMMAND --help" for a command's options.`;

class UsageError extends Error {}

// Everything written goes through these, which blank out any UserSig we know of.
const secrets = collectSecrets(process.argv.slice(2));
/** @param {unknown} text */
const redact = (text) => secrets.reduce((t, s) => t.split(s).join("REDACTED"), String(text));
/** @param {string} text */
const out = (text) => process.stdout.write(redact(text));
/** @param {string} text */
const err = (text) => process.stderr.write(redact(text));
process.stdout.on("error", (/** @type {NodeJS.ErrnoException} */ e) => {
  if (e.code === "EPIPE") process.exit(0); // e.g. `| head`
  throw e;
});

// --- progress (stderr, only on a terminal) ---

const progress = {
  shown: false,
  /**
   * @param {string} noun
   * @returns {((progress: { page: number, total: number }) => void) | undefined}
   */
  onPage(noun) {
    if (!process.stderr.isTTY) return undefined;
    return ({ page, total }) => {
      progress.shown = true;
      err(`\r\x1b[K… page ${page}, ${total} ${noun}`);
    };
  },
  clear() {
    if (progress.shown) err("\r\x1b[K");
    progress.shown = false;
  },
};

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
  const values = /** @type {Values} */ (parsed.values);
  if (values.help) return help(name);

  try {
    if (!values.account) throw new UsageError("--account is required");
    if (values.json && values.ndjson) throw new UsageError("--json and --ndjson exclude each other");
    /** @type {Conversation[]} */
    const conversations = [];
    for (const t of parsed.tokens) {
      if (t.kind !== "option" || t.value === undefined) continue;
      if (t.name === "c2c") conversations.push({ type: "c2c", userId: t.value });
      else if (t.name === "group") conversations.push({ type: "group", groupId: t.value });
    }
    const client = new ConversationClient(connection(values));
    return await command.run(client, values, conversations);
  } catch (e) {
    progress.clear();
    if (e instanceof UsageError) return usageError(name, e.message);
    if (e instanceof ChatError) {
      if (e.kind === "invalid_input") return usageError(name, inFlagTerms(e.info));
      err(`${PROGRAM}: ${e.message} [${e.kind} error, code ${e.code}${e.random === undefined ? "" : `, random ${e.random}`}]\n`);
      return FAILED;
    }
    throw e;
  }
}

/** @param {string} name */
function help(name) {
  out(`Usage: ${COMMANDS[name].usage}\n\n${CONNECTION}\n\n${OUTPUT}\n`);
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
 * " (did you mean X?)" for a suggestion, or nothing.
 * @param {string | undefined} suggestion
 */
function hint(suggestion) {
  return suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`;
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

/**
 * The candidate closest to `word`: within an edit distance of about a third of its length
 * (at least 1), or the one it is a prefix of; undefined when none is close or two tie.
 * @param {string} word
 * @param {readonly string[]} candidates
 * @returns {string | undefined}
 */
function suggest(word, candidates) {
  const lower = word.toLowerCase();
  if (lower.length >= 3) {
    const extending = candidates.filter((c) => c.startsWith(lower));
    if (extending.length === 1) return extending[0];
  }
  const limit = Math.max(1, Math.floor(lower.length / 3));
  const scored = candidates.map((c) => ({ c, d: editDistance(lower, c) })).filter((x) => x.d <= limit);
  const best = Math.min(...scored.map((x) => x.d));
  const closest = scored.filter((x) => x.d === best);
  return closest.length === 1 ? closest[0].c : undefined;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of
 * two neighbours (the usual typo) each cost 1.
 * @param {string} a
 * @param {string} b
 */
function editDistance(a, b) {
  /** @type {number[][]} */
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The library's own advice, in this command's terms.
 * @param {string} message
 */
function inFlagTerms(message) {
  return message
    .replace(/set allowInsecureHttp: true/g, "pass --allow-insecure-http (or set TENCENT_CHAT_ALLOW_INSECURE_HTTP=1) on a network you trust")
    .replace(/\bcustomMark\b/g, "--custom");
}

/**
 * The UserSig values this run could see, to keep them out of everything it writes.
 * @param {string[]} argv
 * @returns {string[]}
 */
function collectSecrets(argv) {
  const found = [process.env.TENCENT_CHAT_USERSIG ?? ""];
  argv.forEach((arg, i) => {
    if (arg === "--usersig") found.push(argv[i + 1] ?? "");
    else if (arg.startsWith("--usersig=")) found.push(arg.slice("--usersig=".length));
  });
  // Real UserSigs are hundreds of characters; a very short test value is left alone rather
  // than blanked out of every word that contains it.
  return found.filter((s) => s.length >= 6);
}

/**
 * The client's options from the connection flags and variables, each checked here so that
 * a mistake is reported in the flag's terms rather than the library's.
 * @param {Values} values
 * @returns {ClientOptions}
 */
function connection(values) {
  /**
   * A setting, from its flag or else its variable (empty counts as unset), and where it came from.
   * @param {"sdkappid" | "identifier" | "usersig" | "region" | "endpoint"} flag
   * @param {string} variable
   */
  const pick = (flag, variable) => {
    const given = values[flag];
    const value = given ?? process.env[variable];
    return { value: value === "" ? undefined : value, from: given === undefined ? variable : `--${flag}` };
  };
  /**
   * @param {string} what
   * @param {string} flag
   * @param {string} variable
   */
  const missing = (what, flag, variable) => new UsageError(`${what} is missing: pass ${flag} or set ${variable}`);

  const sdkAppId = pick("sdkappid", "TENCENT_CHAT_SDKAPPID");
  if (sdkAppId.value === undefined) throw missing("the SDKAppID", "--sdkappid", "TENCENT_CHAT_SDKAPPID");
  if (!/^[0-9]+$/.test(sdkAppId.value) || Number(sdkAppId.value) > 0xffffffff) {
    throw new UsageError(`${sdkAppId.from} must be an integer from 0 to 4294967295`);
  }
  const identifier = pick("identifier", "TENCENT_CHAT_IDENTIFIER");
  if (identifier.value === undefined) throw missing("the administrator identifier", "--identifier", "TENCENT_CHAT_IDENTIFIER");
  if (identifier.value.trim() === "") throw new UsageError(`${identifier.from} must not be blank`);
  const userSig = pick("usersig", "TENCENT_CHAT_USERSIG");
  if (userSig.value === undefined) throw missing("the UserSig", "--usersig", "TENCENT_CHAT_USERSIG");

  /** @type {ClientOptions} */
  const options = { sdkAppId: Number(sdkAppId.value), identifier: identifier.value, userSig: userSig.value };
  const region = pick("region", "TENCENT_CHAT_REGION");
  if (region.value !== undefined) {
    const name = region.value.toLowerCase();
    const known = REGIONS.find((r) => r === name);
    if (known === undefined) throw new UsageError(`${region.from} must be one of ${REGIONS.join(", ")}${hint(suggest(name, REGIONS))}`);
    options.region = known;
  }
  const insecure = allowInsecureHttp(values);
  if (insecure) options.allowInsecureHttp = true;
  const endpoint = pick("endpoint", "TENCENT_CHAT_ENDPOINT");
  if (endpoint.value !== undefined) options.endpoint = checkEndpoint(endpoint.value, endpoint.from, insecure);
  return options;
}

/**
 * --allow-insecure-http, or TENCENT_CHAT_ALLOW_INSECURE_HTTP (1/true/yes or 0/false/no).
 * @param {Values} values
 */
function allowInsecureHttp(values) {
  if (values["allow-insecure-http"]) return true;
  const variable = (process.env.TENCENT_CHAT_ALLOW_INSECURE_HTTP ?? "").trim().toLowerCase();
  if (["", "0", "false", "no"].includes(variable)) return false;
  if (["1", "true", "yes"].includes(variable)) return true;
  throw new UsageError("TENCENT_CHAT_ALLOW_INSECURE_HTTP must be 1 or 0 (true/false, yes/no)");
}

/**
 * A base URL: http(s), a host, no credentials, query or fragment; plain http only to
 * loopback unless allowed (the library checks the same, in its own terms).
 * @param {string} value
 * @param {string} from
 * @param {boolean} insecure
 */
function checkEndpoint(value, from, insecure) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${from} must be an http:// or https:// URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`${from} must be an http:// or https:// URL`);
  if (url.username || url.password || url.search || url.hash || value.includes("?") || value.includes("#")) {
    throw new UsageError(`${from} must be a base URL with no credentials, query or fragment`);
  }
  const host = url.hostname;
  const loopback = host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (url.protocol === "http:" && !loopback && !insecure) {
    throw new UsageError(
      `${from} is plain http:// to ${host}, which is not loopback: the UserSig would travel unencrypted. ` +
        "Use https://, or pass --allow-insecure-http (or set TENCENT_CHAT_ALLOW_INSECURE_HTTP=1) on a network you trust",
    );
  }
  return value;
}

/** @param {Values} values */
function format(values) {
  return values.json ? "json" : values.ndjson ? "ndjson" : "table";
}

/**
 * A whole-number flag within [min, max].
 * @param {string | undefined} value
 * @param {string} flag
 * @param {number} min
 * @param {number} max
 */
function count(value, flag, min, max) {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

// --- commands ---

/** @type {Command["run"]} */
async function runList(client, values) {
  const account = /** @type {string} */ (values.account);
  const limit = count(values.limit, "--limit", 1, Number.MAX_SAFE_INTEGER);
  /** @type {import("../index.cjs").ConversationsOptions} */
  const options = {};
  const onPage = progress.onPage("conversations");
  if (onPage) options.onPage = onPage;
  if (values["exclude-empty"]) options.includeEmpty = false;
  const flags = count(values["assist-flags"], "--assist-flags", 0, 0xffffffff);
  if (flags !== undefined) options.assistFlags = flags;
  const mode = format(values);
  // --json: one document, written whole once the walk has succeeded, or nothing at all.
  /** @type {string[]} */
  const json = [];
  /** @type {Row[]} */
  const rows = [];
  let n = 0;
  for await (const item of client.conversations(account, options)) {
    if (mode === "json") json.push(JSON.stringify(item));
    else if (mode === "ndjson") out(`${JSON.stringify(item)}\n`);
    else rows.push(conversationRow(item));
    n++;
    if (limit !== undefined && n >= limit) break;
  }
  progress.clear();
  if (mode === "json") out(json.length ? `[\n  ${json.join(",\n  ")}\n]\n` : "[]\n");
  if (mode !== "table") return 0;
  /** @param {keyof Row} key */
  const extra = (key) => rows.some((r) => r[key] !== "");
  /** @type {Column[]} */
  const columns = [["CONVERSATION", "conversation"], ["PINNED", "pinned"], ["LAST MESSAGE (UTC)", "time"]];
  if (extra("marks")) columns.push(["MARKS", "marks"]);
  if (extra("custom")) columns.push(["CUSTOM MARK", "custom"]);
  if (extra("groups")) columns.push(["GROUPS", "groups"]);
  out(table(columns, rows));
  const pinned = rows.filter((r) => r.pinned).length;
  out(`${plural(n, "conversation")}${pinned ? ` (${pinned} pinned)` : ""}${limit !== undefined && n >= limit ? ", stopped at --limit" : ""}\n`);
  return 0;
}

/** @type {Command["run"]} */
async function runGroups(client, values) {
  const account = /** @type {string} */ (values.account);
  const onPage = progress.onPage("marked conversations");
  const all = await client.getAllGroups(account, onPage ? { onPage } : {});
  progress.clear();
  const mode = format(values);
  if (mode === "json") {
    out(`${JSON.stringify(all, null, 2)}\n`);
    return 0;
  }
  if (mode === "ndjson") {
    for (const g of all.groups) out(`${JSON.stringify({ kind: "group", ...g })}\n`);
    for (const c of all.conversations) out(`${JSON.stringify({ kind: "conversation", ...c })}\n`);
    return 0;
  }
  /** @param {number} id */
  const members = (id) => all.conversations.filter((c) => c.groupIds.includes(id));
  out(
    table(
      [["GROUP", "id"], ["NAME", "name"], ["CONVERSATIONS", "members"]],
      all.groups.map((g) => ({ id: String(g.id), name: g.name, members: members(g.id).map((c) => describe(c.conversation)).join(", ") })),
      "(no conversation groups)",
    ),
  );
  out("\n");
  out(
    table(
      [["CONVERSATION", "conversation"], ["MARKS", "marks"], ["CUSTOM MARK", "custom"], ["GROUPS", "groups"], ["UPDATED (UTC)", "time"]],
      all.conversations.map((c) => ({
        conversation: describe(c.conversation),
        marks: describeMarks(c.marks, c.standardMark),
        custom: c.customMark ?? "",
        groups: c.groupIds.join(", "),
        time: when(c.timestamp),
      })),
      "(no marked or grouped conversations)",
    ),
  );
  out(`${plural(all.groups.length, "group")}, ${plural(all.conversations.length, "marked or grouped conversation")}\n`);
  return 0;
}

/**
 * @param {ConversationClient} client
 * @param {Values} values
 * @param {Conversation[]} conversations
 * @param {"pin" | "unpin"} operation
 */
async function runTop(client, values, conversations, operation) {
  if (!conversations.length) throw new UsageError(`give the conversations to ${operation} with --c2c USER or --group GID`);
  await client[operation](/** @type {string} */ (values.account), conversations);
  const mode = format(values);
  if (mode === "json") out(`${JSON.stringify({ account: values.account, operation, conversations }, null, 2)}\n`);
  else if (mode === "ndjson") for (const c of conversations) out(`${JSON.stringify({ conversation: c, pinned: operation === "pin" })}\n`);
  else out(`${operation === "pin" ? "Pinned" : "Unpinned"} ${conversations.map(describe).join(", ")} for ${values.account}\n`);
  return 0;
}

/** @type {Command["run"]} */
async function runMark(client, values, conversations) {
  if (!conversations.length) throw new UsageError("give the conversations to mark with --c2c USER or --group GID");
  const set = bits(values.set);
  const clear = bits(values.clear);
  if (!set.length && !clear.length && values.custom === undefined) throw new UsageError("nothing to change: give --set, --clear or --custom");
  const operations = conversations.map((conversation) => {
    /** @type {import("../index.cjs").MarkOperation} */
    const op = { conversation };
    if (set.length) op.set = set;
    if (clear.length) op.clear = clear;
    if (values.custom !== undefined) op.customMark = values.custom;
    return op;
  });
  const results = await client.mark(/** @type {string} */ (values.account), operations);
  return itemResults(values, results, results);
}

/** @type {Command["run"]} */
async function runCreateGroup(client, values, conversations) {
  if (values.name === undefined) throw new UsageError("--name is required");
  const created = await client.createGroup(/** @type {string} */ (values.account), { name: values.name, conversations });
  const mode = format(values);
  if (mode === "table") out(`Created group ${JSON.stringify(created.group.name)} (id ${created.group.id}) for ${values.account}\n`);
  return itemResults(values, created, created.results, mode === "table" && !created.results.length);
}

/**
 * Prints a multi-item outcome; exits 1 when any item failed.
 * @param {Values} values
 * @param {unknown} whole
 * @param {ItemResult[]} results
 */
function itemResults(values, whole, results, quiet = false) {
  const mode = format(values);
  if (mode === "json") out(`${JSON.stringify(whole, null, 2)}\n`);
  else if (mode === "ndjson") {
    if (Array.isArray(whole)) for (const r of whole) out(`${JSON.stringify(r)}\n`);
    else out(`${JSON.stringify(whole)}\n`);
  } else if (!quiet) {
    out(
      table(
        [["CONVERSATION", "conversation"], ["RESULT", "result"], ["INFO", "info"]],
        results.map((r) => ({ conversation: describe(r.conversation), result: r.ok ? "ok" : `failed ${r.code}`, info: r.info })),
      ),
    );
  }
  const failed = results.filter((r) => !r.ok).length;
  if (!failed) return 0;
  err(`${PROGRAM}: the service refused ${failed} of ${plural(results.length, "conversation")}\n`);
  return FAILED;
}

// --- formatting ---

/**
 * Bit numbers from --set/--clear values: numbers or mark names, comma-separated.
 * @param {string[]} [list]
 */
function bits(list = []) {
  return list
    .flatMap((v) => v.split(","))
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== "")
    .map((v) => {
      if (/^[0-9]+$/.test(v)) return Number(v);
      const bit = MARKS.get(v);
      if (bit === undefined) throw new UsageError(`unknown mark ${JSON.stringify(v)}: use 0-63 or ${[...MARKS.keys()].join(", ")}${hint(suggest(v, [...MARKS.keys()]))}`);
      return bit;
    });
}

/** @param {Conversation} c */
function describe(c) {
  return c.type === "c2c" ? `c2c ${c.userId}` : `group ${c.groupId}`;
}

/**
 * @param {number[] | undefined} marks
 * @param {string | undefined} raw
 */
function describeMarks(marks, raw) {
  if (marks === undefined) return raw ? `raw "${raw}"` : "";
  return marks.map((b) => MARK_NAMES.get(b) ?? String(b)).join(", ");
}

/** @param {number | undefined} seconds */
function when(seconds) {
  return seconds ? new Date(seconds * 1000).toISOString().replace("T", " ").slice(0, 16) : "-";
}

/**
 * @typedef {{ conversation: string, pinned: string, time: string, marks: string, custom: string, groups: string }} Row
 * @typedef {[title: string, key: string]} Column
 */

/**
 * @param {import("../index.cjs").ConversationItem} item
 * @returns {Row}
 */
function conversationRow(item) {
  return {
    conversation: describe(item.conversation),
    pinned: item.pinned ? "yes" : "",
    time: when(item.msgTime),
    marks: item.standardMark === undefined ? "" : describeMarks(item.marks, item.standardMark),
    custom: item.customMark ?? "",
    groups: (item.groupIds ?? []).join(", "),
  };
}

/**
 * @param {number} n
 * @param {string} noun
 */
function plural(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * Columns padded to the widest cell (East Asian wide characters count twice).
 * @param {Column[]} columns
 * @param {Record<string, string>[]} rows
 */
function table(columns, rows, empty = "(none)") {
  if (!rows.length) return `${empty}\n`;
  const widths = columns.map(([title, key]) => Math.max(width(title), ...rows.map((r) => width(r[key]))));
  /** @param {string[]} cells */
  const line = (cells) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + " ".repeat(widths[i] - width(cell))))
      .join("  ")
      .trimEnd();
  return [line(columns.map(([title]) => title)), ...rows.map((r) => line(columns.map(([, key]) => r[key])))].join("\n") + "\n";
}

/** @param {string} text */
function width(text) {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

// Last, so that every constant above is initialised.
main(process.argv.slice(2)).then(
  (status) => (process.exitCode = status),
  (e) => {
    progress.clear();
    err(`${PROGRAM}: unexpected error: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = FAILED;
  },
);
