import type { Context } from "hono";
import type { AppEnv } from "../app/app-types.js";
import { auditRepo, type AuditAction } from "./audit-repo.js";

/**
 * Records that the caller's API key did `action` to note `noteId` of its tenant. Awaited before the
 * answer is sent, so a read whose record could not be written is answered 500, not served unrecorded.
 */
export async function recordNoteAccess(c: Context<AppEnv>, action: AuditAction, noteId: string, detail?: string): Promise<void> {
  const { config, deps, auth } = c.var;
  await auditRepo(config.db, deps.now).record({ tenantId: auth.tenantId, keyId: auth.keyId, action, noteId, detail });
}
