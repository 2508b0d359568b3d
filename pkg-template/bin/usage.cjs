// @ts-check
"use strict";
// Usage errors (exit 2) and the suggestions they carry: the closest command, option, mark
// or region to a mistyped one.

const PROGRAM = "tencent-chat";
/** Exit statuses. */
const USAGE = 2;
const FAILED = 1;

/** A mistake in how the command was called: reported with a pointer to --help, exit 2. */
class UsageError extends Error {}

/**
 * " (did you mean X?)" for a suggestion, or nothing.
 * @param {string | undefined} suggestion
 */
function hint(suggestion) {
  return suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`;
}

/**
 * The candidate closest to `word`: within an edit distance of about a third of its length
 * (at least 1), or the one it is a prefix of; undefined when none is close or two tie.
 * @param {string} word
 * @param {readonly string[]} candidates
 * @returns {string | undefined}
 */
function suggest(word, candidates) {
  const lower = word.toLowerCase();
  if (lower.length >= 3) {
    const extending = candidates.filter((c) => c.startsWith(lower));
    if (extending.length === 1) return extending[0];
  }
  const limit = Math.max(1, Math.floor(lower.length / 3));
  const scored = candidates.map((c) => ({ c, d: editDistance(lower, c) })).filter((x) => x.d <= limit);
  const best = Math.min(...scored.map((x) => x.d));
  const closest = scored.filter((x) => x.d === best);
  return closest.length === 1 ? closest[0].c : undefined;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of
 * two neighbours (the usual typo) each cost 1.
 * @param {string} a
 * @param {string} b
 */
function editDistance(a, b) {
  /** @type {number[][]} */
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * A whole-number flag within [min, max].
 * @param {string | undefined} value
 * @param {string} flag
 * @param {number} min
 * @param {number} max
 */
function count(value, flag, min, max) {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

module.exports = { PROGRAM, USAGE, FAILED, UsageError, hint, suggest, count };
