import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { offboardRequestStatements } from "../scripts/offboard-sql.mjs";
import { completedNote, startNote } from "./support/flow.js";
import { KNEE_AUDIO_URL } from "./support/harness.js";
import { createWebhookHarness, RECEIVER_ORIGIN } from "./support/tenant-webhooks.js";

/** The receiver's side: the README's snippet ("Completion webhooks", verifying a delivery), copied verbatim. */
async function verifySoapWebhook(rawBody: string, header: string, secret: string, nowSeconds = Date.now() / 1000): Promise<boolean> {
  const fields = header.split(",").map((part) => part.split("=", 2) as [string, string]);
  const t = fields.find(([k]) => k === "t")?.[1];
  if (!t || !/^\d+$/.test(t) || Math.abs(nowSeconds - Number(t)) > 300) return false; // 5 minutes: replays
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  for (const [k, v] of fields) {
    if (k !== "v1" || !/^[0-9a-f]{64}$/.test(v)) continue;
    const mac = new Uint8Array(v.match(/../g)!.map((h) => parseInt(h, 16)));
    if (await crypto.subtle.verify("HMAC", key, mac, enc.encode(`${t}.${rawBody}`))) return true; // constant-time
  }
  return false;
}

const receiverAccepts = (header: string, rawBody: string, secret: string, nowSeconds: number) => verifySoapWebhook(rawBody, header, secret, nowSeconds);

async function deliveryRows(endpointId: string) {
  const { results } = await env.DB.prepare("SELECT * FROM webhook_deliveries WHERE endpoint_id = ?1 ORDER BY created_at").bind(endpointId).all<Record<string, unknown>>();
  return results;
}

describe("tenant webhook deliveries", () => {
  it("a completed note enqueues one delivery per subscribed endpoint, signed, ids only", async () => {
    const w = createWebhookHarness();
    const { h } = w;
    const { key, tenantId } = await h.seedTenant("Receiver clinic");
    const a = await w.register(key, { url: `${RECEIVER_ORIGIN}/a` });
    const b = await w.register(key, { url: `${RECEIVER_ORIGIN}/b`, events: ["note.completed"] });
    const onlyFailed = await w.register(key, { url: `${RECEIVER_ORIGIN}/c`, events: ["note.failed"] });
    const noteId = await completedNote(h, key);

    const messages = w.drainFor(tenantId);
    expect(messages).toHaveLength(2);
    for (const m of messages) expect(await w.deliverWebhook(m)).toEqual({ kind: "ack" });
    expect(w.received.map((r) => r.url).sort()).toEqual([`${RECEIVER_ORIGIN}/a`, `${RECEIVER_ORIGIN}/b`]);
    expect(await deliveryRows(onlyFailed.body.id)).toEqual([]);

    const events = w.received.map((r) => JSON.parse(r.body) as { id: string; type: string; created: number; data: Record<string, unknown> });
    expect(events[0]?.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(events[1]?.id).toBe(events[0]?.id);
    expect(events[0]).toEqual({
      id: events[0]?.id,
      type: "note.completed",
      created: Math.floor(h.now() / 1000),
      data: { note_id: noteId, status: "completed", failure_code: null, finished_at: expect.any(String), finished_cursor: expect.any(String) },
    });
    for (const r of w.received) {
      expect(r.redirect).toBe("manual");
      expect(r.headers.get("content-type")).toBe("application/json");
      expect(r.headers.get("soap-event-id")).toBe(events[0]?.id);
      const secret = r.url.endsWith("/a") ? a.body.secret : b.body.secret;
      expect(await receiverAccepts(r.headers.get("soap-signature") ?? "", r.body, secret, Math.floor(h.now() / 1000))).toBe(true);
      // Wrong secret, tampered body, a replay 10 minutes later: refused by the same receiver.
      expect(await receiverAccepts(r.headers.get("soap-signature") ?? "", r.body, onlyFailed.body.secret, Math.floor(h.now() / 1000))).toBe(false);
      expect(await receiverAccepts(r.headers.get("soap-signature") ?? "", r.body.replace("completed", "failed"), secret, Math.floor(h.now() / 1000))).toBe(false);
      expect(await receiverAccepts(r.headers.get("soap-signature") ?? "", r.body, secret, Math.floor(h.now() / 1000) + 600)).toBe(false);
    }
    // The finished cursor is the feed's: after it, this note is not listed again.
    h.advance(5_000);
    const feed = await h.request(`/v1/notes/finished?after=${String(events[0]?.data["finished_cursor"])}`, { key });
    expect(((await feed.json()) as { data: { id: string }[] }).data.map((n) => n.id)).not.toContain(noteId);
    expect((await deliveryRows(a.body.id))[0]).toMatchObject({ status: "delivered", attempts: 1, last_status_code: 200 });
    expect(JSON.stringify(h.logs)).not.toContain(a.body.secret);
  });

  it("a tenant whose endpoints do not subscribe to an event type records no event of it", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Failures only");
    await w.register(key, { events: ["note.failed"] });
    await completedNote(w.h, key);
    const events = await env.DB.prepare("SELECT COUNT(*) AS n FROM webhook_events WHERE tenant_id = ?1").bind(tenantId).first<{ n: number }>();
    expect(events?.n).toBe(0);
    expect(w.drainFor(tenantId)).toEqual([]);
  });

  it("a failed note sends note.failed with its failure code (the jobs trigger covers every path to failed)", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Failing clinic");
    const ep = await w.register(key, { events: ["note.failed"] });
    const noteId = await startNote(w.h, key);
    await env.DB.prepare("UPDATE jobs SET status = 'failed', failure_code = 'transcription_failed', failure_reason = 'x', finished_at = ?2 WHERE id = ?1")
      .bind(noteId, w.h.now())
      .run();
    await w.h.worker.scheduled(undefined, w.h.env);
    const [message] = w.drainFor(tenantId);
    expect(message).toBeDefined();
    await w.deliverWebhook(message!);
    expect(JSON.parse(w.received[0]?.body ?? "{}")).toMatchObject({ type: "note.failed", data: { note_id: noteId, status: "failed", failure_code: "transcription_failed" } });
    expect((await deliveryRows(ep.body.id))[0]).toMatchObject({ status: "delivered" });
  });

  it("a create AssemblyAI rejected sends note.failed at once; an uncertain create that resumes sends only note.completed", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Create failures");
    await w.register(key);
    w.h.sandbox.faults.add({ route: "create", kind: "status", status: 429, times: 5 });
    const rejected = await w.h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL } });
    expect(rejected.status).toBe(502);
    w.h.sandbox.faults.clear();
    const [failedMessage] = w.drainFor(tenantId);
    expect(failedMessage).toBeDefined();
    await w.deliverWebhook(failedMessage!);
    expect(JSON.parse(w.received[0]?.body ?? "{}")).toMatchObject({ type: "note.failed", data: { failure_code: "transcript_create_failed" } });

    // AssemblyAI made the transcript but the answer was lost, and the lookup fails too: uncertain.
    w.h.sandbox.faults.add({ route: "create", kind: "status", status: 500, after: true, times: 1 });
    w.h.sandbox.faults.add({ route: "list", kind: "status", status: 500, times: 10 });
    const uncertain = await w.h.request("/v1/notes", { method: "POST", key, json: { audio_url: KNEE_AUDIO_URL } });
    expect(uncertain.status).toBe(502);
    const noteId = String(((await uncertain.json()) as { error: { details?: { id?: string } } }).error.details?.id);
    w.h.sandbox.faults.clear();
    await w.h.finishTranscripts();
    await w.h.drainQueue();
    const messages = w.drainFor(tenantId);
    for (const m of messages) await w.deliverWebhook(m);
    const events = w.received.slice(1).map((r) => JSON.parse(r.body) as { id: string; type: string; data: { note_id: string; failure_code: string | null } });
    // The uncertain failure was not the note's end: no note.failed for it (migration 0009).
    expect(events.map((e) => [e.type, e.data.note_id, e.data.failure_code])).toEqual([["note.completed", noteId, null]]);
  });

  it("retries a 500 with backoff, the same event id and body each time, until a 2xx", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Flaky receiver");
    const ep = await w.register(key);
    await completedNote(w.h, key);
    const [message] = w.drainFor(tenantId);
    w.answers.push(500, 503);
    expect(await w.deliverWebhook(message!, 1)).toEqual({ kind: "retry", delaySeconds: 60 });
    expect((await deliveryRows(ep.body.id))[0]).toMatchObject({ status: "pending", attempts: 1, last_status_code: 500, last_error: "http_500", next_attempt_at: w.h.now() + 60_000 });
    w.h.advance(60_000);
    expect(await w.deliverWebhook(message!, 2)).toEqual({ kind: "retry", delaySeconds: 240 });
    w.h.advance(240_000);
    expect(await w.deliverWebhook(message!, 3)).toEqual({ kind: "ack" });
    expect(w.received).toHaveLength(3);
    expect(new Set(w.received.map((r) => r.body)).size).toBe(1);
    expect(new Set(w.received.map((r) => r.headers.get("soap-event-id"))).size).toBe(1);
    // A new timestamp per attempt: the signature changes, the event does not.
    expect(new Set(w.received.map((r) => r.headers.get("soap-signature"))).size).toBe(3);
    expect((await deliveryRows(ep.body.id))[0]).toMatchObject({ status: "delivered", attempts: 3, last_status_code: 200, last_error: null });
  });

  it("does not follow a redirect, and retries a connection failure", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Redirecting receiver");
    const ep = await w.register(key);
    await completedNote(w.h, key);
    const [message] = w.drainFor(tenantId);
    w.answers.push(302, async () => {
      throw new TypeError("connection refused");
    });
    expect((await w.deliverWebhook(message!, 1)).kind).toBe("retry");
    expect((await deliveryRows(ep.body.id))[0]).toMatchObject({ last_status_code: 302, last_error: "http_302" });
    w.h.advance(60_000);
    expect((await w.deliverWebhook(message!, 2)).kind).toBe("retry");
    expect((await deliveryRows(ep.body.id))[0]).toMatchObject({ attempts: 2, last_status_code: null, last_error: "connect_failed" });
    expect(w.received.every((r) => r.url.startsWith(RECEIVER_ORIGIN))).toBe(true);
  });

  it("marks the delivery failed after the last attempt", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Dead receiver");
    const ep = await w.register(key);
    await completedNote(w.h, key);
    const [message] = w.drainFor(tenantId);
    const outcomes = [];
    for (let attempt = 1; attempt <= 9; attempt++) {
      w.answers.push(500);
      const outcome = await w.deliverWebhook(message!, attempt);
      outcomes.push(outcome.kind);
      if (outcome.kind === "retry") w.h.advance((outcome.delaySeconds ?? 0) * 1000);
    }
    expect(outcomes).toEqual(["retry", "retry", "retry", "retry", "retry", "retry", "retry", "retry", "ack"]);
    expect((await deliveryRows(ep.body.id))[0]).toMatchObject({ status: "failed", attempts: 9, last_status_code: 500, next_attempt_at: null });
    // A late duplicate of the message sends nothing.
    expect(await w.deliverWebhook(message!, 10)).toEqual({ kind: "ack" });
    expect(w.received).toHaveLength(9);
  });

  it("redelivers a failed delivery with the same event id and a fresh series of attempts (POST …/redeliver)", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Redeliver clinic");
    const ep = await w.register(key);
    await completedNote(w.h, key);
    const [message] = w.drainFor(tenantId);
    const path = `/v1/webhook-endpoints/${ep.body.id}/deliveries/${message!.deliveryId}/redeliver`;
    w.answers.push(500);
    await w.deliverWebhook(message!);
    const pending = await w.h.request(path, { method: "POST", key });
    expect(pending.status).toBe(409);
    for (let attempt = 2; attempt <= 9; attempt++) {
      w.answers.push(500);
      const outcome = await w.deliverWebhook(message!, attempt);
      if (outcome.kind === "retry") w.h.advance((outcome.delaySeconds ?? 0) * 1000);
    }
    expect((await deliveryRows(ep.body.id))[0]).toMatchObject({ status: "failed", attempts: 9 });
    // Days after the event: the 72-hour limit counts from the redelivery.
    w.h.advance(4 * 86_400_000);
    const other = await w.h.seedTenant("Not the owner");
    expect((await w.h.request(path, { method: "POST", key: other.key })).status).toBe(404);
    expect((await w.h.request(`/v1/webhook-endpoints/${ep.body.id}/deliveries/whd_${"0".repeat(32)}/redeliver`, { method: "POST", key })).status).toBe(404);
    const res = await w.h.request(path, { method: "POST", key });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ id: message!.deliveryId, status: "pending", attempts: 0, event_type: "note.completed" });
    const [again] = w.drainFor(tenantId);
    expect(again).toEqual(message);
    w.answers.push(503);
    expect(await w.deliverWebhook(again!)).toEqual({ kind: "retry", delaySeconds: 60 });
    w.h.advance(60_000);
    expect(await w.deliverWebhook(again!, 2)).toEqual({ kind: "ack" });
    expect(new Set(w.received.map((r) => r.headers.get("soap-event-id"))).size).toBe(1);
    expect((await deliveryRows(ep.body.id))[0]).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("disables the endpoint on 410 Gone: its other pending deliveries fail, later notes send nothing", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Gone receiver");
    const ep = await w.register(key);
    await completedNote(w.h, key);
    await completedNote(w.h, key);
    const [first, second] = w.drainFor(tenantId);
    w.answers.push(410);
    expect(await w.deliverWebhook(first!)).toEqual({ kind: "ack" });
    const got = (await (await w.h.request(`/v1/webhook-endpoints/${ep.body.id}`, { key })).json()) as { status: string; disabled_reason: string };
    expect(got).toMatchObject({ status: "disabled", disabled_reason: "gone" });
    expect(await w.deliverWebhook(second!)).toEqual({ kind: "ack" });
    expect(w.received).toHaveLength(1);
    const rows = await deliveryRows(ep.body.id);
    expect(rows.map((r) => [r["status"], r["last_error"]]).sort()).toEqual([
      ["failed", "endpoint_disabled"],
      ["failed", "endpoint_gone"],
    ]);
    await completedNote(w.h, key);
    expect(w.drainFor(tenantId)).toEqual([]);
    const audit = await env.DB.prepare("SELECT actor, action FROM audit_events WHERE tenant_id = ?1 AND endpoint_id = ?2 ORDER BY id").bind(tenantId, ep.body.id).all();
    expect(audit.results).toEqual([
      { actor: "api_key", action: "webhook_endpoint.created" },
      { actor: "system", action: "webhook_endpoint.disabled" },
    ]);
  });

  it("a duplicate message of a delivered delivery sends nothing", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Dup clinic");
    await w.register(key);
    await completedNote(w.h, key);
    const [message] = w.drainFor(tenantId);
    expect(await w.deliverWebhook(message!)).toEqual({ kind: "ack" });
    expect(await w.deliverWebhook(message!)).toEqual({ kind: "ack" });
    expect(w.received).toHaveLength(1);
  });

  it("during a rotation's grace period both secrets verify; after it, only the new one", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Rotating receiver");
    const ep = await w.register(key);
    const rotated = (await (await w.h.request(`/v1/webhook-endpoints/${ep.body.id}/rotate-secret`, { method: "POST", key, json: { grace_period_hours: 1 } })).json()) as { secret: string };
    const ping = async () => {
      await w.h.request(`/v1/webhook-endpoints/${ep.body.id}/ping`, { method: "POST", key });
      const [m] = w.drainFor(tenantId);
      await w.deliverWebhook(m!);
      return w.received[w.received.length - 1]!;
    };
    const during = await ping();
    const now = () => Math.floor(w.h.now() / 1000);
    expect(during.headers.get("soap-signature")?.match(/v1=/g)).toHaveLength(2);
    expect(await receiverAccepts(during.headers.get("soap-signature")!, during.body, ep.body.secret, now())).toBe(true);
    expect(await receiverAccepts(during.headers.get("soap-signature")!, during.body, rotated.secret, now())).toBe(true);
    expect(JSON.parse(during.body)).toMatchObject({ type: "ping", data: { endpoint_id: ep.body.id } });
    w.h.advance(3_600_001);
    const after = await ping();
    expect(after.headers.get("soap-signature")?.match(/v1=/g)).toHaveLength(1);
    expect(await receiverAccepts(after.headers.get("soap-signature")!, after.body, ep.body.secret, now())).toBe(false);
    expect(await receiverAccepts(after.headers.get("soap-signature")!, after.body, rotated.secret, now())).toBe(true);
  });

  it("a delivery whose queue send failed is sent by the cron sweep", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Queue down");
    const ep = await w.register(key);
    w.deliveries.failNextSends = 1;
    await completedNote(w.h, key);
    expect(w.deliveries.sent).toEqual([]);
    expect((await deliveryRows(ep.body.id))[0]).toMatchObject({ status: "pending", enqueued_at: null });
    await w.h.worker.scheduled(undefined, w.h.env);
    const [message] = w.drainFor(tenantId);
    expect(message?.deliveryId).toBe((await deliveryRows(ep.body.id))[0]?.["id"]);
  });

  it("a ping whose queue send failed is still answered 202, left unsent, and sent by the cron sweep", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Queue down for a ping");
    const ep = await w.register(key);
    w.deliveries.failNextSends = 1;
    const res = await w.h.request(`/v1/webhook-endpoints/${ep.body.id}/ping`, { method: "POST", key });
    expect(res.status).toBe(202);
    const { delivery_id } = (await res.json()) as { delivery_id: string };
    expect(w.drainFor(tenantId)).toEqual([]);
    expect((await deliveryRows(ep.body.id))[0]).toMatchObject({ id: delivery_id, status: "pending", enqueued_at: null });
    await w.h.worker.scheduled(undefined, w.h.env);
    expect(w.drainFor(tenantId).map((m) => m.deliveryId)).toEqual([delivery_id]);
  });

  it("a pending delivery whose message was lost is sent again by the sweep 15 minutes after it was due", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Lost message");
    const ep = await w.register(key);
    await completedNote(w.h, key);
    const [lost] = w.drainFor(tenantId);
    // The test D1 is shared: other tests' deliveries may be swept too; only this tenant's matter here.
    const mine = () => w.drainFor(tenantId);
    w.h.advance(10 * 60_000);
    await w.h.worker.scheduled(undefined, w.h.env);
    expect(mine()).toEqual([]);
    w.h.advance(6 * 60_000);
    await w.h.worker.scheduled(undefined, w.h.env);
    const [again] = mine();
    expect(again).toEqual(lost);
    expect(await w.deliverWebhook(again!)).toEqual({ kind: "ack" });
    expect((await deliveryRows(ep.body.id))[0]).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("deletes finished deliveries and their events 30 days after the last attempt", async () => {
    const w = createWebhookHarness();
    const { key, tenantId } = await w.h.seedTenant("Old deliveries");
    const ep = await w.register(key);
    await completedNote(w.h, key);
    const [message] = w.drainFor(tenantId);
    await w.deliverWebhook(message!);
    w.h.advance(29 * 86_400_000);
    await w.h.worker.scheduled(undefined, w.h.env);
    expect(await deliveryRows(ep.body.id)).toHaveLength(1);
    w.h.advance(86_400_000 + 1);
    await w.h.worker.scheduled(undefined, w.h.env);
    expect(await deliveryRows(ep.body.id)).toEqual([]);
    const events = await env.DB.prepare("SELECT COUNT(*) AS n FROM webhook_events WHERE tenant_id = ?1").bind(tenantId).first<{ n: number }>();
    expect(events?.n).toBe(0);
  });

  it("offboarding deletes the tenant's endpoints, events and deliveries", async () => {
    const w = createWebhookHarness();
    const leaving = await w.h.seedTenant("Leaving hooks");
    const staying = await w.h.seedTenant("Staying hooks");
    const gone = await w.register(leaving.key);
    const kept = await w.register(staying.key);
    await completedNote(w.h, leaving.key);
    const stayingNote = await completedNote(w.h, staying.key);
    for (const sql of offboardRequestStatements(leaving.tenantId, w.h.now())) await env.DB.prepare(sql).run();
    await w.h.worker.scheduled(undefined, w.h.env);
    const count = async (table: string, tenantId: string) =>
      (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE tenant_id = ?1`).bind(tenantId).first<{ n: number }>())?.n;
    for (const table of ["webhook_endpoints", "webhook_events", "webhook_deliveries"]) {
      expect(await count(table, leaving.tenantId), table).toBe(0);
      expect(await count(table, staying.tenantId), table).toBe(1);
    }
    // A message already on the queue for the offboarded tenant sends nothing.
    const pending = w.deliveries.drain().filter((m) => m.tenantId === leaving.tenantId || m.tenantId === staying.tenantId);
    for (const m of pending) await w.deliverWebhook(m);
    expect(pending).toHaveLength(2);
    expect(w.received.map((r) => (JSON.parse(r.body) as { data: { note_id: string } }).data.note_id)).toEqual([stayingNote]);
    expect((await deliveryRows(kept.body.id))[0]).toMatchObject({ status: "delivered" });
    expect(await deliveryRows(gone.body.id)).toEqual([]);
  });
});
