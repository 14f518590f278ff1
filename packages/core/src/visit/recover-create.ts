import type { ListTranscriptsParams } from "../clients/transcripts/create-transcript-params.js";
import type { TranscriptListItem } from "../clients/transcripts/transcript-schemas.js";
import type { RequestOptions } from "../http/client-options.js";

/** Lists transcripts newest first (`TranscriptsClient.list`). */
export type ListTranscripts = (params?: ListTranscriptsParams, o?: RequestOptions) => AsyncIterable<TranscriptListItem>;

/** Transcripts created this long before our create was sent still count (clock skew). */
export const CREATE_LOOKUP_SKEW_MS = 10 * 60_000;
/** At most this many listed transcripts are scanned. */
export const CREATE_LOOKUP_MAX = 1000;

/** AssemblyAI's `created` carries no zone; it is UTC. NaN when unreadable. */
export function parseCreated(created: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(created) ? created : `${created}Z`);
}

/**
 * Finds the transcript a create whose answer was lost (TranscriptCreateUncertainError) made: the
 * newest listed transcript with this `audio_url`, created no earlier than `sentAtMs` minus
 * {@link CREATE_LOOKUP_SKEW_MS}. Scans at most {@link CREATE_LOOKUP_MAX} rows, newest first, and
 * stops at the first one older than that. Every upload has its own URL, so for uploaded audio a
 * match is this visit's transcript; for a shared `audio_url` the time window is what keeps an older
 * visit's transcript out.
 *
 * @example
 * ```ts
 * const found = await findCreatedTranscript((p, o) => transcripts.list(p, o), uploadUrl, sentAtMs);
 * if (found) await transcripts.wait(found.id);
 * ```
 */
export async function findCreatedTranscript(list: ListTranscripts, audioUrl: string, sentAtMs: number, signal?: AbortSignal): Promise<{ id: string; status: string } | undefined> {
  const since = sentAtMs - CREATE_LOOKUP_SKEW_MS;
  let scanned = 0;
  for await (const t of list({ limit: 200 }, signal ? { signal } : undefined)) {
    const created = parseCreated(t.created);
    if (Number.isFinite(created) && created < since) return undefined;
    if (t.audio_url === audioUrl) return { id: t.id, status: t.status };
    if (++scanned >= CREATE_LOOKUP_MAX) return undefined;
  }
  return undefined;
}
