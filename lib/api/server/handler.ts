/**
 * The one wrapper every API route goes through: request id, session, role,
 * same-origin check for state-changing methods, input parsing with zod, and the
 * mapping of every failure to the error envelope. A route file stays a few lines.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getActor, type Actor } from "../../auth/server/session";
import { can, whyNot, type Permission } from "../../auth/permissions";
import { clientAddressFromHeaders } from "../../auth/client-address";
import { config } from "../../config/env";
import { log } from "../../log/logger";
import { ApiError, type ErrorEnvelope } from "../errors";
import { REQUEST_ID_HEADER } from "../fetch";
import { toApiError } from "../map-error";
import { withRequestContext } from "../../log/request-context";

export interface RouteContext<P, Q, B> {
  req: NextRequest;
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  requestId: string;
  clientAddress: string;
}

export interface RouteSpec<P, Q, B> {
  /** What the actor must be allowed to do (lib/auth/permissions.ts). */
  permission: Permission;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
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

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data;
}

export function errorResponse(err: ApiError, requestId: string): NextResponse<ErrorEnvelope> {
  const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
  if (err.details?.retryAfterSeconds !== undefined) headers["retry-after"] = String(err.details.retryAfterSeconds);
  return NextResponse.json(
    { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } },
    { status: err.status, headers },
  );
}

export function apiRoute<P = undefined, Q = undefined, B = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (ctx: RouteContext<P, Q, B>) => Promise<unknown>,
) {
  return async function route(req: NextRequest, context: NextRouteContext): Promise<Response> {
    const requestId = randomUUID();
    const started = performance.now();
    const clientAddress = clientAddressFromHeaders(req.headers);
    let actor: Actor | null = null;
    let response: Response;
    try {
      if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req)) {
        throw new ApiError("forbidden", "Cross-origin requests are not accepted: use Gavel's own pages.");
      }
      actor = await getActor();
      if (!actor) throw new ApiError("unauthenticated", "Your session has ended. Sign in again to continue.");
      if (!can(actor.role, spec.permission)) throw new ApiError("forbidden", `${whyNot(spec.permission)}.`);

      const params = parse(spec.params, await context.params, "path");
      const query = parse(spec.query, Object.fromEntries(req.nextUrl.searchParams), "query");
      let rawBody: unknown = undefined;
      if (spec.body) {
        const text = await req.text();
        try {
          rawBody = text ? JSON.parse(text) : undefined;
        } catch {
          throw new ApiError("validation_failed", "The request body is not valid JSON.");
        }
      }
      const body = parse(spec.body, rawBody, "body");
      const ctx = { req, actor, params, query, body, requestId, clientAddress };
      const result = await withRequestContext({ requestId, clientAddress }, () => handler(ctx));
      if (result instanceof Response) {
        result.headers.set(REQUEST_ID_HEADER, requestId);
        response = result;
      } else if (result === undefined) {
        response = new NextResponse(null, { status: 204, headers: { [REQUEST_ID_HEADER]: requestId } });
      } else {
        response = NextResponse.json(result, { headers: { [REQUEST_ID_HEADER]: requestId } });
      }
    } catch (e) {
      const err = toApiError(e);
      if (err.code === "internal") {
        log("error", "unhandled_error", { requestId, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      }
      response = errorResponse(err, requestId);
    }
    log(response.status >= 500 ? "error" : "info", "api_request", {
      requestId,
      method: req.method,
      path: req.nextUrl.pathname,
      status: response.status,
      ms: Math.round(performance.now() - started),
      actor: actor?.email,
      clientAddress,
    });
    return response;
  };
}
