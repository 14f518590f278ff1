/**
 * The scenarios of issue #15 (tenant limits, idempotency, deletion and retention, job-bound webhooks,
 * the generation lease, the sweeper, offboarding, security headers) through the edge API's doors, each
 * under a fault variant the run's seed chooses (named in the title). Counted with the fault matrix's cells.
 */
import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { addTally } from "../support/tally.js";
import { createHarness, type Harness } from "./harness.js";
import { keepLogs } from "./logs.js";
import { DELETION_SCENARIOS } from "./scenarios/deletion.js";
import { GENERATION_SCENARIOS } from "./scenarios/generation.js";
import { IDEMPOTENCY_SCENARIOS } from "./scenarios/idempotency.js";
import { LIMIT_SCENARIOS } from "./scenarios/limits.js";
import { OFFBOARDING_SCENARIOS } from "./scenarios/offboarding.js";
import { PHI_ANSWER_SCENARIOS } from "./scenarios/phi-answers.js";
import { RETENTION_SCENARIOS } from "./scenarios/retention.js";
import { chooseIndex, type MakeHarness } from "./scenarios/scenario.js";
import { SWEEPER_SCENARIOS } from "./scenarios/sweeper.js";
import { WEBHOOK_SCENARIOS } from "./scenarios/webhook-binding.js";
import { SEED } from "./seeded.js";

const SCENARIOS = [
  ...LIMIT_SCENARIOS,
  ...IDEMPOTENCY_SCENARIOS,
  ...DELETION_SCENARIOS,
  ...RETENTION_SCENARIOS,
  ...OFFBOARDING_SCENARIOS,
  ...WEBHOOK_SCENARIOS,
  ...GENERATION_SCENARIOS,
  ...SWEEPER_SCENARIOS,
  ...PHI_ANSWER_SCENARIOS,
];

/** CHAOS_ALL_VARIANTS=1 runs every variant of every scenario instead of the one the seed picks. */
const ALL_VARIANTS = env.CHAOS_ALL_VARIANTS === "1";
const CELLS = SCENARIOS.flatMap((s) =>
  (ALL_VARIANTS ? s.variants.map((_, i) => i) : [chooseIndex(s.name, s.variants.length)]).map((i) => [`${s.name}: ${s.variants[i] ?? "?"}`, s, i] as const),
);

describe(`edge API scenarios of #15 (seed ${SEED}${ALL_VARIANTS ? ", every variant" : ""})`, () => {
  test("every scenario has its own name and variants", () => {
    const names = SCENARIOS.map((s) => s.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(SCENARIOS.filter((s) => s.variants.length === 0).map((s) => s.name)).toEqual([]);
  });

  test.for(CELLS)("%s", async ([, scenario, variant], { task }) => {
    const made: Harness[] = [];
    const make: MakeHarness = (options = {}) => {
      const h = createHarness({ seed: SEED, ...options });
      made.push(h);
      return h;
    };
    addTally(task, { faultCases: 1 });
    try {
      const result = await scenario.run(make, variant);
      for (const h of made) keepLogs(task, h);
      addTally(task, result === "survived" ? { faultsSurvived: 1 } : { faultsFailedCleanly: 1 });
    } finally {
      for (const h of made) {
        if (h.captured.length > 0) task.meta.chaosLogs = [...(task.meta.chaosLogs ?? []), ...h.captured.splice(0)];
        h.sandbox.close();
      }
    }
  });
});
