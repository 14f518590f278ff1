import type { Context } from "hono";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { SOAP_SECTIONS, type SoapSectionName } from "@org/soap-core/engine";
import { audioCspSource, reviewPageCsp, reviewTranscript, toReviewHtml } from "@org/soap-core/export";
import type { AppEnv } from "../app/app-types.js";
import { tenantContext, type TenantContext } from "../app/tenant-context.js";
import { auditRepo } from "../audit/audit-repo.js";
import { recordNoteAccess } from "../audit/record-access.js";
import { constantTimeEqual, sha256Hex } from "../auth/crypto.js";
import { keysRepo } from "../auth/keys-repo.js";
import { countCreate, rateLimit } from "../auth/rate-limit.js";
import { HttpError } from "../http/errors.js";
import type { IdempotencyKey } from "../idempotency/idempotency-key.js";
import { noteNotFound } from "../notes/delete-note.js";
import { parseStoredNote } from "../notes/note-resource.js";
import { regenerateIdempotent } from "../notes/regenerate-idempotent.js";
import { csrfTokenFor, verifyReviewLink, type ReviewLinkClaims } from "./review-link.js";
import { htmlErrorsForBrowsers } from "./review-error-page.js";
import { reviewsRepo } from "./review-repo.js";
import { reviewSources } from "./review-sources.js";

declare module "hono" {
  interface ContextVariableMap {
    /** The verified claims of the review link this request came with. */
    reviewLink: ReviewLinkClaims;
  }
}

/** What the page says after an action (a fixed sentence per outcome: nothing from the query is echoed). */
const NOTICES: Record<string, string> = Object.fromEntries([
  ["reviewed", "The note is marked reviewed."],
  ...SOAP_SECTIONS.map((s) => [`regenerated-${s}`, `The ${s} section was regenerated: check its statements again.`]),
]);

const linkRefused = () => new HttpError(403, "forbidden", "This review link is invalid or has expired: ask for a new one.");

/**
 * Verifies the link in the path (signature, then expiry, then that the key that minted it is still live:
 * 403 for any, without saying which), then
 * acts as the API key that minted it, for its tenant only: the per-key rate limit and the tenant's
 * quotas count as for that key.
 */
const requireReviewLink = createMiddleware<AppEnv>(async (c, next) => {
  const secret = c.var.config.reviewLinkSecret;
  const token = c.req.param("token") ?? "";
  if (secret === undefined) throw linkRefused();
  const verified = await verifyReviewLink(secret, token, c.var.deps.now());
  if (!verified.ok) {
    c.var.deps.log({ level: "warn", event: "review_link.refused", reason: verified.problem });
    throw linkRefused();
  }
  // A link acts as the key that minted it: once that key is revoked or expired, so is the link.
  if (!(await keysRepo(c.var.config.db).isLive(verified.claims.keyId, verified.claims.tenantId, c.var.deps.now()))) {
    c.var.deps.log({ level: "warn", event: "review_link.refused", reason: "key_not_live" });
    throw linkRefused();
  }
  c.set("reviewLink", verified.claims);
  c.set("auth", { tenantId: verified.claims.tenantId, keyId: verified.claims.keyId, audioUrlHosts: null });
  await next();
});

/** A completed note of the link's tenant: 404 for a note of another tenant or none, 409 for one not ready. */
async function linkedNote(c: Context<AppEnv>): Promise<{ ctx: TenantContext; row: NonNullable<Awaited<ReturnType<TenantContext["tenant"]["get"]>>> }> {
  const claims = c.var.reviewLink;
  const ctx = tenantContext(c.var.config, c.var.deps, claims.tenantId);
  const row = await ctx.tenant.get(claims.noteId);
  if (!row) throw noteNotFound();
  if (row.status !== "completed" || !row.note_json) {
    throw new HttpError(409, "note_not_ready", `The note is not ready (status: ${row.status}).`, { details: { status: row.status } });
  }
  return { ctx, row };
}

/**
 * A POST from the page itself: the browser says it is same-origin (`Sec-Fetch-Site`), or, from a browser
 * that does not send that, `Origin` is this deployment; and the form carries the link's CSRF token.
 * (`Referrer-Policy: no-referrer` makes browsers send `Origin: null` on form posts, so `Sec-Fetch-Site`
 * is what a modern browser is checked by.)
 */
async function checkPagePost(c: Context<AppEnv>, token: string): Promise<Record<string, string>> {
  const site = c.req.header("sec-fetch-site");
  const origin = c.req.header("origin");
  const sameOrigin = site !== undefined ? site === "same-origin" : origin !== undefined && origin === new URL(c.var.config.publicBaseUrl).origin;
  if (!sameOrigin) throw new HttpError(403, "forbidden", "Cross-site request refused: use the buttons of the review page.");
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) throw new HttpError(415, "unsupported_media_type", "The review page posts HTML forms (application/x-www-form-urlencoded).");
  const form = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (typeof v === "string") fields[k] = v;
  const expected = await csrfTokenFor(c.var.config.reviewLinkSecret as string, token);
  if (!(await constantTimeEqual(fields["csrf"] ?? "", expected))) throw new HttpError(403, "forbidden", "The form's CSRF token does not match this review link: reload the page and try again.");
  return fields;
}

/** The form's `idempotency_key` as the API's Idempotency-Key (hashed; same rules: 1–255 visible ASCII characters). */
async function formIdempotencyKey(c: Context<AppEnv>, value: string | undefined): Promise<IdempotencyKey | undefined> {
  if (value === undefined || value === "") return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new HttpError(400, "validation_failed", "Invalid form field: idempotency_key", {
      details: { issues: [{ field: "idempotency_key", location: "form", message: "must be 1 to 255 visible ASCII characters" }] },
    });
  }
  const [keyHash, requestHash] = await Promise.all([sha256Hex(value), sha256Hex(`POST ${new URL(c.req.url).pathname}\nnull`)]);
  return { keyHash, requestHash };
}

const pagePath = (token: string) => `/review/${token}`;

/**
 * `/review/{token}`: the review page of one note (HTML under a strict CSP, never cached, no referrer),
 * and its two actions, each a same-origin form POST with the link's CSRF token that answers 303 back to
 * the page: regenerate a section (the API's regeneration: same engine call, idempotency and quotas) and
 * mark the note reviewed (only for a link minted with a reviewer).
 */
export function reviewPageRouter(): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.use("/:token", htmlErrorsForBrowsers, requireReviewLink, rateLimit);
  router.use("/:token/*", htmlErrorsForBrowsers, requireReviewLink, rateLimit);

  router.get("/:token", async (c) => {
    const token = c.req.param("token");
    const claims = c.var.reviewLink;
    const { ctx, row } = await linkedNote(c);
    const note = parseStoredNote(row.note_json as string);
    const [sources, review] = await Promise.all([reviewSources(ctx, row), reviewsRepo(ctx.config.db, claims.tenantId).get(claims.noteId)]);
    const secret = c.var.config.reviewLinkSecret as string;
    const regenerateUrls = Object.fromEntries(SOAP_SECTIONS.map((s) => [s, `${pagePath(token)}/sections/${s}/regenerate`])) as Record<SoapSectionName, string>;
    const html = toReviewHtml(note, {
      transcript: sources.transcript ? reviewTranscript(sources.transcript, note) : undefined,
      audio: sources.audio,
      review: review ? { reviewer: review.reviewer.display, reviewedAt: new Date(review.reviewedAt).toISOString() } : undefined,
      notice: NOTICES[c.req.query("done") ?? ""],
      actions: {
        csrfToken: await csrfTokenFor(secret, token),
        regenerateUrls,
        ...(claims.reviewer
          ? { markReviewedUrl: `${pagePath(token)}/reviewed`, reviewer: claims.reviewer.display }
          : { markReviewedUnavailable: "This link was made without a reviewer's identity, so the note cannot be marked reviewed from it: ask for a link made for you (with `reviewer`)." }),
      },
    });
    await recordNoteAccess(c, "note.read", claims.noteId, "review_page");
    const csp = reviewPageCsp({ mediaSrc: "src" in sources.audio ? [audioCspSource(sources.audio.src)] : [], formAction: ["'self'"] });
    return c.html(html, 200, {
      "Content-Security-Policy": csp,
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex, nofollow",
    });
  });

  router.post("/:token/sections/:section/regenerate", async (c) => {
    const token = c.req.param("token");
    const section = c.req.param("section") as SoapSectionName;
    if (!(SOAP_SECTIONS as readonly string[]).includes(section)) throw new HttpError(404, "not_found", `No section ${section.slice(0, 40)}: use one of ${SOAP_SECTIONS.join(", ")}.`);
    const fields = await checkPagePost(c, token);
    const idempotency = await formIdempotencyKey(c, fields["idempotency_key"]);
    const { ctx } = await linkedNote(c);
    await countCreate(c);
    const { replayed } = await regenerateIdempotent(ctx, c.var.reviewLink.noteId, section, idempotency);
    await recordNoteAccess(c, replayed ? "note.read" : "note.regenerated", c.var.reviewLink.noteId, replayed ? "review_page" : section);
    return c.redirect(`${pagePath(token)}?done=regenerated-${section}`, 303);
  });

  router.post("/:token/reviewed", async (c) => {
    const token = c.req.param("token");
    const claims = c.var.reviewLink;
    await checkPagePost(c, token);
    if (!claims.reviewer) throw new HttpError(403, "forbidden", "This link carries no reviewer identity, so it cannot mark the note reviewed.");
    const { ctx } = await linkedNote(c);
    const now = ctx.deps.now();
    const { db } = ctx.config;
    await db.batch([
      reviewsRepo(db, claims.tenantId).upsertStatement(claims.noteId, { reviewer: claims.reviewer, reviewedAt: now }, claims.keyId),
      auditRepo(db, () => now).insertStatement({ tenantId: claims.tenantId, keyId: claims.keyId, action: "note.reviewed", noteId: claims.noteId, detail: `reviewer:${claims.reviewer.id}`.slice(0, 200) }),
    ]);
    ctx.deps.log({ level: "info", event: "note.reviewed", job_id: claims.noteId, tenant_id: claims.tenantId });
    return c.redirect(`${pagePath(token)}?done=reviewed`, 303);
  });

  return router;
}
