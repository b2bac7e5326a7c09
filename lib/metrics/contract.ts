/**
 * The monitoring endpoints: served outside the session (lib/api/server/open-route.ts),
 * for load balancers and Prometheus rather than people (README "Monitoring").
 * Client-safe: no server imports.
 */
import { z } from "zod";
import { file, jsonOf, openEndpoint } from "../api/endpoint";

/** GET /api/health: the process is up and answering. */
const healthReplySchema = z.object({ status: z.literal("ok") });
export type HealthReply = z.infer<typeof healthReplySchema>;

/** What each readiness check found: short words, nothing of the deployment's internals. */
const readinessChecksSchema = z.object({
  database: z.enum(["ok", "unreachable", "timeout"]),
  migrations: z.enum(["ok", "pending", "failed", "unknown"]),
  /** From Gavel's own recent requests to Sinch: "unknown" until one has been made. */
  sinch: z
    .enum(["ok", "error", "unknown"])
    .describe('From Gavel\'s own recent requests to Sinch: "unknown" until one has been made'),
});
export type ReadinessChecks = z.infer<typeof readinessChecksSchema>;

/** GET /api/ready: 200 with "ready", or 503 with "not_ready" and the reasons. */
const readyReplySchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: readinessChecksSchema,
  reasons: z.array(z.string()).describe("One short sentence per failed check"),
});
export type ReadyReply = z.infer<typeof readyReplySchema>;

export const monitoringApi = {
  health: openEndpoint({
    method: "GET",
    path: "/api/health",
    summary: "The process is up (liveness)",
    access: "anyone",
    reply: jsonOf(healthReplySchema),
  }),
  ready: openEndpoint({
    method: "GET",
    path: "/api/ready",
    summary: "This instance can serve: database, migrations, Sinch (readiness)",
    access: "anyone",
    reply: jsonOf(readyReplySchema),
    alsoAnswers: [503],
  }),
  metrics: openEndpoint({
    method: "GET",
    path: "/api/metrics",
    summary: "Prometheus metrics, text format",
    access: "metrics-token",
    reply: file("text/plain; version=0.0.4"),
  }),
};
