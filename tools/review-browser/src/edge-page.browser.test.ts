import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REVIEW_SCRIPT_HASH } from "@org/soap-core/export";
// The edge API's link signer, by path (the app exports no such API): to forge expired and foreign links.
import { signReviewLink } from "../../../apps/edge-api/src/review/review-link.js";
import { axeViolations, inViewport, launchBrowser } from "./support/browser.js";
import { startEdge, type EdgeServer } from "./support/edge-server.js";
import { fixtureNote, fixtureTranscript, PWNED, QUOTE_STARTS, toneWav } from "./support/fixture.js";

let browser: Browser;
let edge: EdgeServer;

beforeAll(async () => {
  [edge, browser] = await Promise.all([startEdge(fixtureNote(), fixtureTranscript(), toneWav(45)), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await edge?.stop();
});

async function mint(key: string, noteId: string, body: unknown = {}): Promise<string> {
  const res = await fetch(`${edge.origin}/v1/notes/${noteId}/review-link`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { url: string }).url;
}

async function open(url: string): Promise<{ page: Page; errors: string[]; headers: Record<string, string> }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 600 } });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  const res = await page.goto(url);
  expect(res?.status()).toBe(200);
  return { page, errors, headers: res?.headers() ?? {} };
}

describe("the edge API's review page in Chromium, under its real CSP header", () => {
  it("runs only its own script: a click highlights the quote, scrolls to it and seeks the recording served from the media origin", async () => {
    const { page, errors } = await open(await mint(edge.tenants.a.key, edge.tenants.a.noteId));
    expect(await page.evaluate(() => document.documentElement.classList.contains("js"))).toBe(true);
    await page.$eval("#audio", (a) => new Promise((ok) => ((a as HTMLAudioElement).readyState >= 1 ? ok(null) : a.addEventListener("loadedmetadata", ok, { once: true }))));
    expect(await page.$eval("#audio", (a) => (a as HTMLAudioElement).currentSrc)).toBe(`${edge.mediaOrigin}/visit.wav`);
    await page.getByRole("button", { name: /^Denies fever/ }).click();
    await expect.poll(() => page.locator("#transcript .q.on").textContent()).toBe("No fever at all");
    await expect.poll(() => inViewport(page, "#transcript .q.on")).toBe(true);
    const t = await page.$eval("#audio", (a) => (a as HTMLAudioElement).currentTime);
    expect(t).toBeGreaterThanOrEqual(QUOTE_STARTS.fever);
    expect(t).toBeLessThan(QUOTE_STARTS.fever + 1.5);
    expect(await page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], PWNED)).toBeUndefined();
    expect(await page.locator("#transcript").innerText()).toContain(`<script>window.${PWNED} = 1</script>`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("blocks a script its CSP does not allow (the header is enforced, not decorative)", async () => {
    const { page, headers } = await open(await mint(edge.tenants.a.key, edge.tenants.a.noteId));
    expect(headers["content-security-policy"]).toContain(`script-src ${REVIEW_SCRIPT_HASH};`);
    expect(headers["cache-control"]).toBe("no-store");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    // Not even the page's own origin can be fetched from it (no connect-src): nothing can leave the page.
    expect(await page.evaluate(async () => fetch(location.href).then(() => "fetched", () => "blocked"))).toBe("blocked");
    // Through the DOM, as an injection would: an inline script without the hash must not run.
    await page.evaluate((name) => {
      const s = document.createElement("script");
      s.textContent = `window.${name} = 3`;
      document.body.append(s);
    }, PWNED);
    expect(await page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], PWNED)).toBeUndefined();
    await page.close();
  });

  it("has no serious or critical accessibility violations (axe-core)", async () => {
    const { page } = await open(await mint(edge.tenants.a.key, edge.tenants.a.noteId, { reviewer: { id: "Practitioner/ada", display: "Dr Ada" } }));
    const blocking = (await axeViolations(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
    await page.close();
  });

  it("marks the note reviewed from its button: a same-origin form post, back to the page with the reviewer shown", async () => {
    const { page } = await open(await mint(edge.tenants.a.key, edge.tenants.a.noteId, { reviewer: { id: "Practitioner/ada", display: "Dr Ada" } }));
    await Promise.all([page.waitForURL(/\?done=reviewed$/), page.getByRole("button", { name: "Mark as reviewed as Dr Ada" }).click()]);
    expect(await page.locator(".status.reviewed").innerText()).toContain("Marked reviewed by Dr Ada");
    expect(await page.getByRole("status").innerText()).toBe("The note is marked reviewed.");
    await page.close();
  });

  it("answers 403 to an expired or forged link and 404 to a link for another tenant's note", async () => {
    const page = await browser.newPage();
    const { a, b } = edge.tenants;
    const expired = await signReviewLink(edge.secret, { tenantId: a.tenantId, noteId: a.noteId, keyId: `key_${a.tenantId}`, expiresAt: Date.now() - 1000 });
    expect((await page.goto(`${edge.origin}/review/${expired}`))?.status()).toBe(403);
    const forged = await signReviewLink("not-the-deployment-secret-0123456789", { tenantId: a.tenantId, noteId: a.noteId, keyId: "k", expiresAt: Date.now() + 600_000 });
    expect((await page.goto(`${edge.origin}/review/${forged}`))?.status()).toBe(403);
    // A browser is shown a page, not the API's JSON.
    expect(await page.locator("h1").innerText()).toBe("This review link does not work");
    const foreign = await signReviewLink(edge.secret, { tenantId: b.tenantId, noteId: a.noteId, keyId: `key_${b.tenantId}`, expiresAt: Date.now() + 600_000 });
    expect((await page.goto(`${edge.origin}/review/${foreign}`))?.status()).toBe(404);
    expect(await page.locator("h1").innerText()).toBe("This note is not here");
    const res = await fetch(`${edge.origin}/v1/notes/${a.noteId}/review-link`, { method: "POST", headers: { authorization: `Bearer ${b.key}` } });
    expect(res.status).toBe(404);
    await page.close();
  });
});
