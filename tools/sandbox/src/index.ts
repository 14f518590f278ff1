/**
 * @org/soap-sandbox: a local emulator of the AssemblyAI v2 transcripts API and LLM Gateway, over
 * sample-visit fixtures, with a fault plan. Portable (runs in Node and workerd); the Node-only
 * helpers (`loadFixtures`, `serve`) are at `@org/soap-sandbox/node`.
 */
export { createSandbox, connectionResetError } from "./internal/sandbox.js";
export type { Sandbox, SandboxApp, SandboxFetch } from "./internal/sandbox.js";
export { DEMO_API_KEY, FixtureValidationError } from "./internal/options.js";
export { SANDBOX_RESPONSE_HEADER } from "./internal/sandbox-header.js";
export type { SandboxOptions, LatencySpec } from "./internal/options.js";
export type { Clock, Scheduler } from "./internal/clock.js";
export { fixtureSchema } from "./internal/fixture-schema.js";
export type { Fixture, FixtureWord } from "./internal/fixture-schema.js";
export { FaultPlan, FAULT_KINDS, faultSpecSchema } from "./internal/faults.js";
export type { FaultKind, FaultSpec, ActiveFault } from "./internal/faults.js";
export { Counters } from "./internal/counters.js";
export type { RouteCounter, CountersSnapshot } from "./internal/counters.js";
export { ROUTE_NAMES } from "./internal/routes-names.js";
export type { RouteName } from "./internal/routes-names.js";
export type { SandboxState, StoredTranscript, StoredUpload, WebhookAttempt, TranscriptStatus } from "./internal/state.js";
export { UNKNOWN_AUDIO_HELP } from "./internal/audio-resolve.js";
export { EMULATOR_NOTE, TRANSCRIPT_PLACEHOLDER } from "./internal/routes/gateway-chat.js";
export { INVENTED_QUOTE } from "./internal/chat/answer.js";
export { INJECTED_ERROR_MESSAGE } from "./internal/engine.js";
export { DEFAULT_MODELS, GATEWAY_REGIONS, MODEL_CATALOGUE, modelsForRegion } from "./internal/models.js";
export type { GatewayModelInfo, GatewayRegion } from "./internal/models.js";
export { TRANSCRIPT_LOOKUP_ERROR } from "./internal/routes/v2-transcripts.js";
export { redactWord } from "./internal/render.js";
export { validateTranscriptParams } from "./internal/transcript-params.js";
export type { TranscriptParamsResult } from "./internal/transcript-params.js";
export { DEFAULT_SPEECH_MODELS } from "./internal/speech-models.js";
export type { SpeechModelInfo } from "./internal/speech-models.js";
export { TRANSCRIPT_LANGUAGE_CODES } from "./internal/language-codes.js";
