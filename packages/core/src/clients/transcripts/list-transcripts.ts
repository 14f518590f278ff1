import type { TranscriptList, TranscriptListItem } from "./transcript-schemas.js";

/** Query of one list page, as search params. */
export type ListQuery = Record<string, string>;

/**
 * The query of the page of older transcripts, read from `page_details.prev_url`. Only its query
 * string is used, never its host: the next request goes to our own base URL, so the API key is
 * never sent to a host taken from a response.
 */
export function nextPageQuery(page: TranscriptList, current: ListQuery): ListQuery | undefined {
  const prev = page.page_details.prev_url;
  if (!prev || page.transcripts.length === 0) return undefined;
  let params: URLSearchParams;
  try {
    params = new URL(prev).searchParams;
  } catch {
    return undefined;
  }
  const beforeId = params.get("before_id") ?? page.transcripts[page.transcripts.length - 1]?.id;
  if (!beforeId || beforeId === current["before_id"]) return undefined; // no progress: stop, never loop
  const next: ListQuery = { ...current };
  params.forEach((value, key) => {
    next[key] = value;
  });
  next["before_id"] = beforeId;
  return next;
}

/**
 * Pages of the transcript list, newest first, following `prev_url` until there are no older
 * transcripts. Iterate it directly for transcripts, or call `pages()` for whole pages. Nothing is
 * fetched until you iterate.
 *
 * @example
 * ```ts
 * for await (const page of transcripts.list({ limit: 100 }).pages()) console.log(page.page_details.result_count);
 * ```
 */
export class TranscriptListing implements AsyncIterable<TranscriptListItem> {
  constructor(private readonly fetchPage: (query: ListQuery) => Promise<TranscriptList>, private readonly first: ListQuery) {}

  /** Whole pages, each validated. */
  async *pages(): AsyncGenerator<TranscriptList> {
    let query: ListQuery | undefined = this.first;
    while (query) {
      const page: TranscriptList = await this.fetchPage(query);
      yield page;
      query = nextPageQuery(page, query);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TranscriptListItem> {
    for await (const page of this.pages()) yield* page.transcripts;
  }
}
