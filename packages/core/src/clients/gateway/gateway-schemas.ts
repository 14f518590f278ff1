import * as z from "zod/mini";

/** A model of `GET /v1/models`. `id` is what you pass as `model`. Unknown fields pass through. */
// A model named by `model` or `name` instead of `id` is read as if it said `id` (classic zod's preprocess).
export const gatewayModelSchema = z.pipe(
  z.transform((raw: unknown) => {
    if (raw && typeof raw === "object" && !("id" in raw)) {
      const r = raw as Record<string, unknown>;
      const id = r["model"] ?? r["name"];
      return typeof id === "string" ? { ...r, id } : raw;
    }
    return raw;
  }),
  z.looseObject({
    id: z.string().check(z.minLength(1)),
    supported_parameters: z.nullish(z.array(z.string())),
    available_regions: z.nullish(z.array(z.string())),
    retirement_date: z.nullish(z.string()),
  }),
);
/** A gateway model. */
export type GatewayModel = z.infer<typeof gatewayModelSchema>;

/** `GET /v1/models` as a bare array, `{data: [...]}` or `{models: [...]}`; always an array out. */
export const gatewayModelsResponseSchema = z.union([
  z.array(gatewayModelSchema),
  z.pipe(z.looseObject({ data: z.array(gatewayModelSchema) }), z.transform((v): GatewayModel[] => v.data)),
  z.pipe(z.looseObject({ models: z.array(gatewayModelSchema) }), z.transform((v): GatewayModel[] => v.models)),
]);

/** Speaker identification task of `/v1/understanding`. */
export const speakerIdentificationSchema = z
  .looseObject({
    speaker_type: z.enum(["role", "name"]),
    known_values: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(35))).check(z.minLength(1))),
    speakers: z.optional(z.array(z.looseObject({ role: z.optional(z.string()), name: z.optional(z.string()), description: z.optional(z.string()) })).check(z.minLength(1))),
  }).check(z.refine((s) => s.known_values !== undefined || s.speakers !== undefined, {
    message: "give known_values or speakers",
    path: ["known_values"],
  }));

/** Body of `POST /v1/understanding`. Other tasks (translation, custom formatting) pass through. */
export const understandingRequestSchema = z.looseObject({
  transcript_id: z.string().check(z.minLength(1)),
  speech_understanding: z.looseObject({
    request: z.looseObject({ speaker_identification: z.optional(speakerIdentificationSchema) }),
  }),
});
/** Parameters of {@link GatewayClient.understanding}. */
export type UnderstandingRequest = z.input<typeof understandingRequestSchema>;

/** Answer of `POST /v1/understanding`. Unknown fields pass through. */
export const understandingResponseSchema = z.looseObject({
  speech_understanding: z.optional(z.looseObject({
      request: z.optional(z.looseObject({})),
      response: z.optional(z.looseObject({
          speaker_identification: z.optional(z.looseObject({ mapping: z.optional(z.record(z.string(), z.string())), status: z.string() })),
        })),
    })),
  utterances: z.nullish(z.array(z.looseObject({ speaker: z.nullish(z.string()), text: z.optional(z.string()), start: z.optional(z.number()), end: z.optional(z.number()) }))),
  words: z.nullish(z.array(z.looseObject({}))),
  translated_texts: z.optional(z.record(z.string(), z.string())),
});
/** Answer of the understanding endpoint. */
export type UnderstandingResponse = z.infer<typeof understandingResponseSchema>;

/** An understanding answer that must carry a speaker identification result. */
// (A spread shape rather than z.extend: the same open object, without bundling zod's extend helper.)
export const speakerIdentificationResponseSchema = z.looseObject({
  ...understandingResponseSchema.shape,
  speech_understanding: z.looseObject({
    request: z.optional(z.looseObject({})),
    response: z.looseObject({
      speaker_identification: z.looseObject({ mapping: z.optional(z.record(z.string(), z.string())), status: z.string() }),
    }),
  }),
});
