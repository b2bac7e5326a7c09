/**
 * What the callouts routes read from the URL (a callout id, the list's query), as
 * zod schemas for the server; the browser names them by type only (./endpoints.ts).
 */
import { z } from "zod";
import { pageLimitSchema } from "../api/list-query";
import { conferenceIdSchema } from "../sinch/schemas";
import { CALLOUT_STATES, CALLOUTS_MAX_LIMIT, CALLOUTS_PAGE_LIMIT } from "../vocabulary/callouts";
import { emptyToUndefined, idempotencyKeySchema } from "./fields";

export const calloutParamsSchema = z.object({
  calloutId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9-]+$/, "is not a callout id"),
});

export const calloutListQuerySchema = z
  .object({
    state: z.preprocess(
      emptyToUndefined,
      z
        .enum([...CALLOUT_STATES, "active", "finished"], {
          error: `must be one of ${[...CALLOUT_STATES, "active", "finished"].join(", ")}`,
        })
        .optional(),
    ),
    conferenceId: z.preprocess(emptyToUndefined, conferenceIdSchema.optional()),
    batchId: z.preprocess(emptyToUndefined, idempotencyKeySchema.optional()),
    limit: pageLimitSchema(CALLOUTS_MAX_LIMIT, CALLOUTS_PAGE_LIMIT),
  })
  .strict();
export type CalloutListQuery = z.output<typeof calloutListQuerySchema>;
