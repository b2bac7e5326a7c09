/**
 * Room policies (issue 13, item 6), checked in the emulator's state. With nobody's
 * page open (policies set through the API): mute on entry mutes a participant added
 * through the emulator's control API, leaves a speaker and those already in the room
 * alone; the lobby holds a joiner with the chosen music. Then on the page: the
 * Waiting list, Admit (resumed in the emulator) and Turn away (the kick, confirmed).
 * Then screenshots of the policies control and the Waiting list in both themes at
 * desktop and phone widths.
 *
 * "Within two poll windows" is what the watcher's rounds give (lib/policies/server/
 * watcher.test.ts: it acts at its first round after the join); here the emulator's
 * state is waited for, not timed.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { NUMBERS, expectEmulator, fmt, openConsole } from "./console-helpers";
import { expect, test } from "./fixtures";
import { BASE_URL, emulator } from "./helpers";
import { lookAs, noSidewaysOverflow, THEMES, VIEWPORTS } from "./screenshot-helpers";

const enc = encodeURIComponent;

async function setPolicies(api: APIRequestContext, id: string, body: unknown): Promise<void> {
  const res = await api.patch(`/api/conferences/${enc(id)}/policies`, { data: body, headers: { origin: BASE_URL } });
  expect(res.status(), await res.text()).toBe(200);
}

async function setSpeakers(api: APIRequestContext, id: string, numbers: string[]): Promise<void> {
  const res = await api.patch(`/api/conferences/${enc(id)}/policies/speakers`, {
    data: { speakers: numbers.map((number) => ({ number })) },
    headers: { origin: BASE_URL },
  });
  expect(res.status(), await res.text()).toBe(200);
}

const waitingRow = (page: Page, cli: string) => page.getByTestId("waiting-row").filter({ hasText: fmt(cli) });

test("mute on entry with nobody's page open: a joiner is muted, a speaker and those already there are not", async ({
  room,
  apiAs,
}) => {
  const mod = await apiAs("moderator");
  const conf = await room("moe", [{ cli: NUMBERS[0] }]);
  await setSpeakers(mod, conf.id, [NUMBERS[4]]);
  await setPolicies(mod, conf.id, { muteOnEntry: true });

  const speaker = await emulator.addParticipant(conf.id, { cli: NUMBERS[4], durationSeconds: 0 });
  const guest = await emulator.addParticipant(conf.id, { cli: NUMBERS[2], durationSeconds: 0 });
  await expectEmulator(conf.id, guest.callId, { muted: true });
  // Seen in the same round as the guest, and left alone.
  await expectEmulator(conf.id, speaker.callId, { muted: false });
  await expectEmulator(conf.id, conf.by(NUMBERS[0]).callId, { muted: false });

  const view = await (await mod.get(`/api/conferences/${enc(conf.id)}/policies`)).json();
  expect(view).toMatchObject({ muteOnEntry: { on: true, setBy: expect.stringContaining("moderator") } });
  await setPolicies(mod, conf.id, { muteOnEntry: false });
});

test("lobby: a joiner waits on hold with the chosen music; Admit resumes them, Turn away kicks", async ({
  moderatorPage: page,
  room,
  apiAs,
}) => {
  test.setTimeout(120_000);
  const mod = await apiAs("moderator");
  const conf = await room("lobby", [{ cli: NUMBERS[0] }]);
  await setPolicies(mod, conf.id, { lobby: { on: true, moh: "music2" } });
  // Nobody's page is open yet: the watcher alone holds the joiner.
  const first = await emulator.addParticipant(conf.id, { cli: NUMBERS[1], durationSeconds: 0 });
  await expectEmulator(conf.id, first.callId, { onhold: true, moh: "music2" });
  await expectEmulator(conf.id, conf.by(NUMBERS[0]).callId, { onhold: false });

  await openConsole(page, conf.id, 2);
  await expect(waitingRow(page, NUMBERS[1])).toBeVisible();
  await page.getByRole("button", { name: `Admit ${fmt(NUMBERS[1])}` }).click();
  await expectEmulator(conf.id, first.callId, { onhold: false });
  await expect(waitingRow(page, NUMBERS[1])).toHaveCount(0);

  const second = await emulator.addParticipant(conf.id, { cli: NUMBERS[3], durationSeconds: 0 });
  await expect(waitingRow(page, NUMBERS[3])).toBeVisible();
  await expectEmulator(conf.id, second.callId, { onhold: true, moh: "music2" });
  await page.getByRole("button", { name: `Turn away ${fmt(NUMBERS[3])}` }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByRole("button", { name: "Kick", exact: true }).click();
  await expectEmulator(conf.id, second.callId, "gone");
  await expect(waitingRow(page, NUMBERS[3])).toHaveCount(0);
  await setPolicies(mod, conf.id, { lobby: { on: false, moh: "music2" } });
});

test("the page turns mute on entry on, and Mute all except speakers leaves the speaker unmuted", async ({
  moderatorPage: page,
  room,
  apiAs,
}) => {
  const mod = await apiAs("moderator");
  const conf = await room("mas", [{ cli: NUMBERS[0] }, { cli: NUMBERS[4] }, { cli: NUMBERS[2] }]);
  await setSpeakers(mod, conf.id, [NUMBERS[4]]);
  await openConsole(page, conf.id, 3);
  const policies = page.getByTestId("room-policies");
  await policies.getByRole("checkbox", { name: "Mute on entry" }).click();
  await expect(policies).toContainText(/on · set by moderator/);
  await policies.getByRole("button", { name: "Mute all except speakers" }).click();
  await expectEmulator(conf.id, conf.by(NUMBERS[0]).callId, { muted: true });
  await expectEmulator(conf.id, conf.by(NUMBERS[2]).callId, { muted: true });
  await expectEmulator(conf.id, conf.by(NUMBERS[4]).callId, { muted: false });
  await setPolicies(mod, conf.id, { muteOnEntry: false });
});

for (const theme of THEMES) {
  for (const vp of VIEWPORTS) {
    test(`screenshot: room policies and the Waiting list, ${theme} theme, ${vp.name}`, async ({
      adminPage: page,
      room,
      apiAs,
    }) => {
      test.setTimeout(120_000);
      await lookAs(page, theme, vp);
      const mod = await apiAs("moderator");
      const conf = await room("all-hands", [
        { cli: NUMBERS[0], durationSeconds: 1900 },
        { cli: NUMBERS[1], muted: true, durationSeconds: 1200 },
      ]);
      await setSpeakers(mod, conf.id, [NUMBERS[0]]);
      await setPolicies(mod, conf.id, { muteOnEntry: true, lobby: { on: true, moh: "music1" } });
      const a = await emulator.addParticipant(conf.id, { cli: NUMBERS[2], durationSeconds: 0 });
      const b = await emulator.addParticipant(conf.id, { cli: NUMBERS[5], durationSeconds: 0 });
      await expectEmulator(conf.id, a.callId, { onhold: true });
      await expectEmulator(conf.id, b.callId, { onhold: true });

      await openConsole(page, conf.id, 4);
      await expect(page.getByTestId("waiting-row")).toHaveCount(2);
      await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark)/);
      await noSidewaysOverflow(page);
      await page.getByTestId("room-policies").scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screenshots/policies-${theme}-${vp.name}.png`, fullPage: true });
      await setPolicies(mod, conf.id, { muteOnEntry: false, lobby: { on: false, moh: "music1" } });
    });
  }
}
