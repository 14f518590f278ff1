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

/** What a look-up of a lost create found out. */
export type LostCreateLookup =
  /** The create made this transcript: use it, never create again. */
  | { kind: "found"; id: string; status: string }
  /** The whole time window was scanned and no transcript is the create's: it never reached AssemblyAI. */
  | { kind: "not_created" }
  /** The scan stopped before the window's start (row cap): nothing may be concluded, look again later. */
  | { kind: "unknown"; scanned: number };

/** The create being looked for. */
export interface LostCreate {
  /** The `audio_url` it was sent with. */
  audioUrl: string;
  /** When it was sent (this machine's clock, epoch ms). */
  sentAtMs: number;
}

/** Options of {@link lookUpLostCreate}. */
export interface LostCreateLookupOptions {
  /**
   * Whether a listed transcript with the create's `audio_url` is the create's own (e.g. its
   * `webhook_url` names the job): a shared `audio_url` is then never taken for another visit's
   * transcript. Without it, the newest transcript with the `audio_url` in the window is the match.
   */
  isOurs?: (transcriptId: string) => Promise<boolean>;
  /** Rows scanned at most before the answer is `unknown`. @default CREATE_LOOKUP_MAX */
  maxRows?: number;
  /** Transcripts created this long before `sentAtMs` still count (clock skew). @default CREATE_LOOKUP_SKEW_MS */
  skewMs?: number;
  signal?: AbortSignal;
}

/**
 * Finds out what became of a create whose answer was lost, for a caller that will create again when
 * it was not made: scans the transcript list newest first back to `sentAtMs` minus the skew, and
 * answers `found` (the first listed transcript with the create's `audio_url` that `isOurs` accepts),
 * `not_created` only when the scan reached the start of that window (or the list's end) without one,
 * and `unknown` when it stopped at `maxRows` first: an inconclusive scan must never lead to a second,
 * billed transcript. A failing list request throws (also inconclusive).
 *
 * @example
 * ```ts
 * const seen = await lookUpLostCreate((p, o) => transcripts.list(p, o), { audioUrl, sentAtMs }, { isOurs });
 * if (seen.kind === "not_created") await createAgain();
 * ```
 */
export async function lookUpLostCreate(list: ListTranscripts, create: LostCreate, o: LostCreateLookupOptions = {}): Promise<LostCreateLookup> {
  const since = create.sentAtMs - (o.skewMs ?? CREATE_LOOKUP_SKEW_MS);
  const maxRows = o.maxRows ?? CREATE_LOOKUP_MAX;
  let scanned = 0;
  for await (const t of list({ limit: 200 }, o.signal ? { signal: o.signal } : undefined)) {
    const created = parseCreated(t.created);
    if (Number.isFinite(created) && created < since) return { kind: "not_created" };
    if (t.audio_url === create.audioUrl && (o.isOurs === undefined || (await o.isOurs(t.id)))) return { kind: "found", id: t.id, status: t.status };
    if (++scanned >= maxRows) return { kind: "unknown", scanned };
  }
  return { kind: "not_created" };
}

/**
 * Finds the transcript a create whose answer was lost (TranscriptCreateUncertainError) made: the
 * newest listed transcript with this `audio_url`, created no earlier than `sentAtMs` minus
 * {@link CREATE_LOOKUP_SKEW_MS} ({@link lookUpLostCreate} without an ownership check; undefined when
 * it was not found, whether or not the scan was conclusive). Every upload has its own URL, so for
 * uploaded audio a match is this visit's transcript; for a shared `audio_url` the time window is what
 * keeps an older visit's transcript out.
 *
 * @example
 * ```ts
 * const found = await findCreatedTranscript((p, o) => transcripts.list(p, o), uploadUrl, sentAtMs);
 * if (found) await transcripts.wait(found.id);
 * ```
 */
export async function findCreatedTranscript(list: ListTranscripts, audioUrl: string, sentAtMs: number, signal?: AbortSignal): Promise<{ id: string; status: string } | undefined> {
  const seen = await lookUpLostCreate(list, { audioUrl, sentAtMs }, signal ? { signal } : {});
  return seen.kind === "found" ? { id: seen.id, status: seen.status } : undefined;
}
