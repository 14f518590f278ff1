import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app/app-types.js";
import { tenantContext, type TenantContext } from "../app/tenant-context.js";
import { rateLimit } from "../auth/rate-limit.js";
import { requireApiKey } from "../auth/auth-middleware.js";
import { HttpError } from "../http/errors.js";
import { newRouter } from "../http/router.js";
import { createNoteJob } from "./create-note-job.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { deleteNote, noteNotFound } from "./delete-note.js";
import { parseStoredNote, toNoteResource, toNoteSummary } from "./note-resource.js";
import { createNoteRoute, deleteNoteRoute, getNoteRoute, listNotesRoute, regenerateSectionRoute } from "./notes-routes.js";
import { regenerateNoteSection } from "./regenerate-note-section.js";
import { NOTE_CONTENT_TYPES, renderNote } from "@org/soap-core/export";

/** `/v1/notes`: every route needs an API key and counts against its rate limit; all data is this tenant's. */
export function notesRouter(): OpenAPIHono<AppEnv> {
  const router = newRouter();
  router.use("*", requireApiKey, rateLimit);

  router.openapi(createNoteRoute, async (c) => {
    const created = await createNoteJob(callerContext(c), c.req.valid("json"));
    return c.json(created, 202, { Location: `/v1/notes/${encodeURIComponent(created.id)}` });
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

  router.openapi(getNoteRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { format } = c.req.valid("query");
    const row = await callerContext(c).tenant.get(id);
    if (!row) throw noteNotFound();
    if (format === undefined) return c.json(toNoteResource(row), 200);
    if (row.status !== "completed" || !row.note_json) {
      throw new HttpError(409, "note_not_ready", `The note is not ready (status: ${row.status}).`, { details: { status: row.status } });
    }
    return c.body(renderNote(parseStoredNote(row.note_json), format), 200, { "Content-Type": NOTE_CONTENT_TYPES[format] });
  });

  router.openapi(regenerateSectionRoute, async (c) => {
    const { id, section } = c.req.valid("param");
    const row = await regenerateNoteSection(callerContext(c), id, section);
    return c.json(toNoteResource(row), 200);
  });

  router.openapi(deleteNoteRoute, async (c) => {
    await deleteNote(callerContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });

  return router;
}

/** The context of the API key's tenant (set by {@link requireApiKey}). */
function callerContext(c: Context<AppEnv>): TenantContext {
  return tenantContext(c.var.config, c.var.deps, c.var.auth.tenantId);
}
