// @ts-check
// Node entry (import): the same instance as require(), so ChatError is one class per process.
import api from "./index.cjs";

export const { ConversationClient, ChatError, Mark, REGIONS } = api;
