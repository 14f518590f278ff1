/** Names the fault plan, latency model and counters use for the sandbox's routes. */
export const ROUTE_NAMES = [
  "upload",
  "create",
  "list",
  "get",
  "delete",
  "sentences",
  "paragraphs",
  "redacted_audio",
  "word_search",
  "subtitles",
  "chat",
  "models",
  "understanding",
  "webhook",
] as const;

export type RouteName = (typeof ROUTE_NAMES)[number];
