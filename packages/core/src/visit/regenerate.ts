import { isDialogue, type NoteTranscript } from "../generate/note-transcript.js";
import { regenerateSection } from "../generate/regenerate-section.js";
import type { SoapNote, SoapSectionName } from "../note/soap-note.js";
import { abortAware } from "./abort.js";
import { planTemplate, resolveTranscriptMode } from "./draft-note.js";
import { shortHash, transcriptHash } from "../note/transcript-hash.js";
import { TranscriptMismatchError } from "./plan-errors.js";
import { dialogueAsRecorded } from "./text-redaction.js";
import type { Clock, VisitGateway } from "./visit-ports.js";

/** Options of {@link regenerateNoteSection}. */
export interface RegenerateNoteSectionOptions {
  gateway: Pick<VisitGateway, "chat">;
  /** The transcript the note was written from (fetched by its id, or the same dialogue). */
  transcript: NoteTranscript;
  signal?: AbortSignal | undefined;
  /** @default Date.now */
  clock?: Clock | undefined;
}

const DELETED_TEXT = "Deleted by user.";

/**
 * The transcript a note was written from, or an error naming both: a section regenerated from
 * another visit's transcript would put another patient's facts in this note. Checks the source
 * (dialogue or AssemblyAI), the transcript id, and the content hash the note recorded
 * (`provenance.transcript_hash`), so a different dialogue, or a transcript deleted or changed since,
 * is refused before anything is sent.
 * @throws {TranscriptMismatchError}
 */
export async function checkTranscriptBinding(note: SoapNote, transcript: NoteTranscript): Promise<void> {
  const p = note.provenance;
  if (isDialogue(transcript)) {
    if (p.transcript_source === "assemblyai") {
      throw new TranscriptMismatchError(
        `This note was written from AssemblyAI transcript ${p.transcript_id ?? "(unknown)"}, not from a text dialogue; regenerate it from that transcript. Nothing was sent.`,
      );
    }
  } else {
    if (p.transcript_source === "text") {
      throw new TranscriptMismatchError(
        `This note was written from a text dialogue, but AssemblyAI transcript ${transcript.id} was given; regenerate it from the same dialogue. Nothing was sent.`,
      );
    }
    if (p.transcript_id !== undefined && p.transcript_id !== transcript.id) {
      throw new TranscriptMismatchError(
        `This note was written from transcript ${p.transcript_id}, but transcript ${transcript.id} was given; nothing was sent.`,
      );
    }
  }
  const expected = p.transcript_hash;
  if (expected === undefined) {
    // Older notes: an AssemblyAI transcript is bound by its id (checked above); a dialogue cannot be checked at all.
    if (!isDialogue(transcript)) return;
    throw new TranscriptMismatchError(
      "This note records no transcript hash (it was written before notes were bound to their transcript), so the dialogue given cannot be checked against it; write a new note from the dialogue instead. Nothing was sent.",
    );
  }
  // A note from text records the hash of its dialogue as scrubbed: the same text, scrubbed the same way, matches.
  const given = await transcriptHash(isDialogue(transcript) ? dialogueAsRecorded(transcript, p.redaction) : transcript);
  if (given === expected) return;
  const hashes = { expectedHash: expected, givenHash: given };
  if (!isDialogue(transcript) && transcript.text === DELETED_TEXT) {
    throw new TranscriptMismatchError(
      `Transcript ${transcript.id} was deleted at AssemblyAI since this note was written: its words are gone, so no section can be regenerated from it. Nothing was sent.`,
      hashes,
    );
  }
  const what = isDialogue(transcript) ? "the dialogue given" : `transcript ${transcript.id} as it reads now`;
  throw new TranscriptMismatchError(
    `This note was written from a transcript with content hash ${shortHash(expected)}, but ${what} has hash ${shortHash(given)}: ` +
      "it is another visit's (or a changed) transcript. Nothing was sent; pass the exact dialogue the note was made from.",
    hashes,
  );
}

/** The speaker roles the note's evidence already carries (from role identification or dialogue labels), by label. */
function rolesOf(note: SoapNote): Record<string, string> | undefined {
  const roles: Record<string, string> = {};
  for (const section of Object.values(note.sections)) {
    for (const s of section.statements) {
      for (const e of s.evidence) if (e.speaker !== undefined && e.role !== undefined) roles[e.speaker] = e.role;
    }
  }
  const labels = Object.keys(roles).sort();
  return labels.length > 0 ? Object.fromEntries(labels.map((l) => [l, roles[l] as string])) : undefined;
}

/**
 * Regenerates one section of a note exactly as the note was planned: the template `id@version` it
 * records (checked against its hash), its model and its transcript mode. It never re-rolls an
 * experiment and never takes another template, so a regenerated section cannot come from another
 * variant than the rest of its note. Every other section stays byte for byte the same.
 *
 * @throws {TranscriptMismatchError} when the transcript is not the note's (a {@link PlanMismatchError}).
 * @throws {PlanMismatchError} when its template is gone or changed.
 * @example
 * ```ts
 * const transcript = await transcripts.get(note.provenance.transcript_id!);
 * const updated = await regenerateNoteSection(note, "plan", { gateway, transcript });
 * ```
 */
export async function regenerateNoteSection(note: SoapNote, section: SoapSectionName, o: RegenerateNoteSectionOptions): Promise<SoapNote> {
  await checkTranscriptBinding(note, o.transcript);
  const p = note.provenance;
  // A section is rewritten from what the note's own request sent: a dialogue scrubbed as its note records.
  const transcript = isDialogue(o.transcript) ? dialogueAsRecorded(o.transcript, p.redaction) : o.transcript;
  const template = await planTemplate(p.template.ref, p.template.hash);
  const clock = o.clock ?? Date.now;
  try {
    return await regenerateSection(note, section, {
      gateway: o.gateway,
      template,
      templateHash: p.template.hash,
      transcript,
      model: p.model,
      transcriptMode: p.transcript_mode ?? resolveTranscriptMode(transcript, "auto"),
      speakerRoles: rolesOf(note),
      signal: o.signal,
      now: () => new Date(clock()),
    });
  } catch (err) {
    throw abortAware(err, o.signal, "while regenerating the section");
  }
}
