/**
 * The monitoring endpoints: served outside the session (lib/api/server/open-route.ts),
 * for load balancers and Prometheus rather than people (README "Monitoring").
 * Client-safe: no server imports.
 */
import { file, json, openEndpoint } from "../api/endpoint";

/** GET /api/health: the process is up and answering. */
export interface HealthReply {
  status: "ok";
}

/** What each readiness check found: short words, nothing of the deployment's internals. */
export interface ReadinessChecks {
  database: "ok" | "unreachable" | "timeout";
  migrations: "ok" | "pending" | "failed" | "unknown";
  /** From Gavel's own recent requests to Sinch: "unknown" until one has been made. */
  sinch: "ok" | "error" | "unknown";
}

/** GET /api/ready: 200 with "ready", or 503 with "not_ready" and the reasons. */
export interface ReadyReply {
  status: "ready" | "not_ready";
  checks: ReadinessChecks;
  /** One short sentence per failed check. */
  reasons: string[];
}

export const monitoringApi = {
  health: openEndpoint({ method: "GET", path: "/api/health", access: "anyone", reply: json<HealthReply>() }),
  ready: openEndpoint({ method: "GET", path: "/api/ready", access: "anyone", reply: json<ReadyReply>() }),
  metrics: openEndpoint({
    method: "GET",
    path: "/api/metrics",
    access: "metrics-token",
    reply: file("text/plain; version=0.0.4"),
  }),
};
