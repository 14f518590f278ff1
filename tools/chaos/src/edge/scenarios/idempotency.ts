import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { envelope, expectNoLostJob, expectValidNote, getNote, type Envelope } from "../api.js";
import { AUDIO } from "../harness.js";
import { addFault, postNote } from "../steps.js";
import { RESENT_CREATES, UNCERTAIN_ANSWER, UNCERTAIN_CREATES, type FaultOn } from "./faults.js";
import { scenario, type Scenario } from "./scenario.js";

async function jobsOf(tenantId: string): Promise<number> {
  return (await env.DB.prepare("SELECT COUNT(*) AS n FROM jobs WHERE tenant_id = ?1").bind(tenantId).first<{ n: number }>())?.n ?? 0;
}

/** The error of an answer without its request id (each answer has its own). */
function withoutRequestId({ error }: Envelope): Omit<Envelope["error"], "request_id"> {
  const { request_id: _, ...rest } = error;
  return rest;
}

/**
 * A client retries after the 502 of an uncertain create, with the same `Idempotency-Key`: it gets the
 * first answer again (replayed), and no second transcript is made (billed); the first job is resumed
 * by its webhook. The same key with another body is refused.
 */
const uncertainCreateRetried = scenario<FaultOn>({
  name: "idempotency: a retry after an uncertain create is replayed",
  variants: UNCERTAIN_CREATES,
  async run(make, lostCreate) {
    const h = make();
    const { tenantId, key } = await h.seedTenant();
    const idem = { "idempotency-key": crypto.randomUUID() };
    const fired = addFault(h, { route: "create", ...lostCreate });
    addFault(h, { route: "list", kind: "status", status: 500 });
    const first = await postNote(h, key, AUDIO.knee, idem);
    expect(first.status).toBe(UNCERTAIN_ANSWER.status);
    const original = await envelope(first);
    expect(original.error.code).toBe(UNCERTAIN_ANSWER.code);
    expect(fired()).toBe(1);
    h.sandbox.faults.clear();
    const retry = await postNote(h, key, AUDIO.knee, idem);
    expect(retry.status).toBe(502);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(withoutRequestId(await envelope(retry))).toEqual(withoutRequestId(original));
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
    // Its own transcript's webhook resumes the job the first request made.
    await h.settle();
    await expectValidNote(h, key, await getNote(h, key, String(original.error.details?.["id"])));
    const reused = await postNote(h, key, AUDIO.finger, idem);
    expect(reused.status).toBe(409);
    expect((await envelope(reused)).error.code).toBe("idempotency_key_reused");
    expect(await jobsOf(tenantId)).toBe(1);
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
    await expectNoLostJob(h, key);
    return "survived";
  },
});

/**
 * A client that retries at once (a timeout, a proxy resending): six requests with one key at the same
 * time make one job and one transcript; each answer is that job (202) or "still in progress" (409 with
 * `Retry-After: 1`); a later retry is the first answer, replayed.
 */
const burstWithOneKey = scenario<FaultOn>({
  name: "idempotency: concurrent retries with one key",
  variants: RESENT_CREATES,
  async run(make, slowCreate) {
    const h = make();
    const { tenantId, key } = await h.seedTenant();
    const idem = { "idempotency-key": `visit-${crypto.randomUUID()}` };
    const fired = addFault(h, { route: "create", ...slowCreate });
    const answers = await Promise.all(Array.from({ length: 6 }, () => postNote(h, key, AUDIO.knee, idem)));
    expect(fired()).toBe(1);
    const ids = new Set<string>();
    for (const res of answers) {
      if (res.status === 202) {
        ids.add(((await res.json()) as { id: string }).id);
        continue;
      }
      expect(res.status).toBe(409);
      expect(res.headers.get("retry-after")).toBe("1");
      expect((await envelope(res)).error.code).toBe("request_in_progress");
    }
    expect(ids.size, "answers naming different jobs").toBe(1);
    expect(await jobsOf(tenantId)).toBe(1);
    expect(h.sandbox.counters.transcriptsCreated).toBe(1);
    const later = await postNote(h, key, AUDIO.knee, idem);
    expect(later.status).toBe(202);
    expect(later.headers.get("idempotent-replayed")).toBe("true");
    expect(((await later.json()) as { id: string }).id).toBe([...ids][0]);
    await h.settle();
    await expectValidNote(h, key, await getNote(h, key, [...ids][0] ?? ""));
    await expectNoLostJob(h, key);
    return "survived";
  },
});

/** `Idempotency-Key`: no second billed transcript for a retried create (#15 item 1). */
export const IDEMPOTENCY_SCENARIOS: readonly Scenario[] = [uncertainCreateRetried, burstWithOneKey];
