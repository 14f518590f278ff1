// The Worker bundle's "zod" (wrangler.jsonc `alias`): classic zod, minus its 40-odd locales.
//
// @hono/zod-openapi extends the `z` namespace object it imports from "zod" (`extendZodWithOpenApi(z)`)
// and re-exports it. A namespace used as a value cannot be tree-shaken, so the bundle kept every export
// of zod, `z.locales` and `z.core.locales` included: about 260 KiB of the Worker's source, for messages
// in languages this API never speaks. This module is that namespace with both left out; everything else
// is zod's own. English messages are unaffected: classic zod registers its English map by itself.
import * as self from "./zod-without-locales.js";

export * from "zod/v4";
export * as core from "./zod-core-without-locales.js";

/** Deliberately empty in the Worker: no code here chooses a zod locale (see the note above). */
export const locales = {};

export { self as z, self as default };
