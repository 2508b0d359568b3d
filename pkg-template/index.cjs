// @ts-check
"use strict";
// Node entry (require): the nodejs glue reads the wasm from disk synchronously.
const glue = require("./node.cjs");
const { ChatError } = require("./chat-error.cjs");
const { guardFreed } = require("./guard.cjs");

glue.__setErrorClass(ChatError);
guardFreed(glue);
/** @type {readonly import("./api.cjs").Region[]} */
const REGIONS = glue.__regions();

module.exports = { ConversationClient: glue.ConversationClient, ChatError, Mark: glue.Mark, REGIONS };
