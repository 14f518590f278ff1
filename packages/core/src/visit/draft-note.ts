import { getTemplate, templateHash } from "@org/soap-prompts";
import type { Transcript } from "../clients/transcripts/transcript-schemas.js";
import { speakerLabels } from "../generate/answer-roles.js";
import { generateSoapNote } from "../generate/generate-soap-note.js";
import { isDialogue, type NoteTranscript, type TranscriptMode } from "../generate/note-transcript.js";
import type { NoteWarning, RedactionRecord, SoapNote } from "../note/soap-note.js";
import { throwIfAborted, untilAborted } from "./abort.js";
import { PlanMismatchError } from "./plan-errors.js";
import type { VisitPlan } from "./plan.js";
import type { Progress } from "./progress.js";
import { redactionRecord } from "./redaction.js";
import { identifyRoles } from "./speaker-roles.js";
import { prepareDialogue } from "./text-redaction.js";
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

/** What redaction an AssemblyAI transcript went through: AssemblyAI says so on the transcript, else the plan. */
function redactionOf(t: Transcript, plan: VisitPlan): RedactionRecord {
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
  // A dialogue never went through AssemblyAI's redaction: it leaves as its plan says (scrubbed
  // locally, as it is, or not at all: UnredactedTextError before anything is sent).
  const prepared = isDialogue(transcript) ? prepareDialogue(transcript, plan) : undefined;
  const source: NoteTranscript = prepared?.dialogue ?? transcript;
  const redaction = prepared?.redaction ?? redactionOf(transcript as Transcript, plan);
  const template = await planTemplate(plan.template.ref, plan.template.hash);
  const warnings: NoteWarning[] = [];
  let speakerRoles: Record<string, string> | undefined;
  if (plan.identifyRoles && !isDialogue(transcript)) {
    const outcome = await progress.stage(
      "roles",
      () => identifyRoles(o.gateway, transcript.id, signal, speakerLabels(transcript)),
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
          transcript: source,
          model: plan.model,
          transcriptMode,
          experiment: plan.experiment,
          variant: plan.variant,
          speakerRoles,
          // The /v1/understanding request is part of what the note cost.
          ...(plan.identifyRoles && !isDialogue(transcript) ? { priorRequests: 1 } : {}),
          record: { redaction, environment: plan.environment },
          signal,
          now: () => new Date(clock()),
          clock,
        }),
        signal,
        "while generating the note",
      ),
    (n) => ({ mode: transcriptMode, requests: n.provenance.requests, totalTokens: n.provenance.usage.total_tokens }),
  );
  // The visit id goes in the note here, in core, so both apps' notes carry it the same way.
  const note = plan.visitId !== undefined ? { ...generated, provenance: { ...generated.provenance, visit_id: plan.visitId } } : generated;
  return warnings.length > 0 ? { ...note, warnings: [...note.warnings, ...warnings] } : note;
}
