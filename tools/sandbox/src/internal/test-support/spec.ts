import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

/** The AssemblyAI reference directory (override with SOAP_REFERENCE_DIR). */
export const REFERENCE_DIR =
  process.env["SOAP_REFERENCE_DIR"] ?? fileURLToPath(new URL("../../../../../../shared/reference/assemblyai/", import.meta.url));

export const referenceAvailable = existsSync(`${REFERENCE_DIR}/openapi.yml`) && existsSync(`${REFERENCE_DIR}/llm-gateway.yml`);

/** Ajv for JSON Schema 2020-12 (what OpenAPI 3.1 uses); vendor keys (x-*, example, discriminator) are ignored. */
export function makeAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  const addFormats = addFormatsModule as unknown as (a: Ajv2020) => void;
  addFormats(ajv);
  // "url" is not a JSON Schema format; ajv-formats' version wants a dotted host, which the spec's own
  // examples break ("http://deleted_by_user", "https://your-webhook-url/path"). Any absolute URL passes.
  ajv.addFormat("url", (s: string) => URL.canParse(s));
  return ajv;
}

/** Errors of `value` against an inline JSON schema (empty when valid). */
export function schemaErrors(schema: object, value: unknown): string[] {
  const validate = makeAjv().compile(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

type SpecFile = "openapi.yml" | "llm-gateway.yml";

let cached: ReturnType<typeof buildSpecs> | undefined;

/** Loads both official specs (once per test file) and validates values against their component schemas with ajv. */
export function loadSpecs(): ReturnType<typeof buildSpecs> {
  cached ??= buildSpecs();
  return cached;
}

function buildSpecs() {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Doc = Record<string, any>;
  const docs = {
    "openapi.yml": parse(readFileSync(`${REFERENCE_DIR}/openapi.yml`, "utf8")) as Doc,
    "llm-gateway.yml": parse(readFileSync(`${REFERENCE_DIR}/llm-gateway.yml`, "utf8")) as Doc,
  };
  const ajv = makeAjv();
  for (const [file, doc] of Object.entries(docs)) ajv.addSchema(doc, file);
  return {
    docs,
    /** Errors of `value` against `#/components/schemas/<name>` (empty when valid). */
    errors(file: SpecFile, name: string, value: unknown): string[] {
      const validate = ajv.getSchema(`${file}#/components/schemas/${name}`);
      if (!validate) throw new Error(`no schema ${name} in ${file}`);
      return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
    },
    errorsAgainst: schemaErrors,
  };
}
