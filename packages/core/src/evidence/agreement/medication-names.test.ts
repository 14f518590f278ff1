import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MEDICATION_NAMES } from "./medication-names.js";

describe("MEDICATION_NAMES", () => {
  it("maps brands to their generic and each generic to itself", () => {
    expect(MEDICATION_NAMES.get("lasix")).toBe("furosemide");
    expect(MEDICATION_NAMES.get("furosemide")).toBe("furosemide");
    expect(MEDICATION_NAMES.get("lopressor")).toBe("metoprolol");
    expect(MEDICATION_NAMES.get("toprol")).toBe("metoprolol");
    expect(MEDICATION_NAMES.get("epipen")).toBe("epinephrine");
    expect(MEDICATION_NAMES.get("depo")).toBe("medroxyprogesterone");
    expect(MEDICATION_NAMES.has("")).toBe(false);
    for (const [name, generic] of MEDICATION_NAMES) {
      expect(name).toMatch(/^[a-z]+$/);
      expect(MEDICATION_NAMES.get(generic)).toBe(generic);
    }
  });

  // Golden fingerprint of every name → generic pair, taken from the list before it was regrouped
  // (brand=generic entries → generic,brand groups, 2026-11-29): a name lost or remapped changes it.
  it("holds every one of the 456 names with the generic it had", () => {
    const pairs = [...MEDICATION_NAMES].sort(([a], [b]) => (a < b ? -1 : 1)).map(([a, b]) => `${a}=${b}`).join(" ");
    expect(MEDICATION_NAMES.size).toBe(456);
    expect(createHash("sha256").update(pairs).digest("hex")).toBe("f08a017165236dbcd44e2c5f03a860133aaaf46e396798a1c025600571a79166");
  });
});
