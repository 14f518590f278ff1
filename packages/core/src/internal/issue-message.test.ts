import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import { issueMessage } from "./issue-message.js";

const zodEnglish = en().localeError;

/** Each schema/value pair raises one kind of issue core's schemas can raise. */
const CASES: Array<[string, z.core.$ZodType, unknown]> = [
  ["wrong type", z.string(), 5],
  ["null for a number", z.number(), null],
  ["array for an object", z.object({ a: z.string() }), []],
  ["NaN", z.number(), Number.NaN],
  ["Infinity", z.number(), Number.POSITIVE_INFINITY],
  ["a Date for a string", z.string(), new Date(0)],
  ["an int given a fraction", z.int(), 1.5],
  ["one literal", z.literal("silence"), "loud"],
  ["an enum", z.enum(["mp3", "wav"]), "ogg"],
  ["empty string", z.string().check(z.minLength(1)), ""],
  ["long string", z.string().check(z.maxLength(3)), "abcd"],
  ["empty array", z.array(z.string()).check(z.minLength(1)), []],
  ["number too small", z.number().check(z.gte(25)), 3],
  ["number too big", z.number().check(z.lte(1)), 2],
  ["not positive", z.number().check(z.positive()), 0],
  ["regex", z.string().check(z.regex(/^\d{4}$/)), "12"],
  ["url", z.url({ protocol: /^https?$/ }), "ftp://x"],
  ["datetime", z.iso.datetime({ offset: true }), "yesterday"],
  ["one unknown key", z.strictObject({ a: z.string() }), { a: "x", b: 1 }],
  ["two unknown keys", z.strictObject({}), { b: 1, c: 2 }],
  ["union", z.union([z.string(), z.number()]), true],
  ["discriminated union", z.discriminatedUnion("role", [z.object({ role: z.literal("a") }), z.object({ role: z.literal("b") })]), { role: "c" }],
  ["record key", z.record(z.enum(["a"]), z.string()), { b: "x" }],
];

describe("issueMessage", () => {
  it.each(CASES)("words %s as zod's English locale does", (_name, schema, value) => {
    const ours = z.safeParse(schema, value, { error: issueMessage });
    const theirs = z.safeParse(schema, value, { error: zodEnglish });
    expect(ours.success).toBe(false);
    const messages = ours.error?.issues.map((i) => i.message) ?? [];
    expect(messages.length).toBeGreaterThan(0);
    expect(messages).toEqual(theirs.error?.issues.map((i) => i.message));
  });

  it("names the field's problem, not a generic failure, for a too-short string", () => {
    const r = z.safeParse(z.object({ name: z.string().check(z.minLength(1)) }), { name: "" }, { error: issueMessage });
    expect(r.error?.issues[0]).toMatchObject({ path: ["name"], message: "Too small: expected string to have >=1 characters" });
  });
});
