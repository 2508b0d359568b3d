// Debian's Firefox ESR with no driver: playwright-core drives only Playwright's own patched Firefox. Each page
// runs in a fresh Firefox and profile and POSTs its results to the test's server (suite.js runAndReport).
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Quiet and offline: no first-run or what's-new pages, telemetry, updates or default-browser prompt.
const PREFS = {
  "browser.shell.checkDefaultBrowser": false,
  "browser.startup.homepage_override.mstone": "ignore",
  "browser.aboutwelcome.enabled": false,
  "startup.homepage_welcome_url": "",
  "startup.homepage_welcome_url.additional": "",
  "trailhead.firstrun.didSeeAboutWelcome": true,
  "browser.newtabpage.enabled": false,
  "browser.sessionstore.resume_from_crash": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "datareporting.policy.firstRunURL": "",
  "datareporting.healthreport.uploadEnabled": false,
  "toolkit.telemetry.enabled": false,
  "toolkit.telemetry.unified": false,
  "toolkit.telemetry.reportingpolicy.firstRun": false,
  "app.update.auto": false,
  "app.update.enabled": false,
  "app.normandy.enabled": false,
  "extensions.update.enabled": false,
  "browser.search.update": false,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "browser.safebrowsing.downloads.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "network.proxy.type": 0,
  // Page console messages to stdout, so a timeout's output tail shows the page's errors.
  "devtools.console.stdout.content": true,
};
const USER_JS = Object.entries(PREFS).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});\n`).join("");

const REPORT_PATH = "/__report/";

// Firefox runs in its own process group (so one kill reaches its content processes); if this process ends
// mid-run, kill those groups and remove the profiles here, since a Ctrl-C to the test's group no longer reaches them.
const groups = new Set();
const profiles = new Set();
const killGroup = (pid) => {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {}
};
const cleanUp = () => {
  groups.forEach(killGroup);
  profiles.forEach((dir) => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
};
process.on("exit", cleanUp);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    cleanUp();
    process.kill(process.pid, signal);
  });
}

// The main process exits first; wait for its content processes too, so none outlive the test or hold the profile.
// Read from /proc, as orphans that died may linger as zombies until init reaps them.
async function groupGone(pgid) {
  for (let i = 0; i < 100; i++) {
    const stats = await Promise.all((await readdir("/proc")).map((pid) => readFile(`/proc/${pid}/stat`, "utf8").catch(() => "")));
    const live = stats.filter((stat) => {
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(pgrp) === pgid && state !== "Z";
    });
    if (live.length === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Firefox processes in group ${pgid} outlived SIGKILL`);
}

/** Runs test pages in Firefox. Pass `handleReport` to serveMounts; `run(url)` resolves to the page's results. */
export class FirefoxPages {
  #waiting = new Map(); // report token → receives the POSTed body

  handleReport = (req, res) => {
    if (req.method !== "POST" || !req.url.startsWith(REPORT_PATH)) return false;
    const receive = this.#waiting.get(req.url.slice(REPORT_PATH.length));
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      res.writeHead(receive ? 204 : 404).end();
      receive?.(body);
    });
    return true;
  };

  async run(url, timeoutMs = 120_000) {
    const token = randomUUID();
    const page = new URL(url);
    page.searchParams.set("report", REPORT_PATH + token);
    const profile = await mkdtemp(join(tmpdir(), "firefox-profile-"));
    profiles.add(profile);
    await writeFile(join(profile, "user.js"), USER_JS);
    const firefox = spawn(process.env.FIREFOX ?? "/usr/bin/firefox", ["-headless", "-no-remote", "-profile", profile, page.href], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: "1" },
    });
    if (firefox.pid !== undefined) groups.add(firefox.pid);
    let output = "";
    const keep = (chunk) => (output = (output + chunk).slice(-4000));
    firefox.stdout.setEncoding("utf8").on("data", keep);
    firefox.stderr.setEncoding("utf8").on("data", keep);
    const exited = new Promise((resolve) => firefox.once("exit", resolve));
    let timer;
    try {
      const body = await new Promise((resolve, reject) => {
        this.#waiting.set(token, resolve);
        const fail = (why) => reject(new Error(`Firefox ${why} for ${url}; its output ends:\n${output || "(no output)"}`));
        firefox.once("error", (e) => fail(`failed to start (${e.message})`));
        firefox.once("exit", (code, signal) => fail(`exited (${signal ?? code}) before reporting results`));
        timer = setTimeout(() => fail(`reported no results in ${timeoutMs / 1000} s`), timeoutMs);
      });
      const { results, error } = JSON.parse(body);
      if (error) throw new Error(`page ${url} failed: ${error}`);
      return results;
    } finally {
      clearTimeout(timer);
      this.#waiting.delete(token);
      if (firefox.pid !== undefined) {
        killGroup(firefox.pid);
        await exited;
        await groupGone(firefox.pid);
        groups.delete(firefox.pid);
      }
      await rm(profile, { recursive: true, force: true, maxRetries: 5 });
      profiles.delete(profile);
    }
  }

  close() {} // each run cleans up after itself
}
