import type { AppConfig } from "../config/app-config.js";
import { jobsRepo, type JobsRepo } from "../jobs/jobs-repo.js";
import type { TenantJobs } from "../jobs/tenant-jobs.js";
import type { ResolvedDeps } from "./app-types.js";

/**
 * What one request or queue delivery works with on behalf of one tenant: the deployment, the injected
 * deps, and the jobs repository bound to the database and the clock (`deps.now`), with its view of
 * the tenant.
 */
export interface TenantContext {
  config: AppConfig;
  deps: ResolvedDeps;
  /** Moves jobs by id (create, webhook, failures). */
  jobs: JobsRepo;
  /** The tenant's jobs and notes: every statement filters on the tenant. */
  tenant: TenantJobs;
}

/** The {@link TenantContext} of `tenantId`. */
export function tenantContext(config: AppConfig, deps: ResolvedDeps, tenantId: string): TenantContext {
  const jobs = jobsRepo(config.db, deps.now);
  return { config, deps, jobs, tenant: jobs.forTenant(tenantId) };
}
