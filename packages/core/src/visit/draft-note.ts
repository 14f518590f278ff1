import { getTemplate, templateHash } from "@org/soap-prompts";
import { generateSoapNote } from "../generate/generate-soap-note.js";
import { isDialogue, type NoteTranscript, type TranscriptMode } from "../generate/note-transcript.js";
import type { NoteWarning, RedactionRecord, SoapNote } from "../note/soap-note.js";
import { throwIfAborted, untilAborted } from "./abort.js";
import { PlanMismatchError } from "./plan-errors.js";
import type { VisitPlan } from "./plan.js";
import type { Progress } from "./progress.js";
import { redactionRecord } from "./redaction.js";
import { identifyRoles } from "./speaker-roles.js";
import type { DraftNoteOptions } from "./visit-ports.js";

/**
 * The transcript mode a plan resolves to for a transcript: a dialogue is always inline; `auto` is
 * inline when there are utterances, because the gateway's `{{ transcript }}` substitution sends the
 * plain `text`, without speaker labels.
 */
export function resolveTranscriptMode(t: NoteTranscript, planned: VisitPlan["transcriptMode"]): TranscriptMode {
  if (isDialogue(t)) return "inline";
  if (planned !== "auto") return planned;
  return (t.utterances?.length ?? 0) > 0 ? "inline" : "transcript_id";
}

/**
 * The template a plan names, checked against the plan's hash: a template whose content changed under
 * the same ref would make a different note than the one planned (or recorded).
 * @throws {PlanMismatchError} when the ref is unknown or its content hash differs.
 */
export async function planTemplate(ref: string, hash: string) {
  let template;
  try {
    template = getTemplate(ref);
  } catch (err) {
    throw new PlanMismatchError(`The planned template ${ref} is not in this version of @org/soap-prompts.`, { cause: err });
  }
  const actual = await templateHash(template);
  if (actual !== hash) {
    throw new PlanMismatchError(`Template ${ref} changed since the visit was planned (hash ${actual} ≠ ${hash}); plan the visit again.`);
  }
  return template;
}

/** What redaction the transcript itself went through: AssemblyAI says so on the transcript; a dialogue got none. */
function redactionOf(t: NoteTranscript, plan: VisitPlan): RedactionRecord {
  // A dialogue never went through AssemblyAI's transcription: its plan's policies did not apply to it.
  if (isDialogue(t)) return { applied: false };
  if (t.redact_pii === true) {
    const record: RedactionRecord = { applied: true, policies: [...(t.redact_pii_policies ?? [])] };
    if (t.redact_pii_sub === "hash" || t.redact_pii_sub === "entity_name") record.substitution = t.redact_pii_sub;
    return record;
  }
  if (t.redact_pii === false) return { applied: false };
  return redactionRecord(plan.transcription);
}

/** The note-writing step with a shared {@link Progress}. */
export async function draftNoteWith(transcript: NoteTranscript, o: DraftNoteOptions, progress: Progress): Promise<SoapNote> {
  const { plan, signal } = o;
  const clock = o.clock ?? Date.now;
  const template = await planTemplate(plan.template.ref, plan.template.hash);
  const warnings: NoteWarning[] = [];
  let speakerRoles: Record<string, string> | undefined;
  if (plan.identifyRoles && !isDialogue(transcript)) {
    const outcome = await progress.stage(
      "roles",
      () => identifyRoles(o.gateway, transcript.id, signal),
      (r) => ({ speakers: Object.keys(r.roles ?? {}).length, identified: r.roles !== undefined }),
    );
    speakerRoles = outcome.roles;
    if (outcome.warning) warnings.push(outcome.warning);
  }
  const transcriptMode = resolveTranscriptMode(transcript, plan.transcriptMode);
  throwIfAborted(signal, "before the note was generated");
  const generated = await progress.stage(
    "generate",
    () =>
      untilAborted(
        generateSoapNote({
          ...o.generate,
          gateway: o.gateway,
          template,
          templateHash: plan.template.hash,
          transcript,
          model: plan.model,
          transcriptMode,
          experiment: plan.experiment,
          variant: plan.variant,
          speakerRoles,
          record: { redaction: redactionOf(transcript, plan), environment: plan.environment },
          signal,
          now: () => new Date(clock()),
          clock,
        }),
        signal,
        "while generating the note",
      ),
    (n) => ({ mode: transcriptMode, requests: n.provenance.requests, totalTokens: n.provenance.usage.total_tokens }),
  );
  return warnings.length > 0 ? { ...generated, warnings: [...generated.warnings, ...warnings] } : generated;
}
