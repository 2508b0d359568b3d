// The packed package as installed in tests/consumer (by `make pkg`), resolved through its
// own exports map the way Node resolves `import "tencent-chat-conversations"` there.
// HOSTILE_PKG_DIR=/path/to/pkg/ runs the matrix against another build (e.g. a patch's).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const installed = fileURLToPath(new URL("../consumer/node_modules/tencent-chat-conversations/", import.meta.url));
export const pkgDir = process.env.HOSTILE_PKG_DIR ? `${process.env.HOSTILE_PKG_DIR.replace(/\/$/, "")}/` : installed;

export async function importPackage() {
  const manifest = `${pkgDir}package.json`;
  if (!existsSync(manifest)) throw new Error(`${pkgDir} is missing: run \`make pkg\` first`);
  const entry = JSON.parse(readFileSync(manifest, "utf8")).exports["."].node.import.default;
  return import(new URL(entry, `file://${pkgDir}`).href);
}
