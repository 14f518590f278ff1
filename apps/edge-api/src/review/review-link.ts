import { z } from "zod";
import { fromBase64Url, hmacSha256, toBase64Url, verifyHmacSha256 } from "../auth/crypto.js";

const encoder = new TextEncoder();

/** Who reviews through a link, as the tenant asserted it when minting the link. */
export interface Reviewer {
  /** The tenant's id of the person (e.g. a FHIR `Practitioner/…` reference or a user id). */
  id: string;
  display: string;
}

/** What a review link grants: one note of one tenant, until `expiresAt`, minted by one API key. */
export interface ReviewLinkClaims {
  tenantId: string;
  noteId: string;
  keyId: string;
  /** Epoch ms. */
  expiresAt: number;
  reviewer?: Reviewer | undefined;
}

const claimsSchema = z.object({
  t: z.string().min(1),
  n: z.string().min(1),
  k: z.string().min(1),
  e: z.number().int().positive(),
  r: z.object({ id: z.string().min(1), display: z.string().min(1) }).optional(),
});

/** Why a link is refused (both answer 403: the page never says which part was wrong to a stranger). */
export type ReviewLinkProblem = "malformed" | "bad_signature" | "expired";

/**
 * Signs a review link token: `<base64url claims>.<base64url HMAC-SHA256>` with the deployment's
 * `REVIEW_LINK_SECRET`. The token is the link's only credential: short-lived, one note, read-only
 * except for the page's CSRF-protected forms.
 */
export async function signReviewLink(secret: string, claims: ReviewLinkClaims): Promise<string> {
  const body = { t: claims.tenantId, n: claims.noteId, k: claims.keyId, e: claims.expiresAt, ...(claims.reviewer ? { r: claims.reviewer } : {}) };
  const payload = toBase64Url(encoder.encode(JSON.stringify(body)));
  return `${payload}.${await hmacSha256(`review-link\n${secret}`, payload)}`;
}

/** Checks a token's signature (in constant time, by Web Crypto) and expiry; returns its claims or why it is refused. */
export async function verifyReviewLink(
  secret: string,
  token: string,
  now: number,
): Promise<{ ok: true; claims: ReviewLinkClaims } | { ok: false; problem: ReviewLinkProblem }> {
  const [payload, sig, extra] = token.split(".");
  if (!payload || sig === undefined || !fromBase64Url(sig) || extra !== undefined || token.length > 2048) return { ok: false, problem: "malformed" };
  if (!(await verifyHmacSha256(`review-link\n${secret}`, payload, sig))) return { ok: false, problem: "bad_signature" };
  const raw = fromBase64Url(payload);
  let parsed;
  try {
    parsed = claimsSchema.safeParse(JSON.parse(new TextDecoder().decode(raw)));
  } catch {
    return { ok: false, problem: "malformed" };
  }
  if (!parsed.success) return { ok: false, problem: "malformed" };
  const c = parsed.data;
  if (now >= c.e) return { ok: false, problem: "expired" };
  return { ok: true, claims: { tenantId: c.t, noteId: c.n, keyId: c.k, expiresAt: c.e, reviewer: c.r } };
}

/** The page's CSRF token: bound to the link (a form from another link, or another site, does not carry it). */
export async function csrfTokenFor(secret: string, token: string): Promise<string> {
  return hmacSha256(`review-csrf\n${secret}`, token);
}
