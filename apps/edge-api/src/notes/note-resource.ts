import type { z } from "@hono/zod-openapi";
import { SoapNote } from "@org/soap-core/engine";
import type { JobRow, JobWithNote } from "../jobs/job-row.js";
import type { noteResourceSchema, noteSummarySchema } from "./notes-schemas.js";

type NoteResource = z.infer<typeof noteResourceSchema>;
type NoteSummary = z.infer<typeof noteSummarySchema>;

/** The public status of a job (a deleted job is never shown). */
export function publicStatus(row: JobRow): NoteSummary["status"] {
  return row.status === "deleted" ? "failed" : row.status;
}

/** A job row as a listing entry. */
export function toNoteSummary(row: JobRow): NoteSummary {
  return {
    id: row.id,
    status: publicStatus(row),
    transcript_id: row.transcript_id,
    template: row.template_spec,
    experiment: row.experiment,
    variant: row.variant,
    model: row.model,
    attempts: row.attempts,
    failure: row.failure_code ? { code: row.failure_code, reason: row.failure_reason ?? "" } : null,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

/** Parses a stored note (it was validated when stored; this guards against drift). */
export function parseStoredNote(json: string): SoapNote {
  return SoapNote.parse(JSON.parse(json));
}

/** A job row with its note as the full resource. */
export function toNoteResource(row: JobWithNote): NoteResource {
  const note = row.note_json ? parseStoredNote(row.note_json) : null;
  return { ...toNoteSummary(row), note, provenance: note?.provenance ?? null };
}
