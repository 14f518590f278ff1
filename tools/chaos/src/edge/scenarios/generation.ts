import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { expectNoLostJob, expectValidNote, getNote } from "../api.js";
import type { Harness } from "../harness.js";
import { addFault, chatCalls, chatsPerNote, logged, redeliverUntilAcked, startNote } from "../steps.js";
import { STATUSES_5XX, type FaultOn } from "./faults.js";
import { scenario, type Scenario } from "./scenario.js";

/** Both deliveries of one message at once (a queue redelivery, two consumers): one generates, the other is acked unpaid. */
const concurrentDeliveries = scenario<{ route: "chat" | "get"; fault: FaultOn } | undefined>({
  name: "two concurrent deliveries of one job",
  variants: [
    { label: "no other fault", value: undefined },
    ...STATUSES_5XX.map((s) => ({ label: `the lease holder's chat answers ${s} once (its retry generates)`, value: { route: "chat" as const, fault: { kind: "status", status: s, times: 1 } as FaultOn } })),
    { label: "the lease holder's transcript lookup resets once (its retry generates)", value: { route: "get", fault: { kind: "reset", times: 1 } } },
  ],
  async run(make, racing) {
    const h = make();
    const { key } = await h.seedTenant();
    const per = await chatsPerNote(h, key);
    const id = await startNote(h, key);
    await h.finishTranscripts();
    const [message, ...others] = h.queue.drain();
    expect(others).toEqual([]);
    if (!message) throw new Error("the webhook queued no message");
    const fired = racing ? addFault(h, { route: racing.route, ...racing.fault }) : () => 1;
    const before = chatCalls(h);
    const first = await Promise.all([h.deliver(message, 1), h.deliver(message, 1)]);
    expect(first.filter((d) => d.acked).length, "neither delivery was acked").toBeGreaterThanOrEqual(1);
    expect(fired()).toBeGreaterThan(0);
    const failedChats = racing?.route === "chat" ? fired() : 0;
    // While one delivery held the lease the other reached no gateway: a note, or only the holder's failed call.
    expect(chatCalls(h) - before, "both deliveries called the gateway").toBe(first.every((d) => d.acked) ? per : failedChats);
    for (const d of first) await redeliverUntilAcked(h, message, d);
    expect(chatCalls(h) - before, "the note was generated (paid) more than once").toBe(per + failedChats);
    // Refused while the other holds the lease (or, if that one already finished, as not runnable): once, unpaid.
    expect(logged(h, "job.skipped", id).map((r) => r["reason"])).toEqual([expect.stringMatching(/^(leased|not_runnable)$/)]);
    await expectValidNote(h, key, await getNote(h, key, id));
    await expectNoLostJob(h, key);
    return "survived";
  },
});

/** The D1 of the test runtime, failing the statement that records a send (`markEnqueued`) the next `failNext` times. */
function failingMarkEnqueued(db: D1Database) {
  const control = { db, failNext: 0, fired: 0 };
  control.db = new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          if (!/^UPDATE jobs SET enqueued_at = /.test(sql) || control.failNext <= 0) return target.prepare(sql);
          control.failNext--;
          control.fired++;
          const fail = async (): Promise<never> => Promise.reject(new Error("D1_ERROR: Network connection lost."));
          return { bind: () => ({ run: fail, first: fail, all: fail }) } as unknown as D1PreparedStatement;
        };
      }
      const value: unknown = Reflect.get(target, prop);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return control;
}

/**
 * The webhook's queue send succeeded but recording it failed (D1 error): the webhook answers 500,
 * AssemblyAI's retry sends a second message. Two messages, one job: the lease lets one generate.
 */
const sendOkMarkFailed = scenario<boolean>({
  name: "send ok, recording the send failed (D1 fails once after the queue send)",
  variants: [
    { label: "both messages delivered at once", value: true },
    { label: "the two messages delivered one after the other", value: false },
  ],
  async run(make, together) {
    const flaky = failingMarkEnqueued(env.DB);
    const h: Harness = make({ bindings: { DB: flaky.db } });
    const { key } = await h.seedTenant();
    const per = await chatsPerNote(h, key);
    flaky.failNext = 1;
    const id = await startNote(h, key);
    await h.finishTranscripts();
    expect(flaky.fired, "the D1 fault never fired").toBe(1);
    await h.finishTranscripts();
    const own = h.sandbox.state.webhookAttempts.filter((a) => a.kind === "transcript" && a.url.endsWith(`?job=${id}`));
    expect(own.map((a) => a.status)).toEqual([500, 200]);
    const messages = h.queue.drain();
    expect(messages.filter((m) => m.jobId === id)).toHaveLength(2);
    const before = chatCalls(h);
    const deliveries = together ? await Promise.all(messages.map((m) => h.deliver(m))) : [await h.deliver(messages[0]!), await h.deliver(messages[1]!)];
    expect(deliveries.every((d) => d.acked)).toBe(true);
    expect(chatCalls(h) - before, "the note was generated (paid) twice").toBe(per);
    await expectValidNote(h, key, await getNote(h, key, id));
    await expectNoLostJob(h, key);
    return "survived";
  },
});

/** Generation runs at most once per job at a time (#15 item 4). */
export const GENERATION_SCENARIOS: readonly Scenario[] = [concurrentDeliveries, sendOkMarkFailed];
