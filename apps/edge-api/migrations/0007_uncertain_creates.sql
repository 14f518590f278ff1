-- soap-notes edge API: creates whose outcome is unknown (the connection failed, the answer was lost, the
-- immediate lookup found nothing or failed), resolved by the cron sweep: looked up again once they have
-- settled, created again (same job, same webhook URL) only when a whole scan of the window shows they were
-- never made, failed for good after the last try. Times are Unix epoch milliseconds.
--
-- audio_url is the one copy of a job's audio URL this API keeps (jobs.options_json never holds it): it is
-- needed to look the create up and to send it again, and the row is deleted as soon as the create is
-- resolved (found, made, or given up), with its job (foreign key), or by the tenant's offboarding.
CREATE TABLE uncertain_creates (
  job_id          TEXT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
  tenant_id       TEXT NOT NULL,
  audio_url       TEXT NOT NULL,
  -- When the last create of the job was sent (the lookup's window starts a skew before it).
  sent_at         INTEGER NOT NULL,
  -- Creates sent for the job so far (the request's own included).
  sends           INTEGER NOT NULL DEFAULT 1,
  next_attempt_at INTEGER NOT NULL
);
CREATE INDEX uncertain_creates_due ON uncertain_creates (next_attempt_at);
