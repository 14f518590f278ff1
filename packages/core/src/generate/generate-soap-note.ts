import { templateHash, templateRef, type RenderedRequest, type SoapTemplate } from "@org/soap-prompts";
import { checkEvidence, type CheckEvidenceOptions } from "../evidence/check-evidence.js";
import { createSoapNote } from "../note/build-note.js";
import { transcriptHash } from "../note/transcript-hash.js";
import { SECTION_TITLES } from "../note/note-constants.js";
import { type NoteWarning, type Provenance, type SoapNote } from "../note/soap-note.js";
import { noteRoles } from "./note-roles.js";
import type { ChatGateway } from "./gateway-call.js";
import { SectionGenerationError } from "./generation-errors.js";
import { runComplete, runSectioned, runStructured } from "./generation-runs.js";
import { isDialogue, resolvedMode, rolesFor, templateInput, type NoteTranscript, type TranscriptMode } from "./note-transcript.js";

/** Options of {@link generateSoapNote}. */
export interface GenerateSoapNoteOptions {
  /** A `GatewayClient`, or anything with its `chat` method. */
  gateway: ChatGateway;
  /** Resolved by `@org/soap-prompts` (`getTemplate` / `selectTemplate`). */
  template: SoapTemplate;
  /** @default computed with `templateHash(template)` */
  templateHash?: string;
  transcript: NoteTranscript;
  model: string;
  experiment?: string;
  variant?: string;
  /**
   * How the gateway gets the transcript (a parsed dialogue is always sent inline).
   * @default "transcript_id" for AssemblyAI transcripts, "inline" for parsed dialogues
   */
  transcriptMode?: TranscriptMode;
  /**
   * Roles per speaker label, e.g. `{ A: "clinician", B: "patient" }`. Without them (and without a
   * dialogue whose labels name roles), a template that can (`soap-complete@1.1`, `soap-sectioned@1.1`,
   * `soap-structured@3`, inline transcript) asks the model to name the roles in the same request.
   */
  speakerRoles?: Record<string, string>;
  /**
   * Gateway requests already made for this note (e.g. one `/v1/understanding` role identification),
   * added to `provenance.requests` so the note's request count is its whole cost. @default 0
   */
  priorRequests?: number;
  /** Recorded in the note's provenance as given (the visit layer's plan fills them). */
  record?: Pick<Provenance, "redaction" | "environment">;
  /** Maximum section requests in flight (`sectioned` mode): all four at once by default, so a
   * sectioned note takes about one gateway call's time. @default 4 */
  concurrency?: number;
  /** Return the partial note (with `section_failed` warnings) instead of throwing SectionGenerationError. @default false */
  allowPartial?: boolean;
  /** @default "split" */
  assessmentAndPlan?: "split" | "both";
  /** Passed to `checkEvidence` (threshold, required evidence). */
  evidence?: Omit<CheckEvidenceOptions, "speakerRoles">;
  signal?: AbortSignal;
  /** @default () => new Date() */
  now?: () => Date;
  /** Monotonic milliseconds, for `latency_ms`. @default () => performance.now() */
  clock?: () => number;
}

/**
 * Generates a SOAP note from a transcript with a template: `complete` sends one request and parses
 * the answer; `sectioned` sends the four section requests in parallel (at most `concurrency` at a
 * time), keeps the sections that came back and throws {@link SectionGenerationError} naming the
 * missing ones (or flags them with `allowPartial`); `structured` validates the JSON answer against
 * `structuredAnswerSchema` with one repair retry. The note's quotes are then checked against the
 * transcript (`checkEvidence`) and its provenance records template, model, usage and latency.
 *
 * Speaker roles: given ones win; else, when the request asked the model to name the clinician and the
 * patient (inline transcript, no roles given), its answer is checked against the transcript's own
 * labels and applied to the evidence (`role`). An answer without usable roles, or a `transcript_id`
 * request (the model sees no speaker labels there), leaves the quotes with speaker labels and adds a
 * `roles_unavailable` warning; it never fails the note.
 *
 * @example
 * ```ts
 * const template = getTemplate("soap-sectioned@1");
 * const note = await generateSoapNote({ gateway: new GatewayClient({ apiKey }), template, transcript, model: "claude-sonnet-4-5-20250929" });
 * ```
 */
export async function generateSoapNote(o: GenerateSoapNoteOptions): Promise<SoapNote> {
  const clock = o.clock ?? (() => globalThis.performance.now());
  const started = clock();
  const createdAt = (o.now ?? (() => new Date()))().toISOString();
  const given = rolesFor(o.transcript, o.speakerRoles);
  const transcriptMode = resolvedMode(o.transcript, o.transcriptMode);
  const input = templateInput(o.transcript, transcriptMode, given);
  const requests = o.template.render(input);
  const hash = o.templateHash ?? (await templateHash(o.template));

  const outcome =
    o.template.mode === "sectioned"
      ? await runSectioned(o, requests)
      : o.template.mode === "structured"
        ? await runStructured(o, requests[0] as RenderedRequest)
        : await runComplete(o, requests[0] as RenderedRequest);

  const { roles, warnings: roleWarnings } = noteRoles({
    transcript: o.transcript,
    transcriptMode,
    given,
    asked: requests.some((r) => r.asksSpeakerRoles === true),
    claim: outcome.rolesClaim,
  });
  const warnings: NoteWarning[] = [
    ...outcome.warnings,
    ...roleWarnings,
    ...outcome.failed.map(
      (f): NoteWarning => ({ code: "section_failed", section: f.section, message: `the ${SECTION_TITLES[f.section]} request failed` }),
    ),
  ];
  const failedSections = new Set(outcome.failed.map((f) => f.section));
  const provenance: Provenance = {
    template: { ref: templateRef(o.template), hash },
    mode: o.template.mode,
    ...(o.experiment !== undefined ? { experiment: o.experiment } : {}),
    ...(o.variant !== undefined ? { variant: o.variant } : {}),
    model: o.model,
    ...(!isDialogue(o.transcript) ? { transcript_id: o.transcript.id } : {}),
    transcript_hash: await transcriptHash(o.transcript),
    transcript_source: isDialogue(o.transcript) ? "text" : "assemblyai",
    transcript_mode: transcriptMode,
    ...(o.record?.redaction !== undefined ? { redaction: o.record.redaction } : {}),
    ...(o.record?.environment !== undefined ? { environment: o.record.environment } : {}),
    created_at: createdAt,
    usage: outcome.usage,
    latency_ms: Math.max(0, Math.round(clock() - started)),
    requests: outcome.requests + (o.priorRequests ?? 0),
  };
  const draft = createSoapNote({ ...outcome.drafts, provenance, warnings });
  // A failed section is reported once, as section_failed, not also as missing.
  draft.warnings = draft.warnings.filter((w) => !(w.code === "missing_section" && w.section && failedSections.has(w.section)));
  const note = checkEvidence(draft, o.transcript, { ...o.evidence, ...(roles ? { speakerRoles: roles } : {}) });
  if (outcome.failed.length > 0 && !o.allowPartial) {
    throw new SectionGenerationError(
      outcome.failed.map((f) => f.section),
      note,
      outcome.failed.map((f) => f.reason),
    );
  }
  return note;
}
