/** Formats milliseconds as `m:ss`, or `h:mm:ss` from one hour on. */
export function formatMs(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${String(m).padStart(2, "0")}:${s}`;
}

/**
 * Formats an ISO 8601 date-time as `YYYY-MM-DD HH:MM UTC` for a note's header (the same instant
 * whatever offset it was written with); text that is not a date comes back unchanged.
 */
export function formatNoteDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

/**
 * An ISO 8601 date-time as a FHIR `instant` (seconds and a zone are required there): normalised to
 * UTC with milliseconds; text that is not a date comes back unchanged.
 */
export function toFhirInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString();
}
