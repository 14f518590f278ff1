import { HttpError } from "../http/errors.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Job statuses that count as in flight: work that may still cost money. */
export const IN_FLIGHT_STATUSES = ["creating", "transcribing", "queued", "generating"] as const;

/** SQL list of {@link IN_FLIGHT_STATUSES}, for `status IN (…)`. */
export const IN_FLIGHT_SQL = IN_FLIGHT_STATUSES.map((s) => `'${s}'`).join(", ");

/** How long a client is told to wait when its tenant has too many jobs in flight (they finish in minutes). */
export const IN_FLIGHT_RETRY_AFTER_SECONDS = 30;

/** The UTC day `now` falls in (days since the epoch), the key of `tenant_daily_usage`. */
export function utcDay(now: number): number {
  return Math.floor(now / DAY_MS);
}

/** Whole seconds from `now` to the next UTC midnight (at least 1). */
export function secondsToNextUtcDay(now: number): number {
  return Math.max(1, Math.ceil(((utcDay(now) + 1) * DAY_MS - now) / 1000));
}

/** Statements over `tenant_daily_usage`, the per-tenant count of creating requests per UTC day. */
export function dailyUsage(db: D1Database, tenantId: string) {
  return {
    /** Drops this tenant's counters older than yesterday. */
    prune: (now: number) => db.prepare(`DELETE FROM tenant_daily_usage WHERE tenant_id = ?1 AND day < ?2`).bind(tenantId, utcDay(now) - 1),

    /**
     * Counts one creating request when the day's count is below `limit`, atomically; true when counted.
     * Used by section regenerations (a create counts itself in the batch that records its job).
     */
    async consume(now: number, limit: number): Promise<boolean> {
      const row = await db
        .prepare(
          `INSERT INTO tenant_daily_usage (tenant_id, day, creates) VALUES (?1, ?2, 1)
       ON CONFLICT (tenant_id, day) DO UPDATE SET creates = creates + 1 WHERE creates < ?3
       RETURNING creates`,
        )
        .bind(tenantId, utcDay(now), limit)
        .first<{ creates: number }>();
      return row !== null;
    },

    /** Gives back one request counted by {@link consume} that turned out to cost nothing (a 404 or 409). */
    async refund(now: number): Promise<void> {
      await db
        .prepare(`UPDATE tenant_daily_usage SET creates = creates - 1 WHERE tenant_id = ?1 AND day = ?2 AND creates > 0`)
        .bind(tenantId, utcDay(now))
        .run();
    },
  };
}

/** The 429 of a tenant that used up its creating requests for the UTC day. */
export function dailyCapError(limit: number, now: number): HttpError {
  const retryAfterSeconds = secondsToNextUtcDay(now);
  return new HttpError(
    429,
    "quota_exceeded",
    `Daily quota of ${limit} creating requests (new notes and section regenerations) for this tenant is used up ` +
      `(all of its API keys count together); it resets at 00:00 UTC, in ${retryAfterSeconds} seconds.`,
    {
      headers: { "Retry-After": String(retryAfterSeconds) },
      details: { cap: "creates_per_tenant_per_day", limit, retry_after_seconds: retryAfterSeconds },
    },
  );
}

/** The 429 of a tenant with too many jobs in flight. */
export function inFlightCapError(limit: number): HttpError {
  return new HttpError(
    429,
    "quota_exceeded",
    `This tenant already has ${limit} notes being made (the most at once); retry when one is completed or failed.`,
    {
      headers: { "Retry-After": String(IN_FLIGHT_RETRY_AFTER_SECONDS) },
      details: { cap: "notes_in_flight_per_tenant", limit, retry_after_seconds: IN_FLIGHT_RETRY_AFTER_SECONDS },
    },
  );
}
