/**
 * The one wrapper every API route goes through: request id, session (a cookie, or an
 * API token in `Authorization: Bearer`), rate limit, role, same-origin check for
 * state-changing methods, input parsing with zod, and the mapping of every failure to
 * the error envelope. A route file stays a few lines.
 */
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ROLE_HEADER } from "../../auth/role-signal";
import { getActor, type Actor } from "../../auth/server/session";
import { tokenActor } from "../../auth/server/api-token";
import { can, whyNot } from "../../auth/permissions";
import { config } from "../../config/env";
import { log } from "../../log/logger";
import type { Download, Endpoint, Parsed } from "../endpoint";
import { ApiError, type ErrorEnvelope } from "../errors";
import { REQUEST_ID_HEADER } from "../fetch";
import { toApiError } from "../map-error";
import { checkRateLimit } from "./rate-limit";
import { findNul, NUL_MESSAGE } from "../nul";
import { readBodyText } from "./body";
import { served } from "./served";

export interface RouteContext<P, Q, B> {
  req: NextRequest;
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  requestId: string;
  clientAddress: string;
}

type Schema = z.ZodType | undefined;

declare const JSON_OF: unique symbol;

/**
 * A Response whose body is R's JSON, made by the handler itself (an answer serialised
 * once and shared, with its own ETag and 304): `asJsonReply` marks one.
 */
export type JsonReply<R> = Response & { readonly [JSON_OF]: R };

/** Marks `res` as carrying R's JSON: the caller vouches for its body. */
export function asJsonReply<R>(res: Response): JsonReply<R> {
  return res as JsonReply<R>;
}

/** What a handler answers for a reply of type R: R itself (or a JsonReply of it), or its own Response for a download. */
export type HandlerReply<R> = R extends Download ? Response : R | JsonReply<R>;

/**
 * The same endpoint, its body parsed with a schema only the server can build (one
 * that reads the configuration, e.g. the allowed caller IDs); the contract's schema
 * gives the shape, this one must accept and produce the same types.
 */
export function withServerBody<P extends Schema, Q extends Schema, B extends z.ZodType, R>(
  ep: Endpoint<P, Q, B, R>,
  body: z.ZodType<z.output<B>, z.input<B>>,
): Endpoint<P, Q, z.ZodType<z.output<B>, z.input<B>>, R> {
  return { ...ep, body };
}

type NextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origins this server answers as. */
function ownOrigins(req: NextRequest): Set<string> {
  const origins = new Set<string>();
  origins.add(req.nextUrl.origin);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) {
    const proto = req.headers.get("x-forwarded-proto") ?? req.nextUrl.protocol.replace(":", "");
    origins.add(`${proto}://${host}`);
  }
  const configured = config().NEXTAUTH_URL;
  if (configured) origins.add(new URL(configured).origin);
  return origins;
}

/**
 * A state-changing request must come from Gavel's own pages: Sec-Fetch-Site says
 * so in current browsers, Origin in older ones. A request carrying neither is refused.
 */
export function isSameOrigin(req: NextRequest): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = req.headers.get("origin");
  if (!origin) return false;
  return ownOrigins(req).has(origin);
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join(".") : "body";
}

export function validationError(where: string, error: z.ZodError): ApiError {
  const fields = error.issues.map((i) => ({ path: fieldPath(i.path), message: i.message }));
  const first = fields[0];
  const message = first ? `${first.path}: ${first.message}` : `${where} is invalid`;
  return new ApiError("validation_failed", message, { fields });
}

function parse<S extends Schema>(schema: S, value: unknown, where: string): Parsed<S> {
  if (!schema) return undefined as Parsed<S>;
  const nul = findNul(value, where);
  if (nul !== undefined) {
    const field = nul.includes(".") ? nul.slice(nul.indexOf(".") + 1) : nul;
    throw new ApiError("validation_failed", `${field}: ${NUL_MESSAGE}`, {
      fields: [{ path: field, message: NUL_MESSAGE }],
    });
  }
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data as Parsed<S>;
}

export function errorResponse(err: ApiError, requestId: string): NextResponse<ErrorEnvelope> {
  const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
  if (err.details?.retryAfterSeconds !== undefined) headers["retry-after"] = String(err.details.retryAfterSeconds);
  // The rest of an oversized body may not have been read (past the drain limits): this
  // connection carries no further request.
  if (err.code === "payload_too_large") headers.connection = "close";
  return NextResponse.json(
    { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } },
    { status: err.status, headers },
  );
}

/**
 * The route for one endpoint of the contract: `handler` is held to the endpoint's
 * reply type, so what the browser's callApi expects is what the route answers.
 */
export function apiRoute<P extends Schema, Q extends Schema, B extends Schema, R>(
  ep: Endpoint<P, Q, B, R>,
  handler: (ctx: RouteContext<Parsed<P>, Parsed<Q>, Parsed<B>>) => Promise<HandlerReply<NoInfer<R>>>,
) {
  return function route(req: NextRequest, context: NextRouteContext): Promise<Response> {
    return served(req, "api_request", async (request) => {
      const { requestId, clientAddress } = request;
      request.route = ep.path;
      // The role this request was judged by, on every answer: an open page compares it
      // with the role it was drawn for and re-reads the session when they differ.
      let role: string | undefined;
      const withRole = (res: Response): Response => {
        try {
          if (role) res.headers.set(ROLE_HEADER, role);
        } catch {
          // A handler's own Response with immutable headers (a proxied one) goes out as it is.
        }
        return res;
      };
      try {
        // An API token is sent on purpose by its holder, never added by a browser: a
        // request carrying one and no cookie cannot be a forged cross-site request. One
        // that also carries cookies is checked as any other (a browser may have added them).
        const authorization = req.headers.get("authorization");
        const tokenOnly = authorization !== null && !req.headers.has("cookie");
        if (!SAFE_METHODS.has(req.method) && !tokenOnly && !isSameOrigin(req)) {
          throw new ApiError("forbidden", "Cross-origin requests are not accepted: use Gavel's own pages.");
        }
        // With both, the token decides who is asking: an invalid one is refused, never
        // taken as the cookie's session.
        const actor: Actor | null =
          authorization !== null ? await tokenActor(authorization) : await getActor(req.cookies);
        if (!actor) throw new ApiError("unauthenticated", "Your session has ended. Sign in again to continue.");
        request.actorEmail = actor.email;
        role = actor.role;
        await checkRateLimit(actor.id, ep);
        if (!can(actor.role, ep.permission)) throw new ApiError("forbidden", `${whyNot(ep.permission)}.`);

        const params = parse(ep.params as P, await context.params, "path");
        const query = parse(ep.query as Q, Object.fromEntries(req.nextUrl.searchParams), "query");
        let rawBody: unknown = undefined;
        if (ep.body) {
          const text = await readBodyText(req);
          try {
            rawBody = text ? JSON.parse(text) : undefined;
          } catch {
            throw new ApiError("validation_failed", "The request body is not valid JSON.");
          }
        }
        const body = parse(ep.body as B, rawBody, "body");
        const result: unknown = await handler({ req, actor, params, query, body, requestId, clientAddress });
        if (result instanceof Response) return withRole(result);
        if (result === undefined) return withRole(new NextResponse(null, { status: 204 }));
        // A command Sinch did not answer readably was accepted, not done: 202 (issue 10).
        return withRole(NextResponse.json(result, { status: isOutcomeUnknown(result) ? 202 : 200 }));
      } catch (e) {
        const err = toApiError(e);
        if (err.code === "internal") {
          log("error", "unhandled_error", {
            requestId,
            error: e instanceof Error ? (e.stack ?? e.message) : String(e),
          });
        }
        return withRole(errorResponse(err, requestId));
      }
    });
  };
}

function isOutcomeUnknown(result: unknown): boolean {
  return typeof result === "object" && result !== null && (result as { outcome?: unknown }).outcome === "unknown";
}
