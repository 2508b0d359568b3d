// The case matrix (tests/matrix/cases.mjs) inside workerd: /?endpoint=URL runs every case
// against the emulator at URL, answering their results (runCase's) as JSON.
import * as api from "tencent-chat-conversations";
import { connect, runCases } from "../../../matrix/cases.mjs";

export default {
  async fetch(request) {
    const emu = connect(new URL(request.url).searchParams.get("endpoint"));
    return Response.json(await runCases(api, emu));
  },
};
