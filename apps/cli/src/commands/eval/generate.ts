import { setMaxListeners } from "node:events";
import { join } from "node:path";
import { AuthenticationError, PermissionDeniedError } from "@org/soap-core";
import { armOf, type EvalInput } from "@org/soap-core/eval";
import { toJson } from "@org/soap-core/export";
import { checkTextInput, forEachWithLimit, type VisitPlan } from "@org/soap-core/visit";
import { UnredactedTextError } from "@org/soap-core/errors";
import { planFor } from "../../config/plan.js";
import { createRuntime } from "../../config/runtime.js";
import type { Settings } from "../../config/settings.js";
import type { CliContext } from "../../context.js";
import { InputError, InterruptedError } from "../../errors/cli-errors.js";
import { describeError, TEXT_REFUSAL } from "../../errors/describe-error.js";
import { writeFileAtomic } from "../../io/fs-durable.js";
import { prepareOutputFolder } from "../../io/out-folder.js";
import { runVisitDurably } from "../../visit/visit-runner.js";
import type { EvalVisit } from "./dataset.js";

/** One note to write: a visit under one template spec (or the config's choice). */
interface Task {
  visit: EvalVisit & { input: NonNullable<EvalVisit["input"]> };
  plan: VisitPlan;
}

/** A visit whose note could not be written. */
export interface GenerationFailure {
  id: string;
  template: string;
  message: string;
}

/** Folder-safe form of an arm name (`soap-complete@1` stays as it is). */
export function armFolder(arm: string): string {
  return arm.replace(/[^A-Za-z0-9@._-]+/g, "_");
}

/**
 * Plans every visit under every template before anything is sent (an unknown template or a text
 * dialogue that may not go to a real gateway is exit 2, nothing sent), then writes the notes with
 * core's `runVisit`, `settings.concurrency` at a time, timing each one. Each note is saved as
 * `<outDir>/notes/<arm>/<id>.json`. A visit that fails is reported and left out; auth and
 * interrupts stop the run.
 */
export async function generateNotes(
  ctx: CliContext,
  settings: Settings,
  visits: readonly EvalVisit[],
  templates: readonly (string | undefined)[],
  outDir: string,
  log: (line: string) => void,
): Promise<{ inputs: EvalInput[]; failures: GenerationFailure[] }> {
  const tasks: Task[] = [];
  const refused: string[] = [];
  for (const template of templates) {
    for (const visit of visits) {
      if (visit.input === undefined) throw new InputError(`${visit.where}: no dialogue to write a note from (give a dialogue, src or transcript_file), or score existing notes with --predictions`);
      const plan = await planFor(settings, visit.id, template);
      if (visit.input.kind === "transcript_text") {
        try {
          checkTextInput(plan);
        } catch (err) {
          if (!(err instanceof UnredactedTextError)) throw err;
          refused.push(visit.where);
        }
      }
      tasks.push({ visit: visit as Task["visit"], plan });
    }
  }
  if (refused.length > 0) throw new InputError(`${refused[0]}${refused.length > 1 ? ` (and ${refused.length - 1} more)` : ""}: ${TEXT_REFUSAL}`);
  await prepareOutputFolder(outDir);
  const runtime = await createRuntime(settings, ctx, settings.concurrency);
  const abort = new AbortController();
  // Every in-flight request listens on this one signal (core adds a few per visit): not a leak.
  setMaxListeners(Math.max(10, settings.concurrency * 16), abort.signal);
  const off = ctx.onInterrupt(() => abort.abort(new InterruptedError("interrupted")));
  const inputs: EvalInput[] = [];
  const failures: GenerationFailure[] = [];
  let done = 0;
  try {
    await forEachWithLimit(tasks, settings.concurrency, async ({ visit, plan }) => {
      if (abort.signal.aborted) return;
      const started = performance.now();
      try {
        const { note } = await runVisitDurably(visit.input, { plan, transcripts: runtime.transcripts, gateway: runtime.gateway, signal: abort.signal });
        const wallMs = Math.round(performance.now() - started);
        const arm = armOf(note);
        const folder = join(outDir, "notes", armFolder(arm));
        await prepareOutputFolder(folder);
        await writeFileAtomic(join(folder, `${visit.id.replace(/[^A-Za-z0-9._-]+/g, "_")}.json`), toJson(note));
        inputs.push({ id: visit.id, arm, note, wallMs, ...(visit.reference !== undefined ? { reference: visit.reference } : {}) });
        done++;
        if (settings.verbosity === "verbose") log(`  ${arm} ${visit.id}: ${wallMs} ms (${done}/${tasks.length})`);
      } catch (err) {
        if (abort.signal.aborted || err instanceof AuthenticationError || err instanceof PermissionDeniedError) throw err;
        const message = describeError(err).message;
        failures.push({ id: visit.id, template: plan.template.ref, message });
        log(`  failed: ${plan.template.ref} ${visit.id}: ${message}`);
      }
    });
  } finally {
    off();
    await runtime.close();
  }
  if (abort.signal.aborted) throw new InterruptedError("interrupted: no report was written");
  // The report must not depend on which visit finished first.
  inputs.sort((a, b) => (a.arm < b.arm ? -1 : a.arm > b.arm ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { inputs, failures };
}
