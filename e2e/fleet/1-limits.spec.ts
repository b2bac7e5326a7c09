/**
 * Fleet: rate limits are the fleet's, not each instance's.
 * - Sign-in: the same wrong passwords once against one instance directly and once
 *   through nginx's round robin over three: the throttle must bite at the same count.
 * - The API: one user's commands through the round robin, steadily for RUN_MS, faster
 *   than the limit. The fleet as a whole may let through the configured rate per
 *   minute; each instance limiting on its own would let about three times its share
 *   through (each instance's own bucket still bounds a burst, by design).
 */
import { timedAt } from "../http-session";
import { Jar, signInFrom, targetPort } from "../sign-in-client";
import { expect, test } from "./fixtures";
import { FRONT_URL, PORTS, type Fleet } from "./harness";
import { COMMANDS_PER_MINUTE, FLEET_PASSWORD, LOGIN_MAX_FAILURES } from "./settings";

/** How long the API limit test sends commands, and how many. */
const RUN_MS = 20_000;
const COMMANDS_SENT = 40;

/** Instances (0, 1, 2) that answered front-door requests to `path` (method too) since `sinceMs`. */
function answeredBy(fleet: Fleet, method: string, path: string, sinceMs: number): Set<number> {
  return new Set(
    fleet
      .frontLog()
      .filter((e) => e.t >= sinceMs && e.method === method && e.uri.startsWith(path))
      .map((e) => fleet.instanceOf(e.upstream)),
  );
}

/** Wrong-password attempts from `from` until the first 429: how many were let through to fail. */
async function failuresBeforeThrottle(port: number, from: string, email: string): Promise<number> {
  targetPort(port);
  for (let failures = 0; failures < LOGIN_MAX_FAILURES * 3; failures++) {
    const res = await signInFrom(from, new Jar(), email, "not-the-password");
    if (res.status === 429) return failures;
    expect(res.status, `attempt ${failures + 1}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
  }
  return Infinity;
}

test("the sign-in throttle counts failures across the fleet, per client address behind the proxy", async ({
  fleet,
}) => {
  const start = Date.now();
  const alone = await failuresBeforeThrottle(PORTS.instances[0]!, "127.0.0.21", "guess-one@fleet.test");
  const together = await failuresBeforeThrottle(PORTS.front, "127.0.0.22", "guess-fleet@fleet.test");
  console.log(`sign-in failures before the throttle: one instance ${alone}, the fleet of three ${together}`);
  expect(alone).toBe(LOGIN_MAX_FAILURES);
  expect(together).toBe(alone);
  expect(answeredBy(fleet, "POST", "/api/auth/callback/credentials", start).size).toBeGreaterThan(1);

  // nginx's X-Forwarded-For reaches Gavel, which trusts 127.0.0.1: another client
  // address is another client, so the pair limit above does not refuse it.
  targetPort(PORTS.front);
  const other = await signInFrom("127.0.0.23", new Jar(), "guess-fleet@fleet.test", "not-the-password");
  expect(other.status).not.toBe(429);
  expect(other.status).toBeLessThan(500);
  // And the right password from there signs in, through any instance.
  const ok = await signInFrom("127.0.0.23", new Jar(), "guess-fleet@fleet.test", FLEET_PASSWORD);
  expect(ok.status).toBeLessThan(400);
});

test("an API rate limit holds for the fleet as a whole: the configured rate per user, whichever instance", async ({
  fleet,
  signIn,
}) => {
  const room = `fleet-limit-${Date.now().toString(36)}`;
  const { participants } = await fleet.emulatorControl.putRoom(room, [{ cli: "+46708168731" }]);
  const path = `/api/conferences/${room}/participants/${encodeURIComponent(participants[0]!.callId)}`;
  const who = await signIn("limit-fleet@fleet.test");
  // A first read makes Gavel know the room, so every allowed mute is a real one.
  expect((await timedAt(FRONT_URL, who, "GET", `/api/conferences/${room}/participants`)).status).toBe(200);

  // The shared counter counts per minute of the clock: the run stays inside one minute
  // (it starts at the next one if too little of this one is left), so the limit is
  // exactly COMMANDS_PER_MINUTE, with nothing carried over from a previous minute.
  const left = 60_000 - (Date.now() % 60_000);
  if (left < RUN_MS + 5_000) await new Promise((r) => setTimeout(r, left + 500));

  const start = Date.now();
  let allowed = 0;
  let refused = 0;
  for (let next = start; next < start + RUN_MS; next += RUN_MS / COMMANDS_SENT) {
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    const res = await timedAt(FRONT_URL, who, "PATCH", path, { command: "mute" });
    if (res.status === 429) refused++;
    else {
      expect(res.status, res.body?.slice(0, 200)).toBeLessThan(300);
      allowed++;
    }
  }
  const perInstanceOnly = 3 * (Math.ceil(COMMANDS_PER_MINUTE / 6) + (COMMANDS_PER_MINUTE * RUN_MS) / 60_000);
  console.log(
    `commands allowed through the fleet in ${RUN_MS / 1000} s at ${COMMANDS_PER_MINUTE}/min: ${allowed} ` +
      `(refused ${refused}; three separate limits would allow about ${perInstanceOnly})`,
  );
  expect(allowed).toBeGreaterThanOrEqual(1);
  expect(allowed).toBeLessThanOrEqual(COMMANDS_PER_MINUTE);
  expect(answeredBy(fleet, "PATCH", path, start).size).toBe(3);
  await fleet.emulatorControl.hangUpRoom(room);
});
