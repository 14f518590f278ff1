import { expect } from "vitest";
import { auditOf, expectNoLostJob, expectValidNote, getNote } from "../api.js";
import { addFault, PURGE_RETRY_MS, startNote } from "../steps.js";
import { transcriptDeleted } from "./deletion.js";
import { STATUSES_5XX, type FaultOn } from "./faults.js";
import { scenario, type Scenario } from "./scenario.js";

/**
 * `RETENTION_HOURS=0`: the transcript is deleted at AssemblyAI as soon as the note is stored (by the
 * sweeper when that first attempt fails; the note is stored either way), and the note keeps working:
 * its exports, and a section regenerated from the transcript copy it keeps.
 */
const retentionZero = scenario<FaultOn | undefined>({
  name: "retention of 0 hours",
  variants: [
    { label: "no fault on AssemblyAI's delete", value: undefined },
    ...STATUSES_5XX.map((s) => ({ label: `AssemblyAI's delete answers ${s} until it recovers (the sweeper deletes it)`, value: { kind: "status", status: s } as FaultOn })),
    { label: "AssemblyAI's delete resets the connection until it recovers (the sweeper deletes it)", value: { kind: "reset" } },
  ],
  async run(make, retentionDelete) {
    const h = make({ vars: { RETENTION_HOURS: "0" } });
    const { key } = await h.seedTenant();
    const id = await startNote(h, key);
    const fired = retentionDelete ? addFault(h, { route: "delete", ...retentionDelete }) : () => 1;
    await h.settle();
    expect(fired()).toBeGreaterThan(0);
    const stored = await getNote(h, key, id);
    await expectValidNote(h, key, stored);
    expect(stored.attempts, "a failed deletion turned into a generation retry").toBe(1);
    expect(transcriptDeleted(h, id)).toBe(retentionDelete === undefined);
    if (!transcriptDeleted(h, id)) {
      h.sandbox.faults.clear();
      await h.sweep(PURGE_RETRY_MS);
    }
    expect(transcriptDeleted(h, id), "the transcript outlived RETENTION_HOURS=0").toBe(true);
    expect(await auditOf(h, key, id)).toContain("transcript.purged:retention");
    const regenerated = await h.request(`/v1/notes/${encodeURIComponent(id)}/sections/plan/regenerate`, { method: "POST", key });
    expect(regenerated.status, await regenerated.clone().text()).toBe(200);
    const after = await getNote(h, key, id);
    await expectValidNote(h, key, after);
    expect(after.provenance?.history).toHaveLength(1);
    await expectNoLostJob(h, key);
    return "survived";
  },
});

/** Retention: no transcript kept at AssemblyAI longer than configured (#15 item 2). */
export const RETENTION_SCENARIOS: readonly Scenario[] = [retentionZero];
