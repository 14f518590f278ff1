import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ECHO_WINDOW, redactEchoes, redactSecrets } from "./redact.js";

describe("redactSecrets", () => {
  it("replaces every occurrence and caps the length", () => {
    expect(redactSecrets("a SECRET b SECRET", ["SECRET"])).toBe("a [redacted] b [redacted]");
    expect(redactSecrets("x".repeat(2000), []).length).toBeLessThanOrEqual(501);
  });
});

describe("redactEchoes", () => {
  it("leaves no run of the source text of the echo window's length", () => {
    fc.assert(
      fc.property(fc.string({ minLength: ECHO_WINDOW, maxLength: 200 }), fc.nat(), fc.nat(), fc.string(), (source, a, b, noise) => {
        const start = a % source.length;
        const end = Math.min(source.length, start + ECHO_WINDOW + (b % 100));
        const out = redactEchoes(`${noise}${source.slice(start, end)}${noise}`, [source]);
        for (let i = 0; i + ECHO_WINDOW <= out.length; i++) {
          const w = out.slice(i, i + ECHO_WINDOW);
          if (!w.includes("[redacted]") && source.includes(w)) return false;
        }
        return true;
      }),
    );
  });

  it("keeps text that is not an echo", () => {
    expect(redactEchoes("model not found: claude-x", ["a completely different prompt text here"])).toBe("model not found: claude-x");
  });
});
