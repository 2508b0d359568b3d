#!/usr/bin/env node
// The emulator's command line: the flags and the `listening on URL` line of chat-emulator.
// The service's flags (names, aliases, help, defaults, allowed values) come from the wasm's
// description of its one settings type; only --host, --port and --state are this shell's.
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { initSync, describeOptions, checkOptions } from "../emulator.js";
import { startEmulator } from "../node.js";

initSync({ module: readFileSync(new URL("../emulator_bg.wasm", import.meta.url)) });
const SETTINGS = JSON.parse(describeOptions());

const SHELL = [
  { flag: "host", value: "HOST", help: "Address to bind", default: "127.0.0.1" },
  { flag: "port", value: "PORT", help: "Port to bind; 0 picks a free port", default: "8787" },
  { flag: "state", value: "FILE", help: "Load state from FILE if present; save it (atomically) after every mutation" },
];

function helpLine({ flag, value, help, default: d, values = [], aliases = [], list }) {
  const notes = [d === undefined || d === null || (Array.isArray(d) && d.length === 0) ? "" : ` [default: ${d}]`, values.length ? ` [possible values: ${values.join(", ")}]` : "", aliases.length ? ` [alias: ${aliases.map((a) => `--${a}`).join(", ")}]` : ""].join("");
  return `      --${flag} <${value}>${list ? "..." : ""}\n          ${help}${notes}\n`;
}

const HELP = `Local emulator of the Tencent Cloud Chat conversation REST endpoints
(POST /v4/recentcontact/{top,mark_contact,create_contact_group,get_contact_group,
update_contact_group,del_contact_group,search_contact_group,get_list,delete})
with a control API under /_emulator/.

Usage: tencent-chat-emulator [OPTIONS]

Options:
${[...SHELL, ...SETTINGS.map((s) => ({ ...s, value: s.key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase(), list: s.kind === "list" }))].map(helpLine).join("")}  -h, --help
          Print help
  -V, --version
          Print version
`;

function fail(message, code = 2) {
  process.stderr.write(`tencent-chat-emulator: ${message}\n`);
  process.exit(code);
}

function int(flag, text, min, max) {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) fail(`invalid value '${text}' for '--${flag}': expected an integer ${min}-${max}`);
  return Number(text);
}

const optionSpec = { help: { type: "boolean", short: "h" }, version: { type: "boolean", short: "V" } };
for (const s of SHELL) optionSpec[s.flag] = { type: "string", default: s.default };
for (const s of SETTINGS) {
  for (const name of [s.flag, ...s.aliases]) optionSpec[name] = { type: "string", multiple: true };
}

let values;
let tokens;
try {
  ({ values, tokens } = parseArgs({ options: optionSpec, strict: true, allowPositionals: true, tokens: true }));
} catch (e) {
  fail(`${e.message}\n\n${HELP}`);
}
const isList = (name) => SETTINGS.some((s) => s.kind === "list" && (s.flag === name || s.aliases.includes(name)));
// As chat-emulator's clap flags: `--cors-origins A B` takes every value up to the next flag.
let listFlag;
for (const t of tokens) {
  if (t.kind === "option") listFlag = isList(t.name) && t.value !== undefined && !t.inlineValue ? t.name : undefined;
  else if (t.kind === "positional" && listFlag) values[listFlag].push(t.value);
  else if (t.kind === "positional") fail(`unexpected argument '${t.value}'\n\n${HELP}`);
}
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
if (values.version) {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  process.stdout.write(`tencent-chat-emulator ${pkg.version}\n`);
  process.exit(0);
}

// Only what was given: every other setting keeps the service's default.
const options = {};
for (const s of SETTINGS) {
  const given = [s.flag, ...s.aliases].flatMap((name) => values[name] ?? []);
  if (given.length === 0) continue;
  const last = given[given.length - 1];
  if (s.kind === "list") options[s.key] = given;
  else if (s.kind === "integer") options[s.key] = int(s.flag, last, 0, Number.MAX_SAFE_INTEGER);
  else if (s.values.length && !s.values.includes(last)) fail(`invalid value '${last}' for '--${s.flag}': possible values: ${s.values.join(", ")}`);
  else options[s.key] = last;
}
const refused = checkOptions(JSON.stringify(options));
if (refused !== undefined) {
  const { key, message } = JSON.parse(refused);
  const s = SETTINGS.find((x) => x.key === key);
  fail(s ? `invalid value '${options[key]}' for '--${s.flag}': ${message}` : message);
}

let emulator;
try {
  emulator = await startEmulator({ ...options, host: values.host, port: int("port", values.port, 0, 65535), state: values.state });
} catch (e) {
  fail(e.message.replace(/^tencent-chat-emulator: /, ""), 1);
}
process.stdout.write(`listening on ${emulator.url}\n`);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => emulator.stop().then(() => process.exit(0)));
}
