import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { SoapNote } from "@org/soap-core/engine";

/** The sample visits' ids, from samples/manifest.csv. */
export async function sampleIds(samples: string): Promise<string[]> {
  const text = await readFile(join(samples, "manifest.csv"), "utf8");
  return text.trim().split("\n").slice(1).map((l) => l.split(",")[0] as string);
}

/** Asserts nothing: returns the parsed notes of an output folder, throwing on any invalid one. */
export async function readNotes(dir: string): Promise<Map<string, SoapNote>> {
  const notes = new Map<string, SoapNote>();
  for (const name of await readdir(dir)) {
    // `_summary.json` is the batch's summary, not a note.
    if (!name.endsWith(".json") || name.endsWith(".fhir.json") || name.startsWith(".") || name.startsWith("_")) continue;
    notes.set(name.slice(0, -".json".length), SoapNote.parse(JSON.parse(await readFile(join(dir, name), "utf8"))));
  }
  return notes;
}

/** Lines of a JSONL file (empty list for an empty file). */
export async function readJsonl(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, "utf8");
  return text.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Record<string, unknown>);
}
