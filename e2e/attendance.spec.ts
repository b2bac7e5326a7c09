/**
 * Attendance end to end: a participant who joins, is muted and is kicked shows up
 * on the conference's timeline and in its attendance CSV with the right times and
 * the moderator who kicked them. Gavel records attendance from its own polling, so
 * the test polls the participants API the way an open conference page does.
 */
import { mkdirSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { parseCsv } from "../lib/audit/csv";
import type { TimelineEvent, TimelineResponse } from "../lib/attendance/schemas";
import type { ConferenceLive } from "../lib/conferences/schemas";
import { NUMBERS } from "./console-helpers";
import { expect, test } from "./fixtures";
import { BASE_URL, demoUser, emulator } from "./helpers";

const enc = encodeURIComponent;
const mutation = { origin: BASE_URL };

let moderator: APIRequestContext;
let support: APIRequestContext;

test.beforeAll(async ({ apiAs }) => {
  moderator = await apiAs("moderator");
  support = await apiAs("support");
});

/** One poll, as the console page makes every couple of seconds. */
async function poll(id: string): Promise<string[]> {
  // One retry: a keep-alive socket the server just closed can reset under load (ECONNRESET).
  const get = () => moderator.get(`/api/conferences/${enc(id)}/participants`);
  const res = await get().catch(get);
  expect(res.status()).toBe(200);
  return ((await res.json()) as ConferenceLive).participants.map((p) => p.callId);
}

async function timeline(ctx: APIRequestContext, id: string): Promise<TimelineEvent[]> {
  const res = await ctx.get(`/api/conferences/${enc(id)}/timeline`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as TimelineResponse).events;
}

/** "2026-11-27 16:00:05" (UTC) → epoch ms. */
const csvTime = (s: string) => Date.parse(`${s.replace(" ", "T")}Z`);

test("a participant who joins, is muted and is kicked is on the timeline and in the attendance CSV", async ({
  moderatorPage: page,
  room,
}) => {
  test.setTimeout(150_000);
  const conf = await room("attendance", [{ cli: NUMBERS[0], durationSeconds: 300 }]);
  const stayer = conf.participants[0]!;
  const firstPoll = Date.now();
  expect(await poll(conf.id)).toEqual([stayer.callId]);

  const joinedAt = Date.now();
  const guest = await emulator.addParticipant(conf.id, { cli: NUMBERS[1], durationSeconds: 0 });
  await expect.poll(() => poll(conf.id)).toContain(guest.callId);

  const mute = await moderator.patch(`/api/conferences/${enc(conf.id)}/participants/${enc(guest.callId)}`, {
    data: { command: "mute" },
    headers: mutation,
  });
  expect(mute.status()).toBe(200);
  // The kick comes after the mute is on the record, so the timeline's order is theirs.
  await expect
    .poll(async () =>
      (await timeline(support, conf.id)).some((e) => e.callId === guest.callId && e.action === "participant.mute"),
    )
    .toBe(true);
  const kickedAt = Date.now();
  const kick = await moderator.delete(`/api/conferences/${enc(conf.id)}/participants/${enc(guest.callId)}`, {
    data: { reason: "Background noise, again" },
    headers: mutation,
  });
  expect(kick.status()).toBe(200);
  await expect.poll(() => poll(conf.id)).not.toContain(guest.callId);
  const gone = Date.now();

  const moderatorEmail = demoUser("moderator").email;
  // Support may look at the timeline (conference:view), newest first.
  const events = await timeline(support, conf.id);
  const mine = events.filter((e) => e.callId === guest.callId);
  expect(mine.map((e) => `${e.kind}:${e.action ?? ""}`)).toEqual([
    "leave:",
    "action:participant.kick",
    "action:participant.mute",
    "join:",
  ]);
  const [leave, kickEvent, muteEvent, join] = mine as [TimelineEvent, TimelineEvent, TimelineEvent, TimelineEvent];
  expect(join).toMatchObject({ number: NUMBERS[1] });
  expect(Date.parse(join.at)).toBeGreaterThanOrEqual(joinedAt - 1000);
  expect(Date.parse(join.at)).toBeLessThanOrEqual(Date.parse(muteEvent.at));
  expect(muteEvent).toMatchObject({ actor: moderatorEmail, outcome: "succeeded", number: NUMBERS[1] });
  expect(kickEvent).toMatchObject({ actor: moderatorEmail, outcome: "succeeded", reason: "Background noise, again" });
  expect(leave).toMatchObject({ actor: moderatorEmail, reason: "Background noise, again", number: NUMBERS[1] });
  expect(Date.parse(leave.at)).toBeGreaterThanOrEqual(kickedAt);
  expect(Date.parse(leave.at)).toBeLessThanOrEqual(gone);
  // The participant who was there before Gavel looked has their real join time (now - duration).
  const stayerJoin = events.find((e) => e.callId === stayer.callId && e.kind === "join");
  expect(Date.parse(stayerJoin!.at)).toBeLessThanOrEqual(firstPoll - 299_000);

  // The attendance CSV: moderators may download it, support may not.
  expect((await support.get(`/api/conferences/${enc(conf.id)}/attendance.csv`)).status()).toBe(403);
  const res = await moderator.get(`/api/conferences/${enc(conf.id)}/attendance.csv`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="attendance-.+\.csv"$/);
  const rows = parseCsv((await res.body()).toString("utf8"));
  const header = rows[0]!;
  const col = (r: string[], name: string) => r[header.indexOf(name)]!;
  expect(rows).toHaveLength(3);
  const guestRow = rows.find((r) => col(r, "Call id") === guest.callId)!;
  expect(col(guestRow, "Number")).toBe(`'${NUMBERS[1]}`);
  expect(col(guestRow, "Status")).toBe("Removed");
  expect(col(guestRow, "Removed by")).toBe(moderatorEmail);
  expect(col(guestRow, "Removal reason")).toBe("Background noise, again");
  // A kick is an exact leave, not a range (the range columns came with issue 10).
  expect(col(guestRow, "Leave time from")).toBe("Kick");
  expect(col(guestRow, "Left after (UTC)")).toBe("");
  const joined = csvTime(col(guestRow, "Joined (UTC)"));
  const left = csvTime(col(guestRow, "Left (UTC)"));
  expect(joined).toBeGreaterThanOrEqual(joinedAt - 2000);
  expect(left).toBeGreaterThanOrEqual(kickedAt - 1000);
  expect(left).toBeLessThanOrEqual(gone);
  // The CSV's times are whole seconds; time spent is computed from the exact ones.
  expect(Math.abs(Number(col(guestRow, "Time spent (seconds)")) - (left - joined) / 1000)).toBeLessThanOrEqual(1);
  const stayerRow = rows.find((r) => col(r, "Call id") === stayer.callId)!;
  expect(col(stayerRow, "Status")).toBe("Connected at last poll");
  expect(col(stayerRow, "Left (UTC)")).toBe("");
  expect(Number(col(stayerRow, "Time spent (seconds)"))).toBeGreaterThanOrEqual(299);

  // The conference page shows the same timeline, with the sentence about when attendance is recorded.
  await page.goto(`/conferences/${enc(conf.id)}`);
  const panel = page.getByTestId("conference-timeline");
  await expect(panel).toContainText(
    "Attendance is only recorded while Gavel is polling this conference (someone has it open)",
  );
  await expect(panel.getByTestId("timeline-event").filter({ hasText: `was removed by ${moderatorEmail}` })).toHaveCount(
    1,
  );
  await expect(panel.getByTestId("timeline-event").filter({ hasText: `${moderatorEmail} muted` })).toHaveCount(1);
  await expect(panel.getByRole("link", { name: "Attendance CSV" })).toHaveAttribute(
    "href",
    `/api/conferences/${enc(conf.id)}/attendance.csv`,
  );

  mkdirSync("test-results/screenshots", { recursive: true });
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: "test-results/screenshots/timeline-desktop-light.png" });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 375, height: 800 });
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: "test-results/screenshots/timeline-mobile-dark.png" });
});
