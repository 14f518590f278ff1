import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { answerArbitrary, mutateJson, mutateMany, rng } from "./fuzz/mutate.js";
import { type FuzzSeeds, loadSeeds } from "./fuzz/seeds.js";
import { classify, fuzzEvidence, fuzzGenerate, fuzzNoteFromText, fuzzParse, type Outcome } from "./fuzz/targets.js";
import { chaosEnv } from "./support/env.js";
import { saveLog } from "./support/logs.js";
import { addTally } from "./support/tally.js";

// 100,000 generated and mutated model answers through every core function that parses one:
// parseSoapText, soapNoteFromText, checkEvidence, and generateSoapNote in its three modes (free
// text, four section answers, structured JSON with its repair retry). Each call must return a
// result of its type or throw one of core's error classes. Inputs are never logged (a reference
// note may hold fixture PHI): a failure names the case number, to replay with the same seed.

/** CHAOS_FUZZ_TOTAL only to profile a smaller run by hand; the suite needs 100,000. */
const TOTAL = Number(process.env.CHAOS_FUZZ_TOTAL ?? 100_000);
const GENERATED = Math.round(TOTAL * 0.3);
const { seed } = chaosEnv();

let seeds: FuzzSeeds;
beforeAll(async () => {
  seeds = await loadSeeds();
}, 120_000);

interface Run {
  cases: number;
  untyped: { index: number; target: string; name: string; detail: string }[];
  typed: Map<string, number>;
  byTarget: Map<string, number>;
  msByTarget: Map<string, number>;
}

async function call(target: string, f: () => void | Promise<void>): Promise<Outcome> {
  try {
    await f();
    return { kind: "ok" };
  } catch (e) {
    if (e instanceof Error && e.name === "BadResult") return { kind: "untyped", name: "BadResult", detail: e.message };
    return classify(e);
  }
}

describe("parser fuzz", () => {
  test(`${TOTAL} answers (seed ${seed}), never an untyped throw`, async ({ task }) => {
    const r = rng(seed);
    const generated = fc.sample(answerArbitrary(), { seed, numRuns: GENERATED });
    const run: Run = { cases: 0, untyped: [], typed: new Map(), byTarget: new Map(), msByTarget: new Map() };
    const started = performance.now();
    const texts = seeds.texts;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

    for (let i = 0; i < TOTAL; i++) {
      // Every 10,000th answer is about 1 MB (alternately just under and just over the parser's limit),
      // given in turn to parseSoapText, soapNoteFromText and the free-text generation.
      const big = i % 10_000 === 9_999 || (TOTAL < 10_000 && i === TOTAL - 1);
      const bigIndex = Math.floor(i / 10_000);
      let text: string;
      if (big) text = pick(texts).repeat(Math.ceil(1_000_000 / Math.max(1, pick(texts).length))).slice(0, bigIndex % 2 === 0 ? 999_000 : 1_000_500);
      else text = i < GENERATED ? (generated[i] as string) : mutateMany(pick(texts), r);
      const dialogue = pick(seeds.dialogues);
      // Shares (of 40): parse 28 (+ 3 of 4 slot-36 turns), note from text 7, free-text generation 1,
      // sectioned 1 in 4 of slot 36, evidence 1, structured 2; generation is the costly part.
      const slot = big ? [0, 28, 35][bigIndex % 3] ?? 0 : i % 40;
      const t0 = performance.now();
      let target: string;
      let outcome: Outcome;
      if (slot < 28 || (slot === 36 && i % 160 !== 36)) {
        target = "parseSoapText";
        outcome = await call(target, () => fuzzParse(text, i));
      } else if (slot < 35) {
        target = "soapNoteFromText";
        outcome = await call(target, () => fuzzNoteFromText(text, seeds.note.provenance));
      } else if (slot === 35) {
        target = "generateSoapNote complete";
        outcome = await call(target, () => fuzzGenerate("complete", [text], dialogue));
      } else if (slot === 36) {
        target = "generateSoapNote sectioned";
        const answers = [text, mutateMany(pick(texts), r), pick(texts), text.slice(0, text.length >> 1)];
        outcome = await call(target, () => fuzzGenerate("sectioned", answers, dialogue));
      } else if (slot === 37) {
        target = "checkEvidence";
        const quotes = text.split(/[\n[\]]/).filter((q) => q.trim() !== "").slice(0, 4);
        outcome = await call(target, () => fuzzEvidence(seeds.note.provenance, quotes.length > 0 ? quotes : [text], dialogue));
      } else {
        target = "generateSoapNote structured";
        const json = pick(seeds.json);
        // Both answers bad, first bad and repair fixed, or a generated text as the JSON answer.
        const answers = i < GENERATED ? [text, mutateJson(json, r)] : r() < 0.5 ? [mutateJson(json, r), mutateJson(json, r)] : [mutateJson(json, r), json];
        outcome = await call(target, () => fuzzGenerate("structured", answers, dialogue));
      }
      run.cases++;
      run.msByTarget.set(target, (run.msByTarget.get(target) ?? 0) + performance.now() - t0);
      run.byTarget.set(target, (run.byTarget.get(target) ?? 0) + 1);
      if (outcome.kind === "typed") run.typed.set(`${target}: ${outcome.name}`, (run.typed.get(`${target}: ${outcome.name}`) ?? 0) + 1);
      if (outcome.kind === "untyped" && run.untyped.length < 1_000) run.untyped.push({ index: i, target, name: outcome.name, detail: outcome.detail });
    }
    const elapsedMs = Math.round(performance.now() - started);

    saveLog(
      "parser-fuzz",
      [
        `seed ${seed}: ${run.cases} answers (${GENERATED} generated with fast-check, ${TOTAL - GENERATED} mutated from ${seeds.texts.length} free-text and ${seeds.json.length} JSON seed answers) in ${elapsedMs} ms`,
        `per target: ${[...run.byTarget].map(([k, v]) => `${k} ${v} (${Math.round(run.msByTarget.get(k) ?? 0)} ms)`).join(", ")}`,
        `typed errors: ${[...run.typed].map(([k, v]) => `${k} ${v}`).join(", ") || "none"}`,
        `untyped: ${run.untyped.length}`,
        ...run.untyped.slice(0, 50).map((u) => `  case ${u.index} ${u.target}: ${u.name} (${u.detail})`),
      ].join("\n"),
    );
    addTally(task, { fuzzCases: run.cases, fuzzUntypedThrows: run.untyped.length });
    expect(run.cases).toBe(TOTAL);
    expect(run.untyped.slice(0, 10), "untyped throws or bad results (case, target, class)").toEqual([]);
    // No timed assertion here: its time is in the log, and the whole suite's budget is CI's to watch.
  });
});
