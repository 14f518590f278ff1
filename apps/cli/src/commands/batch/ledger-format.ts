import { z } from "zod";

/** The stages a visit passes through, in order; `failed` can follow any of them. */
export const LEDGER_STAGES = [
  "uploaded",
  "creating",
  "transcript_created",
  /** `--api`: the edge API accepted the visit as note `note_id`. */
  "submitted",
  "note_written",
  "deleted",
  "failed",
] as const;

/** One stage name. */
export type LedgerStage = (typeof LEDGER_STAGES)[number];

/** zod schema of one ledger line. Unknown keys are kept out; the line format is versioned by `v`. */
export const ledgerEventSchema = z.object({
  v: z.literal(1),
  visit: z.string().min(1),
  stage: z.enum(LEDGER_STAGES),
  at: z.string(),
  upload_url: z.string().optional(),
  audio_url: z.string().optional(),
  transcript_id: z.string().optional(),
  /** `--api`: the note's id at the edge API. */
  note_id: z.string().optional(),
  /** Where `transcript_id` / `upload_url` live: the API origin, or `sandbox` (in-process, gone after exit). */
  origin: z.string().optional(),
  audio_ms: z.number().nonnegative().optional(),
  tokens: z.number().int().nonnegative().optional(),
  outputs: z.array(z.string()).optional(),
  error: z
    .object({ name: z.string(), message: z.string(), permanent: z.boolean(), transcript_failed: z.boolean().optional() })
    .optional(),
});

/** One ledger line. */
export type LedgerEvent = z.infer<typeof ledgerEventSchema>;

/** What the ledger knows about one visit (the fold of its events). */
export interface VisitState {
  visit: string;
  stage: LedgerStage;
  /** Set once AssemblyAI returned it: the visit is never transcribed again. */
  transcriptId?: string;
  uploadUrl?: string;
  audioUrl?: string;
  /** `--api`: the note id at the edge API (the visit is never submitted again). */
  noteId?: string;
  /** Where the transcript id and upload URL are valid. */
  origin?: string;
  /** When a create request was last sent (to find the transcript if the answer was lost). */
  creatingAt?: string;
  audioMs?: number;
  tokens?: number;
  outputs?: string[];
  error?: LedgerEvent["error"];
  /** The note was written. */
  done: boolean;
}

/** Result of {@link parseLedger}. */
export interface ParsedLedger {
  events: LedgerEvent[];
  /** Byte length of the well-formed prefix: a torn last line (crash mid-append) starts here. */
  validBytes: number;
  /** One line per line that could not be used (never its content). */
  warnings: string[];
}

/**
 * Parses ledger text (JSON lines). A last line without its newline, or that is not valid, is the
 * trace of a crash mid-append: it is ignored and `validBytes` stops before it so the caller can
 * truncate it away. A bad line in the middle is skipped with a warning naming its line number.
 */
export function parseLedger(text: string): ParsedLedger {
  const events: LedgerEvent[] = [];
  const warnings: string[] = [];
  const encoder = new TextEncoder();
  let validBytes = 0;
  let offset = 0;
  let lineNo = 0;
  while (offset < text.length) {
    lineNo++;
    const nl = text.indexOf("\n", offset);
    const complete = nl !== -1;
    const line = complete ? text.slice(offset, nl) : text.slice(offset);
    const lineBytes = encoder.encode(line).length + (complete ? 1 : 0);
    offset = complete ? nl + 1 : text.length;
    if (!complete) {
      warnings.push(`ledger line ${lineNo} was torn by an interrupted write and is ignored`);
      break;
    }
    if (line.trim() === "") {
      validBytes += lineBytes;
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    const result = ledgerEventSchema.safeParse(parsed);
    if (result.success) {
      events.push(result.data);
      validBytes += lineBytes;
    } else if (offset >= text.length) {
      warnings.push(`ledger line ${lineNo} was torn by an interrupted write and is ignored`);
    } else {
      warnings.push(`ledger line ${lineNo} is not a valid entry and is skipped`);
      validBytes += lineBytes;
    }
  }
  return { events, validBytes, warnings };
}

/** Applies one event to a visit's state (a new state object; the input is not changed). */
export function applyEvent(prev: VisitState | undefined, e: LedgerEvent): VisitState {
  const s: VisitState = prev ? { ...prev, stage: e.stage } : { visit: e.visit, stage: e.stage, done: false };
  if (e.upload_url !== undefined) s.uploadUrl = e.upload_url;
  if (e.audio_url !== undefined) s.audioUrl = e.audio_url;
  if (e.transcript_id !== undefined) s.transcriptId = e.transcript_id;
  if (e.note_id !== undefined) s.noteId = e.note_id;
  if (e.origin !== undefined) s.origin = e.origin;
  if (e.audio_ms !== undefined) s.audioMs = e.audio_ms;
  if (e.tokens !== undefined) s.tokens = e.tokens;
  if (e.stage === "creating") s.creatingAt = e.at;
  if (e.stage === "note_written") {
    s.done = true;
    if (e.outputs !== undefined) s.outputs = e.outputs;
  }
  if (e.stage === "failed") s.error = e.error;
  else delete s.error;
  return s;
}

/** Folds ledger events into the state of each visit, in first-seen order. */
export function reduceLedger(events: readonly LedgerEvent[]): Map<string, VisitState> {
  const states = new Map<string, VisitState>();
  for (const e of events) states.set(e.visit, applyEvent(states.get(e.visit), e));
  return states;
}
