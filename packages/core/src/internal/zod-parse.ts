import * as z from "zod/mini";
import { issueMessage } from "./issue-message.js";

// zod/mini registers no locale (classic zod does, on its first schema), so every parse in core names
// its own English messages (zod's wording, see issue-message.ts): messages are the same whichever zod
// flavour the app loaded, or none, and the locale's tables of formats and languages stay out of bundles.

/** What {@link safeParse} returns: the value, or zod's error with its issues. */
export type SafeParseResult<T> = { success: true; data: T; error?: never } | { success: false; data?: never; error: z.core.$ZodError<T> };

/**
 * `schema.safeParse(value)` with zod's English messages (`Too small: expected string to have >=1
 * characters`). Takes mini and classic schemas alike (they share `zod/v4/core`).
 */
export function safeParse<S extends z.core.$ZodType>(schema: S, value: unknown): SafeParseResult<z.output<S>> {
  return z.safeParse(schema, value, { error: issueMessage }) as SafeParseResult<z.output<S>>;
}
