/**
 * The directory API's answers as zod schemas, for the server's contract (./contract.ts)
 * only; the browser reads the same shapes as types (./types.ts), and `withSchemas`
 * holds the two equal.
 */
import { z } from "zod";

const iso = () => z.string().describe("ISO 8601 time");

export const contactViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  numbers: z.array(z.string().describe("E.164")),
  organisation: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: iso(),
  updatedAt: iso(),
});
export const oneContactSchema = z.object({ contact: contactViewSchema });
export const deletedSchema = z.object({ deleted: z.literal(true) });

export const directoryListReplySchema = z.object({
  contacts: z.array(contactViewSchema),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});

const importLine = z.object({
  line: z.number().int(),
  name: z.string(),
  numbers: z.array(z.string()),
  organisation: z.string().nullable(),
  ok: z.boolean(),
  errors: z.array(z.string()),
});
export const importPreviewSchema = z.object({
  lines: z.array(importLine),
  valid: z.number().int(),
  invalid: z.number().int(),
  header: z.boolean(),
});
export const importResultSchema = z.object({ imported: z.number().int(), skipped: z.array(importLine) });

export const numberLookupSchema = z.object({
  number: z.string(),
  contact: z.object({ id: z.string(), name: z.string(), organisation: z.string().nullable() }).nullable(),
});
export const nameNumberResultSchema = z.object({ contact: contactViewSchema, created: z.boolean() });
