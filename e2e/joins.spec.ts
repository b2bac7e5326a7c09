/**
 * Join and leave awareness on the conference page (issue 13, item 4): a participant
 * added through the emulator's control API is highlighted and announced (nobody is on
 * the first load); one who hangs up and one kicked through the page appear in "Left
 * recently" with the right reason; "Dial again" places a callout (checked in the
 * emulator) for support and is absent for a moderator; leaves from before the page
 * opened are there too (from Gavel's records); the tab title counts a join while the
 * tab is hidden. Then screenshots of the page with a highlighted join and "Left
 * recently", in both themes at desktop and phone widths.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import type { ConferenceLive } from "../lib/conferences/schemas";
import type { PlaceCalloutResponse } from "../lib/callouts/contract";
import { NUMBERS, fmt, openConsole } from "./console-helpers";
import { expect, test } from "./fixtures";
import { BASE_URL, demoUser, emulator } from "./helpers";
import { lookAs, noSidewaysOverflow, THEMES, VIEWPORTS } from "./screenshot-helpers";

const enc = encodeURIComponent;
const CALLEE = "+12025550143";

const rowOf = (page: Page, callId: string) => page.locator(`[data-testid="participant-row"][data-call-id="${callId}"]`);
const leaveOf = (page: Page, callId: string) =>
  page.locator(`[data-testid="left-recently-item"][data-call-id="${callId}"]`);

/** Places a conference callout as support and waits until the callee is in the room. */
async function dialIn(support: APIRequestContext, conferenceId: string, label: string): Promise<string> {
  const res = await support.post("/api/callouts", {
    data: { type: "conference", conferenceId, destination: { type: "number", endpoint: CALLEE }, label },
    headers: { origin: BASE_URL, "idempotency-key": `joins-${conferenceId}` },
  });
  expect(res.status()).toBe(200);
  const callId = ((await res.json()) as PlaceCalloutResponse).callout.callId!;
  await expect
    .poll(async () => (await emulator.room(conferenceId))?.participants.some((p) => p.callId === callId), {
      message: "the callee joins the room",
    })
    .toBe(true);
  return callId;
}

/** Polls the participants API until the list has exactly these callIds (Gavel records attendance from polls). */
async function pollUntil(ctx: APIRequestContext, id: string, callIds: string[]): Promise<void> {
  await expect
    .poll(async () => {
      const res = await ctx.get(`/api/conferences/${enc(id)}/participants`);
      return ((await res.json()) as ConferenceLive).participants.map((p) => p.callId).sort();
    })
    .toEqual([...callIds].sort());
}

async function setVisibility(page: Page, state: "hidden" | "visible"): Promise<void> {
  await page.evaluate((s) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => s });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => s === "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  }, state);
}

test("a join is highlighted and announced; a hang-up and a kick are in Left recently with their reasons; no Dial again for a moderator", async ({
  moderatorPage: page,
  room,
  apiAs,
}) => {
  test.setTimeout(120_000);
  const conf = await room("joins", [{ cli: NUMBERS[0] }, { cli: NUMBERS[1] }]);
  const calloutCallId = await dialIn(await apiAs("support"), conf.id, "Alice Example");
  await openConsole(page, conf.id, 3);
  // Nobody is new on the first load: they were there when the page opened.
  await expect(page.locator('[data-testid="participant-row"][data-joined]')).toHaveCount(0);
  await expect(page.getByTestId("left-recently")).toContainText("Nobody left in the last 10 minutes");

  const guest = await emulator.addParticipant(conf.id, { cli: NUMBERS[2], durationSeconds: 0 });
  await expect(rowOf(page, guest.callId)).toHaveAttribute("data-joined", "true");
  await expect(page.locator('[data-testid="participant-row"][data-joined]')).toHaveCount(1);
  await expect(page.getByTestId("presence-announcement")).toHaveText(`${fmt(NUMBERS[2])} joined.`);

  // Gavel's callee hangs up (Sinch's record says why); a dial-in is kicked through the page.
  await emulator.hangUp(conf.id, calloutCallId);
  await page.getByRole("button", { name: `Kick ${fmt(NUMBERS[0])}`, exact: true }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByLabel(/Reason/).fill("Background noise");
  await dialog.getByRole("button", { name: "Kick", exact: true }).click();
  await expect(page.getByTestId("participant-row")).toHaveCount(2);

  const kicked = leaveOf(page, conf.by(NUMBERS[0]).callId);
  await expect(kicked.getByTestId("left-recently-reason")).toHaveText(
    `Kicked by ${demoUser("moderator").email}: “Background noise”`,
  );
  await expect(kicked).toContainText(/left (just now|\d+ s ago) · stayed/);
  const callee = leaveOf(page, calloutCallId);
  await expect(callee).toContainText("Alice Example");
  await expect(callee.getByTestId("left-recently-reason")).toHaveText("Hung up");
  // One sentence or two, as the polls and the throttle fall: "… left." or "2 left: …".
  await expect(page.getByTestId("presence-announcement")).toContainText(/ left[.:]/);
  // A moderator does not place callouts: no Dial again.
  await expect(page.getByRole("button", { name: /^Dial .* again$/ })).toHaveCount(0);
});

test("support sees leaves from before the page opened and dials one again", async ({
  supportPage: page,
  room,
  apiAs,
}) => {
  test.setTimeout(120_000);
  const support = await apiAs("support");
  const conf = await room("joins-dial", [{ cli: NUMBERS[3] }, { cli: NUMBERS[4] }]);
  const [stays, leaver] = [conf.by(NUMBERS[3]).callId, conf.by(NUMBERS[4]).callId];
  // Someone else's page polls while they hang up; this page is not open yet.
  await pollUntil(support, conf.id, [stays, leaver]);
  await emulator.hangUp(conf.id, leaver);
  await pollUntil(support, conf.id, [stays]);

  await openConsole(page, conf.id, 1);
  const item = leaveOf(page, leaver);
  await expect(item).toContainText(fmt(NUMBERS[4]));
  await expect(item.getByTestId("left-recently-reason")).toHaveCount(0);
  await item.getByRole("button", { name: `Dial ${fmt(NUMBERS[4])} again` }).click();
  await expect
    .poll(async () =>
      (await emulator.calls()).some(
        (c) => c.kind === "conferenceCallout" && c.conferenceId === conf.id && c.to?.endpoint === NUMBERS[4],
      ),
    )
    .toBe(true);
  // They are dialled back in: the strip says so and offers no second call.
  await expect(item.getByTestId("left-recently-back")).toBeVisible();
  await expect(item.getByRole("button", { name: /again/ })).toHaveCount(0);
});

test("the tab title counts joins while the tab is hidden, and the row is highlighted when it is shown", async ({
  moderatorPage: page,
  room,
}) => {
  test.setTimeout(120_000);
  const conf = await room("joins-title", [{ cli: NUMBERS[0] }]);
  await openConsole(page, conf.id, 1);
  await expect(page).toHaveTitle(new RegExp(`^\\(1\\) ${conf.id} · Gavel$`));

  await setVisibility(page, "hidden");
  const guest = await emulator.addParticipant(conf.id, { cli: NUMBERS[1], durationSeconds: 0 });
  // The visible tab's poll stops; the hidden tab's slower one still sees the join.
  await expect(page).toHaveTitle(new RegExp(`^\\+1 joined · \\(2\\) ${conf.id} · Gavel$`));
  await expect(rowOf(page, guest.callId)).not.toHaveAttribute("data-joined", "true");

  await setVisibility(page, "visible");
  await expect(page).toHaveTitle(new RegExp(`^\\(2\\) ${conf.id} · Gavel$`));
  await expect(rowOf(page, guest.callId)).toHaveAttribute("data-joined", "true");
});

for (const theme of THEMES) {
  for (const vp of VIEWPORTS) {
    test(`screenshot: a highlighted join and Left recently, ${theme} theme, ${vp.name}`, async ({
      adminPage: page,
      room,
      apiAs,
    }) => {
      test.setTimeout(120_000);
      await lookAs(page, theme, vp);
      const admin = await apiAs("admin");
      const conf = await room("weekly-sync", [
        { cli: NUMBERS[0], durationSeconds: 3725 },
        { cli: NUMBERS[1], muted: true, durationSeconds: 1810 },
        { cli: NUMBERS[2], durationSeconds: 1500 },
        { cli: NUMBERS[3], durationSeconds: 920 },
      ]);
      const calloutCallId = await dialIn(await apiAs("support"), conf.id, "Alice Example");
      const ids = [...conf.participants.map((p) => p.callId), calloutCallId];
      await pollUntil(admin, conf.id, ids);
      const kick = await admin.delete(`/api/conferences/${enc(conf.id)}/participants/${conf.by(NUMBERS[2]).callId}`, {
        data: { reason: "Background noise" },
        headers: { origin: BASE_URL },
      });
      expect(kick.status()).toBe(200);
      await emulator.hangUp(conf.id, conf.by(NUMBERS[3]).callId);
      await emulator.hangUp(conf.id, calloutCallId);
      await pollUntil(admin, conf.id, [conf.by(NUMBERS[0]).callId, conf.by(NUMBERS[1]).callId]);

      await openConsole(page, conf.id, 2);
      await expect(page.getByTestId("left-recently-item")).toHaveCount(3);
      await expect(leaveOf(page, calloutCallId).getByTestId("left-recently-reason")).toHaveText("Hung up");
      const guest = await emulator.addParticipant(conf.id, { cli: NUMBERS[5], durationSeconds: 0 });
      await expect(rowOf(page, guest.callId)).toHaveAttribute("data-joined", "true");
      // Held at its first frame, so the picture shows the highlight rather than a moment of its fade.
      const held = await rowOf(page, guest.callId).evaluate((el) =>
        el.getAnimations({ subtree: true }).map((a) => {
          a.pause();
          a.currentTime = 0;
          return a instanceof CSSAnimation ? a.animationName : "";
        }),
      );
      expect(held).toContain("gavel-row-joined");
      await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark)/);
      await noSidewaysOverflow(page);
      await page.screenshot({ path: `test-results/screenshots/joins-${theme}-${vp.name}.png`, fullPage: true });
    });
  }
}
