import { describe, expect, it } from "vitest";
import { createSandbox, DEMO_API_KEY, SANDBOX_RESPONSE_HEADER } from "../index.js";

const auth = { authorization: DEMO_API_KEY };

describe("the sandbox response header", () => {
  it("is on answers of every kind: a route, a 404, a 401, an injected fault, a gateway route", async () => {
    const sb = createSandbox();
    sb.faults.add({ route: "get", kind: "status", status: 503, times: 1 });
    const answers = await Promise.all([
      sb.fetch("https://api.assemblyai.com/v2/transcript", { headers: auth }),
      sb.fetch("https://api.assemblyai.com/", { headers: auth }),
      sb.fetch("https://api.assemblyai.com/v2/transcript", { headers: { authorization: "wrong" } }),
      sb.fetch("https://api.assemblyai.com/v2/transcript/abc", { headers: auth }),
      sb.fetch("https://llm-gateway.assemblyai.com/v1/models"),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 404, 401, 503, 200]);
    for (const r of answers) expect(r.headers.get(SANDBOX_RESPONSE_HEADER)).toBe("1");
  });

  it("is not counted as a call: a request to no route leaves the counters as they were", async () => {
    const sb = createSandbox();
    const before = sb.counters.snapshot();
    const r = await sb.fetch("https://api.assemblyai.com/");
    expect(r.headers.get(SANDBOX_RESPONSE_HEADER)).toBe("1");
    expect(sb.counters.snapshot()).toEqual(before);
  });
});
