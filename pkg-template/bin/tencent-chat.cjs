#!/usr/bin/env node
"use strict";
// tencent-chat: the package's command line, a thin layer over its API (ConversationClient).
// Exit status: 0 success, 1 the service (or the network) failed, 2 usage error.
// The UserSig is never written anywhere: not in output, errors or usage messages.
const { parseArgs } = require("node:util");

const PROGRAM = "tencent-chat";
const USAGE = 2;
const FAILED = 1;

const CONNECTION = `Connection (a flag wins over its environment variable):
  --sdkappid N       TENCENT_CHAT_SDKAPPID     the app's SDKAppID
  --identifier ID    TENCENT_CHAT_IDENTIFIER   an app administrator account
  --usersig SIG      TENCENT_CHAT_USERSIG      that administrator's UserSig (prefer the
                                               variable: flags show up in process lists)
  --region NAME      TENCENT_CHAT_REGION       china (default), singapore, seoul, tokyo,
                                               frankfurt, silicon-valley, jakarta
  --endpoint URL     TENCENT_CHAT_ENDPOINT     a base URL instead (proxy, local emulator)`;

const OUTPUT = `Output:
  (default)          an aligned table, on a terminal or not
  --json             one JSON document
  --ndjson           one JSON value per line`;

const CONVERSATIONS = `  --c2c USER         a one-to-one conversation with USER (repeatable)
  --group GID        a group chat conversation (repeatable)`;

const common = {
  account: { type: "string" },
  sdkappid: { type: "string" },
  identifier: { type: "string" },
  usersig: { type: "string" },
  region: { type: "string" },
  endpoint: { type: "string" },
  json: { type: "boolean" },
  ndjson: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};
const conversationFlags = { c2c: { type: "string", multiple: true }, group: { type: "string", multiple: true } };

const COMMANDS = {
  list: {
    summary: "every conversation of an account, pinned first (all pages of get_list)",
    usage: `${PROGRAM} list --account ID [--limit N] [--exclude-empty] [--assist-flags N]

Lists the account's conversations page after page; a page is requested only when the
previous one is printed (--json/--ndjson) or collected (table).

  --account ID       the account whose conversations to list
  --limit N          stop after N conversations (no further pages are requested)
  --exclude-empty    leave out conversations without messages
  --assist-flags N   raw AssistFlags (default 7; add 8 for marks and groups on newer services)

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
  --set BITS         bits to set: numbers 0-63 or favorite, unread, collapsed, hidden,
                     comma-separated or repeated (e.g. --set favorite,40)
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
const redact = (text) => secrets.reduce((t, s) => t.split(s).join("[REDACTED]"), String(text));
const out = (text) => process.stdout.write(redact(text));
const err = (text) => process.stderr.write(redact(text));
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0); // e.g. `| head`
  throw e;
});

// --- progress (stderr, only on a terminal) ---

const progress = {
  shown: false,
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

async function main(argv) {
  const [name, ...rest] = argv;
  if (name === undefined) {
    err(`${OVERVIEW}\n`);
    return USAGE;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" && rest[0];
    if (topic && Object.hasOwn(COMMANDS, topic)) return help(topic);
    out(`${OVERVIEW}\n`);
    return 0;
  }
  if (name === "--version") {
    out(`${require("../package.json").version}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) return usageError(undefined, `unknown command ${JSON.stringify(name)}`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...common, ...command.options }, strict: true, allowPositionals: false, tokens: true });
  } catch (e) {
    // A stray value is not echoed: it could be a credential that lost its flag.
    if (e.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return usageError(name, "unexpected argument: every value follows its flag (--name VALUE)");
    return usageError(name, e.message);
  }
  const { values, tokens } = parsed;
  if (values.help) return help(name);

  const { ConversationClient, ChatError } = require("../index.cjs");
  try {
    if (!values.account) throw new UsageError("--account is required");
    if (values.json && values.ndjson) throw new UsageError("--json and --ndjson exclude each other");
    const conversations = tokens
      .filter((t) => t.kind === "option" && (t.name === "c2c" || t.name === "group"))
      .map((t) => (t.name === "c2c" ? { type: "c2c", userId: t.value } : { type: "group", groupId: t.value }));
    const client = new ConversationClient(connection(values));
    return await command.run(client, values, conversations);
  } catch (e) {
    progress.clear();
    if (e instanceof UsageError) return usageError(name, e.message);
    if (e instanceof ChatError) {
      if (e.kind === "invalid_input") return usageError(name, e.info);
      err(`${PROGRAM}: ${e.message} [${e.kind} error, code ${e.code}${e.random === undefined ? "" : `, random ${e.random}`}]\n`);
      return FAILED;
    }
    throw e;
  }
}

function help(name) {
  out(`Usage: ${COMMANDS[name].usage}\n\n${CONNECTION}\n\n${OUTPUT}\n`);
  return 0;
}

function usageError(name, message) {
  const who = name ? `${PROGRAM} ${name}` : PROGRAM;
  err(`${who}: ${message}\nRun "${who} --help" for usage.\n`);
  return USAGE;
}

/** The UserSig values this run could see, to keep them out of everything it writes. */
function collectSecrets(argv) {
  const found = [process.env.TENCENT_CHAT_USERSIG];
  argv.forEach((arg, i) => {
    if (arg === "--usersig") found.push(argv[i + 1]);
    else if (arg.startsWith("--usersig=")) found.push(arg.slice("--usersig=".length));
  });
  // Real UserSigs are hundreds of characters; a very short test value is left alone rather
  // than blanked out of every word that contains it.
  return found.filter((s) => typeof s === "string" && s.length >= 6);
}

function connection(values) {
  const pick = (flag, variable) => {
    const value = values[flag] ?? process.env[variable];
    return value === "" ? undefined : value;
  };
  const sdkAppId = pick("sdkappid", "TENCENT_CHAT_SDKAPPID");
  const identifier = pick("identifier", "TENCENT_CHAT_IDENTIFIER");
  const userSig = pick("usersig", "TENCENT_CHAT_USERSIG");
  const missing = (what, flag, variable) => new UsageError(`${what} is missing: pass ${flag} or set ${variable}`);
  if (sdkAppId === undefined) throw missing("the SDKAppID", "--sdkappid", "TENCENT_CHAT_SDKAPPID");
  if (!/^[0-9]{1,10}$/.test(sdkAppId)) throw new UsageError("the SDKAppID must be a number");
  if (identifier === undefined) throw missing("the administrator identifier", "--identifier", "TENCENT_CHAT_IDENTIFIER");
  if (userSig === undefined) throw missing("the UserSig", "--usersig", "TENCENT_CHAT_USERSIG");
  const options = { sdkAppId: Number(sdkAppId), identifier, userSig };
  const region = pick("region", "TENCENT_CHAT_REGION");
  const endpoint = pick("endpoint", "TENCENT_CHAT_ENDPOINT");
  if (region !== undefined) options.region = region;
  if (endpoint !== undefined) options.endpoint = endpoint;
  return options;
}

function format(values) {
  return values.json ? "json" : values.ndjson ? "ndjson" : "table";
}

function count(value, flag, min) {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < min) throw new UsageError(`${flag} must be a whole number ≥ ${min}`);
  return Number(value);
}

// --- commands ---

async function runList(client, values) {
  const limit = count(values.limit, "--limit", 1);
  const options = { onPage: progress.onPage("conversations") };
  if (values["exclude-empty"]) options.includeEmpty = false;
  const flags = count(values["assist-flags"], "--assist-flags", 0);
  if (flags !== undefined) options.assistFlags = flags;
  const mode = format(values);
  const rows = [];
  let n = 0;
  if (mode === "json") out("[");
  for await (const item of client.conversations(values.account, options)) {
    if (mode === "json") out(`${n ? "," : ""}\n  ${JSON.stringify(item)}`);
    else if (mode === "ndjson") out(`${JSON.stringify(item)}\n`);
    else rows.push(conversationRow(item));
    n++;
    if (limit !== undefined && n >= limit) break;
  }
  progress.clear();
  if (mode === "json") out(n ? "\n]\n" : "]\n");
  if (mode !== "table") return 0;
  const extra = (key) => rows.some((r) => r[key] !== "");
  const columns = [
    ["CONVERSATION", "conversation"],
    ["PINNED", "pinned"],
    ["LAST MESSAGE (UTC)", "time"],
    ...(extra("marks") ? [["MARKS", "marks"]] : []),
    ...(extra("custom") ? [["CUSTOM MARK", "custom"]] : []),
    ...(extra("groups") ? [["GROUPS", "groups"]] : []),
  ];
  out(table(columns, rows));
  const pinned = rows.filter((r) => r.pinned).length;
  out(`${plural(n, "conversation")}${pinned ? ` (${pinned} pinned)` : ""}${limit !== undefined && n >= limit ? ", stopped at --limit" : ""}\n`);
  return 0;
}

async function runGroups(client, values) {
  const all = await client.getAllGroups(values.account, { onPage: progress.onPage("marked conversations") });
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

async function runTop(client, values, conversations, operation) {
  if (!conversations.length) throw new UsageError(`give the conversations to ${operation} with --c2c USER or --group GID`);
  await client[operation](values.account, conversations);
  const mode = format(values);
  if (mode === "json") out(`${JSON.stringify({ account: values.account, operation, conversations }, null, 2)}\n`);
  else if (mode === "ndjson") for (const c of conversations) out(`${JSON.stringify({ conversation: c, pinned: operation === "pin" })}\n`);
  else out(`${operation === "pin" ? "Pinned" : "Unpinned"} ${conversations.map(describe).join(", ")} for ${values.account}\n`);
  return 0;
}

async function runMark(client, values, conversations) {
  if (!conversations.length) throw new UsageError("give the conversations to mark with --c2c USER or --group GID");
  const set = bits(values.set);
  const clear = bits(values.clear);
  if (!set.length && !clear.length && values.custom === undefined) throw new UsageError("nothing to change: give --set, --clear or --custom");
  const operations = conversations.map((conversation) => {
    const op = { conversation };
    if (set.length) op.set = set;
    if (clear.length) op.clear = clear;
    if (values.custom !== undefined) op.customMark = values.custom;
    return op;
  });
  const results = await client.mark(values.account, operations);
  return itemResults(values, results, results);
}

async function runCreateGroup(client, values, conversations) {
  if (values.name === undefined) throw new UsageError("--name is required");
  const created = await client.createGroup(values.account, { name: values.name, conversations });
  const mode = format(values);
  if (mode === "table") out(`Created group ${JSON.stringify(created.group.name)} (id ${created.group.id}) for ${values.account}\n`);
  return itemResults(values, created, created.results, mode === "table" && !created.results.length);
}

/** Prints a multi-item outcome; exits 1 when any item failed. */
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

const MARK_NAMES = ["favorite", "unread", "collapsed", "hidden"];

function bits(list = []) {
  return list
    .flatMap((v) => v.split(","))
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== "")
    .map((v) => {
      if (/^[0-9]+$/.test(v)) return Number(v);
      const bit = MARK_NAMES.indexOf(v);
      if (bit < 0) throw new UsageError(`unknown mark ${JSON.stringify(v)}: use 0-63 or ${MARK_NAMES.join(", ")}`);
      return bit;
    });
}

function describe(c) {
  return c.type === "c2c" ? `c2c ${c.userId}` : `group ${c.groupId}`;
}

function describeMarks(marks, raw) {
  if (marks === undefined) return raw ? `raw "${raw}"` : "";
  return marks.map((b) => MARK_NAMES[b] ?? String(b)).join(", ");
}

function when(seconds) {
  return seconds ? new Date(seconds * 1000).toISOString().replace("T", " ").slice(0, 16) : "-";
}

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

function plural(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** Columns padded to the widest cell (East Asian wide characters count twice). */
function table(columns, rows, empty = "(none)") {
  if (!rows.length) return `${empty}\n`;
  const widths = columns.map(([title, key]) => Math.max(width(title), ...rows.map((r) => width(r[key]))));
  const line = (cells) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + " ".repeat(widths[i] - width(cell))))
      .join("  ")
      .trimEnd();
  return [line(columns.map(([title]) => title)), ...rows.map((r) => line(columns.map(([, key]) => r[key])))].join("\n") + "\n";
}

function width(text) {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0);
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
