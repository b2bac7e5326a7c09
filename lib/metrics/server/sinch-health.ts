/**
 * What Gavel knows of Sinch's health from its own recent requests (every attempt the
 * process's client makes, lib/platform/server/sinch.ts): the readiness check reads
 * it instead of calling Sinch on every probe. An attempt is a failure when no answer
 * came (timeout, network), Sinch answered 5xx, or it refused the credentials (401,
 * 403); any other answer (a 404 for a call that ended, a 429) shows Sinch reachable.
 */
import "server-only";
import type { UpstreamStatus } from "./registry";
import { processSingleton } from "../../util/server/process-singleton";

export interface SinchHealth {
  /** Epoch ms of the last attempt. */
  at: number;
  ok: boolean;
  /** For a failure: "timeout", "network", "server_error" or "refused" (credentials). */
  failure?: "timeout" | "network" | "server_error" | "refused";
}

const state = processSingleton("sinchHealth", (): { last?: SinchHealth } => ({}));

function failureOf(status: UpstreamStatus): SinchHealth["failure"] {
  if (status === "timeout" || status === "network") return status;
  if (status >= 500) return "server_error";
  if (status === 401 || status === 403) return "refused";
  return undefined;
}

/** Records one attempt's result (the client's onAttempt). */
export function noteSinchAttempt(status: UpstreamStatus, at = Date.now()): void {
  const failure = failureOf(status);
  state.last = failure ? { at, ok: false, failure } : { at, ok: true };
}

/** The last attempt's result, or undefined when none was made since the process started. */
export function lastSinchHealth(): SinchHealth | undefined {
  return state.last;
}

/** For tests: forget what is known. */
export function forgetSinchHealth(): void {
  state.last = undefined;
}
