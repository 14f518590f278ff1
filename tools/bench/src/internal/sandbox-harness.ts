import type { Sandbox } from "@org/soap-sandbox";
import { loadFixtures, serve } from "@org/soap-sandbox/node";
import { sandboxLatencyOptions, type LatencyModel } from "./latency-model.js";

/** A sandbox served over HTTP on the loopback interface, with a latency model. */
export interface BenchSandbox {
  sandbox: Sandbox;
  /** Origin of the v2 API and the gateway (the sandbox serves both). */
  origin: string;
  apiKey: string;
  close(): Promise<void>;
}

/** Options of {@link startSandbox}. */
export interface StartSandboxOptions {
  model: LatencyModel;
  fixturesDir: string;
  /** @default 1 */
  seed?: number;
  /** Transcription jobs processed at once. @default 32 (the sandbox's default) */
  concurrency?: number;
}

/** Serves a sandbox (fixtures from `fixturesDir`, given explicitly so a bundled bench finds them). */
export async function startSandbox(o: StartSandboxOptions): Promise<BenchSandbox> {
  const fixtures = await loadFixtures(o.fixturesDir);
  if (fixtures.length === 0) throw new Error(`no sandbox fixtures in ${o.fixturesDir}`);
  const served = await serve({
    port: 0,
    fixtures,
    seed: o.seed ?? 1,
    ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
    ...sandboxLatencyOptions(o.model),
  });
  return { sandbox: served.sandbox, origin: served.apiBaseUrl, apiKey: served.sandbox.apiKey, close: () => served.close() };
}

/**
 * Resolves when the sandbox has finished transcript `id` (read from its state, no HTTP), with the
 * sandbox's own completion time. Used to measure the physical limit of a transcription.
 */
export async function sandboxCompletion(sandbox: Sandbox, id: string, timeoutMs = 120_000): Promise<{ completedAt: number; status: string }> {
  const started = Date.now();
  for (;;) {
    sandbox.advance();
    const t = sandbox.state.transcripts.get(id);
    if (!t) throw new Error(`sandbox has no transcript ${id}`);
    if ((t.status === "completed" || t.status === "error") && t.completedAt !== null) return { completedAt: t.completedAt, status: t.status };
    if (Date.now() - started > timeoutMs) throw new Error(`transcript ${id} did not finish within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
