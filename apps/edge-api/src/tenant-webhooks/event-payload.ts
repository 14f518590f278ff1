import { encodeCursor } from "../notes/cursor.js";
import type { EventRow } from "./deliveries-repo.js";

/**
 * The JSON body of an event, the same bytes on every attempt: `{ id, type, created, data }`. Ids, status
 * and codes only: never note or transcript text (the receiver fetches the note with its API key).
 * `data.finished_cursor` is the `after` cursor of `GET /v1/notes/finished` that ends at this note.
 */
export function eventBody(event: EventRow, endpointId: string): string {
  const data =
    event.type === "ping"
      ? { endpoint_id: endpointId }
      : {
          note_id: event.note_id,
          status: event.note_status,
          failure_code: event.failure_code,
          finished_at: event.finished_at === null ? null : new Date(event.finished_at).toISOString(),
          finished_cursor:
            event.finished_at === null || event.note_id === null ? null : encodeCursor({ createdAt: event.finished_at, id: event.note_id }),
        };
  return JSON.stringify({ id: event.id, type: event.type, created: Math.floor(event.created_at / 1000), data });
}
