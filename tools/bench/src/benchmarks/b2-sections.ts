import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Transcript } from "@org/soap-core";
import { generateSoapNote } from "@org/soap-core/engine";
import { getTemplate } from "@org/soap-prompts";
import { SEED_METHOD2_QUESTIONS, seedSectionPrompt } from "../baseline/seed-prompts.js";
import { SeedFlow, seedChatRequest } from "../baseline/seed-flow.js";
import { timed, type BenchContext } from "../internal/context.js";
import { formatMs, formatRatio } from "../internal/format.js";
import { describeModel, STANDARD_MODEL } from "../internal/latency-model.js";
import { OUR_MODEL, OUR_TRANSCRIPTION, ourClients } from "../internal/ours.js";
import type { BenchRow } from "../internal/result.js";
import { startSandbox } from "../internal/sandbox-harness.js";
import { median, ratio } from "../internal/stats.js";

/**
 * B2: Method 2 (four section requests) wall time divided by one gateway call: ours
 * (`generateSoapNote` with the sectioned template, core's default concurrency, and with 4) vs the
 * seed-style baseline (four calls one after another); the one call is measured in the same run.
 */
export async function runB2(ctx: BenchContext): Promise<BenchRow[]> {
  const model = STANDARD_MODEL;
  const sb = await startSandbox({ model, fixturesDir: ctx.paths.fixturesDir, seed: 22 });
  const clients = ourClients(sb.origin, sb.apiKey, 8);
  try {
    const bytes = new Uint8Array(await readFile(join(ctx.paths.visitsDir, "visit-02-knee-sprain.mp3")));
    const { upload_url } = await clients.transcripts.upload(bytes);
    const created = await clients.transcripts.create({ ...OUR_TRANSCRIPTION, speech_models: [...OUR_TRANSCRIPTION.speech_models], redact_pii_policies: [...OUR_TRANSCRIPTION.redact_pii_policies], audio_url: upload_url } as Parameters<typeof clients.transcripts.create>[0]);
    const transcript: Transcript = await clients.transcripts.wait(created.id);
    const template = getTemplate("soap-sectioned");
    const seed = new SeedFlow({ apiKey: sb.apiKey, baseUrl: sb.origin, gatewayBaseUrl: sb.origin });
    const headers = { authorization: sb.apiKey, "content-type": "application/json" };
    const first = SEED_METHOD2_QUESTIONS[0];
    if (!first) throw new Error("no seed question");
    const oneCallBody = JSON.stringify(seedChatRequest(seedSectionPrompt(first), transcript.id, 1000));

    const one: number[] = [];
    const oursDefault: number[] = [];
    const ours4: number[] = [];
    const base: number[] = [];
    const steps: Record<string, () => Promise<void>> = {
      one: async () => {
        const t = await timed(async () => {
          const res = await fetch(`${sb.origin}/v1/chat/completions`, { method: "POST", headers, body: oneCallBody });
          if (!res.ok) throw new Error(`one gateway call: HTTP ${res.status}`);
          return res.json();
        });
        one.push(t.ms);
        ctx.log(`  B2 one gateway call ${formatMs(t.ms)}`);
      },
      ours: async () => {
        const t = await timed(() => generateSoapNote({ gateway: clients.gateway, template, transcript, model: OUR_MODEL }));
        oursDefault.push(t.ms);
        ctx.log(`  B2 ours (default concurrency) ${formatMs(t.ms)}`);
      },
      ours4: async () => {
        const t = await timed(() => generateSoapNote({ gateway: clients.gateway, template, transcript, model: OUR_MODEL, concurrency: 4 }));
        ours4.push(t.ms);
        ctx.log(`  B2 ours (concurrency 4) ${formatMs(t.ms)}`);
      },
      baseline: async () => {
        const t = await timed(() => seed.method2(transcript.id));
        base.push(t.ms);
        ctx.log(`  B2 baseline ${formatMs(t.ms)}`);
      },
    };
    const order = ["one", "ours", "baseline", "ours4"];
    for (let rep = 0; rep < ctx.reps; rep++) {
      for (let k = 0; k < order.length; k++) await (steps[order[(rep + k) % order.length] as string] as () => Promise<void>)();
    }
    const l = median(one);
    const b = median(base);
    const row = (name: string, samples: number[], note: string, limitedBy?: string): BenchRow => {
      const o = median(samples);
      const r = ratio(o, l);
      return {
        ...(limitedBy !== undefined ? { limitedBy } : {}),
        id: "B2",
        name,
        ours: formatMs(o),
        baseline: formatMs(b),
        limit: formatMs(l),
        ratio: `ours/call ${formatRatio(r)}; baseline/call ${formatRatio(ratio(b, l))}`,
        target: "ours/call <= 1.1",
        met: r !== null && r <= 1.1,
        notes: `${note}; ${ctx.reps} reps, order rotated, medians; limit = one gateway call (a Method 2 section request) in the same run; ${describeModel(model)}`,
      };
    };
    return [
      row(
        "B2 Method 2 wall / one gateway call (core default concurrency)",
        oursDefault,
        "ours = generateSoapNote(soap-sectioned) with its default `concurrency` (4: all sections at once)",
        `with the default the section requests overlap fully; explicit concurrency 4 (next row) gives ${formatRatio(ratio(median(ours4), l))}.`,
      ),
      row("B2 Method 2 wall / one gateway call (concurrency: 4)", ours4, "ours = generateSoapNote(soap-sectioned, concurrency: 4)"),
    ];
  } finally {
    await clients.close();
    await sb.close();
  }
}
