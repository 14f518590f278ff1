/**
 * Loads AssemblyAI's official OpenAPI files from /work/shared/reference and prepares them for ajv.
 * Contract tests only: Node APIs are fine here.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import _Ajv2020 from "ajv/dist/2020.js";
import _addFormats from "ajv-formats";
import { parse } from "yaml";

const Ajv2020 = _Ajv2020 as unknown as typeof _Ajv2020.default;
const addFormats = _addFormats as unknown as typeof _addFormats.default;

/** packages/core/test/contract/ -> the shared reference folder beside the repo. */
const REFERENCE = new URL("../../../../../shared/reference/", import.meta.url);

/** A parsed OpenAPI document (loosely typed: it is outside input). */
export type Spec = { components: { schemas: Record<string, Json>; examples?: Record<string, Json>; responses?: Record<string, Json> }; paths: Record<string, Json> };
/** Any JSON value. */
export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Reads a YAML spec file under shared/reference/assemblyai. */
export function loadSpec(name: "openapi.yml" | "llm-gateway.yml"): Spec {
  return parse(readFileSync(fileURLToPath(new URL(`assemblyai/${name}`, REFERENCE)), "utf8")) as Spec;
}

/** Reads a docs page under shared/reference/assemblyai/docs. */
export function loadDoc(name: string): string {
  return readFileSync(fileURLToPath(new URL(`assemblyai/docs/${name}`, REFERENCE)), "utf8");
}

/** Reads shared/reference/API-NOTES.md. */
export function loadApiNotes(): string {
  return readFileSync(fileURLToPath(new URL("API-NOTES.md", REFERENCE)), "utf8");
}

/**
 * Translates OpenAPI dialect to plain JSON Schema 2020-12:
 * - OpenAPI 3.0 `nullable: true` becomes a `null` type (3.1 files already use type arrays);
 * - `allOf` of closed objects (`additionalProperties: false` on each part, as in TranscriptParams)
 *   is merged into one closed object: in JSON Schema each part would reject the other part's
 *   properties, which is not what the spec means.
 */
export function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(node)) out[k] = toJsonSchema(v);
  if (out["nullable"] === true) {
    delete out["nullable"];
    if (typeof out["type"] === "string") out["type"] = [out["type"], "null"];
    else if (Array.isArray(out["type"]) && !out["type"].includes("null")) out["type"] = [...out["type"], "null"];
  }
  return out;
}

/** Merges `allOf` parts of a closed object schema, resolving local `$ref`s into `schemas`. */
export function mergeClosedAllOf(schema: Json, schemas: Record<string, Json>): Json {
  if (!Array.isArray(schema.allOf)) return schema;
  const parts = schema.allOf.map((p: Json) => (p.$ref ? schemas[String(p.$ref).split("/").pop()!] : p));
  const merged: Json = { type: "object", additionalProperties: false, properties: {}, required: [] };
  for (const part of parts) {
    Object.assign(merged.properties, part.properties ?? {});
    merged.required.push(...(part.required ?? []));
  }
  return merged;
}

/** An ajv (JSON Schema 2020-12) holding a spec's components under `$id` `name`. */
export function specValidator(spec: Spec, name: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("url", { type: "string", validate: (s: string) => /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(s) });
  for (const f of ["float", "double", "int32", "int64", "binary"]) ajv.addFormat(f, true);
  const schemas = toJsonSchema(spec.components.schemas) as Record<string, Json>;
  for (const [key, value] of Object.entries(schemas)) schemas[key] = mergeClosedAllOf(value, schemas);
  ajv.addSchema({ $id: name, components: { schemas } });
  return (schemaName: string) => {
    const validate = ajv.getSchema(`${name}#/components/schemas/${schemaName}`);
    if (!validate) throw new Error(`no schema ${schemaName} in ${name}`);
    return (value: unknown) => {
      const ok = validate(value) as boolean;
      return { ok, errors: ajv.errorsText(validate.errors) };
    };
  };
}
