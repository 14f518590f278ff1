import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Sandbox } from "@org/soap-sandbox";
import { getTemplate } from "@org/soap-prompts";
import { SEED_METHOD1_PROMPT } from "../baseline/seed-prompts.js";
import { SeedFlow, seedChatRequest } from "../baseline/seed-flow.js";
import { nowMs, timed, type BenchContext } from "../internal/context.js";
import { formatMs, formatRatio } from "../internal/format.js";
import { BATCH_MODEL, describeModel } from "../internal/latency-model.js";
import { limitTotal, measureLimit } from "../internal/limit-probe.js";
import { ourClients, ourVisitPath, runOurVisit } from "../internal/ours.js";
import { BatchScheduler, mapSettledWithLimit } from "@org/soap-core/visit";
import type { BenchRow } from "../internal/result.js";
import { startSandbox, type BenchSandbox } from "../internal/sandbox-harness.js";
import { median, ratio } from "../internal/stats.js";

const VISITS = 200;
const CONCURRENCY = 16;
/** Share of calls on every route answered 429 (Retry-After 1 s). */
const P429 = 0.03;

function count429(sandbox: Sandbox): number {
  const snap = sandbox.counters.snapshot();
  return Object.values(snap.routes).reduce((n, r) => n + (r?.statuses["429"] ?? 0), 0);
}

/** A batch's outcome. */
interface BatchOutcome {
  wallMs: number;
  ok: number;
  failed: number;
  failures: string[];
  injected429: number;
  transcriptsCreated: number;
}

async function batch(sb: BenchSandbox, files: string[], inFlight: number, visit: (file: string) => Promise<unknown>): Promise<BatchOutcome> {
  sb.sandbox.faults.add({ route: "*", kind: "status", status: 429, probability: P429, retryAfterSeconds: 1 });
  const before429 = count429(sb.sandbox);
  const beforeCreated = sb.sandbox.counters.transcriptsCreated;
  const items = Array.from({ length: VISITS }, (_, i) => files[i % files.length] as string);
  const start = nowMs();
  const settled = await mapSettledWithLimit(items, inFlight, visit);
  const wallMs = nowMs() - start;
  const failures = settled.flatMap((s) => (s.status === "rejected" ? [s.reason instanceof Error ? `${s.reason.name}: ${s.reason.message}` : String(s.reason)] : []));
  sb.sandbox.faults.clear();
  return {
    wallMs,
    ok: VISITS - failures.length,
    failed: failures.length,
    failures,
    injected429: count429(sb.sandbox) - before429,
    transcriptsCreated: sb.sandbox.counters.transcriptsCreated - beforeCreated,
  };
}

function summarizeFailures(failures: string[]): string {
  const counts = new Map<string, number>();
  for (const f of failures) counts.set(f.slice(0, 80), (counts.get(f.slice(0, 80)) ?? 0) + 1);
  return [...counts].map(([f, n]) => `${n}× ${f}`).join("; ");
}

/**
 * B3: 200 visits at concurrency 16 against a sandbox that processes at most 16 transcriptions at
 * once and answers 3 % of all calls with 429: throughput divided by the concurrency bound
 * (16 visits per single-visit limit, measured in the same run). Shortened latencies.
 */
export async function runB3(ctx: BenchContext): Promise<BenchRow[]> {
  const model = BATCH_MODEL;
  const files = (await readdir(ctx.paths.visitsDir)).filter((f) => f.endsWith(".mp3")).sort().map((f) => join(ctx.paths.visitsDir, f));
  if (files.length === 0) throw new Error(`no sample audio in ${ctx.paths.visitsDir}`);
  const template = getTemplate("soap-complete");

  // Ours, on its own sandbox: limit probes and one lone visit first (no faults), then the batch.
  const sb = await startSandbox({ model, fixturesDir: ctx.paths.fixturesDir, seed: 33, concurrency: CONCURRENCY });
  // Ours runs the way the CLI's batch does: core's scheduler (CONCURRENCY requests per stage, twice
  // as many visits in progress, CONCURRENCY transcriptions in progress, the default request budget)
  // over a pool sized like the CLI's. The notes say whether the budget ever made a request wait.
  const scheduler = new BatchScheduler({ concurrency: CONCURRENCY });
  const connections = scheduler.limitOf("upload") + scheduler.limitOf("create") + scheduler.limitOf("poll") + scheduler.limitOf("other");
  const clients = ourClients(sb.origin, sb.apiKey, connections, { gate: scheduler });
  let limitMs: number;
  let oneOursMs: number;
  let ours: BatchOutcome;
  let perVisit: BatchOutcome;
  try {
    const bytes = new Uint8Array(await readFile(files[0] as string));
    const chatBody = (id: string) => seedChatRequest(SEED_METHOD1_PROMPT, id, 2000);
    await measureLimit(sb.sandbox, sb.origin, bytes, chatBody); // warm-up
    const limits: number[] = [];
    for (let i = 0; i < 3; i++) limits.push(limitTotal(await measureLimit(sb.sandbox, sb.origin, bytes, chatBody)));
    limitMs = median(limits);
    await runOurVisit(files[0] as string, clients, template); // warm-up
    oneOursMs = (await timed(() => runOurVisit(files[0] as string, clients, template))).ms;
    ctx.log(`  B3 single-visit limit ${formatMs(limitMs)} (${limits.map((v) => Math.round(v)).join("/")} ms), one visit of ours alone ${formatMs(oneOursMs)}`);
    ours = await batch(sb, files, scheduler.visitsInFlight, (file) => runOurVisit(file, clients, template, undefined, scheduler.transcriptionSlots));
    ctx.log(`  B3 scheduler: ${JSON.stringify(scheduler.stats().requests)} requests, peak in flight ${JSON.stringify(scheduler.stats().peakActive)}, transcriptions ${JSON.stringify(scheduler.transcriptionsInProgress())}`);
    ctx.log(`  B3 ours: ${ours.ok} ok, ${ours.failed} failed in ${formatMs(ours.wallMs)}, ${ours.injected429} 429s injected, ${ours.transcriptsCreated} transcripts created`);
    // What-if, same sandbox and faults: the scheduling before #19, one pool slot per visit for its whole life.
    const plain = ourClients(sb.origin, sb.apiKey, CONCURRENCY);
    try {
      perVisit = await batch(sb, files, CONCURRENCY, (file) => runOurVisit(file, plain, template));
    } finally {
      await plain.close();
    }
    ctx.log(`  B3 one slot per visit: ${perVisit.ok} ok, ${perVisit.failed} failed in ${formatMs(perVisit.wallMs)}`);
  } finally {
    await clients.close();
    await sb.close();
  }

  // The seed-style flow on a fresh sandbox with the same model and faults.
  const sb2 = await startSandbox({ model, fixturesDir: ctx.paths.fixturesDir, seed: 33, concurrency: CONCURRENCY });
  let base: BatchOutcome;
  try {
    const seed = new SeedFlow({ apiKey: sb2.apiKey, baseUrl: sb2.origin, gatewayBaseUrl: sb2.origin });
    base = await batch(sb2, files, CONCURRENCY, async (file) => {
      const audioData = await readFile(file);
      const id = await seed.transcribe(audioData as Uint8Array<ArrayBuffer>);
      return seed.method1(id);
    });
    ctx.log(`  B3 baseline: ${base.ok} ok, ${base.failed} failed in ${formatMs(base.wallMs)}, ${base.injected429} 429s injected`);
  } finally {
    await sb2.close();
  }

  const bound = CONCURRENCY / (limitMs / 1000);
  const oursTput = ours.ok / (ours.wallMs / 1000);
  const baseTput = base.ok / (base.wallMs / 1000);
  const r = ratio(oursTput, bound);
  const perVisitTput = perVisit.ok / (perVisit.wallMs / 1000);
  const scaling = ratio(oursTput, CONCURRENCY / (oneOursMs / 1000));
  return [
    {
      id: "B3",
      name: `B3 batch ${VISITS} visits @ ${CONCURRENCY}, 3 % 429s (visits/s)`,
      ours: `${oursTput.toFixed(2)}/s, ${ours.failed} failed, ${ours.transcriptsCreated} transcripts`,
      baseline: `${baseTput.toFixed(2)}/s, ${base.failed} failed`,
      limit: `${bound.toFixed(2)}/s`,
      ratio: `ours/bound ${formatRatio(r)}; baseline/bound ${formatRatio(ratio(baseTput, bound))}`,
      target: "ours/bound >= 0.95, 0 failed, no duplicate transcript",
      met: r !== null && r >= 0.95 && ours.failed === 0 && ours.transcriptsCreated === VISITS,
      limitedBy:
        `${ours.transcriptsCreated !== VISITS ? `${ours.transcriptsCreated} transcripts for ${VISITS} visits; ` : ""}Each visit is as slow as one visit of ours alone (${formatMs(oneOursMs)} against a limit of ${formatMs(limitMs)}), partly core's wait() seeing the transcript up to ~6 % late (see B1), ` +
        `and every injected 429 costs at least its 1 s Retry-After; throughput over 16 / our own single visit is ${formatRatio(scaling)}, so concurrency itself scales${ours.failed > 0 ? `; ${ours.failed} visits failed` : ""}.`,
      notes:
        `bound = ${CONCURRENCY} / single-visit limit ${formatMs(limitMs)} (median of 3 probes in the same run); sandbox processes at most ${CONCURRENCY} transcriptions at once and answers ${P429 * 100} % of all calls with 429 (Retry-After 1 s); ` +
        `ours = ${ourVisitPath()} through core's BatchScheduler as the CLI's batch runs it (${CONCURRENCY} requests in flight per stage: uploads, creates, polls, chats; ${scheduler.visitsInFlight} visits in progress, at most ${scheduler.transcriptionsInProgress().limit} of them transcribing; a visit holds a stage slot only while its request is on the wire, so Retry-After waits and transcription time hold none; default request budget ${scheduler.budget?.maxRequests ?? "none"} per 5 min, under which ${scheduler.stats().budget?.delayed ?? 0} requests waited for a token), one undici Agent of ${connections} sockets: wall ${formatMs(ours.wallMs)}, ${ours.injected429} 429s absorbed, ${ours.transcriptsCreated} transcripts created for ${VISITS} visits${ours.failed > 0 ? `, failures: ${summarizeFailures(ours.failures)}` : ""}; ` +
        `one visit of ours alone took ${formatMs(oneOursMs)}, so throughput / (${CONCURRENCY} / our own single visit) = ${formatRatio(scaling)} (how well concurrency scales, apart from polling overshoot); ` +
        `baseline = tutorial flow in the same pool (no retries: a 429 fails the visit): wall ${formatMs(base.wallMs)}, ${base.injected429} 429s${base.failed > 0 ? `, failures: ${summarizeFailures(base.failures)}` : ""}; ${describeModel(model)}`,
    },
    {
      id: "B3",
      name: `B3 what-if: one pool slot per visit (the scheduling before #19)`,
      ours: `${perVisitTput.toFixed(2)}/s, ${perVisit.failed} failed, ${perVisit.transcriptsCreated} transcripts`,
      baseline: "n/a",
      limit: `${bound.toFixed(2)}/s`,
      ratio: `ours/bound ${formatRatio(ratio(perVisitTput, bound))}; scheduler / this ${formatRatio(ratio(oursTput, perVisitTput))}`,
      target: "ours/bound >= 0.95, 0 failed, no duplicate transcript",
      met: (ratio(perVisitTput, bound) ?? 0) >= 0.95 && perVisit.failed === 0 && perVisit.transcriptsCreated === VISITS,
      limitedBy: "NOT the default: the scheduling before #19, shown for comparison in the same run.",
      notes:
        `NOT the default: the same sandbox, faults and clients without the scheduler, ${CONCURRENCY} visits in a pool, each holding its slot through its uploads, Retry-After waits, transcription and note (mapSettledWithLimit, as before #19), run right after ours in the same process: ` +
        `wall ${formatMs(perVisit.wallMs)}, ${perVisit.injected429} 429s absorbed, ${perVisit.transcriptsCreated} transcripts for ${VISITS} visits; the scheduler's gain under the same load is ours / this = ${formatRatio(ratio(oursTput, perVisitTput))}`,
    },
  ];
}
