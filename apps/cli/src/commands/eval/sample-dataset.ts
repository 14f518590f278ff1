import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { sandboxFixturesDir } from "../../config/sandbox-fixtures.js";
import { InputError } from "../../errors/cli-errors.js";
import { ACI_BENCH_ATTRIBUTION, type EvalDataset } from "./dataset.js";

const fixtureSchema = z.object({
  slug: z.string(),
  speakers: z.record(z.string(), z.string()),
  words: z.array(z.object({ text: z.string(), speaker: z.string() })),
  reference_note: z.string(),
});

const TAGS: Record<string, string> = { clinician: "doctor", patient: "patient" };

/** The fixture's dialogue as `[doctor] …` / `[patient] …` lines, one per turn. */
function dialogueOf(f: z.infer<typeof fixtureSchema>): string {
  const lines: string[] = [];
  let speaker: string | undefined;
  let words: string[] = [];
  const flush = () => {
    if (speaker !== undefined && words.length > 0) lines.push(`[${TAGS[f.speakers[speaker] ?? ""] ?? f.speakers[speaker] ?? speaker}] ${words.join(" ")}`);
  };
  for (const w of f.words) {
    if (w.speaker !== speaker) {
      flush();
      speaker = w.speaker;
      words = [];
    }
    words.push(w.text);
  }
  flush();
  return lines.join("\n");
}

/**
 * The sample visits the sandbox ships: seven encounters of ACI-BENCH's validation split (full
 * dialogues, with fictional names and details added) and their clinician reference notes. What
 * `soap-notes eval` scores when given no dataset.
 */
export async function sampleDataset(): Promise<EvalDataset> {
  const dir = sandboxFixturesDir();
  let slugs: unknown;
  try {
    slugs = JSON.parse(await readFile(join(dir, "index.json"), "utf8"));
  } catch (err) {
    throw new InputError(`the sample visits are missing (${join(dir, "index.json")}); give a dataset file`, { cause: err });
  }
  const visits = [];
  for (const slug of z.array(z.string()).parse(slugs)) {
    const f = fixtureSchema.parse(JSON.parse(await readFile(join(dir, `${slug}.json`), "utf8")));
    visits.push({ id: f.slug, where: `sample ${f.slug}`, input: { kind: "transcript_text" as const, text: dialogueOf(f) }, reference: f.reference_note });
  }
  return { name: "sample visits (7 ACI-BENCH validation encounters)", attribution: `${ACI_BENCH_ATTRIBUTION}; names and details fictional`, visits };
}
