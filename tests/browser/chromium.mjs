// Test-page helpers. Debian's Chromium under playwright-core (Playwright's own browser download cannot work
// here). The flags keep it headless, root-safe and off the closed network.
import http from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** Runs test pages in one Chromium: `run(url)` resolves to the page's window.__results. */
export async function chromiumPages() {
  const browser = await launchChromium();
  return {
    async run(url) {
      const page = await browser.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(url);
      await page.waitForFunction(() => window.__results, null, { timeout: 120_000 }).catch(() => {});
      const results = await page.evaluate(() => window.__results);
      await page.close();
      if (!Array.isArray(results)) throw new Error(`page ${url} produced no results; errors: ${errors.join("; ")}`);
      return results;
    },
    close: () => browser.close(),
  };
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

/** A static server for test pages: `mounts` is [[urlPrefix, dir], …], first match wins. `handle(req, res)`,
 * if given, sees each request first and returns true for those it answered. */
export function serveMounts(mounts, handle) {
  return http.createServer(async (req, res) => {
    if (handle?.(req, res)) return;
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const [prefix, dir] = mounts.find(([p]) => path.startsWith(p)) ?? [];
    if (!dir) return res.writeHead(404).end();
    const file = normalize(join(dir, path.slice(prefix.length) || "index.html"));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
}
