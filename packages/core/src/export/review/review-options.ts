import * as z from "zod/mini";
import { SoapNotesError } from "../../errors/soap-notes-error.js";
import { SOAP_SECTIONS, type SoapSectionName } from "../../note/soap-note.js";

/** One turn of the transcript shown beside the note. */
export interface ReviewUtterance {
  /** Speaker label ("A", or "doctor" for a text dialogue). */
  speaker: string;
  /** "clinician", "patient", … when known. */
  role?: string | undefined;
  start_ms?: number | undefined;
  end_ms?: number | undefined;
  text: string;
}

/** Buttons that POST back to the server that serves the page; without them the page is read-only. */
export interface ReviewActions {
  /** Sent as the `csrf` field of every form (the server checks it against the page's link). */
  csrfToken: string;
  /** Per section, where its "Regenerate" form posts. Sections without a URL get no button. */
  regenerateUrls?: Partial<Record<SoapSectionName, string>> | undefined;
  /** Where "Mark as reviewed" posts; without it, {@link ReviewActions.markReviewedUnavailable} says why. */
  markReviewedUrl?: string | undefined;
  /** Who will be recorded as the reviewer (shown on the button). */
  reviewer?: string | undefined;
  /** Why the page cannot mark the note reviewed (e.g. no reviewer identity). */
  markReviewedUnavailable?: string | undefined;
  /** Fresh `idempotency_key` field of each form. @default crypto.randomUUID */
  idempotencyKey?: (() => string) | undefined;
}

/**
 * Options of `toReviewHtml`.
 * @example
 * ```ts
 * toReviewHtml(note, { transcript: reviewTranscript(transcript, note), audio: { src: "visit-042.mp3" } });
 * ```
 */
export interface ReviewPageOptions {
  /** The transcript beside the note (see `reviewTranscript`). @default none: the page says so */
  transcript?: readonly ReviewUtterance[] | undefined;
  /** The recording to play quotes from, or why there is none. @default none */
  audio?: { src: string } | { unavailable: string } | undefined;
  actions?: ReviewActions | undefined;
  /** The note was marked reviewed: by whom, when (ISO 8601). */
  review?: { reviewer: string; reviewedAt: string } | undefined;
  /** A one-line result of the last action ("Plan regenerated."), shown as a status message. */
  notice?: string | undefined;
  /** A CSP nonce for the page's `<script>` and `<style>` (instead of, or beside, their hashes). */
  nonce?: string | undefined;
  /**
   * Put a `<meta http-equiv="Content-Security-Policy">` in the page (for a file opened from disk,
   * where no server sends the header): only its own script and style run, media from `audio.src`.
   * @default false
   */
  metaCsp?: boolean | undefined;
}

/** The options do not fit: a URL that is not http(s) or a path, an empty CSRF token, a bad nonce… */
export class ReviewPageOptionsError extends SoapNotesError {
  override name = "ReviewPageOptionsError";
  readonly issues: { path: string; message: string }[];

  constructor(issues: { path: string; message: string }[]) {
    super(`Invalid review page options: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`);
    this.issues = issues;
  }
}

// A link the page may follow or post to: a path on the same server, or an http(s) URL. Never
// `javascript:` or `data:`: those would run or inject content from the page's own origin.
const SAFE_URL = /^(?:https?:\/\/[^\s"'<>]+|\/[^\s"'<>]*|\.{0,2}\/?[A-Za-z0-9_~%.-][^\s"'<>:]*)$/;
const safeUrl = (what: string) => z.string().check(z.regex(SAFE_URL, `${what} must be an http(s) URL or a path (no javascript:, data: or spaces)`));
// Audio may also be a local file (the CLI's page is opened from disk).
const AUDIO_URL = /^(?:https?:\/\/[^\s"'<>]+|file:\/\/[^\s"'<>]+|blob:[^\s"'<>]+|\/[^\s"'<>]*|\.{0,2}\/?[A-Za-z0-9_~%.-][^\s"'<>:]*)$/;

const utteranceSchema = z.object({
  speaker: z.string(),
  role: z.optional(z.string()),
  start_ms: z.optional(z.number().check(z.nonnegative())),
  end_ms: z.optional(z.number().check(z.nonnegative())),
  text: z.string(),
});

const optionsSchema = z.object({
  transcript: z.optional(z.array(utteranceSchema)),
  audio: z.optional(
    z.union([
      z.object({ src: z.string().check(z.regex(AUDIO_URL, "audio.src must be an http(s) or file URL, or a relative path without spaces")) }),
      z.object({ unavailable: z.string().check(z.minLength(1, "say why there is no audio")) }),
    ]),
  ),
  actions: z.optional(
    z.object({
      csrfToken: z.string().check(z.minLength(16, "csrfToken must be at least 16 characters")),
      regenerateUrls: z.optional(z.partialRecord(z.enum(SOAP_SECTIONS), safeUrl("a regenerate URL"))),
      markReviewedUrl: z.optional(safeUrl("markReviewedUrl")),
      reviewer: z.optional(z.string()),
      markReviewedUnavailable: z.optional(z.string()),
      idempotencyKey: z.optional(z.any()),
    }),
  ),
  review: z.optional(z.object({ reviewer: z.string().check(z.minLength(1)), reviewedAt: z.string() })),
  notice: z.optional(z.string()),
  nonce: z.optional(z.string().check(z.regex(/^[A-Za-z0-9+/_=-]{16,}$/, "nonce must be 16 or more base64 characters"))),
  metaCsp: z.optional(z.boolean()),
});

/**
 * Checks the options of `toReviewHtml`.
 * @throws {ReviewPageOptionsError} naming every field that does not fit (never transcript text).
 */
export function checkReviewOptions(options: ReviewPageOptions): ReviewPageOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new ReviewPageOptionsError(parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })));
  }
  if (options.actions?.idempotencyKey !== undefined && typeof options.actions.idempotencyKey !== "function") {
    throw new ReviewPageOptionsError([{ path: "actions.idempotencyKey", message: "must be a function returning a fresh key" }]);
  }
  return options;
}
