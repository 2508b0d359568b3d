"use strict";
// Node entry (require): the nodejs glue reads the wasm from disk synchronously.
const glue = require("./node.cjs");
const { ChatError } = require("./chat-error.cjs");

glue.__setErrorClass(ChatError);

module.exports = { ConversationClient: glue.ConversationClient, ChatError, Mark: glue.Mark };
