import { templateRef } from "./template-ref.js";
import { templateHash } from "./template-hash.js";
import type { SoapTemplate } from "./types.js";

/** `id@version -> sha256:…`, the content of templates.lock.json. */
export type TemplateLock = Record<string, string>;

/** How the registry and a lock file differ. */
export interface LockDiff {
  /** In the lock with another hash: a released template was changed. */
  changed: { ref: string; locked: string; actual: string }[];
  /** In the registry, not in the lock: a new version, to be locked. */
  added: { ref: string; actual: string }[];
  /** In the lock, not in the registry: a released template was removed. */
  removed: string[];
}

/** Compares templates against a lock. */
export async function diffLock(lock: TemplateLock, templates: readonly SoapTemplate[]): Promise<LockDiff> {
  const diff: LockDiff = { changed: [], added: [], removed: [] };
  const refs = new Set<string>();
  for (const t of templates) {
    const ref = templateRef(t);
    refs.add(ref);
    const actual = await templateHash(t);
    const locked = lock[ref];
    if (locked === undefined) diff.added.push({ ref, actual });
    else if (locked !== actual) diff.changed.push({ ref, locked, actual });
  }
  diff.removed = Object.keys(lock).filter((ref) => !refs.has(ref)).sort();
  return diff;
}

/** The lock with new versions added, keys sorted; throws when a released entry changed or was removed. */
export function updatedLock(lock: TemplateLock, diff: LockDiff): TemplateLock {
  if (diff.changed.length > 0 || diff.removed.length > 0) {
    const problems = [
      ...diff.changed.map((c) => `${c.ref} changed (locked ${c.locked}, now ${c.actual})`),
      ...diff.removed.map((r) => `${r} removed`),
    ];
    throw new Error(
      `Refusing to update the lock: released templates are immutable. ${problems.join("; ")}. ` +
        "Restore the released text and publish the change as a new version instead.",
    );
  }
  const next: TemplateLock = { ...lock };
  for (const a of diff.added) next[a.ref] = a.actual;
  return Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
