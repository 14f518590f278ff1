/**
 * The warnings a visit's note carries with no fault at all (the emulator leaves some sections of
 * some visits empty, say): a cell's fault warnings are what its notes carry beyond these.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SoapNote } from "@org/soap-core/engine";
import { runCli } from "../support/cli.js";
import { workDir } from "../support/env.js";
import { cliTarget, startSandbox } from "../support/sandbox.js";
import type { SampleVisit } from "./run-cell.js";

/** A warning as compared with the baseline: code and section. */
export type WarningKey = `${string}|${string}`;

export function warningKeys(note: SoapNote): WarningKey[] {
  return note.warnings.map((w): WarningKey => `${w.code}|${w.section ?? ""}`);
}

/** `keys` minus `base`, as multisets. */
export function beyond(keys: readonly WarningKey[], base: readonly WarningKey[]): WarningKey[] {
  const left = [...base];
  return keys.filter((k) => {
    const i = left.indexOf(k);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

const cache = new Map<string, Promise<Map<string, WarningKey[]>>>();

/**
 * Warning keys per visit id of a clean run with these generation flags (memoized per flag set).
 * The clean run is itself checked: exit 0, one transcript per visit, every note valid.
 */
export function baseline(visits: readonly SampleVisit[], generationArgs: readonly string[]): Promise<Map<string, WarningKey[]>> {
  const key = generationArgs.join(" ");
  let found = cache.get(key);
  if (!found) {
    found = clean(visits, generationArgs, key);
    cache.set(key, found);
  }
  return found;
}

async function clean(visits: readonly SampleVisit[], generationArgs: readonly string[], key: string): Promise<Map<string, WarningKey[]>> {
  const served = await startSandbox({ queuedMs: 5, processingMs: 20 });
  try {
    const name = `cli-faults/baseline${key === "" ? "" : `-${key.replace(/[^\w.@-]+/g, "_")}`}`;
    const dir = workDir(name);
    const manifest = join(dir, "manifest.csv");
    writeFileSync(manifest, `id,audio\n${visits.map((v) => `${v.id},${v.audio}`).join("\n")}\n`);
    const out = join(dir, "notes");
    const r = await runCli(["batch", manifest, "--out", out, "--verbose", "--identify-roles", "--delete-after", ...cliTarget(served), ...generationArgs], { logName: name });
    if (r.code !== 0) throw new Error(`the clean baseline run (${key || "default template"}) exited ${r.code}: see logs/${name}.log`);
    if (served.sandbox.counters.transcriptsCreated !== visits.length) throw new Error(`the clean baseline run created ${served.sandbox.counters.transcriptsCreated} transcripts for ${visits.length} visits`);
    const keys = new Map<string, WarningKey[]>();
    for (const v of visits) keys.set(v.id, warningKeys(SoapNote.parse(JSON.parse(readFileSync(join(out, `${v.id}.json`), "utf8")))));
    return keys;
  } finally {
    await served.close();
  }
}
