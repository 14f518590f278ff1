import { parseTemplateInput } from "../input.js";
import { SOAP_SECTIONS } from "../sections.js";
import type { RenderedRequest, SoapSection, SoapTemplate, TemplateInput, TemplateMode } from "../types.js";

/** The parts of a template; input validation and freezing are added by {@link defineTemplate}. */
export interface TemplateParts {
  id: string;
  version: string;
  description: string;
  mode: TemplateMode;
  maxTokens: number;
  render(input: TemplateInput): RenderedRequest[];
  renderSection(input: TemplateInput, section: SoapSection): RenderedRequest;
}

/** Wraps template parts so every render validates its input first; returns a frozen template. */
export function defineTemplate(parts: TemplateParts): SoapTemplate {
  return Object.freeze({
    id: parts.id,
    version: parts.version,
    description: parts.description,
    mode: parts.mode,
    maxTokens: parts.maxTokens,
    render: (input: TemplateInput) => parts.render(parseTemplateInput(input)),
    renderSection: (input: TemplateInput, section: SoapSection) => {
      if (!SOAP_SECTIONS.includes(section)) throw new RangeError(`Unknown SOAP section: ${String(section)}`);
      return parts.renderSection(parseTemplateInput(input), section);
    },
  });
}
