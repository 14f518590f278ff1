/**
 * Agreement warnings on the notes the sandbox (@org/soap-sandbox, a devDependency) writes: for the
 * 20 ACI-BENCH validation dialogues (CC BY 4.0) as text, with each shipped template, and for the
 * seven sample visits' audio through runVisit. The sandbox quotes transcript sentences and states
 * them unchanged, so every agreement warning here is a false alarm (docs/evidence-agreement.md).
 */
import { readFile } from "node:fs/promises";
import { getTemplate } from "@org/soap-prompts";
import { createSandbox } from "@org/soap-sandbox";
import { loadFixtures } from "@org/soap-sandbox/node";
import { beforeAll, describe, expect, it } from "vitest";
import { GatewayClient } from "../../clients/gateway/gateway-client.js";
import { TranscriptsClient } from "../../clients/transcripts/transcripts-client.js";
import { generateSoapNote } from "../../generate/generate-soap-note.js";
import type { SoapNote } from "../../note/soap-note.js";
import { runVisit } from "../../visit/run-visit.js";
import { testPlan } from "../../visit/test-support/fake-visit-clients.js";
import { parseTranscriptText } from "../transcript-text.js";
import { AGREEMENT_CODES } from "./test-support/measure.js";

const REPO = new URL("../../../../../", import.meta.url);
const DATA = new URL("../shared/data/aci-bench/valid_full.json", REPO);
const MODEL = "claude-sonnet-4-5-20250929";
const TEMPLATES = ["soap-complete@1", "soap-sectioned@1", "soap-structured@^2"];

let fixtures: Awaited<ReturnType<typeof loadFixtures>>;
let dialogues: string[];

beforeAll(async () => {
  fixtures = await loadFixtures();
  dialogues = (JSON.parse(await readFile(DATA, "utf8")) as { data: { src: string }[] }).data.map((d) => d.src);
});

function sandboxClients() {
  const sandbox = createSandbox({ fixtures, queuedMs: 1, processingMs: 1 });
  const common = { apiKey: sandbox.apiKey, fetch: sandbox.fetch as typeof fetch, baseUrl: "http://sandbox.test", gatewayBaseUrl: "http://sandbox.test", maxRetries: 0 };
  return { sandbox, transcripts: new TranscriptsClient(common), gateway: new GatewayClient(common) };
}

/** Statements with at least one found quote, and those of them with an agreement warning. */
function tally(notes: SoapNote[]): { checked: number; flagged: string[] } {
  let checked = 0;
  const flagged: string[] = [];
  for (const note of notes) {
    for (const section of Object.values(note.sections)) {
      for (const st of section.statements) {
        if (!st.evidence.some((e) => e.found)) continue;
        checked++;
        for (const w of st.warnings ?? []) if ((AGREEMENT_CODES as readonly string[]).includes(w.code)) flagged.push(`${st.id} ${w.code}`);
      }
    }
  }
  return { checked, flagged };
}

describe("agreement warnings on sandbox notes", () => {
  it("flags none of the statements the sandbox writes for the ACI-BENCH dialogues, with any template", async () => {
    const { sandbox, gateway } = sandboxClients();
    const notes: SoapNote[] = [];
    try {
      for (const spec of TEMPLATES) {
        for (const src of dialogues) notes.push(await generateSoapNote({ gateway, template: getTemplate(spec), transcript: parseTranscriptText(src), model: MODEL }));
      }
    } finally {
      sandbox.close();
    }
    const { checked, flagged } = tally(notes);
    expect(notes).toHaveLength(TEMPLATES.length * 20);
    expect(checked).toBeGreaterThan(400);
    expect(flagged).toEqual([]);
  });

  it("flags none of the statements of the sample visits' audio notes", async () => {
    const { sandbox, transcripts, gateway } = sandboxClients();
    const plan = await testPlan({ model: MODEL, environment: "sandbox" });
    const notes: SoapNote[] = [];
    try {
      for (const f of fixtures) {
        const audio = new Uint8Array(await readFile(new URL(f.audio.file, REPO)));
        const { note } = await runVisit({ kind: "audio", body: audio }, { transcripts, gateway, plan, wait: { initialDelayMs: 1, maxDelayMs: 5 } });
        notes.push(note);
      }
    } finally {
      sandbox.close();
    }
    const { checked, flagged } = tally(notes);
    expect(notes).toHaveLength(7);
    expect(checked).toBeGreaterThan(40);
    expect(flagged).toEqual([]);
  });
});
