import type { NoteJobMessage } from "./note-job-message.js";

/** Most messages one `sendBatch` call takes (a Cloudflare Queues limit). */
export const SEND_BATCH_LIMIT = 100;

/** Which messages went onto the queue and which did not. */
export interface SendOutcome {
  sent: string[];
  failed: string[];
  /** Error class of the first failed batch, for the log. */
  error?: string;
}

/**
 * Sends note-generation messages with `sendBatch`, up to {@link SEND_BATCH_LIMIT} per call. A failed
 * call fails only its own messages (reported by job id), never the others, and never throws.
 */
export async function sendMessages(queue: Queue<NoteJobMessage>, messages: readonly NoteJobMessage[]): Promise<SendOutcome> {
  const outcome: SendOutcome = { sent: [], failed: [] };
  for (let i = 0; i < messages.length; i += SEND_BATCH_LIMIT) {
    const chunk = messages.slice(i, i + SEND_BATCH_LIMIT);
    try {
      await queue.sendBatch(chunk.map((body) => ({ body })));
      outcome.sent.push(...chunk.map((m) => m.jobId));
    } catch (error) {
      outcome.failed.push(...chunk.map((m) => m.jobId));
      outcome.error ??= error instanceof Error ? error.name : "Error";
    }
  }
  return outcome;
}
