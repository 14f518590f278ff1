import * as z from "zod/mini";
import { _isoDateTime } from "zod/v4/core";

/**
 * `z.iso.datetime({ offset: true })`, built the way zod/mini's own `datetime()` builds it. Reaching it
 * through the `z.iso` namespace makes a bundler keep the whole namespace (ISO date, time and duration
 * schemas no caller uses); this names only the datetime schema. Same schema kind, checks, issues and
 * JSON Schema (`format: "date-time"`).
 */
export const isoDateTimeWithOffset = (): z.ZodMiniISODateTime => _isoDateTime(z.ZodMiniISODateTime, { offset: true });
