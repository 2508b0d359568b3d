/** The data loaded at start (when no saved state is given) and by `reset`. */
export type Seed = "demo" | "none";

/** Options of `createEmulator`: the emulator's settings, the same as the bin's flags
 * (`sdkAppId` is `--sdk-app-id`). */
export interface EmulatorOptions {
  /** Data loaded at start. Default `"demo"` (accounts alice, bob, carol, dave, …). */
  seed?: Seed;
  /** The SDKAppID requests must carry. Default 1400000000. */
  sdkAppId?: number;
  /** The app administrator requests must name. Default `"administrator"`. */
  identifier?: string;
  /** The valid UserSig when no `secretKey` is given. Default `"emulator-usersig"`. */
  userSig?: string;
  /** UserSigs answered with 70001 (expired). Default `[]`. */
  expiredUserSigs?: string[];
  /** The app's secret key: UserSigs are then verified as the service does (TLSSigAPIv2). */
  secretKey?: string;
  /** get_list items per page. Default 100. */
  pageSize?: number;
  /** get_contact_group items per page. Default 100. */
  groupPageSize?: number;
  /** Most pinned conversations per account. Default 50. */
  pinnedLimit?: number;
  /** Calls per command in any 1 s window before 60007; 0 = unlimited. Default 200. */
  rateLimit?: number;
  /** Allowed CORS origins; `["*"]` answers `*`. Default: any origin, echoed. */
  corsOrigins?: string[];
}

/** Options of `startEmulator`: those of `createEmulator` plus where to listen and the state file. */
export interface StartOptions extends EmulatorOptions {
  /** Port to bind; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind. Default `"127.0.0.1"`. */
  host?: string;
  /** Load state from this file if present; save it atomically after every change. */
  state?: string;
}

/** A conversation to add (`addConversations`); only the given fields change. */
export type ConversationSpec = ({ type: "c2c"; userId: string } | { type: "group"; groupId: string }) & {
  msgTime?: number;
  pinned?: boolean;
  /** Mark bit numbers, 0–63. */
  marks?: number[];
  customMark?: string;
  /** Unix seconds reported as the marks' and groups' Timestamp. */
  markTime?: number;
};

/** Conversations to generate (`generateConversations`). */
export interface GenerateSpec {
  count: number;
  /** Share of group conversations, 0–1. */
  groups?: number;
  /** MsgTimes fall within the 30 days before this (Unix seconds). */
  startTime?: number;
  /** Pins the first N. */
  pinned?: number;
}

/** One conversation of `state(account)`. */
export type ConversationState = ({ type: "c2c"; userId: string } | { type: "group"; groupId: string }) & {
  msgTime: number;
  pinned: boolean;
  marks: number[];
  customMark: string;
  groupIds: number[];
  /** Present (true) only for a conversation deleted from the list but kept for its marks or groups. */
  deleted?: true;
};

/** An account's data, in creation order. */
export interface AccountState {
  account: string;
  conversations: ConversationState[];
  groups: { id: number; name: string }[];
}

/** The settings in force (`getConfig`/`setConfig`): every option but `secretKey`. */
export interface EmulatorConfig {
  seed: Seed;
  sdkAppId: number;
  identifier: string;
  userSig: string;
  expiredUserSigs: string[];
  pageSize: number;
  groupPageSize: number;
  pinnedLimit: number;
  rateLimit: number;
  corsOrigins: string[];
}

/** What `setConfig` may change (`expiredUserSigs` replaces the list). */
export type ConfigChanges = Partial<Pick<EmulatorConfig, "userSig" | "expiredUserSigs" | "pageSize" | "groupPageSize" | "pinnedLimit" | "rateLimit">>;

/** A fault injected into the next matching `/v4` requests. */
export type Fault =
  | { kind: "delay"; ms: number }
  | { kind: "http502" }
  | { kind: "error"; code: number; info?: string }
  | { kind: "drop" }
  | { kind: "truncated" };

/** A recorded `/v4` request. */
export interface RecordedRequest {
  command: string;
  query: Record<string, string>;
  /** The body as JSON, or the raw text when it is not JSON. */
  body: unknown;
  receivedAtMs: number;
}

/** The control operations (the `/_emulator/` API), on every emulator. A refused one
 * rejects with an `Error` carrying the emulator's message. */
export interface EmulatorControl {
  health(): Promise<{ ok: true }>;
  /** Clears data, config changes, faults and stats, then loads `seed` (default `"none"`). */
  reset(seed?: Seed): Promise<void>;
  /** Imports accounts; resolves to how many were new. */
  importAccounts(accounts: string[]): Promise<number>;
  /** Adds or updates conversations (the account and c2c peers are imported); resolves to the account's total. */
  addConversations(account: string, conversations: ConversationSpec[]): Promise<number>;
  generateConversations(account: string, spec: GenerateSpec): Promise<{ conversations: number; generated: number }>;
  accounts(): Promise<string[]>;
  /** Rejects (status 404) for an unknown account. */
  state(account: string): Promise<AccountState>;
  getConfig(): Promise<EmulatorConfig>;
  setConfig(changes: ConfigChanges): Promise<EmulatorConfig>;
  /** Queues `fault` for the next `count` (default 1) requests to `command` (`"*"` = any). */
  addFault(command: string, fault: Fault, count?: number): Promise<void>;
  faults(): Promise<Record<string, { fault: Fault; remaining: number }[]>>;
  clearFaults(): Promise<void>;
  stats(): Promise<{ counts: Record<string, number>; recent: RecordedRequest[] }>;
  resetStats(): Promise<void>;
}

/** An in-process emulator: any runtime with `fetch`'s Request and Response. */
export interface Emulator extends EmulatorControl {
  /** Answers one request as the emulator's HTTP server would (a `drop` fault gives `Response.error()`). */
  handle(request: Request): Promise<Response>;
}

/** An emulator serving HTTP (Node). */
export interface RunningEmulator extends EmulatorControl {
  /** `http://HOST:PORT`, to pass to the client as `endpoint`. */
  readonly url: string;
  /** Closes the server and its connections. */
  stop(): Promise<void>;
}

/** An in-process emulator. Its wasm starts loading at once: in a browser, create it before
 * `worker.start()`. Throws a TypeError for an unknown option; a bad value rejects every call. */
export declare function createEmulator(options?: EmulatorOptions): Emulator;

/** Starts the emulator on `host:port` (Node only; rejects in a browser). */
export declare function startEmulator(options?: StartOptions): Promise<RunningEmulator>;
