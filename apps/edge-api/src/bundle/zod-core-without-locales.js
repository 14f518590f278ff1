// `z.core` for the Worker bundle: zod's core namespace minus its locales (see zod-without-locales.js).
export * from "zod/v4/core";

/** Deliberately empty in the Worker: no code here chooses a zod locale. */
export const locales = {};
