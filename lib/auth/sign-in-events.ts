import "server-only";
import { log } from "../log/logger";

export interface SignInEvent {
  email: string;
  outcome: "succeeded" | "failed";
  reason?: "bad_credentials" | "rate_limited" | "disabled" | "not_provisioned";
  userId?: string;
  role?: string;
  clientAddress: string;
}

/** Every sign-in, successful or not, leaves a trace. */
export async function recordSignIn(event: SignInEvent): Promise<void> {
  log(event.outcome === "succeeded" ? "info" : "warn", "sign_in", { ...event });
}
