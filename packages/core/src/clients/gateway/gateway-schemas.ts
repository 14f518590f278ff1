import * as z from "zod";

/** A model of `GET /v1/models`. `id` is what you pass as `model`. Unknown fields pass through. */
export const gatewayModelSchema = z.preprocess(
  (raw) => {
    if (raw && typeof raw === "object" && !("id" in raw)) {
      const r = raw as Record<string, unknown>;
      const id = r["model"] ?? r["name"];
      return typeof id === "string" ? { ...r, id } : raw;
    }
    return raw;
  },
  z.looseObject({
    id: z.string().min(1),
    supported_parameters: z.array(z.string()).nullish(),
    available_regions: z.array(z.string()).nullish(),
    retirement_date: z.string().nullish(),
  }),
);
/** A gateway model. */
export type GatewayModel = z.infer<typeof gatewayModelSchema>;

/** `GET /v1/models` as a bare array, `{data: [...]}` or `{models: [...]}`; always an array out. */
export const gatewayModelsResponseSchema = z.union([
  z.array(gatewayModelSchema),
  z.looseObject({ data: z.array(gatewayModelSchema) }).transform((v): GatewayModel[] => v.data),
  z.looseObject({ models: z.array(gatewayModelSchema) }).transform((v): GatewayModel[] => v.models),
]);

/** Speaker identification task of `/v1/understanding`. */
export const speakerIdentificationSchema = z
  .looseObject({
    speaker_type: z.enum(["role", "name"]),
    known_values: z.array(z.string().min(1).max(35)).min(1).optional(),
    speakers: z.array(z.looseObject({ role: z.string().optional(), name: z.string().optional(), description: z.string().optional() })).min(1).optional(),
  })
  .refine((s) => s.known_values !== undefined || s.speakers !== undefined, {
    message: "give known_values or speakers",
    path: ["known_values"],
  });

/** Body of `POST /v1/understanding`. Other tasks (translation, custom formatting) pass through. */
export const understandingRequestSchema = z.looseObject({
  transcript_id: z.string().min(1),
  speech_understanding: z.looseObject({
    request: z.looseObject({ speaker_identification: speakerIdentificationSchema.optional() }),
  }),
});
/** Parameters of {@link GatewayClient.understanding}. */
export type UnderstandingRequest = z.input<typeof understandingRequestSchema>;

/** Answer of `POST /v1/understanding`. Unknown fields pass through. */
export const understandingResponseSchema = z.looseObject({
  speech_understanding: z
    .looseObject({
      request: z.looseObject({}).optional(),
      response: z
        .looseObject({
          speaker_identification: z
            .looseObject({ mapping: z.record(z.string(), z.string()).optional(), status: z.string() })
            .optional(),
        })
        .optional(),
    })
    .optional(),
  utterances: z
    .array(z.looseObject({ speaker: z.string().nullish(), text: z.string().optional(), start: z.number().optional(), end: z.number().optional() }))
    .nullish(),
  words: z.array(z.looseObject({})).nullish(),
  translated_texts: z.record(z.string(), z.string()).optional(),
});
/** Answer of the understanding endpoint. */
export type UnderstandingResponse = z.infer<typeof understandingResponseSchema>;

/** An understanding answer that must carry a speaker identification result. */
export const speakerIdentificationResponseSchema = understandingResponseSchema.extend({
  speech_understanding: z.looseObject({
    request: z.looseObject({}).optional(),
    response: z.looseObject({
      speaker_identification: z.looseObject({ mapping: z.record(z.string(), z.string()).optional(), status: z.string() }),
    }),
  }),
});
