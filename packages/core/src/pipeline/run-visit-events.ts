import type { PipelineEvent, VisitEvent } from "./pipeline-events.js";
import type { RunVisitOptions } from "./run-visit-options.js";
import { executeVisit, type VisitResult } from "./run-visit.js";
import type { VisitInput } from "./visit-input.js";

async function* iterate(input: VisitInput, o: RunVisitOptions): AsyncGenerator<VisitEvent, void, undefined> {
  // Closing the iterator early (break, return, throw in the loop) aborts the run.
  const closed = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, closed.signal]) : closed.signal;
  const buffer: PipelineEvent[] = [];
  let wake: (() => void) | undefined;
  let settled = false;
  let outcome: { ok: true; result: VisitResult } | { ok: false; error: unknown } | undefined;

  const push = (e: PipelineEvent): void => {
    buffer.push(e);
    wake?.();
  };
  const run = executeVisit(input, { ...o, signal }, o.onEvent ? [o.onEvent, push] : [push]).then(
    (result) => {
      outcome = { ok: true, result };
    },
    (error: unknown) => {
      outcome = { ok: false, error };
    },
  );
  void run.finally(() => {
    settled = true;
    wake?.();
  });

  try {
    for (;;) {
      const next = buffer.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (settled) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
    if (outcome === undefined) throw new Error("unreachable: the visit settled without an outcome");
    if (!outcome.ok) throw outcome.error;
    const { note, transcript } = outcome.result;
    yield transcript !== undefined ? { stage: "result", note, transcript } : { stage: "result", note };
  } finally {
    if (!settled) {
      closed.abort(new Error("the visit's event iterator was closed"));
      await run;
    }
  }
}

/**
 * {@link runVisit} as an async iterator: every {@link PipelineEvent} in order, then one
 * `{ stage: "result", note, transcript? }`. A failed visit throws from the loop after the events it
 * produced. Nothing runs until iteration starts; leaving the loop early aborts the run (AbortError
 * inside; the loop simply ends). `onEvent`, when given, is still called.
 *
 * @example
 * ```ts
 * for await (const e of runVisitEvents({ kind: "transcript_id", transcriptId }, options)) {
 *   if (e.stage === "result") save(e.note);
 *   else console.error(`${e.stage} ${e.phase} ${e.elapsedMs} ms`);
 * }
 * ```
 */
export function runVisitEvents(input: VisitInput, o: RunVisitOptions): AsyncIterable<VisitEvent> {
  return { [Symbol.asyncIterator]: () => iterate(input, o) };
}
