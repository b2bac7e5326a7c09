/** What the API tokens routes parse: a new token's name and lifetime, and token ids. Server side (zod). */
import { z } from "zod";
import { userIdSchema } from "../vocabulary/users";
import { MAX_TOKEN_DAYS, TOKEN_NAME_MAX } from "./types";

export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(TOKEN_NAME_MAX, `must be at most ${TOKEN_NAME_MAX} characters`)
  .regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters");

export const createTokenSchema = z.strictObject({
  name: tokenNameSchema,
  /** Required: every token expires, at most a year from now. */
  expiresInDays: z
    .number()
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(MAX_TOKEN_DAYS, `must be at most ${MAX_TOKEN_DAYS} days`),
});
export type CreateTokenInput = z.output<typeof createTokenSchema>;

const tokenIdSchema = z.string().regex(/^[a-z2-7]{12}$/, "must be a token id");

export const tokenParamsSchema = z.object({ tokenId: tokenIdSchema });
export const userTokensParamsSchema = z.object({ userId: userIdSchema });
export const userTokenParamsSchema = z.object({ userId: userIdSchema, tokenId: tokenIdSchema });
