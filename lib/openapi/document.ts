/**
 * Gavel's OpenAPI 3.1 document, built from the contracts (lib/api/contracts.ts): the
 * same zod schemas the routes parse their inputs with, and the reply schemas the
 * contracts attach (`withSchemas`, `jsonOf`), turned into JSON Schema draft 2020-12 by
 * zod's own z.toJSONSchema. Nothing here restates a shape, so the document cannot drift
 * from the routes. Pure (no server imports): the route, the docs page and the tests
 * (unit and e2e) build the same document.
 */
import { z } from "zod";
import { PERMISSIONS } from "../auth/permissions";
import { endpointKind, type Endpoint, type OpenEndpoint } from "../api/endpoint";
import { API_CONTRACTS } from "../api/contracts";
import { errorEnvelopeSchema, EXCLUDED_ROUTES, NEXT_AUTH_PATHS, NEXT_AUTH_TAG, SECURITY_SCHEMES, TAGS } from "./shared";

type Json = Record<string, unknown>;
type AnyEndpoint = Endpoint | OpenEndpoint;

export const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

/** A zod schema as JSON Schema: what a client sends (input) or what the server answers (output). */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as Json;
  return rest;
}

/** "/api/users/:userId" → "/api/users/{userId}". */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, "{$1}");
}

/** "muteExceptSpeakers" → "Mute except speakers". */
function humanName(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function ref(name: string): Json {
  return { $ref: `#/components/responses/${name}` };
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query"): Json[] {
  if (!schema) return [];
  const js = jsonSchema(schema, "input");
  const props = (js.properties ?? {}) as Record<string, Json>;
  const required = new Set((js.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** The reply may be a command Sinch did not answer readably (answered 202 with `outcome: "unknown"`). */
function mayBeOutcomeUnknown(schema: Json): boolean {
  const outcome = (schema.properties as Record<string, Json> | undefined)?.outcome;
  if (outcome && (outcome.const === "unknown" || (outcome.enum as unknown[] | undefined)?.includes("unknown")))
    return true;
  return [...((schema.anyOf as Json[]) ?? []), ...((schema.oneOf as Json[]) ?? [])].some(mayBeOutcomeUnknown);
}

function replyContent(ep: AnyEndpoint): Json {
  if (ep.reply.kind === "file") {
    const media = (ep.reply.mediaType ?? "application/octet-stream").replace(/;.*/, "").trim();
    return { [media]: { schema: { type: "string" } } };
  }
  const schema = ep.reply.schema ? jsonSchema(ep.reply.schema, "output") : {};
  return { "application/json": { schema } };
}

function openOperation(tag: string, id: string, name: string, ep: OpenEndpoint): Json {
  const content = replyContent(ep);
  const responses: Json = { "200": { description: "OK", content } };
  for (const status of ep.alsoAnswers ?? []) responses[String(status)] = { description: "Not ready", content };
  if (ep.access === "metrics-token") {
    responses["401"] = ref("Unauthenticated");
    responses["404"] = {
      description: "No metrics token is configured: the route does not exist",
      content: errorContent(),
    };
  }
  responses.default = ref("Error");
  return {
    tags: [tag],
    operationId: id,
    summary: ep.summary ?? humanName(name),
    description:
      ep.access === "anyone"
        ? "Open: no session, no rate limit (for load balancers)."
        : "For Prometheus: send the metrics token. No session.",
    security: ep.access === "anyone" ? [] : [{ metricsToken: [] }],
    "x-gavel-access": ep.access,
    responses,
  };
}

function sessionOperation(tag: string, id: string, name: string, ep: Endpoint): Json {
  const roles = PERMISSIONS[ep.permission];
  const kind = endpointKind(ep);
  const content = replyContent(ep);
  const responses: Json = { "200": { description: "OK", content } };
  const replyJson = (content["application/json"] as Json | undefined)?.schema as Json | undefined;
  if (ep.method !== "GET" && replyJson && mayBeOutcomeUnknown(replyJson)) {
    responses["202"] = {
      description: "Sinch did not answer readably: the command may have happened (outcome unknown); Gavel checks",
      content,
    };
  }
  if (ep.conditional) responses["304"] = { description: "Not modified: If-None-Match named the current ETag" };
  if (ep.params || ep.query || ep.body) responses["400"] = ref("ValidationFailed");
  responses["401"] = ref("Unauthenticated");
  responses["403"] = ref("Forbidden");
  if (ep.params) responses["404"] = ref("NotFound");
  responses["429"] = ref("RateLimited");
  responses.default = ref("Error");
  const op: Json = {
    tags: [tag],
    operationId: id,
    summary: ep.summary ?? humanName(name),
    description: `Permission \`${ep.permission}\`: ${roles.join(", ")}. Rate limit: ${kind}s.`,
    security: [{ session: [] }, { apiToken: [] }],
    "x-gavel-permission": ep.permission,
    "x-gavel-roles": [...roles],
    "x-gavel-rate-limit": kind,
  };
  const params = [...parameters(ep.params, "path"), ...parameters(ep.query, "query")];
  if (params.length) op.parameters = params;
  if (ep.body) {
    op.requestBody = {
      required: !ep.body.safeParse(undefined).success,
      content: { "application/json": { schema: jsonSchema(ep.body, "input") } },
    };
  }
  op.responses = responses;
  return op;
}

function errorContent(): Json {
  return { "application/json": { schema: { $ref: "#/components/schemas/ErrorEnvelope" } } };
}

function errorResponse(description: string): Json {
  return { description, content: errorContent() };
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** The document: every endpoint of every contract, next-auth's routes, the shared parts. */
export function buildOpenApiDocument(): OpenApiDocument {
  const paths: Record<string, Json> = {};
  const tags: Json[] = [];
  const order = Object.keys(TAGS);
  const rank = (api: string) => (order.includes(api) ? order.indexOf(api) : order.length);
  const contracts = Object.entries(API_CONTRACTS).sort(([a], [b]) => rank(a) - rank(b));
  for (const [api, endpoints] of contracts) {
    const tag = TAGS[api] ?? { name: api, description: "" };
    tags.push(tag);
    for (const [name, ep] of Object.entries(endpoints)) {
      const id = `${api.replace(/Api$/, "")}.${name}`;
      const op = "access" in ep ? openOperation(tag.name, id, name, ep) : sessionOperation(tag.name, id, name, ep);
      const path = openApiPath(ep.path);
      paths[path] = { ...paths[path], [ep.method.toLowerCase()]: op };
    }
  }
  tags.push(NEXT_AUTH_TAG);
  Object.assign(paths, NEXT_AUTH_PATHS);
  return {
    openapi: "3.1.0",
    info: {
      title: "Gavel",
      version: "1",
      description:
        "The HTTP API of Gavel, the console for moderating Sinch conference calls. Generated from the zod " +
        "schemas the routes parse with (lib/openapi/document.ts). Every failure answers the error envelope; " +
        "every answer carries x-request-id.",
    },
    jsonSchemaDialect: JSON_SCHEMA_DIALECT,
    servers: [{ url: "/" }],
    security: [{ session: [] }, { apiToken: [] }],
    tags,
    paths,
    components: {
      schemas: { ErrorEnvelope: jsonSchema(errorEnvelopeSchema, "output") },
      responses: {
        Error: errorResponse("Any failure: the code says which (a status not listed above)"),
        ValidationFailed: errorResponse("validation_failed: the path, query or body is not valid (details.fields)"),
        Unauthenticated: errorResponse(
          "unauthenticated: no session, or an API token that is unknown, expired or revoked",
        ),
        Forbidden: errorResponse("forbidden: the role may not do this, or a cookie request came from another origin"),
        NotFound: errorResponse("not_found"),
        RateLimited: errorResponse("rate_limited: wait details.retryAfterSeconds (also the Retry-After header)"),
      },
      securitySchemes: SECURITY_SCHEMES,
    },
    "x-gavel-excluded": EXCLUDED_ROUTES,
  };
}

let built: OpenApiDocument | undefined;

/** The document, built once per process (it depends on nothing but the code). */
export function openApiDocument(): OpenApiDocument {
  built ??= buildOpenApiDocument();
  return built;
}
