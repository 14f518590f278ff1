import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../support/env.js";

/** The sample recordings (the sandbox knows them by their SHA-256, so any id may reuse them). */
export const SAMPLE_VISITS_DIR = join(REPO_ROOT, "samples/visits");

/** Ids visit-001 … visit-<count>. */
export function visitIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `visit-${String(i + 1).padStart(3, "0")}`);
}

/** Writes a CSV manifest of `count` visits cycling through the sample audio files; returns its path. */
export function writeManifest(dir: string, count: number): string {
  const audio = readdirSync(SAMPLE_VISITS_DIR).filter((n) => n.endsWith(".mp3")).sort();
  if (audio.length === 0) throw new Error(`no sample audio in ${SAMPLE_VISITS_DIR}`);
  const rows = visitIds(count).map((id, i) => `${id},${join(SAMPLE_VISITS_DIR, audio[i % audio.length] as string)}`);
  const path = join(dir, "manifest.csv");
  writeFileSync(path, `id,audio\n${rows.join("\n")}\n`);
  return path;
}
