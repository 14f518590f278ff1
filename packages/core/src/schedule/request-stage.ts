import type { GatedRequest } from "../http/request-gate.js";

/** The kinds of request a batch limits separately. */
export type RequestStage = "upload" | "create" | "poll" | "chat" | "other";

/** Every stage, in pipeline order. */
export const REQUEST_STAGES: readonly RequestStage[] = ["upload", "create", "poll", "chat", "other"];

/**
 * The stage a request belongs to, from the operation name core's clients give it: uploads, transcript
 * creates, transcript status polls, gateway calls (chat, understanding); anything else (list,
 * delete, sentences, models) is `other`.
 *
 * @example
 * ```ts
 * requestStage({ method: "GET", url, operation: "GET /v2/transcript/{id}" }); // "poll"
 * ```
 */
export function requestStage(request: GatedRequest): RequestStage {
  switch (request.operation) {
    case "POST /v2/upload":
      return "upload";
    case "POST /v2/transcript":
      return "create";
    case "GET /v2/transcript/{id}":
      return "poll";
    case "POST /v1/chat/completions":
    case "POST /v1/understanding":
      return "chat";
    default:
      return "other";
  }
}

/** The transcript id of a status poll's URL, or undefined. */
export function polledTranscriptId(url: string): string | undefined {
  const match = /\/v2\/transcript\/([^/?#]+)(?:[?#].*)?$/.exec(url);
  return match?.[1];
}
