/**
 * The process's Sinch client, built from Gavel's configuration. It lives here, above
 * both, so that lib/sinch (the wire, shared with the emulator, which has its own
 * settings) never reads Gavel's configuration and lib/config never reaches into a
 * feature: this is the one place that hands the Sinch credentials to the client.
 */
import "server-only";
import type { GavelConfig } from "../../config/env";
import { config } from "../../config/env";
import { log } from "../../log/logger";
import { currentRequest } from "../../log/request-context";
import { countUpstream } from "../../metrics/server/registry";
import { noteSinchAttempt } from "../../metrics/server/sinch-health";
import { SinchClient, type SinchClientOptions } from "../../sinch/server/client";

/** The client options this deployment's configuration describes. */
export function sinchClientOptionsFromConfig(cfg: GavelConfig): SinchClientOptions {
  const key = cfg.SINCH_APPLICATION_KEY;
  const secret = cfg.SINCH_APPLICATION_SECRET;
  if (key === undefined || secret === undefined) {
    throw new Error("Gavel has no Sinch credentials: set SINCH_APPLICATION_KEY and SINCH_APPLICATION_SECRET");
  }
  return {
    applicationKey: key,
    applicationSecret: secret,
    auth: cfg.SINCH_AUTH,
    region: cfg.SINCH_REGION,
    baseUrl: cfg.SINCH_BASE_URL,
    timeoutMs: cfg.SINCH_TIMEOUT_MS,
    // Sinch's full answer text, for the operator: people see a bounded, sanitised part (lib/sinch/errors.ts).
    onErrorAnswer: (error) => {
      log("warn", "sinch_error_answer", { requestId: currentRequest()?.requestId, ...error.toJSON() });
    },
    // Every attempt, whoever made it: the metrics, and what the readiness check knows of Sinch.
    onAttempt: ({ operation, status, latencyMs }) => {
      countUpstream(operation, status, latencyMs);
      noteSinchAttempt(status);
    },
  };
}

// Module state, not a process singleton: the client holds no state worth sharing, and
// a test file that points config() at its own emulator gets its own client.
let shared: SinchClient | undefined;

/** The process-wide client, built from config() on first use. */
export function sinchClient(): SinchClient {
  shared ??= new SinchClient(sinchClientOptionsFromConfig(config()));
  return shared;
}
