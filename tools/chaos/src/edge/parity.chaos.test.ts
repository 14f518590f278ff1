/**
 * Parity, edge half: the shared visit (PARITY_AUDIO_URL) with the shared config (PARITY_CONFIG as
 * SOAP_CONFIG) through the edge API (POST /v1/notes, webhook, queue consumer, GET /v1/notes/{id})
 * against the sandbox. Records what the Worker asked for and wrote in `task.meta.parity`; the finale
 * compares it with the CLI's (src/parity/parity-cli.chaos.test.ts) field by field.
 *
 * This test checks only that the visit went through; what the request and the note hold is for the
 * finale to compare, so that a difference between the apps is reported as one.
 */
import { expect, test } from "vitest";
import { buildParityRecord, PARITY_AUDIO_URL, PARITY_CONFIG } from "../parity/record.js";
import { expectValidNote, getNote } from "./api.js";
import { createHarness } from "./harness.js";
import { keepLogs } from "./logs.js";
import { SEED } from "./seeded.js";

test("parity, edge API: one visit, one config through the Worker; its parity record is kept for the finale", async ({ task }) => {
  const h = createHarness({ seed: SEED, vars: { SOAP_CONFIG: JSON.stringify(PARITY_CONFIG) } });
  try {
    const { key } = await h.seedTenant();
    const res = await h.request("/v1/notes", { method: "POST", key, json: { audio_url: PARITY_AUDIO_URL } });
    expect(res.status, "POST /v1/notes").toBe(202);
    const { id } = (await res.json()) as { id: string };
    await h.settle();
    const resource = await getNote(h, key, id);
    await expectValidNote(h, key, resource);
    expect(h.sandbox.counters.transcriptsCreated, "transcripts created by the edge API").toBe(1);
    expect(h.sandbox.state.chatRequests.length, "gateway chat requests").toBeGreaterThan(0);

    const record = await buildParityRecord({
      app: "edge",
      transcripts: [...h.sandbox.state.transcripts.values()].map((t) => t.params),
      chatRequests: h.sandbox.state.chatRequests,
      note: resource.note,
    });
    task.meta.parity = record;
    keepLogs(task, h, [`parity record ${JSON.stringify(record)}`]);
  } finally {
    if (h.captured.length > 0) task.meta.chaosLogs = [...(task.meta.chaosLogs ?? []), ...h.captured];
    h.sandbox.close();
  }
});
