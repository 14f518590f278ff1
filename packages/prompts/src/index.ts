// Public API of @org/soap-prompts: versioned SOAP templates, their registry and hashes, and the
// config that selects a template (with A/B experiments). Everything else is internal.

export type {
  ChatMessage,
  JsonSchemaResponseFormat,
  RenderedRequest,
  SoapSection,
  SoapTemplate,
  TemplateInput,
  TemplateMode,
  TranscriptSource,
} from "./internal/types.js";
export { SOAP_SECTIONS, sectionTitle } from "./internal/sections.js";
export { TRANSCRIPT_PLACEHOLDER, neutraliseTranscriptText } from "./internal/render/transcript-block.js";
export { templateInputSchema } from "./internal/input.js";
export { ROLES_LINE_PREFIX } from "./internal/render/roles-request.js";

export { getTemplate, listTemplates } from "./internal/registry.js";
export { templateRef } from "./internal/template-ref.js";
export { templateHash } from "./internal/template-hash.js";

export {
  speakerRolesAnswerSchema,
  structuredAnswerJsonSchema,
  structuredAnswerSchema,
  structuredAnswerWithRolesJsonSchema,
  structuredAnswerWithRolesSchema,
  structuredEvidenceSchema,
  structuredSectionJsonSchema,
  structuredSectionSchema,
  structuredSectionWithRolesJsonSchema,
  structuredSectionWithRolesSchema,
  structuredStatementSchema,
} from "./internal/structured-schema.js";
export type {
  SpeakerRolesAnswer,
  StructuredAnswer,
  StructuredEvidence,
  StructuredSection,
  StructuredStatement,
} from "./internal/structured-schema.js";

export { ASSIGN_BY, DEFAULT_SOAP_CONFIG, parseSoapConfig, soapConfigSchema } from "./internal/config.js";
export type { SoapConfig, SoapConfigInput, SoapExperiment, TranscriptionConfig } from "./internal/config.js";
export { HIPAA_SAFE_HARBOR, SAFE_HARBOR_POLICIES } from "./internal/redaction-preset.js";
export { selectTemplate } from "./internal/select-template.js";
export type { SelectTemplateOptions, SelectionKey, TemplateSelection } from "./internal/select-template.js";

export { ConfigError, SoapPromptsError, TemplateInputError, TemplateNotFoundError } from "./internal/errors.js";
export type { ConfigIssue } from "./internal/errors.js";
