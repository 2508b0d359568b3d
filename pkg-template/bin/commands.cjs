// @ts-check
"use strict";
// The commands that read and write conversations: list, groups, pin, unpin, mark and
// create-group (lifecycle.cjs holds the group lifecycle's). A command runs once for
// --account (`run`), and per row for --accounts/--csv (bulk.cjs): `call` makes the library
// call for one account and returns its result, `items` walks one account's items for an
// export, and `dryRun` builds the request a row would send.
const { out, err, status, MARKS, describe, describeMarks, describeGroups, when, plural, table, allGroupsLines, markedTable, format } = require("./output.cjs");
const { PROGRAM, FAILED, UsageError, hint, suggest, count } = require("./usage.cjs");

/** @typedef {import("../index.cjs").ConversationClient} ConversationClient */
/** @typedef {import("../index.cjs").Conversation} Conversation */
/** @typedef {import("../index.cjs").ItemResult} ItemResult */
/** @typedef {import("../index.cjs").CallOptions} CallOptions */
/** @typedef {NonNullable<import("node:util").ParseArgsConfig["options"]>} Options */
/**
 * The flags of every command, as parseArgs gives them (or a CSV row sets them).
 * @typedef {{
 *   account?: string, sdkappid?: string, identifier?: string, usersig?: string, region?: string,
 *   endpoint?: string, "allow-insecure-http"?: boolean, json?: boolean, ndjson?: boolean,
 *   help?: boolean, limit?: string, "exclude-empty"?: boolean, "assist-flags"?: string,
 *   set?: string[], clear?: string[], custom?: string, name?: string, "new-name"?: string,
 *   "add-c2c"?: string[], "add-group"?: string[], "remove-c2c"?: string[], "remove-group"?: string[],
 *   "clear-history"?: boolean, yes?: boolean, c2c?: string[], group?: string[],
 * }} Values
 */
/**
 * @typedef {object} Command
 * @property {string} summary
 * @property {string} usage
 * @property {Options} options
 * @property {boolean} [once] must not run twice for a row: journaled when it starts
 * @property {boolean} [confirm] destructive: asks, or needs --yes
 * @property {(client: ConversationClient, values: Values, conversations: Conversation[]) => Promise<number>} run
 * @property {(client: ConversationClient, values: Values, conversations: Conversation[], options: CallOptions) => Promise<unknown>} [call]
 * @property {(client: ConversationClient, values: Values, options: CallOptions) => AsyncIterable<object>} [items]
 * @property {(client: ConversationClient, values: Values, conversations: Conversation[]) => Promise<unknown>} [dryRun]
 */

const CONVERSATIONS = `  --c2c USER         a one-to-one conversation with USER (repeatable)
  --group GID        a group chat conversation (repeatable)`;

/** @type {Options} */
const conversationFlags = { c2c: { type: "string", multiple: true }, group: { type: "string", multiple: true } };

/** @type {Record<string, Command>} */
const COMMANDS = {
  list: {
    summary: "every conversation of an account, pinned first (all pages of get_list)",
    usage: `${PROGRAM} list --account ID [--limit N] [--exclude-empty] [--assist-flags N]

Lists the account's conversations page after page; a page is requested only when the
previous one is printed (--json/--ndjson) or collected (table). The table names each
conversation's groups.

  --account ID       the account whose conversations to list
  --limit N          stop after N conversations (no further pages are requested)
  --exclude-empty    leave out conversations without messages
  --assist-flags N   raw AssistFlags (default 63, the value the service's docs prescribe;
                     only bits 0-2 are documented: pinned first, empty ones, paging of pinned)

--ndjson writes one conversation per line; --json an array. With --accounts, every
account's conversations, each with its "account".`,
    options: { limit: { type: "string" }, "exclude-empty": { type: "boolean" }, "assist-flags": { type: "string" } },
    run: runList,
    items: (client, values, options) => client.conversations(/** @type {string} */ (values.account), { ...listOptions(values), ...options }),
    dryRun: (client, values) => client.listConversations(/** @type {string} */ (values.account), { ...listOptions(values), dryRun: true }),
  },
  groups: {
    summary: "conversation groups and marked conversations (all pages of get_contact_group)",
    usage: `${PROGRAM} groups --account ID

Prints the account's conversation groups (each once) and every conversation with a mark,
a custom mark or a group.

  --account ID       the account

--json writes {"conversations": [...], "groups": [...]}; --ndjson one line per group
({"kind":"group",...}) then one per conversation ({"kind":"conversation",...}). With
--accounts, those lines for every account, each with its "account".`,
    options: {},
    run: runGroups,
    async *items(client, values, options) {
      yield* allGroupsLines(await client.getAllGroups(/** @type {string} */ (values.account), options));
    },
    dryRun: (client, values) => client.getGroups(/** @type {string} */ (values.account), { dryRun: true }),
  },
  pin: top("pin"),
  unpin: top("unpin"),
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
    call(client, values, conversations, options) {
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
      return client.mark(/** @type {string} */ (values.account), operations, options);
    },
    async run(client, values, conversations) {
      const results = /** @type {ItemResult[]} */ (await COMMANDS.mark.call?.(client, values, conversations, {}));
      return itemResults(values, results, results);
    },
  },
  "create-group": {
    summary: "create a conversation group with conversations (create_contact_group)",
    usage: `${PROGRAM} create-group --account ID --name NAME [(--c2c USER | --group GID)...]

  --account ID       the account the group belongs to
  --name NAME        the group's name, 1 to 32 bytes
${CONVERSATIONS}

Exits 1 when the service refused any conversation (the result is printed first).`,
    options: { ...conversationFlags, name: { type: "string" } },
    once: true,
    call(client, values, conversations, options) {
      if (values.name === undefined) throw new UsageError("--name is required");
      return client.createGroup(/** @type {string} */ (values.account), { name: values.name, conversations }, options);
    },
    async run(client, values, conversations) {
      const created = /** @type {import("../index.cjs").CreatedGroup} */ (await COMMANDS["create-group"].call?.(client, values, conversations, {}));
      const mode = format(values);
      if (mode === "table") out(`Created group ${JSON.stringify(created.group.name)} (id ${created.group.id}) for ${values.account}\n`);
      return itemResults(values, created, created.results, mode === "table" && !created.results.length);
    },
  },
};
// The conversation-group lifecycle commands.
Object.assign(COMMANDS, require("./lifecycle.cjs")({ CONVERSATIONS, itemResults }));

/**
 * pin or unpin.
 * @param {"pin" | "unpin"} operation
 * @returns {Command}
 */
function top(operation) {
  return {
    summary: `${operation} conversations (top)`,
    usage: `${PROGRAM} ${operation} --account ID (--c2c USER | --group GID)...

  --account ID       the account whose conversations to ${operation}
${CONVERSATIONS}`,
    options: conversationFlags,
    call(client, values, conversations, options) {
      if (!conversations.length) throw new UsageError(`give the conversations to ${operation} with --c2c USER or --group GID`);
      return client[operation](/** @type {string} */ (values.account), conversations, options);
    },
    async run(client, values, conversations) {
      await this.call?.(client, values, conversations, {});
      const mode = format(values);
      if (mode === "json") out(`${JSON.stringify({ account: values.account, operation, conversations }, null, 2)}\n`);
      else if (mode === "ndjson") for (const c of conversations) out(`${JSON.stringify({ conversation: c, pinned: operation === "pin" })}\n`);
      else out(`${operation === "pin" ? "Pinned" : "Unpinned"} ${conversations.map(describe).join(", ")} for ${values.account}\n`);
      return 0;
    },
  };
}

/**
 * list's walk options from its flags.
 * @param {Values} values
 */
function listOptions(values) {
  /** @type {import("../index.cjs").ListOptions} */
  const options = {};
  if (values["exclude-empty"]) options.includeEmpty = false;
  const flags = count(values["assist-flags"], "--assist-flags", 0, 0xffffffff);
  if (flags !== undefined) options.assistFlags = flags;
  return options;
}

/** @type {Command["run"]} */
async function runList(client, values) {
  const account = /** @type {string} */ (values.account);
  const limit = count(values.limit, "--limit", 1, Number.MAX_SAFE_INTEGER);
  /** @type {import("../index.cjs").ConversationsOptions} */
  const options = listOptions(values);
  const onPage = status.onPage("conversations");
  if (onPage) options.onPage = onPage;
  const mode = format(values);
  // --json: one document, written whole once the walk has succeeded, or nothing at all.
  /** @type {string[]} */
  const json = [];
  /** @type {import("../index.cjs").ConversationItem[]} */
  const items = [];
  let n = 0;
  for await (const item of client.conversations(account, options)) {
    if (mode === "json") json.push(JSON.stringify(item));
    else if (mode === "ndjson") out(`${JSON.stringify(item)}\n`);
    else items.push(item);
    n++;
    if (limit !== undefined && n >= limit) break;
  }
  if (mode === "json") out(json.length ? `[\n  ${json.join(",\n  ")}\n]\n` : "[]\n");
  if (mode !== "table") {
    status.clear();
    return 0;
  }
  // Groups by name, as find shows them: the names come from the account's groups.
  const names = new Map();
  if (items.some((i) => i.groupIds?.length)) {
    for (const g of (await client.getAllGroups(account)).groups) names.set(g.id, g.name);
  }
  status.clear();
  const rows = items.map((item) => ({
    conversation: describe(item.conversation),
    pinned: item.pinned ? "yes" : "",
    time: when(item.msgTime),
    marks: item.standardMark === undefined ? "" : describeMarks(item.marks, item.standardMark),
    custom: item.customMark ?? "",
    groups: describeGroups(item.groupIds ?? [], names),
  }));
  /** @param {keyof (typeof rows)[number]} key */
  const extra = (key) => rows.some((r) => r[key] !== "");
  /** @type {[string, string][]} */
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
  const onPage = status.onPage("marked conversations");
  const all = await client.getAllGroups(account, onPage ? { onPage } : {});
  status.clear();
  const mode = format(values);
  if (mode === "json") {
    out(`${JSON.stringify(all, null, 2)}\n`);
    return 0;
  }
  if (mode === "ndjson") {
    for (const line of allGroupsLines(all)) out(`${JSON.stringify(line)}\n`);
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
  out(markedTable(all.conversations, (ids) => ids.join(", "), "(no marked or grouped conversations)"));
  out(`${plural(all.groups.length, "group")}, ${plural(all.conversations.length, "marked or grouped conversation")}\n`);
  return 0;
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

module.exports = { COMMANDS };
