import { z } from "zod";

/** zod schema of a note-generation message (validated on the consumer side: it is outside input). */
export const noteJobMessageSchema = z.object({
  jobId: z.string().min(1).max(100),
  tenantId: z.string().min(1).max(100),
});

/** The body of a message on the NOTE_JOBS queue. */
export type NoteJobMessage = z.infer<typeof noteJobMessageSchema>;
