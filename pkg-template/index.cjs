// @ts-check
"use strict";
// Node entry (require): the nodejs glue reads the wasm from disk synchronously.
const glue = require("./node.cjs");
const { ChatError } = require("./chat-error.cjs");

glue.__setErrorClass(ChatError);
// conversations() / markedConversations() return PageIterators: usable with `for await`.
Object.assign(glue.PageIterator.prototype, { [Symbol.asyncIterator]() { return this; } });

module.exports = { ConversationClient: glue.ConversationClient, ChatError, Mark: glue.Mark };
