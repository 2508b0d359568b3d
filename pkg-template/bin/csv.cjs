// @ts-check
"use strict";
// RFC 4180 CSV, strictly: fields separated by commas, records by CRLF or LF, a field in
// double quotes may hold commas, line breaks and doubled quotes (""). A quote inside an
// unquoted field, text after a closing quote, or a quote left open is an error naming the
// line. A leading byte order mark is dropped; a last line break ends the last record.
// Small on purpose (the package's users would otherwise install a CSV toolkit with it);
// fuzzed against a writer in tests/cli/csv.test.mjs.

/** A malformed CSV file: the message names the line. */
class CsvError extends Error {}

/**
 * The records of `text`, each an array of fields.
 * @param {string} text
 * @returns {string[][]}
 */
function parse(text) {
  /** @type {string[][]} */
  const records = [];
  /** @type {string[]} */
  let record = [];
  let field = "";
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // A record is pending once anything of it was read (so that "" alone is one empty field).
  let pending = false;
  const endField = () => {
    record.push(field);
    field = "";
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      if (field !== "") throw new CsvError(`line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)`);
      const opened = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvError(`line ${opened}: a quoted field is never closed`);
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === "\n") line++;
        field += q;
        i++;
      }
      pending = true;
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\n" && !(next === "\r" && text[i + 1] === "\n")) {
        throw new CsvError(`line ${line}: text after a closing quote`);
      }
      // A quoted empty field must not read as "nothing read yet".
      record.push(field);
      field = "";
      if (next === ",") {
        i++;
        continue;
      }
      if (next === undefined) break;
      i += next === "\r" ? 2 : 1;
      records.push(record);
      record = [];
      pending = false;
      line++;
      continue;
    }
    if (c === ",") {
      endField();
      pending = true;
      i++;
      continue;
    }
    if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      endField();
      records.push(record);
      record = [];
      pending = false;
      i += c === "\r" ? 2 : 1;
      line++;
      continue;
    }
    field += c;
    pending = true;
    i++;
  }
  if (pending) {
    if (field !== "" || record.length === 0 || text[text.length - 1] !== '"') endField();
    records.push(record);
  }
  return records;
}

module.exports = { parse, CsvError };
