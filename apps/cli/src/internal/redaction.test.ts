import { describe, expect, it } from "vitest";
import { MEDICAL_REDACTION_POLICIES, PII_POLICIES, redactionParams } from "./redaction.js";

describe("medical redaction preset", () => {
  it("uses only policy names AssemblyAI accepts", () => {
    for (const p of MEDICAL_REDACTION_POLICIES) expect(PII_POLICIES).toContain(p);
  });

  it("covers names, locations, dates, phone, email, SSN, record and account numbers", () => {
    for (const p of ["person_name", "location", "date", "date_of_birth", "phone_number", "email_address",
      "us_social_security_number", "healthcare_number", "account_number", "url", "ip_address", "vehicle_id"]) {
      expect(MEDICAL_REDACTION_POLICIES).toContain(p);
    }
  });

  it("keeps the clinical content a SOAP note needs", () => {
    for (const p of ["medical_condition", "drug", "injury", "medical_process", "duration", "blood_type"]) {
      expect(MEDICAL_REDACTION_POLICIES).not.toContain(p);
    }
  });
});

describe("redactionParams", () => {
  it("expands the default preset with hash substitution", () => {
    expect(redactionParams("medical")).toEqual({
      redact_pii: true,
      redact_pii_policies: [...MEDICAL_REDACTION_POLICIES],
      redact_pii_sub: "hash",
    });
  });

  it("extends the preset with extra policies without duplicates", () => {
    const r = redactionParams("medical,person_age,person_name");
    expect(r.redact_pii_policies).toContain("person_age");
    expect(r.redact_pii_policies?.filter((p) => p === "person_name")).toHaveLength(1);
  });

  it("turns redaction off for --no-redact", () => {
    expect(redactionParams(false)).toEqual({ redact_pii: false });
  });

  it("names an unknown policy", () => {
    expect(() => redactionParams("person_name,shoe_size")).toThrow(/unknown redaction policy "shoe_size"/);
  });
});
