/**
 * Zod pieces shared by the list endpoints' query strings (the callouts list, the
 * directory). Zod: imported by lib/<feature>/schemas.ts for the server and the
 * contracts only, never by browser code (lib/ui/first-load.test.ts).
 */
import { z } from "zod";

/** Blank text (empty or spaces) is the same as absent. */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A page's `limit`: a whole number from 1 to `max`, `byDefault` when absent or blank. */
export function pageLimitSchema(max: number, byDefault: number) {
  return z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(max, `must be at most ${max}`)
      .default(byDefault),
  );
}
