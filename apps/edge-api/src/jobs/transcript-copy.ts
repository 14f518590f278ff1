import type { Transcript } from "@org/soap-core";
import { transcriptHash } from "@org/soap-core/engine";
import type { StoredTranscript } from "./tenant-jobs.js";

/**
 * Largest note row D1 stores (its limit is 2,000,000 bytes per row): a transcript copy that would not fit
 * beside its note is not kept, and regenerating that note needs AssemblyAI's copy.
 */
export const MAX_NOTE_ROW_BYTES = 1_900_000;

const encoder = new TextEncoder();

/**
 * The copy of a transcript a note keeps for later regenerations: what the note engine reads (text,
 * words, utterances with speakers and times, redaction fields), without the utterances' second copy of
 * every word when the top-level words are there. Its hash is core's `transcriptHash` (the note's
 * `provenance.transcript_hash`). Null when it would not fit in the note's row beside `noteJson`.
 */
export async function transcriptCopy(t: Transcript, noteJson: string): Promise<StoredTranscript | null> {
  const hasWords = (t.words?.length ?? 0) > 0;
  const copy: Transcript = {
    id: t.id,
    status: t.status,
    text: t.text ?? null,
    words: t.words ?? null,
    utterances: t.utterances ? t.utterances.map((u) => (hasWords ? { ...u, words: [] } : u)) : null,
    language_code: t.language_code ?? null,
    audio_duration: t.audio_duration ?? null,
    speaker_labels: t.speaker_labels ?? null,
    redact_pii: t.redact_pii ?? null,
    redact_pii_policies: t.redact_pii_policies ?? null,
    redact_pii_sub: t.redact_pii_sub ?? null,
  };
  const json = JSON.stringify(copy);
  if (encoder.encode(json).length + encoder.encode(noteJson).length > MAX_NOTE_ROW_BYTES) return null;
  return { json, hash: await transcriptHash(copy) };
}
