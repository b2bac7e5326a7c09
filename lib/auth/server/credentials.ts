/**
 * Email-and-password sign-in, as next-auth's credentials `authorize` runs it, with the
 * limits that resist both guessing and lock-out (OWASP's Authentication cheat sheet,
 * and its device-cookie scheme). Counted in the database (lib/db/login-attempts.ts):
 *
 *   pair:<address>|<email>  GAVEL_LOGIN_MAX_FAILURES per window: one address guessing one account
 *   ip:<address>            GAVEL_LOGIN_MAX_FAILURES_PER_ADDRESS per window: one address, any accounts
 *   account:<email>         clients the account does not know, from all addresses together:
 *                           GAVEL_LOGIN_ACCOUNT_FAILURES free, then growing delays (sign-in-throttle.ts)
 *   device:<id>             a browser the account knows (device cookie): GAVEL_LOGIN_MAX_FAILURES
 *                           per window, and none of the three above
 *
 * So an attacker can slow down strangers' guesses at an account but never refuse its
 * owner on a browser the owner signed in with before. Input with NUL or control
 * characters is refused like a wrong password before it reaches the database, and
 * anything unexpected is answered in Gavel's words, never with the error's text.
 */
import "server-only";
import type { User } from "next-auth";
import { config } from "../../config/env";
import { db } from "../../db";
import { checkLoginAllowed, clearLoginFailures, loginFailureTimes, recordLoginFailure } from "../../db/login-attempts";
import { touchLogin, verifyPassword } from "../../db/users";
import { currentRequest } from "../../log/request-context";
import { log } from "../../log/logger";
import { ACCOUNT_WINDOW_SECONDS, accountDelaySeconds, type Throttle } from "../sign-in-throttle";
import { PasswordChecksBusy, comparePassword } from "./password-checks";
import { recordSignIn } from "./sign-in-events";
import { currentSignInAttempt, throttledSentence, type SignInAttempt } from "./sign-in-gate";

export const BAD_CREDENTIALS = "That email and password do not match an active account.";
const BUSY = "Gavel is busy with other sign-ins. Try again in a few seconds.";
const UNEXPECTED = "Sign-in failed. Try again.";

/** A refusal whose message the person may read (next-auth shows it on the sign-in page). */
class Refusal extends Error {}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** For the audit trail: what was typed, with control characters made visible and bounded. */
function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD").slice(0, 320);
}

function firstBlock(checks: Throttle[]): Throttle {
  const waits = checks.flatMap((c) => (c.allowed ? [] : [c.retryAfterSeconds]));
  return waits.length === 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(...waits) };
}

async function authorize(email: string, password: string, attempt: SignInAttempt): Promise<User> {
  const cfg = config();
  const address = attempt.address;
  const window = { maxFailures: cfg.GAVEL_LOGIN_MAX_FAILURES, windowSeconds: cfg.GAVEL_LOGIN_WINDOW_SECONDS };
  const device = attempt.device?.email === email ? attempt.device : null;
  const keys = device ? [`device:${device.id}`] : [`pair:${address}|${email}`, `ip:${address}`, `account:${email}`];
  const database = await db();
  const now = Date.now();
  const throttle = device
    ? await checkLoginAllowed(database, keys, now, window)
    : firstBlock([
        await checkLoginAllowed(database, [keys[0]!], now, window),
        await checkLoginAllowed(database, [keys[1]!], now, {
          ...window,
          maxFailures: cfg.GAVEL_LOGIN_MAX_FAILURES_PER_ADDRESS,
        }),
        accountDelaySeconds(
          await loginFailureTimes(database, keys[2]!, now - ACCOUNT_WINDOW_SECONDS * 1000),
          cfg.GAVEL_LOGIN_ACCOUNT_FAILURES,
          now,
        ),
      ]);
  if (!throttle.allowed) {
    const message = throttledSentence(throttle.retryAfterSeconds);
    attempt.result = { kind: "throttled", retryAfterSeconds: throttle.retryAfterSeconds, message };
    await recordSignIn({ email, outcome: "failed", reason: "rate_limited", clientAddress: address });
    throw new Refusal(message);
  }
  let check;
  try {
    // verifyPassword takes one bcrypt check whether or not the email exists.
    check = await verifyPassword(database, email, password, comparePassword);
  } catch (e) {
    if (!(e instanceof PasswordChecksBusy)) throw e;
    attempt.result = { kind: "throttled", retryAfterSeconds: 2, message: BUSY, busy: true };
    log("warn", "sign_in_busy", { clientAddress: address });
    throw new Refusal(BUSY);
  }
  if (!check.ok) {
    await recordLoginFailure(database, keys, now, window);
    attempt.result = { kind: "failed" };
    await recordSignIn({
      email,
      outcome: "failed",
      reason: check.reason === "disabled" ? "disabled" : "bad_credentials",
      clientAddress: address,
    });
    // One message for a wrong email, a wrong password and a disabled account.
    throw new Refusal(BAD_CREDENTIALS);
  }
  const user = check.user;
  // The account-wide count stays: one success must not hand a distributed guesser a fresh budget.
  await clearLoginFailures(database, device ? keys : [keys[0]!]);
  await touchLogin(database, user.id);
  await recordSignIn({ email, outcome: "succeeded", userId: user.id, role: user.role, clientAddress: address });
  attempt.result = { kind: "succeeded", email };
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** next-auth's credentials `authorize`: the user, or an Error whose message the sign-in page shows. */
export async function authorizeCredentials(credentials: Record<string, unknown> | undefined): Promise<User> {
  const attempt: SignInAttempt = currentSignInAttempt() ?? {
    address: currentRequest()?.clientAddress ?? "unknown",
    device: null,
  };
  const rawEmail = typeof credentials?.email === "string" ? credentials.email : "";
  const password = typeof credentials?.password === "string" ? credentials.password : "";
  try {
    if (CONTROL.test(rawEmail) || CONTROL.test(password) || rawEmail.length > 320 || password.length > 1024) {
      attempt.result = { kind: "failed" };
      await recordSignIn({
        email: printable(rawEmail),
        outcome: "failed",
        reason: "bad_credentials",
        clientAddress: attempt.address,
      });
      throw new Refusal(BAD_CREDENTIALS);
    }
    return await authorize(rawEmail.trim().toLowerCase(), password, attempt);
  } catch (e) {
    if (e instanceof Refusal) throw new Error(e.message);
    log("error", "sign_in_error", { error: String(e), clientAddress: attempt.address });
    attempt.result ??= { kind: "failed" };
    throw new Error(UNEXPECTED);
  }
}
