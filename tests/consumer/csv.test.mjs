// The CLI's CSV parser (bin/csv.cjs) against a writer, on random records: every field
// that a writer quotes as RFC 4180 says comes back as written, whatever it holds (commas,
// quotes, CR, LF, CRLF, non-ASCII); and random text either parses or throws CsvError.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { PKG } from "./cli-harness.mjs";

const { parse, CsvError } = createRequire(import.meta.url)(`${PKG}bin/csv.cjs`);
const ALPHABET = ['a', 'b', ',', '"', '\n', '\r', ' ', ';', 'é', '中', '#', '\t'];

/** A small seeded generator, so that a failure can be replayed. */
function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

const write = (records, eol) => records.map((r) => r.map((f) => (/[",\r\n]/.test(f) || f === "" ? `"${f.replace(/"/g, '""')}"` : f)).join(",")).join(eol);

test("what a writer writes, the parser reads back", () => {
  for (let seed = 1; seed <= 2_000; seed++) {
    const next = random(seed);
    const pick = (n) => Math.floor(next() * n);
    const columns = 1 + pick(4);
    const records = Array.from({ length: 1 + pick(5) }, () =>
      Array.from({ length: columns }, () => Array.from({ length: pick(6) }, () => ALPHABET[pick(ALPHABET.length)]).join("")),
    );
    const eol = next() < 0.5 ? "\n" : "\r\n";
    const text = write(records, eol) + (next() < 0.5 ? eol : "");
    assert.deepEqual(parse(text), records, `seed ${seed}: ${JSON.stringify(text)}`);
  }
});

test("random text parses or throws CsvError, nothing else", () => {
  for (let seed = 1; seed <= 5_000; seed++) {
    const next = random(seed);
    const text = Array.from({ length: Math.floor(next() * 30) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join("");
    try {
      const records = parse(text);
      assert.ok(records.every((r) => r.length >= 1 && r.every((f) => typeof f === "string")));
    } catch (e) {
      assert.ok(e instanceof CsvError, `seed ${seed}: ${JSON.stringify(text)}: ${e}`);
      assert.match(e.message, /^line \d+: /);
    }
  }
});

test("quoting errors name their line", () => {
  assert.throws(() => parse('a,b\nc"d,e\n'), /line 2: a quote inside an unquoted field/);
  assert.throws(() => parse('a\n"b\nc'), /line 2: a quoted field is never closed/);
  assert.throws(() => parse('"a"b'), /line 1: text after a closing quote/);
  assert.deepEqual(parse("\ufeffaccount\nalice\n"), [["account"], ["alice"]]);
});
