import * as z from "zod/mini";
import { TemplateInputError } from "./errors.js";
import { toIssues } from "./issue-path.js";
import type { TemplateInput } from "./types.js";
import { safeParse } from "./zod-parse.js";

// Speaker labels and roles are written into the prompt outside the transcript fence, so they may not
// carry anything that could open a fence or a gateway placeholder: no control characters, `<>{}` or backticks.
const LABEL = /^[^\p{Cc}<>{}`]{1,64}$/u;

const transcriptSourceSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("transcript_id"), transcriptId: z.string().check(z.minLength(1), z.maxLength(200)) }),
  z.strictObject({ kind: z.literal("text"), text: z.string() }),
]);

/** Zod schema of {@link TemplateInput}. */
export const templateInputSchema = z.strictObject({
  transcript: transcriptSourceSchema,
  speakerRoles: z.optional(z.record(
      z.string().check(z.regex(LABEL, "speaker label: 1-64 characters, no control characters, <, >, {, } or `")),
      z.string().check(z.regex(LABEL, "speaker role: 1-64 characters, no control characters, <, >, {, } or `")),
    )),
});

/** Validates a template input; throws {@link TemplateInputError} (which never quotes the transcript). */
export function parseTemplateInput(input: TemplateInput): TemplateInput {
  const parsed = safeParse(templateInputSchema, input);
  if (!parsed.success) throw new TemplateInputError(toIssues(parsed.error), { cause: parsed.error });
  return parsed.data;
}
