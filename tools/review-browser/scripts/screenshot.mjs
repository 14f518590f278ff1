#!/usr/bin/env node
// `npm run screenshot -w @org/soap-review-browser`: the README's picture of the review page. Writes a
// sample visit's page with the built CLI on its embedded sandbox (no key, no network), opens it in
// Chromium, selects a statement and saves docs/images/review-page.png. Build the CLI first.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "soap-review-shot-"));
const html = join(dir, "visit-02-knee-sprain.html");
const env = { PATH: process.env.PATH ?? "", NO_COLOR: "1" };
execFileSync(process.execPath, [join(root, "apps/cli/dist/bin.js"), "note", "samples/visits/visit-02-knee-sprain.mp3", "--format", "html", "--out", html, "-q"], { cwd: root, env, stdio: "inherit" });
const executablePath = process.env.CHROMIUM_PATH ?? execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], { encoding: "utf8" }).trim();
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--mute-audio"] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(html).href);
  // A statement with a timed quote: its quote lights up in the transcript.
  await page.locator("button.st[data-start]").nth(1).click();
  await page.waitForTimeout(300);
  // Back to the top of the page: the transcript panel keeps its own scroll, with the quote in it.
  await page.evaluate(() => globalThis.scrollTo(0, 0));
  const out = join(root, "docs/images/review-page.png");
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
