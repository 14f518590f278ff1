import { bootstrapMean, bootstrapMeanDifference, BOOTSTRAP_DEFAULTS, type BootstrapOptions, type Difference, type MeanWithInterval } from "./bootstrap.js";
import { METRICS, metricInfo } from "./metrics.js";
import { scoreNote, type EvalInput, type NoteResult, type ScoreOptions } from "./score-note.js";
import { MIN_PAIRS, verdict, type Verdict } from "./verdict.js";

/** Options of {@link evaluateNotes}. */
export interface EvaluateOptions extends ScoreOptions, BootstrapOptions {
  /** The arm the others are compared with. @default the first arm in input order */
  baseline?: string;
  /** What the report is about (a dataset name and its attribution, say); copied into the report. */
  title?: string;
  /** Attribution of the dataset the references come from (kept with anything derived from it). */
  attribution?: string;
}

/** One arm's aggregate: the mean of per-note values of each metric with its bootstrap interval. */
export interface ArmSummary {
  arm: string;
  notes: number;
  /** Models that wrote the arm's notes. */
  models: string[];
  /** Per metric key: mean and interval over the notes where it applies, or `null` where it applies to none. */
  metrics: Record<string, MeanWithInterval | null>;
}

/** Differences of one arm against the baseline, with verdicts. */
export interface ArmComparison {
  arm: string;
  baseline: string;
  /**
   * Per metric key: arm − baseline with its interval. Paired (per-visit differences) when the arms
   * share at least `MIN_PAIRS` visits with a value, else unpaired (difference of the arms' means).
   */
  differences: Record<string, Difference | null>;
  verdicts: Record<string, Verdict>;
  /** The verdict on the primary metric, in one sentence. */
  headline: Verdict;
}

/** An evaluation or experiment report (the JSON written next to the Markdown and HTML). */
export interface EvalReport {
  v: 1;
  title: string;
  attribution?: string;
  /** The metric verdicts lead with: ROUGE-L with references, else the verified-evidence share. */
  primary_metric: string;
  settings: { seed: number; resamples: number; confidence: number; stemmed: boolean; currency: string | null; baseline: string | null };
  arms: ArmSummary[];
  comparisons: ArmComparison[];
  notes: NoteResult[];
}

function valuesOf(notes: readonly NoteResult[], key: string): number[] {
  const out: number[] = [];
  for (const n of notes) {
    const v = n.metrics[key];
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}

function pairedDiffs(arm: readonly NoteResult[], base: readonly NoteResult[], key: string): number[] {
  const baseById = new Map(base.map((n) => [n.id, n.metrics[key]]));
  const out: number[] = [];
  for (const n of arm) {
    const a = n.metrics[key];
    const b = baseById.get(n.id);
    if (a !== null && a !== undefined && b !== null && b !== undefined) out.push(a - b);
  }
  return out;
}

/**
 * arm − baseline on one metric: paired over shared visits when there are enough of them, else the
 * difference of the two arms' means (an A/B split by visit shares none).
 */
function difference(arm: readonly NoteResult[], base: readonly NoteResult[], key: string, boot: BootstrapOptions): Difference | null {
  const pairs = pairedDiffs(arm, base, key);
  if (pairs.length >= MIN_PAIRS) {
    const paired = bootstrapMean(pairs, boot, `paired\u0000${key}`);
    return paired && { ...paired, method: "paired" };
  }
  const a = valuesOf(arm, key);
  const b = valuesOf(base, key);
  if (Math.min(a.length, b.length) >= MIN_PAIRS) {
    const unpaired = bootstrapMeanDifference(a, b, boot, `unpaired\u0000${key}`);
    return unpaired && { ...unpaired, method: "unpaired" };
  }
  // Too few either way: keep what there is (the verdict says it is too small to decide).
  const few = pairs.length > 0 ? bootstrapMean(pairs, boot, `paired\u0000${key}`) : bootstrapMeanDifference(a, b, boot, `unpaired\u0000${key}`);
  return few && { ...few, method: pairs.length > 0 ? "paired" : "unpaired" };
}

/**
 * Builds a report from scored notes: groups them by arm, averages each metric (mean of per-note
 * values, as `rouge-score` aggregates) with seeded bootstrap intervals, and compares every arm with
 * the baseline by paired differences over the visits both arms have (or, when they share too few,
 * by the difference of their means), each with a plain-language verdict. Notes of one arm must have distinct ids.
 * @throws {RangeError} for a baseline that is not an arm, or a visit id twice in one arm.
 */
export function buildReport(results: readonly NoteResult[], options: EvaluateOptions = {}): EvalReport {
  const boot = { seed: options.seed ?? BOOTSTRAP_DEFAULTS.seed, resamples: options.resamples ?? BOOTSTRAP_DEFAULTS.resamples, confidence: options.confidence ?? BOOTSTRAP_DEFAULTS.confidence };
  const byArm = new Map<string, NoteResult[]>();
  for (const r of results) {
    const list = byArm.get(r.arm) ?? [];
    if (list.some((x) => x.id === r.id)) throw new RangeError(`visit "${r.id}" appears twice in arm "${r.arm}"; each arm may score a visit once`);
    list.push(r);
    byArm.set(r.arm, list);
  }
  const armNames = [...byArm.keys()];
  const baseline = options.baseline ?? armNames[0] ?? null;
  if (baseline !== null && !byArm.has(baseline)) throw new RangeError(`baseline "${baseline}" is not an arm of this report (arms: ${armNames.join(", ")})`);
  const hasReferences = results.some((r) => r.metrics["rougeL"] !== null && r.metrics["rougeL"] !== undefined);
  const primary = hasReferences ? "rougeL" : "verified_share";
  const arms: ArmSummary[] = armNames.map((arm) => {
    const notes = byArm.get(arm) as NoteResult[];
    const metrics: Record<string, MeanWithInterval | null> = {};
    for (const m of METRICS) metrics[m.key] = bootstrapMean(valuesOf(notes, m.key), boot, m.key);
    return { arm, notes: notes.length, models: [...new Set(notes.flatMap((n) => (n.model !== undefined ? [n.model] : [])))], metrics };
  });
  const comparisons: ArmComparison[] = [];
  if (baseline !== null) {
    const base = byArm.get(baseline) as NoteResult[];
    for (const arm of armNames) {
      if (arm === baseline) continue;
      const notes = byArm.get(arm) as NoteResult[];
      const differences: Record<string, Difference | null> = {};
      const verdicts: Record<string, Verdict> = {};
      for (const m of METRICS) {
        differences[m.key] = difference(notes, base, m.key, boot);
        verdicts[m.key] = verdict(differences[m.key] ?? null, m, arm, baseline, boot.confidence);
      }
      comparisons.push({ arm, baseline, differences, verdicts, headline: verdicts[primary] ?? verdict(null, metricInfo(primary), arm, baseline, boot.confidence) });
    }
  }
  return {
    v: 1,
    title: options.title ?? "Note evaluation",
    ...(options.attribution !== undefined ? { attribution: options.attribution } : {}),
    primary_metric: primary,
    settings: { ...boot, stemmed: options.stemmer !== undefined, currency: options.prices?.currency ?? null, baseline },
    arms,
    comparisons,
    notes: [...results],
  };
}

/**
 * Scores every note ({@link scoreNote}) and builds the report ({@link buildReport}): the one call
 * behind `soap-notes eval` and `soap-notes experiment report`.
 *
 * @example
 * ```ts
 * import { evaluateNotes, porterStem } from "@org/soap-core/eval";
 * const report = evaluateNotes(notes.map((note) => ({ id: note.provenance.visit_id!, arm: note.provenance.template.ref, note, reference: refs[id] })), { seed: 1 });
 * report.comparisons[0]?.headline.text;
 * ```
 */
export function evaluateNotes(inputs: readonly EvalInput[], options: EvaluateOptions = {}): EvalReport {
  return buildReport(
    inputs.map((i) => scoreNote(i, options)),
    options,
  );
}
