import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app/app-types.js";
import { rateLimit } from "../auth/rate-limit.js";
import { requireApiKey } from "../auth/auth-middleware.js";
import { errorResponses, HttpError } from "../http/errors.js";
import { BEARER_SCHEME, newRouter } from "../http/router.js";
import { AUDIT_ACTIONS, auditRepo, type AuditRow } from "./audit-repo.js";

const auditEventSchema = z
  .object({
    id: z.string().openapi({ description: "Increasing: a later event has a larger id." }),
    at: z.iso.datetime(),
    actor: z.object({
      type: z.enum(["api_key", "system"]).openapi({ description: "`system`: the deployment itself (retention, offboarding, a late webhook)." }),
      key_id: z.string().nullable().openapi({ description: "The API key's id (never the key); null for `system`." }),
    }),
    action: z.enum(AUDIT_ACTIONS),
    note_id: z.string().nullable().openapi({ description: "The note; null for `webhook_endpoint.*` events." }),
    endpoint_id: z.string().optional().openapi({ description: "The webhook endpoint of a `webhook_endpoint.*` event (created, deleted, secret_rotated, disabled, enabled, updated)." }),
    detail: z.string().nullable().openapi({ description: "The export format, the regenerated section, or why a transcript was deleted." }),
  })
  .openapi("AuditEvent");

const auditListSchema = z
  .object({
    data: z.array(auditEventSchema),
    next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` for older events; null on the last page." }),
  })
  .openapi("AuditEventList");

const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ param: { name: "limit", in: "query" } }),
  cursor: z.string().min(1).max(40).optional().openapi({ param: { name: "cursor", in: "query" } }),
});

/** `GET /v1/audit` */
export const listAuditRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Audit"],
  security: [{ [BEARER_SCHEME]: [] }],
  summary: "This tenant's PHI access trail, newest first",
  description:
    "Every read (`note.read`), export (`note.exported`, with the format), section regeneration (`note.regenerated`, with the section) " +
    "and deletion (`note.deleted`) of a note, with the API key that did it, and every deletion of a transcript at AssemblyAI by the " +
    "deployment (`transcript.purged`: retention, deletion, offboarding). Ids only: no note or transcript content. Kept when notes are deleted.",
  request: { query: auditQuerySchema },
  responses: {
    200: { description: "One page of events.", content: { "application/json": { schema: auditListSchema } } },
    ...errorResponses(400, 401, 429, 500),
  },
});

function toEvent(row: AuditRow): z.infer<typeof auditEventSchema> {
  return {
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    actor: { type: row.actor, key_id: row.key_id },
    action: row.action,
    note_id: row.note_id,
    ...(row.endpoint_id ? { endpoint_id: row.endpoint_id } : {}),
    detail: row.detail,
  };
}

/** `/v1/audit`: the caller's tenant's audit trail (API key and rate limit as for notes). */
export function auditRouter(): OpenAPIHono<AppEnv> {
  const router = newRouter();
  router.use("*", requireApiKey, rateLimit);
  router.openapi(listAuditRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const before = cursor === undefined ? undefined : Number(cursor);
    if (before !== undefined && !(Number.isSafeInteger(before) && before > 0 && String(before) === cursor)) {
      throw new HttpError(400, "validation_failed", "Invalid query: cursor", {
        details: { issues: [{ field: "cursor", location: "query", message: "not a cursor from a previous page (pass next_cursor as it is)" }] },
      });
    }
    const rows = await auditRepo(c.var.config.db, c.var.deps.now).list(c.var.auth.tenantId, limit + 1, before);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return c.json({ data: page.map(toEvent), next_cursor: rows.length > limit && last ? String(last.id) : null }, 200);
  });
  return router;
}
