// A user's bundled app: imports the package by name, as from npm.
import * as api from "tencent-chat-conversations";
import { runSuite } from "../../browser/suite.js";

const emulator = new URLSearchParams(location.search).get("emulator");
window.__results = await runSuite(api, emulator);
