/**
 * Fleet: killing an instance mid-meeting loses nothing. A room's policy (mute on
 * entry) is watched by whichever instance holds its lease; that instance is SIGKILLed
 * (no clean shutdown: its lease is left held) while a moderator's browser watches the
 * room through the front door. Someone joins right after. Another instance must take
 * the room over once the dead one's lease runs out, and mute the newcomer; nginx
 * marks the dead instance down and the page keeps showing the live room through the
 * other two; the join is recorded once.
 */
import { timedAt } from "../http-session";
import { expect, test, until } from "./fixtures";
import { FRONT_URL, type Fleet } from "./harness";

/**
 * lib/fleet/server/leases.ts LEASE_TTL_MS (20 s) and takeover.ts's sweep every half of
 * it: a dead holder's room is taken over within their sum. The wait allows a little
 * more for a busy machine; it is a bound on the wait, not a timing assertion.
 */
const TAKEOVER_WITHIN_MS = 20_000 + 10_000 + 15_000;

async function policyLease(fleet: Fleet, conferenceId: string) {
  return fleet.db.kysely
    .selectFrom("fleet_leases")
    .selectAll()
    .where("job", "=", `policy:${conferenceId}`)
    .executeTakeFirst();
}

/** The instance (0, 1, 2) whose process a lease holder id names ("<host>-<pid>-<random>"), or -1. */
function holderInstance(fleet: Fleet, holder: string): number {
  const pid = Number(holder.split("-").at(-2));
  return fleet.instances.findIndex((c) => c?.proc.pid === pid);
}

async function muted(fleet: Fleet, conferenceId: string, callId: string): Promise<boolean> {
  const room = await fleet.emulatorControl.room(conferenceId);
  return room?.participants.find((p) => p.callId === callId)?.muted === true;
}

test("an instance killed mid-meeting: its room is taken over, viewers carry on, nothing is lost", async ({
  fleet,
  signIn,
  pageAs,
}) => {
  test.setTimeout(240_000);
  const conferenceId = `fleet-kill-${Date.now().toString(36)}`;
  const control = fleet.emulatorControl;
  await control.putRoom(conferenceId, [{ cli: "+46708168731" }, { cli: "+14155550100" }]);

  const admin = await signIn("admin@fleet.test");
  const policies = `/api/conferences/${conferenceId}/policies`;
  const set = await timedAt(FRONT_URL, admin, "PATCH", policies, { muteOnEntry: true });
  expect(set.status, set.body?.slice(0, 200)).toBe(200);
  await until(
    "an instance holds the room's watcher",
    async () => (await policyLease(fleet, conferenceId)) !== undefined,
  );

  const page = await pageAs("moderator@fleet.test");
  await page.goto(`/conferences/${conferenceId}`);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", /live|stale/);
  await expect(page.getByTestId("participant-row")).toHaveCount(2);

  // The watcher works before anything goes wrong.
  const before = await control.addParticipant(conferenceId, { cli: "+33612345678" });
  await until("the policy mutes a joiner", () => muted(fleet, conferenceId, before.callId));
  await expect(page.getByTestId("participant-row")).toHaveCount(3);

  const lease = (await policyLease(fleet, conferenceId))!;
  const victim = holderInstance(fleet, lease.holder);
  expect(victim, `lease holder ${lease.holder} is one of the instances`).toBeGreaterThanOrEqual(0);
  const killedAt = Date.now();
  await fleet.kill(victim);
  const after = await control.addParticipant(conferenceId, { cli: "+4915112345678" });

  // Taken over by a living instance within the lease time, and the newcomer muted.
  await until(
    "another instance takes the room over",
    async () => {
      const now = await policyLease(fleet, conferenceId);
      return now !== undefined && now.holder !== lease.holder && holderInstance(fleet, now.holder) >= 0;
    },
    TAKEOVER_WITHIN_MS,
  );
  await until("the new holder mutes the one who joined after the kill", () => muted(fleet, conferenceId, after.callId));

  // The page carried on through the other instances: it shows the newcomer, live.
  await expect(page.getByTestId("participant-row")).toHaveCount(4);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  const polls = fleet
    .frontLog()
    .filter((e) => e.t > killedAt && e.uri === `/api/conferences/${conferenceId}/participants`);
  expect(polls.length).toBeGreaterThan(0);
  expect(
    polls.filter((e) => e.status >= 500),
    "no poll failed after the kill",
  ).toEqual([]);
  const answeredBy = new Set(
    polls.filter((e) => e.start > killedAt).map((e) => fleet.instanceOf(e.upstream.split(",").at(-1)!)),
  );
  expect(answeredBy.has(victim), "nginx sends nothing to the dead instance").toBe(false);

  // Every room watcher's lease is held by a living instance; every join recorded once.
  const policyLeases = await fleet.db.kysely
    .selectFrom("fleet_leases")
    .selectAll()
    .where("job", "like", "policy:%")
    .execute();
  for (const l of policyLeases)
    expect(holderInstance(fleet, l.holder), `${l.job} held by ${l.holder}`).toBeGreaterThanOrEqual(0);
  await until(
    "the join after the kill is recorded",
    async () =>
      (await fleet.db.kysely.selectFrom("attendance").select("call_id").where("call_id", "=", after.callId).execute())
        .length === 1,
  );
  const attendance = await fleet.db.kysely
    .selectFrom("attendance")
    .select("call_id")
    .where("conference_id", "=", conferenceId)
    .execute();
  expect(attendance).toHaveLength(4);
  expect(new Set(attendance.map((a) => a.call_id)).size).toBe(attendance.length);
  await control.hangUpRoom(conferenceId);
});
