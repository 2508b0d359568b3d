// The package's JS half: `fetch`, timers, AbortSignals and hooks, which only JS can do,
// around the wasm core, which does everything else — request bodies and URLs, decoding,
// validation, retry decisions, rate-limit slots, walk steps. Values cross the boundary once
// each, as JSON text; a failing core call throws its ChatError as JSON.
import { ChatError } from "./chat-error.js";

const GIVE_UP = 0, RATE_LIMITED = 1, REFRESH = 2;
const MAX_TIMER_MS = 2 ** 31 - 1; // setTimeout fires at once beyond this

/** Builds the public API over one instance of the wasm module's exports. */
export function createApi(wasm) {
  const { Engine, decide, backoffMs, checkTimeout } = wasm;
  const methods = new Map();

  /** Calls the core; what it throws (a ChatError as JSON) becomes a ChatError's fields. */
  function core(f) {
    try {
      return f();
    } catch (e) {
      if (typeof e === "string") throw JSON.parse(e);
      throw fields("invalid_input", "the wasm core failed: " + String(e?.message ?? e));
    }
  }

  /** An error's fields (thrown inside, turned into a ChatError at the edge). */
  function fields(kind, info, command = "") {
    return { kind, code: 0, info, display: "", command, attempts: 0 };
  }

  /** The ChatError a promise rejects with; anything else thrown inside becomes one too. */
  function toError(e) {
    if (e instanceof ChatError) return e;
    return new ChatError(e && typeof e === "object" && "kind" in e ? e : fields("invalid_input", String(e?.message ?? e)));
  }

  /** JSON for the core; what JSON cannot hold (BigInt, cycles) is the caller's error. */
  function json(value, what) {
    try {
      return value === undefined ? "null" : JSON.stringify(value);
    } catch {
      throw fields("invalid_input", `${what} cannot be converted to JSON`);
    }
  }

  const aborted = () => fields("aborted", "the call was aborted");
  const checkAborted = (signal) => { if (signal?.aborted) throw aborted(); };
  // Drawn 256 at a time: each getRandomValues call costs microseconds in Node.
  const randoms = new Uint32Array(256);
  let nextRandom = randoms.length;
  const randomU32 = () => {
    if (nextRandom === randoms.length) {
      crypto.getRandomValues(randoms);
      nextRandom = 0;
    }
    return randoms[nextRandom++];
  };

  /** Waits `ms`, ending early as `aborted` when `signal` fires. */
  function sleep(ms, signal) {
    checkAborted(signal);
    return new Promise((resolve, reject) => {
      const done = () => { clearTimeout(timer); signal?.removeEventListener("abort", stop); };
      const stop = () => { done(); reject(aborted()); };
      const timer = setTimeout(() => { done(); resolve(); }, Math.min(ms, MAX_TIMER_MS));
      signal?.addEventListener("abort", stop);
    });
  }

  /** `signal` and `timeoutMs` of a call's options. */
  function callOptions(options) {
    if (options === null || typeof options !== "object") return {};
    const { signal, timeoutMs } = options;
    if (signal != null && !(signal instanceof AbortSignal)) {
      throw fields("invalid_input", "signal must be an AbortSignal");
    }
    if (timeoutMs != null) core(() => checkTimeout(typeof timeoutMs === "number" ? timeoutMs : NaN));
    return { signal: signal ?? undefined, timeoutMs: timeoutMs ?? undefined };
  }

  function emit(hook, event, error) {
    if (!hook) return;
    try {
      hook(error ? { ...event, error: new ChatError({ ...error }) } : { ...event });
    } catch {
      // Hooks observe; what they throw cannot break a call.
    }
  }

  class Transport {
    constructor(options) {
      this.hooks = {};
      if (options === null || typeof options !== "object") {
        this.engine = new Engine("null");
        return;
      }
      const { userSig, onRequest, onResponse, onRetry, ...config } = options;
      for (const [name, hook] of Object.entries({ onRequest, onResponse, onRetry })) {
        if (typeof hook === "function") this.hooks[name] = hook;
      }
      let configJson;
      try {
        configJson = JSON.stringify(config);
      } catch {
        this.broken = fields("invalid_input", "options cannot be converted to JSON");
      }
      this.engine = new Engine(configJson ?? "null");
      if (typeof userSig === "function") this.userSig = userSig;
      else if (typeof userSig === "string" && userSig) this.userSig = userSig;
      else this.broken ??= fields("invalid_input", typeof userSig === "string"
        ? "userSig must not be empty" : "userSig must be a string or a function");
    }

    /** The configuration's error, if any, before the sig's: what every call rejects with. */
    check() {
      core(() => this.engine.checkReady());
      if (this.broken) throw { ...this.broken };
    }

    async sig() {
      if (typeof this.userSig === "string") return this.userSig;
      let value;
      try {
        value = await this.userSig();
      } catch {
        // Never echoed: what the callback threw may hold the signature.
        throw fields("invalid_input", "the userSig function threw or rejected");
      }
      if (typeof value !== "string" || !value) {
        throw fields("invalid_input", "the userSig function must return a non-empty string");
      }
      return value;
    }

    /**
     * Runs `start` once the command's rate-limit window has room (refused as rate_limited
     * when that would come after the timeout). `start` runs in the very tick the slot is
     * recorded: an `await` in between would let other work delay the send past its slot.
     */
    async withSlot(command, timeoutMs, signal, start) {
      checkAborted(signal);
      core(() => this.engine.join(command, performance.now(), timeoutMs));
      try {
        for (;;) {
          const wait = this.engine.trySend(command, performance.now());
          if (wait === 0) return start();
          await sleep(wait, signal);
        }
      } finally {
        this.engine.leave(command);
      }
    }

    /** One POST; returns the status and body text, or throws network/timeout/aborted. */
    async exchange(url, body, timeoutMs, signal) {
      const deadline = new AbortController();
      const abort = () => deadline.abort();
      const timer = setTimeout(abort, Math.min(timeoutMs, MAX_TIMER_MS));
      signal?.addEventListener("abort", abort);
      const failed = (what) => {
        if (signal?.aborted) return aborted();
        if (deadline.signal.aborted) return fields("timeout", `no complete response within ${Math.floor(timeoutMs)} ms`);
        return fields("network", what);
      };
      try {
        let response;
        try {
          response = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body,
            redirect: "error",
            signal: deadline.signal,
          });
        } catch {
          throw failed("the request failed");
        }
        try {
          return [response.status, await response.text()];
        } catch {
          const e = failed("reading the response failed");
          e.httpStatus = response.status;
          throw e;
        }
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", abort);
      }
    }

    /**
     * Sends `body` to `command` with retries; `decode(status, text, sig)` turns an exchange
     * into the result or throws its error (which then decides a retry like any other).
     */
    async send(command, body, idempotent, call, decode) {
      const timeoutMs = call.timeoutMs ?? this.engine.timeoutMs;
      const { signal } = call;
      const { onRequest, onResponse, onRetry } = this.hooks;
      const hooked = onRequest || onResponse || onRetry;
      let attempt = 0, retries = 0, refreshed = false;
      for (;;) {
        attempt += 1;
        const random = randomU32();
        const event = hooked ? { command, attempt, random, url: this.engine.redactedUrl(command, random) } : undefined;
        let sig, started, outcome;
        try {
          sig = await this.sig();
          outcome = await this.withSlot(command, timeoutMs, signal, () => {
            emit(onRequest, event);
            started = Date.now();
            // Settles with the outcome: only waiting for the slot may throw here.
            return this.exchange(this.engine.url(command, sig, random), body, timeoutMs, signal)
              .then((exchanged) => ({ exchanged }), (error) => ({ error }));
          });
        } catch (e) {
          throw finish(e, command, attempt - 1);
        }
        let error = outcome.error, status;
        if (!error) {
          let text;
          [status, text] = outcome.exchanged;
          try {
            const result = core(() => decode(status, text, sig));
            if (event) {
              event.durationMs = Date.now() - started;
              event.httpStatus = status;
              emit(onResponse, event);
            }
            return result;
          } catch (e) {
            error = e;
          }
        }
        error.random = random;
        error.httpStatus ??= status;
        if (error.httpStatus === undefined) delete error.httpStatus;
        error = finish(error, command, attempt);
        if (event) {
          event.durationMs = Date.now() - started;
          if (error.httpStatus !== undefined) event.httpStatus = error.httpStatus;
          emit(onResponse, event, error);
        }
        const canRefresh = typeof this.userSig === "function" && !refreshed;
        const decision = decide(error.kind, error.code, error.httpStatus ?? 0, retries,
          this.engine.maxRetries, idempotent, canRefresh);
        if (decision === RATE_LIMITED) error.kind = "rate_limited";
        if (decision === GIVE_UP || decision === RATE_LIMITED) throw error;
        if (decision === REFRESH) {
          refreshed = true;
          continue;
        }
        const delay = backoffMs(retries, randomU32() / 2 ** 32);
        retries += 1;
        if (event) {
          event.delayMs = delay;
          emit(onRetry, event, error);
        }
        try {
          await sleep(delay, signal);
        } catch (e) {
          throw finish(e, command, attempt);
        }
      }
    }
  }

  /** Stamps an error with its command and the number of requests sent. */
  function finish(error, command, sent) {
    if (!error || typeof error !== "object" || !("kind" in error)) error = fields("network", String(error));
    error.attempts = error.kind === "invalid_input" ? 0 : sent;
    if (!error.command) error.command = command;
    return error;
  }

  /** A single-request method: body from the core, sent, decoded by the core. */
  async function call(transport, method, account, input, options) {
    try {
      transport.check();
      let m = methods.get(method);
      if (!m) methods.set(method, (m = { command: wasm.command(method), idempotent: wasm.idempotent(method) }));
      const body = core(() => transport.engine.prepare(method, json(account, "account"), json(input, "the input")));
      const out = await transport.send(m.command, body, m.idempotent, callOptions(options),
        (status, text, sig) => transport.engine.decode(method, status, text, sig));
      return JSON.parse(out) ?? undefined;
    } catch (e) {
      throw toError(e);
    }
  }

  /**
   * The pages of a whole-list walk, each reported to `onPage` before it is yielded; the
   * next is requested only when asked for. Returns the walk's groups (for getAllGroups).
   */
  async function* pages(transport, kind, account, options) {
    transport.check();
    const walker = core(() => transport.engine.walk(kind, json(account, "account"), json(options, "options")));
    try {
      const command = walker.command;
      const opts = callOptions(options);
      const onPage = options?.onPage;
      if (onPage != null && typeof onPage !== "function") throw fields("invalid_input", "onPage must be a function");
      let page = 0, total = 0;
      for (;;) {
        if (opts.signal?.aborted) throw { ...aborted(), command };
        const body = core(() => walker.nextRequest());
        if (body === undefined) return JSON.parse(core(() => walker.groups()));
        const items = JSON.parse(await transport.send(command, body, true, opts,
          (status, text, sig) => walker.accept(status, text, sig)));
        page += 1;
        total += items.length;
        if (onPage) {
          try { onPage({ page, items, total }); } catch { /* observes only */ }
        }
        yield { items, signal: opts.signal, command };
      }
    } finally {
      walker.free();
    }
  }

  /** The items of a walk, one by one; an abort ends it even with items still held. */
  async function* items(transport, kind, account, options) {
    try {
      for await (const { items, signal, command } of pages(transport, kind, account, options)) {
        for (const item of items) {
          if (signal?.aborted) throw { ...aborted(), command };
          yield item;
        }
      }
    } catch (e) {
      throw toError(e);
    }
  }

  /** A client for one app and administrator. Cheap to share; calls may run concurrently. */
  class ConversationClient {
    #t;

    constructor(options) {
      this.#t = new Transport(options);
    }

    /** Pins conversations (`top`, OperationType 1). */
    async pin(account, conversations, options) {
      await call(this.#t, "pin", account, conversations, options);
    }

    /** Unpins conversations (`top`, OperationType 2). */
    async unpin(account, conversations, options) {
      await call(this.#t, "unpin", account, conversations, options);
    }

    /** Sets and clears standard mark bits and custom marks (`mark_contact`), ≤ 100 at once. */
    mark(account, operations, options) {
      return call(this.#t, "mark", account, operations, options);
    }

    /** Creates one conversation group with the given conversations (`create_contact_group`). */
    createGroup(account, group, options) {
      return call(this.#t, "createGroup", account, group, options);
    }

    /** One page of marked/grouped conversations and the groups (`get_contact_group`). */
    getGroups(account, options) {
      return call(this.#t, "getGroups", account, options ?? null, options);
    }

    /** One page of the account's conversation list, pinned first (`get_list`). */
    listConversations(account, options) {
      return call(this.#t, "listConversations", account, options ?? null, options);
    }

    /** Any REST command: sends `body` as JSON, returns the parsed response once its envelope says OK. */
    async request(command, body, options) {
      const t = this.#t;
      try {
        t.check();
        if (typeof command !== "string") throw fields("invalid_input", "command must be a string");
        core(() => t.engine.raw(command));
        let text;
        try {
          text = body !== null && typeof body === "object" ? JSON.stringify(body) : undefined;
        } catch { /* reported below */ }
        if (text === undefined) throw fields("invalid_input", "body must be a JSON-serialisable object");
        // An unknown command may not be safe to repeat unless the caller says so.
        const idempotent = options?.idempotent === true;
        return await t.send(command, text, idempotent, callOptions(options), (status, response, sig) => {
          t.engine.check(status, response, sig);
          return JSON.parse(response);
        });
      } catch (e) {
        throw toError(e);
      }
    }

    /** Every conversation of the account (`get_list`, page after page), pinned first. */
    conversations(account, options) {
      return items(this.#t, "conversations", account, options);
    }

    /** Every marked or grouped conversation of the account (`get_contact_group`, page after page). */
    markedConversations(account, options) {
      return items(this.#t, "marked", account, options);
    }

    /** All pages of `get_contact_group`: every marked or grouped conversation and every group, each once. */
    async getAllGroups(account, options) {
      try {
        const conversations = [];
        const walk = pages(this.#t, "marked", account, options);
        for (;;) {
          const next = await walk.next();
          if (next.done) return { conversations, groups: next.value };
          for (const item of next.value.items) conversations.push(item);
        }
      } catch (e) {
        throw toError(e);
      }
    }

    /** Releases the client's wasm memory now rather than at garbage collection. */
    free() {
      this.#t.engine.free();
    }

    [Symbol.dispose]() {
      this.free();
    }
  }

  return { ConversationClient };
}
