// Types of zod-core-without-locales.js: zod's core namespace, with empty `locales`.
export * from "zod/v4/core";
export declare const locales: Record<string, never>;
