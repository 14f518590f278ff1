/**
 * Measured recall and precision of the local text scrubber (the numbers in docs/text-redaction.md).
 * Data: the sample visits (samples/transcripts, with every PHI string of each in
 * tools/sandbox/fixtures/phi-strings.json) and the ACI-BENCH validation split (Yim et al., Nature
 * Scientific Data 2023, CC BY 4.0). All personal details in both are fictional.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTranscriptText } from "../evidence/transcript-text.js";
import { scrubDialogue } from "./scrub-dialogue.js";
import { SCRUBBER_POLICIES } from "./scrub-policies.js";
import { scrubText } from "./scrub-text.js";

const ROOT = new URL("../../../../", import.meta.url);
const phi = JSON.parse(readFileSync(new URL("tools/sandbox/fixtures/phi-strings.json", ROOT), "utf8")) as {
  fixtures: Record<string, { policy: string; text: string }[]>;
};

interface Visit {
  name: string;
  /** The dialogue's turns, one per line: what scrubDialogue scans. */
  text: string;
  /** Known PHI strings and their policies. */
  phi: { policy: string; text: string }[];
}

function turns(raw: string): string {
  return parseTranscriptText(raw).utterances.map((u) => u.text).join("\n");
}

const samples: Visit[] = readdirSync(new URL("samples/transcripts/", ROOT))
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => {
    const name = f.replace(/\.txt$/, "");
    return { name, text: turns(readFileSync(new URL(`samples/transcripts/${f}`, ROOT), "utf8")), phi: phi.fixtures[name] ?? [] };
  });

// The ACI-BENCH dialogues' structured identifiers, read by hand: three dictated dates of birth. Their
// names are not listed (the scrubber does not look for names; see the sample visits for that class).
const ACI_DOB: Record<string, string> = { "D2N073-virtscribe": "07/01/1954", "D2N074-virtscribe": "5/21/1969", "D2N075-virtscribe": "2/21/1968" };
const aci: Visit[] = (
  JSON.parse(readFileSync(new URL("../shared/data/aci-bench/valid_full.json", ROOT), "utf8")) as { data: { src: string; file: string }[] }
).data.map((d) => ({ name: d.file, text: turns(d.src), phi: ACI_DOB[d.file] ? [{ policy: "date_of_birth", text: ACI_DOB[d.file] as string }] : [] }));

const all = [...samples, ...aci];
const scrubbed = new Map(all.map((v) => [v.name, scrubText(v.text).text]));

/** Offsets of every occurrence of a visit's PHI strings (case-insensitive). */
function phiSpans(v: Visit): [number, number][] {
  const out: [number, number][] = [];
  const lower = v.text.toLowerCase();
  for (const p of v.phi) {
    const needle = p.text.toLowerCase();
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + 1)) out.push([at, at + needle.length]);
  }
  return out;
}

const overlaps = (s: number, e: number, spans: [number, number][]): boolean => spans.some(([a, b]) => s < b && a < e);

/** Recall of one policy class: a PHI string counts as found when no occurrence of it survives. */
function recall(visits: Visit[], policies: readonly string[]): { found: number; total: number } {
  let found = 0;
  let total = 0;
  for (const v of visits) {
    const out = (scrubbed.get(v.name) ?? "").toLowerCase();
    for (const p of v.phi.filter((x) => policies.includes(x.policy))) {
      total++;
      if (!out.includes(p.text.toLowerCase())) found++;
    }
  }
  return { found, total };
}

const NUM = String.raw`(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|half|a couple of|a few|several)`;
const MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";

/** Clinical numeric phrases that must survive, by kind (found in the dialogues by these patterns). */
const CLINICAL: Record<string, RegExp> = {
  doses: new RegExp(String.raw`\b${NUM}(?:[ -](?:point[ -]\w+|and a half))?[ -]?(?:mg|milligrams?|mcg|micrograms?|grams?|ml|milliliters?|cc|units?|tablets?|pills?|puffs?|drops?|iu)\b`, "gi"),
  vitals: new RegExp(
    [
      String.raw`\b\d{2,3} ?(?:\/|over) ?\d{2,3}\b`,
      String.raw`\b${NUM}(?: ${NUM})? over ${NUM}(?: ${NUM})?\b`,
      String.raw`\b(?:blood pressure|bp|heart rate|pulse|temperature|temp|oxygen(?: saturation)?|sats?|respiratory rate|respirations|weight|bmi)(?: \w+){0,4}? ${NUM}(?: ${NUM})?\b`,
      String.raw`\b${NUM}(?: ${NUM})? ?(?:degrees|bpm|beats|%|percent|pounds|lbs|kilograms|kg|breaths)\b`,
    ].join("|"),
    "gi",
  ),
  labs: new RegExp(
    String.raw`\b(?:a1c|hemoglobin|hematocrit|hgb|creatinine|potassium|sodium|glucose|lipase|lactate|hcg|urinalysis|blood sugars?|sugars?|ldl|hdl|cholesterol|triglycerides|tsh|inr|platelets?|white (?:blood )?count|wbc|ejection fraction|ef|psa|vitamin d|b12|ferritin|gfr|troponin|bun|iron|calcium|magnesium)(?: \w+){0,5}? ${NUM}(?: point ${NUM})?(?: ?%| percent)?`,
    "gi",
  ),
  durations: new RegExp(String.raw`\b${NUM}(?:[ -](?:more|extra|or so|or two))?[ -](?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?)(?:[ -]old)?\b`, "gi"),
  onsetDates: new RegExp(
    String.raw`\b(?:since|on|started(?: on)?|began(?: on)?|back in|in|dated|from|last|this past|until)\s(?:(?:last|this|next)\s)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|labor day|christmas|thanksgiving|${MONTHS}|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?|\d{1,2}-\d{4})(?:\s\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s\d{4})?\b`,
    "gi",
  ),
};

/** Every clinical phrase of every dialogue, outside the known PHI, with whether it survived byte for byte. */
function clinicalPhrases(): { kind: string; visit: string; survived: boolean }[] {
  const out: { kind: string; visit: string; survived: boolean }[] = [];
  for (const v of all) {
    const spans = phiSpans(v);
    const after = scrubbed.get(v.name) ?? "";
    for (const [kind, re] of Object.entries(CLINICAL)) {
      for (const m of v.text.matchAll(re)) {
        const s = m.index;
        const e = s + m[0].length;
        // hash keeps every offset, so a phrase survived when its bytes are the same after scrubbing.
        if (!overlaps(s, e, spans)) out.push({ kind, visit: v.name, survived: after.slice(s, e) === v.text.slice(s, e) });
      }
    }
  }
  return out;
}

describe("recall on the sample visits' PHI list (phi-strings.json)", () => {
  it("scrubDialogue scrubs exactly what scrubText scrubs on the turns (the measured path is the real one)", () => {
    for (const v of samples) {
      const { dialogue } = scrubDialogue(parseTranscriptText(readFileSync(new URL(`samples/transcripts/${v.name}.txt`, ROOT), "utf8")));
      expect(dialogue.utterances.map((u) => u.text).join("\n")).toBe(scrubbed.get(v.name));
    }
  });

  it("finds every phone number and date of birth of the seven visits (structured classes: 14 of 14)", () => {
    expect(samples).toHaveLength(7);
    expect(recall(samples, ["phone_number"])).toEqual({ found: 7, total: 7 });
    expect(recall(samples, ["date_of_birth"])).toEqual({ found: 7, total: 7 });
  });

  it("finds none of the names, organisations and occupations: rules cannot, which is why text to a real gateway needs the user's statement", () => {
    // The honest limit in the README and docs/text-redaction.md: update both if this ever changes.
    expect(recall(samples, ["person_name"])).toEqual({ found: 0, total: 43 });
    expect(recall(samples, ["organization"])).toEqual({ found: 0, total: 7 });
    expect(recall(samples, ["occupation"])).toEqual({ found: 0, total: 7 });
  });

  it("finds the three dictated dates of birth of the ACI-BENCH dialogues", () => {
    expect(recall(aci, ["date_of_birth"])).toEqual({ found: 3, total: 3 });
  });
});

describe("precision: what the scrubber removes, and the clinical numbers it must keep", () => {
  it("every span it removes in the 27 dialogues is a known identifier (no false positive)", () => {
    let spans = 0;
    for (const v of all) {
      const known = phiSpans(v);
      for (const f of scrubText(v.text).findings) {
        spans++;
        expect(overlaps(f.start, f.end, known), `${v.name}: a ${f.policy} span that is no known identifier`).toBe(true);
      }
    }
    expect(spans).toBe(18);
  });

  it("keeps 100 % of the clinical numeric phrases: doses, vitals, labs, durations, onset dates", () => {
    const phrases = clinicalPhrases();
    const byKind = Object.fromEntries(Object.keys(CLINICAL).map((k) => [k, phrases.filter((p) => p.kind === k).length]));
    // Enough of each kind for the rate to mean something (counts in docs/text-redaction.md).
    for (const [kind, n] of Object.entries(byKind)) expect(n, kind).toBeGreaterThanOrEqual(kind === "onsetDates" ? 5 : 10);
    expect(phrases.filter((p) => !p.survived)).toEqual([]);
  });

  it("keeps onset and clinical dates even on the turn right after a date-of-birth question (written for this test)", () => {
    // The dialogues hold few onset dates, so these add the hard case: a date in the answer's window.
    const ONSET = [
      "it started on March 3rd", "the swelling began last Tuesday", "since January 2020", "labs dated 3/3/21", "symptoms since 12-2019",
      "the pain started 3/1/21", "I first noticed it on the 5th of May", "it's been hurting since Labor Day", "seen in the ER on 01/20/20",
      "ever since my surgery in June 2019", "it happened about two weeks ago, on the 14th", "my last visit was 4/2/2021",
    ];
    for (const onset of ONSET) {
      const text = `and your date of birth?\nit's in the chart, but ${onset}.`;
      expect(scrubText(text).text, onset).toBe(text);
    }
  });

  it("keeps every token with a digit that is not part of a known identifier", () => {
    let tokens = 0;
    for (const v of all) {
      const known = phiSpans(v);
      const after = scrubbed.get(v.name) ?? "";
      for (const m of v.text.matchAll(/\S*\d\S*/g)) {
        const s = m.index;
        const e = s + m[0].length;
        if (overlaps(s, e, known)) continue;
        tokens++;
        expect(after.slice(s, e), v.name).toBe(m[0]);
      }
    }
    expect(tokens).toBeGreaterThanOrEqual(60);
  });
});

describe("recall on identifiers the sample visits do not hold (written for this test: the rules' own cases)", () => {
  const CASES: Record<string, string[]> = {
    phone_number: ["reach me at 312-555-0147", "it's (617) 555-0193", "cell 503.555.0128", "+1 720 555 0166 is my cell", "call me at 5550112", "fax: 215-555-0184 ext 4", "my phone number is 971 555 0175"],
    email_address: ["email jane.doe@example.com", "it's j_smith42@uni.edu.", "send it to MARY+notes@mail.example.org"],
    us_social_security_number: ["ssn 123-45-6789", "social security number is 123 45 6789", "my social is 123456789"],
    healthcare_number: ["MRN 00482913", "medical record number: 448 2391", "member ID XJH-448213", "insurance id is W123456789", "medicare number 1EG4-TE5-MK73", "policy number AB12345"],
    account_number: ["account number 12345678", "acct # 99812345"],
    credit_card_number: ["card number 4111 1111 1111 1111", "paid with 5500-0000-0000-0004"],
    drivers_license: ["driver's license D1234567", "drivers license number is S530-4127-8812"],
    passport_number: ["passport number X12345678", "passport 923456781"],
    url: ["see https://portal.example.org/login?id=7", "go to www.example.com", "mychart.example.org/visits"],
    ip_address: ["from 192.168.1.20", "address fe80::1ff:fe23:4567:890a"],
    date_of_birth: ["DOB 3/4/1950", "date of birth is January 27, 1959", "born on March 3rd", "d.o.b. 1950-03-04", "birthday is the 4th of July, 1960", "date of birth?\nSure. Ann Lee, June 2, 1980."],
  };

  it("covers every policy the scrubber claims", () => {
    expect(Object.keys(CASES).sort()).toEqual([...SCRUBBER_POLICIES].sort());
  });

  it.each(Object.entries(CASES))("%s: every case is removed", (policy, cases) => {
    for (const c of cases) {
      const { findings } = scrubText(c);
      expect(findings.map((f) => f.policy), c).toContain(policy);
      expect(scrubText(c).text, c).not.toMatch(/\d{3}/);
    }
  });

  it("known misses, stated in docs/text-redaction.md: spoken digits and spoken emails, and birth dates without a birth label", () => {
    for (const miss of ["my number is three one two, five five five, zero one four seven", "it's jane dot doe at example dot com", "she was born, let me see, the ninth of april nineteen seventy seven", "I'm Odalys, April 9, 1977"]) {
      expect(scrubText(miss).findings, miss).toEqual([]);
    }
  });
});
