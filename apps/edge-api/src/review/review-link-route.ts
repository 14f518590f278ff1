import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app/app-types.js";
import { tenantContext } from "../app/tenant-context.js";
import { requireApiKey } from "../auth/auth-middleware.js";
import { rateLimit } from "../auth/rate-limit.js";
import { errorResponses, HttpError } from "../http/errors.js";
import { BEARER_SCHEME, newRouter } from "../http/router.js";
import { noteNotFound } from "../notes/delete-note.js";
import { noteIdParamSchema } from "../notes/notes-schemas.js";
import { signReviewLink } from "./review-link.js";

/** Shortest and longest life of a review link, and its default (15 minutes). */
export const REVIEW_LINK_TTL = { min: 60, max: 3600, default: 900 } as const;

const mintBodySchema = z
  .strictObject({
    expires_in_seconds: z
      .number()
      .int()
      .min(REVIEW_LINK_TTL.min)
      .max(REVIEW_LINK_TTL.max)
      .optional()
      .openapi({ description: `Seconds the link works (${REVIEW_LINK_TTL.min}–${REVIEW_LINK_TTL.max}; default ${REVIEW_LINK_TTL.default}).` }),
    reviewer: z
      .strictObject({
        id: z.string().min(1).max(200).openapi({ description: "Your id of the reviewer, e.g. `Practitioner/123`.", example: "Practitioner/123" }),
        display: z.string().min(1).max(200).openapi({ example: "Dr Ada Lovelace" }),
      })
      .optional()
      .openapi({
        description:
          "Who will review through this link, as your system identified them. Without it the page cannot mark the note reviewed " +
          "(a browser cannot prove who it is to this API).",
      }),
  })
  .openapi("ReviewLinkRequest");

const mintedSchema = z
  .object({
    url: z.url().openapi({ description: "Open in a browser; it works until `expires_at`, for this note only." }),
    expires_at: z.iso.datetime(),
    can_mark_reviewed: z.boolean(),
  })
  .openapi("ReviewLink");

/** `POST /v1/notes/{id}/review-link` */
export const mintReviewLinkRoute = createRoute({
  method: "post",
  path: "/{id}/review-link",
  tags: ["Notes"],
  security: [{ [BEARER_SCHEME]: [] }],
  summary: "Mint a short-lived link to the note's review page",
  description:
    "A browser cannot send the API key, so the review page (the note beside its transcript, quotes highlighted, recording " +
    "playable while retention keeps it) opens from a signed, read-only link for one note, valid for minutes. With `reviewer`, " +
    "the page can mark the note reviewed as that person (recorded in the audit trail and as the FHIR Composition's attester).",
  request: { params: noteIdParamSchema, body: { required: false, content: { "application/json": { schema: mintBodySchema } } } },
  responses: {
    201: { description: "The link.", content: { "application/json": { schema: mintedSchema } } },
    ...errorResponses(400, 401, 404, 409, 429, 500),
  },
});

/** `/v1/notes/{id}/review-link`: minted with the tenant's API key, for the tenant's completed notes only. */
export function reviewLinkRouter(): OpenAPIHono<AppEnv> {
  const router = newRouter();
  router.use("/:id/review-link", requireApiKey, rateLimit);
  router.openapi(mintReviewLinkRoute, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json") ?? {};
    const { config, deps, auth } = c.var;
    if (config.reviewLinkSecret === undefined) {
      throw new HttpError(409, "conflict", "Review links are off on this deployment: set the REVIEW_LINK_SECRET secret (32 or more characters).");
    }
    const row = await tenantContext(config, deps, auth.tenantId).tenant.get(id);
    if (!row) throw noteNotFound();
    if (row.status !== "completed" || !row.note_json) {
      throw new HttpError(409, "note_not_ready", `The note is not ready (status: ${row.status}).`, { details: { status: row.status } });
    }
    const expiresAt = deps.now() + (body.expires_in_seconds ?? REVIEW_LINK_TTL.default) * 1000;
    const token = await signReviewLink(config.reviewLinkSecret, { tenantId: auth.tenantId, noteId: id, keyId: auth.keyId, expiresAt, reviewer: body.reviewer });
    deps.log({ level: "info", event: "review_link.minted", job_id: id, tenant_id: auth.tenantId, reviewer: body.reviewer !== undefined });
    return c.json({ url: `${config.publicBaseUrl}/review/${token}`, expires_at: new Date(expiresAt).toISOString(), can_mark_reviewed: body.reviewer !== undefined }, 201);
  });
  return router;
}
