import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type ChatCompletion, type ChatCompletionRequest, GatewayClient } from "@org/soap-core";
import { generateSoapNote, parseTranscriptText, type ParsedDialogue, type SoapNote } from "@org/soap-core/engine";
import { DEFAULT_SOAP_CONFIG, getTemplate } from "@org/soap-prompts";
import { createSandbox } from "@org/soap-sandbox";
import { loadFixtures } from "@org/soap-sandbox/node";
import { REPO_ROOT } from "../support/env.js";

/** Real model answers to mutate, and what the fuzz needs around them. */
export interface FuzzSeeds {
  /** Free-text answers: ACI-BENCH reference notes and the sandbox's whole-note and section answers. */
  texts: string[];
  /** JSON answers of the structured template, as the sandbox gave them. */
  json: string[];
  /** The sample dialogues (evidence is checked against them). */
  dialogues: ParsedDialogue[];
  /** A valid note, for its provenance and as a base for evidence fuzz. */
  note: SoapNote;
}

const TEMPLATES = ["soap-complete@1", "soap-sectioned@1", "soap-structured@2"] as const;

/** Loads the reference notes and records the sandbox's answers for every sample dialogue and template. */
export async function loadSeeds(): Promise<FuzzSeeds> {
  const fixturesDir = join(REPO_ROOT, "tools/sandbox/fixtures");
  const texts: string[] = [];
  for (const name of readdirSync(fixturesDir).sort()) {
    if (!/^visit-.*\.json$/.test(name)) continue;
    const fixture = JSON.parse(readFileSync(join(fixturesDir, name), "utf8")) as { reference_note?: unknown };
    if (typeof fixture.reference_note === "string") texts.push(fixture.reference_note);
  }
  const transcriptsDir = join(REPO_ROOT, "samples/transcripts");
  const dialogues = readdirSync(transcriptsDir)
    .filter((n) => n.endsWith(".txt"))
    .sort()
    .map((n) => parseTranscriptText(readFileSync(join(transcriptsDir, n), "utf8")));

  const sandbox = createSandbox({ fixtures: await loadFixtures(), queuedMs: 1, processingMs: 1 });
  const client = new GatewayClient({ apiKey: sandbox.apiKey, baseUrl: "http://sandbox.local", gatewayBaseUrl: "http://sandbox.local", fetch: sandbox.fetch as typeof fetch });
  const json: string[] = [];
  let note: SoapNote | undefined;
  try {
    for (const spec of TEMPLATES) {
      const template = getTemplate(spec);
      for (const transcript of dialogues) {
        const recording = {
          chat: async (req: ChatCompletionRequest): Promise<ChatCompletion> => {
            const res = await client.chat(req);
            const content = res.choices[0]?.message.content ?? "";
            (template.mode === "structured" || req.response_format ? json : texts).push(content);
            return res;
          },
        };
        // A model the sandbox's (US) gateway serves: it refuses unknown ids like the real one.
        note = await generateSoapNote({ gateway: recording, template, transcript, model: DEFAULT_SOAP_CONFIG.model });
      }
    }
  } finally {
    sandbox.close();
  }
  if (!note) throw new Error("no sample dialogue to record answers from");
  return { texts, json, dialogues, note };
}
