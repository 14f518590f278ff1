import type { ResolvedDeps } from "../app/app-types.js";
import { parseAppConfig } from "../config/app-config.js";
import { sweepUploads } from "../uploads/sweep-uploads.js";
import { sweepStaleJobs, type SweepResult } from "./sweeper.js";
import { dispatchTenantWebhooks } from "../tenant-webhooks/delivery-queue-handler.js";

/** The Worker's `scheduled` handler: validates the bindings and runs {@link sweepStaleJobs}, then the uploads' retention ({@link sweepUploads}). */
export function createScheduledHandler(deps: ResolvedDeps) {
  return async (env: Env): Promise<SweepResult> => {
    const config = parseAppConfig(env as unknown as Record<string, unknown>);
    const result = await sweepStaleJobs(config, deps);
    // Uploaded audio (R2) after the jobs, so that a job the sweep just failed lets its audio go at once.
    try {
      await sweepUploads(config.db, (env as Partial<Env>).AUDIO, deps);
    } catch (error) {
      result.errors++;
      deps.log({ level: "error", event: "sweep.step_failed", step: "uploads", error: error instanceof Error ? error.name : "Error" });
    }
    // Tenant webhooks of jobs finished outside the queue consumer (create failures, this sweep), and lost messages.
    await dispatchTenantWebhooks(env, config.db, deps, { sweep: true });
    return result;
  };
}
