import { describe, expect, it, vi } from "vitest";
import { createSandbox } from "../index.js";
import { U3, api } from "./test-support/http.js";
import { manualTime, tinyFixture } from "./test-support/fixtures.js";

/** A webhook receiver answering the given statuses in turn (the last one repeats). */
function receiver(statuses: (number | "fail")[]) {
  const received: { url: string; headers: Headers; body: unknown }[] = [];
  let i = 0;
  const fetch = async (url: string, init: RequestInit) => {
    received.push({ url, headers: new Headers(init.headers), body: JSON.parse(String(init.body)) });
    const s = statuses[Math.min(i++, statuses.length - 1)];
    if (s === "fail") throw new TypeError("fetch failed");
    return new Response("ok", { status: s ?? 200 });
  };
  return { fetch, received };
}

async function setup(statuses: (number | "fail")[], extra: Parameters<typeof createSandbox>[0] = {}) {
  const time = manualTime();
  const hook = receiver(statuses);
  const sb = createSandbox({ fixtures: [await tinyFixture()], clock: time.clock, scheduler: time.scheduler, queuedMs: 0, processingMs: 100, webhookFetch: hook.fetch, ...extra });
  return { sb, time, hook, a: api(sb) };
}

const HOOK = { webhook_url: "https://hooks.example/aai", webhook_auth_header_name: "X-Webhook-Secret", webhook_auth_header_value: "hunter2" };

describe("webhooks", () => {
  it("POSTs {transcript_id, status} with the auth header echoed once the job completes", async () => {
    const { sb, time, hook, a } = await setup([200]);
    const id = (await a.create(HOOK)).json["id"];
    await sb.tick();
    expect(hook.received).toHaveLength(0);
    time.advance(100);
    await sb.tick();
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]?.body).toEqual({ transcript_id: id, status: "completed" });
    expect(hook.received[0]?.headers.get("x-webhook-secret")).toBe("hunter2");
    expect(hook.received[0]?.url).toBe(HOOK.webhook_url);
    expect((await a.get(`/v2/transcript/${id}`)).json["webhook_status_code"]).toBe(200);
    expect(sb.state.webhookAttempts[0]).toMatchObject({ attempt: 1, status: 200, outcome: "delivered" });
  });

  it("reports status error for a failed job", async () => {
    const { sb, time, hook, a } = await setup([200]);
    const up = await a.upload(new TextEncoder().encode("unknown bytes"));
    const id = (await a.post("/v2/transcript", { ...U3, audio_url: up.json["upload_url"], ...HOOK })).json["id"];
    time.advance(100);
    await sb.tick();
    expect(hook.received[0]?.body).toEqual({ transcript_id: id, status: "error" });
  });

  it("retries a 5xx 10 s apart, up to 10 tries in all", async () => {
    const { sb, time, hook, a } = await setup([503]);
    await a.create(HOOK);
    time.advance(100);
    await sb.tick();
    for (let i = 0; i < 12; i++) {
      time.advance(9_999);
      await sb.tick();
      const before = hook.received.length;
      time.advance(1);
      await sb.tick();
      expect(hook.received.length - before).toBe(i < 9 ? 1 : 0);
    }
    expect(hook.received).toHaveLength(10);
    expect(sb.state.webhookAttempts.map((x) => x.outcome)).toEqual([...Array(9).fill("retry"), "final"]);
  });

  it("retries network failures and stops at the first 2xx", async () => {
    const { sb, time, hook, a } = await setup(["fail", 500, 202]);
    await a.create(HOOK);
    time.advance(100);
    await sb.tick();
    time.advance(10_000);
    await sb.tick();
    time.advance(10_000);
    await sb.tick();
    time.advance(100_000);
    await sb.tick();
    expect(hook.received).toHaveLength(3);
    expect(sb.state.webhookAttempts.map((x) => x.status)).toEqual([null, 500, 202]);
  });

  it("treats a 4xx as final", async () => {
    const { sb, time, hook, a } = await setup([404, 200]);
    await a.create(HOOK);
    time.advance(100);
    await sb.tick();
    time.advance(100_000);
    await sb.tick();
    expect(hook.received).toHaveLength(1);
    expect(sb.state.webhookAttempts[0]?.outcome).toBe("final");
  });

  it("uses the configured retry interval", async () => {
    const { sb, time, hook, a } = await setup([500, 200], { webhookRetryIntervalMs: 50 });
    await a.create(HOOK);
    time.advance(100);
    await sb.tick();
    time.advance(50);
    await sb.tick();
    expect(hook.received).toHaveLength(2);
  });

  it("sends no auth header when only the name is given", async () => {
    const { sb, time, hook, a } = await setup([200]);
    await a.create({ webhook_url: HOOK.webhook_url, webhook_auth_header_name: "X-Webhook-Secret" });
    time.advance(100);
    await sb.deliverDueWebhooks();
    expect(hook.received[0]?.headers.has("x-webhook-secret")).toBe(false);
  });

  it("announces the redacted audio in a second POST when redact_pii_audio is set", async () => {
    const { sb, time, hook, a } = await setup([200]);
    const id = (await a.create({ ...HOOK, redact_pii: true, redact_pii_policies: ["person_name"], redact_pii_audio: true })).json["id"];
    time.advance(100);
    await sb.tick();
    expect(hook.received.map((r) => r.body)).toEqual([
      { transcript_id: id, status: "completed" },
      { status: "redacted_audio_ready", redacted_audio_url: expect.stringContaining(id) },
    ]);
  });

  it("delivers twice with the duplicate_webhook fault", async () => {
    const { sb, time, hook, a } = await setup([200]);
    sb.faults.add({ route: "webhook", kind: "duplicate_webhook", times: 1 });
    const id = (await a.create(HOOK)).json["id"];
    time.advance(100);
    await sb.tick();
    expect(hook.received.map((r) => r.body)).toEqual([
      { transcript_id: id, status: "completed" },
      { transcript_id: id, status: "completed" },
    ]);
  });

  it("lets a later notification overtake with the out_of_order_webhook fault", async () => {
    const { sb, time, hook, a } = await setup([200]);
    sb.faults.add({ route: "webhook", kind: "out_of_order_webhook", times: 1, delayMs: 5_000 });
    const first = (await a.create(HOOK)).json["id"];
    time.advance(10);
    const second = (await a.create(HOOK)).json["id"];
    time.advance(100);
    await sb.tick();
    time.advance(5_000);
    await sb.tick();
    expect(hook.received.map((r) => (r.body as { transcript_id: string }).transcript_id)).toEqual([second, first]);
  });

  it("delivers on its own with the default scheduler", async () => {
    const hook = receiver([200]);
    const sb = createSandbox({ fixtures: [await tinyFixture()], queuedMs: 0, processingMs: 0, webhookFetch: hook.fetch });
    await api(sb).create(HOOK);
    await vi.waitFor(() => expect(hook.received).toHaveLength(1), { timeout: 4000, interval: 10 });
    sb.close();
  });
});
