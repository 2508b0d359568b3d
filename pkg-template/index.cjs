// @ts-check
"use strict";
// Node entry (require): reads the wasm beside this file, synchronously.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

module.exports = require("./node-api.cjs").load(join(__dirname, "tencent_chat_conversations_bg.wasm"), readFileSync);
