import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { luhnValid } from "./find-shaped.js";
import { SCRUBBER_POLICIES } from "./scrub-policies.js";
import { findIdentifiers, scrubText } from "./scrub-text.js";

/** The text with every identifier replaced by its policy tag, for readable expectations. */
const tagged = (text: string): string => scrubText(text, { substitution: "entity_name" }).text;

describe("scrubText finds the structured identifiers", () => {
  it.each([
    ["reach you at 312-555-0147?", "reach you at [PHONE_NUMBER]?"],
    ["It's (617) 555-0193.", "It's [PHONE_NUMBER]."],
    ["call 1-800-555-0100 or +1 312.555.0147 ext 12", "call [PHONE_NUMBER] or [PHONE_NUMBER]"],
    ["my cell: (312) 555 0147", "my cell: [PHONE_NUMBER]"],
    ["call me at 5550147 after six", "call me at [PHONE_NUMBER] after six"],
    ["the London office is +44 20 7946 0958", "the London office is [PHONE_NUMBER]"],
  ])("phone numbers: %j", (text, expected) => {
    expect(tagged(text)).toBe(expected);
  });

  it.each([
    ["email me at jane.doe+clinic@example-mail.com.", "email me at [EMAIL_ADDRESS]."],
    ["It is J_Smith42@uni.edu", "It is [EMAIL_ADDRESS]"],
  ])("emails: %j", (text, expected) => {
    expect(tagged(text)).toBe(expected);
  });

  it.each([
    ["ssn 123-45-6789", "ssn [US_SOCIAL_SECURITY_NUMBER]"],
    ["my social security number is 123 45 6789", "my social security number is [US_SOCIAL_SECURITY_NUMBER]"],
    ["what's your social? 123456789", "what's your social? [US_SOCIAL_SECURITY_NUMBER]"],
    ["it was 987-65-4321 on the form", "it was [US_SOCIAL_SECURITY_NUMBER] on the form"],
  ])("social security numbers: %j", (text, expected) => {
    expect(tagged(text)).toBe(expected);
  });

  it.each([
    ["my MRN is 00482913.", "my MRN is [HEALTHCARE_NUMBER]."],
    ["medical record number: 448 2391", "medical record number: [HEALTHCARE_NUMBER]"],
    ["member ID XJH-448213, group number 55102", "member ID [HEALTHCARE_NUMBER], group number [HEALTHCARE_NUMBER]"],
    ["insurance id is W123456789", "insurance id is [HEALTHCARE_NUMBER]"],
    ["his medicare number 1EG4-TE5-MK73", "his medicare number [HEALTHCARE_NUMBER]"],
    ["account number 12345678", "account number [ACCOUNT_NUMBER]"],
    ["driver's license D1234567", "driver's license [DRIVERS_LICENSE]"],
    ["passport number X12345678", "passport number [PASSPORT_NUMBER]"],
    ["credit card number 4111-1111-1111-1111", "credit card number [CREDIT_CARD_NUMBER]"],
  ])("labelled numbers: %j", (text, expected) => {
    expect(tagged(text)).toBe(expected);
  });

  it("card numbers without a label only when the Luhn check passes", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(tagged("paid with 4111 1111 1111 1111 today")).toBe("paid with [CREDIT_CARD_NUMBER] today");
    expect(tagged("code 4111111111111112")).toBe("code 4111111111111112");
  });

  it.each([
    ["see https://portal.example.org/a?b=c).", "see [URL])."],
    ["go to www.example.com for forms", "go to [URL] for forms"],
    ["log in at mychart.example.org/login", "log in at [URL]"],
    ["server 192.168.1.20 is down", "server [IP_ADDRESS] is down"],
    ["fe80::1ff:fe23:4567:890a and 2001:0db8:85a3:0000:0000:8a2e:0370:7334", "[IP_ADDRESS] and [IP_ADDRESS]"],
  ])("URLs and IP addresses: %j", (text, expected) => {
    expect(tagged(text)).toBe(expected);
  });

  it.each([
    ["DOB: 3/4/1950.", "DOB: [DATE_OF_BIRTH]."],
    ["d.o.b. 1950-03-04", "d.o.b. [DATE_OF_BIRTH]"],
    ["her date of birth is 07/01/1954 . uh", "her date of birth is [DATE_OF_BIRTH] . uh"],
    ["she was born on March 3rd", "she was born on [DATE_OF_BIRTH]"],
    ["born in 1977", "born in [DATE_OF_BIRTH]"],
    ["my birthday is the 4th of July, 1960", "my birthday is the [DATE_OF_BIRTH]"],
    ["your full name and date of birth?\nSure. Odalys Penberthy, April 9, 1977.", "your full name and date of birth?\nSure. Odalys Penberthy, [DATE_OF_BIRTH]."],
    ["date of birth?\n3 March 1961", "date of birth?\n[DATE_OF_BIRTH]"],
  ])("dates of birth, after a birth label (or on the answer's turn): %j", (text, expected) => {
    expect(tagged(text)).toBe(expected);
  });
});

describe("scrubText keeps clinical numbers", () => {
  it.each([
    // doses
    "lisinopril 20 mg a day", "metformin 1000 mg twice a day", "600 milligrams every 6 hours", "q.6 h. with food", "25 milligram tablets",
    // vitals
    "blood pressure 120/80", "120 over 80", "heart rate 72 bpm", "temperature 98.6", "oxygen 97 %", "weight 182 pounds", "1+ pitting edema",
    // labs
    "a1c 7.2", "a1c is six point eight", "sodium 140 potassium 4.1", "ejection fraction of 45 %", "hemoglobin 9.8", "ratio 2:1",
    // durations and ages
    "for 2 weeks", "about five weeks or so", "8-12 weeks", "a 52-year-old male", "22-month-old", "24 hour period", "10 years",
    // onset and clinical dates (no birth label)
    "it started on March 3rd", "since January 2020", "labs dated 3/3/21", "diagnosed in 12-2019", "blood work on 01/20/20", "seen on 3/1/21",
    "around 10:30 in the morning",
    // near a birth word, but not a birth date
    "i was born 3 weeks early", "the twins were born , katherine , she was about 4 pounds , 8 ounces", "born in ohio in 1977",
    "on medicare since 2015", "on account of the pain", "social history: 1 pack a day", "we'll call you in 3 to 5 days",
    "date of birth?\nI'm not sure. The pain started 3/1/21", "and your date of birth?\nit's in the chart. my knee has hurt since march 3rd",
  ])("%j survives", (text) => {
    expect(scrubText(text).text).toBe(text);
    expect(findIdentifiers(text)).toEqual([]);
  });
});

describe("scrubText options", () => {
  it("hash replaces every character but spaces with # (length kept, as AssemblyAI's hash)", () => {
    const text = "DOB April 9, 1977. Cell 312-555-0147.";
    const out = scrubText(text).text;
    expect(out).toBe("DOB ##### ## ####. Cell ############.");
    expect(out).toHaveLength(text.length);
  });

  it("only the policies asked for; names and places are never found (no rule finds them reliably)", () => {
    const text = "Odalys Penberthy, DOB 4/9/1977, phone 312-555-0147";
    expect(scrubText(text, { policies: ["phone_number"], substitution: "entity_name" }).text).toBe("Odalys Penberthy, DOB 4/9/1977, phone [PHONE_NUMBER]");
    expect(scrubText(text, { policies: ["person_name", "location"] }).text).toBe(text);
    expect(SCRUBBER_POLICIES).not.toContain("person_name");
  });

  it("reports findings as policies and offsets, never values", () => {
    const text = "MRN 00482913 and ssn 123-45-6789";
    const { findings } = scrubText(text);
    expect(findings).toEqual([
      { policy: "healthcare_number", start: 4, end: 12 },
      { policy: "us_social_security_number", start: 21, end: 32 },
    ]);
    for (const f of findings) expect(Object.keys(f).sort()).toEqual(["end", "policy", "start"]);
  });
});

describe("scrubText on hostile input", () => {
  // Each input defeats a naive backtracking pattern (nested or overlapping quantifiers). The
  // assertions are on the result; a catastrophic pattern would not finish within the test timeout.
  const N = 200_000;
  it.each([
    ["digits", "1".repeat(N)],
    ["digit-hyphen runs", "1-".repeat(N / 2)],
    ["at signs", "a@".repeat(N / 2)],
    ["dots then one at", `${"a.".repeat(N / 2)}@${"b.".repeat(N / 4)}`],
    ["labels without values", "MRN ".repeat(N / 4)],
    ["labels with short numbers", "mrn 1234 ".repeat(N / 9)],
    ["birth labels", "date of birth\n".repeat(N / 14)],
    ["brackets", "(".repeat(N)],
    ["dotted digits", "1.".repeat(N / 2)],
    ["colons", "a:".repeat(N / 2)],
    ["plus ones", "+1 ".repeat(N / 3)],
    ["card-like groups", "4111 ".repeat(N / 5)],
    ["one long domain", `${"a-".repeat(N / 2)}.com`],
    ["month-day runs", "march 1, ".repeat(N / 9)],
    ["phone labels", "phone number is ".repeat(N / 16)],
  ])("%s: finds nothing in 200 kB and keeps the text", (_name, text) => {
    const out = scrubText(text);
    expect(out.text).toBe(text);
    expect(out.findings).toEqual([]);
  });

  it.each([
    ["a scheme and no end", `http://${"a".repeat(N)}`],
    ["a run of www.", `${"www.".repeat(N / 4)}com`],
  ])("%s: one 200 kB URL, scrubbed whole", (_name, text) => {
    const out = scrubText(text);
    expect(out.findings).toEqual([{ policy: "url", start: 0, end: text.length }]);
    expect(out.text).toBe("#".repeat(text.length));
  });

  it("never throws, keeps length and line breaks with hash, and is idempotent (property)", () => {
    // Fragments of every pattern, glued at random: the edges between them are where patterns disagree.
    const piece = fc.constantFrom(
      "DOB ", "MRN ", "phone ", "member id ", "ssn ", "is ", "born on ", "March ", "312-555-0147", "123-45-6789", "3/4/1950", "1977",
      "(312) ", "555", "0147", "+44 ", "4111 ", "192.168.", "fe80", "::", "www.", "http://", "com", "@", ".", ":", "/", "-", "#", "?",
      " ", "\n", "1", "a", "x", "\u00e9",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }).map((a) => a.join("")), (text) => {
        const once = scrubText(text).text;
        expect(once).toHaveLength(text.length);
        expect(once.split("\n").length).toBe(text.split("\n").length);
        expect(scrubText(once).text).toBe(once);
        expect(scrubText(text, { substitution: "entity_name" }).text.split("\n").length).toBe(text.split("\n").length);
      }),
      { numRuns: 1000 },
    );
  });
});
