// The sample visits and their reference notes derive from ACI-BENCH's validation split
// (Yim et al., Nature Scientific Data 2023), CC BY 4.0.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, runCli, SAMPLES } from "./support/cli.js";
import { sampleIds } from "./support/outputs.js";

interface Interval {
  n: number;
  mean: number;
  low: number;
  high: number;
}
interface Report {
  primary_metric: string;
  settings: { seed: number; currency: string | null; baseline: string | null };
  arms: { arm: string; notes: number; metrics: Record<string, Interval | null> }[];
  comparisons: { arm: string; baseline: string; headline: { code: string; text: string }; differences: Record<string, (Interval & { method: string }) | null> }[];
  notes: { id: string; arm: string; metrics: Record<string, number | null> }[];
}

const PRICES = { currency: "USD", models: { "claude-sonnet-4-5-20250929": { input_per_million: 3, output_per_million: 15 } } };

let dir: string;
let ids: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-eval-e2e-"));
  ids = await sampleIds(SAMPLES);
  await writeFile(join(dir, "prices.json"), JSON.stringify(PRICES));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readReport = async (folder: string): Promise<Report> => JSON.parse(await readFile(join(folder, "report.json"), "utf8")) as Report;

describe("soap-notes eval on the embedded sandbox", () => {
  it("writes the sample visits with two templates and reports ROUGE, faithfulness, cost and a verdict", async () => {
    const out = join(dir, "two-arms");
    const r = await runCli(["eval", "-t", "soap-complete@1", "-t", "soap-sectioned@1", "--prices", join(dir, "prices.json"), "--out", out], { timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/local in-process sandbox/);
    expect(r.stdout).toMatch(/verdict:/);
    const report = await readReport(out);
    expect(report.arms.map((a) => [a.arm, a.notes])).toEqual([["soap-complete@1.1.0", ids.length], ["soap-sectioned@1.1.0", ids.length]]);
    for (const arm of report.arms) {
      for (const key of ["rouge1", "rouge2", "rougeL", "rougeLsum", "subjective.rougeL", "plan.rougeL", "verified_share"]) {
        const m = arm.metrics[key]!;
        expect(m.mean, key).toBeGreaterThan(0);
        expect(m.mean, key).toBeLessThan(1);
        expect(m.low).toBeLessThanOrEqual(m.mean);
        expect(m.high).toBeGreaterThanOrEqual(m.mean);
      }
      expect(arm.metrics["cost"]!.mean).toBeGreaterThan(0);
    }
    // One request per note for the complete template, four for the sectioned one.
    expect(report.arms[0]!.metrics["requests"]!.mean).toBe(1);
    expect(report.arms[1]!.metrics["requests"]!.mean).toBe(4);
    const c = report.comparisons[0]!;
    expect(c.differences["rougeL"]).toMatchObject({ n: ids.length, method: "paired" });
    expect(c.differences["requests"]!.mean).toBe(3);
    expect(c.headline.text.length).toBeGreaterThan(20);
    expect((await readdir(join(out, "notes", "soap-sectioned@1.1.0"))).sort()).toEqual(ids.map((id) => `${id}.json`).sort());
    const html = await readFile(join(out, "report.html"), "utf8");
    expect(html).not.toMatch(/<script|\b(src|href)=/i);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(await readFile(join(out, "report.md"), "utf8")).toContain("CC BY 4.0");

    // Scoring the notes it wrote, as predictions, with a fixed seed: the same report twice.
    const again = ["eval", "--predictions", `complete=${join(out, "notes", "soap-complete@1.1.0")}`, "--predictions", `sectioned=${join(out, "notes", "soap-sectioned@1.1.0")}`, "--seed", "7"];
    const r1 = await runCli([...again, "--out", join(dir, "rescored-1"), "--json"]);
    const r2 = await runCli([...again, "--out", join(dir, "rescored-2"), "--json"]);
    expect(r1.code, r1.stderr).toBe(0);
    expect(r2.code, r2.stderr).toBe(0);
    const [a, b] = [await readReport(join(dir, "rescored-1")), await readReport(join(dir, "rescored-2"))];
    expect(a).toEqual(b);
    expect(a.arms[0]!.metrics["rougeL"]!.mean).toBeCloseTo(report.arms[0]!.metrics["rougeL"]!.mean, 12);
  });

  it("scores another system's prediction CSV (encounter_id, note) against ACI-BENCH-style references", async () => {
    const refs = ids.slice(0, 5).map((id, i) => ({ encounter_id: `D2N${i}`, dialogue: `[doctor] visit ${id}`, note: `CHIEF COMPLAINT\n\nKnee pain ${i}.\n\nASSESSMENT AND PLAN\n\nRest and ice.` }));
    const csv = (rows: Record<string, string>[]) => `${Object.keys(rows[0]!).join(",")}\n${rows.map((r) => Object.values(r).map((v) => `"${v.replaceAll('"', '""')}"`).join(",")).join("\n")}\n`;
    await writeFile(join(dir, "valid.csv"), csv(refs));
    await writeFile(join(dir, "valid_system.csv"), csv(refs.map((r) => ({ encounter_id: r.encounter_id, note: r.note }))));
    const r = await runCli(["eval", join(dir, "valid.csv"), "--predictions", join(dir, "valid_system.csv"), "--out", join(dir, "system"), "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const report = await readReport(join(dir, "system"));
    expect(report.arms).toHaveLength(1);
    expect(report.arms[0]).toMatchObject({ arm: "valid_system", notes: 5 });
    expect(report.arms[0]!.metrics["rougeLsum"]).toEqual({ n: 5, mean: 1, low: 1, high: 1 });
    expect(report.arms[0]!.metrics["verified_share"]).toBeNull();
  });

  it("estimates the cost of a run with --dry-run and sends nothing", async () => {
    const r = await runCli(["eval", "-t", "soap-complete@1", "--prices", join(dir, "prices.json"), "--dry-run", "--json", "--out", join(dir, "dry")]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { sent: boolean; arms: { notes: number; requests: number; max_cost: number }[] };
    expect(out.sent).toBe(false);
    expect(out.arms[0]).toMatchObject({ notes: ids.length, requests: ids.length });
    expect(out.arms[0]!.max_cost).toBeGreaterThan(0);
    await expect(readdir(join(dir, "dry"))).rejects.toThrow(/ENOENT/);
  });

  it("refuses a bad price table with the field named, exit 2, before anything is written", async () => {
    await writeFile(join(dir, "bad-prices.json"), JSON.stringify({ currency: "USD", models: { m: { input_per_million: -1, output_per_million: 1 } } }));
    const r = await runCli(["eval", "-t", "soap-complete@1", "--prices", join(dir, "bad-prices.json"), "--out", join(dir, "bad")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/models\.m\.input_per_million/);
    await expect(readdir(join(dir, "bad"))).rejects.toThrow(/ENOENT/);
  });
});

describe("soap-notes experiment report on a batch of an A/B split", () => {
  it("groups the batch's notes by variant, prices them from the config, and says the sample is too small", async () => {
    const config = {
      experiments: [{ name: "ab", salt: "s1", assignBy: "visit_id", variants: [{ name: "a", template: "soap-complete@1", weight: 1 }, { name: "b", template: "soap-sectioned@1", weight: 1 }] }],
      prices: PRICES,
    };
    await writeFile(join(dir, "soap.config.json"), JSON.stringify(config));
    const manifest = ["id,transcript_file", ...ids.map((id) => `${id},${join(SAMPLES, "transcripts", `${id}.txt`)}`)].join("\n");
    await writeFile(join(dir, "manifest.csv"), `${manifest}\n`);
    const refs = await Promise.all(
      ids.map(async (id) => JSON.stringify({ id, reference_note: (JSON.parse(await readFile(join(REPO, "tools/sandbox/fixtures", `${id}.json`), "utf8")) as { reference_note: string }).reference_note })),
    );
    await writeFile(join(dir, "references.jsonl"), `${refs.join("\n")}\n`);
    const out = join(dir, "ab-out");
    const batch = await runCli(["batch", join(dir, "manifest.csv"), "--out", out, "--config", join(dir, "soap.config.json"), "-q"], { timeoutMs: 120_000 });
    expect(batch.code, batch.stderr).toBe(0);

    const r = await runCli(["experiment", "report", out, "--references", join(dir, "references.jsonl"), "--config", join(dir, "soap.config.json")]);
    expect(r.code, r.stderr).toBe(0);
    const report = await readReport(join(out, "_report"));
    expect(report.arms.map((a) => a.arm)).toEqual(["a: soap-complete@1.1.0", "b: soap-sectioned@1.1.0"]);
    expect(report.arms.reduce((n, a) => n + a.notes, 0)).toBe(ids.length);
    expect(report.settings.currency).toBe("USD");
    expect(report.primary_metric).toBe("rougeL");
    expect(report.notes.every((n) => typeof n.metrics["rougeL"] === "number" && typeof n.metrics["cost"] === "number")).toBe(true);
    const c = report.comparisons[0]!;
    expect(c.differences["rougeL"]!.method).toBe("unpaired");
    expect(c.headline.code).toBe("too_small");
    expect(r.stdout).toContain("Too small to decide on ROUGE-L F1");
  });

  it("refuses a folder that is not a batch's output", async () => {
    const r = await runCli(["experiment", "report", join(dir, "nowhere")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/folder not found: .*nowhere \(give the --out folder of a batch\)/);
  });
});
