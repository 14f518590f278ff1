import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { startEdgeStack, type EdgeStack } from "./support/edge-stack.js";
import { startFaultProxy, type FaultProxy } from "./support/fault-proxy.js";
import { writeManifest } from "./support/manifest.js";

/** Visits of the load test (LOAD_VISITS overrides it for a quicker look; the test of record is 2,000). */
const VISITS = Number(process.env["LOAD_VISITS"] ?? 2000);
/** Every 20th visit is a local file (uploaded in parts), the others audio URLs. */
const FILE_EVERY = 20;
const CONCURRENCY = 64;
/** The test tenant's quotas (the Worker's vars): in flight at most the CLI's concurrency, creates per minute below what it could send. */
const QUOTAS = { RATE_LIMIT_PER_MINUTE: "100000", TENANT_CREATES_PER_MINUTE: "1500", TENANT_CREATES_PER_DAY: "100000", TENANT_MAX_IN_FLIGHT: String(CONCURRENCY) };
/**
 * Cloudflare's cron, played by the stack (wrangler dev never fires it): every 30 s instead of every 5 min,
 * so that the sweep's safety nets (uncertain creates, lost webhooks and messages) act within the run.
 * The per-IP limit: the whole batch comes from this one address (wrangler.jsonc's 300 a minute would cap
 * it near 2 visits/s; a deployment serving remote batches sets it above what its batch clients send).
 */
const STACK = { cronEveryMs: 30_000, ipRequestsPerMinute: 6_000 };

let stack: EdgeStack;
let proxy: FaultProxy;
let dir: string;

beforeAll(async () => {
  stack = await startEdgeStack(QUOTAS, STACK);
  proxy = await startFaultProxy(stack.apiUrl, 7);
  dir = await mkdtemp(join(tmpdir(), "soap-remote-load-"));
});

afterAll(async () => {
  await proxy?.close();
  await stack?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function sandbox(path: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(`${stack.sandboxUrl}${path}`, init);
  return res.json();
}

it(`${VISITS} visits through the edge API with faults: 0 lost, 0 duplicated`, async () => {
  const out = join(dir, "out");
  const { path, ids } = await writeManifest(dir, VISITS, FILE_EVERY);
  // Faults at AssemblyAI's side (the queue consumer retries them) and between the CLI and the API.
  await sandbox("/__sandbox/faults", {
    method: "POST",
    headers: { "content-type": "application/json" },
    // A chat 503 is a queue retry with a delay (the consumer's clients do not retry): the message must come back.
    body: JSON.stringify([
      { route: "webhook", kind: "duplicate_webhook", probability: 0.05 },
      { route: "webhook", kind: "out_of_order_webhook", probability: 0.02, delayMs: 500 },
      // Creates whose outcome the Worker cannot know: the connection fails before AssemblyAI acts (never
      // made: the sweep sends it again) or after (made, answer lost: found by the look-up or its webhook).
      { route: "create", kind: "reset", probability: 0.005 },
      { route: "create", kind: "reset", after: true, probability: 0.005 },
      { route: "chat", kind: "status", status: 503, probability: 0.02 },
    ]),
  });
  proxy.setFaults({ rateLimited: 0.03, unavailable: 0.02, resetAfter: 0.02, match: /^(POST|PUT|GET) \/v1\/(notes|uploads)/ });

  const started = Date.now();
  const result = await runCli(["batch", path, "--api", proxy.url, "--out", out, "--concurrency", String(CONCURRENCY), "--format", "json", "--json"], {
    cwd: dir,
    env: { SOAP_NOTES_API_KEY: stack.apiKey },
    timeoutMs: 1_700_000,
  });
  const wallMs = Date.now() - started;
  const failuresPath = join(out, "failures.jsonl");
  const failures = existsSync(failuresPath) ? await readFile(failuresPath, "utf8") : "";
  expect(result.code, `${failures.slice(0, 3000)}\n${result.stderr.slice(-1000)}`).toBe(0);

  // 0 lost: every visit has its note; 0 duplicated: one job at the API and one transcript per visit.
  let missing = 0;
  for (const id of ids) if (!existsSync(join(out, `${id}.json`))) missing++;
  const jobs = await stack.query<{ n: number; done: number }>(
    `SELECT COUNT(*) AS n, SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS done FROM jobs WHERE tenant_id = '${stack.tenantId}'`,
  );
  const counters = (await sandbox("/__sandbox/counters")) as { transcriptsCreated: number; routes: Record<string, { statuses: Record<string, number> }> };
  const unresolved = await stack.query<{ n: number }>(`SELECT COUNT(*) AS n FROM uncertain_creates`);
  // Notes generated on a second (or later) delivery of their queue message.
  const retried = await stack.query<{ n: number }>(`SELECT COUNT(*) AS n FROM jobs WHERE tenant_id = '${stack.tenantId}' AND attempts > 1`);
  const summary = JSON.parse(await readFile(join(out, "_summary.json"), "utf8")) as { done: number; failed: number };
  const lost = missing + summary.failed;
  const duplicated = (jobs[0]?.n ?? 0) - VISITS + (counters.transcriptsCreated - VISITS);
  const perSecond = VISITS / (wallMs / 1000);
  const faults = {
    proxy: { ...proxy.counts },
    webhook_attempts: (counters as { webhookAttempts?: number }).webhookAttempts ?? 0,
    create_resets: counters.routes["create"]?.statuses["reset"] ?? 0,
    chat_503: counters.routes["chat"]?.statuses["503"] ?? 0,
    queue_retried_notes: retried[0]?.n ?? 0,
  };
  const line = `remote load: ${VISITS} visits (${VISITS / FILE_EVERY} uploaded files), concurrency ${CONCURRENCY}, ${(wallMs / 1000).toFixed(1)} s, ${perSecond.toFixed(2)} visits/s, lost ${lost}, duplicated ${duplicated}, faults ${JSON.stringify(faults)}`;
  process.stdout.write(`${line}\n`);
  expect({ missing, failed: summary.failed, jobs: jobs[0]?.n, completed: jobs[0]?.done, transcripts: counters.transcriptsCreated }).toEqual({
    missing: 0,
    failed: 0,
    jobs: VISITS,
    completed: VISITS,
    transcripts: VISITS,
  });
  expect(proxy.counts.rateLimited + proxy.counts.unavailable + proxy.counts.resetAfter).toBeGreaterThan(0);
  // Every uncertain create was resolved by the API (none left waiting in its table).
  expect(unresolved[0]?.n).toBe(0);
  // The faults that lead to queue retries fired, and their messages came back (the notes above).
  expect(faults.chat_503).toBeGreaterThan(0);
  expect(faults.queue_retried_notes).toBeGreaterThan(0);
});
