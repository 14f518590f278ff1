import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../errors/cli-errors.js";
import { SAFE_HARBOR_POLICIES } from "@org/soap-prompts";
import { planFor } from "./plan.js";
import { loadConfigFile, resolveSettings, type RawFlags } from "./settings.js";

const resolveWith = (flags: RawFlags = {}, env: Record<string, string> = {}, raw?: unknown) =>
  resolveSettings({ flags, env, ...(raw === undefined ? {} : { configFile: { path: "soap.config.json", raw } }) });
/** The transcription parameters core plans for a visit under these settings. */
const transcriptionWith = async (flags: RawFlags = {}, env: Record<string, string> = {}, raw?: unknown) =>
  (await planFor(resolveWith(flags, env, raw), "visit-1")).transcription;

describe("resolveSettings precedence", () => {
  it("takes flags over environment over config file over defaults", () => {
    const file = { model: "file-model", template: "soap-complete@1", region: "eu" };
    expect(resolveWith({}, {}, {}).model).toBe("claude-sonnet-4-5-20250929");
    expect(resolveWith({}, {}, file).model).toBe("file-model");
    expect(resolveWith({}, { SOAP_NOTES_MODEL: "env-model" }, file).model).toBe("env-model");
    expect(resolveWith({ model: "flag-model" }, { SOAP_NOTES_MODEL: "env-model" }, file).model).toBe("flag-model");

    expect(resolveWith({}, {}, file).region).toBe("eu");
    expect(resolveWith({}, { ASSEMBLYAI_REGION: "us" }, file).region).toBe("us");
    expect(resolveWith({ region: "eu" }, { ASSEMBLYAI_REGION: "us" }, file).region).toBe("eu");

    expect(resolveWith({}, {}, file).template).toBe("soap-complete@1");
    expect(resolveWith({}, { SOAP_NOTES_TEMPLATE: "soap-sectioned@1" }, file).template).toBe("soap-sectioned@1");
    expect(resolveWith({ template: "soap-structured@2" }, { SOAP_NOTES_TEMPLATE: "soap-sectioned@1" }, file).template).toBe("soap-structured@2");
  });

  it("puts the resolved template, model and region into the config used for selection", () => {
    const s = resolveWith({ template: "soap-complete@1", model: "m" }, {}, { experiments: [] });
    expect(s.config).toMatchObject({ template: "soap-complete@1", model: "m", region: "us" });
  });

  it("takes concurrency from the flag, then the environment, else 8", () => {
    expect(resolveWith().concurrency).toBe(8);
    expect(resolveWith({}, { SOAP_NOTES_CONCURRENCY: "3" }).concurrency).toBe(3);
    expect(resolveWith({ concurrency: "2" }, { SOAP_NOTES_CONCURRENCY: "3" }).concurrency).toBe(2);
  });

  it("takes the batch's request budget from the flag, then the environment, else core's default", () => {
    expect(resolveWith().maxRequestsPer5Min).toBeUndefined();
    expect(resolveWith({}, { SOAP_NOTES_MAX_REQUESTS_PER_5MIN: "5000" }).maxRequestsPer5Min).toBe(5000);
    expect(resolveWith({ maxRequestsPer5min: "12000" }, { SOAP_NOTES_MAX_REQUESTS_PER_5MIN: "5000" }).maxRequestsPer5Min).toBe(12000);
  });

  it("takes the request timeout in seconds from the flag, then the environment, else core's default", () => {
    expect(resolveWith().timeoutMs).toBeUndefined();
    expect(resolveWith({}, { SOAP_NOTES_TIMEOUT: "30" }).timeoutMs).toBe(30_000);
    expect(resolveWith({ timeout: "0.5" }, { SOAP_NOTES_TIMEOUT: "30" }).timeoutMs).toBe(500);
    expect(resolveWith().uploadIdleTimeoutMs).toBeUndefined();
    expect(resolveWith({}, { SOAP_NOTES_UPLOAD_IDLE_TIMEOUT: "120" }).uploadIdleTimeoutMs).toBe(120_000);
    expect(resolveWith({ uploadIdleTimeout: "5" }, { SOAP_NOTES_UPLOAD_IDLE_TIMEOUT: "120" }).uploadIdleTimeoutMs).toBe(5000);
    expect(() => resolveWith({ uploadIdleTimeout: "-1" })).toThrow(/--upload-idle-timeout must be a positive number of seconds/);
    expect(resolveWith().chatTimeoutPerTokenMs).toBeUndefined();
    expect(resolveWith({ chatTimeoutPerToken: "0" }).chatTimeoutPerTokenMs).toBe(0);
    expect(resolveWith({}, { SOAP_NOTES_CHAT_TIMEOUT_PER_TOKEN_MS: "20" }).chatTimeoutPerTokenMs).toBe(20);
    expect(() => resolveWith({ chatTimeoutPerToken: "5000" })).toThrow(/--chat-timeout-per-token must be between 0 and 1000 milliseconds/);
    expect(resolveWith().retryOnTimeout).toBe(false);
    expect(resolveWith({ retryOnTimeout: true }).retryOnTimeout).toBe(true);
    expect(resolveWith({}, { SOAP_NOTES_RETRY_ON_TIMEOUT: "1" }).retryOnTimeout).toBe(true);
    expect(() => resolveWith({}, { SOAP_NOTES_RETRY_ON_TIMEOUT: "maybe" })).toThrow(/SOAP_NOTES_RETRY_ON_TIMEOUT must be 1 or 0/);
  });

  it("redacts with core's Safe Harbor preset and hash substitution by default", async () => {
    expect(await transcriptionWith()).toMatchObject({
      redact_pii: true,
      redact_pii_policies: [...SAFE_HARBOR_POLICIES],
      redact_pii_sub: "hash",
      speaker_labels: true,
    });
  });

  it("lets --no-redact, --redact, the environment and the config file change redaction in that order", async () => {
    const file = { transcription: { redact_pii_policies: ["person_name"] } };
    expect((await transcriptionWith({}, {}, file)).redact_pii_policies).toEqual(["person_name"]);
    expect((await transcriptionWith({}, { SOAP_NOTES_REDACT: "phone_number" }, file)).redact_pii_policies).toEqual(["phone_number"]);
    expect((await transcriptionWith({ redact: "url" }, { SOAP_NOTES_REDACT: "phone_number" }, file)).redact_pii_policies).toEqual(["url"]);
    expect(await transcriptionWith({ redact: false }, { SOAP_NOTES_REDACT: "phone_number" }, file)).toMatchObject({ redact_pii: false });
    expect((await transcriptionWith({}, {}, { transcription: { redact_pii: false } })).redact_pii).toBe(false);
    expect((await transcriptionWith({ redactSub: "entity_name" })).redact_pii_sub).toBe("entity_name");
    expect((await transcriptionWith({ redact: "medical,person_age" })).redact_pii_policies).toEqual([...SAFE_HARBOR_POLICIES, "person_age"]);
  });

  it("refuses an unknown policy in the config file when it is read, naming the file and the field", () => {
    expect(() => resolveWith({}, {}, { transcription: { redact_pii_policies: ["shoe_size"] } })).toThrow(
      /config file soap\.config\.json: transcription\.redact_pii_policies\[0\]: unknown redaction policy "shoe_size"/,
    );
  });

  it("refuses an unknown --redact policy before anything runs", () => {
    expect(() => resolveWith({ redact: "person_name,shoe_size" })).toThrow(UsageError);
    expect(() => resolveWith({ redact: "person_name,shoe_size" })).toThrow(/unknown redaction policy "shoe_size"/);
  });

  it("maps --medical, --speakers-expected and --keyterms to transcript parameters", async () => {
    const t = await transcriptionWith({ medical: true, speakersExpected: "2", keyterms: "metformin, A1C ,," });
    expect(t).toMatchObject({ domain: "medical-v1", speakers_expected: 2, keyterms_prompt: ["metformin", "A1C"] });
  });

  it("passes --identify-roles and --transcript-mode through, leaving the mode to core by default", async () => {
    expect(resolveWith().overrides).toMatchObject({ identifyRoles: false });
    expect(resolveWith().overrides.transcriptMode).toBeUndefined();
    expect((await planFor(resolveWith(), "v")).transcriptMode).toBe("auto");
    expect(resolveWith({ identifyRoles: true, transcriptMode: "transcript_id" }).overrides).toMatchObject({ identifyRoles: true, transcriptMode: "transcript_id" });
    expect(() => resolveWith({ transcriptMode: "fax" })).toThrow(/--transcript-mode must be inline or transcript_id/);
  });

  it("passes the --deidentified statement (or $SOAP_NOTES_DEIDENTIFIED) to core, which decides what a text dialogue does", async () => {
    const key = { ASSEMBLYAI_API_KEY: "k" };
    // Core's rule: on AssemblyAI, text is refused without a statement; on the sandbox it is scrubbed.
    expect((await planFor(resolveWith({}, key), "v")).textRedaction?.action).toBe("refuse");
    expect((await planFor(resolveWith({}, {}), "v")).textRedaction?.action).toBe("scrub");
    expect((await planFor(resolveWith({ deidentified: true }, key), "v")).textRedaction).toMatchObject({ action: "scrub", statement: "deidentified" });
    expect((await planFor(resolveWith({}, { ...key, SOAP_NOTES_DEIDENTIFIED: "1" }), "v")).textRedaction).toMatchObject({ statement: "deidentified" });
    expect((await planFor(resolveWith({}, { ...key, SOAP_NOTES_DEIDENTIFIED: "false" }), "v")).textRedaction?.action).toBe("refuse");
    expect((await planFor(resolveWith({ redact: false }, key), "v")).textRedaction).toEqual({ action: "send_as_is", statement: "no_redact" });
    expect((await planFor(resolveWith({}, { ...key, SOAP_NOTES_REDACT: "none" }), "v")).textRedaction?.action).toBe("send_as_is");
    // A manifest row's column beats the flag, for that row only.
    expect((await planFor(resolveWith({ deidentified: true }, key), "v", undefined, undefined, false)).textRedaction?.action).toBe("refuse");
    expect((await planFor(resolveWith({}, key), "v", undefined, undefined, true)).textRedaction?.action).toBe("scrub");
    expect(() => resolveWith({}, { SOAP_NOTES_DEIDENTIFIED: "sure" })).toThrow(/SOAP_NOTES_DEIDENTIFIED must be 1 or 0/);
  });

  it("uses the sandbox without a key and the API with one", () => {
    expect(resolveWith()).toMatchObject({ sandbox: true, sandboxReason: "no_key" });
    const real = resolveWith({}, { ASSEMBLYAI_API_KEY: "k" });
    expect(real.sandbox).toBe(false);
    expect(real.apiKey).toBe("k");
    expect(resolveWith({ sandbox: true }, { ASSEMBLYAI_API_KEY: "k" })).toMatchObject({ sandbox: true, sandboxReason: "flag" });
    expect(resolveWith({ sandbox: true }, { ASSEMBLYAI_API_KEY: "k" }).apiKey).toBeUndefined();
  });

  it("takes base URLs from flags over the environment, without trailing slashes", () => {
    const env = { ASSEMBLYAI_API_KEY: "k", ASSEMBLYAI_BASE_URL: "http://127.0.0.1:1/", ASSEMBLYAI_GATEWAY_URL: "http://127.0.0.1:2" };
    expect(resolveWith({}, env)).toMatchObject({ baseUrl: "http://127.0.0.1:1", gatewayUrl: "http://127.0.0.1:2" });
    expect(resolveWith({ baseUrl: "http://localhost:9" }, env).baseUrl).toBe("http://localhost:9");
  });

  it.each([
    [{ region: "mars" }, {}, /--region must be us or eu/],
    [{ concurrency: "0" }, {}, /--concurrency must be at least 1/],
    [{ concurrency: "many" }, {}, /--concurrency must be a whole number/],
    [{ speakersExpected: "2.5" }, {}, /--speakers-expected must be a whole number/],
    [{ format: "pdf" }, {}, /--format takes md, json, fhir or html/],
    [{ baseUrl: "ftp://x" }, { ASSEMBLYAI_API_KEY: "k" }, /--base-url must be an http\(s\) URL/],
    [{}, { ASSEMBLYAI_REGION: "asia" }, /ASSEMBLYAI_REGION must be us or eu/],
    [{}, { SOAP_NOTES_CONCURRENCY: "-1" }, /SOAP_NOTES_CONCURRENCY must be at least 1/],
    [{ maxRequestsPer5min: "25000" }, {}, /--max-requests-per-5min must be at most 20000/],
    [{ maxRequestsPer5min: "10" }, {}, /--max-requests-per-5min must be at least 100/],
    [{}, { SOAP_NOTES_MAX_REQUESTS_PER_5MIN: "lots" }, /SOAP_NOTES_MAX_REQUESTS_PER_5MIN must be a whole number/],
    [{ timeout: "0" }, {}, /--timeout must be a positive number of seconds/],
    [{ timeout: "soon" }, {}, /--timeout must be a number of seconds/],
    [{ timeout: "7200" }, {}, /--timeout must be at most 3600 seconds/],
    [{}, { SOAP_NOTES_TIMEOUT: "-2" }, /SOAP_NOTES_TIMEOUT must be a positive number of seconds/],
    [{ redact: "shoe_size" }, {}, /unknown redaction policy "shoe_size"/],
    [{ keyterms: "knee, left knee acl tear repair surgery today" }, {}, /each --keyterms term must be at most 6 words/],
    [{ baseUrl: "http://127.0.0.1:1" }, {}, /ASSEMBLYAI_API_KEY is not set/],
  ])("rejects bad input %o %o with a message naming it", (flags, env, message) => {
    expect(() => resolveWith(flags as RawFlags, env)).toThrow(UsageError);
    expect(() => resolveWith(flags as RawFlags, env)).toThrow(message);
  });

  it("names the config field that is wrong", () => {
    expect(() => resolveWith({}, {}, { experiments: [{ name: "x", salt: "s", assignBy: "visit_id", variants: [{ template: "soap-complete@1", weight: -1 }] }] })).toThrow(
      /config file soap\.config\.json: .*experiments\[0\]\.variants\[0\]\.weight/,
    );
    expect(() => resolveWith({}, {}, { template: "nope@9" })).toThrow(/template/);
  });

  it("never puts the API key into an error message", () => {
    try {
      resolveWith({ region: "bad" }, { ASSEMBLYAI_API_KEY: "secret-key-123" });
    } catch (err) {
      expect((err as Error).message).not.toContain("secret-key-123");
    }
  });
});

describe("loadConfigFile", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "soap-config-"));
    await writeFile(join(dir, "soap.config.json"), '{"model":"m1"}');
    await writeFile(join(dir, "bad.json"), '{"model":');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("finds soap.config.json in the working folder", async () => {
    expect(await loadConfigFile(undefined, {}, dir)).toEqual({ path: join(dir, "soap.config.json"), raw: { model: "m1" } });
  });

  it("returns nothing when there is no config file and none was named", async () => {
    expect(await loadConfigFile(undefined, {}, tmpdir())).toBeUndefined();
  });

  it("refuses a named file that does not exist", async () => {
    await expect(loadConfigFile("missing.json", {}, dir)).rejects.toThrow(/config file not found: .*missing\.json/);
    await expect(loadConfigFile(undefined, { SOAP_NOTES_CONFIG: "gone.json" }, dir)).rejects.toThrow(/config file not found: .*gone\.json/);
  });

  it("refuses a file that is not JSON", async () => {
    await expect(loadConfigFile("bad.json", {}, dir)).rejects.toThrow(/bad\.json is not valid JSON/);
  });
});
