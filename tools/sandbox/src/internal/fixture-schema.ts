import { z } from "zod";

/** One word of a fixture's ground-truth transcript (times in milliseconds). */
export const fixtureWordSchema = z.object({
  text: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  confidence: z.number().min(0).max(1),
  speaker: z.string().min(1),
});

/** A PII span over word indexes (inclusive), labelled with an AssemblyAI `PiiPolicy` name. */
export const fixturePiiSpanSchema = z.object({
  policy: z.string().min(1),
  first_word: z.number().int().nonnegative(),
  last_word: z.number().int().nonnegative(),
});

/** A sample visit the sandbox can "transcribe" (format in docs/ARCHITECTURE.md). */
export const fixtureSchema = z
  .object({
    slug: z.string().min(1),
    title: z.string(),
    source: z.object({
      dataset: z.string(),
      encounter_id: z.string(),
      license: z.string(),
      attribution: z.string(),
    }),
    audio: z.object({
      file: z.string().min(1),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, "lowercase hex SHA-256"),
      duration_ms: z.number().int().nonnegative(),
      content_type: z.string(),
    }),
    speakers: z.record(z.string(), z.string()),
    words: z.array(fixtureWordSchema).min(1),
    pii: z.array(fixturePiiSpanSchema),
  })
  .superRefine((f, ctx) => {
    f.pii.forEach((span, i) => {
      if (span.first_word > span.last_word || span.last_word >= f.words.length) {
        ctx.addIssue({ code: "custom", path: ["pii", i], message: "PII span is outside the words array" });
      }
    });
  });

/** A validated fixture. */
export type Fixture = z.infer<typeof fixtureSchema>;
export type FixtureWord = z.infer<typeof fixtureWordSchema>;
