import type { SoapNote } from "../note/soap-note.js";
import { evaluateNotes, type EvalReport, type EvaluateOptions } from "./report.js";
import type { EvalInput } from "./score-note.js";

/** A note of an experiment, with the id of its visit. */
export interface ExperimentNote {
  /** The visit id; defaults to the note's `provenance.visit_id`. */
  id?: string;
  note: SoapNote;
}

/** Options of {@link experimentReport}. */
export interface ExperimentReportOptions extends EvaluateOptions {
  /** Reference notes by visit id; with them the report adds ROUGE whole and per section. */
  references?: Readonly<Record<string, string>>;
}

/**
 * The arm a note belongs to: its template `id@version` (what an experiment's variant assigned),
 * prefixed by the variant's name when the note records one (`b: soap-sectioned@1`).
 */
export function armOf(note: SoapNote): string {
  const ref = note.provenance.template.ref;
  return note.provenance.variant !== undefined ? `${note.provenance.variant}: ${ref}` : ref;
}

/**
 * The report of an A/B experiment over templates: a batch's notes grouped by arm ({@link armOf}),
 * with evidence-based metrics always, reference-based ones where `references` has the visit, cost
 * and speed, and paired differences between arms with bootstrap intervals and a verdict.
 * @throws {RangeError} for a note without a visit id, or a visit twice in one arm.
 *
 * @example
 * ```ts
 * const report = experimentReport(notes.map((note) => ({ note })), { references, prices, seed: 7 });
 * console.log(report.comparisons.map((c) => c.headline.text).join("\n"));
 * ```
 */
export function experimentReport(notes: readonly ExperimentNote[], options: ExperimentReportOptions = {}): EvalReport {
  const inputs: EvalInput[] = notes.map(({ id, note }, i) => {
    const visit = id ?? note.provenance.visit_id;
    if (visit === undefined) throw new RangeError(`note ${i + 1} has no visit id (provenance.visit_id); pass its id`);
    const reference = options.references?.[visit];
    return { id: visit, arm: armOf(note), note, ...(reference !== undefined ? { reference } : {}) };
  });
  // Arms in name order, visits in id order: the same folder always gives the same report and baseline.
  inputs.sort((a, b) => (a.arm < b.arm ? -1 : a.arm > b.arm ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return evaluateNotes(inputs, { title: "Experiment report", ...options });
}
