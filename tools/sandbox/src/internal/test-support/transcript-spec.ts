import { loadSpecs, makeAjv } from "./spec.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Schema = Record<string, any>;

let cached: ReturnType<typeof build> | undefined;

/**
 * openapi.yml's `TranscriptParams` as ajv can check it. The spec writes it as `allOf` of a closed
 * `{audio_url}` object and the closed `TranscriptOptionalParams`, with `additionalProperties: false`
 * beside the `allOf`: read literally no object passes (each part refuses the other part's fields).
 * What it means is one closed object with both parts' properties and required fields, which is what
 * this builds (like packages/core/test/contract/spec-loader.ts `mergeClosedAllOf`).
 */
export function transcriptParamsSpec(): ReturnType<typeof build> {
  cached ??= build();
  return cached;
}

function build() {
  const doc = structuredClone(loadSpecs().docs["openapi.yml"]) as Schema;
  const schemas = doc["components"]["schemas"] as Record<string, Schema>;
  const parts = (schemas["TranscriptParams"]!["allOf"] as Schema[]).map((p) => (p["$ref"] ? schemas[String(p["$ref"]).split("/").pop()!]! : p));
  const merged: Schema = { type: "object", additionalProperties: false, properties: {}, required: [] };
  for (const part of parts) {
    Object.assign(merged["properties"], part["properties"] ?? {});
    merged["required"].push(...((part["required"] as string[] | undefined) ?? []));
  }
  schemas["TranscriptParams"] = merged;
  const ajv = makeAjv();
  ajv.addSchema(doc, "openapi-merged.yml");
  const validate = ajv.getSchema("openapi-merged.yml#/components/schemas/TranscriptParams");
  if (!validate) throw new Error("no TranscriptParams in openapi.yml");
  return {
    /** The merged schema (`properties`, `required`). */
    schema: merged,
    /** Every component schema of openapi.yml, to resolve `$ref`s. */
    schemas,
    /** Errors of `value` against the merged `TranscriptParams` (empty when valid). */
    errors(value: unknown): string[] {
      return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
    },
  };
}
