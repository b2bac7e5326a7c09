/**
 * Fleet: attendance is written once per fact. Three people watch one room in their
 * browsers through the front door (round robin: each page's polls reach every
 * instance); people join, one leaves and comes back. The attendance table must hold
 * one row per join, however many instances saw each join.
 */
import type { Page } from "@playwright/test";
import { expect, test, until } from "./fixtures";
import type { Fleet } from "./harness";

async function rows(page: Page, count: number): Promise<void> {
  await expect(page.getByTestId("participant-row")).toHaveCount(count);
}

/** Polls of this room's participants each instance answered since `sinceMs`. */
function pollsPerInstance(fleet: Fleet, conferenceId: string, sinceMs: number): number[] {
  const path = `/api/conferences/${conferenceId}/participants`;
  const counts = [0, 0, 0];
  for (const e of fleet.frontLog()) {
    const i = fleet.instanceOf(e.upstream);
    if (e.t >= sinceMs && e.method === "GET" && e.uri === path && i >= 0) counts[i]!++;
  }
  return counts;
}

test("several viewers on different instances: one attendance row per join", async ({ fleet, pageAs }) => {
  const conferenceId = `fleet-attend-${Date.now().toString(36)}`;
  const control = fleet.emulatorControl;
  const start = Date.now();
  await control.putRoom(conferenceId, [{ cli: "+46708168731" }, { cli: "+14155550100" }]);

  const viewers = [
    await pageAs("moderator@fleet.test"),
    await pageAs("support@fleet.test"),
    await pageAs("admin@fleet.test"),
  ];
  for (const page of viewers) {
    await page.goto(`/conferences/${conferenceId}`);
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", /live|stale/);
    await rows(page, 2);
  }

  const third = await control.addParticipant(conferenceId, { cli: "+33612345678" });
  for (const page of viewers) await rows(page, 3);
  const first = (await control.room(conferenceId))!.participants.find((p) => p.cli === "+46708168731")!;
  await control.hangUp(conferenceId, first.callId);
  for (const page of viewers) await rows(page, 2);
  const back = await control.addParticipant(conferenceId, { cli: "+46708168731" });
  for (const page of viewers) await rows(page, 3);
  const joins = 4;

  const attendance = () =>
    fleet.db.kysely
      .selectFrom("attendance")
      .select(["call_id", "number", "left_at"])
      .where("conference_id", "=", conferenceId)
      .execute();
  await until("every join is recorded", async () => (await attendance()).length >= joins);
  // Every instance answers a few more polls of the room after that (any of them that
  // would record a join again has had its chance), then the table is read.
  const settled = Date.now();
  await until("each instance served two more polls of the room", () =>
    pollsPerInstance(fleet, conferenceId, settled).every((n) => n >= 2),
  );

  const recorded = await attendance();
  const callIds = recorded.map((r) => r.call_id);
  expect(recorded, JSON.stringify(recorded)).toHaveLength(joins);
  expect(new Set(callIds).size).toBe(joins);
  expect(callIds).toEqual(expect.arrayContaining([first.callId, back.callId, third.callId]));
  // The one who left has one closed stay; the others are still in.
  expect(recorded.filter((r) => r.left_at !== null).map((r) => r.call_id)).toEqual([first.callId]);
  // The pages' polls reached every instance.
  expect(pollsPerInstance(fleet, conferenceId, start).every((n) => n > 0)).toBe(true);
  await control.hangUpRoom(conferenceId);
});
