import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseErrorBody } from "../errors/error-body.js";
import { usageSchema } from "./gateway/chat-schemas.js";
import { gatewayModelsResponseSchema } from "./gateway/gateway-schemas.js";
import { nextPageQuery } from "./transcripts/list-transcripts.js";
import { transcriptListSchema, transcriptSchema } from "./transcripts/transcript-schemas.js";

const extraKey = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in transcriptSchema.shape) && k !== "__proto__");

// fc.webUrl is slow (~100 ms a sample); list URLs only vary in host and query anyway.
const listUrl = fc
  .tuple(
    fc.constantFrom("https://api.assemblyai.com", "https://api.eu.assemblyai.com", "https://evil.example"),
    fc.dictionary(fc.constantFrom("before_id", "after_id", "limit", "status"), fc.string({ maxLength: 12 }), { maxKeys: 4 }),
  )
  .map(([origin, q]) => `${origin}/v2/transcript?${new URLSearchParams(q).toString()}`);

describe("schemas fed with outside input", () => {
  it("never throw on arbitrary JSON, only report", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        transcriptSchema.safeParse(v);
        transcriptListSchema.safeParse(v);
        usageSchema.safeParse(v);
        gatewayModelsResponseSchema.safeParse(v);
        const info = parseErrorBody(v);
        return ["string", "undefined"].includes(typeof info.message);
      }),
    );
  });

  it("keep unknown transcript fields untouched", () => {
    fc.assert(
      fc.property(fc.dictionary(extraKey, fc.jsonValue(), { maxKeys: 5 }), fc.constantFrom("queued", "processing", "completed", "error"), (extra, status) => {
        const parsed = transcriptSchema.parse({ ...extra, id: "t1", status }) as Record<string, unknown>;
        return Object.entries(extra).every(([k, v]) => JSON.stringify(parsed[k]) === JSON.stringify(v));
      }),
    );
  });

  it("normalise both usage shapes to the same numbers", () => {
    fc.assert(
      fc.property(fc.nat(1e7), fc.nat(1e7), fc.boolean(), (input, output, withTotal) => {
        const total = withTotal ? { total_tokens: input + output } : {};
        const a = usageSchema.parse({ input_tokens: input, output_tokens: output, ...total });
        const b = usageSchema.parse({ prompt_tokens: input, completion_tokens: output, ...total });
        expect(a).toEqual(b);
        return a.total_tokens === input + output;
      }),
    );
  });

  it("follow prev_url by its query only and always make progress", () => {
    fc.assert(
      fc.property(fc.oneof(listUrl, fc.string()), fc.string({ minLength: 1, maxLength: 10 }), (prev, lastId) => {
        const page = transcriptListSchema.parse({
          page_details: { limit: 1, result_count: 1, current_url: "https://api.assemblyai.com/v2/transcript", prev_url: prev, next_url: null },
          transcripts: [{ id: lastId, status: "completed", created: "2024-01-01T00:00:00", audio_url: "https://x/a.mp3" }],
        });
        const current = { limit: "1" };
        const next = nextPageQuery(page, current);
        return next === undefined || (typeof next["before_id"] === "string" && next["before_id"] !== current["before_id" as keyof typeof current]);
      }),
    );
  });
});
