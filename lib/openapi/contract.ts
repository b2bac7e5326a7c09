/**
 * The API's own description: GET /api/openapi.json, the OpenAPI 3.1 document built from
 * every contract's zod schemas (./document.ts). For any signed-in user (`api:docs`):
 * it holds no secrets, but an anonymous scan need not learn the API's shape.
 */
import { z } from "zod";
import { endpoint, jsonOf } from "../api/endpoint";

export const openApiDocumentSchema = z
  .object({
    openapi: z.literal("3.1.0"),
    info: z.object({ title: z.string(), version: z.string() }).catchall(z.unknown()),
  })
  .catchall(z.unknown())
  .describe("This document: OpenAPI 3.1, its schemas in JSON Schema draft 2020-12");

export const apiDocsApi = {
  openapi: endpoint({
    method: "GET",
    path: "/api/openapi.json",
    summary: "This document",
    permission: "api:docs",
    reply: jsonOf(openApiDocumentSchema),
  }),
};
