// A test page's entry: runs the case matrix (tests/matrix/cases.mjs) in the page against
// ?emulator=, leaves the results in window.__results for Playwright, and POSTs them to
// ?report= when given, as Firefox runs with no driver to read them.
import { connect, runCases } from "../matrix/cases.mjs";

// Firefox's stacks leave out the message that Chromium's start with.
const describe = (e) => (e?.stack && !e.stack.startsWith(String(e)) ? `${e}\n${e.stack}` : String(e?.stack ?? e));

export async function runAndReport(api) {
  const params = new URLSearchParams(location.search);
  const report = (body) => params.has("report") && fetch(params.get("report"), { method: "POST", body: JSON.stringify(body) });
  try {
    window.__results = await runCases(api, connect(params.get("emulator")));
  } catch (e) {
    await report({ error: describe(e) });
    throw e;
  }
  await report({ results: window.__results });
}
