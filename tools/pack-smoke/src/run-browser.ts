/**
 * The browser consumer: one classic script bundled by esbuild for the browser (a node:* import or a
 * Node-only package fails the build), then run in a context with web globals only, and in headless
 * Chromium when the machine has it.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createContext, runInContext } from "node:vm";
import { build } from "esbuild";
import { runCommand } from "./run-command.js";

/** Bundles browser.ts next to browser.html; returns the script's path and size in bytes. */
export async function bundleBrowser(projectDir: string): Promise<{ path: string; bytes: number }> {
  const path = join(projectDir, "browser.js");
  await build({
    entryPoints: [join(projectDir, "browser.ts")],
    outfile: path,
    bundle: true,
    minify: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    logLevel: "silent",
  });
  return { path, bytes: (await stat(path)).size };
}

/** The web platform's globals a page has; nothing of Node's (no process, Buffer, require). */
const WEB_GLOBALS = [
  "AbortController", "AbortSignal", "Blob", "DOMException", "Event", "EventTarget", "Headers", "ReadableStream",
  "Request", "Response", "TextDecoder", "TextEncoder", "TransformStream", "URL", "URLSearchParams", "WritableStream",
  "atob", "btoa", "clearTimeout", "console", "crypto", "performance", "queueMicrotask", "setTimeout", "structuredClone",
] as const;

/** Runs the bundle in a fresh V8 context holding web globals and a one-element document. */
export async function runBrowserBundleInWebContext(bundlePath: string, timeoutMs = 10_000): Promise<unknown> {
  const result = { textContent: "pending" };
  const sandbox: Record<string, unknown> = { document: { getElementById: (id: string) => (id === "result" ? result : null) } };
  for (const name of WEB_GLOBALS) sandbox[name] = (globalThis as Record<string, unknown>)[name];
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  sandbox.window = sandbox;
  const context = createContext(sandbox);
  runInContext(await readFile(bundlePath, "utf8"), context, { filename: bundlePath });
  const deadline = Date.now() + timeoutMs;
  while (result.textContent === "pending") {
    if (Date.now() > deadline) throw new Error(`the browser bundle produced no result in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return JSON.parse(result.textContent) as unknown;
}

/** Debian's Chromium, where installed; undefined otherwise (the Chromium check is then skipped). */
export function findChromium(): string | undefined {
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => existsSync(p));
}

/** Loads browser.html headless and reads the result the script wrote into the page. */
export async function runInChromium(chromium: string, htmlPath: string): Promise<unknown> {
  const profile = await mkdtemp(join(tmpdir(), "pack-smoke-chromium-"));
  try {
    const { stdout } = await runCommand(
      chromium,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`, "--virtual-time-budget=10000",
        "--dump-dom", pathToFileURL(htmlPath).href,
      ],
      { cwd: profile, timeoutMs: 60_000 },
    );
    const m = /<pre id="result">([\s\S]*?)<\/pre>/.exec(stdout);
    if (!m) throw new Error(`the page has no result element; the DOM was:\n${stdout.slice(0, 1000)}`);
    const text = m[1]!.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
    if (text === "pending") throw new Error("the page's script never finished (still 'pending')");
    return JSON.parse(text) as unknown;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
