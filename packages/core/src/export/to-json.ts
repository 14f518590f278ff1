import { InvalidNoteError } from "../note/invalid-note-error.js";
import { SoapNote } from "../note/soap-note.js";
import { safeParse } from "../internal/zod-parse.js";

/**
 * Serialises a note as pretty-printed JSON after validating it against {@link SoapNote}.
 * Throws {@link InvalidNoteError} when it does not fit.
 *
 * @example
 * ```ts
 * await writeFile("note.json", toJson(note));
 * ```
 */
export function toJson(note: SoapNote): string {
  const result = safeParse(SoapNote, note);
  if (!result.success) throw new InvalidNoteError(result.error.issues, { cause: result.error });
  return `${JSON.stringify(result.data, null, 2)}\n`;
}
