/**
 * Fleet: how often the fleet asks Sinch for a conference that 60 viewers watch, spread
 * over the three instances by the round robin. Without Redis each instance keeps its
 * own poll cache: at most one GET per instance per window. With REDIS_URL the cache
 * and the fetches in flight are shared: one GET per window for the whole fleet.
 * Both figures are printed, for CI's log.
 *
 * The viewers keep a polling schedule (one poll per window each, staggered), as the
 * console does; the counts come from the emulator's request log (every GET it got)
 * and the Sinch taps' log (which instance sent it).
 */
import { timedAt, type Session } from "../http-session";
import { expect, test } from "./fixtures";
import { FRONT_URL, type Fleet } from "./harness";
import { POLL_WINDOW_MS, VIEWER_ACCOUNTS } from "./settings";

const VIEWERS = 60;
const WARM_WINDOWS = 3;
const MEASURED_WINDOWS = 12;

interface Measured {
  /** Upstream GETs of the conference in the measured windows, all instances together. */
  total: number;
  /** The same, per instance. */
  perInstance: number[];
  /** Viewers' polls in the measured windows, and those answered 200 (or 304). */
  polls: number;
  answered: number;
  /** Instances that answered viewers' polls. */
  servedBy: Set<number>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function watch(fleet: Fleet, sessions: Session[], conferenceId: string): Promise<Measured> {
  const path = `/api/conferences/${conferenceId}/participants`;
  const seqBefore = await fleet.emulatorControl.lastSeq();
  const warmFrom = Date.now() + 200;
  const from = warmFrom + WARM_WINDOWS * POLL_WINDOW_MS;
  const to = from + MEASURED_WINDOWS * POLL_WINDOW_MS;
  let polls = 0;
  let answered = 0;
  await Promise.all(
    Array.from({ length: VIEWERS }, async (_, i) => {
      const who = sessions[i % sessions.length]!;
      for (let next = warmFrom + (i * POLL_WINDOW_MS) / VIEWERS; next < to; next += POLL_WINDOW_MS) {
        await pause(next - Date.now());
        const res = await timedAt(FRONT_URL, who, "GET", path);
        if (next >= from) {
          polls++;
          if (res.status === 200 || res.status === 304) answered++;
        }
      }
    }),
  );
  const inWindow = (t: number) => t >= from && t < to;
  const total = (await fleet.emulatorControl.requests(seqBefore)).filter(
    (r) =>
      r.operation === "getConference" && r.decodedPath.endsWith(`/${conferenceId}`) && inWindow(Date.parse(r.time)),
  ).length;
  const perInstance = [0, 0, 0];
  for (const e of fleet.sinchLog()) {
    if (e.method === "GET" && e.uri.endsWith(`/conferences/id/${conferenceId}`) && inWindow(e.t)) {
      perInstance[e.instance]!++;
    }
  }
  const servedBy = new Set(
    fleet
      .frontLog()
      .filter((e) => e.uri === path && inWindow(e.t))
      .map((e) => fleet.instanceOf(e.upstream)),
  );
  return { total, perInstance, polls, answered, servedBy };
}

test("60 viewers over three instances: one Sinch GET per window with Redis, one per instance without", async ({
  fleet,
  signIn,
}) => {
  test.setTimeout(300_000);
  const conferenceId = `fleet-polls-${Date.now().toString(36)}`;
  await fleet.emulatorControl.putRoom(conferenceId, [
    { cli: "+46708168731" },
    { cli: "+14155550100" },
    { cli: "+33612345678" },
  ]);
  const sessionsFor = async () => {
    const sessions: Session[] = [];
    for (const account of VIEWER_ACCOUNTS) sessions.push(await signIn(account.email));
    return sessions;
  };

  if (fleet.redis) await fleet.restart({ redis: false });
  const without = await watch(fleet, await sessionsFor(), conferenceId);
  await fleet.restart({ redis: true });
  const withRedis = await watch(fleet, await sessionsFor(), conferenceId);

  const perWindow = (n: number) => (n / MEASURED_WINDOWS).toFixed(2);
  console.log(
    `upstream GETs per window (${VIEWERS} viewers, 3 instances, ${MEASURED_WINDOWS} windows of ${POLL_WINDOW_MS} ms): ` +
      `with Redis ${perWindow(withRedis.total)} (${withRedis.total} GETs), ` +
      `without Redis ${perWindow(without.total)} (${without.total} GETs; per instance ${without.perInstance.join("/")})`,
  );

  // Fetches start at least a window apart: N windows hold at most N + 1 starts, and one
  // more for a GET whose arrival at the emulator straddles the interval's edge.
  const atMost = MEASURED_WINDOWS + 2;
  for (const run of [without, withRedis]) {
    expect(run.answered, "every viewer's poll is answered").toBe(run.polls);
    expect(run.servedBy, "the viewers' polls reach every instance").toEqual(new Set([0, 1, 2]));
    // The viewers kept the conference watched: Sinch was asked in most windows.
    expect(run.total).toBeGreaterThanOrEqual(MEASURED_WINDOWS / 2);
  }
  for (const [i, n] of without.perInstance.entries()) {
    expect(n, `instance ${i} without Redis: at most one GET per window`).toBeLessThanOrEqual(atMost);
  }
  expect(withRedis.total, "with Redis: one GET per window for the fleet").toBeLessThanOrEqual(atMost);
  await fleet.emulatorControl.hangUpRoom(conferenceId);
});
