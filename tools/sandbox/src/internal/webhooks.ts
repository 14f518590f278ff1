import type { Engine } from "./engine.js";
import type { PendingWebhook, StoredTranscript } from "./state.js";
import { redactedAudioUrl } from "./transcript-json.js";

/**
 * Webhook delivery with AssemblyAI's rule (API-NOTES.md, docs/webhooks.mdx): POST
 * `{transcript_id, status}` with `webhook_auth_header_name: value`; 2xx ends it; a 4xx is final; any
 * other answer, a network error or no answer within the timeout is retried, up to `webhookMaxAttempts`
 * tries `webhookRetryIntervalMs` apart. Every attempt is recorded in `state.webhookAttempts`.
 */
export class WebhookQueue {
  readonly #engine: Engine;
  #seq = 0;

  constructor(engine: Engine) {
    this.#engine = engine;
  }

  /** Queues the notifications of a job that just finished (plus the redacted-audio one). */
  enqueueFor(t: StoredTranscript): void {
    const url = t.params.webhook_url;
    if (!url) return;
    const headers: Record<string, string> = { "content-type": "application/json" };
    const name = t.params.webhook_auth_header_name;
    const value = t.params.webhook_auth_header_value;
    if (name && value) headers[name] = value;
    const now = this.#engine.now();
    const fault = this.#engine.faults.take("webhook", ["duplicate_webhook", "out_of_order_webhook"]);
    const dueAt = fault?.kind === "out_of_order_webhook" ? now + (fault.delayMs ?? 1000) : now;
    const copies = fault?.kind === "duplicate_webhook" ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      this.#push({ transcriptId: t.id, kind: "transcript", url, headers, body: { transcript_id: t.id, status: t.status }, attempt: 0, dueAt });
    }
    if (t.status === "completed" && t.params.redact_pii_audio) {
      this.#push({
        transcriptId: t.id,
        kind: "redacted_audio",
        url,
        headers,
        body: { status: "redacted_audio_ready", redacted_audio_url: redactedAudioUrl(t.origin, t.id) },
        attempt: 0,
        dueAt,
      });
    }
  }

  #push(w: Omit<PendingWebhook, "seq">): void {
    this.#engine.state.pendingWebhooks.push({ ...w, seq: this.#seq++ });
  }

  /** Sends every due notification (in due order) and waits for the answers. */
  async deliverDue(): Promise<void> {
    const state = this.#engine.state;
    const now = this.#engine.now();
    const due = state.pendingWebhooks.filter((w) => w.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
    state.pendingWebhooks.splice(0, state.pendingWebhooks.length, ...state.pendingWebhooks.filter((w) => w.dueAt > now));
    for (const w of due) await this.#send(w);
  }

  async #send(w: PendingWebhook): Promise<void> {
    const { options, state, counters } = this.#engine;
    const attempt = w.attempt + 1;
    const controller = new AbortController();
    const timer = options.scheduler.setTimeout(() => controller.abort(new Error("webhook timed out")), options.webhookTimeoutMs);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await options.webhookFetch(w.url, { method: "POST", headers: w.headers, body: JSON.stringify(w.body), signal: controller.signal });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : "request failed";
    } finally {
      options.scheduler.clearTimeout(timer);
    }
    counters.webhookAttempts++;
    const ok = status !== null && status >= 200 && status < 300;
    const final = status !== null && status >= 400 && status < 500;
    const outcome = ok ? "delivered" : final || attempt >= options.webhookMaxAttempts ? "final" : "retry";
    state.webhookAttempts.push({ transcriptId: w.transcriptId, kind: w.kind, url: w.url, attempt, at: this.#engine.now(), body: w.body, headers: { ...w.headers }, status, error, outcome });
    const t = state.transcripts.get(w.transcriptId);
    if (t && w.kind === "transcript") t.webhookStatusCode = status;
    if (outcome === "retry") {
      state.pendingWebhooks.push({ ...w, attempt, dueAt: this.#engine.now() + options.webhookRetryIntervalMs, seq: this.#seq++ });
    }
  }
}
