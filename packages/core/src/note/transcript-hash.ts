import type { Transcript } from "../clients/transcripts/transcript-schemas.js";
import type { ParsedDialogue } from "../evidence/transcript-text.js";

/**
 * What a note is bound to: the content it was written from. A dialogue is its turns (speaker and
 * text, so relabelling a turn or changing a word changes it); an AssemblyAI transcript is its `text`
 * as stored (redacted), which changes when it is deleted ("Deleted by user.") or is another visit.
 */
function canonical(t: Transcript | ParsedDialogue): string {
  if ((t as ParsedDialogue).kind === "dialogue") {
    return JSON.stringify(["dialogue", (t as ParsedDialogue).utterances.map((u) => [u.speaker, u.text])]);
  }
  return JSON.stringify(["assemblyai", (t as Transcript).text ?? null]);
}

/**
 * Content hash of the transcript a note is written from, `sha256:<64 hex>` (Web Crypto: Node,
 * Workers, browsers). Notes record it in `provenance.transcript_hash`; regenerating a section checks
 * it, so a section can never be rewritten from another visit's words.
 *
 * @example
 * ```ts
 * await transcriptHash(parseTranscriptText("[doctor] Hi.\n[patient] Hello.")); // "sha256:…"
 * ```
 */
export async function transcriptHash(t: Transcript | ParsedDialogue): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical(t))));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return `sha256:${hex}`;
}

/** Short form of a hash for messages: `sha256:1a2b3c4d…`. */
export function shortHash(hash: string): string {
  return `${hash.slice(0, 15)}…`;
}
