/**
 * The API tokens API's answers as zod schemas, for the server's contract (./contract.ts)
 * only; the browser reads the same shapes as types (./types.ts), and `withSchemas`
 * holds the two equal.
 */
import { z } from "zod";

const iso = () => z.string().describe("ISO 8601 time");

export const apiTokenViewSchema = z.object({
  id: z.string().describe("The public part, as in gvl_<id>_…"),
  name: z.string(),
  status: z.enum(["active", "revoked", "expired"]),
  createdAt: iso(),
  expiresAt: iso(),
  revokedAt: iso().nullable(),
  lastUsedAt: iso().nullable(),
});
export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenViewSchema) });
export const createdApiTokenSchema = z.object({
  apiToken: apiTokenViewSchema,
  token: z.string().describe("The secret, shown in this answer only: send it as Authorization: Bearer <token>"),
});
export const revokedApiTokenSchema = z.object({ apiToken: apiTokenViewSchema });
