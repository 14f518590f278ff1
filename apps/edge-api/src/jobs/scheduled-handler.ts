import type { ResolvedDeps } from "../app/app-types.js";
import { parseAppConfig } from "../config/app-config.js";
import { sweepStaleJobs, type SweepResult } from "./sweeper.js";

/** The Worker's `scheduled` handler: validates the bindings and runs {@link sweepStaleJobs}. */
export function createScheduledHandler(deps: ResolvedDeps) {
  return async (env: Env): Promise<SweepResult> => {
    const config = parseAppConfig(env as unknown as Record<string, unknown>);
    return sweepStaleJobs(config, deps);
  };
}
