import { Ajv2020 } from "ajv/dist/2020.js";
import { Ajv } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  structuredAnswerJsonSchema,
  structuredAnswerSchema,
  structuredAnswerWithRolesJsonSchema,
  structuredAnswerWithRolesSchema,
  structuredSectionJsonSchema,
  structuredSectionSchema,
  structuredSectionWithRolesJsonSchema,
  structuredSectionWithRolesSchema,
} from "./structured-schema.js";

const evidence = fc.record({ quote: fc.string(), speaker: fc.string() });
const statement = fc.record({ text: fc.string(), evidence: fc.array(evidence, { maxLength: 3 }) });
const section = fc.record({ statements: fc.array(statement, { maxLength: 3 }) });
const answer = fc.record({ subjective: section, objective: section, assessment: section, plan: section });
const roles = fc.record({ clinician: fc.string(), patient: fc.string() });
const sectionWithRoles = fc.record({ speaker_roles: roles, statements: fc.array(statement, { maxLength: 3 }) });
const answerWithRoles = fc.record({ speaker_roles: roles, subjective: section, objective: section, assessment: section, plan: section });

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

// Near misses: take a valid value and break one thing somewhere inside it.
function mutate(value: Json, choice: number, junk: Json): Json {
  if (Array.isArray(value)) {
    if (value.length === 0 || choice % 5 === 0) return [...value, junk];
    const i = choice % value.length;
    return value.map((v, j) => (j === i ? mutate(v, Math.floor(choice / 3), junk) : v));
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    switch (choice % 4) {
      case 0:
        return { ...value, extra: junk };
      case 1: {
        const { [keys[choice % keys.length] as string]: _dropped, ...rest } = value;
        return rest;
      }
      default: {
        const k = keys[choice % keys.length] as string;
        return { ...value, [k]: mutate(value[k] as Json, Math.floor(choice / 4), junk) };
      }
    }
  }
  return junk;
}

function nearMisses(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), fc.jsonValue()).map(([v, c, junk]) => mutate(v as Json, c, junk as Json));
}

describe.each([
  ["whole note", structuredAnswerJsonSchema, structuredAnswerSchema, answer],
  ["one section", structuredSectionJsonSchema, structuredSectionSchema, section],
  ["whole note with speaker roles", structuredAnswerWithRolesJsonSchema, structuredAnswerWithRolesSchema, answerWithRoles],
  ["one section with speaker roles", structuredSectionWithRolesJsonSchema, structuredSectionWithRolesSchema, sectionWithRoles],
] as const)("structured %s schema", (_name, jsonSchema, zodSchema, valid) => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(jsonSchema);

  it("is a valid JSON Schema (draft 2020-12 and draft-07, strict mode)", () => {
    expect(ajv.validateSchema(jsonSchema)).toBe(true);
    expect(new Ajv({ strict: true }).validateSchema(jsonSchema)).toBe(true);
  });

  it("follows strict structured-output rules: every property required, no additional properties", () => {
    const walk = (node: unknown): void => {
      if (!node || typeof node !== "object") return;
      const n = node as { type?: string; properties?: Record<string, unknown>; required?: string[]; additionalProperties?: unknown; items?: unknown };
      if (n.type === "object") {
        expect(n.additionalProperties).toBe(false);
        expect([...(n.required ?? [])].sort()).toEqual(Object.keys(n.properties ?? {}).sort());
      }
      Object.values(n.properties ?? {}).forEach(walk);
      walk(n.items);
    };
    walk(jsonSchema);
  });

  it("accepts every value the zod schema accepts", () => {
    fc.assert(
      fc.property(valid, (value) => {
        expect(zodSchema.safeParse(value).success).toBe(true);
        expect(validate(value)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("rejects what the zod schema rejects, on near misses and arbitrary JSON", () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.oneof(nearMisses(valid), fc.jsonValue()), (value) => {
        const zodOk = zodSchema.safeParse(value).success;
        expect(validate(value)).toBe(zodOk);
        if (!zodOk) rejected++;
      }),
      { numRuns: 500 },
    );
    expect(rejected).toBeGreaterThan(100); // the samples really exercise rejection
  });
});
