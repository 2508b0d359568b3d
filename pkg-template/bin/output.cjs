// @ts-check
"use strict";
// What tencent-chat writes, and how: stdout and stderr with every UserSig this run could see
// blanked out, aligned tables, the names of conversations and marks, and the live status
// line on a terminal's stderr.
const { Mark } = require("../index.cjs");

/** @typedef {import("../index.cjs").Conversation} Conversation */
/** @typedef {import("../index.cjs").AllGroups} AllGroups */
/** @typedef {[title: string, key: string]} Column */

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

/**
 * The one live line on a terminal's stderr (page counts of a walk, a bulk run's progress):
 * drawn at most 10 times a second, erased by `clear`. Not a terminal: never drawn.
 */
const status = {
  shown: false,
  last: 0,
  /**
   * @param {string} text
   * @param {boolean} [force] draw even within 100 ms of the last
   */
  draw(text, force = false) {
    if (!process.stderr.isTTY) return;
    const now = Date.now();
    if (!force && now - status.last < 100) return;
    status.last = now;
    status.shown = true;
    err(`\r\x1b[K${text}`);
  },
  clear() {
    if (status.shown) err("\r\x1b[K");
    status.shown = false;
  },
  /**
   * A walk's `onPage` that shows the pages so far, or undefined when not on a terminal.
   * @param {string} noun
   * @returns {((progress: { page: number, total: number }) => void) | undefined}
   */
  onPage(noun) {
    if (!process.stderr.isTTY) return undefined;
    return ({ page, total }) => status.draw(`… page ${page}, ${total} ${noun}`, true);
  },
};

/** Mark names ("favorite") to bits, from the package's exported `Mark` enum. */
const MARKS = new Map(
  Object.entries(Mark).flatMap(([name, bit]) => (typeof bit === "number" ? [[name.toLowerCase(), bit]] : [])),
);
const MARK_NAMES = new Map([...MARKS].map(([name, bit]) => [bit, name]));

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

/**
 * Group ids as "Name (id)" where the name is known.
 * @param {number[]} ids
 * @param {Map<number, string>} names
 */
function describeGroups(ids, names) {
  return ids.map((id) => (names.has(id) ? `${names.get(id)} (${id})` : String(id))).join(", ");
}

/** @param {number | undefined} seconds */
function when(seconds) {
  return seconds ? new Date(seconds * 1000).toISOString().replace("T", " ").slice(0, 16) : "-";
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

/**
 * The lines of an AllGroups (groups, find): each group, then each conversation.
 * @param {AllGroups} all
 */
function* allGroupsLines(all) {
  for (const g of all.groups) yield { kind: "group", ...g };
  for (const c of all.conversations) yield { kind: "conversation", ...c };
}

/**
 * The table of an AllGroups' marked or grouped conversations (groups, find).
 * @param {AllGroups["conversations"]} conversations
 * @param {(ids: number[]) => string} groups how a conversation's group ids read
 * @param {string} empty
 */
function markedTable(conversations, groups, empty) {
  return table(
    [["CONVERSATION", "conversation"], ["MARKS", "marks"], ["CUSTOM MARK", "custom"], ["GROUPS", "groups"], ["UPDATED (UTC)", "time"]],
    conversations.map((c) => ({
      conversation: describe(c.conversation),
      marks: describeMarks(c.marks, c.standardMark),
      custom: c.customMark ?? "",
      groups: groups(c.groupIds),
      time: when(c.timestamp),
    })),
    empty,
  );
}

/** @param {{ json?: boolean, ndjson?: boolean }} values */
function format(values) {
  return values.json ? "json" : values.ndjson ? "ndjson" : "table";
}

module.exports = { out, err, redact, status, MARKS, describe, describeMarks, describeGroups, when, plural, table, allGroupsLines, markedTable, format };
