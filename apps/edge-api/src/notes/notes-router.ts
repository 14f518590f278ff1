import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app/app-types.js";
import { tenantContext, type TenantContext } from "../app/tenant-context.js";
import { countCreate, rateLimit } from "../auth/rate-limit.js";
import { requireApiKey } from "../auth/auth-middleware.js";
import { HttpError } from "../http/errors.js";
import { newRouter } from "../http/router.js";
import { recordNoteAccess } from "../audit/record-access.js";
import { IDEMPOTENT_REPLAYED_HEADER, readIdempotencyKey } from "../idempotency/idempotency-key.js";
import { audioUrlProblem } from "./create-note-audio-url.js";
import { createNoteJob, redactionRequired } from "./create-note-job.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { deleteNote, noteNotFound } from "./delete-note.js";
import { parseStoredNote, toNoteResource, toNoteSummary } from "./note-resource.js";
import { createNoteRoute, deleteNoteRoute, finishedNotesRoute, getNoteRoute, listNotesRoute, regenerateSectionRoute } from "./notes-routes.js";
import { FINISHED_SETTLE_MS, finishedNotes } from "./finished-feed.js";
import { uploadedAudioUrl } from "../uploads/uploaded-audio.js";
import { regenerateIdempotent } from "./regenerate-idempotent.js";
import { NOTE_CONTENT_TYPES, renderNote, toFhirBundle } from "@org/soap-core/export";
import { reviewerAttester, reviewsRepo } from "../review/review-repo.js";

/**
 * `/v1/notes`: every route needs an API key and counts against its rate limit; all data is this
 * tenant's. Creating routes (create, regenerate) also count against the tenant's stricter limits and
 * take an `Idempotency-Key`.
 */
export function notesRouter(): OpenAPIHono<AppEnv> {
  const router = newRouter();
  router.use("*", requireApiKey, rateLimit);

  router.openapi(createNoteRoute, async (c) => {
    const body = c.req.valid("json");
    const { config, auth } = c.var;
    const problem = body.audio_url === undefined ? undefined : audioUrlProblem(body.audio_url, { development: config.development, allowedHosts: auth.audioUrlHosts });
    if (problem !== undefined) {
      throw new HttpError(400, "validation_failed", `Invalid json: audio_url ${problem}`, {
        details: { issues: [{ field: "audio_url", location: "json", message: problem }] },
      });
    }
    if (config.enforceRedaction && body.redaction === false) throw redactionRequired();
    // The key covers the request as sent (with its upload_id), not the signed URL made from it.
    const idempotency = await readIdempotencyKey(c, body);
    const upload = body.upload_id === undefined ? undefined : await uploadedAudioUrl(c, body.upload_id, idempotency);
    await countCreate(c);
    const audioUrl = upload?.url ?? (body.audio_url as string);
    const { note, replayed } = await createNoteJob(callerContext(c), { ...body, audio_url: audioUrl }, idempotency);
    if (upload !== undefined && !replayed) await upload.link(note.id);
    return c.json(note, 202, { Location: `/v1/notes/${encodeURIComponent(note.id)}`, ...replayedHeader(replayed) });
  });

  router.openapi(listNotesRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (cursor !== undefined && after === undefined) {
      throw new HttpError(400, "validation_failed", "Invalid query: cursor", {
        details: { issues: [{ field: "cursor", location: "query", message: "not a cursor from a previous page" }] },
      });
    }
    const rows = await callerContext(c).tenant.list(limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next = rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null;
    return c.json({ data: page.map(toNoteSummary), next_cursor: next }, 200);
  });

  router.openapi(finishedNotesRoute, async (c) => {
    const { limit, after, since } = c.req.valid("query");
    const position = after === undefined ? (since === undefined ? undefined : { createdAt: since - 1, id: "\uffff" }) : decodeCursor(after);
    if (after !== undefined && position === undefined) {
      throw new HttpError(400, "validation_failed", "Invalid query: after", {
        details: { issues: [{ field: "after", location: "query", message: "not a cursor from a previous answer" }] },
      });
    }
    const rows = await finishedNotes(c.var.config.db, c.var.auth.tenantId, position, c.var.deps.now() - FINISHED_SETTLE_MS, limit);
    const last = rows[rows.length - 1];
    const next = last ? encodeCursor({ createdAt: last.finished_at, id: last.id }) : (after ?? null);
    const data = rows.map((r) => ({
      id: r.id,
      status: r.status,
      failure: r.status === "failed" ? { code: r.failure_code ?? "failed", reason: r.failure_reason ?? "" } : null,
      finished_at: new Date(r.finished_at).toISOString(),
    }));
    return c.json({ data, next_cursor: next }, 200);
  });

  router.openapi(getNoteRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { format } = c.req.valid("query");
    const row = await callerContext(c).tenant.get(id);
    if (!row) throw noteNotFound();
    if (format === undefined) {
      // PHI access trail: a read that returns the note (not a status poll); recorded before the answer leaves.
      if (row.note_json) await recordNoteAccess(c, "note.read", id);
      return c.json(toNoteResource(row), 200);
    }
    if (row.status !== "completed" || !row.note_json) {
      throw new HttpError(409, "note_not_ready", `The note is not ready (status: ${row.status}).`, { details: { status: row.status } });
    }
    await recordNoteAccess(c, "note.exported", id, format);
    const note = parseStoredNote(row.note_json);
    // A note marked reviewed on its review page names its reviewer as the Composition's attester.
    const review = format === "fhir" ? await reviewsRepo(c.var.config.db, c.var.auth.tenantId).get(id) : null;
    const body = review ? `${JSON.stringify(toFhirBundle(note, { reviewedBy: reviewerAttester(review) }), null, 2)}\n` : renderNote(note, format);
    return c.body(body, 200, { "Content-Type": NOTE_CONTENT_TYPES[format] });
  });

  router.openapi(regenerateSectionRoute, async (c) => {
    const { id, section } = c.req.valid("param");
    const idempotency = await readIdempotencyKey(c, undefined);
    await countCreate(c);
    const { row, replayed } = await regenerateIdempotent(callerContext(c), id, section, idempotency);
    await recordNoteAccess(c, replayed ? "note.read" : "note.regenerated", id, replayed ? undefined : section);
    return c.json(toNoteResource(row), 200, replayedHeader(replayed));
  });

  router.openapi(deleteNoteRoute, async (c) => {
    const { id } = c.req.valid("param");
    // Recorded in the audit trail in the same D1 batch as the deletion.
    const deleted = await deleteNote(callerContext(c), id, c.var.auth.keyId);
    if (deleted.status === "deleting") return c.json({ id, status: "deleting" as const, transcript_id: deleted.transcriptId }, 202);
    return c.body(null, 204);
  });

  return router;
}

function replayedHeader(replayed: boolean): Record<string, string> {
  return replayed ? { [IDEMPOTENT_REPLAYED_HEADER]: "true" } : {};
}

/** The context of the API key's tenant (set by {@link requireApiKey}). */
function callerContext(c: Context<AppEnv>): TenantContext {
  return tenantContext(c.var.config, c.var.deps, c.var.auth.tenantId);
}
