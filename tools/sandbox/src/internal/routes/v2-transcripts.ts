import type { Context } from "hono";
import { INJECTED_ERROR_MESSAGE, type Engine } from "../engine.js";
import { v2Error } from "../http-errors.js";
import type { SandboxEnv } from "../middleware.js";
import type { StoredTranscript } from "../state.js";
import { describeIssue, transcriptParamsSchema } from "../transcript-params.js";
import { listItemJson, paragraphsJson, redactedAudioUrl, sentencesJson, transcriptJson } from "../transcript-json.js";
import { listTranscripts } from "./v2-list.js";

export const NOT_FOUND = "Transcript lookup error, transcript id not found";

/** The job with this id owned by the caller, advanced to the clock, or undefined. */
function find(engine: Engine, c: Context<SandboxEnv>): StoredTranscript | undefined {
  engine.advance();
  const t = engine.state.transcripts.get(c.req.param("id") ?? "");
  return t && t.owner === c.get("owner") ? t : undefined;
}

function notReady(c: Context<SandboxEnv>, t: StoredTranscript, what: string): Response | null {
  if (t.deleted) return v2Error(c, 400, `${what} are not available: the transcript was deleted`);
  if (t.status !== "completed" || !t.rendered) return v2Error(c, 400, `${what} are only available for completed transcripts (status is "${t.status}")`);
  return null;
}

/** The transcript routes mounted at /v2/transcript (each wrapped by its route middleware in app.ts). */
export function createTranscriptHandler(engine: Engine) {
  return async (c: Context<SandboxEnv>) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return v2Error(c, 400, "Invalid request body: expected a JSON object");
    }
    const parsed = transcriptParamsSchema.safeParse(raw);
    if (!parsed.success) return v2Error(c, 400, describeIssue(parsed.error));
    const fault = engine.faults.take("create", ["transcript_error"]);
    const created = engine.createTranscript(c.get("owner"), c.get("origin"), parsed.data, fault ? fault.message ?? INJECTED_ERROR_MESSAGE : null);
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
    return t ? c.json(transcriptJson(t)) : v2Error(c, engine.options.notFoundStatus, NOT_FOUND);
  };
}

export function deleteHandler(engine: Engine) {
  return (c: Context<SandboxEnv>) => {
    const t = find(engine, c);
    if (!t) return v2Error(c, engine.options.notFoundStatus, NOT_FOUND);
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
    if (!t) return v2Error(c, engine.options.notFoundStatus, NOT_FOUND);
    return notReady(c, t, "Sentences") ?? c.json(sentencesJson(t));
  };
}

export function paragraphsHandler(engine: Engine) {
  return (c: Context<SandboxEnv>) => {
    const t = find(engine, c);
    if (!t) return v2Error(c, engine.options.notFoundStatus, NOT_FOUND);
    return notReady(c, t, "Paragraphs") ?? c.json(paragraphsJson(t));
  };
}

export function redactedAudioHandler(engine: Engine) {
  return (c: Context<SandboxEnv>) => {
    const t = find(engine, c);
    if (!t) return v2Error(c, engine.options.notFoundStatus, NOT_FOUND);
    if (!t.params.redact_pii_audio) return v2Error(c, 400, "Redacted audio is only available for transcripts created with redact_pii_audio: true");
    const blocked = notReady(c, t, "Redacted audio files");
    if (blocked) return blocked;
    return c.json({ status: "redacted_audio_ready", redacted_audio_url: redactedAudioUrl(t.origin, t.id) });
  };
}
