/**
 * Parity, CLI half: the shared visit (PARITY_AUDIO_URL) with the shared config (PARITY_CONFIG) through
 * the built CLI (`soap-notes note <url> --format json --config …`) against a served sandbox. Records
 * what the CLI asked for and wrote in `task.meta.parity`; the edge half (src/edge/parity.chaos.test.ts)
 * records the same for the edge API, and the finale compares the two field by field.
 *
 * This test checks only that the visit went through; what the request and the note hold is for the
 * finale to compare, so that a difference between the apps is reported as one.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SoapNote } from "@org/soap-core/engine";
import { test } from "vitest";
import { runCli } from "../support/cli.js";
import { workDir } from "../support/env.js";
import { saveLog } from "../support/logs.js";
import { cliTarget, startSandbox } from "../support/sandbox.js";
import { buildParityRecord, PARITY_AUDIO_URL, PARITY_CONFIG } from "./record.js";

test("parity, CLI: one visit, one config through the built CLI; its parity record is kept for the finale", async ({ task, expect }) => {
  const served = await startSandbox({ queuedMs: 5, processingMs: 20 });
  try {
    const dir = workDir("parity/cli");
    const config = join(dir, "soap.config.json");
    writeFileSync(config, `${JSON.stringify(PARITY_CONFIG, null, 2)}\n`);
    const args = ["note", PARITY_AUDIO_URL, "--format", "json", "--verbose", "--config", config, ...cliTarget(served)];
    const r = await runCli(args, { logName: "parity/cli", cwd: dir, stdoutIsUserOutput: true });
    expect(r.code, "soap-notes note exit code (see logs/parity_cli.log)").toBe(0);

    const parsed = SoapNote.safeParse(JSON.parse(r.stdout));
    expect(parsed.success, "the CLI's note fits the SoapNote schema").toBe(true);
    const state = served.sandbox.state;
    expect(served.sandbox.counters.transcriptsCreated, "transcripts created by the CLI").toBe(1);
    expect(state.chatRequests.length, "gateway chat requests").toBeGreaterThan(0);

    const record = await buildParityRecord({
      app: "cli",
      transcripts: [...state.transcripts.values()].map((t) => t.params),
      chatRequests: state.chatRequests,
      note: JSON.parse(r.stdout),
    });
    task.meta.parity = record;
    saveLog("parity/cli", `parity record ${JSON.stringify(record)}`);
  } finally {
    await served.close();
  }
});
