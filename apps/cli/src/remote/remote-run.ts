import type { CliContext } from "../context.js";
import type { VisitState } from "../commands/batch/ledger-format.js";
import type { Ledger } from "../commands/batch/ledger.js";
import type { VisitSpec } from "../commands/batch/manifest.js";
import { readProxyEnv } from "../io/proxy-env.js";
import type { ProgressStage } from "../terminal/progress-format.js";
import { FinishedWatcher, type WatchTiming } from "./finished-watcher.js";
import { RemoteClient } from "./remote-client.js";
import type { RemoteTarget } from "./remote-settings.js";
import { runRemoteVisit, type RemoteNoteOptions } from "./remote-visit.js";

/** A remote batch's connection: the visit function the batch runner calls, and how to release it. */
export interface RemoteRun {
  visit: (spec: VisitSpec, state: VisitState | undefined, onStage: (stage: ProgressStage) => void) => ReturnType<typeof runRemoteVisit>;
  close(): Promise<void>;
}

/**
 * Wires one remote batch: the CLI's pooled fetch (keep-alive, `HTTPS_PROXY` / `NO_PROXY`), the client, one
 * {@link FinishedWatcher} for every visit of the run. `SOAP_NOTES_REMOTE_POLL_MS` shortens the watcher's
 * first interval (tests).
 */
export async function createRemoteRun(
  ctx: CliContext,
  target: RemoteTarget,
  o: { ledger: Ledger; options: RemoteNoteOptions; concurrency: number; signal: AbortSignal; timeoutMs?: number | undefined; verbose: (line: string) => void },
): Promise<RemoteRun> {
  const proxy = readProxyEnv(ctx.env);
  const { createPooledFetch } = await import("../io/pooled-fetch.js");
  const pooled = createPooledFetch(o.concurrency + 2, proxy);
  const client = new RemoteClient({
    baseUrl: target.apiUrl,
    apiKey: target.apiKey,
    fetch: pooled.fetch,
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    onRetry: ({ operation, status, delayMs }) => o.verbose(`${operation}: ${status === undefined ? "no answer" : `HTTP ${status}`}, trying again in ${(delayMs / 1000).toFixed(1)} s`),
  });
  const pollMs = Number(ctx.env["SOAP_NOTES_REMOTE_POLL_MS"]);
  const timing: Partial<WatchTiming> = Number.isFinite(pollMs) && pollMs > 0 ? { minIntervalMs: pollMs, maxIntervalMs: Math.max(pollMs, 2_000) } : {};
  const watcher = new FinishedWatcher(client, o.signal, { timing });
  return {
    visit: (spec, state, onStage) => runRemoteVisit({ client, watcher, ledger: o.ledger, origin: target.origin, options: o.options, signal: o.signal, onStage }, spec, state),
    close: () => pooled.close(),
  };
}
