import type { TemplateInput } from "@org/soap-prompts";
import type { Transcript } from "../clients/transcripts/transcript-schemas.js";
import type { ParsedDialogue } from "../evidence/transcript-text.js";

/** A transcript the engine writes notes from: an AssemblyAI transcript or a parsed plain-text dialogue. */
export type NoteTranscript = Transcript | ParsedDialogue;

/** How the gateway gets the transcript. */
export type TranscriptMode = "transcript_id" | "inline";

/** True for a parsed plain-text dialogue (as opposed to an AssemblyAI transcript). */
export function isDialogue(t: NoteTranscript): t is ParsedDialogue {
  return (t as ParsedDialogue).kind === "dialogue";
}

/** The mode a request really uses: a dialogue is always inline; an AssemblyAI transcript defaults to `transcript_id`. */
export function resolvedMode(t: NoteTranscript, mode: TranscriptMode | undefined): TranscriptMode {
  if (isDialogue(t)) return "inline";
  return mode ?? "transcript_id";
}

/** Plain text of a transcript for inline prompts: `[label] text` / `Speaker A: text` lines. */
export function transcriptText(t: NoteTranscript): string {
  if (isDialogue(t)) return t.utterances.map((u) => `[${u.speaker}] ${u.text}`).join("\n");
  if (t.utterances && t.utterances.length > 0) return t.utterances.map((u) => `Speaker ${u.speaker}: ${u.text}`).join("\n");
  return t.text ?? (t.words ?? []).map((w) => w.text).join(" ");
}

/**
 * The template input for a transcript. `transcript_id` mode needs an AssemblyAI transcript: a
 * dialogue is always sent inline, whatever the mode says.
 */
export function templateInput(t: NoteTranscript, mode: TranscriptMode | undefined, speakerRoles?: Record<string, string>): TemplateInput {
  const transcript: TemplateInput["transcript"] =
    resolvedMode(t, mode) === "transcript_id" && !isDialogue(t) ? { kind: "transcript_id", transcriptId: t.id } : { kind: "text", text: transcriptText(t) };
  return speakerRoles ? { transcript, speakerRoles } : { transcript };
}

/** Roles per speaker label: explicit ones over those a dialogue's labels imply. */
export function rolesFor(t: NoteTranscript, explicit?: Record<string, string>): Record<string, string> | undefined {
  const implied = isDialogue(t) ? t.speakerRoles : {};
  const merged = { ...implied, ...explicit };
  return Object.keys(merged).length > 0 ? merged : undefined;
}
