/**
 * How the callouts routes read a submission: the shared schemas built with this
 * deployment's default country and caller IDs, and the submission's idempotency key
 * (header or body).
 */
import "server-only";
import { z } from "zod";
import { ApiError } from "../../api/errors";
import { config } from "../../config/env";
import type { CalloutSettings } from "../contract";
import { idempotencyKeySchema } from "../fields";
import { calloutSchemas, type CalloutSchemas } from "../forms";

export function calloutSettings(): CalloutSettings {
  const c = config();
  return { callerIds: [...c.callerIds], defaultCountry: c.GAVEL_DEFAULT_COUNTRY };
}

let schemas: CalloutSchemas | undefined;
/** The shared schemas with this deployment's default country and caller IDs. */
export function serverSchemas(): CalloutSchemas {
  schemas ??= calloutSchemas(calloutSettings());
  return schemas;
}

/**
 * Route body schemas, built on first use rather than at import: the route modules
 * are loaded while Next builds, when the configuration need not be complete.
 */
export const calloutBodySchema = z.lazy(() => serverSchemas().callout);
export const batchBodySchema = z.lazy(() => serverSchemas().batch);

/**
 * The submission's idempotency key: the Idempotency-Key header, or the body's
 * idempotencyKey; both may be sent if they agree.
 */
export function idempotencyKeyFrom(headers: Headers, bodyKey: string | undefined): string | undefined {
  const raw = headers.get("idempotency-key");
  if (raw === null) return bodyKey;
  const parsed = idempotencyKeySchema.safeParse(raw.trim());
  if (!parsed.success) {
    throw new ApiError("validation_failed", `Idempotency-Key: ${parsed.error.issues[0]?.message ?? "is invalid"}`);
  }
  if (bodyKey !== undefined && bodyKey !== parsed.data) {
    throw new ApiError(
      "validation_failed",
      "idempotencyKey: differs from the Idempotency-Key header; send one of them",
    );
  }
  return parsed.data;
}
