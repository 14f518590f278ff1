import { templateHash, templateRef, type SoapTemplate } from "@org/soap-prompts";
import { checkEvidence, type CheckEvidenceOptions } from "../evidence/check-evidence.js";
import { buildSection } from "../note/build-note.js";
import { InvalidNoteError } from "../note/invalid-note-error.js";
import { SECTION_TITLES } from "../note/note-constants.js";
import { SoapNote, type NoteSection, type NoteWarning, type SectionHistory, type SoapSectionName } from "../note/soap-note.js";
import type { ChatGateway } from "./gateway-call.js";
import { runSection } from "./generation-runs.js";
import { resolveRolesClaim, speakerLabels } from "./answer-roles.js";
import { rolesFor, templateInput, type NoteTranscript, type TranscriptMode } from "./note-transcript.js";
import { safeParse } from "../internal/zod-parse.js";

/** Options of {@link regenerateSection}. */
export interface RegenerateSectionOptions {
  gateway: ChatGateway;
  /** Any mode: its `renderSection` makes the one-section request. */
  template: SoapTemplate;
  /** @default computed with `templateHash(template)` */
  templateHash?: string;
  transcript: NoteTranscript;
  model: string;
  transcriptMode?: TranscriptMode;
  speakerRoles?: Record<string, string>;
  evidence?: Omit<CheckEvidenceOptions, "speakerRoles">;
  signal?: AbortSignal;
  /** @default () => new Date() */
  now?: () => Date;
}

/** The template and model that produced a section now in the note (latest regeneration, else the note's). */
function currentOrigin(note: SoapNote, section: SoapSectionName): SectionHistory["previous"] {
  const last = [...(note.provenance.history ?? [])].reverse().find((h) => h.section === section);
  if (last) return { template: last.template, model: last.model, created_at: last.regenerated_at };
  const p = note.provenance;
  return { template: p.template, model: p.model, created_at: p.created_at };
}

/**
 * Regenerates one section with one request and returns a new note in which only that section (and
 * the warnings about it) changed: every other section, with its statements and evidence, is the same
 * object and serialises byte for byte as before. `provenance.history` gains an entry recording the
 * new template/model and the previous ones.
 *
 * @example
 * ```ts
 * const better = await regenerateSection(note, "plan", { gateway, template: getTemplate("soap-sectioned@1"), transcript, model });
 * ```
 */
export async function regenerateSection(note: SoapNote, section: SoapSectionName, o: RegenerateSectionOptions): Promise<SoapNote> {
  const given = rolesFor(o.transcript, o.speakerRoles);
  const rendered = o.template.renderSection(templateInput(o.transcript, o.transcriptMode, given), section);
  const hash = o.templateHash ?? (await templateHash(o.template));
  const warnings: NoteWarning[] = [];
  const { draft, usage, repaired, claim } = await runSection({ gateway: o.gateway, model: o.model, ...(o.signal ? { signal: o.signal } : {}) }, rendered, section);
  if (repaired) warnings.push({ code: "repair_retry", section, message: "the first structured answer did not fit the schema; a repair retry fixed it" });
  // The regenerated section's quotes get the roles its own answer named (the note's other sections keep theirs).
  let roles = given;
  if (rendered.asksSpeakerRoles && claim) {
    const answered = resolveRolesClaim(claim, speakerLabels(o.transcript));
    if (answered.roles) roles = { ...answered.roles, ...given };
    if (answered.warning) warnings.push({ ...answered.warning, section });
  }
  const fresh: NoteSection = buildSection(section, draft);
  if (fresh.text.trim() === "" && fresh.statements.length === 0) {
    warnings.push({ code: "empty_section", section, message: `the ${SECTION_TITLES[section]} section is empty` });
  }
  // Check the new section alone, then splice it in: the other sections keep their identity.
  const probe: SoapNote = { ...note, sections: { ...note.sections, [section]: fresh }, warnings: [] };
  const checked = checkEvidence(probe, o.transcript, { ...o.evidence, ...(roles ? { speakerRoles: roles } : {}) });
  const entry: SectionHistory = {
    section,
    regenerated_at: (o.now ?? (() => new Date()))().toISOString(),
    template: { ref: templateRef(o.template), hash },
    model: o.model,
    usage,
    previous: currentOrigin(note, section),
  };
  const result: SoapNote = {
    ...note,
    sections: { ...note.sections, [section]: checked.sections[section] },
    warnings: [
      ...note.warnings.filter((w) => w.section !== section),
      ...warnings,
      ...checked.warnings.filter((w) => w.section === section),
    ],
    provenance: { ...note.provenance, history: [...(note.provenance.history ?? []), entry] },
  };
  // Validate without cloning: a parsed copy could reorder keys of the untouched sections.
  const valid = safeParse(SoapNote, result);
  if (!valid.success) throw new InvalidNoteError(valid.error.issues, { cause: valid.error });
  return result;
}
