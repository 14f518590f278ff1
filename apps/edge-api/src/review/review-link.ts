import { z } from "zod";

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

const b64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function fromB64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function hmac(secret: string, data: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(data)));
}

async function verifyHmac(secret: string, data: string, signature: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  return crypto.subtle.verify("HMAC", key, signature, encoder.encode(data));
}

/**
 * Signs a review link token: `<base64url claims>.<base64url HMAC-SHA256>` with the deployment's
 * `REVIEW_LINK_SECRET`. The token is the link's only credential: short-lived, one note, read-only
 * except for the page's CSRF-protected forms.
 */
export async function signReviewLink(secret: string, claims: ReviewLinkClaims): Promise<string> {
  const body = { t: claims.tenantId, n: claims.noteId, k: claims.keyId, e: claims.expiresAt, ...(claims.reviewer ? { r: claims.reviewer } : {}) };
  const payload = b64url(encoder.encode(JSON.stringify(body)));
  return `${payload}.${b64url(await hmac(`review-link\n${secret}`, payload))}`;
}

/** Checks a token's signature (in constant time, by Web Crypto) and expiry; returns its claims or why it is refused. */
export async function verifyReviewLink(
  secret: string,
  token: string,
  now: number,
): Promise<{ ok: true; claims: ReviewLinkClaims } | { ok: false; problem: ReviewLinkProblem }> {
  const [payload, sig, extra] = token.split(".");
  const signature = sig === undefined ? undefined : fromB64url(sig);
  if (!payload || !signature || extra !== undefined || token.length > 2048) return { ok: false, problem: "malformed" };
  if (!(await verifyHmac(`review-link\n${secret}`, payload, signature))) return { ok: false, problem: "bad_signature" };
  const raw = fromB64url(payload);
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
  return b64url(await hmac(`review-csrf\n${secret}`, token));
}
