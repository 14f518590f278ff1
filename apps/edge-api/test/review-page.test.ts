import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { REVIEW_SCRIPT_HASH } from "@org/soap-core/export";
import { signReviewLink } from "../src/review/review-link.js";
import { completedNote, envelope } from "./support/flow.js";
import { API_ORIGIN, createHarness, type Harness } from "./support/harness.js";

const SECRET = "review-link-secret-for-tests-0123456789";
const HOUR = 3_600_000;

interface Minted {
  url: string;
  expires_at: string;
  can_mark_reviewed: boolean;
}

/** The id of the (one) API key seeded for a tenant. */
async function keyIdOf(tenantId: string): Promise<string> {
  const row = await env.DB.prepare("SELECT id FROM api_keys WHERE tenant_id = ?1").bind(tenantId).first<{ id: string }>();
  return row?.id ?? "";
}

async function mint(h: Harness, key: string, id: string, json: unknown = {}): Promise<Response> {
  return h.request(`/v1/notes/${id}/review-link`, { method: "POST", key, json });
}

async function linkPath(h: Harness, key: string, id: string, json: unknown = {}): Promise<string> {
  const res = await mint(h, key, id, json);
  expect(res.status, await res.clone().text()).toBe(201);
  const body = (await res.json()) as Minted;
  expect(body.url.startsWith(`${API_ORIGIN}/review/`)).toBe(true);
  return body.url.slice(API_ORIGIN.length);
}

/** A form POST as the page's own button sends it (same-origin, the page's CSRF token and idempotency key). */
async function submit(h: Harness, page: string, action: string, headers: Record<string, string> = { "sec-fetch-site": "same-origin" }, override: Record<string, string> = {}): Promise<Response> {
  const html = await (await h.request(page)).text();
  const form = new RegExp(`<form[^>]*action="${action.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}">(.*?)</form>`).exec(html)?.[1];
  expect(form, `no form posting to ${action}`).toBeDefined();
  const fields = new URLSearchParams();
  for (const m of (form as string).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(m[1] as string, m[2] as string);
  for (const [k, v] of Object.entries(override)) fields.set(k, v);
  return h.request(action, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: fields.toString(), redirect: "manual" });
}

describe("review links and the review page (#18)", () => {
  it("serves the note's page from a minted link under a strict CSP, never cached, without a referrer", async () => {
    const h = createHarness({ vars: { REVIEW_LINK_SECRET: SECRET } });
    const { key, tenantId } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    const page = await linkPath(h, key, id);
    const res = await h.request(page);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${REVIEW_SCRIPT_HASH}`);
    expect(csp).toMatch(/media-src https:\/\/media\.example\.com(;|$)/);
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await res.text();
    expect(html).toContain('<audio id="audio" controls preload="metadata" src="https://media.example.com/visits/visit-02-knee-sprain.mp3"');
    expect(html).toContain('<ol class="utts">');
    // Minted without a reviewer: no "mark reviewed", and the page says why.
    expect(html).not.toContain("Mark as reviewed");
    expect(html).toContain("made without a reviewer");
    const audit = await env.DB.prepare("SELECT action, detail FROM audit_events WHERE tenant_id = ?1 AND note_id = ?2 ORDER BY id DESC LIMIT 1").bind(tenantId, id).first();
    expect(audit).toEqual({ action: "note.read", detail: "review_page" });
  });

  it("answers 403 to a forged or expired link, and 404 to a link for another tenant's note", async () => {
    const h = createHarness({ vars: { REVIEW_LINK_SECRET: SECRET } });
    const a = await h.seedTenant("A");
    const b = await h.seedTenant("B");
    const id = await completedNote(h, a.key);
    const page = await linkPath(h, a.key, id, { expires_in_seconds: 60 });
    const [payload, sig] = page.slice("/review/".length).split(".");
    expect((await h.request(`/review/${payload}.${(sig as string).replace(/^./, (ch) => (ch === "A" ? "B" : "A"))}`)).status).toBe(403);
    expect((await h.request(`/review/${await signReviewLink("another-secret-of-32-characters-xx", { tenantId: a.tenantId, noteId: id, keyId: "k", expiresAt: h.now() + HOUR })}`)).status).toBe(403);
    h.advance(60_000);
    const expired = await h.request(page);
    expect(expired.status).toBe(403);
    expect((await envelope(expired)).error.code).toBe("forbidden");
    // Tenant B cannot mint one for A's note, and a link signed for B never reaches A's note.
    expect((await mint(h, b.key, id)).status).toBe(404);
    const foreign = await signReviewLink(SECRET, { tenantId: b.tenantId, noteId: id, keyId: await keyIdOf(b.tenantId), expiresAt: h.now() + HOUR });
    expect((await h.request(`/review/${foreign}`)).status).toBe(404);
  });

  it("marks the note reviewed as the reviewer the tenant named: audit trail, page, and FHIR attester", async () => {
    const h = createHarness({ vars: { REVIEW_LINK_SECRET: SECRET } });
    const { key, tenantId } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    const page = await linkPath(h, key, id, { reviewer: { id: "Practitioner/ada", display: "Dr Ada <Lovelace>" } });
    const res = await submit(h, page, `${page}/reviewed`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${page}?done=reviewed`);
    const after = await (await h.request(`${page}?done=reviewed`)).text();
    expect(after).toContain("Marked reviewed by <strong>Dr Ada &lt;Lovelace&gt;</strong>");
    expect(after).toContain('<p class="notice" role="status">The note is marked reviewed.</p>');
    const audit = await env.DB.prepare("SELECT action, detail FROM audit_events WHERE tenant_id = ?1 AND note_id = ?2 AND action = 'note.reviewed'").bind(tenantId, id).first();
    expect(audit).toEqual({ action: "note.reviewed", detail: "reviewer:Practitioner/ada" });
    const bundle = (await (await h.request(`/v1/notes/${id}?format=fhir`, { key })).json()) as { entry: { resource: { attester?: unknown } }[] };
    expect(bundle.entry[0]?.resource.attester).toEqual([
      { mode: "professional", time: new Date(h.now()).toISOString(), party: { reference: "Practitioner/ada", display: "Dr Ada <Lovelace>" } },
    ]);
  });

  it("refuses page actions from another site, without the CSRF token, or from a link without a reviewer", async () => {
    const h = createHarness({ vars: { REVIEW_LINK_SECRET: SECRET } });
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    const page = await linkPath(h, key, id, { reviewer: { id: "u-1", display: "Dr B" } });
    expect((await submit(h, page, `${page}/reviewed`, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await submit(h, page, `${page}/reviewed`, { origin: "https://evil.example" })).status).toBe(403);
    expect((await submit(h, page, `${page}/reviewed`, { "sec-fetch-site": "same-origin" }, { csrf: "x".repeat(43) })).status).toBe(403);
    expect((await submit(h, page, `${page}/reviewed`, { origin: API_ORIGIN })).status).toBe(303);
    const anonymous = await linkPath(h, key, id);
    const res = await h.request(`${anonymous}/reviewed`, { method: "POST", headers: { "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" }, body: "csrf=x" });
    expect(res.status).toBe(403);
  });

  it("regenerates a section through the API's regeneration, once per idempotency key, counted by the tenant's quota", async () => {
    const h = createHarness({ vars: { REVIEW_LINK_SECRET: SECRET, TENANT_CREATES_PER_DAY: "3" } });
    const { key, tenantId } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    const page = await linkPath(h, key, id);
    const action = `${page}/sections/plan/regenerate`;
    const first = await submit(h, page, action, { "sec-fetch-site": "same-origin" }, { idempotency_key: "form-key-1" });
    expect(first.status, await first.clone().text()).toBe(303);
    expect(first.headers.get("location")).toBe(`${page}?done=regenerated-plan`);
    const note = (await (await h.request(`/v1/notes/${id}`, { key })).json()) as { note: { provenance: { history?: { section: string }[] } } };
    expect(note.note.provenance.history?.map((x) => x.section)).toEqual(["plan"]);
    // The same form sent again (a double click, a reload) does not regenerate again.
    const again = await submit(h, page, action, { "sec-fetch-site": "same-origin" }, { idempotency_key: "form-key-1" });
    expect(again.status).toBe(303);
    const still = (await (await h.request(`/v1/notes/${id}`, { key })).json()) as { note: { provenance: { history?: unknown[] } } };
    expect(still.note.provenance.history).toHaveLength(1);
    // The daily quota (1 note + 1 regeneration so far, cap 3) counts page regenerations like API ones.
    expect((await submit(h, page, action, { "sec-fetch-site": "same-origin" }, { idempotency_key: "form-key-2" })).status).toBe(303);
    expect((await submit(h, page, action, { "sec-fetch-site": "same-origin" }, { idempotency_key: "form-key-3" })).status).toBe(429);
    const regenerated = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE tenant_id = ?1 AND action = 'note.regenerated'").bind(tenantId).first<{ n: number }>();
    expect(regenerated?.n).toBe(2);
  });

  it("says the recording is gone once retention deleted the transcript, and shows the stored copy", async () => {
    const h = createHarness({ vars: { REVIEW_LINK_SECRET: SECRET, RETENTION_HOURS: "1" } });
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    h.advance(HOUR);
    await h.worker.scheduled(undefined, h.env);
    const page = await linkPath(h, key, id);
    const res = await h.request(page);
    expect(res.headers.get("content-security-policy")).toContain("media-src 'none'");
    const html = await res.text();
    expect(html).not.toContain("<audio");
    expect(html).toContain("The recording is no longer available");
    expect(html).toContain('<ol class="utts">');
  });

  it("refuses to mint a link when review links are off, or for a note that is not complete", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    const res = await mint(h, key, id);
    expect(res.status).toBe(409);
    expect((await envelope(res)).error.message).toContain("REVIEW_LINK_SECRET");
    expect((await h.request("/review/abc.def")).status).toBe(403);
  });

  it("stops working once the API key that minted it is revoked or expired, for the page and its forms", async () => {
    const h = createHarness({ vars: { REVIEW_LINK_SECRET: SECRET } });
    const { key, tenantId } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    const page = await linkPath(h, key, id, { reviewer: { id: "u-1", display: "Dr B" } });
    expect((await h.request(page)).status).toBe(200);
    const html = await (await h.request(page)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(csrf).not.toBe("");
    await env.DB.prepare("UPDATE api_keys SET revoked_at = ?2 WHERE tenant_id = ?1").bind(tenantId, h.now()).run();
    const refused = await h.request(page);
    expect(refused.status).toBe(403);
    expect((await envelope(refused)).error.code).toBe("forbidden");
    const post = await h.request(`${page}/reviewed`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" },
      body: new URLSearchParams({ csrf }).toString(),
      redirect: "manual",
    });
    expect(post.status).toBe(403);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM note_reviews WHERE job_id = ?1").bind(id).first()).toEqual({ n: 0 });
    // An expired key (not revoked) ends its links the same way.
    const other = await h.seedTenant("Other");
    const otherId = await completedNote(h, other.key);
    const otherPage = await linkPath(h, other.key, otherId);
    await env.DB.prepare("UPDATE api_keys SET expires_at = ?2 WHERE tenant_id = ?1").bind(other.tenantId, h.now() + 1000).run();
    expect((await h.request(otherPage)).status).toBe(200);
    h.advance(1000);
    expect((await h.request(otherPage)).status).toBe(403);
  });

  it("answers a browser's failed request with an HTML page (status, headers and message kept) and API clients with the JSON envelope", async () => {
    const h = createHarness({ vars: { REVIEW_LINK_SECRET: SECRET } });
    const a = await h.seedTenant("A");
    const b = await h.seedTenant("B");
    const id = await completedNote(h, a.key);
    const browser = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
    const forged = await h.request("/review/abc.def", { headers: browser });
    expect(forged.status).toBe(403);
    expect(forged.headers.get("content-type")).toMatch(/^text\/html/);
    expect(forged.headers.get("content-security-policy")).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(forged.headers.get("cache-control")).toBe("no-store");
    expect(forged.headers.get("referrer-policy")).toBe("no-referrer");
    expect(forged.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    const page = await forged.text();
    expect(page).toContain("<h1>This review link does not work</h1>");
    expect(page).toContain("This review link is invalid or has expired: ask for a new one.");
    expect(page).not.toContain("<script");
    // Another tenant's note: 404 as a page.
    const foreign = await signReviewLink(SECRET, { tenantId: b.tenantId, noteId: id, keyId: await keyIdOf(b.tenantId), expiresAt: h.now() + HOUR });
    const missing = await h.request(`/review/${foreign}`, { headers: browser });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("<h1>This note is not here</h1>");
    // The same failures for an API client stay the envelope.
    const json = await h.request("/review/abc.def", { headers: { accept: "application/json" } });
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await envelope(json)).error.code).toBe("forbidden");
    // A good link still serves the review page itself to the browser.
    expect((await h.request(await linkPath(h, a.key, id), { headers: browser })).headers.get("content-security-policy")).toContain(`script-src ${REVIEW_SCRIPT_HASH}`);
  });
});
