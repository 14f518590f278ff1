import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { isoDateTimeWithOffset } from "./iso-datetime.js";
import { safeParse } from "./zod-parse.js";

const VALUES = [
  "2026-11-29T15:11:26Z",
  "2026-11-29T15:11:26.123Z",
  "2026-11-29T15:11:26+02:00",
  "2024-02-29T00:00:00Z",
  "2023-02-29T00:00:00Z",
  "2026-11-29T15:11Z",
  "2026-11-29 15:11:26Z",
  "2026-11-29T15:11:26",
  "2026-11-29T24:00:00Z",
  "2026-11-29T15:11:26+2:00",
  "yesterday",
  "",
  42,
  null,
];

describe("isoDateTimeWithOffset", () => {
  it.each(VALUES)("decides %j as z.iso.datetime({ offset: true }) does, with the same issues", (value) => {
    const ours = safeParse(isoDateTimeWithOffset(), value);
    const zods = safeParse(z.iso.datetime({ offset: true }), value);
    expect(ours.success).toBe(zods.success);
    expect(ours.error?.issues.map((i) => [i.code, i.message])).toEqual(zods.error?.issues.map((i) => [i.code, i.message]));
  });

  it("rejects a datetime without an offset or Z and says it is not an ISO datetime", () => {
    const r = safeParse(isoDateTimeWithOffset(), "2026-11-29T15:11:26");
    expect(r.error?.issues[0]).toMatchObject({ code: "invalid_format", message: "Invalid ISO datetime" });
  });

  it("keeps format date-time in the JSON Schema", () => {
    expect(z.toJSONSchema(isoDateTimeWithOffset())).toEqual(z.toJSONSchema(z.iso.datetime({ offset: true })));
    expect(z.toJSONSchema(isoDateTimeWithOffset())).toMatchObject({ type: "string", format: "date-time" });
  });
});
