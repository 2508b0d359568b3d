// @ts-check
"use strict";
// What both Node entries share: the web glue (as CommonJS) instantiated once per process
// from the bytes the first entry loaded reads, so `import` and `require` give one API.
const glue = require("./web.cjs");
const { publicApi, wasmLoadError } = require("./glue.cjs");

/** @type {ReturnType<typeof publicApi> | undefined} */
let api;

/**
 * The API, instantiating the wasm on the first call.
 * @param {URL | string} file the .wasm, as the calling entry locates it
 * @param {(file: URL | string) => Uint8Array} read reads it synchronously
 */
function load(file, read) {
  if (api) return api;
  let bytes;
  try {
    bytes = read(file);
  } catch (e) {
    throw wasmLoadError(String(file), e);
  }
  glue.initSync({ module: bytes });
  api = publicApi(glue);
  return api;
}

module.exports = { load };
