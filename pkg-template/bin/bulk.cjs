// @ts-check
"use strict";
// The bulk runner: one command for many accounts. Rows come from --accounts (one account a
// line) or --csv (a header naming the command's flags); they run --concurrency at a time
// through one client, whose limiter holds the service's rate (--rate lowers it). Each row
// ends ok, failed (with its row number), skipped (done in an earlier run, per --journal) or
// unclear (a row that must not run twice started and never ended). --dry-run builds each
// row's request with the library and prints it instead.
const fs = require("node:fs");
const crypto = require("node:crypto");
const { ChatError } = require("../index.cjs");
const { out, err, status, describe, when, plural, table, format } = require("./output.cjs");
const { FAILED, UsageError, hint, suggest, count } = require("./usage.cjs");
const csv = require("./csv.cjs");

/** @typedef {import("./commands.cjs").Command} Command */
/** @typedef {import("./commands.cjs").Values} Values */
/** @typedef {import("../index.cjs").Conversation} Conversation */
/** @typedef {import("../index.cjs").ConversationClient} ConversationClient */
/** @typedef {{ row: number, account: string, values: Values, conversations: Conversation[], error?: string }} Row */
/** @typedef {{ row: number, account: string, ok: boolean, [key: string]: unknown }} Outcome */

/** @type {NonNullable<import("node:util").ParseArgsConfig["options"]>} */
const FLAGS = {
  accounts: { type: "string" },
  csv: { type: "string" },
  concurrency: { type: "string" },
  rate: { type: "string" },
  "dry-run": { type: "boolean" },
  "max-rows": { type: "string" },
  journal: { type: "string" },
  "retry-unclear": { type: "boolean" },
  quiet: { type: "boolean" },
};

const HELP = `Many accounts (see "Bulk work" in the README):
  --accounts FILE    run for each account in FILE, one a line ("-": stdin; blank lines
                     and # comments skipped)
  --csv FILE         run for each row of FILE: a header names the command's flags without
                     dashes (account, c2c, group, name…); "a;b" gives a flag two values;
                     a row's cell wins over the same flag on the command line
  --concurrency N    rows in flight at once (default 16)
  --rate N           at most N requests a second per endpoint (default 200, the service's)
  --max-rows N       only the first N rows
  --dry-run          check every row and print what it would send; send nothing
  --journal FILE     record each row as it ends (and, for create-group, rename-group and
                     delete-group, as it starts); a rerun skips the rows done
  --retry-unclear    resend rows that started and never ended in the journal
  --quiet            no progress line and no summary on stderr`;

/** Errors after which a request may have taken effect. */
const UNCLEAR_KINDS = new Set(["network", "timeout", "bad_response", "aborted", "http"]);

/**
 * Whether this run is a bulk run (or a dry run, which the runner prints).
 * @param {Record<string, unknown>} values
 */
function isBulk(values) {
  return values.accounts !== undefined || values.csv !== undefined || values["dry-run"] === true;
}

/**
 * Runs `command` for every row; resolves to the exit status.
 * @param {{ name: string, command: Command, values: Values & Record<string, unknown>, conversations: Conversation[], client: ConversationClient }} run
 */
async function runBulk({ name, command, values, conversations, client }) {
  const bulk = /** @type {Record<string, string | boolean | undefined>} */ (values);
  if (bulk.accounts !== undefined && bulk.csv !== undefined) throw new UsageError("--accounts and --csv exclude each other");
  if ((bulk.accounts !== undefined || bulk.csv !== undefined) && values.account !== undefined) {
    throw new UsageError("--account and --accounts/--csv exclude each other (put the account in the file)");
  }
  const dryRun = bulk["dry-run"] === true;
  const concurrency = count(/** @type {string | undefined} */ (bulk.concurrency), "--concurrency", 1, 1000) ?? 16;
  const maxRows = count(/** @type {string | undefined} */ (bulk["max-rows"]), "--max-rows", 1, Number.MAX_SAFE_INTEGER);
  if (command.confirm && !dryRun && !values.yes && (bulk.accounts !== undefined || bulk.csv !== undefined)) {
    throw new UsageError("nobody is asked once per row: pass --yes to delete for every row (try --dry-run first)");
  }
  const input = readInput(bulk);
  let rows = input.rows(command, values, conversations);
  if (maxRows !== undefined) rows = rows.slice(0, maxRows);
  const journal = !dryRun && typeof bulk.journal === "string" ? Journal.open(bulk.journal, identity(name, input.text, values)) : undefined;
  const retryUnclear = bulk["retry-unclear"] === true;
  const quiet = bulk.quiet === true;
  const mode = format(values);
  const export_ = !dryRun && command.items !== undefined;

  const tally = { ok: 0, failed: 0, skipped: 0, unclear: 0, sent: 0 };
  /** @type {Outcome[]} */
  const outcomes = [];
  /** @type {Record<string, unknown>[]} */
  const items = [];
  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;

  /** @param {Outcome} outcome */
  const emit = (outcome) => {
    if (outcome.skipped) tally.skipped++;
    else if (outcome.unclear) tally.unclear++;
    else if (outcome.ok) tally.ok++;
    else tally.failed++;
    if (!outcome.skipped && !outcome.unclear) tally.sent++;
    if (mode === "ndjson" && !(export_ && outcome.ok)) out(`${JSON.stringify(outcome)}\n`);
    else outcomes.push(outcome);
    if (!quiet) {
      const done = tally.ok + tally.failed + tally.skipped + tally.unclear;
      const rate = tally.sent / Math.max(elapsed(), 0.001);
      const eta = rate > 0 ? Math.ceil((rows.length - done) / rate) : 0;
      status.draw(`${done}/${rows.length} rows · ${rate.toFixed(0)}/s · ${tally.failed} failed${tally.unclear ? ` · ${tally.unclear} unclear` : ""} · ETA ${eta} s`, done === rows.length);
    }
  };

  /** @param {Row} row */
  const runRow = async (row) => {
    const base = { row: row.row, account: row.account };
    if (row.error !== undefined) return emit({ ...base, ok: false, error: { kind: "invalid_input", code: 0, info: row.error } });
    const before = journal?.state(row);
    if (before === "done") return emit({ ...base, ok: true, skipped: true });
    if (before === "start" && command.once && !retryUnclear) return emit({ ...base, ok: false, unclear: true, error: { kind: "unclear", code: 0, info: "started in an earlier run and never ended: check it, or pass --retry-unclear" } });
    let begun = false;
    try {
      if (dryRun) {
        const prepared = /** @type {{ command: string, body: unknown }} */ (
          command.dryRun ? await command.dryRun(client, row.values, row.conversations) : await command.call?.(client, row.values, row.conversations, { dryRun: true })
        );
        return emit({ ...base, ok: true, dryRun: true, command: prepared.command, body: prepared.body });
      }
      if (export_ && command.items) {
        for await (const item of command.items(client, row.values, {})) {
          const line = { account: row.account, ...item };
          if (mode === "ndjson") out(`${JSON.stringify(line)}\n`);
          else items.push(line);
        }
        journal?.record(row, "done");
        return emit({ ...base, ok: true });
      }
      if (command.once) {
        journal?.record(row, "start");
        begun = true;
      }
      const result = await command.call?.(client, row.values, row.conversations, {});
      const shown = result === undefined ? {} : Array.isArray(result) ? { results: result } : /** @type {object} */ (result);
      const list = /** @type {{ results?: import("../index.cjs").ItemResult[] }} */ (shown).results ?? [];
      const refused = list.filter((r) => !r.ok);
      journal?.record(row, refused.length ? "failed" : "done");
      if (!refused.length) return emit({ ...base, ok: true, ...shown });
      const info = `the service refused ${refused.length} of ${plural(list.length, "conversation")} (${refused.map((r) => describe(r.conversation)).join(", ")})`;
      return emit({ ...base, ok: false, ...shown, error: { kind: "api", code: refused[0].code, info } });
    } catch (e) {
      if (e instanceof UsageError) return emit({ ...base, ok: false, error: { kind: "invalid_input", code: 0, info: e.message } });
      if (!(e instanceof ChatError)) throw e;
      const error = { kind: e.kind, code: e.code, info: e.info };
      // A row that must not run twice and may have taken effect stays open in the journal.
      if (begun && e.attempts > 0 && UNCLEAR_KINDS.has(e.kind)) return emit({ ...base, ok: false, unclear: true, error });
      journal?.record(row, "failed");
      return emit({ ...base, ok: false, error });
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < rows.length) await runRow(rows[next++]);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
  } finally {
    status.clear();
    journal?.close();
  }

  const seconds = elapsed();
  const rate = tally.sent / Math.max(seconds, 0.001);
  const summary = { ok: tally.ok, failed: tally.failed, skipped: tally.skipped, unclear: tally.unclear, elapsedSeconds: Number(seconds.toFixed(3)), rowsPerSecond: Number(rate.toFixed(1)) };
  const line = `${tally.ok} ok, ${tally.failed} failed, ${tally.skipped} skipped, ${tally.unclear} unclear in ${seconds.toFixed(1)} s (${rate.toFixed(1)} rows/s)${dryRun ? ", dry run: nothing sent" : ""}`;
  outcomes.sort((a, b) => a.row - b.row);
  if (mode === "json") out(`${JSON.stringify(export_ ? { items, failed: outcomes.filter((o) => !o.ok), summary } : { rows: outcomes, summary }, null, 2)}\n`);
  else if (mode === "table") {
    if (dryRun) out(table([["ROW", "row"], ["ACCOUNT", "account"], ["COMMAND", "command"], ["BODY", "body"]], outcomes.filter((o) => o.ok).map((o) => ({ row: String(o.row), account: o.account, command: String(o.command), body: JSON.stringify(o.body) }))));
    if (export_) out(exportTable(name, items));
    const bad = outcomes.filter((o) => !o.ok);
    if (bad.length) {
      out(table([["ROW", "row"], ["ACCOUNT", "account"], ["RESULT", "result"], ["INFO", "info"]], bad.map((o) => {
        const error = /** @type {{ kind: string, code: number, info: string }} */ (o.error);
        return { row: String(o.row), account: o.account, result: o.unclear ? "unclear" : `${error.kind}${error.code ? ` ${error.code}` : ""}`, info: error.info };
      })));
    }
    out(`${line}\n`);
  }
  if (!quiet && !process.stderr.isTTY && mode !== "table") err(`${line}\n`);
  return tally.failed || tally.unclear ? FAILED : 0;
}

/**
 * The export table of list or groups over many accounts.
 * @param {string} name
 * @param {Record<string, any>[]} items
 */
function exportTable(name, items) {
  if (name === "list") {
    return table(
      [["ACCOUNT", "account"], ["CONVERSATION", "conversation"], ["PINNED", "pinned"], ["LAST MESSAGE (UTC)", "time"]],
      items.map((i) => ({ account: i.account, conversation: describe(i.conversation), pinned: i.pinned ? "yes" : "", time: when(i.msgTime) })),
    );
  }
  return table(
    [["ACCOUNT", "account"], ["KIND", "kind"], ["WHAT", "what"]],
    items.map((i) => ({ account: i.account, kind: i.kind, what: i.kind === "group" ? `${i.name} (${i.id})` : describe(i.conversation) })),
  );
}

/**
 * The rows' source: --accounts, --csv, or the command line alone (one row).
 * @param {Record<string, string | boolean | undefined>} bulk
 */
function readInput(bulk) {
  const path = /** @type {string | undefined} */ (bulk.accounts ?? bulk.csv);
  const text = path === undefined ? "" : readText(path, bulk.accounts !== undefined ? "--accounts" : "--csv");
  return {
    text,
    /**
     * @param {Command} command
     * @param {Values} values
     * @param {Conversation[]} conversations
     * @returns {Row[]}
     */
    rows(command, values, conversations) {
      if (bulk.accounts !== undefined) {
        return text.split(/\r?\n/).flatMap((raw, i) => {
          const account = raw.trim();
          if (account === "" || account.startsWith("#")) return [];
          return [{ row: i + 1, account, values: { ...values, account }, conversations }];
        });
      }
      if (bulk.csv !== undefined) return csvRows(text, command, values, conversations);
      return [{ row: 1, account: values.account ?? "", values, conversations }];
    },
  };
}

/**
 * @param {string} path
 * @param {string} flag
 */
function readText(path, flag) {
  try {
    return fs.readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (e) {
    throw new UsageError(`${flag} ${path === "-" ? "(stdin)" : path}: cannot read it (${/** @type {NodeJS.ErrnoException} */ (e).code ?? e})`);
  }
}

/**
 * A CSV file's rows: row numbers as a spreadsheet shows them (the header is row 1).
 * @param {string} text
 * @param {Command} command
 * @param {Values} values
 * @param {Conversation[]} conversations
 * @returns {Row[]}
 */
function csvRows(text, command, values, conversations) {
  let records;
  try {
    records = csv.parse(text);
  } catch (e) {
    if (e instanceof csv.CsvError) throw new UsageError(`--csv: ${e.message}`);
    throw e;
  }
  const [header = [], ...data] = records;
  const columns = header.map((h) => h.trim().replace(/^--/, ""));
  const known = ["account", ...Object.keys(command.options)];
  for (const column of columns) {
    if (!known.includes(column)) throw new UsageError(`--csv: the column ${JSON.stringify(column)} is not a flag of this command${hint(suggest(column, known))}`);
    if (columns.indexOf(column) !== columns.lastIndexOf(column)) throw new UsageError(`--csv: the column ${JSON.stringify(column)} comes twice`);
  }
  if (!columns.includes("account")) throw new UsageError('--csv: the header has no "account" column');
  const ownConversations = columns.includes("c2c") || columns.includes("group");
  /** @type {Row[]} */
  const rows = [];
  data.forEach((record, i) => {
    const row = i + 2;
    if (record.length === 1 && record[0].trim() === "") return; // a blank line
    /** @type {Record<string, unknown>} */
    const merged = { ...values };
    let error;
    if (record.length !== columns.length) error = `${plural(record.length, "field")}, the header has ${columns.length}`;
    columns.forEach((column, j) => {
      const cell = (record[j] ?? "").trim();
      if (cell === "") return; // the command line's value, if any
      /** @type {{ type: string, multiple?: boolean }} */
      const option = column === "account" ? { type: "string" } : command.options[column];
      if (option.type === "boolean") {
        const yes = ["1", "true", "yes"].includes(cell.toLowerCase());
        if (!yes && !["0", "false", "no"].includes(cell.toLowerCase())) error ??= `${column}: ${JSON.stringify(cell)} is not true or false`;
        merged[column] = yes;
      } else if (option.multiple) merged[column] = cell.split(";").map((v) => v.trim()).filter((v) => v !== "");
      else merged[column] = cell;
    });
    const rowValues = /** @type {Values} */ (merged);
    const own = ownConversations
      ? [...(rowValues.c2c ?? []).map((userId) => ({ type: /** @type {const} */ ("c2c"), userId })), ...(rowValues.group ?? []).map((groupId) => ({ type: /** @type {const} */ ("group"), groupId }))]
      : conversations;
    rows.push({ row, account: rowValues.account ?? "", values: rowValues, conversations: own, ...(error === undefined ? {} : { error }) });
  });
  return rows;
}

/**
 * What a journal is for: the command, and a digest of the input and of the flags that
 * shape the rows (not the connection, output or pace).
 * @param {string} name
 * @param {string} text
 * @param {Record<string, unknown>} values
 */
function identity(name, text, values) {
  const ignored = new Set(["sdkappid", "identifier", "usersig", "region", "endpoint", "allow-insecure-http", "json", "ndjson", "help", "accounts", "csv", "concurrency", "rate", "dry-run", "max-rows", "journal", "retry-unclear", "quiet", "yes"]);
  const flags = Object.keys(values).filter((k) => !ignored.has(k)).sort().map((k) => [k, values[k]]);
  const digest = crypto.createHash("sha256").update(text).update("\0").update(JSON.stringify(flags)).digest("hex");
  return { command: name, input: digest };
}

/**
 * The journal: one JSON line per event, each written and fsynced before the run goes on.
 * The first line says what it is for; then `{"row", "account", "state"}` with state
 * "start" (a row that must not run twice is about to be sent), "done" or "failed". A
 * line cut short by a kill is ignored.
 */
class Journal {
  /**
   * @param {number} fd
   * @param {Map<string, string>} states
   */
  constructor(fd, states) {
    this.fd = fd;
    this.states = states;
  }

  /**
   * Opens (or starts) the journal at `path` for `id`; refuses one written for another.
   * @param {string} path
   * @param {{ command: string, input: string }} id
   */
  static open(path, id) {
    let text = "";
    try {
      text = fs.readFileSync(path, "utf8");
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== "ENOENT") throw new UsageError(`--journal ${path}: cannot read it (${/** @type {NodeJS.ErrnoException} */ (e).code})`);
    }
    /** @type {Map<string, string>} */
    const states = new Map();
    const lines = text.split("\n");
    let header;
    try {
      header = text.trim() === "" ? undefined : JSON.parse(lines[0]);
    } catch {
      throw new UsageError(`--journal ${path} is not a journal of this command`);
    }
    if (header !== undefined && (header.journal !== 1 || header.command !== id.command || header.input !== id.input)) {
      const what = header.command !== id.command ? `the command ${JSON.stringify(header.command)}` : "another input (file or flags)";
      throw new UsageError(`--journal ${path} was written for ${what}: use another journal file`);
    }
    for (const line of lines.slice(1)) {
      try {
        const event = JSON.parse(line);
        states.set(`${event.row}\0${event.account}`, event.state);
      } catch {
        // An empty line, or the last one cut short by a kill.
      }
    }
    let fd;
    try {
      fd = fs.openSync(path, "a");
    } catch (e) {
      throw new UsageError(`--journal ${path}: cannot write it (${/** @type {NodeJS.ErrnoException} */ (e).code})`);
    }
    const journal = new Journal(fd, states);
    // A torn last line would merge with the next record: start on a fresh line.
    if (text !== "" && !text.endsWith("\n")) journal.write("");
    if (header === undefined) journal.write(JSON.stringify({ journal: 1, ...id }));
    return journal;
  }

  /** @param {string} line */
  write(line) {
    fs.writeSync(this.fd, `${line}\n`);
    fs.fsyncSync(this.fd);
  }

  /**
   * The row's last state in the journal, if any.
   * @param {Row} row
   */
  state(row) {
    return this.states.get(`${row.row}\0${row.account}`);
  }

  /**
   * @param {Row} row
   * @param {"start" | "done" | "failed"} state
   */
  record(row, state) {
    this.write(JSON.stringify({ row: row.row, account: row.account, state }));
  }

  close() {
    fs.closeSync(this.fd);
  }
}

module.exports = { FLAGS, HELP, isBulk, runBulk };
