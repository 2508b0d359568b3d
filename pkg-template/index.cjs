"use strict";
// Node entry (require): the nodejs glue reads the wasm from disk synchronously.
const wasm = require("./node.cjs");
const { createApi } = require("./client.cjs");
const { ChatError } = require("./chat-error.cjs");

module.exports = { ...createApi(wasm), ChatError, Mark: wasm.Mark };
