// Checks the committed sample visits (tools/sandbox/fixtures, samples/) against the format in
// docs/ARCHITECTURE.md "Sandbox fixtures". Reads committed files only: no espeak-ng or ffmpeg needed.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { mp3DurationMs } from "./support/mp3-duration.js";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const FIXTURES = join(REPO, "tools/sandbox/fixtures");
const SAMPLES = join(REPO, "samples");

const PII_POLICIES = ["person_name", "date_of_birth", "phone_number", "organization", "occupation"] as const;
const CITATION = "Wen-wai Yim, Yujuan Fu, Asma Ben Abacha, Neal Snider, Thomas Lin, Meliha Yetisgen";
const TAG_SPEAKER: Record<string, string> = { doctor: "A", patient: "B" };

const wordSchema = z.strictObject({
  text: z.string().regex(/^\S+$/),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  confidence: z.number().min(0).max(1),
  speaker: z.string().regex(/^[A-Z]$/),
});
const fixtureSchema = z.strictObject({
  slug: z.string().regex(/^visit-\d{2}-[a-z0-9-]+$/),
  title: z.string().min(10),
  source: z.strictObject({
    dataset: z.literal("ACI-BENCH valid"),
    encounter_id: z.string().regex(/^D2N\d{3}$/),
    license: z.literal("CC BY 4.0"),
    attribution: z.string().includes(CITATION).includes("CC BY 4.0"),
  }),
  audio: z.strictObject({
    file: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    duration_ms: z.number().int().positive(),
    content_type: z.literal("audio/mpeg"),
  }),
  speakers: z.record(z.string().regex(/^[A-Z]$/), z.string().min(1)),
  words: z.array(wordSchema).min(100),
  pii: z.array(z.strictObject({ policy: z.enum(PII_POLICIES), first_word: z.number().int().nonnegative(), last_word: z.number().int().nonnegative() })).min(5),
  reference_note: z.string().min(200),
});
type Fixture = z.infer<typeof fixtureSchema>;

const phiSchema = z.object({
  note: z.string(),
  fixtures: z.record(z.string(), z.array(z.strictObject({ policy: z.enum(PII_POLICIES), text: z.string().min(3) })).min(1)),
  strings: z.array(z.string()),
});

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));
const slugs = z.array(z.string()).min(5).parse(readJson(join(FIXTURES, "index.json")));
const phi = phiSchema.parse(readJson(join(FIXTURES, "phi-strings.json")));
const fixtures = slugs.map((slug) => fixtureSchema.parse(readJson(join(FIXTURES, `${slug}.json`))));

/** Words of a span as one string, without the punctuation AssemblyAI attaches around them. */
const spanText = (f: Fixture, first: number, last: number): string =>
  f.words.slice(first, last + 1).map((w) => w.text).join(" ").replace(/^[.,?!;:"]+|[.,?!;:"]+$/g, "");
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("fixture index", () => {
  it("lists every fixture file in tools/sandbox/fixtures exactly once", () => {
    const files = readdirSync(FIXTURES).filter((f) => f.startsWith("visit-") && f.endsWith(".json"));
    expect([...slugs].sort()).toEqual(files.map((f) => f.replace(/\.json$/, "")).sort());
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it("draws each fixture from a different ACI-BENCH encounter", () => {
    const ids = fixtures.map((f) => f.source.encounter_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("lists the PII of every fixture in phi-strings.json", () => {
    expect(Object.keys(phi.fixtures).sort()).toEqual([...slugs].sort());
    const all = Object.values(phi.fixtures).flat().map((p) => p.text);
    expect([...phi.strings].sort()).toEqual([...new Set(all)].sort());
  });

  it("keeps the committed audio under 12 MB in total", () => {
    const total = fixtures.reduce((sum, f) => sum + statSync(join(REPO, f.audio.file)).size, 0);
    expect(total).toBeLessThan(12 * 1024 * 1024);
  });
});

describe.each(fixtures.map((f) => [f.slug, f] as const))("fixture %s", (slug, f) => {
  const mp3 = readFileSync(join(REPO, f.audio.file));
  const own = phi.fixtures[slug] ?? [];

  it("names its slug, its mp3 and its speakers as documented", () => {
    expect(f.slug).toBe(slug);
    expect(f.audio.file).toBe(`samples/visits/${slug}.mp3`);
    expect(f.speakers.A).toBe("clinician");
    expect(f.speakers.B).toBe("patient");
    for (const w of f.words) expect(Object.keys(f.speakers)).toContain(w.speaker);
  });

  it("records the sha256 of the mp3 bytes on disk", () => {
    expect(createHash("sha256").update(mp3).digest("hex")).toBe(f.audio.sha256);
  });

  it("records an audio duration within 2% of the mp3's frames", () => {
    const measured = mp3DurationMs(mp3);
    expect(Math.abs(measured - f.audio.duration_ms) / f.audio.duration_ms).toBeLessThan(0.02);
  });

  it("has words in time order, non-overlapping and within the audio", () => {
    let prevEnd = 0;
    for (const w of f.words) {
      expect(w.start).toBeGreaterThanOrEqual(prevEnd);
      expect(w.end).toBeGreaterThan(w.start);
      prevEnd = w.end;
    }
    expect(prevEnd).toBeLessThanOrEqual(f.audio.duration_ms);
  });

  it("has PII spans that are ordered, disjoint and spell one of its PII strings", () => {
    let prevLast = -1;
    for (const span of f.pii) {
      expect(span.first_word).toBeGreaterThan(prevLast);
      expect(span.last_word).toBeGreaterThanOrEqual(span.first_word);
      expect(span.last_word).toBeLessThan(f.words.length);
      prevLast = span.last_word;
      const text = spanText(f, span.first_word, span.last_word);
      expect(own.filter((p) => p.policy === span.policy).map((p) => p.text)).toContain(text);
    }
  });

  it("exercises names, date of birth and phone number redaction", () => {
    const policies = new Set(f.pii.map((p) => p.policy));
    for (const p of ["person_name", "date_of_birth", "phone_number"] as const) expect(policies).toContain(p);
  });

  it("leaves no PII string outside its spans, and uses every listed PII string", () => {
    const covered = new Set(f.pii.flatMap((s) => Array.from({ length: s.last_word - s.first_word + 1 }, (_, i) => s.first_word + i)));
    const outside = f.words.map((w, i) => (covered.has(i) ? "#" : w.text)).join(" ");
    const all = f.words.map((w) => w.text).join(" ");
    for (const { text } of own) {
      const re = new RegExp(`\\b${escapeRegExp(text)}\\b`, "i");
      expect(outside, `"${text}" outside a span`).not.toMatch(re);
      expect(all, `"${text}" never used`).toMatch(re);
    }
  });

  it("ships a plain-text transcript with the same words and speakers", () => {
    const lines = readFileSync(join(SAMPLES, "transcripts", `${slug}.txt`), "utf8").trimEnd().split("\n");
    const words: { text: string; speaker: string | undefined }[] = [];
    for (const line of lines) {
      const m = /^\[([a-z_]+)\] (\S.*)$/.exec(line);
      expect(m, `bad line: ${line.slice(0, 40)}`).not.toBeNull();
      const speaker = TAG_SPEAKER[m![1]!] ?? Object.entries(f.speakers).find(([, role]) => role === m![1])?.[0];
      for (const text of m![2]!.split(" ")) words.push({ text, speaker });
    }
    expect(words).toEqual(f.words.map((w) => ({ text: w.text, speaker: w.speaker })));
  });

  it("is listed in both batch manifests with an existing audio path", () => {
    const csv = readFileSync(join(SAMPLES, "manifest.csv"), "utf8").trimEnd().split("\n");
    expect(csv[0]).toBe("id,audio,template");
    expect(csv).toContain(`${slug},visits/${slug}.mp3,`);
    const jsonl = readFileSync(join(SAMPLES, "manifest.jsonl"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as unknown);
    expect(jsonl).toContainEqual({ id: slug, audio: `visits/${slug}.mp3` });
    expect(existsSync(join(SAMPLES, `visits/${slug}.mp3`))).toBe(true);
  });
});

describe("samples attribution", () => {
  it("credits ACI-BENCH under CC BY 4.0 and says the PII is fictional and the speech synthetic", () => {
    const attribution = readFileSync(join(SAMPLES, "ATTRIBUTION.md"), "utf8");
    expect(attribution).toContain(CITATION);
    expect(attribution).toContain("CC BY 4.0");
    const readme = readFileSync(join(SAMPLES, "README.md"), "utf8");
    expect(readme).toMatch(/fictional/i);
    expect(readme).toContain("espeak-ng");
  });
});

describe("mp3DurationMs", () => {
  it("rejects bytes that are not MPEG audio frames", () => {
    expect(() => mp3DurationMs(new TextEncoder().encode("not an mp3 file at all"))).toThrow(/no MPEG layer III frame/);
  });

  it("counts 576 samples per MPEG-2 frame after skipping the Info frame", () => {
    // Three 24 kbit/s, 16 kHz mono frames (108 bytes each); the first carries an "Info" tag.
    const frame = (info: boolean): Uint8Array => {
      const b = new Uint8Array(108);
      b.set([0xff, 0xf3, 0x38, 0xc0]);
      if (info) b.set(new TextEncoder().encode("Info"), 13);
      return b;
    };
    const bytes = new Uint8Array([...frame(true), ...frame(false), ...frame(false)]);
    expect(mp3DurationMs(bytes)).toBe(72);
  });
});
