// @ts-check
"use strict";
// tencent-chat's conversation-group lifecycle commands: rename-group, update-group,
// delete-group, find and delete, which commands.cjs merges into its table (see there for
// what `run` and `call` do).
const readline = require("node:readline");
const { out, err, redact, describe, describeGroups, plural, allGroupsLines, markedTable, format } = require("./output.cjs");
const { PROGRAM, FAILED, UsageError } = require("./usage.cjs");

/** @typedef {import("../index.cjs").ConversationClient} ConversationClient */
/** @typedef {import("../index.cjs").Conversation} Conversation */
/** @typedef {import("../index.cjs").ItemResult} ItemResult */
/** @typedef {import("./commands.cjs").Values} Values */
/** @typedef {import("./commands.cjs").Command} Command */

/**
 * The commands, given the usage text of conversation flags and the printer of item results.
 * @param {{ CONVERSATIONS: string, itemResults: (values: Values, whole: unknown, results: ItemResult[]) => number }} shared
 * @returns {Record<string, Command>}
 */
module.exports = function lifecycleCommands({ CONVERSATIONS, itemResults }) {
  const yes = { yes: /** @type {const} */ ({ type: "boolean", short: "y" }) };
  const CONFIRM = `  -y, --yes          do not ask for confirmation. Without it the command asks on a
                     terminal, and refuses (exit 2) when stdin is not a terminal`;
  const many = /** @type {const} */ ({ type: "string", multiple: true });
  /** @param {Values} values */
  const account = (values) => /** @type {string} */ (values.account);
  /** @type {Record<string, Command>} */
  const commands = {
    "rename-group": {
      summary: "rename a conversation group (update_contact_group)",
      usage: `${PROGRAM} rename-group --account ID --name NAME --new-name NAME

  --account ID       the account the group belongs to
  --name NAME        the group's current name (groups are addressed by name)
  --new-name NAME    its new name, 1 to 32 bytes

--json and --ndjson write the renamed group: {"name": NEW, "id": N}.`,
      options: { name: { type: "string" }, "new-name": { type: "string" } },
      once: true,
      call(client, values, _, options) {
        if (values.name === undefined) throw new UsageError("--name is required");
        if (values["new-name"] === undefined) throw new UsageError("--new-name is required");
        return client.renameGroup(account(values), { name: values.name, newName: values["new-name"] }, options);
      },
      run: runRename,
    },
    "update-group": {
      summary: "add conversations to a group or take them out (update_contact_group)",
      usage: `${PROGRAM} update-group --account ID --name NAME [--add-c2c USER] [--add-group GID]
                          [--remove-c2c USER] [--remove-group GID]

  --account ID        the account the group belongs to
  --name NAME         the group's name
  --add-c2c USER      add the one-to-one conversation with USER (repeatable)
  --add-group GID     add the group chat conversation GID (repeatable)
  --remove-c2c USER   take the conversation with USER out of the group (repeatable)
  --remove-group GID  take the group chat conversation GID out (repeatable)

--json writes {"group": {...}, "results": [...]}; --ndjson the same as one line.
Exits 1 when the service refused any conversation (the results are printed first).`,
      options: { name: { type: "string" }, "add-c2c": many, "add-group": many, "remove-c2c": many, "remove-group": many },
      call(client, values, _, options) {
        return client.updateGroup(account(values), groupUpdate(values), options);
      },
      run: runUpdate,
    },
    "delete-group": {
      summary: "delete a conversation group; its conversations stay (del_contact_group)",
      usage: `${PROGRAM} delete-group --account ID --name NAME [--yes]

  --account ID       the account the group belongs to
  --name NAME        the group to delete
${CONFIRM}

--json and --ndjson write the deleted group: {"name": NAME, "id": N}.`,
      options: { name: { type: "string" }, ...yes },
      once: true,
      confirm: true,
      call(client, values, _, options) {
        if (values.name === undefined) throw new UsageError("--name is required");
        return client.deleteGroup(account(values), values.name, options);
      },
      run: runDeleteGroup,
    },
    find: {
      summary: "marks and groups of the given conversations (search_contact_group)",
      usage: `${PROGRAM} find --account ID (--c2c USER | --group GID)...

Looks up the marks, custom mark and groups of each conversation given (more than 300
are sent in several requests). Conversations without any are left out.

  --account ID       the account
${CONVERSATIONS}

--json writes {"conversations": [...], "groups": [...]}; --ndjson one line per group
({"kind":"group",...}) then one per conversation ({"kind":"conversation",...}).`,
      options: { c2c: many, group: many },
      call(client, values, given, options) {
        if (!given.length) throw new UsageError("give the conversations to look up with --c2c USER or --group GID");
        return client.findConversations(account(values), given, options);
      },
      run: runFind,
    },
    delete: {
      summary: "delete a conversation from an account's list (delete)",
      usage: `${PROGRAM} delete --account ID (--c2c USER | --group GID) [--clear-history] [--yes]

Deletes one conversation from the account's conversation list.

  --account ID       the account
  --c2c USER         the one-to-one conversation with USER, or
  --group GID        the group chat conversation GID
  --clear-history    also delete the account's roaming messages of it (cannot be undone)
${CONFIRM}

--json and --ndjson write {"account", "conversation", "clearHistory"}.`,
      options: { c2c: many, group: many, "clear-history": { type: "boolean" }, ...yes },
      confirm: true,
      call(client, values, given, options) {
        if (given.length !== 1) throw new UsageError("give exactly one conversation to delete: --c2c USER or --group GID");
        const clearHistory = values["clear-history"] === true;
        return client.deleteConversation(account(values), given[0], { ...options, ...(clearHistory ? { clearHistory } : {}) });
      },
      run: runDelete,
    },
  };
  return commands;

  /**
   * @param {ConversationClient} client
   * @param {Values} values
   */
  async function runRename(client, values) {
    const group = /** @type {import("../index.cjs").GroupInfo} */ (await commands["rename-group"].call?.(client, values, [], {}));
    const mode = format(values);
    if (mode === "table") out(`Renamed group ${JSON.stringify(values.name)} to ${JSON.stringify(group.name)} (id ${group.id}) for ${values.account}\n`);
    else out(`${JSON.stringify(group, null, mode === "json" ? 2 : 0)}\n`);
    return 0;
  }

  /**
   * @param {ConversationClient} client
   * @param {Values} values
   */
  async function runUpdate(client, values) {
    const change = groupUpdate(values);
    const add = change.add ?? [];
    const remove = change.remove ?? [];
    const updated = await client.updateGroup(account(values), change);
    const mode = format(values);
    if (mode === "table") {
      // What took effect, by conversation: refused items are listed in the results below.
      const done = new Set(updated.results.filter((r) => r.ok).map((r) => describe(r.conversation)));
      const took = (/** @type {readonly Conversation[]} */ list) => list.map(describe).filter((d) => done.has(d));
      const [added, removed] = [took(add), took(remove)];
      const what = [added.length && `added ${added.join(", ")}`, removed.length && `removed ${removed.join(", ")}`];
      out(`Updated group ${JSON.stringify(updated.group.name)} (id ${updated.group.id}) for ${values.account}: ${what.filter(Boolean).join("; ") || "nothing changed"}\n`);
    }
    return itemResults(values, updated, updated.results);
  }

  /**
   * @param {ConversationClient} client
   * @param {Values} values
   */
  async function runDeleteGroup(client, values) {
    if (values.name === undefined) throw new UsageError("--name is required");
    if (!(await confirm(values, `Delete the conversation group ${JSON.stringify(values.name)} of ${values.account}? Its conversations stay.`))) return FAILED;
    const group = await client.deleteGroup(account(values), values.name);
    const mode = format(values);
    if (mode === "table") out(`Deleted group ${JSON.stringify(group.name)} (id ${group.id}) for ${values.account}\n`);
    else out(`${JSON.stringify(group, null, mode === "json" ? 2 : 0)}\n`);
    return 0;
  }

  /**
   * @param {ConversationClient} client
   * @param {Values} values
   * @param {Conversation[]} given
   */
  async function runFind(client, values, given) {
    const found = /** @type {import("../index.cjs").AllGroups} */ (await commands.find.call?.(client, values, given, {}));
    const mode = format(values);
    if (mode === "json") out(`${JSON.stringify(found, null, 2)}\n`);
    else if (mode === "ndjson") {
      for (const line of allGroupsLines(found)) out(`${JSON.stringify(line)}\n`);
    } else {
      const names = new Map(found.groups.map((g) => [g.id, g.name]));
      out(markedTable(found.conversations, (ids) => describeGroups(ids, names), "(no marks or groups)"));
      out(`${found.conversations.length} of ${plural(given.length, "conversation")} with marks or groups\n`);
    }
    return 0;
  }

  /**
   * @param {ConversationClient} client
   * @param {Values} values
   * @param {Conversation[]} given
   */
  async function runDelete(client, values, given) {
    if (given.length !== 1) throw new UsageError("give exactly one conversation to delete: --c2c USER or --group GID");
    const [conversation] = given;
    const clearHistory = values["clear-history"] === true;
    const history = clearHistory ? " and its roaming messages (this cannot be undone)" : "";
    if (!(await confirm(values, `Delete the conversation ${describe(conversation)}${history} from ${values.account}'s conversation list?`))) return FAILED;
    await client.deleteConversation(account(values), conversation, clearHistory ? { clearHistory } : {});
    const mode = format(values);
    if (mode === "table") out(`Deleted ${describe(conversation)} from ${values.account}'s conversations${clearHistory ? ", roaming messages cleared" : ""}\n`);
    else out(`${JSON.stringify({ account: values.account, conversation, clearHistory }, null, mode === "json" ? 2 : 0)}\n`);
    return 0;
  }

  /**
   * update-group's change from its flags.
   * @param {Values} values
   */
  function groupUpdate(values) {
    if (values.name === undefined) throw new UsageError("--name is required");
    const add = conversations(values["add-c2c"], values["add-group"]);
    const remove = conversations(values["remove-c2c"], values["remove-group"]);
    if (!add.length && !remove.length) throw new UsageError("nothing to change: give --add-c2c, --add-group, --remove-c2c or --remove-group");
    /** @type {import("../index.cjs").GroupUpdate} */
    const change = { name: values.name };
    if (add.length) change.add = add;
    if (remove.length) change.remove = remove;
    return change;
  }

  /**
   * c2c ids then group ids, as conversations.
   * @param {string[]} users
   * @param {string[]} groups
   * @returns {Conversation[]}
   */
  function conversations(users = [], groups = []) {
    return [...users.map((userId) => ({ type: /** @type {const} */ ("c2c"), userId })), ...groups.map((groupId) => ({ type: /** @type {const} */ ("group"), groupId }))];
  }

  /**
   * Asks before a destructive command unless --yes; true to go ahead. On a terminal: a y/N
   * question on stderr (anything but y or yes declines; the command then exits 1 having
   * sent nothing). With stdin not a terminal there is nobody to ask, so it refuses (a usage
   * error) rather than guess: a script must say --yes.
   * @param {Values} values
   * @param {string} question
   */
  async function confirm(values, question) {
    if (values.yes) return true;
    if (!process.stdin.isTTY) throw new UsageError("stdin is not a terminal, so nobody can confirm: pass --yes to delete without asking");
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    const answer = await new Promise((/** @type {(answer: string) => void} */ resolve) => {
      rl.once("close", () => resolve("")); // end of input: no
      rl.once("SIGINT", () => rl.close()); // Ctrl-C at the question: no
      rl.question(redact(`${question} [y/N] `), resolve);
    });
    rl.close();
    if (/^\s*y(es)?\s*$/i.test(answer)) return true;
    err("Not deleted.\n");
    return false;
  }
};
