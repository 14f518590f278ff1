import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createHarness, KNEE_AUDIO_URL, type Harness } from "./support/harness.js";
import { completedNote, envelope } from "./support/flow.js";

function post(h: Harness, key: string, idempotencyKey: string | undefined, json: unknown): Promise<Response> {
  return h.request("/v1/notes", { method: "POST", key, json, headers: idempotencyKey === undefined ? {} : { "idempotency-key": idempotencyKey } });
}

async function jobCount(tenantId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM jobs WHERE tenant_id = ?1").bind(tenantId).first<{ n: number }>();
  return row?.n ?? 0;
}

describe("Idempotency-Key on POST /v1/notes", () => {
  it("answers a retry with the same key and body with the first answer, marked replayed, and creates one transcript", async () => {
    const h = createHarness();
    const { tenantId, key } = await h.seedTenant("Clinic");
    const first = await post(h, key, "visit-7f3a", { audio_url: KNEE_AUDIO_URL, medical: true });
    expect(first.status).toBe(202);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const created = (await first.json()) as { id: string };
    // Same request, keys in another order: the same request.
    const again = await post(h, key, "visit-7f3a", { medical: true, audio_url: KNEE_AUDIO_URL });
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(`/v1/notes/${created.id}`);
    expect(await again.json()).toEqual(created);
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
    expect(await jobCount(tenantId)).toBe(1);
  });

  it("answers 409 idempotency_key_reused when the key comes with another body, and creates nothing", async () => {
    const h = createHarness();
    const { tenantId, key } = await h.seedTenant("Clinic");
    expect((await post(h, key, "k-1", { audio_url: KNEE_AUDIO_URL })).status).toBe(202);
    const other = await post(h, key, "k-1", { audio_url: KNEE_AUDIO_URL, speakers_expected: 3 });
    expect(other.status).toBe(409);
    const { error } = await envelope(other);
    expect(error.code).toBe("idempotency_key_reused");
    expect(error.message).toMatch(/different request.*new key/);
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
    expect(await jobCount(tenantId)).toBe(1);
  });

  it("resolves concurrent first uses of one key to one job and one transcript", async () => {
    const h = createHarness();
    const { tenantId, key } = await h.seedTenant("Clinic");
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(h, key, "burst-1", { audio_url: KNEE_AUDIO_URL })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 202).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 202 || s === 409)).toBe(true);
    const ids = new Set<string>();
    for (const res of answers) {
      if (res.status === 202) ids.add(((await res.json()) as { id: string }).id);
      else expect((await envelope(res)).error.code).toBe("request_in_progress");
    }
    expect(ids.size).toBe(1);
    expect(await jobCount(tenantId)).toBe(1);
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
  });

  it("replays an uncertain create's 502 instead of creating (and billing) a second transcript", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    h.sandbox.faults.add({ route: "create", kind: "status", status: 500, after: true, times: 1 });
    h.sandbox.faults.add({ route: "list", kind: "status", status: 500, times: 10 });
    const first = await post(h, key, "retry-after-502", { audio_url: KNEE_AUDIO_URL });
    expect(first.status).toBe(502);
    const original = await envelope(first);
    h.sandbox.faults.clear();
    const retry = await post(h, key, "retry-after-502", { audio_url: KNEE_AUDIO_URL });
    expect(retry.status).toBe(502);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const replayed = await envelope(retry);
    expect({ ...replayed.error, request_id: undefined }).toEqual({ ...original.error, request_id: undefined });
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
  });

  it("scopes keys to the tenant, and lets a key be used again once it expired (24 h)", async () => {
    const h = createHarness();
    const a = await h.seedTenant("Clinic A");
    const b = await h.seedTenant("Clinic B");
    const ofA = (await (await post(h, a.key, "shared", { audio_url: KNEE_AUDIO_URL })).json()) as { id: string };
    const ofB = await post(h, b.key, "shared", { audio_url: KNEE_AUDIO_URL });
    expect(ofB.status).toBe(202);
    expect(ofB.headers.get("idempotent-replayed")).toBeNull();
    expect(((await ofB.json()) as { id: string }).id).not.toBe(ofA.id);
    h.advance(24 * 60 * 60 * 1000 - 1);
    expect((await post(h, a.key, "shared", { audio_url: KNEE_AUDIO_URL })).headers.get("idempotent-replayed")).toBe("true");
    h.advance(1);
    const fresh = await post(h, a.key, "shared", { audio_url: KNEE_AUDIO_URL });
    expect(fresh.headers.get("idempotent-replayed")).toBeNull();
    expect(((await fresh.json()) as { id: string }).id).not.toBe(ofA.id);
  });

  it("stores neither the key nor the body, only their hashes", async () => {
    const h = createHarness();
    const { tenantId, key } = await h.seedTenant("Clinic");
    await post(h, key, "patient-jane-doe-visit", { audio_url: KNEE_AUDIO_URL });
    const rows = await env.DB.prepare("SELECT * FROM idempotency_keys WHERE tenant_id = ?1").bind(tenantId).all();
    expect(rows.results).toHaveLength(1);
    expect(JSON.stringify(rows.results)).not.toMatch(/jane|media\.example\.com/);
  });

  it.each([
    ["an empty key", ""],
    ["a key with spaces", "visit 7"],
    ["a key over 255 characters", "k".repeat(256)],
  ])("answers 400 naming the header for %s", async (_name, value) => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const res = await post(h, key, value, { audio_url: KNEE_AUDIO_URL });
    expect(res.status).toBe(400);
    const { error } = await envelope(res);
    expect(error.code).toBe("validation_failed");
    expect(error.details?.issues?.[0]?.field).toBe("idempotency-key");
    expect(h.sandbox.counters.transcriptsCreated).toBe(0);
  });
});

describe("Idempotency-Key on section regeneration", () => {
  it("regenerates once per key: a retry answers with the note as it is, without a second gateway call", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    const chats = h.sandbox.counters.calls("chat");
    const regenerate = () => h.request(`/v1/notes/${id}/sections/plan/regenerate`, { method: "POST", key, headers: { "idempotency-key": "regen-1" } });
    const first = await regenerate();
    expect(first.status).toBe(200);
    const again = await regenerate();
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(h.sandbox.counters.calls("chat")).toBe(chats + 1);
    // The same key on another section is another request.
    const other = await h.request(`/v1/notes/${id}/sections/subjective/regenerate`, { method: "POST", key, headers: { "idempotency-key": "regen-1" } });
    expect(other.status).toBe(409);
    expect((await envelope(other)).error.code).toBe("idempotency_key_reused");
  });

  it("forgets the key when the regeneration failed upstream, so that the retry runs", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    const id = await completedNote(h, key);
    h.sandbox.faults.add({ route: "chat", kind: "status", status: 500, times: 5 });
    const regenerate = () => h.request(`/v1/notes/${id}/sections/plan/regenerate`, { method: "POST", key, headers: { "idempotency-key": "regen-2" } });
    expect((await regenerate()).status).toBe(502);
    h.sandbox.faults.clear();
    const retry = await regenerate();
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
  });
});
