/**
 * How long a delivery holds a job's generation lease: the longest a queue consumer can run (15 minutes
 * of wall time) plus a minute. While it is held, another delivery of the same job (a redelivery, a
 * duplicate send) is acknowledged without generating; once it has expired, the next delivery (or the
 * sweeper's re-send) takes the job over.
 */
export const GENERATION_LEASE_MS = 16 * 60_000;
