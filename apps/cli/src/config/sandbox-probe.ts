import type { CliContext } from "../context.js";
import type { Settings } from "./settings.js";

/**
 * The header every response of a soap-notes sandbox carries (`SANDBOX_RESPONSE_HEADER` of
 * `@org/soap-sandbox`, not imported here: the API path must not load the sandbox).
 */
export const SANDBOX_HEADER = "x-soap-notes-sandbox";

/** How long the probe waits for an answer before taking the host for AssemblyAI. */
export const PROBE_TIMEOUT_MS = 3000;

/** What one probe learned: a sandbox answered, something else did, or nothing (with why). */
export type ProbeResult = { kind: "sandbox" } | { kind: "other"; status: number } | { kind: "unreachable"; reason: string };

/**
 * Asks `url` whether a soap-notes sandbox answers there: one `GET` with no key and no body (a
 * sandbox counts no call for it), answered by the {@link SANDBOX_HEADER} or not.
 */
export async function probeSandbox(url: string, fetchFn: typeof fetch, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const res = await fetchFn.call(undefined, url, { method: "GET", signal: abort.signal, redirect: "manual" });
    await res.body?.cancel();
    return res.headers.get(SANDBOX_HEADER) === "1" ? { kind: "sandbox" } : { kind: "other", status: res.status };
  } catch (err) {
    // Not an error of the run: the host is then taken for AssemblyAI, and the real requests report it.
    const reason = abort.signal.aborted ? `no answer within ${timeoutMs} ms` : err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    return { kind: "unreachable", reason };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The one rule for a served sandbox. A run with a key and **both** the API and the gateway URL
 * overridden asks each whether it is a soap-notes sandbox; when both are, the run is in core's
 * `sandbox` environment (its notes carry the sandbox banner, and text dialogues follow the
 * sandbox's rule: scrubbed, no statement needed). Hosts that are not overridden are AssemblyAI's and
 * are never asked; when either answer is not a sandbox's, the run stays `assemblyai`, so text never
 * reaches a real gateway without the user's statement.
 */
export async function detectServedSandbox(settings: Settings, ctx: CliContext, fetchFn?: typeof fetch): Promise<Settings> {
  if (settings.sandbox || settings.baseUrl === undefined || settings.gatewayUrl === undefined) return settings;
  const urls = [settings.baseUrl, settings.gatewayUrl];
  let results: ProbeResult[];
  if (fetchFn !== undefined) {
    results = await Promise.all(urls.map((u) => probeSandbox(u, fetchFn)));
  } else {
    // The same HTTP layer as the run (its proxy settings included), loaded only when there is something to ask.
    const [{ createPooledFetch }, { readProxyEnv }] = await Promise.all([import("../io/pooled-fetch.js"), import("../io/proxy-env.js")]);
    const pooled = createPooledFetch(1, readProxyEnv(ctx.env));
    try {
      results = await Promise.all(urls.map((u) => probeSandbox(u, pooled.fetch)));
    } finally {
      await pooled.close();
    }
  }
  if (!results.every((r) => r.kind === "sandbox")) return settings;
  if (settings.verbosity !== "quiet") {
    ctx.stderr.write(
      `soap-notes: ${settings.baseUrl} is a soap-notes sandbox (it answers ${SANDBOX_HEADER}): new notes are marked as sandbox output, and text dialogues are scrubbed and sent without --deidentified, as on the embedded sandbox.\n`,
    );
  }
  return { ...settings, servedSandbox: true, overrides: { ...settings.overrides, environment: "sandbox" } };
}
