import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ENTITY_TYPES, findEntities } from "./entities.js";
import { ENTITY_LEXICON } from "./entity-lexicon.js";
import type { Fixture } from "./fixture-schema.js";
import { tinyFixture } from "./test-support/fixtures.js";
import type { Json } from "./test-support/http.js";
import { runTranscript } from "./test-support/run-transcript.js";

/** A fixture of one speaker saying `text`, 300 ms a word. */
async function said(text: string, pii: Fixture["pii"] = []): Promise<Fixture> {
  const base = await tinyFixture();
  const words = text.split(" ").map((w, i) => ({ text: w, start: i * 300, end: i * 300 + 250, confidence: 0.9, speaker: "A" }));
  return { ...base, words, pii };
}

const pairs = (f: Fixture) => findEntities(f).map((e) => [e.entity_type, e.text]);

describe("findEntities", () => {
  it("finds the tiny visit's PII spans and medical terms, in time order", async () => {
    expect(pairs(await tinyFixture())).toEqual([
      ["person_name", "Reyes"],
      ["person_name", "John Carter"],
      ["date_of_birth", "March 7, 1961"],
      ["medical_condition", "knee pain"],
      ["duration", "two weeks"],
      ["injury", "strain"],
      ["medical_process", "MRI"],
      ["duration", "two weeks"],
      ["phone_number", "555-123-4567"],
    ]);
  });

  it("times each entity from its first word's start to its last word's end", async () => {
    const f = await tinyFixture();
    for (const e of findEntities(f)) {
      const first = f.words.findIndex((w) => w.start === e.start);
      const last = f.words.findIndex((w) => w.end === e.end);
      expect(first, e.text).toBeGreaterThanOrEqual(0);
      expect(f.words.slice(first, last + 1).map((w) => w.text).join(" ")).toContain(e.text);
    }
  });

  it("reads ages, durations, statistics and dates by rule", async () => {
    expect(pairs(await said("She is a 48 year old female, seen six hours ago; 18 percent, then 20%, on April 9 2024."))).toEqual([
      ["person_age", "48"],
      ["gender_sexuality", "female"],
      ["duration", "six hours"],
      ["statistics", "18 percent"],
      ["statistics", "20%"],
      ["date", "April 9 2024"],
    ]);
    expect(pairs(await said("a 43-year-old man"))).toEqual([["person_age", "43"]]);
  });

  it("prefers the longest phrase and never runs a phrase across a clause end", async () => {
    expect(pairs(await said("congestive heart failure and kidney. Stone"))).toEqual([["medical_condition", "congestive heart failure"]]);
  });

  it("lets the fixture's PII spans win over overlapping rules", async () => {
    const f = await said("call Dr. Motrin today", [{ policy: "person_name", first_word: 1, last_word: 2 }]);
    expect(pairs(f)).toEqual([["person_name", "Dr. Motrin"]]);
  });

  it("only ever emits EntityType names, sorted and without overlaps, whatever the words", async () => {
    const vocabulary = [...Object.values(ENTITY_LEXICON).flat().flatMap((p) => p.split(" ")), "two", "48", "year", "old", "weeks", "percent", "March", "7,", "knee", "pain.", "and", "the"];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 40 }), async (ws) => {
        const found = findEntities(await said(ws.join(" ")));
        for (const [i, e] of found.entries()) {
          expect(ENTITY_TYPES).toContain(e.entity_type);
          expect(e.text.length).toBeGreaterThan(0);
          expect(e.end).toBeGreaterThan(e.start);
          if (i > 0) expect(e.start).toBeGreaterThan(found[i - 1]!.end);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe("entity_detection on a transcript", () => {
  it("is null unless requested", async () => {
    const { done } = await runTranscript({});
    expect(done["entity_detection"]).toBe(false);
    expect(done["entities"]).toBeNull();
  });

  it("lists entities once completed, null while queued", async () => {
    const { created, done } = await runTranscript({ entity_detection: true });
    expect(created["entities"]).toBeNull();
    expect(done["entity_detection"]).toBe(true);
    expect((done["entities"] as Json[]).map((e) => e["entity_type"])).toContain("medical_process");
    expect(done["entities"]).toEqual(findEntities(await tinyFixture()));
  });

  it("keeps PII in entities even when text, words and utterances are redacted (as AssemblyAI does)", async () => {
    const { done } = await runTranscript({ entity_detection: true, speaker_labels: true, redact_pii: true, redact_pii_policies: ["person_name"], redact_pii_sub: "entity_name" });
    expect(done["text"]).not.toContain("Carter");
    expect(JSON.stringify(done["utterances"])).not.toContain("Carter");
    expect(done["entities"] as Json[]).toContainEqual(expect.objectContaining({ entity_type: "person_name", text: "John Carter" }));
  });

  it("is scrubbed by DELETE", async () => {
    const { a, id } = await runTranscript({ entity_detection: true });
    expect((await a.del(`/v2/transcript/${id}`)).json["entities"]).toBeNull();
  });
});
