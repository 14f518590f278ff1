-- soap-notes edge API: a tenant's completion webhook announces a note's real end, once.
--
-- A job failed as 'transcript_create_uncertain' is not finished: its create may have been made (its
-- webhook, or the cron sweep's look-up, resumes it) or may be sent again (migrations/0007). The trigger of
-- 0006 announced it as note.failed and then, when it resumed, note.completed: two contradictory events.
-- From here on a job is *final* when it is 'completed', or 'failed' with any other code; the event is
-- written when a job becomes final from a state that was not:
--   - completed, from any state (an uncertain failure that resumed included);
--   - failed with a final code, from a live state or from failed/'transcript_create_uncertain' (the
--     sweep giving up sets failure_code to 'transcript_create_failed' with status staying 'failed': the
--     trigger now also watches failure_code, where 0006's `OLD.status IS NOT NEW.status` missed it);
--   - never for failed/'transcript_create_uncertain', and never between two final states (none exists:
--     no statement moves a final job anywhere but 'deleted').
-- So a job writes exactly one note.completed or note.failed event. (A job failed as uncertain before this
-- migration already had its note.failed; its resolution adds one more event, as 0006 did.)
--
-- uncertain_creates (0007) keeps its columns; what a row means widens: it is written with the job, before
-- the first create is sent (the admission's batch), so that a create whose Worker died mid-request (the
-- job stuck in 'creating', failed as uncertain by the sweeper) is looked up, sent again or given up like
-- any uncertain create. The row goes as soon as the create's outcome is known (made, rejected, its
-- transcript's webhook, found, given up), with the note's deletion, or by offboarding; `sends` counts the
-- creates sent, the one in flight included. (A job admitted before this migration whose Worker dies
-- mid-create has no row: only its webhook resumes it, as before.)
DROP TRIGGER jobs_finished_webhook_event;

CREATE TRIGGER jobs_finished_webhook_event AFTER UPDATE OF status, failure_code ON jobs
WHEN (NEW.status = 'completed' OR (NEW.status = 'failed' AND NEW.failure_code IS NOT 'transcript_create_uncertain'))
  AND NOT (OLD.status = 'completed' OR (OLD.status = 'failed' AND OLD.failure_code IS NOT 'transcript_create_uncertain'))
  AND EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.tenant_id = NEW.tenant_id AND e.status = 'enabled'
                AND instr(e.events, '"note.' || NEW.status || '"') > 0)
BEGIN
  INSERT INTO webhook_events (id, tenant_id, type, note_id, note_status, failure_code, finished_at, created_at)
  VALUES ('evt_' || lower(hex(randomblob(16))), NEW.tenant_id, 'note.' || NEW.status, NEW.id, NEW.status,
          NEW.failure_code, NEW.finished_at, COALESCE(NEW.finished_at, NEW.updated_at));
  INSERT INTO webhook_deliveries (id, event_id, endpoint_id, tenant_id, status, attempts, next_attempt_at, started_at, created_at, updated_at)
  SELECT 'whd_' || lower(hex(randomblob(16))), ev.id, e.id, e.tenant_id, 'pending', 0, ev.created_at, ev.created_at, ev.created_at, ev.created_at
  FROM webhook_events ev JOIN webhook_endpoints e ON e.tenant_id = ev.tenant_id
  WHERE ev.rowid = last_insert_rowid() AND e.status = 'enabled' AND instr(e.events, '"' || ev.type || '"') > 0;
END;
