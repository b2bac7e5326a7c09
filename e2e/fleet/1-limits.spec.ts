/**
 * Fleet: rate limits are the fleet's, not each instance's. The same requests are made
 * once against one instance directly and once through nginx's round robin over three;
 * the limit must bite at the same count. Per-instance limits would let about three
 * times as many through the fleet.
 */
import { timedAt, signInAt } from "../http-session";
import { Jar, signInFrom, targetPort } from "../sign-in-client";
import { expect, test } from "./fixtures";
import { FRONT_URL, PORTS, type Fleet } from "./harness";
import { COMMANDS_PER_MINUTE, FLEET_PASSWORD, LOGIN_MAX_FAILURES } from "./settings";

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

test("an API rate limit bites at the same count through the fleet as on one instance", async ({ fleet }) => {
  const room = `fleet-limit-${Date.now().toString(36)}`;
  const { participants } = await fleet.emulatorControl.putRoom(room, [{ cli: "+46708168731" }]);
  const path = `/api/conferences/${room}/participants/${encodeURIComponent(participants[0]!.callId)}`;

  const commandsBeforeLimit = async (base: string, email: string): Promise<number> => {
    const who = await signInAt(base, email, FLEET_PASSWORD);
    // The command's permission and room are checked after the limit: a first read
    // makes Gavel know the room, so every allowed mute is a real one.
    expect((await timedAt(base, who, "GET", `/api/conferences/${room}/participants`)).status).toBe(200);
    for (let allowed = 0; allowed < 20; allowed++) {
      const res = await timedAt(base, who, "PATCH", path, { command: "mute" });
      if (res.status === 429) return allowed;
      expect(res.status, res.body?.slice(0, 200)).toBeLessThan(300);
    }
    return Infinity;
  };

  const start = Date.now();
  const alone = await commandsBeforeLimit(`http://localhost:${PORTS.instances[0]}`, "limit-one@fleet.test");
  const together = await commandsBeforeLimit(FRONT_URL, "limit-fleet@fleet.test");
  console.log(
    `commands before the 429 (${COMMANDS_PER_MINUTE}/min): one instance ${alone}, the fleet of three ${together}`,
  );
  expect(alone).toBeGreaterThanOrEqual(1);
  // The bucket refills one request every 60/COMMANDS_PER_MINUTE s: one more may slip
  // through on a slow machine, never the two more that three separate buckets would give.
  expect(together).toBeLessThanOrEqual(alone + 1);
  expect(answeredBy(fleet, "PATCH", path, start).size).toBeGreaterThan(1);
  await fleet.emulatorControl.hangUpRoom(room);
});
