import { createWorker } from "./index.js";

/** The Worker entry point (wrangler.jsonc `main`): global fetch, real clock, random ids. */
export default createWorker() satisfies ExportedHandler<Env>;
