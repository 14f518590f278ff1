import { describe, expect, it } from "vitest";
import { toFhirBundle } from "../../export/to-fhir-bundle.js";
import { sampleNote } from "./sample-note.js";
import { expectValidR4Bundle, validateR4 } from "./fhir-validator.js";

type Json = Record<string, unknown> & { entry: { fullUrl: string; resource: Record<string, unknown> }[] };
const bundle = (): Json => JSON.parse(JSON.stringify(toFhirBundle(sampleNote()))) as Json;
const errorsOf = (b: unknown): string[] => validateR4(b).errors.map((e) => `${e.location}: ${e.message}`);

describe("the R4 validation helper", () => {
  it("passes the exporter's Bundle with 0 errors", () => {
    expect(errorsOf(bundle())).toEqual([]);
  });

  it("reports what the base R4 StructureDefinitions forbid: a bad code, an unknown element, a missing required element, a bad date or instant", () => {
    const b = bundle();
    const c = b.entry[0]!.resource;
    c["status"] = "draft";
    c["signedBy"] = "nobody";
    delete c["title"];
    c["date"] = "yesterday";
    (b.entry[1]!.resource as Record<string, unknown>)["date"] = "2026-11-25";
    const errors = errorsOf(b).join("\n");
    expect(errors).toMatch(/Composition\.status: Code "draft" not found in value set/);
    expect(errors).toMatch(/Composition\.signedBy: Unexpected property/);
    expect(errors).toMatch(/Composition\.title: Missing property/);
    expect(errors).toMatch(/Composition\.date: Invalid dateTime format for value "yesterday"/);
    expect(errors).toMatch(/DocumentReference\.date: not an instant: "2026-11-25"/);
    expect(() => expectValidR4Bundle(b)).toThrow();
  });

  it("reports narratives that are not well-formed XHTML in the XHTML namespace, or use elements txt-1 forbids", () => {
    for (const div of ["<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>a & b</p></div>", "<p>no div</p>", "<div xmlns=\"http://www.w3.org/1999/xhtml\"><script>x</script></div>"]) {
      const b = bundle();
      ((b.entry[0]!.resource["section"] as { text: { div: string } }[])[0]!.text).div = div;
      expect(errorsOf(b).length, div).toBeGreaterThan(0);
    }
  });

  it("reports the document rules FHIR.js leaves out: Composition first, unique fullUrls, every entry reachable", () => {
    const swapped = bundle();
    swapped.entry.reverse();
    expect(errorsOf(swapped).join("\n")).toMatch(/bdl-11/);
    const duplicate = bundle();
    duplicate.entry[1]!.fullUrl = duplicate.entry[0]!.fullUrl;
    expect(errorsOf(duplicate).join("\n")).toMatch(/bdl-7/);
    const orphan = bundle();
    (orphan.entry[0]!.resource["section"] as { entry?: unknown }[]).at(-1)!.entry = undefined;
    expect(errorsOf(orphan).join("\n")).toMatch(/Bundle\.entry\[1\]: entry is not reachable from the Composition/);
  });
});
