/**
 * The public entries of @org/soap-core, imported by their package names (so the `exports` map is
 * checked too): the root carries the clients and the errors only, each subpath its layer.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const ROOT_BUDGET = 45;

const load = {
  root: () => import("@org/soap-core"),
  visit: () => import("@org/soap-core/visit"),
  engine: () => import("@org/soap-core/engine"),
  export: () => import("@org/soap-core/export"),
  schemas: () => import("@org/soap-core/schemas"),
  eval: () => import("@org/soap-core/eval"),
};

function expectFunctions(entry: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) expect(typeof entry[name], name).toBe("function");
}

function expectValues(entry: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) expect(entry[name], name).toBeDefined();
}

describe("the package's exports map", () => {
  it("resolves the package names to the sources under test (the @org/source condition)", async () => {
    expect((await load.visit()).planVisit).toBe((await import("./visit/plan.js")).planVisit);
    expect((await load.root()).SoapNotesError).toBe((await import("./errors/soap-notes-error.js")).SoapNotesError);
  });

  it("maps the root and the six subpaths to their sources and built files", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { exports: Record<string, Record<string, string> | string> };
    expect(Object.keys(pkg.exports).sort()).toEqual([".", "./engine", "./errors", "./eval", "./export", "./package.json", "./schemas", "./visit"]);
    for (const [sub, dir] of [[".", ""], ["./visit", "visit/"], ["./engine", "engine/"], ["./export", "export/"], ["./schemas", "schemas/"], ["./errors", "errors/"], ["./eval", "eval/"]] as const) {
      expect(pkg.exports[sub]).toEqual({
        "@org/source": `./src/${dir}index.ts`,
        types: `./dist/${dir}index.d.ts`,
        import: `./dist/${dir}index.js`,
        default: `./dist/${dir}index.js`,
      });
    }
  });
});

describe("@org/soap-core/errors: the error classes alone", () => {
  it("exports the very classes the root exports (instanceof works across entries)", async () => {
    const errors = (await import("./errors/index.js")) as Record<string, unknown>;
    const root = (await import("./index.js")) as Record<string, unknown>;
    const names = Object.keys(errors);
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const name of names) expect(root[name], name).toBe(errors[name]);
  });
});

describe("@org/soap-core (root): clients and errors", () => {
  it(`exports at most ${ROOT_BUDGET} runtime names`, async () => {
    const root = await load.root();
    expect(Object.keys(root).length).toBeLessThanOrEqual(ROOT_BUDGET);
  });

  it("exports the clients, their constants and the error helpers", async () => {
    const root = (await load.root()) as Record<string, unknown>;
    expectFunctions(root, ["TranscriptsClient", "GatewayClient", "isPermanentError"]);
    expectValues(root, ["PII_POLICIES", "DEFAULT_SPEAKER_ROLES", "TRANSCRIPT_PLACEHOLDER", "REGION_HOSTS", "DEFAULT_TIMEOUT_MS", "DEFAULT_MAX_RETRIES", "DEFAULT_WAIT_DEADLINE_MS"]);
  });

  it("leaves the visit use cases, the engine, the renderers and the schemas to their entries", async () => {
    const root = (await load.root()) as Record<string, unknown>;
    for (const name of [
      "runVisit", "planVisit", "runVisitEvents", "chooseTranscriptMode", "transcriptionParams", "defaultTranscriptionParams",
      "generateSoapNote", "parseSoapText", "checkEvidence", "toMarkdown", "renderNote", "SoapNote", "transcriptSchema", "soapNoteJsonSchema",
      "rougeScores", "experimentReport",
    ]) {
      expect(root[name], name).toBeUndefined();
    }
  });
});

describe("every error class the root exports", () => {
  it("extends SoapNotesError", async () => {
    const root = (await load.root()) as Record<string, unknown>;
    const { SoapNotesError } = root as { SoapNotesError: abstract new (...args: never[]) => Error };
    const errorClasses = Object.entries(root).filter(
      ([, v]) => typeof v === "function" && (v === Error || (v as { prototype?: unknown }).prototype instanceof Error),
    );
    // Not vacuous: the hierarchy, including the ones that used to extend Error directly.
    expect(errorClasses.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        "SoapNotesError", "ApiError", "BadRequestError", "AuthenticationError", "PermissionDeniedError", "NotFoundError",
        "ConflictError", "UnprocessableEntityError", "RateLimitError", "InternalServerError", "ConnectionError", "TimeoutError",
        "AbortError", "ResponseValidationError", "RequestValidationError", "TranscriptFailedError", "TranscriptCreateUncertainError",
        "SoapParseError", "InvalidNoteError", "SectionGenerationError", "StructuredAnswerError", "PlanMismatchError", "UnredactedTextError",
        "TranscriptMismatchError",
      ]),
    );
    for (const [name, cls] of errorClasses) {
      if (cls === SoapNotesError) continue;
      expect((cls as { prototype: unknown }).prototype instanceof SoapNotesError, name).toBe(true);
    }
  });

  it("names its instances after the class, and a SoapNotesError catch catches them", async () => {
    const root = await load.root();
    const samples: Error[] = [
      new root.SoapParseError("invalid_input", "x"),
      new root.InvalidNoteError([]),
      new root.PlanMismatchError("x"),
      new root.TranscriptMismatchError("x"),
      new root.RequestValidationError("x", { issues: [] }),
      new root.TranscriptFailedError("tr_1", "Audio too short"),
    ];
    for (const err of samples) {
      expect(err).toBeInstanceOf(root.SoapNotesError);
      expect(err.name).toBe(err.constructor.name);
    }
  });

  it("throws RequestValidationError (not TypeError) for a client option that cannot work", async () => {
    const root = await load.root();
    const fetch = (async () => new Response("{}")) as typeof globalThis.fetch;
    for (const make of [
      () => new root.TranscriptsClient({ apiKey: "", fetch }),
      () => new root.TranscriptsClient({ apiKey: "k", region: "mars" as "us", fetch }),
      () => new root.GatewayClient({ apiKey: "k", baseUrl: "ftp://x", fetch }),
      () => new root.GatewayClient({ apiKey: "k", timeoutMs: 0, fetch }),
    ]) {
      expect(make).toThrow(root.RequestValidationError);
    }
  });
});

describe("@org/soap-core/visit", () => {
  it("exports the use cases both apps run", async () => {
    const visit = (await load.visit()) as Record<string, unknown>;
    expectFunctions(visit, [
      "planVisit", "applyCheckpoint", "runVisit", "startTranscript", "draftNote", "resolveTranscriptMode", "regenerateNoteSection",
      "checkTranscriptBinding", "parseVisitInput", "expandPolicies", "applyRedaction", "redactionRecord", "findCreatedTranscript",
      "textRedactionRecord", "planTextRedaction", "textRedactionOf", "checkTextInput", "prepareDialogue", "dialogueAsRecorded",
      "scrubText", "findIdentifiers", "scrubDialogue", "visitIdempotencyKey",
    ]);
    expectValues(visit, ["PRESET_NAMES", "CREATE_LOOKUP_SKEW_MS", "ROLES_WARNING_CODE", "SCRUBBER_POLICIES"]);
    for (const gone of ["runVisitEvents", "chooseTranscriptMode", "transcriptionParams", "defaultTranscriptionParams"]) expect(visit[gone], gone).toBeUndefined();
  });
});

describe("@org/soap-core/visit batch scheduling", () => {
  it("exports the batch scheduler, the request budget and the stage limiter", async () => {
    const visit = (await load.visit()) as Record<string, unknown>;
    expectFunctions(visit, ["BatchScheduler", "PollBudget", "StageLimiter", "visitsInFlightFor", "requestStage"]);
    expectValues(visit, ["ASSEMBLYAI_REQUEST_LIMIT", "DEFAULT_MAX_REQUESTS_PER_5_MIN", "DEFAULT_MAX_POLL_HEAD_START_MS", "REQUEST_STAGES"]);
  });
});

describe("@org/soap-core/engine", () => {
  it("exports the note engine", async () => {
    const engine = (await load.engine()) as Record<string, unknown>;
    expectFunctions(engine, [
      "generateSoapNote", "regenerateSection", "parseSoapText", "splitStatements", "looksLikePlan", "checkEvidence", "findQuote",
      "buildTranscriptIndex", "parseTranscriptText", "hasRedactionLeak", "createSoapNote", "soapNoteFromText",
      "transcriptHash",
    ]);
    expectValues(engine, ["SoapNote", "SOAP_SECTIONS", "SECTION_TITLES", "NOTE_WARNING_CODES"]);
  });
});

describe("@org/soap-core/export", () => {
  it("exports the renderers and their names, media types and file extensions", async () => {
    const exporter = (await load.export()) as Record<string, unknown>;
    expectFunctions(exporter, ["renderNote", "toMarkdown", "toJson", "toFhirBundle"]);
    expectValues(exporter, ["NOTE_FORMATS", "NOTE_CONTENT_TYPES", "NOTE_FILE_EXTENSIONS", "SANDBOX_NOTICE", "SECTION_LOINC"]);
  });
});

describe("@org/soap-core/schemas", () => {
  it("exports a zod schema for every boundary, and the note's JSON Schema", async () => {
    const schemas = (await load.schemas()) as Record<string, unknown>;
    const zodNames = [
      "createTranscriptParamsSchema", "listTranscriptsParamsSchema", "transcriptSchema", "transcriptListSchema", "uploadResponseSchema",
      "chatCompletionRequestSchema", "chatCompletionSchema", "understandingRequestSchema", "understandingResponseSchema",
      "SoapNote", "provenanceSchema", "redactionRecordSchema", "visitInputSchema", "visitPlanSchema", "visitCheckpointSchema",
    ];
    for (const name of zodNames) expect(typeof (schemas[name] as { safeParse?: unknown } | undefined)?.safeParse, name).toBe("function");
    // Every export but the JSON Schema is a zod schema.
    for (const [name, value] of Object.entries(schemas)) {
      if (name === "soapNoteJsonSchema") continue;
      expect(typeof (value as { safeParse?: unknown }).safeParse, name).toBe("function");
    }
    expect(schemas["soapNoteJsonSchema"]).toHaveProperty("type", "object");
  });
});

describe("@org/soap-core/eval", () => {
  it("exports the metrics, the bootstrap, the price table and the experiment report", async () => {
    const evaluation = (await load.eval()) as Record<string, unknown>;
    expectFunctions(evaluation, [
      "rougeScores", "rougeTokens", "porterStem", "seededRandom", "bootstrapMean", "metricInfo", "sectionMetricKey", "noteFaithfulness",
      "textFaithfulness", "costOf", "textSections", "noteSections", "scoreNote", "buildReport", "evaluateNotes", "verdict",
      "experimentReport", "armOf", "reportMarkdown", "reportHtml",
    ]);
    expectValues(evaluation, ["ROUGE_TYPES", "BOOTSTRAP_DEFAULTS", "METRICS", "MIN_PAIRS"]);
    expect(typeof (evaluation["priceTableSchema"] as { safeParse?: unknown }).safeParse).toBe("function");
    expect((evaluation["rougeScores"] as (a: string, b: string) => { rougeL: { f1: number } })("a b c", "a b c").rougeL.f1).toBe(1);
  });
});
