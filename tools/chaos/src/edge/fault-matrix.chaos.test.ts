import { FAULT_KINDS, ROUTE_NAMES, type FaultKind } from "@org/soap-sandbox";
import { describe, expect, test } from "vitest";
import { addTally } from "../support/tally.js";
import { AUDIO, createHarness } from "./harness.js";
import { expectValidNote, getNote } from "./api.js";
import { keepLogs } from "./logs.js";
import { CHOICES, MATRIX, ROUTES_NOT_CALLED, type CalledRoute, type Cell } from "./matrix.js";
import { runCell } from "./run-cell.js";
import { SEED } from "./seeded.js";

const CALLED = Object.keys(MATRIX) as CalledRoute[];

const cells: [string, CalledRoute, FaultKind, Cell][] = CALLED.flatMap((route) =>
  FAULT_KINDS.flatMap((kind) => {
    const entry = MATRIX[route][kind];
    return "na" in entry ? [] : entry.map((cell): [string, CalledRoute, FaultKind, Cell] => [`${route} × ${kind}: ${cell.label}`, route, kind, cell]);
  }),
);

describe(`edge API fault matrix (seed ${SEED}, queue jitter ${CHOICES.jitter})`, () => {
  test("every route × fault kind has an expectation, and every sandbox route is either called or ruled out", () => {
    for (const route of CALLED) {
      for (const kind of FAULT_KINDS) {
        const entry = MATRIX[route][kind] as (typeof MATRIX)[CalledRoute][FaultKind] | undefined;
        expect(entry, `${route} × ${kind} has no expectation`).toBeDefined();
        if (entry && !("na" in entry)) expect(entry.length, `${route} × ${kind} has no cell`).toBeGreaterThan(0);
      }
    }
    expect([...CALLED, ...Object.keys(ROUTES_NOT_CALLED)].sort()).toEqual([...ROUTE_NAMES].sort());
  });

  test("faults ruled out never fire, and the API never calls the routes it has no use for", async ({ task }) => {
    const h = createHarness({ jitter: CHOICES.jitter });
    const { key } = await h.seedTenant();
    const ids = CALLED.flatMap((route) => FAULT_KINDS.filter((kind) => "na" in MATRIX[route][kind]).map((kind) => h.sandbox.faults.add({ route, kind })));
    const res = await h.request("/v1/notes", { method: "POST", key, json: { audio_url: AUDIO.knee } });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await h.settle();
    await expectValidNote(h, key, await getNote(h, key, id));
    expect((await h.request(`/v1/notes/${id}/sections/plan/regenerate`, { method: "POST", key })).status).toBe(200);
    expect((await h.request(`/v1/notes/${id}`, { method: "DELETE", key })).status).toBe(204);
    expect(h.sandbox.faults.list().filter((f) => ids.includes(f.id) && f.fired > 0).map((f) => `${f.route} × ${f.kind}`)).toEqual([]);
    for (const route of Object.keys(ROUTES_NOT_CALLED) as (keyof typeof ROUTES_NOT_CALLED)[]) {
      expect(h.sandbox.counters.calls(route), `calls of ${route}`).toBe(0);
    }
    keepLogs(task, h);
  });

  test.for(cells)("%s", async ([, route, kind, cell], { task }) => {
    const h = createHarness({ jitter: CHOICES.jitter, seed: SEED });
    addTally(task, { faultCases: 1 });
    try {
      const result = await runCell(h, route, kind, cell, CHOICES.jitter);
      keepLogs(task, h);
      addTally(task, result === "survived" ? { faultsSurvived: 1 } : { faultsFailedCleanly: 1 });
    } finally {
      if (h.captured.length > 0) task.meta.chaosLogs = [...(task.meta.chaosLogs ?? []), ...h.captured];
      h.sandbox.close();
    }
  });
});
