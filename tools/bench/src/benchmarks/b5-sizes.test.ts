import { describe, expect, it } from "vitest";
import { bytesByOrigin, gzipSize, parseWranglerTotals } from "./b5-sizes.js";

describe("B5 helpers", () => {
  it("reads wrangler's upload and gzip totals in KiB", () => {
    expect(parseWranglerTotals("…\nTotal Upload: 633.76 KiB / gzip: 154.79 KiB\n…")).toEqual({ uploadBytes: 633.76 * 1024, gzipBytes: 154.79 * 1024 });
    expect(parseWranglerTotals("no totals here")).toBeNull();
  });
  it("groups bundle bytes by where they come from", () => {
    expect(
      bytesByOrigin({
        "../../node_modules/zod/v4/core/core.js": { bytesInOutput: 100 },
        "../../node_modules/zod/index.js": { bytesInOutput: 5 },
        "../../packages/core/src/index.ts": { bytesInOutput: 40 },
        "../../packages/prompts/src/index.ts": { bytesInOutput: 7 },
      }),
    ).toEqual({ zod: 105, "@org/soap-core": 40, "@org/soap-prompts": 7 });
  });
  it("compresses repetitive bytes far below their size", () => {
    const bytes = new Uint8Array(100_000).fill(65);
    expect(gzipSize(bytes)).toBeLessThan(1000);
  });
});
