// @ts-check
// Calls on a freed object (after free() or Symbol.dispose) reject like every other failure.
// wasm-bindgen's methods throw synchronously on a freed object's null pointer, so each is
// wrapped once here; a call in flight owns what it needs and settles normally (future.rs).

/**
 * @typedef {object} Glue
 * @property {Function} ConversationClient
 * @property {Function} PageIterator
 * @property {(method: string) => unknown} __freedError the ChatError for a call after free()
 */

/** ConversationClient's methods that return a walk (an async iterator), not a Promise. */
const WALKS = ["conversations", "markedConversations"];

/**
 * Guards the prototypes of ConversationClient and PageIterator: a method of a freed object
 * returns a Promise rejected with `__freedError("Class.method")` (a walk whose first
 * `next()` rejects, for the walks), PageIterator's `return()` resolves done, a second
 * `free()` does nothing, and `Symbol.dispose` is the guarded `free()`. Also makes
 * PageIterator usable with `for await`.
 * @param {Glue} glue
 */
export function guardFreed({ ConversationClient, PageIterator, __freedError }) {
  for (const [name, Class] of /** @type {const} */ ([["ConversationClient", ConversationClient], ["PageIterator", PageIterator]])) {
    const proto = Class.prototype;
    for (const key of Object.getOwnPropertyNames(proto)) {
      const method = Object.getOwnPropertyDescriptor(proto, key)?.value;
      if (key === "constructor" || typeof method !== "function") continue;
      /** @this {{ __wbg_ptr?: number }} @param {unknown[]} args */
      proto[key] = function (...args) {
        if (this.__wbg_ptr !== 0) return method.apply(this, args);
        if (key === "free") return undefined;
        if (key === "return") return Promise.resolve({ value: args[0], done: true });
        const error = __freedError(`${name}.${key}`);
        return WALKS.includes(key) ? failedWalk(error) : Promise.reject(error);
      };
    }
    // Not in TypeScript's lib before esnext; wasm-bindgen sets it to the unguarded free().
    const dispose = /** @type {{ dispose?: symbol }} */ (/** @type {unknown} */ (Symbol)).dispose;
    if (dispose) proto[dispose] = proto.free;
  }
  PageIterator.prototype[Symbol.asyncIterator] = function () {
    return this;
  };
}

/**
 * A walk that could not start: its first `next()` rejects with `error`, then it is done.
 * @param {unknown} error
 */
function failedWalk(error) {
  let over = false;
  const done = (/** @type {unknown} */ value) => Promise.resolve({ value, done: true });
  return {
    next() {
      if (over) return done(undefined);
      over = true;
      return Promise.reject(error);
    },
    return(/** @type {unknown} */ value) {
      over = true;
      return done(value);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
