/** Delivery attempts of one event to one endpoint, the first included, before it is marked failed. */
export const WEBHOOK_MAX_ATTEMPTS = 9;

/** A delivery is given up once its next attempt would come later than this after the event (72 h). */
export const WEBHOOK_GIVE_UP_AFTER_MS = 72 * 60 * 60 * 1000;

/** The longest delay a Cloudflare Queue accepts for `retry({ delaySeconds })` (12 h). */
export const QUEUE_MAX_DELAY_SECONDS = 43_200;

/**
 * Seconds to wait after failed attempt number `attempt` (1-based): 1 min, 4 min, 16 min, 64 min, 4.3 h,
 * then 12 h (the queue's longest delay), plus up to 20 % jitter (`random` in [0, 1)) so that the
 * deliveries of a receiver that was down do not all come back at once; never more than 12 h.
 * Nine attempts span about 42 hours.
 *
 * @example webhookRetryDelaySeconds(1, () => 0) // 60
 */
export function webhookRetryDelaySeconds(attempt: number, random: () => number): number {
  const base = Math.min(QUEUE_MAX_DELAY_SECONDS, 60 * 4 ** Math.max(0, attempt - 1));
  const jitter = base * 0.2 * Math.min(Math.max(random(), 0), 1);
  return Math.min(QUEUE_MAX_DELAY_SECONDS, Math.round(base + jitter));
}

/** What one attempt's answer was: an HTTP status, or a failure before any (timeout, no connection, refused URL). */
export type AttemptOutcome = { status: number } | { error: "timeout" | "connect_failed" };

/** What to do with a delivery after an attempt. */
export type DeliveryDecision =
  | { kind: "delivered" }
  /** 410 Gone: the receiver asks never to be called again; the endpoint is disabled. */
  | { kind: "endpoint_gone" }
  | { kind: "retry"; delaySeconds: number }
  | { kind: "give_up" };

/**
 * The retry policy of tenant webhooks, as a pure function: a 2xx is delivered; 410 disables the
 * endpoint; anything else (3xx: redirects are not followed; 4xx; 5xx; timeouts; connection failures)
 * is retried with {@link webhookRetryDelaySeconds} until {@link WEBHOOK_MAX_ATTEMPTS} attempts were
 * made or the next one would fall after {@link WEBHOOK_GIVE_UP_AFTER_MS} from the start of the series
 * (the event, or the delivery's last redelivery).
 *
 * @param attempts attempts made so far, this one included
 */
export function decideAfterAttempt(
  outcome: AttemptOutcome,
  o: { attempts: number; seriesStartedAt: number; now: number; random: () => number },
): DeliveryDecision {
  if ("status" in outcome) {
    if (outcome.status >= 200 && outcome.status < 300) return { kind: "delivered" };
    if (outcome.status === 410) return { kind: "endpoint_gone" };
  }
  if (o.attempts >= WEBHOOK_MAX_ATTEMPTS) return { kind: "give_up" };
  const delaySeconds = webhookRetryDelaySeconds(o.attempts, o.random);
  if (o.now + delaySeconds * 1000 - o.seriesStartedAt > WEBHOOK_GIVE_UP_AFTER_MS) return { kind: "give_up" };
  return { kind: "retry", delaySeconds };
}
