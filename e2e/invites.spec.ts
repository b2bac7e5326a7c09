/**
 * Expected attendees (issue 13, item 5), checked in the emulator's state: an admin
 * pastes an invite list (a bad line is named and left out); two invitees are already
 * in the room (put there through the emulator's control API), one was there and left,
 * two never came; "Dial everyone missing" asks for a confirmation with the count and
 * the emulator then receives conference callouts to exactly the two missing numbers
 * (not the present, not the one who left); the dial list's rows show each call; the
 * attendance CSV the page downloads lists the invitee who never joined (a busy line).
 * A moderator sees a long list collapsed, and no editing. Then screenshots of the Expected panel, in both themes at desktop and 375 px.
 */
import { readFileSync } from "node:fs";
import type { APIRequestContext, Download } from "@playwright/test";
import { CSV_BOM, parseCsv } from "../lib/audit/csv";
import type { ConferenceLive } from "../lib/conferences/schemas";
import { fmt, NUMBERS, openConsole } from "./console-helpers";
import { expect, test } from "./fixtures";
import { BASE_URL, emulator } from "./helpers";
import { lookAs, noSidewaysOverflow, THEMES, VIEWPORTS } from "./screenshot-helpers";

const enc = encodeURIComponent;
const run = 1_000_000 + Math.floor(Math.random() * 8_000_000);
let seq = 0;
/** A Swedish mobile number no other spec uses, so reruns against a reused server do not collide. */
const fresh = () => `+4673${String(run + seq++ * 7).padStart(7, "0")}`;
/** The emulator's busy line (lib/sinch/emulator/special-numbers.ts): rings, never joins. */
const BUSY = "+442079460486";

/** Polls the participants API (which records attendance) until the room holds exactly these numbers. */
async function pollUntil(ctx: APIRequestContext, id: string, numbers: string[]): Promise<void> {
  await expect
    .poll(async () => {
      const res = await ctx.get(`/api/conferences/${enc(id)}/participants`);
      return ((await res.json()) as ConferenceLive).participants.map((p) => p.cli).sort();
    })
    .toEqual([...numbers].sort());
}

/** The numbers the emulator was asked to call into the conference. */
async function calloutsInto(id: string): Promise<string[]> {
  return (await emulator.calls())
    .filter((c) => c.kind === "conferenceCallout" && c.conferenceId === id)
    .map((c) => c.to?.endpoint ?? "")
    .sort();
}

async function csvOf(download: Download): Promise<string[][]> {
  const text = readFileSync((await download.path())!, "utf8");
  return parseCsv(text.startsWith(CSV_BOM) ? text.slice(CSV_BOM.length) : text);
}

test("Dial everyone missing calls exactly the missing invitees; the attendance CSV lists who never came", async ({
  adminPage: page,
  room,
  apiAs,
}) => {
  test.setTimeout(150_000);
  const admin = await apiAs("admin");
  // NUMBERS[1] is in a range libphonenumber refuses (it cannot be invited): left out.
  const [here1, here2, leaver] = [NUMBERS[0], NUMBERS[3], NUMBERS[4]];
  const missing = fresh();
  const conf = await room("invites", [{ cli: here1 }, { cli: here2 }, { cli: leaver }]);
  await pollUntil(admin, conf.id, [here1, here2, leaver]);
  await emulator.hangUp(conf.id, conf.by(leaver).callId);
  await pollUntil(admin, conf.id, [here1, here2]);

  await openConsole(page, conf.id, 2);
  const panel = page.getByTestId("expected-panel");
  await expect(panel).toContainText("Nobody on the list yet");
  await panel.getByRole("button", { name: "Add people" }).click();
  const dialog = page.getByRole("dialog", { name: "Who is expected" });
  await dialog
    .getByRole("textbox", { name: "Paste numbers" })
    .fill([here1, here2, `${missing},Mia Missing`, `${BUSY},Busy Bee`, leaver, "not a number"].join("\n"));
  await expect(dialog.getByTestId("invite-paste-errors")).toContainText("Line 6: not a number");
  await dialog.getByRole("button", { name: "Add 5 numbers" }).click();
  await expect(dialog.getByTestId("invite-paste-errors")).toContainText("Line 6");
  await dialog.getByRole("button", { name: "Done" }).click();

  await expect(page.getByTestId("expected-summary")).toHaveText("2 of 5 present · 2 not yet joined · 1 left");
  await expect(page.getByTestId("expected-missing").getByTestId("expected-item")).toHaveCount(2);
  await expect(page.getByTestId("expected-left")).toContainText(fmt(leaver));

  await panel.getByRole("button", { name: "Dial everyone missing" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Dial everyone missing?" });
  await expect(confirm).toContainText("call 2 people");
  await expect(confirm).toContainText("Mia Missing");
  await expect(confirm).toContainText("Busy Bee");
  await confirm.getByRole("button", { name: "Dial 2" }).click();

  // The dial list's rows, one per call; the server answers once both are placed.
  const lines = page.getByTestId("expected-dial-run").getByTestId("dial-list-line");
  await expect(lines).toHaveCount(2);
  expect(await calloutsInto(conf.id)).toEqual([missing, BUSY].sort());
  // The one who answers is in the room and present; the busy line ends, never joined.
  await expect(page.locator(`[data-testid="expected-item"][data-number="${missing}"]`)).toHaveAttribute(
    "data-status",
    "present",
  );
  await expect(lines.filter({ hasText: "Busy Bee" })).toHaveAttribute("data-state", "busy");
  await panel.screenshot({ path: "test-results/screenshots/expected-dial-run-light-desktop.png" });
  // Nobody else was called meanwhile.
  expect(await calloutsInto(conf.id)).toEqual([missing, BUSY].sort());

  // The attendance CSV, as the page downloads it.
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Attendance CSV" }).click(),
  ]);
  const [head, ...rows] = await csvOf(file);
  const col = (r: string[], name: string) => r[head!.indexOf(name)] ?? "";
  const noShows = rows.filter((r) => col(r, "Status") === "Invited, never joined");
  expect(noShows.map((r) => [col(r, "Number"), col(r, "Label")])).toEqual([[`'${BUSY}`, "Busy Bee"]]);
  expect(rows.some((r) => col(r, "Number") === `'${leaver}` && col(r, "Status") === "Left")).toBe(true);
});

test("a long list starts collapsed to its one-line summary; the heading opens it", async ({
  moderatorPage: page,
  room,
  apiAs,
}) => {
  const admin = await apiAs("admin");
  const conf = await room("invites-long", [{ cli: NUMBERS[0] }]);
  const numbers = [NUMBERS[0], ...Array.from({ length: 11 }, fresh)];
  const res = await admin.post(`/api/conferences/${enc(conf.id)}/invites`, {
    data: { text: numbers.join("\n") },
    headers: { origin: BASE_URL },
  });
  expect(res.status(), await res.text()).toBe(200);
  await openConsole(page, conf.id, 1);
  const panel = page.getByTestId("expected-panel");
  await expect(page.getByTestId("expected-summary")).toHaveText("1 of 12 present · 11 not yet joined");
  await expect(panel.getByTestId("expected-item")).toHaveCount(0);
  // A moderator reads it and edits nothing.
  await expect(panel.getByRole("button", { name: /Dial everyone missing|Edit list/ })).toHaveCount(0);
  const toggle = panel.getByRole("button", { name: "Expected" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(panel.getByTestId("expected-item")).toHaveCount(12);
  await expect(panel.getByRole("button", { name: /^Remove / })).toHaveCount(0);
});

for (const theme of THEMES) {
  for (const vp of VIEWPORTS) {
    test(`screenshot: the Expected panel, ${theme} theme, ${vp.name}`, async ({ adminPage: page, room, apiAs }) => {
      test.setTimeout(120_000);
      await lookAs(page, theme, vp);
      const admin = await apiAs("admin");
      const conf = await room("board-meeting", [
        { cli: NUMBERS[0], durationSeconds: 1900 },
        { cli: NUMBERS[3], durationSeconds: 1500 },
        { cli: NUMBERS[4], durationSeconds: 900 },
      ]);
      await pollUntil(admin, conf.id, [NUMBERS[0], NUMBERS[3], NUMBERS[4]]);
      await emulator.hangUp(conf.id, conf.by(NUMBERS[4]).callId);
      await pollUntil(admin, conf.id, [NUMBERS[0], NUMBERS[3]]);
      const text = [
        `${NUMBERS[0]},Ada Lovelace`,
        `${NUMBERS[3]},Grace Hopper`,
        `${NUMBERS[4]},Alan Turing`,
        `${fresh()},Katherine Johnson`,
        `${fresh()},Edsger Dijkstra`,
        fresh(),
      ].join("\n");
      const res = await admin.post(`/api/conferences/${enc(conf.id)}/invites`, {
        data: { text },
        headers: { origin: BASE_URL },
      });
      expect(res.status(), await res.text()).toBe(200);

      await openConsole(page, conf.id, 2);
      const panel = page.getByTestId("expected-panel");
      await expect(page.getByTestId("expected-summary")).toHaveText("2 of 6 present · 3 not yet joined · 1 left");
      await expect(panel.getByTestId("expected-item")).toHaveCount(6);
      await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark)/);
      await noSidewaysOverflow(page);
      await page.screenshot({ path: `test-results/screenshots/expected-${theme}-${vp.name}.png`, fullPage: true });
      await panel.screenshot({ path: `test-results/screenshots/expected-panel-${theme}-${vp.name}.png` });
    });
  }
}
