/**
 * The arithmetic of sign-in throttling, pure so it can be tested without a server:
 *
 * - AddressGate: the cheap, in-memory check run before any database read or password
 *   hash (lib/auth/server/sign-in-gate.ts). Per key (a client address, or a device
 *   cookie), failures in the window plus attempts still running may not reach the
 *   limit, and only a few attempts may run at once. A success gives its slot back.
 * - accountDelaySeconds: the account-wide rule for clients the account does not know
 *   (no device cookie): the first `free` failures in ACCOUNT_WINDOW_SECONDS cost
 *   nothing, then each further try waits 1, 2, 4, ... seconds after the latest failure,
 *   up to MAX_ACCOUNT_DELAY_SECONDS. A delay, never a lock: the owner's correct password
 *   is accepted on the first try after the wait, and on a trusted device at once.
 */

/** How far back account-wide failures count. */
export const ACCOUNT_WINDOW_SECONDS = 15 * 60;
/** The longest an untrusted client waits between tries on one account. */
export const MAX_ACCOUNT_DELAY_SECONDS = 5 * 60;

export type Throttle = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The wait before the next untrusted try on an account, given its failure times (ms) in the window. */
export function accountDelaySeconds(failures: readonly number[], free: number, now: number): Throttle {
  const recent = failures.filter((t) => t > now - ACCOUNT_WINDOW_SECONDS * 1000);
  if (recent.length < free) return { allowed: true };
  const delay = Math.min(2 ** (recent.length - free), MAX_ACCOUNT_DELAY_SECONDS);
  const until = Math.max(...recent) + delay * 1000;
  if (until <= now) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
}

export interface AddressGateOptions {
  maxFailures: number;
  windowMs: number;
  /** Attempts of one key running at once. */
  maxInFlight: number;
}

interface Slot {
  failures: number[];
  inFlight: number;
}

export type GateTicket =
  | { allowed: true; finish(outcome: "failed" | "done", at?: number): void }
  | Extract<Throttle, { allowed: false }>;

export class AddressGate {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly options: AddressGateOptions) {}

  /** Lets an attempt in, or says how long to wait. Call `finish` exactly once when it ends. */
  enter(key: string, now: number): GateTicket {
    const { maxFailures, windowMs, maxInFlight } = this.options;
    const slot = this.slots.get(key) ?? { failures: [], inFlight: 0 };
    slot.failures = slot.failures.filter((t) => t > now - windowMs);
    if (slot.inFlight >= maxInFlight) return { allowed: false, retryAfterSeconds: 1 };
    if (slot.failures.length + slot.inFlight >= maxFailures) {
      // Allowed again once enough failures have left the window; this one is the last to go.
      const oldest = slot.failures[slot.failures.length + slot.inFlight - maxFailures];
      const retry = oldest === undefined ? 1 : Math.ceil((oldest + windowMs - now) / 1000);
      return { allowed: false, retryAfterSeconds: Math.max(1, retry) };
    }
    slot.inFlight++;
    this.slots.set(key, slot);
    this.prune(now);
    let finished = false;
    return {
      allowed: true,
      finish: (outcome, at = Date.now()) => {
        if (finished) return;
        finished = true;
        slot.inFlight--;
        if (outcome === "failed") slot.failures.push(at);
        if (slot.inFlight === 0 && slot.failures.length === 0) this.slots.delete(key);
      },
    };
  }

  /** Forgets idle keys when the map grows large (a flood from many addresses). */
  private prune(now: number): void {
    if (this.slots.size < 50_000) return;
    for (const [key, slot] of this.slots) {
      if (slot.inFlight === 0 && slot.failures.every((t) => t <= now - this.options.windowMs)) this.slots.delete(key);
    }
  }
}
