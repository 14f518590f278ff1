import { SoapNote } from "@org/soap-core/engine";
import { describe, expect, it } from "vitest";
import { runCli, SAMPLES } from "./support/cli.js";

describe("soap-notes sandbox", () => {
  it("serves the sandbox on 127.0.0.1 until Ctrl-C, and the CLI can use it over HTTP", async () => {
    let info: { api_base_url: string; gateway_base_url: string; api_key: string } | undefined;
    let note: Awaited<ReturnType<typeof runCli>> | undefined;
    const served = await runCli(["sandbox", "--port", "0", "--json"], {
      onSpawn: (child) => {
        child.stdout?.once("data", (chunk: Buffer | string) => {
          info = JSON.parse(String(chunk).split("\n")[0] as string) as typeof info;
          const env = { ASSEMBLYAI_API_KEY: info?.api_key ?? "", ASSEMBLYAI_BASE_URL: info?.api_base_url ?? "", ASSEMBLYAI_GATEWAY_URL: info?.gateway_base_url ?? "" };
          void runCli(["note", `${SAMPLES}/visits/visit-03-elbow-pain.mp3`, "--format", "json"], { env }).then((r) => {
            note = r;
            child.kill("SIGINT");
          });
        });
      },
    });
    expect(served.code).toBe(0);
    // JSON keys are snake_case, like every JSON the CLI prints (#14).
    expect(Object.keys(info ?? {}).sort()).toEqual(["api_base_url", "api_key", "gateway_base_url", "port"]);
    expect(info?.api_base_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(note?.code, note?.stderr).toBe(0);
    expect(SoapNote.parse(JSON.parse(note?.stdout ?? "")).provenance.transcript_source).toBe("assemblyai");
  });
});
