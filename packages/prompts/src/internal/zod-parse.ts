import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

// zod/mini registers no locale (classic zod does, on its first schema), so every parse here names
// zod's English map itself: messages are the same whichever zod flavour the app loaded, or none.
const localeError = en().localeError;

/** What {@link safeParse} returns: the value, or zod's error with its issues. */
export type SafeParseResult<T> = { success: true; data: T; error?: never } | { success: false; data?: never; error: z.core.$ZodError<T> };

/**
 * `schema.safeParse(value)` with zod's English messages (`Too small: expected string to have >=1
 * characters`). Takes mini and classic schemas alike (they share `zod/v4/core`).
 */
export function safeParse<S extends z.core.$ZodType>(schema: S, value: unknown): SafeParseResult<z.output<S>> {
  return z.safeParse(schema, value, { error: localeError }) as SafeParseResult<z.output<S>>;
}
