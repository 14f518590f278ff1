import type { Context } from "hono";
import { INJECTED_ERROR_MESSAGE, type Engine } from "../engine.js";
import { v2Error } from "../http-errors.js";
import type { SandboxEnv } from "../middleware.js";
import type { StoredTranscript } from "../state.js";
import { DEFAULT_SPEECH_MODELS, type SpeechModelInfo } from "../speech-models.js";
import { validateTranscriptParams } from "../transcript-params.js";
import { listItemJson, paragraphsJson, redactedAudioUrl, sentencesJson, transcriptJson } from "../transcript-json.js";
import { MAX_TERM_WORDS, searchTerms, toSrt, toVtt, wordSearch } from "../transcript-search.js";
import { listTranscripts } from "./v2-list.js";

/**
 * The body of an unknown (or another key's) transcript id on every by-id route, as
 * docs/common_errors_and_solutions.mdx shows it (with status 400; `notFoundStatus: 404` for the
 * spec's other answer).
 */
export const TRANSCRIPT_LOOKUP_ERROR = "Transcript lookup error, transcript id not found";

/** Characters per caption when `chars_per_caption` is not given (unconfirmed: the docs give no default). */
export const DEFAULT_CHARS_PER_CAPTION = 80;

/** The job with this id owned by the caller, advanced to the clock, or undefined. */
function find(engine: Engine, c: Context<SandboxEnv>): StoredTranscript | undefined {
  engine.advance();
  const t = engine.state.transcripts.get(c.req.param("id") ?? "");
  return t && t.owner === c.get("owner") ? t : undefined;
}

/** The lookup error of an unknown id, with the configured status (400 by default). */
function lookupError(engine: Engine, c: Context<SandboxEnv>): Response {
  return v2Error(c, engine.options.notFoundStatus, TRANSCRIPT_LOOKUP_ERROR);
}

function notReady(c: Context<SandboxEnv>, t: StoredTranscript, what: string): Response | null {
  if (t.deleted) return v2Error(c, 400, `${what} are not available: the transcript was deleted`);
  if (t.status !== "completed" || !t.rendered) return v2Error(c, 400, `${what} are only available for completed transcripts (status is "${t.status}")`);
  return null;
}

/**
 * POST /v2/transcript. The body is checked by `validateTranscriptParams` against `speechModels` (the
 * accepted speech model names and what each takes); any problem answers 400 `{"error": "<message>"}`.
 */
export function createTranscriptHandler(engine: Engine, speechModels: readonly SpeechModelInfo[] = DEFAULT_SPEECH_MODELS) {
  return async (c: Context<SandboxEnv>) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return v2Error(c, 400, "Invalid request body: expected a JSON object");
    }
    const checked = validateTranscriptParams(raw, speechModels);
    if (!checked.ok) return v2Error(c, 400, checked.error);
    const fault = engine.faults.take("create", ["transcript_error"]);
    const created = engine.createTranscript(c.get("owner"), c.get("origin"), checked.params, fault ? fault.message ?? INJECTED_ERROR_MESSAGE : null);
    if (created === "forbidden") return v2Error(c, 403, "Cannot access uploaded file");
    return c.json(transcriptJson(created));
  };
}

export function listHandler(engine: Engine) {
  return (c: Context<SandboxEnv>) => {
    engine.advance();
    const result = listTranscripts(engine, c);
    if (typeof result === "string") return v2Error(c, 400, result);
    return c.json({ page_details: result.page_details, transcripts: result.transcripts.map(listItemJson) });
  };
}

export function getHandler(engine: Engine) {
  return (c: Context<SandboxEnv>) => {
    const t = find(engine, c);
    return t ? c.json(transcriptJson(t)) : lookupError(engine, c);
  };
}

export function deleteHandler(engine: Engine) {
  return (c: Context<SandboxEnv>) => {
    const t = find(engine, c);
    if (!t) return lookupError(engine, c);
    if (t.status === "queued" || t.status === "processing") {
      return v2Error(c, 400, "Transcript is still being processed; it can be deleted once its status is completed or error");
    }
    t.deleted = true;
    t.rendered = null;
    engine.state.pendingWebhooks.splice(0, engine.state.pendingWebhooks.length, ...engine.state.pendingWebhooks.filter((w) => w.transcriptId !== t.id));
    if (t.uploadId) {
      const upload = engine.state.uploads.get(t.uploadId);
      if (upload) upload.deleted = true;
    }
    return c.json(transcriptJson(t));
  };
}

export function sentencesHandler(engine: Engine) {
  return (c: Context<SandboxEnv>) => {
    const t = find(engine, c);
    if (!t) return lookupError(engine, c);
    return notReady(c, t, "Sentences") ?? c.json(sentencesJson(t));
  };
}

export function paragraphsHandler(engine: Engine) {
  return (c: Context<SandboxEnv>) => {
    const t = find(engine, c);
    if (!t) return lookupError(engine, c);
    return notReady(c, t, "Paragraphs") ?? c.json(paragraphsJson(t));
  };
}

export function redactedAudioHandler(engine: Engine) {
  return (c: Context<SandboxEnv>) => {
    const t = find(engine, c);
    if (!t) return lookupError(engine, c);
    if (!t.params.redact_pii_audio) return v2Error(c, 400, "Redacted audio is only available for transcripts created with redact_pii_audio: true");
    const blocked = notReady(c, t, "Redacted audio files");
    if (blocked) return blocked;
    return c.json({ status: "redacted_audio_ready", redacted_audio_url: redactedAudioUrl(t.origin, t.id) });
  };
}

/** GET /v2/transcript/{id}/word-search?words=a,b (openapi.yml `WordSearchResponse`). */
export function wordSearchHandler(engine: Engine) {
  return (c: Context<SandboxEnv>) => {
    const t = find(engine, c);
    if (!t) return lookupError(engine, c);
    const terms = searchTerms(c.req.queries("words") ?? []);
    if (terms.length === 0) return v2Error(c, 400, "words is required: one or more comma-separated words or phrases");
    const long = terms.find((term) => term.split(/\s+/).length > MAX_TERM_WORDS);
    if (long !== undefined) return v2Error(c, 400, `A search phrase can have at most ${MAX_TERM_WORDS} words`);
    const blocked = notReady(c, t, "Word searches");
    if (blocked) return blocked;
    const matches = wordSearch(t.rendered?.words ?? [], terms);
    return c.json({ id: t.id, total_count: matches.reduce((n, m) => n + m.count, 0), matches });
  };
}

/** GET /v2/transcript/{id}/srt and /vtt, with the optional `chars_per_caption` (text/plain). */
export function subtitlesHandler(engine: Engine, format: "srt" | "vtt") {
  return (c: Context<SandboxEnv>) => {
    const t = find(engine, c);
    if (!t) return lookupError(engine, c);
    const raw = c.req.query("chars_per_caption");
    const chars = raw === undefined ? DEFAULT_CHARS_PER_CAPTION : Number(raw);
    if (!Number.isInteger(chars) || chars < 1) return v2Error(c, 400, "chars_per_caption must be a positive integer");
    const blocked = notReady(c, t, "Subtitles");
    if (blocked) return blocked;
    const words = t.rendered?.words ?? [];
    c.header("content-type", "text/plain; charset=utf-8");
    return c.body(format === "srt" ? toSrt(words, chars) : toVtt(words, chars));
  };
}
