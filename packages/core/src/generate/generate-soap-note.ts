import { structuredAnswerSchema, structuredSectionSchema, templateHash, templateRef, type RenderedRequest, type SoapTemplate, type StructuredAnswer } from "@org/soap-prompts";
import { checkEvidence, type CheckEvidenceOptions } from "../evidence/check-evidence.js";
import { createSoapNote, type CreateSoapNoteInput, type DraftSection } from "../note/build-note.js";
import { transcriptHash } from "../note/transcript-hash.js";
import { SECTION_TITLES, SOAP_SECTIONS, type NoteWarning, type Provenance, type SoapNote, type SoapSectionName, type Usage } from "../note/soap-note.js";
import { askStructured, draftFromSectionAnswer, draftFromStructured, draftsFromComplete } from "./answer-drafts.js";
import { addUsage, ask, chatRequest, ZERO_USAGE, type ChatGateway } from "./gateway-call.js";
import { SectionGenerationError } from "./generation-errors.js";
import { mapSettledWithLimit } from "../internal/map-limit.js";
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
  /** Roles per speaker label, e.g. `{ A: "clinician", B: "patient" }`. */
  speakerRoles?: Record<string, string>;
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

/** What one generation produced before it becomes a note. */
interface Outcome {
  drafts: Pick<CreateSoapNoteInput, "sections" | "unassigned">;
  warnings: NoteWarning[];
  usage: Usage;
  requests: number;
  failed: { section: SoapSectionName; reason: unknown }[];
}

async function runComplete(o: GenerateSoapNoteOptions, rendered: RenderedRequest): Promise<Outcome> {
  const answer = await ask(o.gateway, chatRequest(rendered, o.model), o.signal);
  const { warnings, ...drafts } = draftsFromComplete(answer.content, { assessmentAndPlan: o.assessmentAndPlan ?? "split" });
  return { drafts, warnings, usage: answer.usage, requests: 1, failed: [] };
}

async function runStructured(o: GenerateSoapNoteOptions, rendered: RenderedRequest): Promise<Outcome> {
  const r = await askStructured<StructuredAnswer>(o.gateway, rendered, o.model, structuredAnswerSchema, o.signal);
  const sections: Partial<Record<SoapSectionName, DraftSection>> = {};
  for (const s of SOAP_SECTIONS) sections[s] = draftFromStructured(r.value[s]);
  const warnings: NoteWarning[] = r.repaired
    ? [{ code: "repair_retry", message: "the first structured answer did not fit the schema; a repair retry fixed it" }]
    : [];
  return { drafts: { sections }, warnings, usage: r.usage, requests: r.requests, failed: [] };
}

async function runSectioned(o: GenerateSoapNoteOptions, requests: RenderedRequest[]): Promise<Outcome> {
  const settled = await mapSettledWithLimit(requests, o.concurrency ?? 4, async (rendered, i) => {
    const section = rendered.section ?? SOAP_SECTIONS[i] ?? "plan";
    if (rendered.response_format) {
      const r = await askStructured(o.gateway, rendered, o.model, structuredSectionSchema, o.signal);
      return { section, draft: draftFromStructured(r.value), unassigned: [], usage: r.usage, requests: r.requests };
    }
    const answer = await ask(o.gateway, chatRequest(rendered, o.model), o.signal);
    const { draft, unassigned } = draftFromSectionAnswer(answer.content, section, { assessmentAndPlan: o.assessmentAndPlan ?? "split" });
    return { section, draft, unassigned, usage: answer.usage, requests: 1 };
  });
  const outcome: Outcome = { drafts: { sections: {}, unassigned: [] }, warnings: [], usage: ZERO_USAGE, requests: 0, failed: [] };
  settled.forEach((r, i) => {
    const section = requests[i]?.section ?? SOAP_SECTIONS[i] ?? "plan";
    if (r.status === "rejected") {
      outcome.failed.push({ section, reason: r.reason });
      outcome.requests += 1;
      return;
    }
    outcome.drafts.sections[section] = r.value.draft;
    outcome.drafts.unassigned?.push(...r.value.unassigned);
    outcome.usage = addUsage(outcome.usage, r.value.usage);
    outcome.requests += r.value.requests;
  });
  return outcome;
}

/**
 * Generates a SOAP note from a transcript with a template: `complete` sends one request and parses
 * the answer; `sectioned` sends the four section requests in parallel (at most `concurrency` at a
 * time), keeps the sections that came back and throws {@link SectionGenerationError} naming the
 * missing ones (or flags them with `allowPartial`); `structured` validates the JSON answer against
 * `structuredAnswerSchema` with one repair retry. The note's quotes are then checked against the
 * transcript (`checkEvidence`) and its provenance records template, model, usage and latency.
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
  const roles = rolesFor(o.transcript, o.speakerRoles);
  const transcriptMode = resolvedMode(o.transcript, o.transcriptMode);
  const input = templateInput(o.transcript, transcriptMode, roles);
  const requests = o.template.render(input);
  const hash = o.templateHash ?? (await templateHash(o.template));

  const outcome =
    o.template.mode === "sectioned"
      ? await runSectioned(o, requests)
      : o.template.mode === "structured"
        ? await runStructured(o, requests[0] as RenderedRequest)
        : await runComplete(o, requests[0] as RenderedRequest);

  const warnings: NoteWarning[] = [
    ...outcome.warnings,
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
    requests: outcome.requests,
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
