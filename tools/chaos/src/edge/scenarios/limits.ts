import { expect } from "vitest";
import { envelope, expectNoLostJob } from "../api.js";
import type { Harness } from "../harness.js";
import { addFault, postNote } from "../steps.js";
import { RESENT_CREATES, type FaultOn } from "./faults.js";
import { chooseInt, scenario, type Scenario } from "./scenario.js";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3_600_000;

/** Checks a 429 of the per-tenant caps: code, `details.cap`, and `Retry-After` (also in `details`). */
async function expectCapped(res: Response, want: { code: "rate_limited" | "quota_exceeded"; cap: string; retryAfter: number; phrase: RegExp }): Promise<void> {
  expect(res.status).toBe(429);
  expect(res.headers.get("retry-after")).toBe(String(want.retryAfter));
  const { error } = await envelope(res);
  expect(error.code).toBe(want.code);
  expect(error.message).toMatch(want.phrase);
  expect(error.details).toMatchObject({ cap: want.cap, retry_after_seconds: want.retryAfter });
}

/** Sends `count` creates at once, alternating between `keys` (one tenant: its keys share its caps). */
function burst(h: Harness, keys: readonly string[], count: number): Promise<Response[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => postNote(h, keys[i % keys.length] ?? "")));
}

const perMinute = chooseInt("creates-per-minute", 2, 5);

/**
 * `TENANT_CREATES_PER_MINUTE`, the stricter limit of the creating route: a burst from two keys of one
 * tenant gets exactly the limit through, the rest 429 with `Retry-After` to the next minute, and
 * nothing is created for them; another tenant is not affected; the next minute admits again.
 */
const createRateLimit = scenario<FaultOn>({
  name: `the POST rate limit (${perMinute} creates per tenant per minute)`,
  variants: RESENT_CREATES,
  async run(make, createFault) {
    const h = make({ vars: { TENANT_CREATES_PER_MINUTE: String(perMinute) } });
    const { tenantId, key } = await h.seedTenant();
    const keys = [key, await h.addKey(tenantId)];
    const other = await h.seedTenant("Other clinic");
    h.advance(MINUTE_MS - (h.now() % MINUTE_MS) + 15_000); // 15 s into a window
    const fired = addFault(h, { route: "create", ...createFault });
    const answers = await burst(h, keys, perMinute + 3);
    expect(answers.map((r) => r.status).sort()).toEqual([...Array<number>(perMinute).fill(202), 429, 429, 429]);
    for (const res of answers.filter((r) => r.status === 429)) {
      await expectCapped(res, { code: "rate_limited", cap: "creates_per_tenant_per_minute", retryAfter: 45, phrase: /per minute exceeded for this tenant \(all of its API keys count together\)/ });
    }
    expect(fired()).toBe(1);
    expect(h.sandbox.counters.transcriptsCreated).toBe(perMinute);
    expect((await postNote(h, other.key)).status, "another tenant's creates are its own").toBe(202);
    h.advance(45_000);
    expect((await postNote(h, keys[1] ?? "")).status, "the next minute admits again").toBe(202);
    await h.settle();
    await expectNoLostJob(h, key);
    return "survived";
  },
});

const inFlight = chooseInt("in-flight-cap", 2, 4);

/**
 * `TENANT_MAX_IN_FLIGHT` under a concurrent burst (the check and the insert are one D1 batch): never
 * more notes being made than the cap, 429 `quota_exceeded` with `Retry-After: 30` for the rest; once
 * the notes are done the tenant may create again.
 */
const inFlightCap = scenario<FaultOn>({
  name: `the in-flight quota (${inFlight} notes being made per tenant)`,
  variants: RESENT_CREATES,
  async run(make, createFault) {
    const h = make({ vars: { TENANT_MAX_IN_FLIGHT: String(inFlight) } });
    const { tenantId, key } = await h.seedTenant();
    const keys = [key, await h.addKey(tenantId)];
    const fired = addFault(h, { route: "create", ...createFault });
    const answers = await burst(h, keys, inFlight + 3);
    expect(answers.map((r) => r.status).sort()).toEqual([...Array<number>(inFlight).fill(202), 429, 429, 429]);
    for (const res of answers.filter((r) => r.status === 429)) {
      await expectCapped(res, { code: "quota_exceeded", cap: "notes_in_flight_per_tenant", retryAfter: 30, phrase: new RegExp(`already has ${inFlight} notes being made`) });
    }
    expect(fired()).toBe(1);
    expect(h.sandbox.counters.transcriptsCreated).toBe(inFlight);
    await h.settle();
    await expectNoLostJob(h, key);
    expect((await postNote(h, key)).status, "admitted again once the notes are done").toBe(202);
    await h.settle();
    await expectNoLostJob(h, key);
    return "survived";
  },
});

const perDay = chooseInt("daily-quota", 2, 4);

/** `TENANT_CREATES_PER_DAY`: once a tenant's keys used the day's creates, 429 until 00:00 UTC (the `Retry-After`), then admitted. */
const dailyQuota = scenario<FaultOn>({
  name: `the daily quota (${perDay} creates per tenant per UTC day)`,
  variants: RESENT_CREATES,
  async run(make, createFault) {
    const h = make({ vars: { TENANT_CREATES_PER_DAY: String(perDay) } });
    const { tenantId, key } = await h.seedTenant();
    const keys = [key, await h.addKey(tenantId)];
    const fired = addFault(h, { route: "create", ...createFault });
    for (let i = 0; i < perDay; i++) expect((await postNote(h, keys[i % 2] ?? "")).status).toBe(202);
    expect(fired()).toBe(1);
    const toMidnight = Math.ceil((DAY_MS - (h.now() % DAY_MS)) / 1000);
    await expectCapped(await postNote(h, keys[1] ?? ""), { code: "quota_exceeded", cap: "creates_per_tenant_per_day", retryAfter: toMidnight, phrase: /resets at 00:00 UTC/ });
    expect(h.sandbox.counters.transcriptsCreated).toBe(perDay);
    await h.settle();
    await expectCapped(await postNote(h, key), { code: "quota_exceeded", cap: "creates_per_tenant_per_day", retryAfter: Math.ceil((DAY_MS - (h.now() % DAY_MS)) / 1000), phrase: /resets at 00:00 UTC/ });
    h.advance(DAY_MS - (h.now() % DAY_MS));
    expect((await postNote(h, key)).status, "a new UTC day admits again").toBe(202);
    await h.settle();
    await expectNoLostJob(h, key);
    return "survived";
  },
});

/** Limits on billable work (#15 item 1). */
export const LIMIT_SCENARIOS: readonly Scenario[] = [createRateLimit, inFlightCap, dailyQuota];
