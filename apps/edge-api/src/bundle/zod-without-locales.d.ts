// Types of zod-without-locales.js: classic zod's, with empty `locales` (the module is JavaScript so that
// it can import itself as its own `z` namespace, which TypeScript calls a circular alias).
import type * as self from "./zod-without-locales.js";
export * from "zod/v4";
export * as core from "./zod-core-without-locales.js";
export declare const locales: Record<string, never>;
declare const z: typeof self;
export { z, z as default };
