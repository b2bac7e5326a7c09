/**
 * The metrics token check: `Authorization: Bearer <GAVEL_METRICS_TOKEN>`, compared in
 * constant time (both sides hashed first, so neither the token's length nor its
 * first differing byte shows in the time taken).
 */
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { config } from "../../config/env";

export type MetricsAccess = "granted" | "refused" | "disabled";

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** Whether a request's Authorization header carries the metrics token; "disabled" when none is configured. */
export function metricsAccess(authorization: string | null): MetricsAccess {
  const token = config().GAVEL_METRICS_TOKEN;
  if (token === undefined) return "disabled";
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "");
  const given = m?.[1] ?? "";
  // Compared even when nothing was given: every refusal takes the same path.
  return timingSafeEqual(digest(given), digest(token)) && given !== "" ? "granted" : "refused";
}
