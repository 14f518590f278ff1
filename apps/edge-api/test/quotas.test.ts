import { describe, expect, it } from "vitest";
import { createHarness, KNEE_AUDIO_URL, type Harness } from "./support/harness.js";
import { completedNote, envelope } from "./support/flow.js";
import { addKey } from "./support/keys.js";

const create = (h: Harness, key: string) => h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL } });
const DAY_MS = 24 * 60 * 60 * 1000;

describe("the creating-route limit (per tenant, per minute)", () => {
  it("answers 429 with Retry-After once the tenant's creating requests used up the minute, whatever key sends them", async () => {
    const h = createHarness({ vars: { TENANT_CREATES_PER_MINUTE: "2" } });
    const { tenantId, key } = await h.seedTenant("Busy Clinic");
    const second = await addKey(tenantId);
    const other = await h.seedTenant("Quiet Clinic");
    h.advance(60_000 - (h.now() % 60_000)); // start of a window
    expect((await create(h, key)).status).toBe(202);
    expect((await create(h, second.key)).status).toBe(202);
    h.advance(20_000);
    const limited = await create(h, second.key);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("40");
    const { error } = await envelope(limited);
    expect(error.code).toBe("rate_limited");
    expect(error.message).toMatch(/2 creating requests .* per minute .* this tenant \(all of its API keys count together\)/);
    expect(error.details).toMatchObject({ cap: "creates_per_tenant_per_minute", limit: 2, retry_after_seconds: 40 });
    expect(h.sandbox.counters.transcriptsCreated).toBe(2);
    // Reads are not creating requests, and another tenant has its own count.
    expect((await h.request("/v1/notes", { key })).status).toBe(200);
    expect((await create(h, other.key)).status).toBe(202);
    h.advance(40_000);
    expect((await create(h, key)).status).toBe(202);
  });

  it("counts section regenerations as creating requests", async () => {
    const h = createHarness({ vars: { TENANT_CREATES_PER_MINUTE: "1" } });
    const { key } = await h.seedTenant("Clinic");
    h.advance(60_000 - (h.now() % 60_000));
    const id = await completedNote(h, key); // one create, then 5 s of transcription: the same window
    const res = await h.request(`/v1/notes/${id}/sections/plan/regenerate`, { method: "POST", key });
    expect(res.status).toBe(429);
    expect((await envelope(res)).error.details).toMatchObject({ cap: "creates_per_tenant_per_minute" });
  });
});

describe("the daily quota (per tenant, per UTC day)", () => {
  it("answers 429 quota_exceeded until 00:00 UTC once the tenant's keys used the day's creating requests", async () => {
    const h = createHarness({ vars: { TENANT_CREATES_PER_DAY: "2" } });
    const { tenantId, key } = await h.seedTenant("Clinic");
    const second = await addKey(tenantId);
    h.advance(DAY_MS - (h.now() % DAY_MS) + 22 * 60 * 60 * 1000); // 22:00 UTC
    expect((await create(h, key)).status).toBe(202);
    expect((await create(h, second.key)).status).toBe(202);
    const over = await create(h, second.key);
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe(String(2 * 60 * 60));
    const { error } = await envelope(over);
    expect(error.code).toBe("quota_exceeded");
    expect(error.message).toMatch(/Daily quota of 2 creating requests .* resets at 00:00 UTC/);
    expect(error.details).toMatchObject({ cap: "creates_per_tenant_per_day", limit: 2 });
    expect(h.sandbox.counters.transcriptsCreated).toBe(2);
    h.advance(2 * 60 * 60 * 1000); // midnight
    expect((await create(h, key)).status).toBe(202);
  });

  it("counts a regeneration against the day, and gives it back when nothing was generated (409)", async () => {
    const h = createHarness({ vars: { TENANT_CREATES_PER_DAY: "3" } });
    const { key } = await h.seedTenant("Clinic");
    h.advance(DAY_MS - (h.now() % DAY_MS)); // 00:00 UTC
    const id = await completedNote(h, key); // 1 of 3
    const pending = await create(h, key); // 2 of 3
    const pendingId = ((await pending.json()) as { id: string }).id;
    const regenerate = (note: string) => h.request(`/v1/notes/${note}/sections/plan/regenerate`, { method: "POST", key });
    expect((await regenerate(pendingId)).status).toBe(409); // counted, then given back: still 2 of 3
    expect((await regenerate(id)).status).toBe(200); // 3 of 3
    const over = await regenerate(id);
    expect(over.status).toBe(429);
    expect((await envelope(over)).error.code).toBe("quota_exceeded");
  });
});

describe("the in-flight cap (per tenant)", () => {
  it("answers 429 while the tenant has the most notes being made, and accepts again once one is done", async () => {
    const h = createHarness({ vars: { TENANT_MAX_IN_FLIGHT: "2" } });
    const { tenantId, key } = await h.seedTenant("Clinic");
    const second = await addKey(tenantId);
    expect((await create(h, key)).status).toBe(202);
    expect((await create(h, second.key)).status).toBe(202);
    const over = await create(h, key);
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe("30");
    const { error } = await envelope(over);
    expect(error.code).toBe("quota_exceeded");
    expect(error.message).toMatch(/already has 2 notes being made/);
    expect(error.details).toMatchObject({ cap: "notes_in_flight_per_tenant", limit: 2 });
    expect(h.sandbox.counters.transcriptsCreated).toBe(2);
    // Another tenant is not affected.
    expect((await create(h, (await h.seedTenant("Other")).key)).status).toBe(202);
    await h.finishTranscripts();
    await h.drainQueue();
    expect((await create(h, key)).status).toBe(202);
  });

  it("holds under concurrent creates: never more jobs in flight than the cap", async () => {
    const h = createHarness({ vars: { TENANT_MAX_IN_FLIGHT: "3" } });
    const { key } = await h.seedTenant("Clinic");
    const answers = await Promise.all(Array.from({ length: 8 }, () => create(h, key)));
    expect(answers.filter((r) => r.status === 202)).toHaveLength(3);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(5);
    expect(h.sandbox.counters.transcriptsCreated).toBe(3);
  });
});
