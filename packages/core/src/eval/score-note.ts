import { SOAP_SECTIONS, type SoapNote } from "../note/soap-note.js";
import { noteFaithfulness, textFaithfulness } from "./faithfulness.js";
import { sectionMetricKey, type MetricValues } from "./metrics.js";
import { costOf, type PriceTable } from "./prices.js";
import { ROUGE_TYPES, rougeScores } from "./rouge.js";
import { noteSections, textSections } from "./sections.js";
import type { Stemmer } from "./tokenize.js";

/**
 * One note to evaluate: ours (`note`, the note JSON) or another system's (`text`), the arm it
 * belongs to, and its reference note when there is one.
 */
export interface EvalInput {
  /** The visit's id (pairs notes of different arms). */
  id: string;
  /** The arm: a template `id@version`, an experiment variant, or a system's name. */
  arm: string;
  /** The reference note (e.g. ACI-BENCH's `tgt`); without it ROUGE is not computed. */
  reference?: string;
  /** A note our engine wrote. */
  note?: SoapNote;
  /** A note given as text, when there is no note JSON. */
  text?: string;
  /** Wall time the caller measured for this note; defaults to the note's `provenance.latency_ms`. */
  wallMs?: number;
}

/** Options of {@link scoreNote}. */
export interface ScoreOptions {
  /** Stem tokens (see `RougeOptions.stemmer`). */
  stemmer?: Stemmer;
  /** Prices for the `cost` metric; without them it is `null`. */
  prices?: PriceTable;
}

/** The metrics of one note. */
export interface NoteResult {
  id: string;
  arm: string;
  /** The model that wrote the note, when known. */
  model?: string;
  /** Value per metric key of `METRICS`; `null` where a metric does not apply. */
  metrics: MetricValues;
}

/**
 * Scores one note: ROUGE F1 whole and per section against its reference (a section the reference
 * does not have is `null`, not 0, so notes are not punished for what the reference left out), the
 * faithfulness of {@link noteFaithfulness} / {@link textFaithfulness}, and the note's token usage,
 * requests, wall time and cost.
 *
 * @example
 * ```ts
 * scoreNote({ id: "D2N068", arm: "soap-complete@1", reference, note }, { prices }).metrics.rougeL;
 * ```
 */
export function scoreNote(input: EvalInput, options: ScoreOptions = {}): NoteResult {
  const texts = input.note !== undefined ? noteSections(input.note) : textSections(input.text ?? "");
  const metrics: MetricValues = {};
  const reference = input.reference !== undefined ? textSections(input.reference) : undefined;
  const rouge = { stemmer: options.stemmer };
  const whole = reference !== undefined ? rougeScores(reference.whole, texts.whole, rouge) : undefined;
  for (const t of ROUGE_TYPES) metrics[t] = whole !== undefined ? whole[t].f1 : null;
  for (const s of SOAP_SECTIONS) {
    const ref = reference?.sections[s];
    const scores = ref !== undefined && ref.trim() !== "" ? rougeScores(ref, texts.sections[s], rouge) : undefined;
    for (const t of ROUGE_TYPES) metrics[sectionMetricKey(s, t)] = scores !== undefined ? scores[t].f1 : null;
  }
  const faith = input.note !== undefined ? noteFaithfulness(input.note) : textFaithfulness(texts.sections);
  Object.assign(metrics, faith);
  const p = input.note?.provenance;
  metrics["input_tokens"] = p?.usage.input_tokens ?? null;
  metrics["output_tokens"] = p?.usage.output_tokens ?? null;
  metrics["requests"] = p?.requests ?? null;
  metrics["wall_ms"] = input.wallMs ?? p?.latency_ms ?? null;
  metrics["cost"] = p !== undefined ? costOf(options.prices, p.model, { input_tokens: p.usage.input_tokens, output_tokens: p.usage.output_tokens, requests: p.requests }) : null;
  return { id: input.id, arm: input.arm, ...(p?.model !== undefined ? { model: p.model } : {}), metrics };
}
