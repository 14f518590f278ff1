import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../errors/cli-errors.js";
import { ACI_BENCH_ATTRIBUTION, loadDataset } from "./dataset.js";
import { loadPredictions } from "./predictions.js";
import { sampleDataset } from "./sample-dataset.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-eval-"));
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe("loadDataset", () => {
  it("reads ACI-BENCH's JSON as published, with the encounter id its prediction files use", async () => {
    const path = await file("valid.json", JSON.stringify({ data: [{ src: "[doctor] hi", tgt: "CHIEF COMPLAINT\n\nPain.", file: "D2N068-virtassist" }] }));
    const d = await loadDataset(path);
    expect(d.visits).toEqual([{ id: "D2N068", where: "valid.json data[0]", reference: "CHIEF COMPLAINT\n\nPain.", input: { kind: "transcript_text", text: "[doctor] hi" } }]);
    expect(d.attribution).toBe(ACI_BENCH_ATTRIBUTION);
  });

  it("reads ACI-BENCH's CSV as published (dataset, encounter_id, dialogue, note), quoted multi-line fields included", async () => {
    const path = await file("valid.csv", 'dataset,encounter_id,dialogue,note\nvirtassist,D2N068,"[doctor] hi\n[patient] hello","HPI\n\nPain, left knee."\n');
    const d = await loadDataset(path);
    expect(d.visits[0]).toMatchObject({ id: "D2N068", reference: "HPI\n\nPain, left knee.", input: { kind: "transcript_text", text: "[doctor] hi\n[patient] hello" } });
    expect(d.attribution).toBe(ACI_BENCH_ATTRIBUTION);
  });

  it("reads a manifest with transcript_file and reference_file relative to it", async () => {
    await file("t1.txt", "[doctor] how is the knee?\n[patient] it hurts.");
    await file("r1.txt", "Knee pain.");
    const d = await loadDataset(await file("m.jsonl", `${JSON.stringify({ id: "v1", transcript_file: "t1.txt", reference_file: "r1.txt" })}\n`));
    expect(d.visits[0]).toMatchObject({ id: "v1", reference: "Knee pain.", input: { kind: "transcript_text" } });
    expect(d.attribution).toBeUndefined();
  });

  it("keeps the attribution a manifest states", async () => {
    const d = await loadDataset(await file("attr.jsonl", `${JSON.stringify({ id: "v1", reference_note: "x", attribution: "Data X, CC BY 4.0" })}\n`));
    expect(d.attribution).toBe("Data X, CC BY 4.0");
  });

  it.each([
    ["a JSON item without tgt", "bad.json", JSON.stringify({ data: [{ src: "x", tgt: "y" }, { src: "x" }] }), /bad\.json data\[1\]: no "tgt"/],
    ["JSON that is not ACI-BENCH's shape", "shape.json", JSON.stringify({ rows: [] }), /expected ACI-BENCH's shape/],
    ["a row without id", "noid.csv", "dialogue,note\nhi,there\n", /noid\.csv line 2: no id/],
    ["a duplicate id", "dup.csv", "id,reference_note\na,x\nb,y\na,z\n", /dup\.csv line 4: id a again \(first at dup\.csv line 2\)/],
    ["a missing reference file", "ref.csv", "id,reference_file\na,nowhere.txt\n", /ref\.csv line 2: cannot read the reference note .*nowhere\.txt \(ENOENT\)/],
    ["a file of another kind", "data.txt", "hello", /cannot tell what .*data\.txt is/],
  ])("names the file and the line for %s", async (_what, name, text, message) => {
    const path = await file(name, text);
    await expect(loadDataset(path)).rejects.toThrow(InputError);
    await expect(loadDataset(path)).rejects.toThrow(message);
  });
});

describe("sampleDataset", () => {
  it("gives the seven sample visits with dialogues and ACI-BENCH reference notes", async () => {
    const d = await sampleDataset();
    expect(d.visits).toHaveLength(7);
    const v = d.visits[1]!;
    expect(v.id).toBe("visit-02-knee-sprain");
    expect(v.input?.kind === "transcript_text" && v.input.text.startsWith("[doctor] Hi, Ms. Quenby.")).toBe(true);
    expect(v.reference).toMatch(/^CC:\n\nRight knee pain\./);
    expect(d.attribution).toContain("CC BY 4.0");
  });
});

describe("loadPredictions", () => {
  it("loads an ACI-BENCH prediction CSV as it is (encounter_id, note), named after the file", async () => {
    const path = await file("valid_BART.csv", 'encounter_id,note\nD2N068,"CHIEF COMPLAINT\n\nFatigue."\nD2N069,"HPI: knee"\n');
    const p = await loadPredictions(path, dir);
    expect(p.items).toEqual([
      { id: "D2N068", arm: "valid_BART", text: "CHIEF COMPLAINT\n\nFatigue." },
      { id: "D2N069", arm: "valid_BART", text: "HPI: knee" },
    ]);
  });

  it("takes an arm name before =, and JSON lines with a prediction column", async () => {
    await file("p.jsonl", `${JSON.stringify({ id: "a", prediction: "note a" })}\n\n${JSON.stringify({ id: "b", prediction: "note b" })}\n`);
    const p = await loadPredictions("mine=p.jsonl", dir);
    expect(p.items.map((i) => [i.arm, i.id])).toEqual([["mine", "a"], ["mine", "b"]]);
  });

  it.each([
    ["no note column", "nonote.csv", "encounter_id,summary\nD1,x\n", /nonote\.csv line 2: no note text/],
    ["a duplicate id", "dupp.csv", "id,note\nD1,x\nD1,y\n", /dupp\.csv line 3: id D1 again \(first on line 2\)/],
    ["bad JSON", "bad.jsonl", '{"id": "a", "note": "x"}\n{oops\n', /bad\.jsonl line 2: not valid JSON/],
  ])("names the line for %s", async (_what, name, text, message) => {
    await file(name, text);
    await expect(loadPredictions(name, dir)).rejects.toThrow(message);
  });

  it("refuses a missing path with what to give instead", async () => {
    await expect(loadPredictions("nope.csv", dir)).rejects.toThrow(/--predictions: .*nope\.csv not found/);
  });
});
