import { describe, expect, it } from "vitest";
import { renderDocs, type MachineInfo } from "./docs.js";
import { notMeasured, type BenchRow } from "./result.js";

const machine: MachineInfo = { nproc: 2, cpu: "Test CPU", memoryBytes: 24 * 1024 ** 3, node: "v20.20.2", platform: "linux" };
const met: BenchRow = { id: "B6", name: "B6 cold start", ours: "440 ms", baseline: "n/a", limit: "250 ms", ratio: "ours/node 1.76", target: "<= 2.5", met: true, notes: "15 runs" };
const missed: BenchRow = { ...met, id: "B2", name: "B2 sections", ratio: "ours/call 1.9", met: false, limitedBy: "Two sections at a time." };

describe("renderDocs", () => {
  it("records the date, the command, the machine and the node version", () => {
    const md = renderDocs([met], { date: new Date("2026-11-25T10:00:00Z"), command: "npm run bench", machine });
    expect(md).toContain("2026-11-25T10:00:00.000Z");
    expect(md).toContain("`npm run bench`");
    expect(md).toContain("2 CPUs (`nproc`; Test CPU), 24.0 GiB memory");
    expect(md).toContain("v20.20.2");
    expect(md).toContain("| benchmark | ours | baseline | limit | ratio | target | met? |");
    expect(md).toContain("Every measured target was met.");
  });
  it("names each target that was not met, with its figure, and each benchmark not measured", () => {
    const md = renderDocs([met, missed, notMeasured("B5", "B5 sizes", "<= 200 KiB", "wrangler missing")], { date: new Date(0), command: "npm run bench", machine });
    expect(md).toContain("Targets not met:\n\n- B2 sections: ours 440 ms (ours/call 1.9). Two sections at a time.");
    expect(md).toContain("Not measured: B5 sizes (not measured: wrangler missing).");
  });
});
