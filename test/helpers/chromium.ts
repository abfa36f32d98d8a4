/**
 * The headless Chromium the browser tests drive: `CHROMIUM_PATH` if set, else a system Chromium (`chromium` on PATH),
 * else the headless Chromium shipped inside the @sparticuz/chromium devDependency, which it extracts to the temporary
 * directory on first use. So `npm install && npm test` needs no browser installed by hand.
 */
import { accessSync, constants } from "node:fs";
import path from "node:path";

import { chromium, type Browser } from "playwright-core";

/** `name` as the shell would find it on PATH, if it is there. */
function onPath(name: string): string | undefined {
  for (const directory of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Where the Chromium to drive is, and its launch flags. */
export async function chromiumToLaunch(): Promise<{ executablePath: string; args: string[]; source: string }> {
  const system = process.env.CHROMIUM_PATH ?? onPath("chromium");
  if (system) return { executablePath: system, args: CHROMIUM_FLAGS, source: system };
  const { default: bundled } = await import("@sparticuz/chromium");
  const executablePath = await bundled.executablePath();
  return { executablePath, args: [...bundled.args, ...CHROMIUM_FLAGS], source: "@sparticuz/chromium" };
}

/** Launches headless Chromium (see {@link chromiumToLaunch}), printing which one. */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, args, source } = await chromiumToLaunch();
  console.log(`      Chromium: ${source}`);
  return chromium.launch({ executablePath, args });
}
