import { beforeAll, describe, expect, test } from "vitest";
import { addTally } from "../support/tally.js";
import { envelope, getNote } from "./api.js";
import { NOTE_BAD_INPUTS } from "./bad-inputs/notes.js";
import { FLOODING_IP, NOTE_IDEMPOTENCY_KEY, PREVIOUS_WEBHOOK_SECRET, type BadInputCtx } from "./bad-inputs/types.js";
import { WEBHOOK_BAD_INPUTS } from "./bad-inputs/webhooks.js";
import { AUDIO, createHarness } from "./harness.js";
import { keepLogs } from "./logs.js";
import { OverLimitFor } from "./rate-limiter.js";

const BAD_INPUTS = [...NOTE_BAD_INPUTS, ...WEBHOOK_BAD_INPUTS];

describe("bad inputs through the edge API", () => {
  const c = {} as BadInputCtx;
  beforeAll(async () => {
    c.h = createHarness({
      // Mid-rotation; creating requests are not what these cases are about (quotas have their own cells).
      vars: { WEBHOOK_SECRET_PREVIOUS: PREVIOUS_WEBHOOK_SECRET, TENANT_CREATES_PER_MINUTE: "1000" },
      bindings: { IP_RATE_LIMITER: new OverLimitFor([FLOODING_IP]) },
    });
    const a = await c.h.seedTenant("Tenant A");
    c.key = a.key;
    c.expiredKey = await c.h.addKey(a.tenantId, { expiresAt: c.h.now() - 1 });
    c.revokedKey = await c.h.addKey(a.tenantId, { revokedAt: c.h.now() - 1 });
    c.otherKey = (await c.h.seedTenant("Tenant B")).key;
    const res = await c.h.request("/v1/notes", { method: "POST", key: c.key, json: { audio_url: AUDIO.knee }, headers: { "idempotency-key": NOTE_IDEMPOTENCY_KEY } });
    expect(res.status).toBe(202);
    ({ id: c.noteId, transcript_id: c.transcriptId } = (await res.json()) as { id: string; transcript_id: string });
    const other = await c.h.request("/v1/notes", { method: "POST", key: c.otherKey, json: { audio_url: AUDIO.finger } });
    expect(other.status).toBe(202);
    ({ id: c.otherNoteId, transcript_id: c.otherTranscriptId } = (await other.json()) as { id: string; transcript_id: string });
    // What setup logged goes with the first case's logs (keepLogs takes everything captured so far).
  });

  test("every bad input has its own name", () => {
    const names = BAD_INPUTS.map((b) => b.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  test.for(BAD_INPUTS.map((b) => [b.name, b] as const))("%s", async ([, bad], { task }) => {
    addTally(task, { badInputs: 1 });
    try {
      const res = await bad.send(c);
      expect(res.status).toBe(bad.want.status);
      for (const [name, value] of Object.entries(bad.want.headers ?? {})) expect(res.headers.get(name), name).toBe(value);
      if (res.status === 200) {
        const body = (await res.json()) as { action: string };
        expect(body.action).toBe(bad.want.code);
      } else {
        const { error } = await envelope(res);
        expect(error.code).toBe(bad.want.code);
        expect(error.message).toContain(bad.want.phrase);
      }
      // Nothing moved: both notes still wait for their transcripts, no message queued, no transcript made or deleted.
      expect((await getNote(c.h, c.key, c.noteId)).status).toBe("transcribing");
      expect((await getNote(c.h, c.otherKey, c.otherNoteId)).status).toBe("transcribing");
      expect(c.h.queue.sent).toEqual([]);
      expect(c.h.sandbox.counters.transcriptsCreated).toBe(2);
      expect([...c.h.sandbox.state.transcripts.values()].filter((t) => t.deleted)).toEqual([]);
      keepLogs(task, c.h);
      addTally(task, { badInputsAnswered: 1 });
    } finally {
      if (c.h.captured.length > 0) task.meta.chaosLogs = [...(task.meta.chaosLogs ?? []), ...c.h.captured.splice(0)];
    }
  });
});
