import { structuredAnswerSchema, structuredSectionSchema, type RenderedRequest } from "@org/soap-prompts";
import * as z from "zod/mini";
import type { CreateSoapNoteInput, DraftSection } from "../note/build-note.js";
import { SOAP_SECTIONS } from "../note/note-constants.js";
import { type NoteWarning, type SoapSectionName, type Usage } from "../note/soap-note.js";
import { extractRolesLine, rolesClaimFromValue, type RolesClaim } from "../parse/roles-line.js";
import { mapSettledWithLimit } from "../internal/map-limit.js";
import { askStructured, draftFromSectionAnswer, draftFromStructured, draftsFromComplete } from "./answer-drafts.js";
import { addUsage, ask, chatRequest, ZERO_USAGE, type ChatGateway } from "./gateway-call.js";

/** What the runners need of `GenerateSoapNoteOptions`. */
export interface RunOptions {
  gateway: ChatGateway;
  model: string;
  concurrency?: number;
  assessmentAndPlan?: "split" | "both";
  signal?: AbortSignal;
}

/** What one generation produced before it becomes a note. */
export interface Outcome {
  drafts: Pick<CreateSoapNoteInput, "sections" | "unassigned">;
  warnings: NoteWarning[];
  usage: Usage;
  requests: number;
  failed: { section: SoapSectionName; reason: unknown }[];
  /** What the answer said about speaker roles; absent when no answered request asked. */
  rolesClaim?: RolesClaim;
}

// A request that asked for roles gets an optional, unchecked `speaker_roles` field: the roles are
// checked on their own afterwards, so a bad roles field costs the roles, never the note (no repair).
// (Spread shapes rather than z.extend: the same closed object, without bundling zod's extend helper.)
const answerWithRoles = z.strictObject({ ...structuredAnswerSchema.shape, speaker_roles: z.optional(z.unknown()) });
const sectionWithRoles = z.strictObject({ ...structuredSectionSchema.shape, speaker_roles: z.optional(z.unknown()) });

/** `complete`: one request, a markdown answer (its roles line taken out first when asked). */
export async function runComplete(o: RunOptions, rendered: RenderedRequest): Promise<Outcome> {
  const answer = await ask(o.gateway, chatRequest(rendered, o.model), o.signal);
  const { content, claim } = rendered.asksSpeakerRoles ? extractRolesLine(answer.content) : { content: answer.content, claim: undefined };
  const { warnings, ...drafts } = draftsFromComplete(content, { assessmentAndPlan: o.assessmentAndPlan ?? "split" });
  return { drafts, warnings, usage: answer.usage, requests: 1, failed: [], ...(claim ? { rolesClaim: claim } : {}) };
}

/** `structured`: one JSON request, validated with one repair retry. */
export async function runStructured(o: RunOptions, rendered: RenderedRequest): Promise<Outcome> {
  const r = await askStructured(o.gateway, rendered, o.model, rendered.asksSpeakerRoles ? answerWithRoles : structuredAnswerSchema, o.signal);
  const sections: Partial<Record<SoapSectionName, DraftSection>> = {};
  for (const s of SOAP_SECTIONS) sections[s] = draftFromStructured(r.value[s]);
  const warnings: NoteWarning[] = r.repaired
    ? [{ code: "repair_retry", message: "the first structured answer did not fit the schema; a repair retry fixed it" }]
    : [];
  const claim = rendered.asksSpeakerRoles ? rolesClaimFromValue((r.value as { speaker_roles?: unknown }).speaker_roles) : undefined;
  return { drafts: { sections }, warnings, usage: r.usage, requests: r.requests, failed: [], ...(claim ? { rolesClaim: claim } : {}) };
}

/** One section request of any mode; its roles claim when it asked. */
export async function runSection(o: RunOptions, rendered: RenderedRequest, section: SoapSectionName) {
  if (rendered.response_format) {
    const r = await askStructured(o.gateway, rendered, o.model, rendered.asksSpeakerRoles ? sectionWithRoles : structuredSectionSchema, o.signal);
    const claim = rendered.asksSpeakerRoles ? rolesClaimFromValue((r.value as { speaker_roles?: unknown }).speaker_roles) : undefined;
    return { draft: draftFromStructured(r.value), unassigned: [], usage: r.usage, requests: r.requests, repaired: r.repaired, claim };
  }
  const answer = await ask(o.gateway, chatRequest(rendered, o.model), o.signal);
  const { content, claim } = rendered.asksSpeakerRoles ? extractRolesLine(answer.content) : { content: answer.content, claim: undefined };
  const { draft, unassigned } = draftFromSectionAnswer(content, section, { assessmentAndPlan: o.assessmentAndPlan ?? "split" });
  return { draft, unassigned, usage: answer.usage, requests: 1, repaired: false, claim };
}

/** `sectioned`: the section requests in parallel (at most `concurrency` at a time). */
export async function runSectioned(o: RunOptions, requests: RenderedRequest[]): Promise<Outcome> {
  const settled = await mapSettledWithLimit(requests, o.concurrency ?? 4, (rendered, i) =>
    runSection(o, rendered, rendered.section ?? SOAP_SECTIONS[i] ?? "plan"),
  );
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
    if (r.value.claim) outcome.rolesClaim = r.value.claim;
  });
  return outcome;
}
