import { describe, expect, it } from "vitest";
import { TemplateNotFoundError } from "./errors.js";
import { getTemplate, listTemplates, resolveTemplate, templateRef } from "./registry.js";
import { parseVersion } from "./semver.js";
import { soapStructuredV2 } from "./templates/soap-structured-v2.js";
import type { SoapTemplate } from "./types.js";

const fake = (version: string): SoapTemplate => ({ ...soapStructuredV2, version });
const many = ["1.0.0", "1.4.2", "2.0.0", "2.1.0", "2.1.3", "3.0.0"].map(fake);

describe("listTemplates", () => {
  it("lists the shipped templates with strict semver versions and unique refs", () => {
    const refs = listTemplates().map(templateRef);
    expect(refs).toEqual(
      expect.arrayContaining(["soap-complete@1.0.0", "soap-complete@1.1.0", "soap-sectioned@1.0.0", "soap-sectioned@1.1.0", "soap-structured@2.0.0", "soap-structured@3.0.0"]),
    );
    expect(new Set(refs).size).toBe(refs.length);
    for (const t of listTemplates()) expect(parseVersion(t.version), t.version).toBeDefined();
  });

  it("returns a copy the caller cannot use to change the registry", () => {
    const list = listTemplates();
    list.pop();
    expect(listTemplates()).toHaveLength(list.length + 1);
  });
});

describe("getTemplate", () => {
  it("resolves a caret range, an exact version and a bare id", () => {
    expect(templateRef(getTemplate("soap-structured@^2"))).toBe("soap-structured@2.0.0");
    expect(templateRef(getTemplate("soap-structured@^3"))).toBe("soap-structured@3.0.0");
    expect(templateRef(getTemplate("soap-complete@1.0.0"))).toBe("soap-complete@1.0.0");
    expect(templateRef(getTemplate("soap-complete@1"))).toBe("soap-complete@1.1.0");
    expect(templateRef(getTemplate("soap-sectioned"))).toBe("soap-sectioned@1.1.0");
  });

  it("picks the highest version in the range", () => {
    expect(resolveTemplate("soap-structured@^2", many).version).toBe("2.1.3");
    expect(resolveTemplate("soap-structured@~2.0", many).version).toBe("2.0.0");
    expect(resolveTemplate("soap-structured", many).version).toBe("3.0.0");
    expect(resolveTemplate("soap-structured@*", many).version).toBe("3.0.0");
    expect(resolveTemplate("soap-structured@>=1 <2", many).version).toBe("1.4.2");
    expect(resolveTemplate("soap-structured@2.x", many).version).toBe("2.1.3");
  });

  it("throws TemplateNotFoundError listing what exists for an unknown id", () => {
    expect(() => getTemplate("soap-poem@1")).toThrow(TemplateNotFoundError);
    expect(() => getTemplate("soap-poem@1")).toThrow(/Unknown template id "soap-poem".*soap-complete@1\.0\.0, soap-complete@1\.1\.0, soap-sectioned@1\.0\.0, soap-sectioned@1\.1\.0, soap-structured@2\.0\.0, soap-structured@3\.0\.0/);
  });

  it("throws TemplateNotFoundError for an unmatched or malformed range", () => {
    try {
      getTemplate("soap-structured@^4");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateNotFoundError);
      expect((e as TemplateNotFoundError).spec).toBe("soap-structured@^4");
      expect((e as TemplateNotFoundError).available).toContain("soap-structured@2.0.0");
      expect((e as Error).name).toBe("TemplateNotFoundError");
    }
    expect(() => getTemplate("soap-structured@two")).toThrow(/Malformed version range/);
  });
});
