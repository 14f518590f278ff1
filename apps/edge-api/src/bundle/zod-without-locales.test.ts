import * as classic from "zod/v4";
import * as core from "zod/v4/core";
import { describe, expect, it } from "vitest";
import * as shim from "./zod-without-locales.js";

// vitest.config.ts aliases "zod" to the shim as wrangler.jsonc does; "zod/v4" is the real classic zod.
describe("zod without locales (the Worker's zod)", () => {
  it("is classic zod's namespace, every export the same binding, without the locales", () => {
    const missing = Object.keys(classic).filter((k) => k !== "default" && !(k in shim));
    expect(missing).toEqual([]);
    for (const k of Object.keys(classic)) {
      if (["default", "z", "core", "locales"].includes(k)) continue;
      expect((shim as Record<string, unknown>)[k], k).toBe((classic as Record<string, unknown>)[k]);
    }
    expect(shim.locales).toEqual({});
    expect(shim.z).toBe(shim);
  });

  it("keeps z.core whole but for its locales", () => {
    for (const k of Object.keys(core)) {
      if (k === "locales") continue;
      expect((shim.core as Record<string, unknown>)[k], `core.${k}`).toBe((core as Record<string, unknown>)[k]);
    }
    expect(shim.core.locales).toEqual({});
  });

  it("still gives zod's English messages", () => {
    const r = shim.z.string().min(1).safeParse("");
    expect(r.success ? "" : r.error.issues[0]?.message).toBe("Too small: expected string to have >=1 characters");
  });
});
