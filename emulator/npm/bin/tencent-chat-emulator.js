#!/usr/bin/env node
// The emulator's command line: the flags and the `listening on URL` line of chat-emulator.
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { startEmulator } from "../node.js";

const HELP = `Local emulator of the Tencent Cloud Chat conversation REST endpoints
(POST /v4/recentcontact/{top,mark_contact,create_contact_group,get_contact_group,
update_contact_group,del_contact_group,search_contact_group,get_list,delete})
with a control API under /_emulator/.

Usage: tencent-chat-emulator [OPTIONS]

Options:
      --host <HOST>                Address to bind [default: 127.0.0.1]
      --port <PORT>                Port to bind; 0 picks a free port [default: 8787]
      --seed <SEED>                Data loaded at start (when no --state file exists yet) [default: demo] [possible values: demo, none]
      --state <FILE>               Load state from FILE if present; save it (atomically) after every mutation
      --sdkappid <SDKAPPID>        The SDKAppID requests must carry [default: 1400000000]
      --identifier <IDENTIFIER>    The app administrator requests must name as \`identifier\` [default: administrator]
      --usersig <USERSIG>          The valid \`usersig\` [default: emulator-usersig]
      --secret-key <KEY>           The app's secret key: verify UserSigs as the service does (TLSSigAPIv2 HMAC, identifier, SDKAppID, expiry) instead of comparing them with --usersig
      --page-size <PAGE_SIZE>      get_list items per page [default: 100]
      --group-page-size <N>        get_contact_group items per page [default: 100]
      --pinned-limit <N>           Most pinned conversations per account [default: 50]
      --rate-limit <N>             Calls per second per command before 60007; 0 = unlimited [default: 200]
      --cors-origin <ORIGIN>...    Allowed CORS origin (repeatable); '*' allows all. Default: any origin
  -h, --help                       Print help
  -V, --version                    Print version
`;

function fail(message, code = 2) {
  process.stderr.write(`tencent-chat-emulator: ${message}\n`);
  process.exit(code);
}

function int(name, text, min, max) {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) fail(`invalid value '${text}' for '--${name}': expected an integer ${min}-${max}`);
  return Number(text);
}

let values;
let tokens;
try {
  ({ values, tokens } = parseArgs({
    options: {
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "8787" },
      seed: { type: "string", default: "demo" },
      state: { type: "string" },
      sdkappid: { type: "string", default: "1400000000" },
      identifier: { type: "string", default: "administrator" },
      usersig: { type: "string", default: "emulator-usersig" },
      "secret-key": { type: "string" },
      "page-size": { type: "string", default: "100" },
      "group-page-size": { type: "string", default: "100" },
      "pinned-limit": { type: "string", default: "50" },
      "rate-limit": { type: "string", default: "200" },
      "cors-origin": { type: "string", multiple: true, default: [] },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "V" },
    },
    strict: true,
    allowPositionals: true,
    tokens: true,
  }));
} catch (e) {
  fail(`${e.message}\n\n${HELP}`);
}
// As chat-emulator's clap flags: `--cors-origin A B` takes every value up to the next flag.
let afterCors = false;
for (const t of tokens) {
  if (t.kind === "option") afterCors = t.name === "cors-origin" && t.value !== undefined && !t.inlineValue;
  else if (t.kind === "positional" && afterCors) values["cors-origin"].push(t.value);
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
if (values.seed !== "demo" && values.seed !== "none") fail(`invalid value '${values.seed}' for '--seed': possible values: demo, none`);

let emulator;
try {
  emulator = await startEmulator({
    host: values.host,
    port: int("port", values.port, 0, 65535),
    seed: values.seed,
    state: values.state,
    sdkAppId: int("sdkappid", values.sdkappid, 0, Number.MAX_SAFE_INTEGER),
    identifier: values.identifier,
    userSig: values.usersig,
    secretKey: values["secret-key"],
    pageSize: int("page-size", values["page-size"], 1, 2 ** 32 - 1),
    groupPageSize: int("group-page-size", values["group-page-size"], 1, 2 ** 32 - 1),
    pinnedLimit: int("pinned-limit", values["pinned-limit"], 0, 2 ** 32 - 1),
    rateLimit: int("rate-limit", values["rate-limit"], 0, 2 ** 32 - 1),
    corsOrigins: values["cors-origin"],
  });
} catch (e) {
  fail(e.message.replace(/^tencent-chat-emulator: /, ""), 1);
}
process.stdout.write(`listening on ${emulator.url}\n`);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => emulator.stop().then(() => process.exit(0)));
}
