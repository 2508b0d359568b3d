// @ts-check
"use strict";
// The connection: the client's options from flags and environment variables, as given. The
// library checks them (the endpoint URL, plain http, the SDKAppID, the region…); a refusal
// names the option in the library's terms (`ChatError.option`), which the table below maps
// to this command's flag and variable.
const { REGIONS } = require("../index.cjs");
const { UsageError, hint, suggest } = require("./usage.cjs");

/** @typedef {import("../index.cjs").ClientOptions} ClientOptions */
/** @typedef {import("../index.cjs").ChatError} ChatError */
/** @typedef {Record<string, unknown>} Values */

/**
 * Each client option the command line sets: its flag, its variable (if any), what to call
 * it when it is missing, and what to add to any refusal of it (in this command's terms; the
 * library's text names its own options).
 * @type {Record<string, { flag: string, variable?: string, what?: string, note?: string }>}
 */
const OPTIONS = {
  sdkAppId: { flag: "--sdkappid", variable: "TENCENT_CHAT_SDKAPPID", what: "the SDKAppID" },
  identifier: { flag: "--identifier", variable: "TENCENT_CHAT_IDENTIFIER", what: "the administrator identifier" },
  userSig: { flag: "--usersig", variable: "TENCENT_CHAT_USERSIG", what: "the UserSig" },
  region: { flag: "--region", variable: "TENCENT_CHAT_REGION" },
  endpoint: {
    flag: "--endpoint",
    variable: "TENCENT_CHAT_ENDPOINT",
    note: "plain http:// to a host that is not loopback needs --allow-insecure-http or TENCENT_CHAT_ALLOW_INSECURE_HTTP=1",
  },
  allowInsecureHttp: { flag: "--allow-insecure-http", variable: "TENCENT_CHAT_ALLOW_INSECURE_HTTP=1" },
  maxRequestsPerSecond: { flag: "--rate" },
};

const HELP = `Connection (a flag wins over its environment variable):
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

/** Where each option's value came from this run: its flag, its variable, or nowhere. */
/** @type {Map<string, string | undefined>} */
const sources = new Map();

/**
 * The client's options from the connection flags and variables (an empty variable counts
 * as unset), and `extra` (e.g. the rate).
 * @param {Values} values
 * @param {Partial<ClientOptions>} [extra]
 * @returns {ClientOptions}
 */
function clientOptions(values, extra = {}) {
  /**
   * @param {string} option
   * @param {string} key the flag's key in `values`
   */
  const pick = (option, key) => {
    const { flag, variable } = OPTIONS[option];
    const given = /** @type {string | undefined} */ (values[key]);
    const name = variable?.replace(/=1$/, "");
    const value = given ?? (name === undefined ? undefined : process.env[name]);
    sources.set(option, given !== undefined ? flag : value !== undefined && value !== "" ? name : undefined);
    return value === "" ? undefined : value;
  };
  const sdkAppId = pick("sdkAppId", "sdkappid");
  /** @type {Record<string, unknown>} */
  const options = {
    // Digits become the number the library takes; anything else goes as given, to be refused.
    sdkAppId: sdkAppId !== undefined && /^[0-9]+$/.test(sdkAppId) ? Number(sdkAppId) : sdkAppId,
    identifier: pick("identifier", "identifier"),
    userSig: pick("userSig", "usersig"),
    // Region names are lowercase; any case is accepted here.
    region: pick("region", "region")?.toLowerCase(),
    endpoint: pick("endpoint", "endpoint"),
    allowInsecureHttp: allowInsecureHttp(values) || undefined,
    ...extra,
  };
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  return /** @type {ClientOptions} */ (/** @type {unknown} */ (options));
}

/**
 * --allow-insecure-http, or TENCENT_CHAT_ALLOW_INSECURE_HTTP (1/true/yes or 0/false/no).
 * @param {Values} values
 */
function allowInsecureHttp(values) {
  if (values["allow-insecure-http"]) {
    sources.set("allowInsecureHttp", "--allow-insecure-http");
    return true;
  }
  const variable = (process.env.TENCENT_CHAT_ALLOW_INSECURE_HTTP ?? "").trim().toLowerCase();
  if (["", "0", "false", "no"].includes(variable)) return false;
  if (["1", "true", "yes"].includes(variable)) return true;
  throw new UsageError("TENCENT_CHAT_ALLOW_INSECURE_HTTP must be 1 or 0 (true/false, yes/no)");
}

/**
 * The usage message for the library's refusal of a client option, naming this command's
 * flag or variable (whichever gave the value), or undefined when the error names none.
 * @param {ChatError} error
 * @param {Values} values
 */
function optionMessage(error, values) {
  const option = error.option;
  if (option === undefined || !Object.hasOwn(OPTIONS, option)) return undefined;
  const { flag, variable, what, note } = OPTIONS[option];
  const from = sources.get(option);
  const either = variable === undefined ? flag : `${flag} or set ${variable}`;
  if (from === undefined && what !== undefined) return `${what} is missing: pass ${either}`;
  let message = `${from ?? flag}: ${error.info}`;
  if (option === "region" && typeof values.region === "string") message += hint(suggest(values.region, REGIONS));
  if (option === "region" && values.region === undefined) message += hint(suggest(process.env.TENCENT_CHAT_REGION ?? "", REGIONS));
  if (note !== undefined) message += ` (${note})`;
  return message;
}

module.exports = { HELP, clientOptions, optionMessage };
