/**
 * The wrapper of open endpoints (lib/api/endpoint.ts `openEndpoint`): the health and
 * readiness checks and the metrics scrape, asked by load balancers and Prometheus,
 * not people. No session, no role, no user's rate limit, no database (health must
 * answer while the database is down); the request id, the log line and the request
 * metrics are every route's (./served.ts). An endpoint for the metrics token checks
 * it first: with no token configured it does not exist (404, as any unknown route,
 * so a scan learns nothing); a missing or wrong token is 401.
 */
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { log } from "../../log/logger";
import { metricsAccess } from "../../metrics/server/token";
import type { OpenEndpoint } from "../endpoint";
import { ApiError } from "../errors";
import { toApiError } from "../map-error";
import { errorResponse } from "./handler";
import { served } from "./served";

/** A handler's answer: its reply (JSON, 200), or a Response of its own (a 503, a text body). */
export function openRoute<R>(ep: OpenEndpoint<R>, handler: (req: NextRequest) => Promise<R | Response>) {
  return function route(req: NextRequest): Promise<Response> {
    return served(req, "api_request", async (request) => {
      const { requestId } = request;
      request.route = ep.path;
      try {
        if (ep.access === "metrics-token") {
          const access = metricsAccess(req.headers.get("authorization"));
          if (access === "disabled") throw new ApiError("not_found", `No API route ${ep.path}.`);
          if (access === "refused") {
            const res = errorResponse(
              new ApiError("unauthenticated", "Send the metrics token: Authorization: Bearer <GAVEL_METRICS_TOKEN>."),
              requestId,
            );
            res.headers.set("www-authenticate", 'Bearer realm="gavel-metrics"');
            return res;
          }
        }
        const result = await handler(req);
        const res = result instanceof Response ? result : NextResponse.json(result);
        res.headers.set("cache-control", "no-store");
        return res;
      } catch (e) {
        const err = toApiError(e);
        if (err.code === "internal") {
          log("error", "unhandled_error", {
            requestId,
            error: e instanceof Error ? (e.stack ?? e.message) : String(e),
          });
        }
        return errorResponse(err, requestId);
      }
    });
  };
}
