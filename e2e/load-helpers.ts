/**
 * The load test's tools (e2e/load.spec.ts): e2e/http-session.ts bound to the e2e
 * server (signing in over plain HTTP, timing requests), percentiles, and the resident
 * memory of the server under test, read from /proc for the process on the e2e port.
 */
import { BASE_URL } from "./helpers";
import { signInAt, timedAt, type Sample, type Session } from "./http-session";

export { percentile, pidListeningOn, rssMiB, type Sample, type Session } from "./http-session";

/** Signs in to the e2e server through next-auth's credentials endpoint, as the sign-in form does. */
export function signInHttp(email: string, password: string): Promise<Session> {
  return signInAt(BASE_URL, email, password);
}

/** Sends one request to the e2e server as `who`; a network failure counts as status 0. */
export async function timed(who: Session, method: string, path: string, body?: unknown): Promise<Sample> {
  const { status, ms, requestId } = await timedAt(BASE_URL, who, method, path, body);
  return { status, ms, requestId };
}
