import { createExecutionContext } from "cloudflare:test";
import { createHarness, type Harness, type HarnessOptions } from "./harness.js";
import { fakeBatch } from "./fake-batch.js";

/** The test deployment's TENANT_WEBHOOK_KEY. */
export const TENANT_WEBHOOK_KEY = "tenant-webhook-key-0123456789abcdef-test";
/** Where the tests' receivers live (requests there never reach the sandbox). */
export const RECEIVER_ORIGIN = "https://hooks.tenant.test";

/** A delivery message as the queue carries it. */
export interface DeliveryMsg {
  deliveryId: string;
  tenantId: string;
}

/** A queue producer that records delivery messages. */
export class DeliveryQueue implements Queue<DeliveryMsg> {
  readonly sent: DeliveryMsg[] = [];
  failNextSends = 0;
  async send(message: DeliveryMsg): Promise<QueueSendResponse> {
    if (this.failNextSends > 0) {
      this.failNextSends--;
      throw new Error("queue unavailable");
    }
    this.sent.push(structuredClone(message));
    return { metadata: { metrics: { backlogCount: this.sent.length, backlogBytes: 0 } } };
  }
  async sendBatch(messages: Iterable<MessageSendRequest<DeliveryMsg>>): Promise<QueueSendBatchResponse> {
    const list = [...messages];
    if (this.failNextSends > 0) {
      this.failNextSends--;
      throw new Error("queue unavailable");
    }
    for (const m of list) this.sent.push(structuredClone(m.body));
    return { metadata: { metrics: { backlogCount: this.sent.length, backlogBytes: 0 } } };
  }
  async metrics(): Promise<QueueMetrics> {
    return { backlogCount: this.sent.length, backlogBytes: 0 };
  }
  drain(): DeliveryMsg[] {
    return this.sent.splice(0, this.sent.length);
  }
}

/** A request the receiver got. */
export interface Received {
  url: string;
  headers: Headers;
  body: string;
  redirect: string;
}

/** A harness with tenant webhooks on, a recording delivery queue and a programmable receiver. */
export function createWebhookHarness(options: HarnessOptions = {}) {
  const received: Received[] = [];
  /** Statuses the receiver answers with, in order; when empty, 200. A function may answer anything (or throw). */
  const answers: (number | ((r: Request) => Promise<Response>))[] = [];
  const deliveries = new DeliveryQueue();
  const h: Harness = createHarness({
    ...options,
    vars: { TENANT_WEBHOOK_KEY, ...options.vars },
    bindings: { WEBHOOK_DELIVERIES: deliveries, ...options.bindings } as Partial<Env>,
    outbound: async (request, next) => {
      if (!request.url.startsWith(RECEIVER_ORIGIN) && !request.url.startsWith("http://127.0.0.1")) return options.outbound ? options.outbound(request, next) : next(request);
      const body = await request.text();
      received.push({ url: request.url, headers: request.headers, body, redirect: request.redirect });
      const answer = answers.shift() ?? 200;
      if (typeof answer === "function") return answer(request);
      return new Response(answer === 204 ? null : "ok", { status: answer, headers: answer >= 300 && answer < 400 ? { location: "https://elsewhere.test/" } : {} });
    },
  });

  /** Delivers one delivery message to the Worker's queue handler as delivery number `attempts`. */
  async function deliverWebhook(message: DeliveryMsg, attempts = 1) {
    const { batch, outcome } = fakeBatch<unknown>("soap-webhook-deliveries", { id: `wmsg-${crypto.randomUUID()}`, timestamp: new Date(h.now()), attempts, body: message });
    await h.worker.queue(batch, h.env, createExecutionContext());
    return outcome();
  }

  /** POST /v1/webhook-endpoints; returns the answer's JSON and status. */
  async function register(key: string, json: Record<string, unknown> = {}) {
    const res = await h.request("/v1/webhook-endpoints", { method: "POST", key, json: { url: `${RECEIVER_ORIGIN}/hook`, events: ["note.completed", "note.failed"], ...json } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { id: string; secret: string } };
  }

  /**
   * Takes the messages of `tenantId` off the queue (the test D1 is shared, so a dispatch may also send
   * other tests' leftover deliveries; those are dropped here).
   */
  function drainFor(tenantId: string): DeliveryMsg[] {
    return deliveries.drain().filter((m) => m.tenantId === tenantId);
  }

  return { h, received, answers, deliveries, deliverWebhook, register, drainFor };
}
