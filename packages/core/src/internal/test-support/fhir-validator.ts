import { Fhir, ParseConformance, Versions, type ValidatorMessage } from "fhir";
import { expect } from "vitest";

// FHIR.js (npm `fhir`, Lantana Group) with the base R4 (4.0.1) StructureDefinitions and value sets
// it ships: cardinality, data types, primitive formats, unknown elements, required bindings. Loaded
// once per test file (the definitions are ~3 MB); a test dependency only, never in core's dist.
const fhir = new Fhir(new ParseConformance(true, Versions.R4));

/** A problem found in a resource: where, and what. */
export interface FhirProblem {
  location: string;
  message: string;
}

// R4 txt-1: the narrative may hold only basic XHTML formatting elements.
const NARRATIVE_ELEMENTS = new Set(
  "a abbr acronym b big blockquote br caption cite code col colgroup dd dfn div dl dt em h1 h2 h3 h4 h5 h6 hr i img kbd li ol p pre q samp small span strong sub sup table tbody td tfoot th thead tr tt ul var".split(" "),
);

// The R4 `instant` regex (FHIR.js checks dateTime but not instant), for the instants the exporter writes.
const INSTANT =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/;
const INSTANT_FIELDS: Readonly<Record<string, string>> = { Bundle: "timestamp", DocumentReference: "date", Provenance: "recorded" };

interface Entry {
  fullUrl?: string;
  resource?: Record<string, unknown>;
}

/** Every `reference` string anywhere in a value. */
function referencesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) referencesIn(v, out);
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === "reference" && typeof v === "string") out.push(v);
      else referencesIn(v, out);
    }
  }
  return out;
}

/** Every narrative `div` anywhere in a value. */
function narrativesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) narrativesIn(v, out);
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === "div" && typeof v === "string") out.push(v);
      else narrativesIn(v, out);
    }
  }
  return out;
}

/**
 * The R4 rules of a document Bundle that FHIR.js cannot check (its bundled definitions carry no
 * FHIRPath invariants), transcribed from the R4 spec: bdl-7 (fullUrl unique), bdl-9/bdl-10 (a
 * document has an identifier and a timestamp), bdl-11 (its first resource is a Composition), every
 * entry reachable from the Composition (R4 "Documents" page), txt-1 (narrative elements), and the
 * format of the instants the exporter writes.
 */
function documentRuleProblems(bundle: Record<string, unknown>): FhirProblem[] {
  const problems: FhirProblem[] = [];
  const entries = (bundle["entry"] as Entry[] | undefined) ?? [];
  const urls = entries.map((e) => e.fullUrl ?? "");
  if (new Set(urls).size !== urls.length) problems.push({ location: "Bundle.entry.fullUrl", message: "bdl-7: fullUrl must be unique" });
  if (bundle["type"] === "document") {
    const identifier = bundle["identifier"] as { system?: string; value?: string } | undefined;
    if (!identifier?.system || !identifier.value) problems.push({ location: "Bundle.identifier", message: "bdl-9: a document must have an identifier with a system and a value" });
    if (typeof bundle["timestamp"] !== "string") problems.push({ location: "Bundle.timestamp", message: "bdl-10: a document must have a date" });
    if (entries[0]?.resource?.["resourceType"] !== "Composition") problems.push({ location: "Bundle.entry[0]", message: "bdl-11: a document must have a Composition as the first resource" });
    const byUrl = new Map(entries.map((e) => [e.fullUrl ?? "", e.resource]));
    const reached = new Set<string>([urls[0] ?? ""]);
    const queue = [urls[0] ?? ""];
    while (queue.length > 0) {
      for (const ref of referencesIn(byUrl.get(queue.shift() as string))) {
        if (byUrl.has(ref) && !reached.has(ref)) {
          reached.add(ref);
          queue.push(ref);
        }
      }
    }
    urls.forEach((u, i) => {
      if (!reached.has(u)) problems.push({ location: `Bundle.entry[${i}]`, message: "entry is not reachable from the Composition" });
    });
  }
  for (const r of [bundle, ...entries.map((e) => e.resource ?? {})]) {
    const field = INSTANT_FIELDS[String(r["resourceType"])];
    const value = field !== undefined ? r[field] : undefined;
    if (value !== undefined && (typeof value !== "string" || !INSTANT.test(value))) {
      problems.push({ location: `${String(r["resourceType"])}.${field}`, message: `not an instant: ${JSON.stringify(value)}` });
    }
  }
  for (const div of narrativesIn(bundle)) {
    for (const [, tag] of div.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)) {
      if (!NARRATIVE_ELEMENTS.has((tag as string).toLowerCase())) problems.push({ location: "narrative", message: `txt-1: <${tag}> is not allowed in a narrative` });
    }
  }
  return problems;
}

/**
 * Validates a FHIR R4 resource (a Bundle, usually) against the base R4 StructureDefinitions with
 * FHIR.js, plus the well-formedness of every narrative (FHIR.js writes the resource as FHIR XML,
 * which refuses malformed or un-namespaced XHTML, and reads it back) and the document rules above.
 * Returns the errors and warnings; warnings such as "code not in an example value set" do not fail.
 */
export function validateR4(resource: unknown): { errors: FhirProblem[]; warnings: FhirProblem[] } {
  const result = fhir.validate(resource as object, { errorOnUnexpected: true });
  const as = (m: ValidatorMessage): FhirProblem => ({ location: `${m.resourceId ?? ""} ${m.location ?? ""}`.trim(), message: m.message ?? "" });
  const errors = result.messages.filter((m) => m.severity === "error" || m.severity === "fatal").map(as);
  const warnings = result.messages.filter((m) => m.severity === "warning").map(as);
  try {
    const back = fhir.xmlToObj(fhir.objToXml(resource as object));
    const before = narrativesIn(resource);
    const after = narrativesIn(back);
    if (after.length !== before.length) errors.push({ location: "narrative", message: `${before.length - after.length} narrative div(s) are not XHTML in the XHTML namespace` });
  } catch (err) {
    errors.push({ location: "narrative", message: `not well-formed XHTML: ${(err as Error).message.split("\n")[0]}` });
  }
  errors.push(...documentRuleProblems(resource as Record<string, unknown>));
  return { errors, warnings };
}

/**
 * Asserts that a FHIR R4 Bundle validates with 0 errors (see {@link validateR4}); the failure
 * message lists every error with its location.
 * @example
 * ```ts
 * expectValidR4Bundle(toFhirBundle(note));
 * ```
 */
export function expectValidR4Bundle(bundle: unknown): void {
  expect((bundle as { resourceType?: unknown }).resourceType).toBe("Bundle");
  const { errors } = validateR4(bundle);
  expect(errors.map((e) => `${e.location}: ${e.message}`)).toEqual([]);
}
