/**
 * The contract of one API route, shared by the server's wrapper (lib/api/server/handler.ts)
 * and the browser's fetch (lib/api/fetch.ts): its method, path, permission, the zod
 * schemas of its params, query and body (the same ones the forms use), and the type of
 * its reply. The route's handler must return that reply, and `callApi` returns it, so
 * the two cannot drift apart. The schemas stay the single source for an OpenAPI
 * document. Client-safe: no server imports.
 */
import type { z } from "zod";
import type { Permission } from "../auth/permissions";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/**
 * What a request to an endpoint counts against (lib/api/server/rate-limit.ts): reads,
 * commands, or callouts (which place calls and so cost money).
 */
export type EndpointKind = "read" | "command" | "callout";

/** A file the browser downloads through a link (CSV), not JSON it reads. */
export interface Download {
  readonly download: true;
}

/** What a route answers. `R` exists for the compiler only: nothing of that type is stored. */
export interface Reply<R> {
  readonly kind: "json" | "file";
  /** For a file: its media type, e.g. "text/csv". */
  readonly mediaType?: string;
  /**
   * A JSON reply's zod schema, on the server's contract only (the browser's routes leave
   * it out, so zod stays out of its bundle): the OpenAPI document describes the answer
   * with it (lib/api/openapi/), and the e2e run checks real answers against that.
   */
  readonly schema?: Schema;
  /** Never set; ties the reply's type to the endpoint. */
  readonly type?: R;
}

/** A JSON reply of type R (its schema added by the server's contract with `withSchemas`). */
export function json<R>(): Reply<R> {
  return { kind: "json" };
}

/** A JSON reply described by a zod schema, its type that schema's output (for `endpoint()` declarations). */
export function jsonOf<S extends Schema>(schema: S): Reply<z.output<S>> {
  return { kind: "json", schema };
}

type Equal<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;
/** A type with readonly and interface-vs-alias differences smoothed out, for comparing. */
type Plain<T> = T extends readonly (infer E)[]
  ? Plain<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Plain<T[K]> }
    : T;
/**
 * `unknown` when a reply schema's output is exactly the reply type R (both ways: no
 * field missing, none extra, none wider), else a type naming the mismatch, so
 * `withSchemas` refuses a schema that drifted from the type the browser reads.
 */
export type ReplyAgreement<S extends Schema, R> =
  Equal<Plain<z.output<S>>, Plain<R>> extends true
    ? unknown
    : { "the reply schema's output is not the reply type": { schema: z.output<S>; type: R } };

/** A file download (the handler answers a Response of its own). */
export function file(mediaType: string): Reply<Download> {
  return { kind: "file", mediaType };
}

type Schema = z.ZodType;

export interface Endpoint<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  R = unknown,
> {
  method: HttpMethod;
  /** The path with `:name` for each path parameter, e.g. "/api/users/:userId". */
  path: string;
  /** One line saying what it does: the OpenAPI document's summary (lib/openapi/document.test.ts wants one). */
  summary?: string;
  /** What the signed-in person must be allowed to do (lib/auth/permissions.ts). */
  permission: Permission;
  /** The rate limit it counts against; by default GET is a read and the rest commands. */
  kind?: EndpointKind;
  params?: P;
  query?: Q;
  body?: B;
  reply: Reply<R>;
  /** Answers 304 without a body when If-None-Match names its ETag (the polled list). */
  conditional?: true;
}

/**
 * Who may call an open endpoint, one outside the session (lib/api/server/open-route.ts):
 * anyone (the health and readiness checks a load balancer asks), or whoever sends the
 * metrics token (GAVEL_METRICS_TOKEN) as a bearer token.
 */
export type OpenAccess = "anyone" | "metrics-token";

/**
 * An endpoint served outside the session: no cookie, no role, no rate limit of a
 * user's, no input. Listed in the contracts like any other, so the front door and
 * the route-table test know it.
 */
export interface OpenEndpoint<R = unknown> {
  method: "GET";
  path: string;
  /** One line saying what it does (the OpenAPI document's summary). */
  summary?: string;
  access: OpenAccess;
  reply: Reply<R>;
  /** Other statuses it answers with the same reply (the readiness check's 503). */
  alsoAnswers?: readonly number[];
}

/** Declares an open endpoint. */
export function openEndpoint<R>(def: OpenEndpoint<R>): OpenEndpoint<R> {
  return def;
}

/** Declares an endpoint; the type parameters are inferred from the schemas and `reply`. */
export function endpoint<
  R,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(def: Endpoint<P, Q, B, R>): Endpoint<P, Q, B, R> {
  return def;
}

/**
 * An endpoint as the browser calls it: method, path, permission and reply, with the
 * types of its params, query and body (`typeof` a schema, imported as a type) but not
 * the schemas themselves, so zod stays out of the browser's bundle. The server's
 * contract adds the schemas with `withSchemas`, which must be given one of each
 * declared type.
 */
export function route<
  R,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(def: Omit<Endpoint<P, Q, B, R>, "params" | "query" | "body">): Endpoint<P, Q, B, R> {
  return def;
}

/** The schemas a route declared: each one it has a type for is required. */
export type SchemasOf<P, Q, B> = (P extends Schema ? { params: P } : { params?: undefined }) &
  (Q extends Schema ? { query: Q } : { query?: undefined }) &
  (B extends Schema ? { body: B } : { body?: undefined });

/** A JSON reply's schema, which must agree with its type; a file has none. */
export type ReplySchemaOf<R, S extends Schema> = [R] extends [Download]
  ? { reply?: undefined }
  : { reply: S & ReplyAgreement<S, R> };

/**
 * A route with the zod schemas its inputs are parsed with on the server (see `route`),
 * and the schema of its JSON reply.
 */
export function withSchemas<
  R,
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
  S extends Schema = never,
>(r: Endpoint<P, Q, B, R>, schemas: SchemasOf<P, Q, B> & ReplySchemaOf<R, S>): Endpoint<P, Q, B, R> {
  const { reply, ...inputs } = schemas as { reply?: Schema };
  return { ...r, ...inputs, reply: reply ? { ...r.reply, schema: reply } : r.reply } as Endpoint<P, Q, B, R>;
}

/** The rate limit an endpoint counts against: its `kind`, else GET a read and the rest commands. */
export function endpointKind(ep: Pick<Endpoint, "method" | "kind">): EndpointKind {
  return ep.kind ?? (ep.method === "GET" ? "read" : "command");
}

/** What the server sees after parsing (undefined when the endpoint takes none). */
export type Parsed<S> = S extends Schema ? z.output<S> : undefined;
/** What a caller sends before parsing. */
export type Sent<S> = S extends Schema ? z.input<S> : undefined;

export type ParamsOf<E> = E extends Endpoint<infer P, Schema | undefined, Schema | undefined, unknown> ? P : never;
export type QueryOf<E> = E extends Endpoint<Schema | undefined, infer Q, Schema | undefined, unknown> ? Q : never;
export type BodyOf<E> = E extends Endpoint<Schema | undefined, Schema | undefined, infer B, unknown> ? B : never;
export type ReplyOf<E> =
  E extends Endpoint<Schema | undefined, Schema | undefined, Schema | undefined, infer R> ? R : never;

/** A query as a caller gives it: the schema's input, or a query string already built. */
export type QueryInput<Q> = Q extends Schema ? z.input<Q> | URLSearchParams : undefined;

function queryString(query: object | URLSearchParams | undefined): string {
  if (query === undefined) return "";
  const q = query instanceof URLSearchParams ? query : new URLSearchParams();
  if (!(query instanceof URLSearchParams)) {
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
    }
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The URL of an endpoint: path parameters filled in (encoded), then the query. */
export function endpointUrl<P extends Schema | undefined, Q extends Schema | undefined>(
  ep: Endpoint<P, Q, Schema | undefined, unknown>,
  input: { params?: Sent<P>; query?: QueryInput<Q> } = {},
): string {
  const params = (input.params ?? {}) as Record<string, unknown>;
  const path = ep.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`${ep.path}: no value for :${name}`);
    return encodeURIComponent(String(value));
  });
  return path + queryString(input.query as object | URLSearchParams | undefined);
}
