// A user's bundled app: imports the package by name, as from npm.
import * as api from "tencent-chat-conversations";
import { runAndReport } from "../../browser/suite.js";

await runAndReport(api);
